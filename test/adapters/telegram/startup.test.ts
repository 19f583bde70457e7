import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StartCancelled } from '../../../src/adapters/common/reach.ts';
import { TelegramAdapter } from '../../../src/adapters/telegram/index.ts';
import { ConfigError } from '../../../src/core/errors.ts';
import { createLogger } from '../../../src/log.ts';
import { freePort } from '../../emulators/free-port.ts';
import { TelegramEmulator, type DeskSetup } from '../../emulators/telegram/index.ts';
import { RecordingCore } from './recording-core.ts';
import { testLogger } from './harness.ts';

let emu: TelegramEmulator;
let adapter: TelegramAdapter | undefined;

beforeEach(async () => {
  emu = await TelegramEmulator.start();
});
afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await emu.stop();
});

async function startError(opts: {
  token?: string;
  apiRoot?: string;
  desk?: DeskSetup | 'missing';
}): Promise<ConfigError> {
  let deskChatId: string | undefined;
  if (opts.desk === 'missing') deskChatId = '-1000000000042';
  else if (opts.desk) deskChatId = String(emu.createDesk(opts.desk));
  adapter = new TelegramAdapter({
    token: opts.token ?? emu.token,
    apiRoot: opts.apiRoot ?? emu.apiRoot,
    logger: testLogger(),
    pollTimeoutSeconds: 1,
    ...(deskChatId ? { deskChatId } : {}),
  });
  try {
    await adapter.start(new RecordingCore());
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected start() to fail');
}

describe('start-up checks', () => {
  it('says to check TELEGRAM_BOT_TOKEN when Telegram answers 401', async () => {
    const err = await startError({ token: '123456789:AAwrongwrongwrongwrongwrongwrong' });
    expect(err.message).toMatch(/401.*check TELEGRAM_BOT_TOKEN/);
  });

  it('never puts the token in the error', async () => {
    const token = '123456789:AAwrongwrongwrongwrongwrongwrong';
    expect((await startError({ token })).message).not.toContain(token);
  });

  it('says so when the desk chat is not a forum', async () => {
    const err = await startError({ desk: { forum: false, title: 'Support' } });
    expect(err.message).toMatch(/"Support" is not a forum supergroup — turn on Topics/);
  });

  it('says so when the bot is not an administrator in the desk', async () => {
    const err = await startError({ desk: { bot: { status: 'member' } } });
    expect(err.message).toMatch(/not an administrator .*Manage topics/);
  });

  it('says so when the bot may not manage topics', async () => {
    const err = await startError({
      desk: { bot: { status: 'administrator', canManageTopics: false } },
    });
    expect(err.message).toMatch(/may not manage topics/);
  });

  it('says so when the desk chat does not exist for the bot', async () => {
    const err = await startError({ desk: 'missing' });
    expect(err.message).toMatch(
      /AGENT_DESK=telegram:-1000000000042: .*chat not found.* add the bot/,
    );
  });

  /** An adapter with the emulator's token and a proper forum desk. */
  const withDesk = () =>
    (adapter = new TelegramAdapter({
      token: emu.token,
      apiRoot: emu.apiRoot,
      logger: testLogger(),
      deskChatId: String(emu.createDesk()),
      pollTimeoutSeconds: 1,
    }));

  it('starts with a good token and a proper desk, asking getMe itself', async () => {
    await withDesk().start(new RecordingCore());
    expect(emu.calls('getMe')).toHaveLength(1);
  });

  it('asks for the desk, the command menus and the webhook removal at once, after getMe', async () => {
    // Far from Telegram's servers each round trip costs 100 ms or more: one for all of them.
    const getChat = emu.holdNext('getChat');
    const starting = withDesk().start(new RecordingCore());
    await getChat.arrived;
    // While getChat is still unanswered, the other calls have all arrived.
    await emu.waitFor(
      () =>
        emu.calls('getChatMember').length === 1 &&
        emu.calls('setMyCommands').length === 4 &&
        emu.calls('deleteWebhook').length === 1,
      'the other start-up calls',
    );
    expect(emu.calls('getUpdates')).toHaveLength(0); // polling waits for all of them
    getChat.release();
    await starting;
    await emu.waitFor(() => emu.calls('getUpdates').length > 0, 'polling');
  });

  it('offers no desk when AGENT_DESK is not on Telegram', () => {
    adapter = new TelegramAdapter({ token: emu.token, apiRoot: emu.apiRoot, logger: testLogger() });
    expect(adapter.desk).toBeUndefined();
  });
});

/** Log lines (their `msg`) the adapter writes. */
function capturedLogger(): { logger: ReturnType<typeof createLogger>; messages: string[] } {
  const messages: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n'))
        if (line) messages.push(String((JSON.parse(line) as { msg?: unknown }).msg));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), messages };
}

