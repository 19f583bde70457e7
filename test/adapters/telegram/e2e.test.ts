/**
 * End to end with the REAL core (intents, classifier, flow, tickets, evidence on a temp SQLite
 * store) and the real grammY client against the emulator: a user's DM with a screenshot goes through
 * intake, a topic opens with the card and the screenshot, the agent's reply reaches the user,
 * /close asks the user for a rating.
 */
import { walkWithdrawal } from '../../support/walk.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelegramAdapter } from '../../../src/adapters/telegram/index.ts';
import { makeTestCore, type TestCore } from '../../support/core.ts';
import { pngOfSize, type StoredMessage } from '../../emulators/telegram/index.ts';
import { AGENT, MEMBER, startTelegram, STRANGER, type TelegramSetup } from './harness.ts';
import { TgUser } from './tg-user.ts';

const EN_USER = { id: 601, first_name: 'Sam', last_name: 'Reed', language_code: 'en' };
const SCREENSHOT = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0,
  1, 8, 6, 0, 0, 0, 31, 21, 196, 137,
]);

let t: TelegramSetup | undefined;
const cores: TestCore[] = [];
let dataDir: string | undefined;

afterEach(async () => {
  await t?.stop();
  t = undefined;
  for (const c of cores.splice(0)) await c.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/** Adapter + real core on one store folder (a restart builds a second core on the same folder). */
async function setup(adapterOptions: Parameters<typeof startTelegram>[0] = {}) {
  dataDir = mkdtempSync(join(tmpdir(), 'tg-e2e-'));
  const dir = dataDir;
  const coreFor = async (adapter: TelegramAdapter) => {
    const c = await makeTestCore({
      channels: [adapter.channel],
      ...(adapter.desk ? { desk: adapter.desk } : {}),
      dataDir: dir,
    });
    cores.push(c);
    return c.core;
  };
  t = await startTelegram({ ...adapterOptions, core: coreFor });
  t.emu.addUser(EN_USER);
  const user = new TgUser(t.emu, EN_USER.id);
  return { t, user, deskId: t.deskId!, coreFor };
}

/**
 * The English withdrawal case up to the ticket, with one screenshot, an album of three, or one long
 * scrolling screenshot sent as a file; returns the ticket id and its topic.
 */
async function intake(
  t: TelegramSetup,
  user: TgUser,
  screenshots: 'one' | 'album' | 'long' = 'one',
) {
  await walkWithdrawal(user, 'screenshots');
  if (screenshots === 'one') {
    user.sendsPhoto(SCREENSHOT);
    await user.expect(/Got it — 1 of 3/);
  } else if (screenshots === 'long') {
    t.emu.userSendsDocument(user.id, { bytes: LONG_SHOT, fileName: 'history.png' });
    await user.expect(/Got it — 1 of 3/);
  } else {
    t.emu.userSendsAlbum(user.id, [SCREENSHOT, PNG_SHOT, JPEG_SHOT]);
    await user.expect(/Got it — 3 of 3|maximum of 3/);
  }
  // (An album that fills the limit goes on to the summary by itself: its Done is gone.)
  if (!user.texts().some((x) => /Please check your case/.test(x))) user.press(/Done/);
  await user.expect(/Please check your case/);
  const { ticketId, topic } = await sendCase(t, user);
  // The case is open once the core has linked the topic to the ticket (after the card and files).
  await waitUntil(
    async () =>
      (await cores
        .at(-1)!
        .core.repo.ticketIdForThread('telegram', String(t.deskId), String(topic.threadId))) ===
      ticketId,
  );
  return { ticketId, thread: topic.threadId };
}

const PNG_SHOT = new Uint8Array([...SCREENSHOT.slice(0, 29), 1, 2, 3, 4]);
/** A scrolling screenshot Telegram refuses as a photo (1080 + 12000 > 10000). */
const LONG_SHOT = pngOfSize(1080, 12_000);
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const JPEG_SHOT = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 1]);

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the core to link the topic');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Presses "Send to support" at the summary: the case id and its desk topic, once it exists. */
async function sendCase(t: TelegramSetup, user: TgUser) {
  user.press(/Send to support/);
  const created = await user.expect(/Your case T-[A-Z0-9]{7}/);
  const ticketId = /T-[A-Z0-9]{7}/.exec(created.text)![0];
  const topic = await t.emu.waitFor(
    () => t.emu.topics(t.deskId!).find((x) => x.name.includes(ticketId) && !x.deleted),
    'the topic',
  );
  return { ticketId, topic };
}

