import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TelegramAdapter } from '../../../src/adapters/telegram/index.ts';
import type { Address } from '../../../src/core/types.ts';
import { createStore } from '../../../src/store.ts';
import { jpegOfSize, pngOfSize } from '../../emulators/telegram/index.ts';
import { deliveryError, JPEG, PNG, startTelegram, USER, type TelegramSetup } from './harness.ts';

let t: TelegramSetup;
const to: Address = { platform: 'telegram', chatId: String(USER.id) };

beforeEach(async () => {
  t = await startTelegram({ desk: false });
});
afterEach(async () => t.stop());

describe('text', () => {
  it('sends the text as plain text: markup characters arrive as typed', async () => {
    await t.adapter.channel.send(to, { text: 'Use <b>this</b> & *that*' });
    expect(t.emu.sent(USER.id).map((m) => m.text)).toEqual(['Use <b>this</b> & *that*']);
  });

  it('sends without parse_mode', async () => {
    await t.adapter.channel.send(to, { text: 'x' });
    expect(t.emu.calls('sendMessage')[0]!.params['parse_mode']).toBeUndefined();
  });

  it('splits a text longer than 4096 characters, losing nothing', async () => {
    const text = 'word '.repeat(2000).trim();
    await t.adapter.channel.send(to, { text });
    const sent = t.emu.sent(USER.id).map((m) => m.text);
    expect(sent.length).toBe(3);
    expect(sent.join(' ').replace(/\s+/g, ' ')).toBe(text);
  });
});

describe('choices', () => {
  it('shows choices as an inline keyboard whose callback data are the choice ids', async () => {
    await t.adapter.channel.send(to, {
      text: 'Did this help?',
      choices: [
        { id: 'f:yes', label: 'Solved' },
        { id: 'f:no', label: 'Not solved' },
      ],
    });
    expect(t.emu.sent(USER.id)[0]!.replyMarkup).toEqual({
      inline_keyboard: [
        [
          { text: 'Solved', callback_data: 'f:yes' },
          { text: 'Not solved', callback_data: 'f:no' },
        ],
      ],
    });
  });

  it("takes the buttons off the previous step's message when a new keyboard comes", async () => {
    const ask = (id: string) =>
      t.adapter.channel.send(to, { text: `Question ${id}`, choices: [{ id, label: 'Skip' }] });
    await ask('1:skip');
    await t.adapter.channel.send(to, { text: 'Noted.' });
    await ask('2:skip');
    const [first, noted, second] = t.emu.sent(USER.id);
    expect(first!.replyMarkup?.inline_keyboard ?? []).toEqual([]);
    expect(noted!.replyMarkup).toBeUndefined();
    expect(second!.replyMarkup!.inline_keyboard).toEqual([
      [{ text: 'Skip', callback_data: '2:skip' }],
    ]);
  });

  it('takes the current keyboard off when the core says its step is over, once', async () => {
    await t.adapter.channel.send(to, {
      text: 'Send it?',
      choices: [{ id: '3:confirm', label: 'Send' }],
    });
    await t.adapter.channel.closeChoices(to);
    await t.adapter.channel.send(to, { text: 'Your case is with our team.' });
    await t.adapter.channel.closeChoices(to);
    const [summary] = t.emu.sent(USER.id);
    expect(t.emu.message(USER.id, summary!.messageId)!.replyMarkup?.inline_keyboard ?? []).toEqual(
      [],
    );
    expect(t.emu.calls('editMessageReplyMarkup')).toHaveLength(1);
  });

  it('puts long labels one per row', async () => {
    const choices = [
      'Withdrawal not received',
      'Deposit missing',
      'Account locked',
      'Something else',
    ].map((label, i) => ({ id: `i${i}`, label }));
    await t.adapter.channel.send(to, { text: 'Pick one', choices });
    expect(t.emu.sent(USER.id)[0]!.replyMarkup!.inline_keyboard.map((row) => row.length)).toEqual([
      1, 1, 1, 1,
    ]);
  });

  it('puts the keyboard under the last part of a long text', async () => {
    await t.adapter.channel.send(to, {
      text: 'x '.repeat(3000),
      choices: [{ id: 'a', label: 'A' }],
    });
    const sent = t.emu.sent(USER.id);
    expect(sent.map((m) => m.replyMarkup !== undefined)).toEqual([false, true]);
  });

  it('refuses a choice id over 64 bytes before calling Telegram', async () => {
    const err = await deliveryError(
      t.adapter.channel.send(to, { text: 'x', choices: [{ id: 'x'.repeat(65), label: 'A' }] }),
    );
    expect([err.code, t.emu.calls('sendMessage').length]).toEqual(['unknown', 0]);
  });
});

