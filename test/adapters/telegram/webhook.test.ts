import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramAdapter, webhookSecretFromToken } from '../../../src/adapters/telegram/index.ts';
import { TelegramEmulator } from '../../emulators/telegram/index.ts';
import { testLogger, USER } from './harness.ts';
import { RecordingCore } from './recording-core.ts';

let emu: TelegramEmulator;
let server: Server;
let adapter: TelegramAdapter;
let core: RecordingCore;
let url: string;
const SECRET = 'wh_secret-123';

beforeEach(async () => {
  emu = await TelegramEmulator.start();
  emu.addUser(USER);
  core = new RecordingCore();
  // The lead's HTTP server mounts handleWebhook at /telegram/webhook; this stands in for it.
  server = createServer((req, res) => {
    if (req.url === '/telegram/webhook' && req.method === 'POST')
      void adapter.handleWebhook(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
  adapter = new TelegramAdapter({
    token: emu.token,
    apiRoot: emu.apiRoot,
    logger: testLogger(),
    botInfo: emu.botInfo,
    webhook: { url, secret: SECRET },
  });
});
afterEach(async () => {
  await adapter.stop();
  await emu.stop();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('webhook mode', () => {
  it('registers the webhook with its secret token instead of polling', async () => {
    await adapter.start(core);
    expect([emu.state.webhook, emu.calls('getUpdates').length]).toEqual([
      { url, secretToken: SECRET },
      0,
    ]);
  });

  it('hands updates Telegram posts to the core', async () => {
    await adapter.start(core);
    emu.userSends(USER.id, 'via webhook');
    const [event] = await emu.waitFor(
      () => core.messages().length > 0 && core.messages(),
      'the message',
    );
    expect(event!.text).toBe('via webhook');
  });

  it('answers 401 to a request without the right secret, and the core sees nothing', async () => {
    await adapter.start(core);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'guess' },
      body: JSON.stringify({
        update_id: 1,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: 1, type: 'private', first_name: 'x' },
          from: { id: 1, is_bot: false, first_name: 'x' },
          text: 'forged',
        },
      }),
    });
    expect([res.status, core.userEvents.length]).toEqual([401, 0]);
  });

  it('answers 503 before start, so Telegram retries later', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': SECRET },
      body: '{}',
    });
    expect(res.status).toBe(503);
  });
});

describe('webhookSecretFromToken', () => {
  it('derives a stable secret Telegram accepts, without the token in it', () => {
    const secret = webhookSecretFromToken(emu.token);
    expect([
      /^[A-Za-z0-9_-]{1,256}$/.test(secret),
      secret === webhookSecretFromToken(emu.token),
      secret.includes(emu.token),
    ]).toEqual([true, true, false]);
  });
});
