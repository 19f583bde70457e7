import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api, GrammyError, InputFile, InputMediaBuilder } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../free-port.ts';
import { imageSize, jpegOfSize, pngOfSize, TelegramEmulator } from './index.ts';

let emu: TelegramEmulator;
let api: Api;
const USER = 501;
const AGENT = 901;
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

beforeEach(async () => {
  emu = await TelegramEmulator.start();
  api = new Api(emu.token, { apiRoot: emu.apiRoot });
  emu.addUser({ id: USER, first_name: 'Mei', language_code: 'zh-hans' });
  emu.addUser({ id: AGENT, first_name: 'Alice' });
});
afterEach(async () => emu.stop());

async function refusal(p: Promise<unknown>): Promise<GrammyError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof GrammyError) return err;
    throw err;
  }
  throw new Error('expected the call to be refused');
}

describe('bot identity and token', () => {
  it('answers getMe with the bot', async () => {
    expect((await api.getMe()).username).toBe('wallet_support_bot');
  });

  it('listens on the port it is given', async () => {
    const port = await freePort();
    const other = await TelegramEmulator.start({ port });
    try {
      expect(other.apiRoot).toBe(`http://127.0.0.1:${port}`);
      const me = await new Api(other.token, { apiRoot: other.apiRoot }).getMe();
      expect(me.username).toBe(other.botInfo.username);
    } finally {
      await other.stop();
    }
  });

  it('answers each call latencyMs late when asked to (a server far from Telegram)', async () => {
    const far = await TelegramEmulator.start({ latencyMs: 120 });
    try {
      const farApi = new Api(far.token, { apiRoot: far.apiRoot });
      const t0 = performance.now();
      await farApi.getMe();
      expect(performance.now() - t0).toBeGreaterThanOrEqual(115);
    } finally {
      await far.stop();
    }
  });

  it('answers 401 Unauthorized to another token', async () => {
    const other = new Api('123456:wrong-token-wrong-token-wrong', { apiRoot: emu.apiRoot });
    expect((await refusal(other.getMe())).error_code).toBe(401);
  });

  it('answers 404 to an unknown method', async () => {
    const res = await fetch(`${emu.apiRoot}/bot${emu.token}/sendTelepathy`, { method: 'POST' });
    expect(res.status).toBe(404);
  });
});

