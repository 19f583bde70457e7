import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TelegramAgentDesk } from '../../../src/adapters/telegram/desk.ts';
import { DeliveryError } from '../../../src/core/errors.ts';
import type { CaseCard, DeskRef, OutboundFile } from '../../../src/core/types.ts';
import { pngOfSize, TOPIC_COLORS } from '../../emulators/telegram/index.ts';
import { deliveryError, JPEG, PNG, startTelegram, type TelegramSetup } from './harness.ts';

let t: TelegramSetup;
let desk: TelegramAgentDesk;
let deskId: number;

const card: CaseCard = {
  ticketId: 'T-7K3Q9X',
  title: '🔴 T-7K3Q9X · unknown_transaction · zh',
  status: 'open',
  priority: 'urgent',
  intent: 'unknown_transaction',
  lang: 'zh',
  user: { platform: 'telegram', userId: '501', displayName: 'Mei', username: 'meilin' },
  fields: [{ label: 'Transaction ID', value: 'TX12345678AB' }],
  userWords: 'someone took <b>500</b> & I did not do it',
  createdAt: Date.UTC(2024, 10, 20),
};
const shots: OutboundFile[] = [
  { fileName: '1.jpg', mimeType: 'image/jpeg', bytes: JPEG },
  { fileName: '2.png', mimeType: 'image/png', bytes: PNG },
];

beforeEach(async () => {
  t = await startTelegram();
  desk = t.adapter.desk!;
  deskId = t.deskId!;
});
afterEach(async () => t.stop());

describe('openCase', () => {
  it('opens one topic named after the card, coloured by priority', async () => {
    await desk.openCase(card, []);
    expect(t.emu.topics(deskId).map((x) => [x.name, x.iconColor])).toEqual([
      [card.title, TOPIC_COLORS[5]],
    ]);
  });

  it("returns the topic id and the card's message id", async () => {
    const ref = await desk.openCase(card, []);
    const [first] = t.emu.sent(deskId, Number(ref.threadId));
    expect(ref).toEqual({
      platform: 'telegram',
      chatId: String(deskId),
      threadId: String(t.emu.topics(deskId)[0]!.threadId),
      cardMessageId: String(first!.messageId),
    });
  });

  it("makes the card the topic's first message, the user's words shown as written", async () => {
    const ref = await desk.openCase(card, []);
    const [first] = t.emu.sent(deskId, Number(ref.threadId));
    expect(first!.text).toContain('someone took <b>500</b> & I did not do it');
  });

  it('follows the card with the screenshots as one album', async () => {
    const ref = await desk.openCase(card, shots);
    const sent = t.emu.sent(deskId, Number(ref.threadId));
    expect(sent.map((m) => m.kind)).toEqual(['text', 'photo', 'photo']);
    expect(sent[1]!.mediaGroupId).toBe(sent[2]!.mediaGroupId);
  });

  it('posts a single screenshot with sendPhoto', async () => {
    await desk.openCase(card, [shots[0]!]);
    expect(t.emu.calls('sendPhoto')).toHaveLength(1);
  });

  it('opens exactly one topic through a burst of 429s', async () => {
    t.emu.failNext('createForumTopic', { kind: 'rate_limit', retryAfter: 0 }, 2);
    t.emu.failNext('sendMessage', { kind: 'rate_limit', retryAfter: 0 }, 2);
    const ref = await desk.openCase(card, []);
    expect([t.emu.topics(deskId).length, t.emu.sent(deskId, Number(ref.threadId)).length]).toEqual([
      1, 1,
    ]);
  });

  it('removes a topic left without its card and reports the failure', async () => {
    t.emu.failNext('sendMessage', {
      kind: 'error',
      errorCode: 400,
      description: 'Bad Request: something odd',
    });
    const err = await deliveryError(desk.openCase(card, []));
    expect([err.code, t.emu.topics(deskId)[0]!.deleted]).toEqual(['unknown', true]);
  });

  it('removes a half-opened topic when its files cannot be posted, so the retry opens the case with them', async () => {
    t.emu.failNext('sendMediaGroup', {
      kind: 'error',
      errorCode: 400,
      description: 'Bad Request: wrong file',
    });
    const error = await desk.openCase(card, shots).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(t.emu.topics(deskId).map((x) => x.deleted)).toEqual([true]);
    const ref = await desk.openCase(card, shots);
    const live = t.emu.topics(deskId).filter((x) => !x.deleted);
    expect(live.map((x) => String(x.threadId))).toEqual([ref.threadId]);
    expect(t.emu.sent(deskId, Number(ref.threadId)).filter((m) => m.kind === 'photo')).toHaveLength(
      shots.length,
    );
  });
});

describe('openCase and early routing', () => {
  it('reports the new topic before its card and files are posted', async () => {
    let before: { threadId: string; messages: number } | undefined;
    const ref = await desk.openCase(card, shots, async (early) => {
      before = {
        threadId: early.threadId,
        messages: t.emu.sent(deskId, Number(early.threadId)).length,
      };
    });
    expect(before).toEqual({ threadId: ref.threadId, messages: 0 });
  });
});

