import { afterEach, describe, expect, it } from 'vitest';
import { TRANSCRIPT_TEXT_CAP } from '../../src/core/tickets/ticket.ts';
import { Harness } from '../support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
});

describe('a long case', () => {
  it('keeps the ticket record bounded while the desk gets every message in full', async () => {
    let clock = Date.UTC(2026, 11, 5, 10);
    h = await Harness.create({ now: () => clock });
    const u = h.user();
    const id = await u.openWithdrawalCase();
    const sent: string[] = [];
    for (let i = 0; i < 400; i++) {
      clock += 5_000; // slower than the flood guard's 10 messages in 10 s
      const text = `message ${i} ` + 'x'.repeat(3_900);
      sent.push(text);
      await u.says(text);
    }
    const posted = h.desk.live(id)!.posts.map((p) => p.text);
    for (const text of sent) expect(posted).toContain(text);
    const t = await h.ticket(id);
    expect(t.transcript.length).toBe(401);
    expect(JSON.stringify(t).length).toBeLessThan(TRANSCRIPT_TEXT_CAP + 100_000);
    expect(t.transcript.at(-1)!.text).toBe(sent.at(-1));
  });
});