describe('choices across a restart', () => {
  it("takes off, after a restart, the keyboard sent before it (kept in the core's store)", async () => {
    await t.stop();
    const store = await createStore('memory://');
    t = await startTelegram({ desk: false, adapter: { sharedStore: store } });
    const ask = (adapter: TelegramAdapter, id: string) =>
      adapter.channel.send(to, { text: `Question ${id}`, choices: [{ id, label: 'Skip' }] });
    const buttons = (i: number) => {
      const sent = t.emu.sent(USER.id)[i]!;
      return t.emu.message(USER.id, sent.messageId)!.replyMarkup?.inline_keyboard.flat() ?? [];
    };
    // The step is answered in words after a restart: its keyboard goes, once.
    await ask(t.adapter, '1:skip');
    const second = await t.restart();
    await second.channel.closeChoices(to);
    await second.channel.closeChoices(to);
    expect([buttons(0), t.emu.calls('editMessageReplyMarkup').length]).toEqual([[], 1]);
    // A new keyboard after a restart takes off the one sent before it.
    await ask(second, '2:skip');
    const third = await t.restart();
    await ask(third, '3:skip');
    expect([buttons(1), buttons(2).map((b) => b.text)]).toEqual([[], ['Skip']]);
    expect(t.emu.calls('editMessageReplyMarkup')).toHaveLength(2);
    await store.close();
  });
});

describe('files', () => {
  it('sends one image with a short text as a captioned photo', async () => {
    await t.adapter.channel.send(to, {
      text: 'Here is the form',
      files: [{ fileName: 'form.jpg', mimeType: 'image/jpeg', bytes: JPEG }],
    });
    const sent = t.emu.sent(USER.id);
    expect(sent.map((m) => [m.kind, m.text])).toEqual([['photo', 'Here is the form']]);
  });

  it('delivers the exact bytes', async () => {
    await t.adapter.channel.send(to, {
      text: '',
      files: [{ fileName: 'form.png', mimeType: 'image/png', bytes: PNG }],
    });
    expect(t.emu.sent(USER.id)[0]!.bytes).toEqual(Buffer.from(PNG));
  });

  it('sends three images as one album, then the text', async () => {
    const files = [JPEG, PNG, JPEG].map((bytes, i) => ({
      fileName: `${i}.jpg`,
      mimeType: 'image/jpeg',
      bytes,
    }));
    await t.adapter.channel.send(to, {
      text: 'three screenshots',
      choices: [{ id: 'ok', label: 'OK' }],
      files,
    });
    const sent = t.emu.sent(USER.id);
    expect(sent.map((m) => m.kind)).toEqual(['photo', 'photo', 'photo', 'text']);
    expect(new Set(sent.slice(0, 3).map((m) => m.mediaGroupId)).size).toBe(1);
  });

  it('sends a PDF as a document', async () => {
    await t.adapter.channel.send(to, {
      text: '',
      files: [
        {
          fileName: 'statement.pdf',
          mimeType: 'application/pdf',
          bytes: new Uint8Array([37, 80, 68, 70]),
        },
      ],
    });
    expect(t.emu.sent(USER.id)[0]).toMatchObject({ kind: 'document', fileName: 'statement.pdf' });
  });
});

