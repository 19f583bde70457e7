import { spawn } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { UpdateJournal } from '../../../src/adapters/telegram/journal.ts';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
const file = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsb-journal-'));
  dirs.push(dir);
  return join(dir, 'sub', 'telegram-updates.ndjson');
};
/** The end of the event-loop turn, when done marks are written. */
const settle = () => new Promise((r) => setImmediate(r));
const update = (id: number, text = `m${id}`): Update =>
  ({
    update_id: id,
    message: { message_id: id, date: 0, chat: { id: 1, type: 'private' }, text },
  }) as Update;

describe('the Telegram update journal', () => {
  it('gives back, in order, what a killed run received and did not finish', async () => {
    const path = file();
    const a = new UpdateJournal(path);
    expect(a.recover()).toEqual([]);
    expect(a.received([update(10), update(11), update(12)]).map((u) => u.update_id)).toEqual([
      10, 11, 12,
    ]);
    a.done(11);
    await settle();
    // killed here
    const b = new UpdateJournal(path);
    expect(b.recover().map((u) => u.update_id)).toEqual([10, 12]);
    expect(b.size).toBe(2);
  });

  it('drops updates Telegram delivers again after the restart, handled or pending', () => {
    const path = file();
    const a = new UpdateJournal(path);
    a.recover();
    a.received([update(20), update(21)]);
    a.done(20);
    const b = new UpdateJournal(path);
    b.recover();
    expect(b.received([update(20), update(21), update(22)]).map((u) => u.update_id)).toEqual([22]);
  });

  it('takes ids lower than the last one (Telegram may restart them at random)', () => {
    const path = file();
    const a = new UpdateJournal(path);
    a.recover();
    a.received([update(500)]);
    a.done(500);
    expect(a.received([update(7)]).map((u) => u.update_id)).toEqual([7]);
  });

  it('writes the done marks of one event-loop turn at once, before anything else', async () => {
    const path = file();
    const a = new UpdateJournal(path);
    a.recover();
    a.received([update(40), update(41), update(42), update(43)]);
    a.done(40);
    a.done(41);
    // Killed before the end of the turn: the two come again (the core drops what it has).
    expect(readFileSync(path, 'utf8')).not.toContain('"d"');
    await settle();
    expect(readFileSync(path, 'utf8').split('\n').slice(-3)).toEqual(['{"d":40}', '{"d":41}', '']);
    // Marks still waiting go out with the next batch, in the same write.
    a.done(42);
    a.received([update(44)]);
    expect(readFileSync(path, 'utf8')).toMatch(/\{"d":42\}\n\{"u":\{"update_id":44,/);
    a.done(43);
    a.close(); // stop: nothing waits
    expect(new UpdateJournal(path).recover().map((u) => u.update_id)).toEqual([44]);
  });

  it('writes a done mark at once after the stop (the process exits before the loop turn ends)', () => {
    const path = file();
    const a = new UpdateJournal(path);
    a.recover();
    a.received([update(50), update(51)]);
    a.done(50);
    a.release(); // the stop: what waited is written
    a.done(51); // a turn that finished after it
    expect(new UpdateJournal(path).recover()).toEqual([]);
  });

  it("counts a chat's updates that arrived after one and wait their turn", () => {
    const a = new UpdateJournal(file());
    a.recover();
    const other = {
      ...update(62),
      message: { ...update(62).message!, chat: { id: 2, type: 'private' } },
    } as Update;
    a.received([update(60), update(61), other, update(63)]);
    expect(a.queuedAfter(update(60))).toBe(2);
    expect(a.queuedAfter(update(61))).toBe(1);
    expect(a.queuedAfter(other)).toBe(0);
    a.done(61); // handled before the one before it was marked done: still not "after" 60's
    expect(a.queuedAfter(update(60))).toBe(1);
    a.done(60);
    expect(a.queuedAfter(update(63))).toBe(0);
    a.close();
  });

  it('skips a last line cut by the kill', () => {
    const path = file();
    const a = new UpdateJournal(path);
    a.recover();
    a.received([update(30)]);
    appendFileSync(path, '{"u":{"update_id":31,"mess');
    expect(new UpdateJournal(path).recover().map((u) => u.update_id)).toEqual([30]);
  });

  it('stays small: once past its size it keeps only what is pending and the recent ids', async () => {
    const path = file();
    const a = new UpdateJournal(path);
    a.recover();
    const long = 'x'.repeat(4000);
    for (let id = 1; id <= 400; id++) {
      a.received([update(id, long)]);
      if (id !== 3) a.done(id);
      if (id % 7 === 0) await settle();
    }
    await settle();
    expect(statSync(path).size).toBeLessThan(1 << 20);
    const b = new UpdateJournal(path);
    expect(b.recover().map((u) => u.update_id)).toEqual([3]);
    expect(b.received([update(399), update(401)]).map((u) => u.update_id)).toEqual([401]);
    expect(readFileSync(path, 'utf8')).not.toContain('"update_id":2,');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("belongs to one process: a second waits while the first lives, and takes over a dead one's lock", async () => {
    const path = file();
    mkdirSync(dirname(path), { recursive: true });
    // A lock left by a process that is gone: taken over at once.
    writeFileSync(`${path}.lock`, '999999999');
    const first = new UpdateJournal(path);
    let waited = 0;
    await first.lock(new AbortController().signal, () => waited++);
    expect(waited).toBe(0);
    first.release();
    expect(existsSync(`${path}.lock`)).toBe(false);
    // A lock held by a live process: waited for until it exits.
    const other = spawn('sleep', ['1.5']);
    writeFileSync(`${path}.lock`, String(other.pid));
    const exited = new Promise((r) => other.on('exit', r));
    const t0 = Date.now();
    const second = new UpdateJournal(path);
    await second.lock(new AbortController().signal, () => waited++);
    await exited;
    expect(waited).toBe(1);
    expect(Date.now() - t0).toBeGreaterThan(1_000);
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    second.release();
  });
});
