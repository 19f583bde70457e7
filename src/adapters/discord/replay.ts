/**
 * Catching up after downtime. Discord's gateway dispatches MESSAGE_CREATE only to a connected
 * session: missed events are replayed on RESUME of the same session, and a bot that was stopped
 * starts a new session (IDENTIFY), so DMs sent while it was offline never arrive as events. At
 * start the adapter therefore reads, for each user with an open conversation or case, the DM
 * messages after the last one it handled, and hands each to the core once, oldest first (the core
 * drops a message id it already handled).
 * @see https://discord.com/developers/docs/events/gateway#resuming
 * @see https://discord.com/developers/docs/resources/message#get-channel-messages
 */
import { Routes, type APIMessage, type REST } from 'discord.js';

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
