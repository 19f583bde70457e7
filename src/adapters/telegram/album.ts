/**
 * Albums: Telegram delivers an album as separate messages sharing a `media_group_id`, with no
 * marker for the last one. We hold the parts for a short quiet window (default 1.5 s, restarted by
 * each part, cut short at Telegram's maximum of 10) and hand the core one step with all of them.
 * @see https://core.telegram.org/bots/api#message (media_group_id)
 * @see https://core.telegram.org/bots/api#sendmediagroup (2–10 items)
 */
import type { AgentEvent, UserEvent } from '../../core/types.ts';

const MAX_ALBUM = 10;

interface Bucket<T> {
  chatKey: string;
  items: T[];
  timer: NodeJS.Timeout | undefined;
}

export class AlbumCollector<T> {
  private buckets = new Map<string, Bucket<T>>();
  /** Per chat: albums buffered or being handed over, so a later message of that chat waits for them. */
  private pending = new Map<string, Set<Promise<void>>>();
  private settle = new Map<Bucket<T>, () => void>();

  constructor(
    private readonly windowMs: number,
    /** Hands a complete album on; must not throw (errors go to `onError`). */
    private readonly onAlbum: (items: T[]) => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  add(chatKey: string, groupId: string, item: T): void {
    const key = `${chatKey}\u0000${groupId}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const created: Bucket<T> = { chatKey, items: [], timer: undefined };
      bucket = created;
      this.buckets.set(key, created);
      const done = new Promise<void>((resolve) => this.settle.set(created, resolve));
      const set = this.pending.get(chatKey) ?? new Set();
      set.add(done);
      this.pending.set(chatKey, set);
      void done.then(() => {
        set.delete(done);
        if (set.size === 0 && this.pending.get(chatKey) === set) this.pending.delete(chatKey);
      });
    }
    bucket.items.push(item);
    clearTimeout(bucket.timer);
    if (bucket.items.length >= MAX_ALBUM) this.fire(key);
    else bucket.timer = setTimeout(() => this.fire(key), this.windowMs);
  }

  /** Resolves once every album of this chat seen so far has been handed over (and handled). */
  async whenSettled(chatKey: string): Promise<void> {
    const set = this.pending.get(chatKey);
    if (set && set.size > 0) await Promise.all([...set]);
  }

  /** On stop: hand over what is buffered now instead of dropping it, and wait for it. */
  async flushAll(): Promise<void> {
    const all = [...this.pending.values()].flatMap((s) => [...s]);
    for (const key of [...this.buckets.keys()]) this.fire(key);
    await Promise.all(all);
  }

  get size(): number {
    return this.buckets.size;
  }

  private fire(key: string): void {
    const bucket = this.buckets.get(key);
    if (!bucket) return;
    this.buckets.delete(key);
    clearTimeout(bucket.timer);
    const resolve = this.settle.get(bucket);
    this.settle.delete(bucket);
    this.onAlbum(bucket.items)
      .catch((err: unknown) => this.onError(err))
      .finally(() => resolve?.());
  }
}

/**
 * One step from an album's parts: message ids in order, the first id stands for the album, the
 * captions (usually only the first part has one) joined, every part's attachments in order.
 */
export function mergeUserAlbum(parts: UserEvent[]): UserEvent {
  const messages = parts
    .filter((p): p is Extract<UserEvent, { type: 'message' }> => p.type === 'message')
    .sort((a, b) => Number(a.messageId) - Number(b.messageId));
  const first = messages[0];
  if (!first) throw new Error('mergeUserAlbum: an album needs at least one message');
  const merged: UserEvent = {
    ...first,
    text: joinCaptions(messages.map((m) => m.text)),
    attachments: messages.flatMap((m) => m.attachments),
  };
  const unsupported = messages.find((m) => m.unsupported !== undefined)?.unsupported;
  if (unsupported !== undefined) merged.unsupported = unsupported;
  else delete merged.unsupported;
  // What waits after the album is what waited after its last part: the first part's count was
  // the album's own other parts, and a relayed album's desk post waited 2 s for them in vain.
  const after = messages.at(-1)!.queuedAfter;
  if (after) merged.queuedAfter = after;
  else delete merged.queuedAfter;
  return merged;
}

/** An album part captioned with a command that is not ours: the whole album is left alone. */
export interface SkippedAlbumPart {
  type: 'skip';
  messageId: string;
  reason: string;
}

export type AgentAlbumPart = AgentEvent | SkippedAlbumPart;

/**
 * One event from an agent's album in a topic, or undefined when none of it is for the core.
 *
 * Telegram puts an album's caption on one part only (the first, when typed once); the others
 * arrive as separate messages with the same media_group_id and no caption
 * (https://core.telegram.org/bots/api#message). So a command caption speaks for the whole album:
 * "/note …" on an album is ONE note and no part of it is relayed to the user. The command's args
 * gain any other captions. A command that is not ours (unknown, or another bot's) drops the album.
 * Otherwise: one reply, the captions joined, every part's attachments in order.
 *
 * The command event carries no files: the core's command events have no attachments.
 */
export function mergeAgentAlbum(parts: AgentAlbumPart[]): AgentEvent | undefined {
  const ordered = [...parts].sort((a, b) => Number(a.messageId) - Number(b.messageId));
  const replies = ordered.filter(
    (p): p is Extract<AgentEvent, { type: 'reply' }> => p.type === 'reply',
  );
  const command = ordered.find(
    (p): p is Extract<AgentEvent, { type: 'command' }> => p.type === 'command',
  );
  if (command) {
    return { ...command, args: joinCaptions([command.args, ...replies.map((r) => r.text)]) };
  }
  if (ordered.some((p) => p.type === 'skip')) return undefined;
  const first = replies[0];
  if (!first) return undefined;
  return {
    ...first,
    text: joinCaptions(replies.map((r) => r.text)),
    attachments: replies.flatMap((r) => r.attachments),
  };
}

function joinCaptions(captions: string[]): string {
  return captions.filter((c) => c.trim().length > 0).join('\n');
}
