/**
 * Several `node dist/main.js` instances on one real Redis and one Telegram bot token, as the
 * README says to run them: webhook mode (`TELEGRAM_WEBHOOK_URL`) behind a load balancer. Long
 * polling is not an option for two instances: Telegram answers the second `getUpdates` consumer
 * 409 Conflict (docs/platform-facts.md); the emulator does not model that conflict, so two pollers
 * here would "work" only because the emulator is lenient.
 *
 * The balancer (helpers.ts) does round robin, skips an instance that refuses connections, and
 * answers 502 for a request whose instance died under it; Telegram (the emulator) then delivers
 * that update again, and the balancer sends it to the instance that is alive.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TgUser } from '../adapters/telegram/tg-user.ts';
import { freePort } from '../emulators/free-port.ts';
import { pngOfSize, TelegramEmulator, type StoredMessage } from '../emulators/telegram/index.ts';
import { walkWithdrawal } from '../support/walk.ts';
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
  startBalancer,
  startRedis,
  type Bot,
} from './helpers.ts';

afterEach(runCleanups);
afterAll(forgetCache);

const SCREENSHOT = pngOfSize(320, 640);
const SECOND_SCREENSHOT = pngOfSize(400, 300);
const SECRET = 'wsb_process_test_secret';

/** Redis, the emulator with a forum desk, a balancer, and the env of instance `i`. */
async function world(options: { sharedDataDir: boolean }) {
  const redis = await startRedis();
  const emu = await TelegramEmulator.start();
  cleanups.push(() => emu.stop());
  const desk = emu.createDesk();
  const ports = [await freePort(), await freePort()];
  // In rotation once ready (a readiness check); a dead one stays until its connections are refused.
  const rotation = new Set<number>();
  const lb = await startBalancer(() => [...rotation].sort().map((i) => ports[i]!));
  const shared = options.sharedDataDir ? dataDir() : undefined;
  const dirs = ports.map(() => shared ?? dataDir());
  const env = (i: number) => ({
    TELEGRAM_BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    TELEGRAM_WEBHOOK_URL: lb.url,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    AGENT_DESK: `telegram:${desk}`,
    STORE_URL: redis.url,
    DATA_DIR: dirs[i]!,
    HTTP_PORT: String(ports[i]),
  });
  const instance = async (i: number, name: string, readyWithinMs = 15_000) => {
    rotation.delete(i);
    const bot = start(env(i), name);
    await bot.until(/"msg":"ready"/, readyWithinMs);
    keepCacheOf(dirs[i]!);
    rotation.add(i);
    return bot;
  };
  return { redis, emu, desk, lb, instance };
}

/** What the desk shows in a topic, after the card: user texts in order, and the files' bytes. */
function topicContent(emu: TelegramEmulator, desk: number, threadId: number) {
  const all = emu.sent(desk, threadId);
  const markers = [
    ...all
      .map((m) => m.text)
      .join('\n')
      .matchAll(/\bmsg-\d\b/g),
  ].map((m) => m[0]);
  const files = all.filter((m) => m.kind === 'photo' || m.kind === 'document');
  return { all, markers, files };
}

const bytesOf = (m: StoredMessage | undefined) => (m?.bytes ? Buffer.from(m.bytes) : undefined);

/**
 * The case reached its topic whole and once: the card first, msg-1…3 in order, both screenshots;
 * the user was told their case id once and never that something went wrong.
 */
function expectWholeCaseOnce(
  emu: TelegramEmulator,
  desk: number,
  threadId: number,
  ticketId: string,
  userId: number,
): void {
  const { all, markers, files } = topicContent(emu, desk, threadId);
  expect(all[0]!.text).toContain(ticketId);
  expect(
    all.filter((m) => m.text.includes('my withdrawal has been pending for 3 days')),
  ).toHaveLength(1);
  expect(markers).toEqual(['msg-1', 'msg-2', 'msg-3']);
  expect(files.map(bytesOf)).toEqual([Buffer.from(SCREENSHOT), Buffer.from(SECOND_SCREENSHOT)]);
  expect(emu.sent(userId).filter((m) => /Your case T-/.test(m.text))).toHaveLength(1);
  expect(
    emu
      .sent(userId)
      .map((m) => m.text)
      .join('\n'),
  ).not.toMatch(/went wrong/i);
}