describe('refusals', () => {
  it('throws user_unreachable when the user blocked the bot', async () => {
    t.emu.block(USER.id);
    expect((await deliveryError(t.adapter.channel.send(to, { text: 'hello' }))).code).toBe(
      'user_unreachable',
    );
  });

  it('rides out a burst of 429s: the message arrives once', async () => {
    t.emu.failNext('sendMessage', { kind: 'rate_limit', retryAfter: 0 }, 3);
    await t.adapter.channel.send(to, { text: 'after the burst' });
    expect(t.emu.sent(USER.id).map((m) => m.text)).toEqual(['after the burst']);
  });

  it('gives up with platform_unavailable when 429s outlast the retries, having sent nothing', async () => {
    t.emu.failNext('sendMessage', { kind: 'rate_limit', retryAfter: 0 }, 10);
    const err = await deliveryError(t.adapter.channel.send(to, { text: 'never' }));
    expect([err.code, t.emu.sent(USER.id).length]).toEqual(['platform_unavailable', 0]);
  });

  it('does not wait out a retry_after longer than the bound', async () => {
    t.emu.failNext('sendMessage', { kind: 'rate_limit', retryAfter: 3600 });
    const started = Date.now();
    const err = await deliveryError(t.adapter.channel.send(to, { text: 'x' }));
    expect([err.code, Date.now() - started < 2000]).toEqual(['platform_unavailable', true]);
  });

  it('resumes a long text that failed half-way: on the retry no part arrives twice', async () => {
    const text = ['a'.repeat(4000), 'b'.repeat(4000), 'c'.repeat(3000)].join(' ');
    // The second part hits a 429 longer than the retry bound; the send gives up.
    t.emu.failNext('sendMessage', { kind: 'rate_limit', retryAfter: 3600 }, 1, (p) =>
      String(p.str('text')).startsWith('b'),
    );
    const err = await deliveryError(t.adapter.channel.send(to, { text }));
    expect(err.code).toBe('platform_unavailable');
    await t.adapter.channel.send(to, { text });
    expect(t.emu.sent(USER.id).map((m) => m.text[0])).toEqual(['a', 'b', 'c']);
  });

  it('refuses an address from another platform', async () => {
    const err = await deliveryError(
      t.adapter.channel.send({ platform: 'discord', chatId: '1' }, { text: 'x' }),
    );
    expect(err.code).toBe('unknown');
  });
});

