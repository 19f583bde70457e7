import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { Bot, GrammyError, HttpError, InputFile } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { botApiFetch } from '../../../src/adapters/telegram/http.ts';
import { TelegramEmulator } from '../../emulators/telegram/index.ts';

/** A local HTTP server whose answer each test decides; it records what it was sent. */
let server: Server;
let base: string;
let answer: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;
const seen: Array<{ method: string; headers: IncomingMessage['headers']; body: string }> = [];
const seenUrls: string[] = [];
const closed: string[] = [];

beforeEach(async () => {
  seen.length = 0;
  seenUrls.length = 0;
  closed.length = 0;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', headers: req.headers, body: body.toString() });
      seenUrls.push(req.url ?? '');
      answer(req, body, res);
    });
    res.on('close', () => closed.push(req.url ?? ''));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const json =
  (status: number, value: unknown) => (_q: IncomingMessage, _b: Buffer, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };

describe('botApiFetch', () => {
  it('posts a JSON string with its length and reads the JSON answer', async () => {
    answer = json(200, { ok: true, result: { message_id: 7, text: 'héllo 你好' } });
    const res = await botApiFetch(`${base}/botT/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: 1, text: 'héllo 你好' }),
    });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(await res.json()).toEqual({ ok: true, result: { message_id: 7, text: 'héllo 你好' } });
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.headers['content-length']).toBe(
      String(Buffer.byteLength(JSON.stringify({ chat_id: 1, text: 'héllo 你好' }))),
    );
    expect(JSON.parse(seen[0]!.body)).toEqual({ chat_id: 1, text: 'héllo 你好' });
  });

  it('keeps the path, the query and credentials of the URL (parsed once per URL)', async () => {
    answer = json(200, { ok: true });
    const [proto, rest] = base.split('//');
    for (let i = 0; i < 2; i++)
      await botApiFetch(`${proto}//ops:s%40cret@${rest}/bot1:AB/getFile?x=${i}`, {
        method: 'POST',
        body: '{}',
      });
    expect(seen.map((r) => r.headers.authorization)).toEqual([
      `Basic ${Buffer.from('ops:s@cret').toString('base64')}`,
      `Basic ${Buffer.from('ops:s@cret').toString('base64')}`,
    ]);
    expect(seenUrls).toEqual(['/bot1:AB/getFile?x=0', '/bot1:AB/getFile?x=1']);
  });

  it('settles with an error status and still gives its JSON (the Bot API answers errors so)', async () => {
    answer = json(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    const res = await botApiFetch(`${base}/botT/sendMessage`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(400);
    expect(res.ok).toBe(false);
    expect(await res.json()).toMatchObject({ ok: false, error_code: 400 });
  });

  it('fails in json() when the answer is not JSON (a proxy error page)', async () => {
    answer = (_q, _b, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    };
    const res = await botApiFetch(`${base}/botT/getMe`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(502);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('decompresses a gzip answer', async () => {
    answer = (_q, _b, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ ok: true, result: 'x'.repeat(5000) })));
    };
    const res = await botApiFetch(`${base}/botT/getMe`, { method: 'POST', body: '{}' });
    expect(await res.json()).toEqual({ ok: true, result: 'x'.repeat(5000) });
  });

  it('streams a body that is a Readable (multipart uploads)', async () => {
    answer = json(200, { ok: true, result: true });
    const parts = [
      '--b\r\n',
      'Content-Disposition: form-data; name="chat_id"\r\n\r\n1\r\n',
      '--b--',
    ];
    const res = await botApiFetch(`${base}/botT/sendDocument`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body: Readable.from(parts),
    });
    expect(await res.json()).toEqual({ ok: true, result: true });
    expect(seen[0]!.body).toBe(parts.join(''));
    expect(seen[0]!.headers['transfer-encoding']).toBe('chunked');
  });

  it('rejects with an AbortError at once when the signal is already aborted; nothing is sent', async () => {
    answer = json(200, { ok: true });
    const ac = new AbortController();
    ac.abort();
    await expect(
      botApiFetch(`${base}/botT/getMe`, { method: 'POST', body: '{}', signal: ac.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(0);
  });

  it('an abort while the server has not answered (a long poll at stop) ends the request', async () => {
    answer = () => undefined; // never answers
    const ac = new AbortController();
    const pending = botApiFetch(`${base}/botT/getUpdates`, {
      method: 'POST',
      body: '{"timeout":30}',
      signal: ac.signal,
    });
    await until(() => seen.length === 1);
    ac.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await until(() => closed.length === 1);
  });

  it('rejects when nothing listens (the platform unreachable)', async () => {
    const port = (server.address() as AddressInfo).port;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await expect(
      botApiFetch(`http://127.0.0.1:${port}/botT/getMe`, { method: 'POST', body: '{}' }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    server = createServer().listen(0); // for afterEach
  });
});

describe('grammY on botApiFetch, against the Telegram emulator', () => {
  let emu: TelegramEmulator;
  afterEach(async () => emu?.stop());

  it('sends texts and uploads files; API errors and timeouts surface as grammY errors', async () => {
    emu = await TelegramEmulator.start();
    const bot = new Bot(emu.token, {
      client: {
        apiRoot: emu.apiRoot,
        fetch: botApiFetch as unknown as typeof fetch,
        timeoutSeconds: 1,
      },
    });
    const user = emu.addUser({ id: 4242, first_name: 'Ana' });
    const sent = await bot.api.sendMessage(user.id, 'Hello <b>there</b>', { parse_mode: 'HTML' });
    expect(sent.text).toBe('Hello there');
    const doc = await bot.api.sendDocument(
      user.id,
      new InputFile(Buffer.from('%PDF-1.4 test'), 'statement.pdf'),
    );
    expect(doc.document?.file_name).toBe('statement.pdf');
    await expect(bot.api.sendMessage(999_999, 'nobody')).rejects.toBeInstanceOf(GrammyError);
    // Held unanswered past grammY's timeout (1 s): grammY aborts the call, it fails as an HttpError.
    const held = emu.holdNext('sendMessage');
    await expect(bot.api.sendMessage(user.id, 'slow')).rejects.toBeInstanceOf(HttpError);
    held.release();
  });
});

async function until(ok: () => boolean, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
