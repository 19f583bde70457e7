import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HELD_FILES_TTL_MS } from '../../src/core/housekeeping.ts';
import { file, Harness } from '../support/harness.ts';

/** Distinct valid PNGs (the evidence store names files by content). */
const png = (n: number) => {
  const bytes = new Uint8Array(40);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  bytes[20] = n & 0xff;
  bytes[21] = (n >> 8) & 0xff;
  return bytes;
};

const DAY = 86_400_000;
let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

function filesOnDisk(dir: string): string[] {
  const root = join(dir, 'evidence');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe('evidence a case does not keep', () => {
  it('is never written, and files of cancelled cases are swept after a week', async () => {
    // The sweep compares the files' real modification times with the clock: it starts now (a
    // fixed date made this test fail once the real date passed it).
    let clock = Date.now();
    h = await Harness.create({ now: () => clock });
    const u = h.user();
    for (let round = 0; round < 5; round++) {
      await u.says('my withdrawal has been pending for 3 days');
      await u.press(/No, I still need help/);
      while (!/screenshot/i.test(u.lastText())) await u.press(/Skip|I don't have one/);
      // Ten screenshots at once: the case keeps three.
      await u.says(
        '',
        Array.from({ length: 10 }, (_, i) => file(png(round * 10 + i))),
      );
      await u.command('cancel');
      clock += 60_000;
    }
    // Only what a step kept was written (3 per case), held until a ticket takes them.
    expect(filesOnDisk(h.t.dataDir)).toHaveLength(15);
    clock += HELD_FILES_TTL_MS + DAY;
    await h.core.housekeeping.run();
    expect(filesOnDisk(h.t.dataDir)).toEqual([]);
  });

  it("keeps a ticket's files through the sweep", async () => {
    let clock = Date.UTC(2026, 11, 5, 10);
    h = await Harness.create({ now: () => clock });
    const u = h.user();
    await u.says('my withdrawal has been pending for 3 days');
    await u.press(/No, I still need help/);
    while (!/screenshot/i.test(u.lastText())) await u.press(/Skip|I don't have one/);
    await u.says('', [file(png(1))]);
    await u.press(/Done/);
    await u.press(/Send to support/);
    clock += HELD_FILES_TTL_MS + DAY;
    await h.core.housekeeping.run();
    expect(filesOnDisk(h.t.dataDir)).toHaveLength(1);
  });

  it('refuses files over the daily quota and says so', async () => {
    let clock = Date.UTC(2026, 11, 5, 10);
    h = await Harness.create({ now: () => clock });
    const u = h.user();
    for (let i = 0; i < 7; i++) {
      await u.says(
        '',
        Array.from({ length: 10 }, (_, j) => file(png(i * 10 + j))),
      );
      clock += 60_000;
    }
    expect(u.texts().join('\n')).toMatch(/more files than I can take today/);
  });
});

describe('RETENTION_DAYS', () => {
  it("deletes a closed case's files and words after the period; ids, times and rating stay", async () => {
    let clock = Date.UTC(2026, 11, 5, 10);
    h = await Harness.create({ now: () => clock, retentionDays: 30 });
    const u = h.user();
    await u.says('my withdrawal has been pending for 3 days');
    await u.press(/No, I still need help/);
    while (!/screenshot/i.test(u.lastText())) await u.press(/Skip|I don't have one/);
    await u.says('', [file(png(7))]);
    await u.press(/Done/);
    await u.press(/Send to support/);
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    const alice = h.agent('Alice');
    await alice.reply(id, 'We found it, resending today.');
    await alice.command(id, 'close');
    await u.press(/⭐⭐⭐⭐⭐/);
    await u.says('quick and kind');
    clock += 29 * DAY;
    await h.core.housekeeping.run();
    expect((await h.ticket(id)).transcript[0]!.text).toMatch(/withdrawal/);
    clock += 3 * DAY;
    await h.core.housekeeping.run();
    const t = await h.ticket(id);
    expect(t.purgedAt).toBeDefined();
    expect(t.transcript.every((e) => e.text === '')).toBe(true);
    // What was said before the case opened goes too.
    expect(t.beforeCaseLines).toBeGreaterThan(5);
    expect(await h.core.repo.beforeCase(t)).toEqual([]);
    expect(t.userWords).toBe('');
    expect(t.fields).toEqual({});
    expect([t.id, t.intent, t.rating, t.closedAt !== undefined]).toEqual([
      id,
      'withdrawal_pending',
      5,
      true,
    ]);
    expect(filesOnDisk(h.t.dataDir)).toEqual([]);
  });
});
