/**
 * What the core needs from outside, owned by the core: infrastructure (the store, the lock) and
 * adapters (user channels, agent desks, whole platforms) implement these; the core imports none of
 * them.
 */
import type {
  Address,
  AgentEvent,
  AgentFeedback,
  CaseCard,
  DeskRef,
  DeskPost,
  OutboundFile,
  OutboundMessage,
  PlatformName,
  UserEvent,
} from './types.ts';

/**
 * Storage behind read / write / delete (grammY's StorageAdapter shape). Every call is bounded by a
 * timeout and fails with a `StoreError` instead of answering "nothing stored" (keyv 5's default
 * swallows errors, which makes an outage look like a brand-new user: docs/platform-facts.md).
 *
 * Values are data, never changed once written or read: a store only this process writes (SQLite,
 * memory) hands the same frozen object to every reader of a record, and a change throws. Make a
 * changed copy (`{ ...t, status }`, copyConversation) and write that.
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
  /** Deletes every key of this store's namespace (tests and benchmarks clean up after themselves). */
  clear?(): Promise<void>;
  /** 'sqlite' | 'redis' | 'postgres' | 'memory' — for logs and benchmarks. */
  readonly kind: string;
  /**
   * A lock every instance sharing this store respects (Redis), so one user's turns never run in
   * two processes at once. Absent for single-process stores (SQLite file, memory).
   */
  readonly lock?: DistributedLock | undefined;
}

/** A lock shared by every instance on one store (Redis); see `createStore`. */
export interface DistributedLock {
  /**
   * Waits until `key` is ours (at most `waitMs`, default the store's lock wait); resolves with its
   * release. Throws `LockBusy` when it stays busy, a `StoreError` when the store does not answer.
   */
  acquire(key: string, waitMs?: number): Promise<() => Promise<void>>;
}

/**
 * User channel port: sends to a user's DM. Throws a `DeliveryError` (src/core/errors.ts) with a
 * code when the platform refuses (user blocked the bot, DMs closed …); retries of 429/5xx are the
 * adapter's business (auto-retry / discord.js's own queue), so a throw means "gave up".
 */
export interface UserChannel {
  readonly platform: PlatformName;
  send(to: Address, message: OutboundMessage): Promise<void>;
  /**
   * Deletes a message the user sent (a pasted recovery phrase or key). Telegram bots may delete
   * incoming messages in private chats within 48 h
   * (https://core.telegram.org/bots/api#deletemessage); Discord bots cannot delete a user's DM, so
   * the Discord channel leaves this out and the core asks the user to delete it. Resolves false
   * when the platform refused.
   */
  deleteUserMessage?(to: Address, messageId: string): Promise<boolean>;
  /**
   * The step whose buttons the user last got is over (answered in words, cancelled …) and the
   * turn brought no new ones: take them off, so the finished step's keyboard does not stay on
   * screen. Best effort (a refusal is the channel's to log); a channel that cannot leaves it out.
   */
  closeChoices?(to: Address): Promise<void>;
}

/**
 * Agent desk port: one topic / thread per ticket. Methods throw `DeliveryError` with code
 * `thread_gone` when the topic / thread was deleted (the core re-creates it with the history).
 */
export interface AgentDesk {
  readonly platform: PlatformName;
  /**
   * Whether anyone is called when a post calls the seniors (SENIOR_AGENT_IDS, SENIOR_ROLE_ID):
   * false tells the agent who escalates that nobody was notified. Absent: not known.
   */
  readonly hasSeniors?: boolean | undefined;
  /**
   * Opens a topic / thread with the card and files. `onCreated` is awaited as soon as the topic /
   * thread exists (before the card and files are up), so an agent who writes in it at once is
   * already routed to the ticket.
   */
  openCase(
    card: CaseCard,
    files: OutboundFile[],
    onCreated?: (ref: DeskRef) => Promise<void>,
    /**
     * The topic / thread a previous run created before it was killed (its id was stored by
     * `onCreated`): post the card and files into it instead of creating a second one. Telegram
     * has no call that lists forum topics, so the id stored at creation is the only way back.
     */
    existing?: DeskRef,
  ): Promise<DeskRef>;
  updateCard(ref: DeskRef, card: CaseCard): Promise<void>;
  /**
   * Posts into the case. Answers the ids of the platform messages a text-only post was sent as,
   * when it knows them (a post resumed after a failure does not), so that it can be redacted.
   */
  post(ref: DeskRef, post: DeskPost): Promise<string[] | void>;
  /**
   * Rewrites messages this desk posted (the ids `post` answered) as `post`, text only; messages
   * the new text no longer needs are deleted. For the parts of a recovery phrase a user typed a
   * few words per message: they leave the desk once the rest shows what they were. A desk that
   * cannot edit its posts leaves this out; agents are then asked to delete them.
   */
  redactPost?(ref: DeskRef, messageIds: string[], post: DeskPost): Promise<void>;
  /** Edits the card to `card`, then closes (archives) the topic / thread. */
  closeCase(ref: DeskRef, card: CaseCard): Promise<void>;
  /** Reopens the topic / thread, then edits the card to `card`. */
  reopenCase(ref: DeskRef, card: CaseCard): Promise<void>;
}

/** The core as adapters see it. */
export interface SupportCore {
  handleUser(event: UserEvent): Promise<void>;
  handleAgent(event: AgentEvent): Promise<AgentFeedback>;
}

/**
 * A platform as `main.ts` runs it: the user channel and/or agent desk it offers, started with the
 * core once everything is wired, stopped on shutdown. Telegram, Discord and the terminal chat
 * implement it.
 */
export interface PlatformAdapter {
  readonly platform: PlatformName;
  readonly channel?: UserChannel | undefined;
  readonly desk?: AgentDesk | undefined;
  start(core: SupportCore): Promise<void>;
  stop(): Promise<void>;
}
