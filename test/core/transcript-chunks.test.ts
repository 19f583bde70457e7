import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../src/core/ports.ts';
import { keys, Repo } from '../../src/core/repo.ts';
import {
  CHUNK_TEXT,
  TRANSCRIPT_KEEP,
  transcriptLength,
  type Ticket,
} from '../../src/core/tickets/ticket.ts';
import { createStore } from '../../src/store.ts';
import { Harness } from '../support/harness.ts';
import { testTicket } from '../support/tickets.ts';

const DAY = 86_400_000;
let h: Harness | undefined;
let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await h?.dispose();
  h = undefined;
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A case whose user has sent `n` long messages, one every 5 s (under the flood guard). */
async function longCase(n: number, opts: { retentionDays?: number } = {}) {
  let clock = Date.UTC(2026, 11, 5, 10);
  h = await Harness.create({ now: () => clock, ...opts });
  const u = h.user();
  const id = await u.openWithdrawalCase();
  const sent: string[] = [];
  for (let i = 0; i < n; i++) {
    clock += 5_000;
    const text = `message ${i} ` + 'x'.repeat(2_000);
    sent.push(text);
    await u.says(text);
  }
  return { h, u, id, sent, later: (ms: number) => (clock += ms) };
}

describe('a long case', () => {
  it('keeps the ticket record small; the desk and /transcript get every message in full', async () => {
    const { h, id, sent } = await longCase(120);
    const posted = h.desk.live(id)!.posts.map((p) => p.text);
    for (const text of sent) expect(posted).toContain(text);

    const t = await h.ticket(id);
    expect(transcriptLength(t)).toBe(121);
    // The record holds the newest entries only; the rest is in chunks.
    expect(t.transcript.length).toBeLessThan(TRANSCRIPT_KEEP + 20);
    expect(JSON.stringify(t).length).toBeLessThan(CHUNK_TEXT + 30 * 2_100);
    expect(t.transcriptChunks).toBeGreaterThan(3);
    expect(await h.t.store.get(keys.transcriptChunk(id, 0))).toBeDefined();

    const all = await h.core.repo.transcript(t);
    expect(all.map((e) => e.text)).toEqual(['my withdrawal has been pending for 3 days', ...sent]);

    const feedback = await h.agent('Alice').command(id, 'transcript');
    const file = new TextDecoder().decode(feedback.file!.bytes);
    for (const text of sent) expect(file).toContain(text);
    expect(file).not.toMatch(/shortened/);
    expect(feedback.text).toContain('121');
  });

  it('replays the history from the chunks when the topic / thread is re-created', async () => {
    const { h, u, id, sent } = await longCase(60);
    await h.agent('Alice').reply(id, 'Looking into it now.');
    h.desk.live(id)!.deleted = true;
    await u.says('hello? anyone there');
    const again = h.desk.live(id)!;
    const posts = again.posts.map((p) => p.text).join('\n');
    for (const text of sent) expect(posts).toContain(text);
    expect(posts).toMatch(/agent Alice: Looking into it now\./);
    expect(posts).toContain('hello? anyone there');
    // Each message once: the replay does not double what it posted.
    expect(posts.split(sent[0]!).length).toBe(2);
  });

  it('RETENTION_DAYS empties the chunks too', async () => {
    const { h, id, later } = await longCase(60, { retentionDays: 30 });
    await h.agent('Alice').reply(id, 'It has been sent, should arrive today.');
    await h.agent('Alice').command(id, 'close');
    later(31 * DAY);
    await h.core.housekeeping.run();
    const t = await h.ticket(id);
    expect(t.purgedAt).toBeDefined();
    const all = await h.core.repo.transcript(t);
    expect(all.length).toBeGreaterThan(60);
    expect(all.every((e) => e.text === '' && !e.files)).toBe(true);
  });
});

describe('a kill between the chunk and the record', () => {
  it('loses and doubles nothing: the next save writes the same chunk again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsb-chunks-'));
    const store = await createStore(`sqlite://${join(dir, 'kv.sqlite')}`);
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanup.push(() => store.close());
    // The real store, with the ticket write failing once: the process "dies" after the chunk.
    let failTicketWrite = true;
    const dying: KeyValueStore = Object.assign(Object.create(store) as KeyValueStore, {
      set: async <T>(key: string, value: T, ttl?: number) => {
        if (key.startsWith('ticket:') && failTicketWrite) {
          failTicketWrite = false;
          throw new Error('killed');
        }
        return store.set(key, value, ttl);
      },
    });
    const repo = new Repo(dying);
    const now = Date.UTC(2026, 11, 5, 10);
    let t: Ticket = testTicket({ id: 'T-CHUNK01' }, now);
    for (let i = 1; i <= 50; i++)
      t = { ...t, transcript: [...t.transcript, { at: now + i, from: 'user', text: `m${i}` }] };
    t = { ...t, deskSynced: 51 };

    await expect(repo.saveTicket(t)).rejects.toThrow('killed');
    expect(await store.get(keys.transcriptChunk(t.id, 0))).toBeDefined();
    expect(await store.get(keys.ticket(t.id))).toBeUndefined();

    // The restarted turn saves what it had again (and then some more).
    t = { ...t, transcript: [...t.transcript, { at: now + 51, from: 'user', text: 'm51' }] };
    await repo.saveTicket(t);
    const saved = (await repo.ticket(t.id))!;
    expect(saved.transcriptChunks).toBe(1);
    expect((await repo.transcript(saved)).map((e) => e.text)).toEqual([
      'first words',
      ...Array.from({ length: 51 }, (_, i) => `m${i + 1}`),
    ]);
    // A stale copy saved once more (a caller holding the record from before the move) still
    // leaves every entry exactly once.
    await repo.saveTicket(t);
    const again = (await repo.ticket(t.id))!;
    expect((await repo.transcript(again)).length).toBe(52);
  });
});