function deskMessages(t: TelegramSetup, thread: number): StoredMessage[] {
  return t.emu.sent(t.deskId!, thread);
}

describe('a case end to end (real core, real grammY, emulated Telegram)', () => {
  it('opens a topic whose first message is the case card, followed by the screenshot', async () => {
    const { t, user } = await setup();
    const { ticketId, thread } = await intake(t, user);
    const [card, photo] = await t.emu.waitFor(
      () => deskMessages(t, thread).length >= 2 && deskMessages(t, thread),
      'card and photo',
    );
    expect(card!.text).toContain(ticketId);
    expect(card!.text).toContain('TX12345678AB');
    expect(card!.text).toContain('my withdrawal has been pending for 3 days');
    expect(photo!.bytes).toEqual(Buffer.from(SCREENSHOT));
  });

  it('names the topic after the ticket, intent and language', async () => {
    const { t, user } = await setup();
    const { ticketId, thread } = await intake(t, user);
    expect(t.emu.topic(t.deskId!, thread)!.name).toMatch(
      new RegExp(`${ticketId} · withdrawal_pending · en`),
    );
  });

  it("delivers an agent's reply in the topic to the user", async () => {
    const { t, user, deskId } = await setup();
    const { thread } = await intake(t, user);
    t.emu.memberSends(deskId, AGENT.id, thread, 'Hi Sam, the bank confirmed it will arrive today.');
    expect((await user.expect(/Alice/)).text).toMatch(
      /^💬 Alice · case T-[A-Z0-9]{7}: Hi Sam, the bank confirmed it will arrive today\.$/,
    );
  });

  it("edits the card when the agent's first reply claims the case", async () => {
    const { t, user, deskId } = await setup();
    const { thread } = await intake(t, user);
    t.emu.memberSends(deskId, AGENT.id, thread, 'Looking into it');
    await user.expect(/Alice/);
    const card = deskMessages(t, thread)[0]!;
    expect(t.emu.message(deskId, card.messageId)!.text).toMatch(/claimed[\s\S]*Assignee: Alice/);
  });

  it("relays the user's follow-up into the topic", async () => {
    const { t, user, deskId } = await setup();
    const { thread } = await intake(t, user);
    user.says('any news?');
    const post = await t.emu.waitFor(
      () => deskMessages(t, thread).find((m) => m.text.includes('any news?')),
      'the follow-up',
    );
    expect(post.text).toBe('👤 Sam Reed\nany news?');
    expect(t.emu.topics(deskId)).toHaveLength(1);
  });

  it('on /close closes the topic and asks the user for a rating', async () => {
    const { t, user, deskId } = await setup();
    const { ticketId, thread } = await intake(t, user);
    t.emu.memberSends(deskId, AGENT.id, thread, 'It has been sent, it arrives today.');
    await user.expect(/It has been sent/);
    t.emu.memberSends(deskId, AGENT.id, thread, '/close');
    const survey = await user.expect(/has been closed\. How would you rate/);
    expect(survey.text).toContain(ticketId);
    expect(survey.replyMarkup!.inline_keyboard.flat()).toHaveLength(5);
    await t.emu.waitFor(() => t.emu.topic(deskId, thread)!.closed || undefined, 'the topic closed');
  });

  it('refuses /close from someone who is not an agent, and the case stays open', async () => {
    const { t, user, deskId } = await setup();
    const { thread } = await intake(t, user);
    t.emu.memberSends(deskId, STRANGER.id, thread, '/close');
    const refusal = await t.emu.waitFor(
      () => deskMessages(t, thread).find((m) => /Only support agents/.test(m.text)),
      'the refusal',
    );
    expect([
      refusal.kind,
      t.emu.topic(deskId, thread)!.closed,
      user.texts().some((x) => /rate/.test(x)),
    ]).toEqual(['text', false, false]);
  });

  it('says so in the topic when the user has blocked the bot', async () => {
    const { t, user, deskId } = await setup();
    const { thread } = await intake(t, user);
    t.emu.block(EN_USER.id);
    t.emu.memberSends(deskId, AGENT.id, thread, 'Hello?');
    const notice = await t.emu.waitFor(
      () => deskMessages(t, thread).find((m) => /blocked the bot/.test(m.text)),
      'the notice',
    );
    expect(notice.text).toMatch(/blocked the bot/);
  });

  it('re-creates a deleted topic with the history when the user writes again', async () => {
    const { t, user, deskId } = await setup();
    const { ticketId, thread } = await intake(t, user);
    t.emu.deleteTopic(deskId, thread);
    user.says('hello? is anyone there');
    const fresh = await t.emu.waitFor(
      () => t.emu.topics(deskId).find((x) => !x.deleted && x.name.includes(ticketId)),
      'a new topic',
    );
    const texts = await t.emu.waitFor(() => {
      const all = deskMessages(t, fresh.threadId).map((m) => m.text);
      return all.some((x) => x.includes('hello? is anyone there')) && all;
    }, 'the follow-up in the new topic');
    expect(fresh.threadId).not.toBe(thread);
    expect(texts[0]).toContain(ticketId);
  });

  it('opens one ticket when "Send to support" is tapped twice in a row', async () => {
    const { t, user, deskId } = await setup();
    user.says('my withdrawal has been pending for 3 days');
    await user.expect(/Did this solve it\?/);
    user.press(/No, I still need help/);
    await user.expect(/transaction ID|withdrawal ID/i);
    user.says('TX12345678AB');
    for (;;) {
      const next = await user.expect(/How much|When did|screenshots|Please check your case/);
      if (/Please check your case/.test(next.text)) {
        const data = next
          .replyMarkup!.inline_keyboard.flat()
          .find((b) => /Send to support/.test(b.text))!;
        if (!('callback_data' in data)) throw new Error('not a callback button');
        t.emu.forcePress(EN_USER.id, next, data.callback_data);
        t.emu.forcePress(EN_USER.id, next, data.callback_data);
        break;
      }
      user.press(/Skip/);
    }
    await user.expect(/Your case T-[A-Z0-9]{7}/);
    await new Promise((r) => setTimeout(r, 300));
    expect([
      t.emu.topics(deskId).length,
      user.texts().filter((x) => /Your case T-/.test(x)).length,
    ]).toEqual([1, 1]);
  });

  it('takes the summary\'s keyboard off when the case is sent by typing "send it"', async () => {
    const { t, user } = await setup();
    await walkWithdrawal(user, 'summary');
    const summary = t.emu.sent(EN_USER.id).at(-1)!;
    expect(summary.text).toMatch(/Please check your case/);
    user.says('send it');
    await user.expect(/Your case T-[A-Z0-9]{7}/);
    await t.emu.waitFor(
      () =>
        !t.emu.message(summary.chatId, summary.messageId)!.replyMarkup?.inline_keyboard.flat()
          .length,
      "the summary's buttons taken off",
    );
    // Nothing on the screen shows a button any more.
    const withButtons = t.emu
      .sent(EN_USER.id)
      .filter(
        (m) => t.emu.message(m.chatId, m.messageId)!.replyMarkup?.inline_keyboard.flat().length,
      );
    expect(withButtons.map((m) => m.text)).toEqual([]);
  });

  it("keeps an album's caption when the album fills the screenshots: on the summary and the card", async () => {
    const { t, user } = await setup();
    await walkWithdrawal(user, 'screenshots');
    t.emu.userSendsAlbum(
      user.id,
      [SCREENSHOT, PNG_SHOT, JPEG_SHOT],
      'the app shows error E1002 every time I retry',
    );
    const summary = await user.expect(/Please check your case/);
    expect(summary.text).toContain('the app shows error E1002 every time I retry');
    const { topic } = await sendCase(t, user);
    const card = await t.emu.waitFor(() => deskMessages(t, topic.threadId)[0], 'the card');
    expect(card.text).toContain('the app shows error E1002 every time I retry');
  });

  it('keeps two messages that arrive together in one ticket', async () => {
    const { t, user, deskId } = await setup();
    const first = await intake(t, user);
    user.says('I also want to add');
    user.says('that it is urgent');
    await t.emu.waitFor(
      () =>
        deskMessages(t, first.thread).filter((m) => /I also want|it is urgent/.test(m.text))
          .length === 2,
      'both posts',
    );
    expect(t.emu.topics(deskId)).toHaveLength(1);
  });

  it('puts an album of three screenshots into the case', async () => {
    const { t, user } = await setup();
    const { thread } = await intake(t, user, 'album');
    const photos = await t.emu.waitFor(() => {
      const p = deskMessages(t, thread).filter((m) => m.kind === 'photo');
      return p.length === 3 && p;
    }, 'three photos');
    expect(photos.map((p) => p.bytes)).toEqual(
      [SCREENSHOT, PNG_SHOT, JPEG_SHOT].map((b) => Buffer.from(b)),
    );
  });

  it('loses nothing and sends nothing twice through bursts of 429s', async () => {
    const { t, user, deskId } = await setup();
    t.emu.failNext('sendMessage', { kind: 'rate_limit', retryAfter: 0 }, 2);
    t.emu.failNext('createForumTopic', { kind: 'rate_limit', retryAfter: 0 }, 2);
    t.emu.failNext('sendPhoto', { kind: 'rate_limit', retryAfter: 0 }, 2);
    const { thread } = await intake(t, user);
    t.emu.failNext('sendMessage', { kind: 'rate_limit', retryAfter: 1 }, 3);
    t.emu.memberSends(deskId, AGENT.id, thread, 'reply through the rate limit');
    await user.expect(/reply through the rate limit/, 10_000);
    const texts = user.texts();
    expect(texts.filter((x) => /reply through the rate limit/.test(x))).toHaveLength(1);
    expect(texts.filter((x) => /Your case T-/.test(x))).toHaveLength(1);
    expect(t.emu.topics(deskId)).toHaveLength(1);
    expect(deskMessages(t, thread).filter((m) => m.kind === 'photo')).toHaveLength(1);
  });

  it('carries on after the bot restarts in the middle of intake', async () => {
    const { t, user, coreFor } = await setup();
    user.says('my withdrawal has been pending for 3 days');
    await user.expect(/Did this solve it\?/);
    user.press(/No, I still need help/);
    await user.expect(/transaction ID|withdrawal ID/i);
    for (const c of cores.splice(0)) await c.dispose(); // the process ends: core stopped, store closed
    await t.restart(coreFor);
    user.says('TX12345678AB');
    for (;;) {
      const next = await user.expect(/How much|When did|screenshots|Please check your case/);
      if (/Please check your case/.test(next.text)) break;
      user.press(/Skip/);
    }
    user.press(/Send to support/);
    expect((await user.expect(/Your case T-[A-Z0-9]{7}/)).text).toMatch(/is with our support team/);
  });

  it('refuses /claim from a plain member of the desk group (only administrators are agents)', async () => {
    const { t, user, deskId } = await setup();
    const { thread } = await intake(t, user);
    t.emu.memberSends(deskId, MEMBER.id, thread, '/claim');
    await t.emu.waitFor(
      () => deskMessages(t, thread).find((m) => /Only support agents/.test(m.text)),
      'the refusal',
    );
    const card = t.emu.message(deskId, deskMessages(t, thread)[0]!.messageId)!;
    expect([card.edits, /Bob/.test(card.text)]).toEqual([0, false]);
  });

  it('with AGENT_IDS, lets exactly those ids claim, administrators or not', async () => {
    const { t, user, deskId } = await setup({ adapter: { agentIds: [String(MEMBER.id)] } });
    const { ticketId, thread } = await intake(t, user);
    t.emu.memberSends(deskId, AGENT.id, thread, '/claim');
    await t.emu.waitFor(
      () => deskMessages(t, thread).find((m) => /Only support agents/.test(m.text)),
      'the refusal of the unlisted administrator',
    );
    t.emu.memberSends(deskId, MEMBER.id, thread, '/claim');
    await t.emu.waitFor(
      () => deskMessages(t, thread).find((m) => m.text.startsWith(`${ticketId} is yours`)),
      'the claim by the listed member',
    );
  });

  it('keeps an album captioned /note internal: one note saved, nothing relayed to the user', async () => {
    const { t, user, deskId } = await setup();
    const { ticketId, thread } = await intake(t, user);
    const before = t.emu.sent(EN_USER.id).length;
    t.emu.memberSendsAlbum(
      deskId,
      AGENT.id,
      thread,
      [SCREENSHOT, PNG_SHOT, JPEG_SHOT],
      '/note internal: same wallet as the last three fraud cases',
    );
    await t.emu.waitFor(
      () => deskMessages(t, thread).find((m) => /Note saved/.test(m.text)),
      'the note feedback',
    );
    await new Promise((r) => setTimeout(r, 400));
    const ticket = (await cores.at(-1)!.core.repo.ticket(ticketId))!;
    expect(ticket.transcript.filter((e) => e.from === 'note').map((e) => e.text)).toEqual([
      'internal: same wallet as the last three fraud cases',
    ]);
    expect(ticket.transcript.filter((e) => e.from === 'agent')).toEqual([]);
    expect(t.emu.sent(EN_USER.id).slice(before)).toEqual([]);
    expect(deskMessages(t, thread).filter((m) => /Note saved/.test(m.text))).toHaveLength(1);
  });

  it('keeps a photo or a document captioned /note internal too', async () => {
    const { t, user, deskId } = await setup();
    const { ticketId, thread } = await intake(t, user);
    const before = t.emu.sent(EN_USER.id).length;
    t.emu.memberSendsPhoto(deskId, AGENT.id, thread, {
      bytes: SCREENSHOT,
      caption: '/note photo: their bank app',
    });
    t.emu.memberSendsDocument(deskId, AGENT.id, thread, {
      bytes: new Uint8Array([37, 80, 68, 70, 45, 49]),
      fileName: 'statement.pdf',
      caption: '/note document: the statement',
    });
    await t.emu.waitFor(
      () => deskMessages(t, thread).filter((m) => /Note saved/.test(m.text)).length === 2,
      'two notes saved',
    );
    const ticket = (await cores.at(-1)!.core.repo.ticket(ticketId))!;
    expect(ticket.transcript.filter((e) => e.from === 'note').map((e) => e.text)).toEqual([
      'photo: their bank app',
      'document: the statement',
    ]);
    expect(t.emu.sent(EN_USER.id).slice(before)).toEqual([]);
  });

  it('hands a screenshot the user sent as a file to the desk as a file, never recompressed as a photo', async () => {
    const { t, user } = await setup();
    await walkWithdrawal(user, 'screenshots');
    t.emu.userSendsDocument(user.id, { bytes: SCREENSHOT, fileName: 'IMG_2041.png' });
    await user.expect(/Got it — 1 of 3/);
    user.press(/Done/);
    await user.expect(/Please check your case/);
    const { topic } = await sendCase(t, user);
    const [, file] = await t.emu.waitFor(
      () => deskMessages(t, topic.threadId).length >= 2 && deskMessages(t, topic.threadId),
      'card and file',
    );
    // A document with every byte as sent (under its short hash, never the user's own name).
    expect([file!.kind, file!.bytes, file!.fileName]).toEqual([
      'document',
      Buffer.from(SCREENSHOT),
      expect.stringMatching(/^[0-9a-f]{12}\.png$/),
    ]);
    expect(t.emu.calls('sendPhoto')).toEqual([]);
  });

  it("gives the user an agent's PDF under the agent's file name, with its real type's extension", async () => {
    const { t, user, deskId } = await setup();
    const { thread } = await intake(t, user);
    t.emu.memberSendsDocument(deskId, AGENT.id, thread, {
      bytes: PDF,
      fileName: 'Refund confirmation T-2041.pdf',
      caption: 'here is the confirmation',
    });
    const got = await t.emu.waitFor(
      () => t.emu.sent(EN_USER.id).find((m) => m.kind === 'document'),
      "the agent's PDF",
    );
    expect([got.fileName, got.bytes]).toEqual(['Refund confirmation T-2041.pdf', Buffer.from(PDF)]);
    // A PDF named as a script reaches the user as what it is.
    t.emu.memberSendsDocument(deskId, AGENT.id, thread, { bytes: PDF, fileName: 'statement.cmd' });
    const second = await t.emu.waitFor(
      () => t.emu.sent(EN_USER.id).filter((m) => m.kind === 'document')[1],
      "the agent's second PDF",
    );
    expect(second.fileName).toBe('statement.pdf');
  });

  it('opens the case with a long screenshot as a document, and keeps long screenshots flowing both ways', async () => {
    const { t, user, deskId } = await setup();
    const { thread } = await intake(t, user, 'long');
    const [card, file] = await t.emu.waitFor(
      () => deskMessages(t, thread).length >= 2 && deskMessages(t, thread),
      'card and screenshot',
    );
    expect([card!.kind, file!.kind, file!.bytes]).toEqual([
      'text',
      'document',
      Buffer.from(LONG_SHOT),
    ]);
    // The user adds another one, then writes: both reach the same topic.
    t.emu.userSendsDocument(EN_USER.id, { bytes: LONG_SHOT, fileName: 'more.png' });
    user.says('that was the full history');
    await t.emu.waitFor(
      () => deskMessages(t, thread).find((m) => m.text.includes('that was the full history')),
      'the follow-up',
    );
    expect(deskMessages(t, thread).filter((m) => m.kind === 'document')).toHaveLength(2);
    // The agent answers with a long screenshot of their own: the user gets it as a document.
    t.emu.memberSendsDocument(deskId, AGENT.id, thread, {
      bytes: pngOfSize(900, 18_000),
      fileName: 'steps.png',
      caption: 'follow these steps',
    });
    await t.emu.waitFor(
      () => t.emu.sent(EN_USER.id).find((m) => m.kind === 'document'),
      "the agent's screenshot",
    );
    expect([
      t.emu.topics(deskId).map((x) => x.deleted),
      t.emu.calls('deleteForumTopic').length,
    ]).toEqual([[false], 0]);
  });
});