async function until(predicate: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a Telegram that does not answer at start-up', () => {
  const fast = { initialDelayMs: 40, maxDelayMs: 160 };
  const notReachable = (m: string) =>
    /^Telegram not reachable \(ECONNREFUSED\), retrying in /.test(m);

  it('is waited for, said in the log each time, and the bot starts once it answers', async () => {
    const port = await freePort();
    const { logger, messages } = capturedLogger();
    adapter = new TelegramAdapter({
      token: emu.token,
      apiRoot: `http://127.0.0.1:${port}`,
      logger,
      pollTimeoutSeconds: 1,
      reach: fast,
    });
    const core = new RecordingCore();
    let started = false;
    const starting = adapter.start(core).then(() => (started = true));
    await until(() => messages.filter(notReachable).length >= 2, 'two retries');
    expect(started).toBe(false);
    const late = await TelegramEmulator.start({ port });
    try {
      await starting;
      expect(late.calls('getMe')).toHaveLength(1);
      late.addUser({ id: 5, first_name: 'U' });
      late.userSends(5, 'hi');
      await late.waitFor(() => core.userEvents.length > 0, 'the message');
      expect(messages).toContain('Telegram reachable again after 3 attempts');
    } finally {
      await adapter.stop();
      adapter = undefined;
      await late.stop();
    }
  });

  it('waits out 5xx answers too', async () => {
    // auto-retry pauses 3 s after a 5xx even with no retries left: one is enough here.
    emu.failNext('getMe', { kind: 'server_error', status: 502 }, 1);
    const { logger, messages } = capturedLogger();
    adapter = new TelegramAdapter({
      token: emu.token,
      apiRoot: emu.apiRoot,
      logger,
      pollTimeoutSeconds: 1,
      reach: fast,
      retry: { maxRetryAttempts: 0 },
    });
    await adapter.start(new RecordingCore());
    expect(
      messages.filter((m) => m.startsWith('Telegram not reachable (502 Bad Gateway)')),
    ).toHaveLength(1);
    expect(emu.calls('getMe')).toHaveLength(2);
  });

  it('ends the wait when the adapter is stopped', async () => {
    const port = await freePort();
    const { logger, messages } = capturedLogger();
    const waiting = new TelegramAdapter({
      token: emu.token,
      apiRoot: `http://127.0.0.1:${port}`,
      logger,
      reach: { initialDelayMs: 60_000 },
    });
    const starting = waiting.start(new RecordingCore());
    await until(() => messages.some(notReachable), 'the first retry');
    await waiting.stop();
    await expect(starting).rejects.toBeInstanceOf(StartCancelled);
  });
});

describe('long polling', () => {
  it('deletes a webhook left from a previous run before polling', async () => {
    await fetch(`${emu.apiRoot}/bot${emu.token}/setWebhook?url=http://127.0.0.1:1/old`);
    adapter = new TelegramAdapter({
      token: emu.token,
      apiRoot: emu.apiRoot,
      logger: testLogger(),
      botInfo: emu.botInfo,
      pollTimeoutSeconds: 1,
    });
    const core = new RecordingCore();
    await adapter.start(core);
    emu.addUser({ id: 5, first_name: 'U' });
    emu.userSends(5, 'hi');
    await emu.waitFor(() => core.userEvents.length > 0, 'the message');
    expect(emu.state.webhook).toBeUndefined();
  });

  it('keeps running after the core throws', async () => {
    const core = new RecordingCore();
    core.onUser = (e) => {
      if (e.type === 'message' && e.text === 'boom') throw new Error('core failure');
    };
    adapter = new TelegramAdapter({
      token: emu.token,
      apiRoot: emu.apiRoot,
      logger: testLogger(),
      botInfo: emu.botInfo,
      pollTimeoutSeconds: 1,
    });
    await adapter.start(core);
    emu.addUser({ id: 5, first_name: 'U' });
    emu.userSends(5, 'boom');
    emu.userSends(5, 'after');
    await emu.waitFor(() => core.userEvents.length === 2, 'both messages');
    expect(core.messages().map((e) => e.text)).toEqual(['boom', 'after']);
  });
});
