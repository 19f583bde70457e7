/**
 * Catching up after downtime. Discord's gateway dispatches MESSAGE_CREATE only to a connected
 * session: missed events are replayed on RESUME of the same session, and a bot that was stopped
 * starts a new session (IDENTIFY), so DMs sent while it was offline never arrive as events. At
 * start the adapter therefore reads, for each user with an open conversation or case, the DM
 * messages after the last one it handled, and hands each to the core once, oldest first (the core
 * drops a message id it already handled).
 *
 * Edits made while it was offline are missed the same way (MESSAGE_UPDATE is an event too). A new
 * message edited then is read with its new words anyway; for the messages it had handled, one more
 * page is read (the 50 messages up to the last one handled) and each whose `edited_timestamp` is
 * later than the last edit handled in that DM (kept in the core's store; before any, the time of
 * the last message handled) is handed on as an edit, in time order with the new messages. Not
 * seen: an edit of an older message, and of two edits of one message only the last (a message
 * keeps only its words now). Without the store, edits are not caught up.
 * @see https://discord.com/developers/docs/events/gateway#resuming
 * @see https://discord.com/developers/docs/resources/message#get-channel-messages
 */
import {
  Routes,
  type APIMessage,
  type GatewayMessageCreateDispatchData,
  type REST,
} from 'discord.js';
import type { KeyValueStore } from '../../core/ports.ts';
import type { KeyedQueue } from '../../core/queue.ts';
import type { Logger } from '../../log.ts';
import { errorSummary } from './errors.ts';

/** A DM channel to catch up, and the last message in it the adapter handed to the core. */
export interface ReplayEntry {
  userId: string;
  channelId: string;
  afterMessageId: string;
}

/**
 * Where the adapter keeps "last DM message handled" per user (given by main.ts, backed by the
 * store), and learns which users have an open conversation or case.
 */
export interface ReplayRecord {
  /** Users with an open conversation or case, with their DM channel and last handled message. */
  list(): Promise<ReplayEntry[]>;
  /** A DM message was handed to the core (called after each one, replayed ones included). */
  remember(userId: string, channelId: string, messageId: string): Promise<void>;
}

export interface DmReplayDeps {
  /** Unset: no replay. */
  record: ReplayRecord | undefined;
  rest: REST;
  /** The adapter's per-channel turn queue: replayed messages go before live ones of the DM. */
  queue: KeyedQueue;
  log: Logger;
  /** Hands one message to the core, as a live one would be (inside the channel's queue). */
  handle(message: APIMessage): Promise<void>;
  /** Hands one edit to the core, as a live MESSAGE_UPDATE would be (inside the channel's queue). */
  handleEdit(message: APIMessage): Promise<void>;
  /** The core's store: the time of the last edit handled per DM. Unset: edits are not caught up. */
  store?: KeyValueStore | undefined;
  /** Logs a turn's failure with a short reference. */
  turnFailed(err: unknown, context: Record<string, unknown>): void;
  stopped(): boolean;
}

/** The adapter's side of the replay: what to catch up at start, and what was handled since. */
export class DmReplay {
  constructor(private readonly deps: DmReplayDeps) {}

  /** The DMs to catch up (none when the record cannot be read: said in the log). */
  async list(): Promise<ReplayEntry[]> {
    if (!this.deps.record) return [];
    try {
      return await this.deps.record.list();
    } catch (err) {
      this.deps.log.warn(
        { error: errorSummary(err) },
        'DMs sent while the bot was offline are not replayed: the replay record could not be read',
      );
      return [];
    }
  }

  /**
   * Queues, per DM channel, the messages after the last one handled, oldest first; they run once
   * the rest of the start-up succeeded (`startedOk`).
   */
  catchUp(entries: ReplayEntry[], startedOk: Promise<boolean>): void {
    const { rest, queue, log } = this.deps;
    for (const entry of entries) {
      const { channelId } = entry;
      queue
        .run(channelId, async () => {
          if (!(await startedOk)) return;
          const missed = await fetchMessagesAfter(rest, channelId, entry.afterMessageId);
          const theirs = missed.filter((m) => !m.author.bot);
          const edits = await this.editsWhileAway(entry);
          if (theirs.length || edits.length)
            log.info(
              { channelId, userId: entry.userId, messages: theirs.length, edits: edits.length },
              'replaying DMs sent while the bot was offline',
            );
          // In the order the user did them: an edit between two new messages stays between them.
          const steps = [
            ...edits.map((m) => ({ at: Date.parse(m.edited_timestamp!), m, edit: true })),
            ...theirs.map((m) => ({ at: Date.parse(m.timestamp), m, edit: false })),
          ].sort((a, b) => a.at - b.at);
          for (const { m, edit } of steps) {
            if (this.deps.stopped()) return;
            await (edit ? this.deps.handleEdit(m) : this.deps.handle(m)).catch((err) =>
              this.deps.turnFailed(err, { channelId, messageId: m.id, replayed: true, edit }),
            );
          }
        })
        .catch((err) =>
          log.warn(
            { channelId, userId: entry.userId, error: errorSummary(err) },
            'DMs sent while the bot was offline could not be fetched',
          ),
        );
    }
  }