describe("forwarded messages (a scammer's message, forwarded by the user)", () => {
  const SCAM =
    'Dear customer, your wallet will be frozen in 24 hours. Verify your recovery phrase at wallet-verify.example now.';
  const SUPPORT_IMPOSTOR = {
    type: 'user',
    sender_user: {
      id: 7_100_000_001,
      is_bot: false,
      first_name: 'Wallet',
      last_name: 'Support',
      username: 'wallet_support_help',
    },
  };

  it('says in the topic who wrote a message the user forwards to the open case', async () => {
    const { t, user } = await setup();
    const { ticketId, thread } = await intake(t, user);
    t.emu.userForwards(EN_USER.id, SCAM, SUPPORT_IMPOSTOR);
    const post = await t.emu.waitFor(
      () => deskMessages(t, thread).find((m) => m.text.includes('wallet-verify.example')),
      'the forwarded message in the topic',
    );
    expect(post.text).toContain(
      `↪️ Forwarded from Wallet Support (@wallet_support_help):\n${SCAM}`,
    );
    // Someone who hides their account: the name they show, said to be hidden.
    t.emu.userForwards(EN_USER.id, 'send the code you got', {
      type: 'hidden_user',
      sender_user_name: 'Anna Admin',
    });
    const hidden = await t.emu.waitFor(
      () => deskMessages(t, thread).find((m) => m.text.includes('send the code you got')),
      'the second forwarded message',
    );
    expect(hidden.text).toContain('↪️ Forwarded from Anna Admin (account hidden):');
    // And the case's transcript keeps who wrote them.
    const ticket = (await cores.at(-1)!.core.repo.ticket(ticketId))!;
    expect(ticket.transcript.filter((e) => e.forwarded).map((e) => [e.forwarded, e.text])).toEqual([
      [{ name: 'Wallet Support', username: 'wallet_support_help' }, SCAM],
      [{ name: 'Anna Admin', hidden: true }, 'send the code you got'],
    ]);
  });

  it("marks a forwarded first message on the case card: the scammer's words, not the user's", async () => {
    const { t, user } = await setup();
    t.emu.userForwards(EN_USER.id, SCAM, SUPPORT_IMPOSTOR);
    // (Phishing: protective steps and an urgent case at once.)
    await user.expect(/Your case T-[A-Z0-9]{7}/);
    const topic = await t.emu.waitFor(() => t.emu.topics(t.deskId!)[0], 'the topic');
    const card = await t.emu.waitFor(() => deskMessages(t, topic.threadId)[0], 'the card');
    expect(card.text).toContain(
      `What happened: ↪️ Forwarded from Wallet Support (@wallet_support_help):\n${SCAM}`,
    );
    // Said once: the words are the field's, not repeated as the user's own.
    expect(card.text.split(SCAM)).toHaveLength(2);
  });
});