/** The instance whose log says it opened the ticket (it ran the "Send to support" turn). */
function opener(bots: Bot[]): Bot {
  const found = bots.filter((b) => /"msg":"ticket opened"/.test(b.output()));
  if (found.length !== 1)
    throw new Error(`expected one instance to open the ticket, got ${found.length}`);
  return found[0]!;
}

/**
 * A user walks a case with a screenshot and sends it; the instance that opens the case is
 * SIGKILLed the moment its card arrives in the new topic (held, never posted).
 */
async function killedWhilePostingTheCard(
  emu: TelegramEmulator,
  desk: number,
  bots: Bot[],
  userId: number,
) {
  const sam = emu.addUser({ id: userId, first_name: 'Sam', language_code: 'en' });
  const user = new TgUser(emu, sam.id);
  await walkWithdrawal(user, 'screenshots');
  user.sendsPhoto(SCREENSHOT);
  await user.expect(/Got it — 1 of 3/);
  user.press(/Done/);
  await user.expect(/Please check your case/);
  // The card is the first send into the new topic: hold it, and kill whoever sent it.
  const card = emu.holdNext(
    'sendMessage',
    (p) => Number(p.values['chat_id']) === desk && p.has('message_thread_id'),
  );
  user.press(/Send to support/);
  await card.arrived;
  const victim = opener(bots);
  victim.child.kill('SIGKILL');
  await victim.exited;
  const [topic] = emu.topics(desk);
  return { sam, user, victim, topic };
}