describe('photos Telegram refuses for their dimensions (PHOTO_INVALID_DIMENSIONS)', () => {
  // A scrolling screenshot: 1080 × 9500 adds up to more than 10000.
  const long = { fileName: 'long.png', mimeType: 'image/png', bytes: pngOfSize(1080, 9500) };

  it('sends a long screenshot as a document, with its caption, and nothing as a photo', async () => {
    await t.adapter.channel.send(to, { text: 'Here is the full history', files: [long] });
    expect(t.emu.sent(USER.id).map((m) => [m.kind, m.text, m.fileName])).toEqual([
      ['document', 'Here is the full history', 'long.png'],
    ]);
    expect(t.emu.calls('sendPhoto').filter((c) => !c.ok)).toHaveLength(0);
  });

  it('sends a photo again as a document when Telegram refuses it, once', async () => {
    t.emu.failNext('sendPhoto', {
      kind: 'error',
      errorCode: 400,
      description: 'Bad Request: PHOTO_INVALID_DIMENSIONS',
    });
    await t.adapter.channel.send(to, {
      text: 'see',
      files: [{ fileName: 'odd.webp', mimeType: 'image/webp', bytes: JPEG }],
    });
    expect(t.emu.sent(USER.id).map((m) => [m.kind, m.text])).toEqual([['document', 'see']]);
    expect([t.emu.calls('sendPhoto').length, t.emu.calls('sendDocument').length]).toEqual([1, 1]);
  });

  it('keeps the other images of an album as photos and adds the long one as a document', async () => {
    const files = [JPEG, PNG].map((bytes, i) => ({
      fileName: `${i}.jpg`,
      mimeType: 'image/jpeg',
      bytes,
    }));
    await t.adapter.channel.send(to, { text: 'three', files: [files[0]!, long, files[1]!] });
    expect(t.emu.sent(USER.id).map((m) => m.kind)).toEqual(['photo', 'photo', 'document', 'text']);
  });

  it('sends a refused album again as documents', async () => {
    t.emu.failNext('sendMediaGroup', {
      kind: 'error',
      errorCode: 400,
      description: 'Bad Request: PHOTO_INVALID_DIMENSIONS',
    });
    const files = [jpegOfSize(800, 600), jpegOfSize(600, 800)].map((bytes, i) => ({
      fileName: `${i}.jpg`,
      mimeType: 'image/jpeg',
      bytes,
    }));
    await t.adapter.channel.send(to, { text: '', files });
    const sent = t.emu.sent(USER.id);
    expect(sent.map((m) => m.kind)).toEqual(['document', 'document']);
    expect(sent.map((m) => m.bytes)).toEqual(files.map((f) => Buffer.from(f.bytes)));
  });

  it('does not turn other refusals into documents', async () => {
    t.emu.failNext('sendPhoto', { kind: 'error', errorCode: 400, description: 'Bad Request: x' });
    await deliveryError(
      t.adapter.channel.send(to, {
        text: '',
        files: [{ fileName: 'a.jpg', mimeType: 'image/jpeg', bytes: JPEG }],
      }),
    );
    expect(t.emu.calls('sendDocument')).toHaveLength(0);
  });

  it('lets later messages through after a long screenshot', async () => {
    await t.adapter.channel.send(to, { text: '', files: [long] });
    await t.adapter.channel.send(to, { text: 'and then this' });
    expect(t.emu.sent(USER.id).map((m) => m.kind)).toEqual(['document', 'text']);
  });
});

describe('deleteUserMessage', () => {
  it("deletes the user's message and resolves true", async () => {
    const pasted = t.emu.userSends(USER.id, 'abandon ability able about above absent …');
    expect(await t.adapter.channel.deleteUserMessage(to, String(pasted.messageId))).toBe(true);
    expect(t.emu.deletions(USER.id).map((d) => [d.messageId, d.fromBot])).toEqual([
      [pasted.messageId, false],
    ]);
    expect(t.emu.message(USER.id, pasted.messageId)!.deleted).toBe(true);
  });

  it('resolves false for a message that is gone already', async () => {
    const pasted = t.emu.userSends(USER.id, 'x');
    await t.adapter.channel.deleteUserMessage(to, String(pasted.messageId));
    expect(await t.adapter.channel.deleteUserMessage(to, String(pasted.messageId))).toBe(false);
  });

  it('resolves false for a message older than 48 hours (Telegram refuses)', async () => {
    const pasted = t.emu.userSends(USER.id, 'x');
    t.emu.backdate(pasted, 49 * 3600);
    expect(await t.adapter.channel.deleteUserMessage(to, String(pasted.messageId))).toBe(false);
    expect(t.emu.message(USER.id, pasted.messageId)!.deleted).toBe(false);
  });

  it('resolves false, without a call, for an id that is no Telegram message', async () => {
    expect(await t.adapter.channel.deleteUserMessage(to, 'cb:12')).toBe(false);
    expect(t.emu.calls('deleteMessage')).toHaveLength(0);
  });

  it('throws platform_unavailable when Telegram stays unavailable (the caller may retry)', async () => {
    const pasted = t.emu.userSends(USER.id, 'x');
    t.emu.failNext('deleteMessage', { kind: 'rate_limit', retryAfter: 3600 });
    const err = await deliveryError(
      t.adapter.channel.deleteUserMessage(to, String(pasted.messageId)),
    );
    expect(err.code).toBe('platform_unavailable');
  });
});