describe('edited messages', () => {
  it("passes a user's edit to the open case, marked as an edit, and keeps it on the case", async () => {
    const { t, user } = await setup();
    const { ticketId, thread } = await intake(t, user);
    const sent = user.says('the bank reference is BR-55120');
    await t.emu.waitFor(
      () => deskMessages(t, thread).find((m) => m.text.includes('BR-55120')),
      'the message in the topic',
    );
    t.emu.edits(sent, 'the bank reference is BR-55210');
    // (The card lists the reference too, as a second id: the post is the one marked an edit.)
    const edit = await t.emu.waitFor(
      () =>
        deskMessages(t, thread).find(
          (m) => m.text.includes('✏️ Edited') && m.text.includes('BR-55210'),
        ),
      'the edit in the topic',
    );
    expect(edit.text).toContain('✏️ Edited: the bank reference is BR-55210');
    // A second edit of the same message is no duplicate of the first.
    t.emu.edits(sent, 'the bank reference is BR-55211');
    await t.emu.waitFor(
      () =>
        deskMessages(t, thread).find((m) =>
          m.text.includes('✏️ Edited: the bank reference is BR-55211'),
        ),
      'the second edit in the topic',
    );
    const ticket = (await cores.at(-1)!.core.repo.ticket(ticketId))!;
    expect(ticket.transcript.filter((e) => e.edited).map((e) => e.text)).toEqual([
      'the bank reference is BR-55210',
      'the bank reference is BR-55211',
    ]);
  });

  it('before a case: an edit is not misread as the next answer; the user is asked to resend, the agents see it', async () => {
    const { t, user } = await setup();
    user.says('my withdrawal has been pending for 3 days');
    await user.expect(/Did this solve it\?/);
    user.press(/No, I still need help/);
    await user.expect(/withdrawal ID/);
    const id = user.says('TX12345678AB');
    await user.expect(/How much/);
    t.emu.edits(id, 'TX12345678AC');
    await user.expect(/edit doesn't change what I've already noted/);
    user.says('250 USDT');
    for (;;) {
      const next = await user.expect(/When did|screenshots|Please check your case/);
      if (/Please check your case/.test(next.text)) break;
      user.press(/Skip/);
    }
    user.press(/Send to support/);
    const created = await user.expect(/Your case T-[A-Z0-9]{7}/);
    const ticketId = /T-[A-Z0-9]{7}/.exec(created.text)![0];
    const core = cores.at(-1)!.core;
    const ticket = (await core.repo.ticket(ticketId))!;
    // The amount is the amount (the edit was not taken for one), and the edit is in the record.
    expect(ticket.fields['amount']).toMatch(/250/);
    expect((await core.repo.beforeCase(ticket)).filter((e) => e.edited).map((e) => e.text)).toEqual(
      ['TX12345678AC'],
    );
  });

  it('deletes a message the user edited to paste their recovery phrase, and warns them', async () => {
    const { t, user } = await setup();
    await walkWithdrawal(user, 'screenshots');
    const note = user.says('it says pending review');
    await user.expect(/Noted|added/);
    t.emu.edits(
      note,
      'abandon ability able about above absent absorb abstract absurd abuse access accident',
    );
    await user.expect(/I deleted your message/);
    expect(t.emu.message(user.id, note.messageId)!.deleted).toBe(true);
  });

  it("sends an agent's edited reply to the user as a correction; an edited note stays internal", async () => {
    const { t, user, deskId } = await setup();
    const { thread } = await intake(t, user);
    const reply = t.emu.memberSends(deskId, AGENT.id, thread, 'It will arrive on Monday.');
    await user.expect(/It will arrive on Monday\./);
    t.emu.edits(reply, 'It will arrive on Tuesday.');
    expect((await user.expect(/Tuesday/)).text).toMatch(
      /^✏️ Alice · case T-[A-Z0-9]{7} — correction: It will arrive on Tuesday\.$/,
    );
    const note = t.emu.memberSends(deskId, AGENT.id, thread, '/note check with the bank first');
    await t.emu.waitFor(
      () => t.emu.sent(deskId, thread).find((m) => /Note saved/.test(m.text)),
      'the note saved',
    );
    t.emu.edits(note, '/note check with the bank first, then call');
    const before = t.emu.sent(EN_USER.id).length;
    t.emu.memberSends(deskId, AGENT.id, thread, 'One more thing: keep the app updated.');
    await user.expect(/keep the app updated/);
    expect(
      t.emu
        .sent(EN_USER.id)
        .slice(before)
        .map((m) => m.text),
    ).not.toContain(expect.stringMatching(/check with the bank/));
  });
});

