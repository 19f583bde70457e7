import type { Logger } from 'pino';
import { DeliveryError } from './errors.ts';
import type { EvidenceFile, EvidenceStore } from './evidence.ts';
import type { IntentCatalog } from './intents.ts';
import type { IntentClassifier } from './nlu/classifier.ts';
import { DEFAULT_TXID_SHAPE, type TransactionIdShape } from './nlu/entities.ts';
import { KnownAgents } from './agents.ts';
import { alwaysOpenClock } from './clock.ts';
import type { Snippets } from './snippets.ts';
import type { Spool } from './spool.ts';
import type { ServiceClock } from './flow/types.ts';
import type { AgentDesk, KeyValueStore, UserChannel } from './ports.ts';
import type { Traditionalizer } from './script.ts';
import type { Locale, Texts } from './texts.ts';
import { TurnQueue } from './queue.ts';
import { Repo } from './repo.ts';
import { newTicketId } from './tickets/ids.ts';
import { priorityIn } from './tickets/card.ts';
import type { Address, OutboundFile, OutboundMessage, Priority } from './types.ts';

export interface SupportBotDeps {
  store: KeyValueStore;
  catalog: IntentCatalog;
  classifier: IntentClassifier;
  evidence: EvidenceStore;
  /** One per user-facing platform; replies go to the channel named by the user's address. */
  channels: UserChannel[];
  /** Where agents work (AGENT_DESK). Without one, tickets are kept and wait in the outbox. */
  desk?: AgentDesk;
  logger: Logger;
  txid?: TransactionIdShape;
  now?: () => number;
  newTicketId?: () => string;
  /** Longer texts are cut (and the user told). */
  maxTextLength?: number;
  /** How often undelivered desk posts and agent replies are retried (ms). */
  outboxIntervalMs?: number;
  /** Bound on one attachment download (ms). */
  downloadTimeoutMs?: number;
  /** The bot's and the desk's words (texts/). */
  texts: Texts;
  /** Simplified → Traditional for intents' data shown to Traditional-Chinese users. */
  traditional: Traditionalizer;
  /** Service hours and answer-time targets; default: around the clock. */
  clock?: ServiceClock;
  /** The desk's language (DESK_LANG): agents' feedback, cards. */
  deskLocale?: Locale;
  /** The name users see instead of an agent's own (STAFF_ALIAS). */
  staffAlias?: string;
  /** AGENT_LINK_DOMAINS: agents' replies linking anywhere else are held; unset: links are not checked. */
  linkDomains?: string[];
  /**
   * AGENT_CONTACTS: the official handles, phone numbers and e-mail addresses agents may give users
   * (e-mail at an AGENT_LINK_DOMAINS domain is allowed too); replies giving others are held.
   */
  agentContacts?: string[];
  /** RETENTION_DAYS: closed cases' files and words are deleted after this many days (0: kept). */
  retentionDays?: number;
  /** Agents' canned replies (snippets/). */
  snippets?: Snippets;
  /** TRANSCRIPT_ON_CLOSE: the transcript file is posted in the case when it closes. */
  transcriptOnClose?: boolean;
  /** USER_IDLE_NUDGE / USER_IDLE_CLOSE (ms after an unanswered agent message). */
  idleNudgeMs?: number;
  idleCloseMs?: number;
  /** How often SLA and idle timers are checked (ms; default 15 s). */
  timerIntervalMs?: number;
  /** Where user messages wait while the store is unreachable (DATA_DIR/spool). */
  spool?: Spool;
  /** How often the store is probed during an outage (ms; default 2 s). */
  outageProbeMs?: number;
}

/** The queue key of one user: their turns, and agent events on their ticket, run one at a time. */
export const userKey = (platform: string, userId: string): string => `user:${platform}:${userId}`;

/**
 * What every job of the core shares: the dependencies, the repository, the per-user turn queue and
 * three small helpers (index updates, replies to a user, reading evidence back).
 */