describe('getUpdates', () => {
  it('returns an injected message', async () => {
    emu.userSends(USER, 'hello');
    const updates = await api.getUpdates({ timeout: 0 });
    expect(updates.map((u) => u.message?.text)).toEqual(['hello']);
  });

  it('waits (long polling) until an update arrives', async () => {
    const pending = api.getUpdates({ timeout: 5 });
    setTimeout(() => emu.userSends(USER, 'late'), 50);
    expect((await pending).map((u) => u.message?.text)).toEqual(['late']);
  });

  it('confirms updates before the offset and only those', async () => {
    emu.userSends(USER, 'one');
    emu.userSends(USER, 'two');
    const [first] = await api.getUpdates({ timeout: 0 });
    const rest = await api.getUpdates({ offset: first!.update_id + 1, timeout: 0 });
    expect(rest.map((u) => u.message?.text)).toEqual(['two']);
  });

  it('redelivers what was not confirmed', async () => {
    emu.userSends(USER, 'one');
    await api.getUpdates({ timeout: 0 });
    expect(await api.getUpdates({ timeout: 0 })).toHaveLength(1);
  });

  it('refuses getUpdates with 409 while a webhook is set', async () => {
    await api.setWebhook('http://127.0.0.1:1/hook');
    expect((await refusal(api.getUpdates({ timeout: 0 }))).error_code).toBe(409);
  });

  it('marks bot commands with a bot_command entity', async () => {
    emu.userSends(USER, '/start');
    const [u] = await api.getUpdates({ timeout: 0 });
    expect(u!.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
  });
});

describe('webhook', () => {
  let server: Server;
  const received: Array<{ secret: string | undefined; body: string }> = [];
  beforeEach(async () => {
    received.length = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({
          secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined,
          body,
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterEach(async () => new Promise<void>((r) => server.close(() => r())));

  it('posts updates to the webhook with the secret token header', async () => {
    const port = (server.address() as AddressInfo).port;
    await api.setWebhook(`http://127.0.0.1:${port}/hook`, { secret_token: 's3cret' });
    emu.userSends(USER, 'via webhook');
    await emu.waitFor(() => received.length > 0, 'a delivery');
    expect(received[0]!.secret).toBe('s3cret');
    expect(JSON.parse(received[0]!.body).message.text).toBe('via webhook');
  });

  it('drops a delivered update from the queue', async () => {
    const port = (server.address() as AddressInfo).port;
    await api.setWebhook(`http://127.0.0.1:${port}/hook`);
    emu.userSends(USER, 'x');
    await emu.waitFor(() => received.length > 0, 'a delivery');
    await emu.waitFor(() => emu.pendingUpdates().length === 0, 'queue empty');
    expect(emu.webhookDeliveries.map((d) => d.status)).toEqual([200]);
  });
});

describe('sending', () => {
  it('stores a text message for the chat', async () => {
    await api.sendMessage(USER, 'hi');
    expect(emu.sent(USER).map((m) => m.text)).toEqual(['hi']);
  });

  it('parses HTML into what the reader sees', async () => {
    await api.sendMessage(USER, '<b>T-1</b> &lt;3', { parse_mode: 'HTML' });
    expect(emu.sent(USER)[0]!.text).toBe('T-1 <3');
  });

  it("refuses HTML with unescaped text (can't parse entities)", async () => {
    const err = await refusal(api.sendMessage(USER, 'a <script> b', { parse_mode: 'HTML' }));
    expect(err.description).toMatch(/can't parse entities/);
  });

  it('refuses callback_data over 64 bytes', async () => {
    const err = await refusal(
      api.sendMessage(USER, 'x', {
        reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'x'.repeat(65) }]] },
      }),
    );
    expect(err.description).toBe('Bad Request: BUTTON_DATA_INVALID');
  });

  it('refuses an empty text', async () => {
    expect((await refusal(api.sendMessage(USER, ' '))).description).toBe(
      'Bad Request: message text is empty',
    );
  });

  it('refuses a text over 4096 characters', async () => {
    expect((await refusal(api.sendMessage(USER, 'x'.repeat(4097)))).description).toBe(
      'Bad Request: message is too long',
    );
  });

  it('keeps the bytes of an uploaded photo, downloadable through getFile and the file path', async () => {
    const sent = await api.sendPhoto(USER, new InputFile(JPEG, 'shot.jpg'));
    const largest = sent.photo!.at(-1)!;
    const file = await api.getFile(largest.file_id);
    const res = await fetch(`${emu.apiRoot}/file/bot${emu.token}/${file.file_path}`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(JPEG);
  });

  it('refuses a file download with the wrong token', async () => {
    const sent = await api.sendPhoto(USER, new InputFile(JPEG, 'shot.jpg'));
    const file = await api.getFile(sent.photo!.at(-1)!.file_id);
    expect((await fetch(`${emu.apiRoot}/file/botWRONG/${file.file_path}`)).status).toBe(401);
  });

  it('stores a document with its name and type', async () => {
    await api.sendDocument(USER, new InputFile(new Uint8Array([37, 80, 68, 70]), 'statement.pdf'));
    expect(emu.sent(USER)[0]).toMatchObject({
      kind: 'document',
      fileName: 'statement.pdf',
      mimeType: 'application/pdf',
    });
  });

  it('sends an album as messages sharing one media_group_id', async () => {
    const media = [1, 2, 3].map((n) =>
      InputMediaBuilder.photo(new InputFile(new Uint8Array([0xff, 0xd8, n]), `${n}.jpg`)),
    );
    const sent = await api.sendMediaGroup(USER, media);
    expect(sent).toHaveLength(3);
    const groups = sent.map((m) => emu.message(USER, m.message_id)!.message['media_group_id']);
    expect(typeof groups[0]).toBe('string');
    expect(new Set(groups).size).toBe(1);
  });

  it('refuses an album mixing documents and photos', async () => {
    const media = [
      InputMediaBuilder.photo(new InputFile(JPEG, 'a.jpg')),
      InputMediaBuilder.document(new InputFile(JPEG, 'b.pdf')),
    ] as unknown as Parameters<Api['sendMediaGroup']>[1];
    expect((await refusal(api.sendMediaGroup(USER, media))).description).toMatch(/can't be mixed/);
  });

  it("copies a user's photo into a topic", async () => {
    const desk = emu.createDesk();
    const topic = await api.createForumTopic(desk, 'T-1');
    const original = emu.userSendsPhoto(USER, { bytes: JPEG });
    await api.copyMessage(desk, USER, original.messageId, {
      message_thread_id: topic.message_thread_id,
    });
    expect(emu.sent(desk, topic.message_thread_id)[0]!.bytes).toEqual(Buffer.from(JPEG));
  });
});

describe('refusals', () => {
  it('answers 403 "bot was blocked by the user" to a user who blocked the bot', async () => {
    emu.block(USER);
    const err = await refusal(api.sendMessage(USER, 'hi'));
    expect([err.error_code, err.description]).toEqual([
      403,
      'Forbidden: bot was blocked by the user',
    ]);
  });

  it('refuses photos to a blocked user too, and stores nothing', async () => {
    emu.block(USER);
    await refusal(api.sendPhoto(USER, new InputFile(JPEG, 'x.jpg')));
    expect(emu.sent(USER)).toEqual([]);
  });

  it('answers a scripted 429 with retry_after in parameters', async () => {
    emu.failNext('sendMessage', { kind: 'rate_limit', retryAfter: 7 });
    const err = await refusal(api.sendMessage(USER, 'hi'));
    expect([err.error_code, err.parameters.retry_after]).toEqual([429, 7]);
  });

  it('fails only as many calls as scripted', async () => {
    emu.failNext('sendMessage', { kind: 'server_error' }, 2);
    await refusal(api.sendMessage(USER, '1'));
    await refusal(api.sendMessage(USER, '2'));
    await api.sendMessage(USER, '3');
    expect(emu.sent(USER).map((m) => m.text)).toEqual(['3']);
  });

  it('fails only the calls matching a condition', async () => {
    emu.failNext(
      'sendMessage',
      { kind: 'rate_limit', retryAfter: 1 },
      1,
      (p) => p.optStr('chat_id') === String(AGENT),
    );
    await api.sendMessage(USER, 'ok');
    expect((await refusal(api.sendMessage(AGENT, 'x'))).error_code).toBe(429);
  });

  it('holds a matching call unanswered, its message not sent, until released', async () => {
    const held = emu.holdNext('sendMessage', (p) => p.optStr('chat_id') === String(AGENT));
    await api.sendMessage(USER, 'not held');
    const answer = api.sendMessage(AGENT, 'held');
    expect((await held.arrived).optStr('text')).toBe('held');
    await new Promise((r) => setTimeout(r, 50));
    expect(emu.sent(AGENT)).toEqual([]);
    held.release();
    expect((await answer).text).toBe('held');
    expect(emu.sent(AGENT).map((m) => m.text)).toEqual(['held']);
  });

  it('drops a held call whose client went away: nothing is sent', async () => {
    const held = emu.holdNext('sendMessage');
    const abort = new AbortController();
    const answer = fetch(`${emu.apiRoot}/bot${emu.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: USER, text: 'lost' }),
      signal: abort.signal,
    }).catch(() => 'aborted');
    await held.arrived;
    abort.abort();
    expect(await answer).toBe('aborted');
    // The emulator sees the connection close a moment later.
    await new Promise((r) => setTimeout(r, 100));
    held.release();
    await new Promise((r) => setTimeout(r, 50));
    expect(emu.sent(USER)).toEqual([]);
  });

  it('answers 400 "chat not found" for an unknown chat', async () => {
    expect((await refusal(api.sendMessage(42, 'x'))).description).toBe(
      'Bad Request: chat not found',
    );
  });
});

describe('forum topics', () => {
  it('creates a topic whose id is its creation message, with the requested colour', async () => {
    const desk = emu.createDesk();
    const topic = await api.createForumTopic(desk, 'T-1 · x', { icon_color: 0xfb6f5f });
    expect(emu.topic(desk, topic.message_thread_id)).toMatchObject({
      name: 'T-1 · x',
      iconColor: 0xfb6f5f,
      closed: false,
    });
  });

  it('marks messages sent into a topic as topic messages', async () => {
    const desk = emu.createDesk();
    const { message_thread_id } = await api.createForumTopic(desk, 'T');
    const m = await api.sendMessage(desk, 'card', { message_thread_id });
    expect([m.message_thread_id, m.is_topic_message]).toEqual([message_thread_id, true]);
  });

  it('refuses topics in a group without Topics', async () => {
    const desk = emu.createDesk({ forum: false });
    expect((await refusal(api.createForumTopic(desk, 'T'))).description).toBe(
      'Bad Request: the chat is not a forum',
    );
  });

  it('refuses topics when the bot may not manage them', async () => {
    const desk = emu.createDesk({ bot: { status: 'administrator', canManageTopics: false } });
    expect((await refusal(api.createForumTopic(desk, 'T'))).description).toMatch(
      /not enough rights/,
    );
  });

  it('answers 400 "message thread not found" in a deleted topic', async () => {
    const desk = emu.createDesk();
    const { message_thread_id } = await api.createForumTopic(desk, 'T');
    emu.deleteTopic(desk, message_thread_id);
    expect((await refusal(api.sendMessage(desk, 'x', { message_thread_id }))).description).toBe(
      'Bad Request: message thread not found',
    );
  });

  it('closes, then refuses to close again (TOPIC_NOT_MODIFIED), then reopens', async () => {
    const desk = emu.createDesk();
    const { message_thread_id } = await api.createForumTopic(desk, 'T');
    await api.closeForumTopic(desk, message_thread_id);
    const again = await refusal(api.closeForumTopic(desk, message_thread_id));
    await api.reopenForumTopic(desk, message_thread_id);
    expect([again.description, emu.topic(desk, message_thread_id)!.closed]).toEqual([
      'Bad Request: TOPIC_NOT_MODIFIED',
      false,
    ]);
  });

  it('renames a topic', async () => {
    const desk = emu.createDesk();
    const { message_thread_id } = await api.createForumTopic(desk, 'T');
    await api.editForumTopic(desk, message_thread_id, { name: 'T ✓' });
    expect(emu.topic(desk, message_thread_id)!.name).toBe('T ✓');
  });

  it('makes a topic message reply to the topic, or to the message the agent replied to', async () => {
    const desk = emu.createDesk();
    const { message_thread_id } = await api.createForumTopic(desk, 'T');
    const first = emu.memberSends(desk, AGENT, message_thread_id, 'first');
    const reply = emu.memberSends(desk, AGENT, message_thread_id, '/transfer', { replyTo: first });
    const replied = (m: typeof first) =>
      (m.message['reply_to_message'] as { message_id: number }).message_id;
    expect([replied(first), replied(reply)]).toEqual([message_thread_id, first.messageId]);
  });

  it('records whom a message notifies: @usernames and text mentions of known users', async () => {
    emu.addUser({ id: 906, first_name: 'Sara', username: 'sara_senior' });
    const sent = await api.sendMessage(
      USER,
      '@sara_senior, <a href="tg://user?id=901">Alice</a>, <a href="tg://user?id=42">nobody</a>',
      { parse_mode: 'HTML' },
    );
    expect(emu.message(USER, sent.message_id)!.mentions).toEqual([906, AGENT]);
  });

  it('lets agents post in a topic (as updates)', async () => {
    const desk = emu.createDesk();
    const { message_thread_id } = await api.createForumTopic(desk, 'T');
    emu.memberSends(desk, AGENT, message_thread_id, 'hello user');
    const [u] = await api.getUpdates({ timeout: 0 });
    expect([u!.message?.message_thread_id, u!.message?.is_topic_message]).toEqual([
      message_thread_id,
      true,
    ]);
  });
});

describe('photo dimensions', () => {
  it('reads width and height from a PNG (IHDR) and a JPEG (SOF0)', () => {
    expect([imageSize(pngOfSize(1080, 2400)), imageSize(jpegOfSize(640, 480))]).toEqual([
      { width: 1080, height: 2400 },
      { width: 640, height: 480 },
    ]);
  });

  it('refuses a photo whose sides add up to more than 10000 with PHOTO_INVALID_DIMENSIONS', async () => {
    const err = await refusal(
      api.sendPhoto(USER, new InputFile(pngOfSize(1080, 9000), 'long.png')),
    );
    expect([err.error_code, err.description, emu.sent(USER)]).toEqual([
      400,
      'Bad Request: PHOTO_INVALID_DIMENSIONS',
      [],
    ]);
  });

  it('refuses a photo more than 20 times longer than wide', async () => {
    const err = await refusal(api.sendPhoto(USER, new InputFile(jpegOfSize(100, 2100), 'x.jpg')));
    expect(err.description).toBe('Bad Request: PHOTO_INVALID_DIMENSIONS');
  });

  it('takes the same bytes as a document', async () => {
    await api.sendDocument(USER, new InputFile(pngOfSize(1080, 9000), 'long.png'));
    expect(emu.sent(USER).map((m) => m.kind)).toEqual(['document']);
  });

  it('accepts a photo at the limits and reports its real size', async () => {
    const sent = await api.sendPhoto(USER, new InputFile(pngOfSize(500, 9500), 'edge.png'));
    expect(sent.photo.at(-1)).toMatchObject({ width: 500, height: 9500 });
  });

  it('refuses a whole album when one photo is out of bounds, storing none of it', async () => {
    const media = [pngOfSize(100, 100), pngOfSize(20_000, 10), pngOfSize(100, 100)].map((b, i) =>
      InputMediaBuilder.photo(new InputFile(b, `${i}.png`)),
    );
    const err = await refusal(api.sendMediaGroup(USER, media));
    expect([err.description, emu.sent(USER)]).toEqual([
      'Bad Request: PHOTO_INVALID_DIMENSIONS',
      [],
    ]);
  });
});

describe('deleteMessage', () => {
  it("deletes a user's message in a private chat and records the deletion", async () => {
    const m = emu.userSends(USER, 'my seed phrase is …');
    expect(await api.deleteMessage(USER, m.messageId)).toBe(true);
    expect([emu.message(USER, m.messageId)!.deleted, emu.deletions(USER)]).toEqual([
      true,
      [expect.objectContaining({ chatId: USER, messageId: m.messageId, fromBot: false })],
    ]);
  });

  it('answers "message to delete not found" the second time', async () => {
    const m = emu.userSends(USER, 'x');
    await api.deleteMessage(USER, m.messageId);
    expect((await refusal(api.deleteMessage(USER, m.messageId))).description).toBe(
      'Bad Request: message to delete not found',
    );
  });

  it('refuses a message sent 48 hours ago or more', async () => {
    const m = emu.userSends(USER, 'old');
    emu.backdate(m, 48 * 3600);
    const err = await refusal(api.deleteMessage(USER, m.messageId));
    expect([err.error_code, err.description, emu.deletions()]).toEqual([
      400,
      "Bad Request: message can't be deleted for everyone",
      [],
    ]);
  });
});

describe('edits and callbacks', () => {
  it('edits a text and counts the edit', async () => {
    const m = await api.sendMessage(USER, 'v1');
    await api.editMessageText(USER, m.message_id, 'v2');
    expect(emu.message(USER, m.message_id)).toMatchObject({ text: 'v2', edits: 1 });
  });

  it('refuses an edit that changes nothing', async () => {
    const m = await api.sendMessage(USER, 'same');
    expect((await refusal(api.editMessageText(USER, m.message_id, 'same'))).description).toMatch(
      /message is not modified/,
    );
  });

  it('removes a keyboard with editMessageReplyMarkup', async () => {
    const m = await api.sendMessage(USER, 'pick', {
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
    });
    await api.editMessageReplyMarkup(USER, m.message_id, { reply_markup: { inline_keyboard: [] } });
    expect(emu.message(USER, m.message_id)!.replyMarkup).toBeUndefined();
  });

  it('refuses a press on a button that is not there', async () => {
    const m = await api.sendMessage(USER, 'no buttons');
    expect(() => emu.press(USER, emu.message(USER, m.message_id)!, 'a')).toThrow(/no button/);
  });

  it('answers a callback query once; a second answer is refused as too old', async () => {
    const m = await api.sendMessage(USER, 'pick', {
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
    });
    const query = emu.press(USER, emu.message(USER, m.message_id)!, 'a');
    await api.answerCallbackQuery(query.id);
    const err = await refusal(api.answerCallbackQuery(query.id));
    expect([emu.callback(query.id)!.answered, err.description]).toEqual([
      true,
      expect.stringMatching(/query is too old/),
    ]);
  });
});

describe('chat and members', () => {
  it('describes the desk as a forum supergroup', async () => {
    const desk = emu.createDesk({ title: 'Desk' });
    expect(await api.getChat(desk)).toMatchObject({
      type: 'supergroup',
      is_forum: true,
      title: 'Desk',
    });
  });

  it("reports the bot's rights in the desk", async () => {
    const desk = emu.createDesk();
    expect(await api.getChatMember(desk, emu.botInfo.id)).toMatchObject({
      status: 'administrator',
      can_manage_topics: true,
    });
  });

  it('lists the creator and the administrators, not members, bots or people who left', async () => {
    const desk = emu.createDesk();
    emu.addUser({ id: 1, first_name: 'Owner' });
    emu.addUser({ id: 2, first_name: 'Admin' });
    emu.setMember(desk, 1, 'creator');
    emu.setMember(desk, 2, 'administrator');
    emu.setMember(desk, AGENT, 'member');
    emu.setMember(desk, USER, 'left');
    const admins = await api.getChatAdministrators(desk);
    expect(admins.map((m) => [m.user.id, m.status]).sort()).toEqual([
      [1, 'creator'],
      [2, 'administrator'],
    ]);
    expect(emu.administrators(desk)).toEqual([1, 2]);
  });

  it('has no administrators to list in a private chat', async () => {
    expect((await refusal(api.getChatAdministrators(USER))).error_code).toBe(400);
  });

  it('reports someone outside the group as left', async () => {
    const desk = emu.createDesk();
    expect((await api.getChatMember(desk, AGENT)).status).toBe('left');
  });

  it('keeps command menus per scope and language', async () => {
    await api.setMyCommands([{ command: 'start', description: '开始' }], {
      scope: { type: 'all_private_chats' },
      language_code: 'zh',
    });
    expect(emu.commands({ type: 'all_private_chats' }, 'zh')).toEqual([
      { command: 'start', description: '开始' },
    ]);
  });

  it('refuses an invalid command name', async () => {
    expect(
      (await refusal(api.setMyCommands([{ command: 'Start!', description: 'x' }]))).description,
    ).toBe('Bad Request: BOT_COMMAND_INVALID');
  });
});
