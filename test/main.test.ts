import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from './emulators/discord/index.ts';
import { freePort } from './emulators/free-port.ts';
import { pngOfSize, TelegramEmulator } from './emulators/telegram/index.ts';
import { TgUser } from './adapters/telegram/tg-user.ts';
import { openCaseWithoutScreenshots, walkWithdrawal } from './support/walk.ts';

// `npm test` builds dist/ before vitest runs (`npm ci` does too, through `prepare`).
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** `npm start` as operators run it (node on the compiled dist/main.js), in a child process. */
// Run from an empty folder: a developer's own .env in the checkout must not change the results.
function start(env: Record<string, string>, cwd?: string) {
  if (!cwd) {
    const empty = mkdtempSync(join(tmpdir(), 'wsb-cwd-'));
    cleanups.push(() => rmSync(empty, { recursive: true, force: true }));
    cwd = empty;
  }
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      LOG_LEVEL: 'info',
      METRICS_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const until = async (re: RegExp, ms = 15_000) => {
    const t0 = Date.now();
    while (!re.test(out)) {
      if (Date.now() - t0 > ms) throw new Error(`no ${re} in:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, until, output: () => out };
}

/**
 * The Telegram emulator with a forum desk, and the environment of a bot on a SQLite file in a
 * DATA_DIR of its own that outlives one process: start it, kill it, start it again.
 */
async function restartableBot() {
  const emu = await TelegramEmulator.start();
  const desk = emu.createDesk();
  const dir = mkdtempSync(join(tmpdir(), 'wsb-main-'));
  cleanups.push(async () => {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = {
    TELEGRAM_BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    AGENT_DESK: `telegram:${desk}`,
    STORE_URL: `sqlite://${join(dir, 's.sqlite')}`,
    DATA_DIR: dir,
    HTTP_PORT: '0',
  };
  return { emu, desk, env };
}

/** The user's screenshot. */
const SCREENSHOT = pngOfSize(320, 640);

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('npm start', () => {
  it('says what is missing and exits when no platform token is set', async () => {
    const p = start({});
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/set TELEGRAM_BOT_TOKEN and\/or DISCORD_BOT_TOKEN/);
    expect(p.output()).toMatch(/npm run chat/);
  });

  it('reads a .env file in the working directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsb-env-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, '.env'), 'HTTP_PORT=eighty\n');
    const p = start({}, dir);
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/HTTP_PORT must be a port number/);
  });

  it('lists every bad variable and exits', async () => {
    const p = start({ TELEGRAM_BOT_TOKEN: 'oops', HTTP_PORT: 'eighty', AGENT_DESK: 'slack:1' });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/TELEGRAM_BOT_TOKEN does not look like a bot token/);
    expect(p.output()).toMatch(/HTTP_PORT must be a port number/);
    expect(p.output()).toMatch(/AGENT_DESK must be/);
  });

  it('starts against Telegram with a forum desk, answers /healthz, stops cleanly on SIGTERM, and never logs the token', async () => {
    const emu = await TelegramEmulator.start();
    const desk = emu.createDesk();
    const dir = mkdtempSync(join(tmpdir(), 'wsb-main-'));
    cleanups.push(async () => {
      await emu.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    // Free ports the system gives (a random one in 20000–40000 can be an ephemeral port in use:
    // the bot could not listen, and /healthz was refused once in CI).
    const port = await freePort();
    const metricsPort = await freePort();
    const p = start({
      TELEGRAM_BOT_TOKEN: emu.token,
      TELEGRAM_API_ROOT: emu.apiRoot,
      AGENT_DESK: `telegram:${desk}`,
      STORE_URL: `sqlite://${join(dir, 's.sqlite')}`,
      DATA_DIR: dir,
      HTTP_PORT: String(port),
      METRICS_PORT: String(metricsPort),
    });
    cleanups.push(() => void p.child.kill('SIGKILL'));
    await p.until(/"msg":"ready"/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    // /metrics has its own listener on loopback, not the public HTTP_PORT.
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/support_open_tickets 0/);
    expect(p.output()).toMatch(/"host":"127\.0\.0\.1".*"msg":"metrics listening/);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).toMatch(/"msg":"stopped"/);
    expect(p.output()).not.toContain(emu.token);
    expect(p.output()).not.toContain(emu.token.split(':')[1]);
  });

  it('starts every platform whose token is set: a Telegram user served by a Discord desk', async () => {
    const tg = await TelegramEmulator.start();
    const dc = await DiscordEmulator.start();
    const role = dc.addRole('support-agent');
    const desk = dc.addTextChannel('cases', dc.privateTo(role.id));
    const dir = mkdtempSync(join(tmpdir(), 'wsb-main-'));
    cleanups.push(async () => {
      await tg.stop();
      await dc.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const p = start({
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      DISCORD_BOT_TOKEN: dc.token,
      DISCORD_API_ROOT: dc.apiRoot,
      AGENT_DESK: `discord:${desk.id}`,
      AGENT_ROLE_ID: role.id,
      STORE_URL: `sqlite://${join(dir, 's.sqlite')}`,
      DATA_DIR: dir,
      HTTP_PORT: '0',
    });
    cleanups.push(() => void p.child.kill('SIGKILL'));
    await p.until(/"msg":"ready"/);
    expect(p.output()).toMatch(/"platforms":\["telegram","discord"\]/);
    // A message at once, while the warm-up (after "ready") may still run: answered all the same.
    const user = tg.addUser({ id: 5151, first_name: 'Mei', language_code: 'zh-hans' });
    tg.userSends(user.id, '人工客服');
    await tg.waitFor(() => tg.sent(user.id).find((m) => /人工客服/.test(m.text)), 'the answer');
    await p.until(/"msg":"warmed up"/);
    expect(p.output().indexOf('"msg":"warmed up"')).toBeGreaterThan(
      p.output().indexOf('"msg":"ready"'),
    );
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).not.toContain(dc.token);
  });

  it('passes SENIOR_AGENT_IDS to Telegram: a senior who is no desk administrator acts as an agent', async () => {
    const emu = await TelegramEmulator.start();
    const desk = emu.createDesk();
    const senior = emu.addUser({ id: 5353, first_name: 'Sara', username: 'sara_senior' });
    emu.setMember(desk, senior.id, 'member');
    const dir = mkdtempSync(join(tmpdir(), 'wsb-main-'));
    cleanups.push(async () => {
      await emu.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const p = start({
      TELEGRAM_BOT_TOKEN: emu.token,
      TELEGRAM_API_ROOT: emu.apiRoot,
      AGENT_DESK: `telegram:${desk}`,
      SENIOR_AGENT_IDS: String(senior.id),
      STORE_URL: 'memory://',
      DATA_DIR: dir,
      HTTP_PORT: '0',
    });
    cleanups.push(() => void p.child.kill('SIGKILL'));
    await p.until(/"msg":"ready"/);
    // In the General topic: /queue answers anywhere in the desk, to agents only.
    emu.memberSends(desk, senior.id, undefined, '/queue');
    const answer = await emu.waitFor(
      () => emu.sent(desk).find((m) => /No open cases|Only support agents/.test(m.text)),
      'the answer',
      10_000,
    );
    expect(answer.text).toBe('No open cases.');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('passes SENIOR_ROLE_ID to Discord: a role that cannot be pinged is named at start', async () => {
    const dc = await DiscordEmulator.start();
    const role = dc.addRole('support-agent');
    const seniors = dc.addRole('senior-agent');
    const desk = dc.addTextChannel('cases', dc.privateTo(role.id));
    cleanups.push(() => dc.close());
    const p = start({
      DISCORD_BOT_TOKEN: dc.token,
      DISCORD_API_ROOT: dc.apiRoot,
      AGENT_DESK: `discord:${desk.id}`,
      AGENT_ROLE_ID: role.id,
      SENIOR_ROLE_ID: seniors.id,
      STORE_URL: 'memory://',
      HTTP_PORT: '0',
    });
    cleanups.push(() => void p.child.kill('SIGKILL'));
    await p.until(/"msg":"ready"/);
    expect(p.output()).toMatch(/SENIOR_ROLE_ID is not mentionable/);
    // The snippet names reach /snippet as its choices.
    const snippet = dc.commands.guild.get(dc.guildId)!.find((c) => c['name'] === 'snippet')!;
    expect(JSON.stringify(snippet['options'])).toContain('"withdrawal_traced"');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('after a SIGKILL between the topic and its card, the restart puts card and screenshot in that one topic', async () => {
    const { emu, desk, env } = await restartableBot();
    // The card is the first send into a topic: hold it, so the bot is killed right after
    // createForumTopic answered and before the card (or the screenshot) is up.
    const card = emu.holdNext(
      'sendMessage',
      (params) => Number(params.values['chat_id']) === desk && params.has('message_thread_id'),
    );
    const first = start(env);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    await first.until(/"msg":"ready"/);
    const sam = emu.addUser({ id: 5454, first_name: 'Sam', language_code: 'en' });
    const user = new TgUser(emu, sam.id);
    await walkWithdrawal(user, 'screenshots');
    user.sendsPhoto(SCREENSHOT);
    await user.expect(/Got it — 1 of 3/);
    user.press(/Done/);
    await user.expect(/Please check your case/);
    user.press(/Send to support/);
    await card.arrived;
    first.child.kill('SIGKILL');
    await first.exited;
    const [topic] = emu.topics(desk);
    expect([emu.topics(desk).length, emu.sent(desk, topic!.threadId).length]).toEqual([1, 0]);
    const ticketId = /T-[A-Z0-9]{7}/.exec(topic!.name)![0];

    const second = start(env);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    await second.until(/"msg":"ready"/);
    await emu.waitFor(
      () => emu.sent(desk, topic!.threadId).some((m) => m.kind === 'photo'),
      'the screenshot in the topic',
      15_000,
    );
    // Time for a second topic or a second card, if the restart were to make one.
    await new Promise((r) => setTimeout(r, 1_000));
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(emu.topics(desk).map((x) => [x.threadId, x.deleted])).toEqual([
      [topic!.threadId, false],
    ]);
    expect(emu.calls('createForumTopic')).toHaveLength(1);
    const [cardMessage, photo, ...rest] = emu.sent(desk, topic!.threadId);
    expect(cardMessage!.text).toContain(ticketId);
    expect(cardMessage!.text).toContain('my withdrawal has been pending for 3 days');
    expect(photo!.bytes).toEqual(Buffer.from(SCREENSHOT));
    expect(rest).toEqual([]);
  }, 60_000);

  it('after a SIGKILL in the middle of a turn, the restart answers that message once', async () => {
    const { emu, env } = await restartableBot();
    const first = start(env);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    await first.until(/"msg":"ready"/);
    const kim = emu.addUser({ id: 6464, first_name: 'Kim', language_code: 'en' });
    const user = new TgUser(emu, kim.id);
    user.says('my withdrawal has been pending for 3 days');
    await user.expect(/Did this solve it\?/);
    user.press(/No, I still need help/);
    await user.expect(/transaction ID|withdrawal ID/i);
    // The answer to the id is held: the bot dies after Telegram gave it the update (and a later
    // getUpdates confirmed it), while the turn is under way.
    const answer = emu.holdNext('sendMessage', (p) => Number(p.values['chat_id']) === kim.id);
    user.says('TX12345678AB');
    await answer.arrived;
    await emu.waitFor(() => emu.pendingUpdates().length === 0, 'the update confirmed', 5_000);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(emu.sent(kim.id).filter((m) => /How much|When did|screenshots/.test(m.text))).toEqual(
      [],
    );

    const second = start(env);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    await second.until(/"msg":"ready"/);
    await user.expect(/How much|When did|screenshots/, 10_000);
    // Time for a second answer, if the restart were to send one.
    await new Promise((r) => setTimeout(r, 1_000));
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const answers = emu.sent(kim.id).filter((m) => /How much|When did|screenshots/.test(m.text));
    expect(answers).toHaveLength(1);
    expect(second.output()).toContain('handling updates the last run received but did not finish');
  }, 60_000);

  it("after a SIGKILL while a user's burst waits for its desk post, the restart posts every line once", async () => {
    const { emu, desk, env } = await restartableBot();
    const first = start(env);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    await first.until(/"msg":"ready"/);
    const ray = emu.addUser({ id: 6767, first_name: 'Ray', language_code: 'en' });
    const user = new TgUser(emu, ray.id);
    await openCaseWithoutScreenshots(user);
    const topic = await emu.waitFor(() => emu.topics(desk)[0], 'the case topic', 5_000);
    const inTopic = () => emu.sent(desk, topic.threadId).slice(1);
    await emu.waitFor(() => emu.pendingUpdates().length === 0, 'the case settled', 5_000);
    // The first desk post of the burst is held: the bot dies with the lines on the ticket, the
    // earlier ones marked handled in its journal (their post put off for the last one), the last
    // one pending: the restart replays it, and its turn posts what the ticket has not posted.
    const held = emu.holdNext(
      'sendMessage',
      (p) => Number(p.values['message_thread_id']) === topic.threadId,
    );
    const burst = ['first line of three', 'second line of three', 'third line of three'];
    for (const text of burst) user.says(text);
    await held.arrived;
    await emu.waitFor(() => emu.pendingUpdates().length === 0, 'the updates confirmed', 5_000);
    await new Promise((r) => setTimeout(r, 300)); // the other lines' turns
    first.child.kill('SIGKILL');
    await first.exited;
    expect(inTopic().filter((m) => /of three/.test(m.text))).toEqual([]);

    const second = start(env);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    await second.until(/"msg":"ready"/);
    const lines = () =>
      inTopic().flatMap((m) => m.text.split('\n').filter((l) => /of three/.test(l)));
    await emu.waitFor(() => lines().length >= burst.length, 'the burst on the desk', 10_000);
    // Time for a second post, if the restart were to make one.
    await new Promise((r) => setTimeout(r, 2_500));
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(lines()).toEqual(burst);
  }, 60_000);

  it.each([
    ['an agent reply', 'We are on it, the withdrawal is being released.', /We are on it/],
    // (Nobody has answered this user: a close says why, and the user is told it is closed.)
    ['a close', '/close sorted out by phone', /has been closed by our team/],
  ])(
    'after a SIGKILL while %s is on its way to the user, the restart delivers it once',
    async (_what, agentText, toUser) => {
      const { emu, desk, env } = await restartableBot();
      const alice = emu.addUser({ id: 7001, first_name: 'Alice' });
      emu.setMember(desk, alice.id, 'administrator');
      const first = start(env);
      cleanups.push(() => void first.child.kill('SIGKILL'));
      await first.until(/"msg":"ready"/);
      const lee = emu.addUser({ id: 6565, first_name: 'Lee', language_code: 'en' });
      const user = new TgUser(emu, lee.id);
      await openCaseWithoutScreenshots(user);
      const topic = await emu.waitFor(() => emu.topics(desk)[0], 'the case topic', 5_000);
      const held = emu.holdNext('sendMessage', (p) => Number(p.values['chat_id']) === lee.id);
      emu.memberSends(desk, alice.id, topic.threadId, agentText);
      await held.arrived;
      await emu.waitFor(() => emu.pendingUpdates().length === 0, 'the update confirmed', 5_000);
      first.child.kill('SIGKILL');
      await first.exited;
      expect(emu.sent(lee.id).filter((m) => toUser.test(m.text))).toEqual([]);

      const second = start(env);
      cleanups.push(() => void second.child.kill('SIGKILL'));
      await second.until(/"msg":"ready"/);
      await user.expect(toUser, 10_000);
      // Time for a second delivery, if the restart were to make one.
      await new Promise((r) => setTimeout(r, 1_500));
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(emu.sent(lee.id).filter((m) => toUser.test(m.text))).toHaveLength(1);
      if (agentText.startsWith('/close')) expect(emu.calls('closeForumTopic')).toHaveLength(1);
      expect(emu.topics(desk)).toHaveLength(1);
    },
    60_000,
  );

  it('explains a rejected token (401) and exits', async () => {
    const emu = await TelegramEmulator.start();
    cleanups.push(() => emu.stop());
    const p = start({
      TELEGRAM_BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      TELEGRAM_API_ROOT: emu.apiRoot,
      STORE_URL: 'memory://',
      HTTP_PORT: '0',
    });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/TELEGRAM_BOT_TOKEN/);
    expect(p.output()).not.toContain('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  });

  it('explains a rejected Discord token (401) and exits, even with Telegram still awaited', async () => {
    const dc = await DiscordEmulator.start();
    cleanups.push(() => dc.close());
    const port = await freePort();
    const p = start({
      TELEGRAM_BOT_TOKEN: '7000000001:AAEmulatorTokenForTestsOnly_abcdefghij',
      TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
      DISCORD_BOT_TOKEN: 'not.the.token-000000000000000000000000',
      DISCORD_API_ROOT: dc.apiRoot,
      STORE_URL: 'memory://',
      HTTP_PORT: '0',
    });
    cleanups.push(() => void p.child.kill('SIGKILL'));
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/DISCORD_BOT_TOKEN: 401/);
    expect(p.output()).not.toContain('not.the.token');
  });

  it('waits for a Telegram that is not reachable at boot, saying so, and starts once it answers', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'wsb-main-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const token = '7000000001:AAEmulatorTokenForTestsOnly_abcdefghij';
    const p = start({
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
      STORE_URL: 'memory://',
      DATA_DIR: dir,
      HTTP_PORT: '0',
    });
    cleanups.push(() => void p.child.kill('SIGKILL'));
    await p.until(/Telegram not reachable \(ECONNREFUSED\), retrying in \d/, 30_000);
    expect(p.child.exitCode).toBeNull();
    const emu = await TelegramEmulator.start({ port, token });
    cleanups.push(() => emu.stop());
    await p.until(/"msg":"ready"/, 30_000);
    expect(p.output()).not.toMatch(/cannot reach|TELEGRAM_API_ROOT/);
    const user = emu.addUser({ id: 5252, first_name: 'Sam', language_code: 'en' });
    emu.userSends(user.id, 'I want to talk to a human');
    await emu.waitFor(
      () => emu.sent(user.id).find((m) => /human agent/.test(m.text)),
      'the answer',
    );
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).not.toContain(token.split(':')[1]);
  });

  it('waits for a Discord that is not reachable at boot, saying so, and starts once it answers', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'wsb-main-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const token = 'emulator.bot.token-late-000000000000000000';
    const p = start({
      DISCORD_BOT_TOKEN: token,
      DISCORD_API_ROOT: `http://127.0.0.1:${port}/api`,
      STORE_URL: 'memory://',
      DATA_DIR: dir,
      HTTP_PORT: '0',
    });
    cleanups.push(() => void p.child.kill('SIGKILL'));
    await p.until(/Discord not reachable \(ECONNREFUSED\), retrying in \d/, 30_000);
    expect(p.child.exitCode).toBeNull();
    const dc = await DiscordEmulator.start({ port, token });
    cleanups.push(() => dc.close());
    await p.until(/"msg":"ready"/, 30_000);
    expect(p.output()).not.toMatch(/DISCORD_API_ROOT/);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).not.toContain(token);
  });

  it('stops cleanly on SIGTERM while still waiting for the platform', async () => {
    const port = await freePort();
    const p = start({
      TELEGRAM_BOT_TOKEN: '7000000001:AAEmulatorTokenForTestsOnly_abcdefghij',
      TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
      STORE_URL: 'memory://',
      HTTP_PORT: '0',
    });
    cleanups.push(() => void p.child.kill('SIGKILL'));
    await p.until(/Telegram not reachable/, 30_000);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).toMatch(/"msg":"stopped"/);
    expect(p.output()).not.toMatch(/did not start/);
  });

  it('answers, once, a Discord DM sent while the bot was stopped', async () => {
    const dc = await DiscordEmulator.start();
    const role = dc.addRole('support-agent');
    const desk = dc.addTextChannel('cases', dc.privateTo(role.id));
    const dir = mkdtempSync(join(tmpdir(), 'wsb-main-'));
    cleanups.push(async () => {
      await dc.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const env = {
      DISCORD_BOT_TOKEN: dc.token,
      DISCORD_API_ROOT: dc.apiRoot,
      AGENT_DESK: `discord:${desk.id}`,
      AGENT_ROLE_ID: role.id,
      STORE_URL: `sqlite://${join(dir, 's.sqlite')}`,
      DATA_DIR: dir,
      HTTP_PORT: '0',
    };
    const run = async () => {
      const p = start(env);
      cleanups.push(() => void p.child.kill('SIGKILL'));
      await p.until(/"msg":"ready"/);
      return p;
    };
    const stop = async (p: ReturnType<typeof start>) => {
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    };
    const user = dc.addUser({ username: 'sam.reed', globalName: 'Sam Reed' });
    const answers = (re: RegExp) => dc.dmsTo(user.id).filter((m) => re.test(m.content));

    const first = await run();
    dc.userSendsDm(user.id, { content: 'my withdrawal has been pending for 3 days' });
    await dc.waitFor(() => answers(/Did this solve it/).length > 0, 15_000, 'the first answer');
    await stop(first);

    // Discord's gateway will not deliver this one to the next session.
    dc.userSendsDm(user.id, { content: 'I want to talk to a human' });

    const second = await run();
    await dc.waitFor(() => answers(/human agent/).length > 0, 15_000, 'the answer after restart');
    await new Promise((r) => setTimeout(r, 1_000));
    await stop(second);
    const third = await run();
    await new Promise((r) => setTimeout(r, 1_500));
    await stop(third);
    expect(answers(/human agent/)).toHaveLength(1);
    expect(answers(/Did this solve it/)).toHaveLength(1);
  });
});