  /**
   * The user's messages up to the last one handled that were edited after the last edit handled
   * in the DM: one page (50), and only with a store.
   */
  private async editsWhileAway(entry: ReplayEntry): Promise<APIMessage[]> {
    const { store, rest, log } = this.deps;
    if (!store) return [];
    try {
      const since =
        (await store.get<number>(lastEditKey(entry.channelId))) ??
        snowflakeTime(entry.afterMessageId);
      const page = (await rest.get(Routes.channelMessages(entry.channelId), {
        query: new URLSearchParams({
          before: (BigInt(entry.afterMessageId) + 1n).toString(),
          limit: String(EDIT_WINDOW),
        }),
      })) as APIMessage[];
      return page.filter(
        (m) => !m.author.bot && !!m.edited_timestamp && Date.parse(m.edited_timestamp) > since,
      );
    } catch (err) {
      log.warn(
        { channelId: entry.channelId, error: errorSummary(err) },
        'edits made while the bot was offline are not replayed: they could not be read',
      );
      return [];
    }
  }

  /** A DM edit was handed to the core: a restart replays only edits made after it. */
  async rememberEdit(data: {
    guild_id?: string;
    channel_id: string;
    edited_timestamp?: string | null;
  }): Promise<void> {
    const { store } = this.deps;
    if (!store || data.guild_id || !data.edited_timestamp) return;
    await store
      .set(lastEditKey(data.channel_id), Date.parse(data.edited_timestamp), KEEP_MS)
      .catch((err: unknown) =>
        this.deps.log.warn(
          { channelId: data.channel_id, error: errorSummary(err) },
          'last handled DM edit not recorded (a restart may replay it; the core drops repeats)',
        ),
      );
  }

  /** A DM message was handed to the core: a restart replays only what came after it. */
  async remember(data: GatewayMessageCreateDispatchData): Promise<void> {
    if (!this.deps.record || data.guild_id) return;
    try {
      await this.deps.record.remember(data.author.id, data.channel_id, data.id);
    } catch (err) {
      this.deps.log.warn(
        { channelId: data.channel_id, error: errorSummary(err) },
        'last handled DM not recorded (a restart may replay it; the core drops repeats)',
      );
    }
  }
}

/** How many of the messages handled before a restart are looked at for edits. */
const EDIT_WINDOW = 50;
/** How long the last edit's time is kept (as main.ts keeps the replay record). */
const KEEP_MS = 30 * 24 * 60 * 60_000;
const lastEditKey = (channelId: string) => `adapter:v1:discord:last-edit:${channelId}`;

/**
 * When a snowflake was made: its top bits are milliseconds since the Discord epoch (2015).
 * @see https://discord.com/developers/docs/reference#snowflakes
 */
export function snowflakeTime(id: string): number {
  return Number(BigInt(id) >> 22n) + 1_420_070_400_000;
}

/** Get Channel Messages returns at most 100 per call. */
const PAGE = 100;

/**
 * The messages of `channelId` after `afterMessageId`, oldest first, at most `maxPages` pages.
 * Discord answers newest first whatever the parameters, so each page is sorted by id (snowflakes
 * grow with time) and the next page starts after the newest one seen.
 * @see https://discord.com/developers/docs/reference#snowflakes
 */
export async function fetchMessagesAfter(
  rest: REST,
  channelId: string,
  afterMessageId: string,
  maxPages = 10,
): Promise<APIMessage[]> {
  const out: APIMessage[] = [];
  let after = afterMessageId;
  for (let page = 0; page < maxPages; page++) {
    const batch = (await rest.get(Routes.channelMessages(channelId), {
      query: new URLSearchParams({ after, limit: String(PAGE) }),
    })) as APIMessage[];
    const newer = batch
      .filter((m) => compareIds(m.id, after) > 0)
      .sort((a, b) => compareIds(a.id, b.id));
    if (!newer.length) break;
    out.push(...newer);
    after = newer[newer.length - 1]!.id;
    if (batch.length < PAGE) break;
  }
  return out;
}

/** Snowflakes as numbers (they outgrow 2^53: compare by length, then digits). */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