/** The topic a run killed between "topic created" and "card posted" left behind (its id stored). */
async function topicOfAKilledRun(name = card.title): Promise<DeskRef> {
  const res = await fetch(`${t.emu.apiRoot}/bot${t.emu.token}/createForumTopic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chat_id: deskId, name }),
  });
  const { result } = (await res.json()) as { result: { message_thread_id: number } };
  return {
    platform: 'telegram',
    chatId: String(deskId),
    threadId: String(result.message_thread_id),
  };
}

describe('openCase again after a kill (existing)', () => {
  it('posts the card and screenshots into the topic a killed run created, and creates none', async () => {
    const existing = await topicOfAKilledRun();
    let reported = false;
    const ref = await desk.openCase(card, shots, async () => void (reported = true), existing);
    expect(t.emu.topics(deskId).map((x) => String(x.threadId))).toEqual([existing.threadId]);
    expect(t.emu.calls('createForumTopic')).toHaveLength(1);
    const sent = t.emu.sent(deskId, Number(existing.threadId));
    expect(sent.map((m) => m.kind)).toEqual(['text', 'photo', 'photo']);
    expect(ref).toEqual({ ...existing, cardMessageId: String(sent[0]!.messageId) });
    expect(reported).toBe(false);
  });

  it('renames the adopted topic when the card changed since', async () => {
    const existing = await topicOfAKilledRun('🟡 T-7K3Q9X · unknown_transaction · zh');
    await desk.openCase(card, [], undefined, existing);
    expect(t.emu.topics(deskId).map((x) => x.name)).toEqual([card.title]);
  });

  it('opens a new topic when that one was deleted ("message thread not found")', async () => {
    const existing = await topicOfAKilledRun();
    t.emu.deleteTopic(deskId, Number(existing.threadId));
    const ref = await desk.openCase(card, shots, undefined, existing);
    expect(ref.threadId).not.toBe(existing.threadId);
    const live = t.emu.topics(deskId).filter((x) => !x.deleted);
    expect(live.map((x) => String(x.threadId))).toEqual([ref.threadId]);
    expect(t.emu.sent(deskId, Number(ref.threadId)).map((m) => m.kind)).toEqual([
      'text',
      'photo',
      'photo',
    ]);
  });
});

describe('updateCard, closeCase, reopenCase', () => {
  it('edits the card in place on claim', async () => {
    const ref = await desk.openCase(card, []);
    await desk.updateCard(ref, { ...card, status: 'claimed', assignee: 'Alice' });
    const cardMessage = t.emu.message(deskId, Number(ref.cardMessageId))!;
    expect([
      cardMessage.edits,
      /Assignee: Alice/.test(cardMessage.text),
      t.emu.sent(deskId).length,
    ]).toEqual([1, true, 1]);
  });

  it('accepts an update that changes nothing', async () => {
    const ref = await desk.openCase(card, []);
    await expect(desk.updateCard(ref, card)).resolves.toBeUndefined();
  });

  it('renames the topic when the title changes', async () => {
    const ref = await desk.openCase(card, []);
    await desk.updateCard(ref, { ...card, title: '✅ T-7K3Q9X · unknown_transaction · zh' });
    expect(t.emu.topics(deskId)[0]!.name).toBe('✅ T-7K3Q9X · unknown_transaction · zh');
  });

  it('does not rename the topic when the title is unchanged', async () => {
    const ref = await desk.openCase(card, []);
    await desk.updateCard(ref, { ...card, status: 'claimed' });
    expect(t.emu.calls('editForumTopic')).toHaveLength(0);
  });

  it('closes the topic and marks the card closed', async () => {
    const ref = await desk.openCase(card, []);
    await desk.closeCase(ref, { ...card, status: 'closed' });
    expect([
      t.emu.topics(deskId)[0]!.closed,
      /closed/.test(t.emu.message(deskId, Number(ref.cardMessageId))!.text),
    ]).toEqual([true, true]);
  });

  it('closing twice is not an error', async () => {
    const ref = await desk.openCase(card, []);
    await desk.closeCase(ref, { ...card, status: 'closed' });
    await expect(desk.closeCase(ref, { ...card, status: 'closed' })).resolves.toBeUndefined();
  });

  it('reopens a closed topic', async () => {
    const ref = await desk.openCase(card, []);
    await desk.closeCase(ref, { ...card, status: 'closed' });
    await desk.reopenCase(ref, { ...card, status: 'claimed' });
    expect(t.emu.topics(deskId)[0]!.closed).toBe(false);
  });

  it('throws thread_gone for the card of a deleted topic', async () => {
    const ref = await desk.openCase(card, []);
    t.emu.deleteTopic(deskId, Number(ref.threadId));
    expect((await deliveryError(desk.updateCard(ref, { ...card, status: 'claimed' }))).code).toBe(
      'thread_gone',
    );
  });

  it('posts the card again when only the card message was deleted (the topic is still there)', async () => {
    const ref = await desk.openCase(card, []);
    await t.adapter.bot.api.deleteMessage(deskId, Number(ref.cardMessageId));
    await desk.updateCard(ref, { ...card, status: 'claimed', assignee: 'Alice' });
    const inTopic = t.emu.sent(deskId, Number(ref.threadId)).filter((m) => /Alice/.test(m.text));
    expect(inTopic).toHaveLength(1);
    expect(t.emu.topics(deskId).filter((x) => !x.deleted)).toHaveLength(1);
  });

  it('throws thread_gone when closing a deleted topic', async () => {
    const ref = await desk.openCase(card, []);
    t.emu.deleteTopic(deskId, Number(ref.threadId));
    expect((await deliveryError(desk.closeCase(ref, { ...card, status: 'closed' }))).code).toBe(
      'thread_gone',
    );
  });
});

describe('post', () => {
  it("relays a user's words under their name, escaped", async () => {
    const ref = await desk.openCase(card, []);
    await desk.post(ref, { from: 'user', authorName: 'Mei', text: 'still <nothing> & waiting' });
    expect(t.emu.sent(deskId, Number(ref.threadId)).at(-1)!.text).toBe(
      '👤 Mei\nstill <nothing> & waiting',
    );
  });

  it("posts a user's single photo with the words as its caption", async () => {
    const ref = await desk.openCase(card, []);
    await desk.post(ref, {
      from: 'user',
      authorName: 'Mei',
      text: 'new screenshot',
      files: [shots[0]!],
    });
    expect(t.emu.sent(deskId, Number(ref.threadId)).at(-1)).toMatchObject({
      kind: 'photo',
      text: '👤 Mei\nnew screenshot',
    });
  });

  it('posts a long text in several messages', async () => {
    const ref = await desk.openCase(card, []);
    await desk.post(ref, { from: 'user', authorName: 'Mei', text: 'word '.repeat(1500) });
    expect(t.emu.sent(deskId, Number(ref.threadId)).length).toBe(3);
  });

  it('throws thread_gone for a deleted topic', async () => {
    const ref = await desk.openCase(card, []);
    t.emu.deleteTopic(deskId, Number(ref.threadId));
    expect((await deliveryError(desk.post(ref, { from: 'system', text: 'x' }))).code).toBe(
      'thread_gone',
    );
  });
});

describe('screenshots Telegram refuses as photos (PHOTO_INVALID_DIMENSIONS)', () => {
  // A scrolling screenshot: 1170 × 12000 is far over Telegram's 10000 for width + height.
  const long: OutboundFile = {
    fileName: 'history.png',
    mimeType: 'image/png',
    bytes: pngOfSize(1170, 12_000),
  };

  it('opens the case with the card and the long screenshot as a document, in one topic', async () => {
    const ref = await desk.openCase(card, [long]);
    const sent = t.emu.sent(deskId, Number(ref.threadId));
    expect(sent.map((m) => m.kind)).toEqual(['text', 'document']);
    expect(sent[1]!.bytes).toEqual(Buffer.from(long.bytes));
    expect(t.emu.topics(deskId).map((x) => x.deleted)).toEqual([false]);
  });

  it('keeps the other screenshots of the case as photos', async () => {
    const ref = await desk.openCase(card, [shots[0]!, long, shots[1]!]);
    expect(t.emu.sent(deskId, Number(ref.threadId)).map((m) => m.kind)).toEqual([
      'text',
      'photo',
      'photo',
      'document',
    ]);
  });

  it('does not delete and re-create the topic when Telegram refuses a photo', async () => {
    t.emu.failNext('sendPhoto', {
      kind: 'error',
      errorCode: 400,
      description: 'Bad Request: PHOTO_INVALID_DIMENSIONS',
    });
    const ref = await desk.openCase(card, [shots[0]!]);
    expect([
      t.emu.topics(deskId).length,
      t.emu.calls('deleteForumTopic').length,
      t.emu.sent(deskId, Number(ref.threadId)).map((m) => m.kind),
    ]).toEqual([1, 0, ['text', 'document']]);
  });

  it("relays a user's long screenshot as a document with the words as its caption; later posts follow", async () => {
    const ref = await desk.openCase(card, []);
    await desk.post(ref, { from: 'user', authorName: 'Mei', text: 'full history', files: [long] });
    await desk.post(ref, { from: 'user', authorName: 'Mei', text: 'and one more thing' });
    expect(
      t.emu
        .sent(deskId, Number(ref.threadId))
        .map((m) => [m.kind, m.text])
        .slice(1),
    ).toEqual([
      ['document', '👤 Mei\nfull history'],
      ['text', '👤 Mei\nand one more thing'],
    ]);
  });

  it('posts a refused album of screenshots as documents', async () => {
    t.emu.failNext('sendMediaGroup', {
      kind: 'error',
      errorCode: 400,
      description: 'Bad Request: PHOTO_INVALID_DIMENSIONS',
    });
    const ref = await desk.openCase(card, []);
    await desk.post(ref, { from: 'user', authorName: 'Mei', text: 'two more', files: shots });
    expect(t.emu.sent(deskId, Number(ref.threadId)).map((m) => m.kind)).toEqual([
      'text',
      'text',
      'document',
      'document',
    ]);
  });
});
