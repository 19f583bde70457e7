/**
 * "Nothing lost or doubled" while the store does not answer: `node dist/main.js` on a real Redis
 * of the test's own, a user on the Telegram emulator, and Redis frozen in the middle.
 *
 * The outage is SIGSTOP / SIGCONT of redis-server: the process stops answering but its TCP
 * connections stay open and it keeps its data — what a frozen host, a stalled VM or a network
 * partition looks like to a client (commands are sent and never answered). Killing redis-server
 * instead would show "connection refused" but, with nothing on disk, bring back an empty Redis
 * (every conversation forgotten), which is a different failure; `DEBUG SLEEP` / `CLIENT PAUSE` are
 * the same "no answer" seen from inside Redis, but bounded by Redis itself rather than by the
 * outage.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TgUser } from '../adapters/telegram/tg-user.ts';
import { freePort } from '../emulators/free-port.ts';
import { pngOfSize, TelegramEmulator } from '../emulators/telegram/index.ts';
import { openCaseWithoutScreenshots } from '../support/walk.ts';
import {
  cleanups,
  dataDir,
  forgetCache,
  HAS_REDIS_SERVER,
  keepCacheOf,
  logsOnFailure,
  runCleanups,
  sleep,
  start,
  startRedis,
  tempDir,
} from './helpers.ts';

afterEach(runCleanups);
afterAll(forgetCache);

const SCREENSHOT = pngOfSize(300, 600);

/** One bot on its own Redis and Telegram emulator, with a forum desk; ready to talk to. */
async function setUp(redisOptions: Parameters<typeof startRedis>[0] = {}) {
  const redis = await startRedis(redisOptions);
  const emu = await TelegramEmulator.start();
  cleanups.push(() => emu.stop());
  const desk = emu.createDesk();
  const dir = dataDir();
  const httpPort = await freePort();
  const bot = start({
    TELEGRAM_BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    AGENT_DESK: `telegram:${desk}`,
    STORE_URL: redis.url,
    DATA_DIR: dir,
    HTTP_PORT: String(httpPort),
  });
  await bot.until(/"msg":"ready"/);
  keepCacheOf(dir);
  const health = async () =>
    (await fetch(`http://127.0.0.1:${httpPort}/healthz`, { signal: AbortSignal.timeout(8_000) }))
      .status;
  return { redis, emu, desk, bot, health };
}

/** Messages the bot sent to a user, from index `from` on. */
const textsTo = (emu: TelegramEmulator, userId: number, from = 0) =>
  emu
    .sent(userId)
    .slice(from)
    .map((m) => m.text);

/** The English withdrawal case up to the question for its id. */
async function untilTheIdPrompt(user: TgUser): Promise<void> {
  user.says('my withdrawal has been pending for 3 days');
  await user.expect(/Did this solve it\?/);
  user.press(/No, I still need help/);
  await user.expect(/transaction ID|withdrawal ID/i);
}

/**
 * The user hears "one moment" while the store is away. (Soft: when it is missing, the rest of the
 * test still shows whether the real answers come later.)
 */
async function expectOneMoment(user: TgUser, what: string): Promise<void> {
  const heard = await user.expect(/One moment/i, 10_000).catch(() => undefined);
  expect.soft(heard?.text ?? '(nothing)', what).toMatch(/One moment/i);
}

/** After the outage: the id's answers, in order and once, and a single "one moment". */
function expectAnswersOnceAfterOneMoment(after: string[]): void {
  expect(after.filter((t) => !/One moment/i.test(t))).toEqual([
    expect.stringMatching(/How much/i),
    expect.stringMatching(/When did|screenshots/i),
  ]);
  expect(after.filter((t) => /One moment/i.test(t))).toHaveLength(1);
}