describe('secrets through the real Telegram path', () => {
  const PHRASE =
    'abandon ability able about above absent absorb abstract absurd abuse access accident';

  it('deletes a pasted recovery phrase, warns the user, and the desk never sees it', async () => {
    const { t, user } = await setup();
    await walkWithdrawal(user, 'screenshots');
    const pasted = user.says(`my seed words ${PHRASE}`);
    await user.expect(/I deleted your message/);
    expect(t.emu.deletions(user.id).map((d) => d.messageId)).toContain(pasted.messageId);
    expect(t.emu.message(user.id, pasted.messageId)!.deleted).toBe(true);
    // The step goes on after the warning: wait for its question before pressing its button.
    await user.expect(/If you have screenshots of the problem/);
    user.press(/Done|Skip/);
    await user.expect(/Please check your case/);
    user.press(/Send to support/);
    const created = await user.expect(/Your case T-[A-Z0-9]{7}/);
    expect(created.text).toMatch(/security team has been alerted/);
    const ticketId = /T-[A-Z0-9]{7}/.exec(created.text)![0];
    const card = await t.emu.waitFor(() =>
      t.emu.sent(t.deskId!).find((m) => m.text?.includes(ticketId) && m.text.includes('Security')),
    );
    expect(card.text).toMatch(/recovery phrase/);
    const desk = JSON.stringify(t.emu.sent(t.deskId!));
    expect(desk).not.toContain('absurd abuse access');
  });

  it('a phrase typed a few words per message on an open case: the part already in the topic is edited out', async () => {
    const { t, user } = await setup();
    const { ticketId, thread } = await intake(t, user);
    const inTopic = (words: string) =>
      t.emu.waitFor(() => t.emu.sent(t.deskId!, thread).find((m) => m.text.includes(words)));
    const firstPart = user.says('legal winner thank');
    const first = await inTopic('legal winner thank');
    const secondPart = user.says('year wave sausage');
    await inTopic(`${ticketId}: the user typed their recovery phrase`);
    // Both parts leave the user's chat too, and the user is told so.
    await user.expect(/I deleted this message and the earlier ones/);
    expect(t.emu.message(user.id, firstPart.messageId)!.deleted).toBe(true);
    expect(t.emu.message(user.id, secondPart.messageId)!.deleted).toBe(true);
    // The same message in the topic, its words replaced (a bot edits its own messages).
    const edited = t.emu.message(t.deskId!, first.messageId)!;
    expect(edited.edits).toBe(1);
    expect(edited.text).toMatch(/\[recovery phrase removed\]/);
    const topic = t.emu.sent(t.deskId!, thread).map((m) => m.text);
    expect(topic.join('\n')).not.toMatch(/legal winner|sausage/);
    expect(topic.join('\n')).toMatch(/I have removed those words/);
  });
});
