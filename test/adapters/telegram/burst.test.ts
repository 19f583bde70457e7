/**
 * A user who types several messages in a row while their case is open: the REAL core and the
 * real grammY client (long polling with its update journal) against the emulator. What the bot
 * has already received waits its turn; the desk gets the burst as one post, every line in order
 * (fewer posts for agents to read, and a forum group takes about 20 messages a minute).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelegramAdapter } from '../../../src/adapters/telegram/index.ts';
import { makeTestCore, type TestCore } from '../../support/core.ts';
import { openCaseWithoutScreenshots } from '../../support/walk.ts';
import { startTelegram, type TelegramSetup } from './harness.ts';
import { TgUser } from './tg-user.ts';

const USER = { id: 731, first_name: 'Ana', language_code: 'en' };

let t: TelegramSetup | undefined;
let core: TestCore | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
  await core?.dispose();
  core = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function withOpenCase() {
  dir = mkdtempSync(join(tmpdir(), 'wsb-burst-'));
  t = await startTelegram({
    adapter: { journalFile: join(dir, 'telegram-updates.ndjson') },
    core: async (adapter: TelegramAdapter) => {
      core = await makeTestCore({
        channels: [adapter.channel],
        ...(adapter.desk ? { desk: adapter.desk } : {}),
      });
      return core.core;
    },
  });
  const emu = t.emu;
  const deskId = t.deskId!;
  emu.addUser(USER);
  const ticketId = await openCaseWithoutScreenshots(new TgUser(emu, USER.id));
  const topic = await emu.waitFor(
    () => emu.topics(deskId).find((x) => x.name.includes(ticketId)),
    'the topic',
  );
  const posts = () => emu.sent(deskId, topic.threadId).slice(1); // after the card
  return { emu, ticketId, posts };
}

/**
 * The user's text handed to the core as the adapter would if it had already received a later
 * update of theirs (one that then never reaches the core).
 */
const sendsWithOneMoreWaiting = (messageId: string, text: string) =>
  core!.core.handleUser({
    type: 'message',
    messageId,
    text,
    attachments: [],
    address: { platform: 'telegram', chatId: String(USER.id) },
    user: { platform: 'telegram', userId: String(USER.id), languageCode: 'en' },
    queuedAfter: 1,
  });

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1} of my burst`);

describe('a burst of messages to an open case', () => {
  it('reaches the desk as one post (two at most), every line in order', async () => {
    const { emu, posts } = await withOpenCase();
    const burst = lines(6);
    const t0 = Date.now();
    for (const text of burst) emu.userSends(USER.id, text);
    const all = () => posts().flatMap((p) => p.text.split('\n').filter((l) => /burst/.test(l)));
    await emu.waitFor(() => all().length === burst.length, 'every line on the desk');
    // At once: the last message of the burst waits for nothing.
    expect(Date.now() - t0).toBeLessThan(1_500);
    // The first may go alone (it came before the others were fetched); the rest wait for the last.
    expect(posts().length).toBeLessThanOrEqual(2);
    expect(all()).toEqual(burst);
  });

  it("is posted by the user's next turn even if that turn relays nothing (a command)", async () => {
    const { emu, posts } = await withOpenCase();
    const t0 = Date.now();
    for (const text of lines(3)) emu.userSends(USER.id, text);
    emu.userSends(USER.id, '/status');
    await emu.waitFor(
      () => posts().filter((p) => /line 3 of my burst/.test(p.text)).length === 1,
      'the burst on the desk',
    );
    expect(Date.now() - t0).toBeLessThan(1_500); // by the command's turn, not the timer
    expect(
      posts()
        .map((p) => p.text)
        .join('\n'),
    ).toMatch(/line 1[^]*line 2[^]*line 3/);
  });

  it('is posted after two seconds when no message of that user follows after all', async () => {
    const { emu, posts } = await withOpenCase();
    const before = posts().length;
    await sendsWithOneMoreWaiting('m-alone', 'a message that waited for a next one');
    expect(posts().length).toBe(before);
    const t0 = Date.now();
    await emu.waitFor(
      () => posts().some((p) => /waited for a next one/.test(p.text)),
      'the put-off post',
      5_000,
    );
    expect(Date.now() - t0).toBeGreaterThan(1_500);
  });

  it('waits for the next message also when the bot answered this one ("anyone there?")', async () => {
    const { emu, posts } = await withOpenCase();
    const before = posts().length;
    const asked = emu.sent(USER.id).length;
    await sendsWithOneMoreWaiting('m-asks', 'hello?? anyone there');
    // The user is told the wait at once; the desk post waits for their next message.
    expect(
      emu
        .sent(USER.id)
        .slice(asked)
        .map((m) => m.text)
        .join('\n'),
    ).toMatch(/Your message is with the agents/);
    expect(posts().length).toBe(before);
    await emu.waitFor(
      () => posts().some((p) => /anyone there/.test(p.text)),
      'the put-off post',
      5_000,
    );
  });

  it('is posted at the stop, after the platform stopped polling', async () => {
    const { posts } = await withOpenCase();
    await sendsWithOneMoreWaiting('m-stop', 'a message still waiting at the stop');
    await t!.adapter.stop();
    await core!.core.stop();
    expect(posts().filter((p) => /still waiting at the stop/.test(p.text))).toHaveLength(1);
  });
});