describe.skipIf(!HAS_REDIS_SERVER)(
  'Redis stops answering (SIGSTOP) and comes back (SIGCONT)',
  () => {
    it('mid-intake: one "one moment", then the real answers in order, none twice', async ({
      onTestFailed,
    }) => {
      logsOnFailure(onTestFailed);
      const { redis, emu } = await setUp();
      const sam = emu.addUser({ id: 6101, first_name: 'Sam', language_code: 'en' });
      const user = new TgUser(emu, sam.id);
      await untilTheIdPrompt(user);
      const before = emu.sent(sam.id).length;

      redis.freeze();
      user.says('TX12345678AB');
      // The store's own bound is 3 s a call: the user hears "one moment" well within 10 s.
      await expectOneMoment(user, 'a "one moment" while Redis does not answer');
      user.says('250 USDT');
      await sleep(2_000);
      // Nothing but the one "one moment" while the store is down.
      expect
        .soft(textsTo(emu, sam.id, before), 'what the user heard during the outage')
        .toEqual([expect.stringMatching(/One moment/i)]);

      redis.thaw();
      await user.expect(/How much/i, 10_000);
      await user.expect(/When did|screenshots/i, 10_000);
      await sleep(1_500); // time for a doubled answer, if any
      const after = textsTo(emu, sam.id, before);
      expectAnswersOnceAfterOneMoment(after);
      expect(after[0]).toMatch(/One moment/i);
      expect(after.join('\n')).not.toMatch(/went wrong/i);
    }, 40_000);

    it('mid-relay: every text and the screenshot reach the case topic once, in order; /healthz 503 then 200', async ({
      onTestFailed,
    }) => {
      logsOnFailure(onTestFailed);
      const { redis, emu, desk, health } = await setUp();
      const mei = emu.addUser({ id: 6102, first_name: 'Mei', language_code: 'en' });
      const user = new TgUser(emu, mei.id);
      const ticketId = await openCaseWithoutScreenshots(user);
      const [topic] = await emu.waitFor(
        () =>
          emu.topics(desk).length === 1 &&
          emu.sent(desk, emu.topics(desk)[0]!.threadId).length > 0 &&
          emu.topics(desk),
        'the case topic with its card',
        10_000,
      );
      expect(topic!.name).toContain(ticketId);
      const cardCount = emu.sent(desk, topic!.threadId).length;
      user.says('relay-1 still nothing on my side');
      await emu.waitFor(
        () => emu.sent(desk, topic!.threadId).some((m) => /relay-1/.test(m.text)),
        'relay-1 in the topic',
        10_000,
      );
      expect(await health()).toBe(200);
      const before = emu.sent(mei.id).length;

      redis.freeze();
      user.says('relay-2 the app says processing');
      await expectOneMoment(user, 'a "one moment" while Redis does not answer');
      user.sendsPhoto(SCREENSHOT, 'relay-3 screenshot of the app');
      user.says('relay-4 please hurry');
      expect(await health()).toBe(503);
      await sleep(1_000);

      redis.thaw();
      await emu.waitFor(
        () => emu.sent(desk, topic!.threadId).some((m) => /relay-4/.test(m.text)),
        'relay-4 in the topic',
        15_000,
      );
      expect(await health()).toBe(200);
      await sleep(2_000); // time for a doubled post, if any

      const posts = emu.sent(desk, topic!.threadId).slice(cardCount);
      const text = posts.map((m) => m.text).join('\n');
      const order = [...text.matchAll(/relay-\d/g)].map((m) => m[0]);
      expect(order).toEqual(['relay-1', 'relay-2', 'relay-3', 'relay-4']);
      const photos = posts.filter((m) => m.kind === 'photo' || m.kind === 'document');
      expect(photos).toHaveLength(1);
      expect(photos[0]!.bytes).toEqual(Buffer.from(SCREENSHOT));
      // One topic, one card, and the user heard "one moment" once and nothing went wrong.
      expect(emu.topics(desk)).toHaveLength(1);
      expect(emu.calls('createForumTopic')).toHaveLength(1);
      const toUser = textsTo(emu, mei.id, before);
      expect(toUser.filter((t) => /One moment/i.test(t))).toHaveLength(1);
      expect(toUser.join('\n')).not.toMatch(/went wrong/i);
    }, 45_000);
  },
);

describe.skipIf(!HAS_REDIS_SERVER)(
  'Redis crashes and is started again (connection refused meanwhile; its append-only file keeps the data)',
  () => {
    it('mid-intake: one "one moment", then the real answers in order, none twice', async ({
      onTestFailed,
    }) => {
      logsOnFailure(onTestFailed);
      const aofDir = tempDir('wsb-redis-aof-');
      const { redis, emu } = await setUp({ aofDir });
      const sam = emu.addUser({ id: 6103, first_name: 'Sam', language_code: 'en' });
      const user = new TgUser(emu, sam.id);
      await untilTheIdPrompt(user);
      const before = emu.sent(sam.id).length;

      await redis.stop(); // SIGKILL: connections drop, new ones are refused
      user.says('TX12345678AB');
      await expectOneMoment(user, 'a "one moment" while Redis is down');
      user.says('250 USDT');
      await sleep(1_000);

      const again = await startRedis({ port: redis.port, aofDir });
      // The data is back: the conversation is still there.
      expect(await again.cli('--scan', '--pattern', '*conv:v1:telegram:6103')).toMatch(/conv:v1/);
      await user.expect(/How much/i, 10_000);
      await user.expect(/When did|screenshots/i, 10_000);
      await sleep(1_500); // time for a doubled answer, if any
      const after = textsTo(emu, sam.id, before);
      expectAnswersOnceAfterOneMoment(after);
      expect(after.join('\n')).not.toMatch(/went wrong/i);
    }, 45_000);
  },
);
