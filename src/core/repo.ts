import type { KeyValueStore } from './ports.ts';
import type { Conversation } from './flow/state.ts';
import {
  splitTranscript,
  type Ticket,
  type TranscriptChunk,
  type TranscriptEntry,
} from './tickets/ticket.ts';

/**
 * Every key the core writes, namespaced and versioned in one place (grammY's version pin):
 * a change of a record's shape bumps its version instead of misreading old data.
 */
export const keys = {
  conversation: (platform: string, userId: string) => `conv:v1:${platform}:${userId}`,
  ticket: (id: string) => `ticket:v1:${id}`,
  /** The older entries of a ticket's transcript, in append-only chunks (see splitTranscript). */
  transcriptChunk: (id: string, n: number) => `transcript:v1:${id}:${n}`,
  /** What the user and the bot said before the case opened (written once, with the ticket). */
  beforeCase: (id: string) => `before-case:v1:${id}`,
  deskThread: (platform: string, chatId: string, threadId: string) =>
    `desk:v1:${platform}:${chatId}:${threadId}`,
  /**
   * Ids of tickets not closed (agents never lose a case), in 16 shards by the id's last character,
   * so opening a ticket rewrites a short list, not all of them.
   */
  openTickets: (shard: number) => `index:v1:open:${shard}`,
  /** Ids of tickets with something not yet delivered (desk posts, replies to the user). */
  outbox: () => 'outbox:v1',
  /** Ids of tickets closed on a day (YYYY-MM-DD, UTC): RETENTION_DAYS works through these. */
  closedOn: (day: string) => `index:v1:closed:${day}`,
  /** The last day RETENTION_DAYS has purged (YYYY-MM-DD). */
  retentionThrough: () => 'retention:v1:through',
};

export const OPEN_SHARDS = 16;
export const openShardOf = (id: string): number => id.charCodeAt(id.length - 1) % OPEN_SHARDS;

export class Repo {
  constructor(readonly store: KeyValueStore) {}

  conversation(platform: string, userId: string): Promise<Conversation | undefined> {
    return this.store.get<Conversation>(keys.conversation(platform, userId));
  }

  saveConversation(platform: string, userId: string, c: Conversation): Promise<void> {
    return this.store.set(keys.conversation(platform, userId), c);
  }

  ticket(id: string): Promise<Ticket | undefined> {
    return this.store.get<Ticket>(keys.ticket(id));
  }

  /** Writes a ticket; settled transcript entries move out to a chunk first when one is due. */
  async saveTicket(t: Ticket): Promise<void> {
    const { chunk, ticket } = splitTranscript(t);
    if (chunk) await this.store.set(keys.transcriptChunk(t.id, t.transcriptChunks ?? 0), chunk);
    await this.store.set(keys.ticket(t.id), ticket);
  }

  /**
   * The whole transcript, in order: the chunks, then the entries the record holds. A chunk the
   * store lost shows as placeholder entries, so every index still means the same entry.
   */
  async transcript(t: Ticket): Promise<TranscriptEntry[]> {
    const chunks = await this.chunks(t);
    const all: TranscriptEntry[] = [];
    const lost = (upTo: number) => {
      while (all.length < upTo)
        all.push({ at: t.createdAt, from: 'system', text: '[entry missing from the store]' });
    };
    for (const c of chunks) {
      if (!c) continue;
      lost(c.from);
      all.push(...c.entries.slice(all.length - c.from));
    }
    lost(t.transcriptBase ?? 0);
    all.push(...t.transcript);
    return all;
  }

  /** The exchange with the bot before the case opened (Ticket.beforeCaseLines), oldest first. */
  async beforeCase(t: Ticket): Promise<TranscriptEntry[]> {
    if (!t.beforeCaseLines) return [];
    return (await this.store.get<TranscriptEntry[]>(keys.beforeCase(t.id))) ?? [];
  }

  saveBeforeCase(id: string, lines: TranscriptEntry[]): Promise<void> {
    return this.store.set(keys.beforeCase(id), lines);
  }

  /** Rewrites every stored chunk of a ticket's transcript entry by entry (retention). */
  async rewriteChunks(t: Ticket, entry: (e: TranscriptEntry) => TranscriptEntry): Promise<void> {
    const chunks = await this.chunks(t);
    for (const [n, c] of chunks.entries())
      if (c)
        await this.store.set(keys.transcriptChunk(t.id, n), {
          ...c,
          entries: c.entries.map(entry),
        });
  }

  private chunks(t: Ticket): Promise<Array<TranscriptChunk | undefined>> {
    return Promise.all(
      Array.from({ length: t.transcriptChunks ?? 0 }, (_, n) =>
        this.store.get<TranscriptChunk>(keys.transcriptChunk(t.id, n)),
      ),
    );
  }

  ticketIdForThread(
    platform: string,
    chatId: string,
    threadId: string,
  ): Promise<string | undefined> {
    return this.store.get<string>(keys.deskThread(platform, chatId, threadId));
  }

  linkThread(platform: string, chatId: string, threadId: string, ticketId: string): Promise<void> {
    return this.store.set(keys.deskThread(platform, chatId, threadId), ticketId);
  }

  async listIds(key: string): Promise<string[]> {
    return (await this.store.get<string[]>(key)) ?? [];
  }

  /** Read-modify-write of a small id list; callers serialize it through the queue. */
  async updateIds(key: string, add: string[], remove: string[]): Promise<void> {
    const ids = new Set(await this.listIds(key));
    let changed = false;
    for (const id of add)
      if (!ids.has(id)) {
        ids.add(id);
        changed = true;
      }
    for (const id of remove) if (ids.delete(id)) changed = true;
    if (changed) await this.store.set(key, [...ids]);
  }
}