describe.skipIf(!HAS_REDIS_SERVER)(
  'two instances on one Redis, webhook mode behind a load balancer',
  () => {
    it('share one case handled by both in turn: one topic, the card once, every message and file once (one DATA_DIR volume)', async ({
      onTestFailed,
    }) => {
      logsOnFailure(onTestFailed);
      const { emu, desk, lb, instance } = await world({ sharedDataDir: true });
      const [a, b] = await Promise.all([instance(0, 'A'), instance(1, 'B')]);
      const sam = emu.addUser({ id: 6201, first_name: 'Sam', language_code: 'en' });
      const user = new TgUser(emu, sam.id);

      // The intake and the screenshot reach A; "Send to support" reaches B; then round robin.
      lb.pin = 0;
      await walkWithdrawal(user, 'screenshots');
      user.sendsPhoto(SCREENSHOT);
      await user.expect(/Got it — 1 of 3/);
      user.press(/Done/);
      await user.expect(/Please check your case/);
      lb.pin = 1;
      user.press(/Send to support/);
      const created = await user.expect(/Your case T-[A-Z0-9]{7}/, 10_000);
      const ticketId = /T-[A-Z0-9]{7}/.exec(created.text)![0];
      expect([a!.output(), b!.output()].map((o) => /"msg":"ticket opened"/.test(o))).toEqual([
        false,
        true,
      ]);
      lb.pin = undefined;
      user.says('msg-1 anything yet?');
      user.sendsPhoto(SECOND_SCREENSHOT, 'msg-2 the error');
      user.says('msg-3 thanks');
      await emu.waitFor(
        () =>
          emu.topics(desk)[0] &&
          topicContent(emu, desk, emu.topics(desk)[0]!.threadId).markers.includes('msg-3'),
        'msg-3 in the case topic',
        15_000,
      );
      await sleep(1_500); // time for a doubled post, if any

      // Both instances took part (round robin), else this would test one instance only.
      expect(new Set(lb.log.filter((r) => r.status === 200).map((r) => r.backend))).toEqual(
        new Set([0, 1]),
      );
      expect(emu.topics(desk)).toHaveLength(1);
      expect(emu.calls('createForumTopic')).toHaveLength(1);
      const topic = emu.topics(desk)[0]!;
      expect(topic.name).toContain(ticketId);
      expectWholeCaseOnce(emu, desk, topic.threadId, ticketId, sam.id);
    }, 40_000);

    it('an instance replaced mid-intake, DATA_DIR wrongly not shared: the case B opens still reaches the desk, and the agents are told a file is missing', async ({
      onTestFailed,
    }) => {
      logsOnFailure(onTestFailed);
      const { emu, desk, lb, instance } = await world({ sharedDataDir: false });
      const [a] = await Promise.all([instance(0, 'A'), instance(1, 'B')]);
      const sam = emu.addUser({ id: 6204, first_name: 'Sam', language_code: 'en' });
      const user = new TgUser(emu, sam.id);

      lb.pin = 0;
      await walkWithdrawal(user, 'screenshots');
      user.sendsPhoto(SCREENSHOT);
      await user.expect(/Got it — 1 of 3/);
      // A is taken out (SIGTERM, a clean stop) as in a rolling deploy; B serves the rest.
      a!.child.kill('SIGTERM');
      expect(await a!.exited).toBe(0);
      lb.pin = 1;
      user.press(/Done/);
      await user.expect(/Please check your case/);
      user.press(/Send to support/);
      const created = await user.expect(/Your case T-[A-Z0-9]{7}/, 10_000);
      const ticketId = /T-[A-Z0-9]{7}/.exec(created.text)![0];
      user.says('msg-1 hello?');

      await emu.waitFor(
        () =>
          emu.topics(desk)[0] &&
          topicContent(emu, desk, emu.topics(desk)[0]!.threadId).markers.includes('msg-1'),
        'the case topic with the card and msg-1',
        15_000,
      );
      await sleep(1_000);
      expect(emu.topics(desk)).toHaveLength(1);
      const topic = emu.topics(desk)[0]!;
      expect(topic.name).toContain(ticketId);
      const { all, markers, files } = topicContent(emu, desk, topic.threadId);
      expect(all.filter((m) => m.text.includes('my withdrawal has been pending'))).toHaveLength(1);
      expect(markers).toEqual(['msg-1']);
      // The screenshot is on A's disk only (README: every instance needs the same DATA_DIR).
      expect(files).toEqual([]);
      expect(all.filter((m) => /1 file\(s\) the user sent are missing/.test(m.text))).toHaveLength(
        1,
      );
    }, 40_000);

    it('SIGKILL of the instance posting the card; it is restarted while the other serves the user: one topic, card and every message and file once', async ({
      onTestFailed,
    }) => {
      logsOnFailure(onTestFailed);
      const { emu, desk, instance } = await world({ sharedDataDir: true });
      const bots = await Promise.all([instance(0, 'A'), instance(1, 'B')]);
      const { sam, user, victim, topic } = await killedWhilePostingTheCard(emu, desk, bots, 6202);
      expect([emu.topics(desk).length, emu.sent(desk, topic!.threadId).length]).toEqual([1, 0]);
      const ticketId = /T-[A-Z0-9]{7}/.exec(topic!.name)![0];

      // The user goes on writing (through the survivor) while the killed one is restarted.
      user.says('msg-1 did it go through?');
      user.sendsPhoto(SECOND_SCREENSHOT, 'msg-2 here is another one');
      // Its start-up does not wait for the dead process's turn lock (the outbox skips a busy ticket).
      await instance(bots.indexOf(victim), `${victim.name}'`, 45_000);
      user.says('msg-3 ok');
      await emu.waitFor(
        () => topicContent(emu, desk, topic!.threadId).markers.includes('msg-3'),
        'msg-3 in the case topic',
        15_000,
      );
      await sleep(1_500); // time for a second topic, card or post, if any

      expect(emu.topics(desk).map((t) => [t.threadId, t.deleted])).toEqual([
        [topic!.threadId, false],
      ]);
      expect(emu.calls('createForumTopic')).toHaveLength(1);
      // "Send to support" was delivered again after the kill: still one case for the user.
      expectWholeCaseOnce(emu, desk, topic!.threadId, ticketId, sam.id);
    }, 90_000);

    it('SIGKILL of the instance posting the card, nobody restarts it and the user waits: the other instance posts card and screenshot into that topic', async ({
      onTestFailed,
    }) => {
      logsOnFailure(onTestFailed);
      const { emu, desk, instance } = await world({ sharedDataDir: true });
      const bots = await Promise.all([instance(0, 'A'), instance(1, 'B')]);
      const { topic } = await killedWhilePostingTheCard(emu, desk, bots, 6203);

      // The dead instance's turn lock expires after 10 s (store.ts) and the outbox runs every 15 s:
      // 35 s is enough for the survivor to finish the case.
      await emu.waitFor(
        () => topicContent(emu, desk, topic!.threadId).files.length > 0,
        'the card and the screenshot in the topic, posted by the surviving instance',
        35_000,
      );
      await sleep(1_000);
      expect(emu.topics(desk)).toHaveLength(1);
      const { all, files } = topicContent(emu, desk, topic!.threadId);
      expect(all.filter((m) => m.text.includes('my withdrawal has been pending'))).toHaveLength(1);
      expect(files.map(bytesOf)).toEqual([Buffer.from(SCREENSHOT)]);
    }, 60_000);
  },
);