export class CoreContext {
  readonly repo: Repo;
  readonly log: Logger;
  readonly queue: TurnQueue;
  readonly now: () => number;
  readonly newTicketId: () => string;
  readonly txid: TransactionIdShape;
  readonly maxTextLength: number;
  readonly texts: Texts;
  readonly traditional: Traditionalizer;
  readonly clock: ServiceClock;
  readonly deskLocale: Locale;
  readonly agents: KnownAgents;
  readonly snippets: Snippets | undefined;
  readonly spool: Spool | undefined;
  private readonly channels: Map<string, UserChannel>;
  /** Counters for /metrics since start (per process). */
  readonly counters = {
    userTurns: 0,
    ticketsOpened: 0,
    agentReplies: 0,
    slaBreaches: 0,
    secretsMasked: new Map<string, number>(),
  };

  constructor(readonly deps: SupportBotDeps) {
    this.repo = new Repo(deps.store);
    this.queue = new TurnQueue(deps.store.lock);
    this.log = deps.logger.child({ module: 'core' });
    this.channels = new Map(deps.channels.map((c) => [c.platform, c]));
    this.now = deps.now ?? Date.now;
    this.newTicketId = deps.newTicketId ?? newTicketId;
    this.txid = deps.txid ?? DEFAULT_TXID_SHAPE;
    this.maxTextLength = deps.maxTextLength ?? 4000;
    this.texts = deps.texts;
    this.traditional = deps.traditional;
    this.clock = deps.clock ?? alwaysOpenClock();
    this.deskLocale = deps.deskLocale ?? 'en';
    this.agents = new KnownAgents(deps.store);
    this.snippets = deps.snippets;
    this.spool = deps.spool;
  }

  /** A desk text (agents' feedback) in DESK_LANG. */
  desk(key: string, vars?: Record<string, string | number>): string {
    return this.texts.get(this.deskLocale, `desk.${key}`, vars);
  }

  /** Words in brackets after a desk notice's words: " (why)" in English, "（原因）" in Chinese. */
  deskAside(text: string): string {
    return this.deskLocale === 'en' ? ` (${text})` : `（${text}）`;
  }

  /** A priority as the desk reads it ("urgent", "紧急"). */
  priorityName(p: Priority): string {
    return priorityIn(this.texts, this.deskLocale, p);
  }

  channel(platform: string): UserChannel | undefined {
    return this.channels.get(platform);
  }

  /** Read-modify-write of an id list (open tickets, outbox), serialized per list. */
  updateIndex(key: string, add: string[], remove: string[]): Promise<void> {
    return this.queue.run(`index:${key}`, () => this.repo.updateIds(key, add, remove));
  }

  /** A reply to a user; a refusal by the platform is logged, never thrown (the turn is done). */
  /**
   * Sends to a user; never throws. Says whether it was delivered, or the user cannot be reached
   * (blocked the bot, closed their DMs) — the desk is told so, not that the user was asked.
   */
  async sendToUser(
    to: Address,
    message: OutboundMessage,
    log: Logger,
  ): Promise<'sent' | 'unreachable' | 'failed'> {
    const channel = this.channels.get(to.platform);
    if (!channel) {
      log.error({ platform: to.platform }, 'no user channel for this platform; reply not sent');
      return 'failed';
    }
    try {
      await channel.send(to, message);
      return 'sent';
    } catch (err) {
      const code = err instanceof DeliveryError ? err.code : undefined;
      log.warn({ err, code }, 'reply to user not delivered');
      return code === 'user_unreachable' ? 'unreachable' : 'failed';
    }
  }

  /**
   * The bytes of a ticket's files. A file missing from this instance's disk (several instances
   * without a shared DATA_DIR, or a disk restored without its evidence folder) is left out and
   * counted in `missing`, so the case still reaches the desk instead of failing on every retry.
   */
  async readFiles(
    files: EvidenceFile[] | undefined,
    missing?: { count: number },
    /** An agent's files for the user: under the names the agent gave them (`handedOnName`). */
    named = false,
  ): Promise<OutboundFile[]> {
    const read = await Promise.all(
      (files ?? []).map((f) =>
        this.deps.evidence.read(f, named).catch((err: unknown) => {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !missing) throw err;
          this.log.error(
            { file: f.sha256.slice(0, 12) },
            'evidence file missing on this instance (every instance needs the same DATA_DIR)',
          );
          missing.count++;
          return undefined;
        }),
      ),
    );
    return read.filter((f): f is OutboundFile => !!f);
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
