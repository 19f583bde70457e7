/**
 * End to end with the REAL core (intents, classifier, flow, tickets, evidence on a temp SQLite
 * store) and the real discord.js client against the emulator: a user's DM with a screenshot goes
 * through intake, a thread opens with the card and the screenshot, the agent's reply reaches the
 * user's DM, /close archives the thread and asks the user for a rating. Plus the failures the issue
 * names: 429s, closed DMs, a deleted thread, a non-agent's /close, a gateway drop, two presses at once.
 */
import { walkWithdrawal } from '../../support/walk.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../../src/adapters/discord/index.ts';
import { makeTestCore, type TestCore } from '../../support/core.ts';
import { DcUser, plain } from './dc-user.ts';
import { startHarness, type Harness } from './harness.ts';

const SCREENSHOT = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0,
  1, 8, 6, 0, 0, 0, 31, 21, 196, 137,
]);

let h: Harness | undefined;
const cores: TestCore[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const c of cores.splice(0)) await c.dispose();
});

async function setup(options: Parameters<typeof startHarness>[0] = {}) {
  const coreFor = async (adapter: DiscordAdapter) => {
    const c = await makeTestCore({
      channels: [adapter.channel],
      ...(adapter.desk ? { desk: adapter.desk } : {}),
    });
    cores.push(c);
    return c.core;
  };
  h = await startHarness({ ...options, core: coreFor });
  const user = new DcUser(
    h.emu,
    h.emu.addUser({ username: 'sam.reed', globalName: 'Sam Reed' }).id,
  );
  return { h, user };
}

/** The English withdrawal case with one screenshot, up to the ticket; returns its id and thread. */
async function intake(h: Harness, user: DcUser) {
  await walkWithdrawal(user, 'screenshots');
  user.sendsImage(SCREENSHOT);
  await user.expect(/Got it — 1 of 3/);
  user.press(/Done/);
  await user.expect(/Please check your case/);
  user.press(/Send to support/);
  const created = await user.expect(/Your case T-[A-Z0-9]{7}/);
  const ticketId = /T-[A-Z0-9]{7}/.exec(created.text)![0];
  const thread = await h.emu.waitFor(
    () => h.emu.threadsOf(h.desk.id).find((t) => t.name?.includes(ticketId)),
    5_000,
    'the case thread',
  );
  await h.emu.waitFor(() => h.emu.botMessagesIn(thread.id).length > 0, 5_000, 'the case card');
  await linked(h, thread.id);
  return { ticketId, threadId: thread.id };
}

/**
 * The core links the thread to the ticket right after openCase returns; an agent can only write
 * after that (a person cannot type within those milliseconds, a test can).
 */
async function linked(h: Harness, threadId: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await cores.at(-1)!.core.repo.ticketIdForThread('discord', h.desk.id, threadId))) {
    if (Date.now() > deadline) throw new Error(`thread ${threadId} was never linked to its ticket`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const cardOf = (h: Harness, threadId: string) => h.emu.botMessagesIn(threadId)[0]!;

describe('a case end to end (real core, real discord.js, emulated Discord)', () => {
  it('opens a thread whose first message is the case card with the screenshot attached', async () => {
    const { h, user } = await setup();
    const { ticketId, threadId } = await intake(h, user);
    const card = cardOf(h, threadId);
    const embed = JSON.stringify(card.embeds[0]);
    expect(embed).toContain(ticketId);
    expect(embed).toContain('TX12345678AB');
    expect(embed).toContain('my withdrawal has been pending for 3 days');
    expect([...h.emu.createdRecord(card.id)!.files[0]!]).toEqual([...SCREENSHOT]);
  });

  it('answers a file that is neither an image nor a PDF with a clear reply', async () => {
    const { h, user } = await setup();
    await walkWithdrawal(user, 'screenshots');
    h.emu.userSendsDm(user.id, {
      files: [
        {
          fileName: 'notes.zip',
          contentType: 'application/zip',
          bytes: new Uint8Array([0x50, 0x4b, 3, 4]),
        },
      ],
    });
    expect((await user.expect(/only accept images/)).text).toMatch(
      /images \(PNG, JPEG, WebP\) or PDF/,
    );
  });

  it('names the thread after the ticket, intent and language, and agents can read it', async () => {
    const { h, user } = await setup();
    const { ticketId, threadId } = await intake(h, user);
    expect(h.emu.channels.get(threadId)!.name).toMatch(
      new RegExp(`${ticketId} · withdrawal_pending · en`),
    );
    expect(h.emu.canView(h.agent.id, threadId)).toBe(true);
  });

  it("delivers an agent's reply in the thread to the user's DM", async () => {
    const { h, user } = await setup();
    const { threadId } = await intake(h, user);
    h.emu.memberSays(h.agent.id, threadId, {
      content: 'Hi Sam, the bank confirmed it will arrive today.',
    });
    expect((await user.expect(/Ana/)).text).toMatch(
      /^💬 Ana · case T-[A-Z0-9]{7}: Hi Sam, the bank confirmed it will arrive today\.$/,
    );
  });

  it("delivers an agent's file in the thread to the user's DM, bytes included", async () => {
    const { h, user } = await setup();
    const { threadId } = await intake(h, user);
    h.emu.memberSays(h.agent.id, threadId, {
      content: 'Here is the bank receipt',
      files: [{ fileName: 'receipt.png', contentType: 'image/png', bytes: SCREENSHOT }],
    });
    const dm = await user.expect(/Here is the bank receipt/);
    // An agent's file reaches the user under the agent's own name (its real type's extension).
    expect(dm.attachments.map((a) => a.filename)).toEqual(['receipt.png']);
    expect([...h.emu.createdRecord(dm.id)!.files[0]!]).toEqual([...SCREENSHOT]);
  });

  it('answers /status in DMs with the open case', async () => {
    const { h, user } = await setup();
    const { ticketId } = await intake(h, user);
    h.emu.slashCommand(user.id, user.dmChannelId, 'status');
    expect((await user.expect(/Your case T-/)).text).toBe(
      `Your case ${ticketId}: waiting for an agent.`,
    );
  });

  it("relays the user's follow-up into the thread", async () => {
    const { h, user } = await setup();
    const { threadId } = await intake(h, user);
    user.says('any news?');
    const post = await h.emu.waitFor(
      () => h.emu.botMessagesIn(threadId).find((m) => m.content.includes('any news?')),
      5_000,
      'the follow-up',
    );
    expect(post.content).toBe('👤 **Sam Reed**\nany news?');
  });

  it('a phrase typed a few words per message: the part already in the thread is edited out', async () => {
    const { h, user } = await setup();
    const { ticketId, threadId } = await intake(h, user);
    const inThread = (words: string) =>
      h.emu.waitFor(
        () => h.emu.botMessagesIn(threadId).find((m) => m.content.includes(words)),
        5_000,
        words,
      );
    user.says('legal winner thank');
    const first = await inThread('legal winner thank');
    user.says('year wave sausage');
    await inThread(`${ticketId}: the user typed their recovery phrase`);
    // The same message, edited: the bot's own message, rewritten with the words masked.
    const edited = h.emu.botMessagesIn(threadId).find((m) => m.id === first.id)!;
    expect(edited.edited_timestamp).not.toBeNull();
    expect(edited.content).toBe('👤 **Sam Reed**\n\\[recovery phrase removed\\]'); // escaped markdown
    const thread = h.emu
      .botMessagesIn(threadId)
      .map((m) => m.content)
      .join('\n');
    expect(thread).not.toMatch(/legal winner|sausage/);
    expect(thread).toMatch(/I have removed those words/);
  });

  it('on /close archives and locks the thread and asks the user for a rating', async () => {
    const { h, user } = await setup();
    const { ticketId, threadId } = await intake(h, user);
    h.emu.memberSays(h.agent.id, threadId, { content: 'It has been sent, it arrives today.' });
    await user.expect(/It has been sent/);
    const run = h.emu.slashCommand(h.agent.id, threadId, 'close');
    const survey = await user.expect(/has been closed\. How would you rate/);
    expect(survey.text).toContain(ticketId);
    expect((survey.components[0] as { components: unknown[] }).components).toHaveLength(5);
    await h.emu.waitFor(() => run.original?.['deferred'] === false);
    expect(h.emu.channels.get(threadId)!.thread_metadata).toMatchObject({
      archived: true,
      locked: true,
    });
  });

  it('stores the rating the user presses and thanks them', async () => {
    const { h, user } = await setup();
    const { threadId } = await intake(h, user);
    h.emu.memberSays(h.agent.id, threadId, { content: 'It has been sent, it arrives today.' });
    await user.expect(/It has been sent/);
    h.emu.slashCommand(h.agent.id, threadId, 'close');
    await user.expect(/How would you rate/);
    user.press(/^⭐⭐⭐⭐⭐$/);
    await user.expect(/Thank you! Anything you would like to add/);
  });

  it('refuses /close from someone who is not an agent, ephemerally, and the case stays open', async () => {
    const { h, user } = await setup();
    const { threadId } = await intake(h, user);
    const run = h.emu.slashCommand(h.outsider.id, threadId, 'close');
    await h.emu.waitFor(() => run.original?.['deferred'] === false);
    expect(run.original).toMatchObject({
      flags: 64,
      content: 'Only support agents can do that here.',
    });
    expect(h.emu.channels.get(threadId)!.thread_metadata!.archived).toBe(false);
    expect(user.texts().some((t) => /rate/.test(t))).toBe(false);
  });

  it('says so in the thread when the user has closed their DMs', async () => {
    const { h, user } = await setup();
    const { threadId } = await intake(h, user);
    h.emu.closeDms(user.id);
    h.emu.memberSays(h.agent.id, threadId, { content: 'Hello?' });
    const notice = await h.emu.waitFor(
      () => h.emu.botMessagesIn(threadId).find((m) => /closed their DMs/.test(m.content)),
      5_000,
      'the notice',
    );
    expect(notice.content).toMatch(/blocked the bot or closed their DMs/);
  });

  it('re-creates a deleted thread, with the history, when the user writes again', async () => {
    const { h, user } = await setup();
    const { ticketId, threadId } = await intake(h, user);
    h.emu.deleteChannel(threadId);
    user.says('hello? anyone?');
    const again = await h.emu.waitFor(
      () => h.emu.threadsOf(h.desk.id).find((t) => t.name?.includes(ticketId) && t.id !== threadId),
      5_000,
      'the new thread',
    );
    const posts = await h.emu.waitFor(
      () => {
        const all = h.emu.botMessagesIn(again.id);
        return all.some((m) => m.content.includes('hello? anyone?')) && all;
      },
      5_000,
      'the follow-up in the new thread',
    );
    expect(posts[0]!.embeds).toHaveLength(1);
    expect(h.emu.threadsOf(h.desk.id).filter((t) => t.name?.includes(ticketId))).toHaveLength(1);
  });

  it('survives 429s through the whole case: every message once, none twice', async () => {
    const { h, user } = await setup();
    for (let i = 0; i < 6; i++)
      h.emu.rateLimitNext(1, {
        retryAfterSec: 0.02,
        match: { method: 'POST', path: /\/messages$/ },
      });
    h.emu.rateLimitNext(2, { retryAfterSec: 0.02, match: { method: 'POST', path: /\/threads$/ } });
    h.emu.rateLimitNext(2, { retryAfterSec: 0.02, match: { method: 'POST', path: /\/callback$/ } });
    const { threadId } = await intake(h, user);
    expect(h.emu.requests.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(8);
    const dms = user.texts();
    expect(new Set(dms).size).toBe(dms.length);
    expect(h.emu.threadsOf(h.desk.id)).toHaveLength(1);
    expect(h.emu.botMessagesIn(threadId).filter((m) => m.embeds.length)).toHaveLength(1);
  });

  it('takes the summary\'s buttons off when the case is sent by typing "send it"', async () => {
    const { h, user } = await setup();
    await walkWithdrawal(user, 'summary');
    const summary = h.emu.dmsTo(user.id).at(-1)!;
    expect(plain(summary.content)).toMatch(/Please check your case/);
    user.says('send it');
    await user.expect(/Your case T-[A-Z0-9]{7}/);
    await h.emu.waitFor(
      () => !h.emu.findMessage(summary.id)!.components.length,
      5_000,
      "the summary's buttons taken off",
    );
    // No message shows a button that still works; each was closed by one edit at most.
    const live = h.emu.dmsTo(user.id).filter((m) =>
      (
        h.emu.findMessage(m.id)!.components as Array<{
          components: Array<{ disabled?: boolean }>;
        }>
      )
        .flatMap((row) => row.components)
        .some((b) => !b.disabled),
    );
    expect(live.map((m) => plain(m.content))).toEqual([]);
    const edits = h.emu.edits
      .filter((e) => e.channelId === user.dmChannelId)
      .map((e) => e.messageId);
    expect(edits.length).toBe(new Set(edits).size);
  });

  it('opens one ticket when the user presses "Send to support" twice at once', async () => {
    const { h, user } = await setup();
    await walkWithdrawal(user, 'summary');
    user.press(/Send to support/);
    user.press(/Send to support/);
    await user.expect(/Your case T-/);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.emu.threadsOf(h.desk.id)).toHaveLength(1);
    expect(user.texts().filter((t) => /Your case T-/.test(t))).toHaveLength(1);
  });

  it('relays two follow-ups sent at once into the same thread, in order', async () => {
    const { h, user } = await setup();
    const { threadId } = await intake(h, user);
    user.says('first follow-up');
    user.says('second follow-up');
    const posts = await h.emu.waitFor(
      () => {
        const texts = h.emu
          .botMessagesIn(threadId)
          .map((m) => m.content)
          .filter((c) => c.includes('follow-up'));
        return texts.length === 2 && texts;
      },
      5_000,
      'both follow-ups',
    );
    expect(posts).toEqual([
      '👤 **Sam Reed**\nfirst follow-up',
      '👤 **Sam Reed**\nsecond follow-up',
    ]);
    expect(h.emu.threadsOf(h.desk.id)).toHaveLength(1);
  });

  it('keeps the case going across a gateway disconnect: the reply reaches the user once', async () => {
    const { h, user } = await setup();
    const { threadId } = await intake(h, user);
    h.emu.dropGateway();
    await h.emu.waitFor(() => !h.emu.gateway.connected, 2_000, 'the drop');
    h.emu.memberSays(h.agent.id, threadId, { content: 'Are you still there?' });
    await user.expect(/Are you still there\?/, 10_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(user.texts().filter((t) => t.includes('Are you still there?'))).toHaveLength(1);
    expect(h.emu.gateway.stats.resumes).toBe(1);
  });
});

describe("forwarded messages (a scammer's message, forwarded by the user)", () => {
  const SCAM =
    'Dear customer, your wallet will be frozen in 24 hours. Verify your recovery phrase at wallet-verify.example now.';

  it('relays a forwarded message to the open case with its words, said to be forwarded', async () => {
    const { h, user } = await setup();
    const { ticketId, threadId } = await intake(h, user);
    // (Another image than the case's screenshot: the same bytes would be the same file.)
    const notice = new Uint8Array([...SCREENSHOT, 7]);
    h.emu.userForwardsDm(user.id, {
      content: SCAM,
      files: [{ fileName: 'notice.png', contentType: 'image/png', bytes: notice }],
    });
    const post = await h.emu.waitFor(
      () => h.emu.botMessagesIn(threadId).find((m) => plain(m.content).includes('wallet-verify')),
      5_000,
      'the forwarded message in the thread',
    );
    expect(plain(post.content)).toContain(`↪️ Forwarded from Discord (account hidden):\n${SCAM}`);
    const ticket = (await cores.at(-1)!.core.repo.ticket(ticketId))!;
    expect(ticket.transcript.filter((e) => e.forwarded).map((e) => [e.forwarded, e.text])).toEqual([
      [{ name: 'Discord', hidden: true }, SCAM],
    ]);
  });
});

describe('edited messages (MESSAGE_UPDATE)', () => {
  it("passes a user's edit in DMs to the open case, marked as an edit", async () => {
    const { h, user } = await setup();
    const { threadId } = await intake(h, user);
    const sent = user.says('the bank reference is BR-55120');
    await h.emu.waitFor(
      () => h.emu.botMessagesIn(threadId).find((m) => plain(m.content).includes('BR-55120')),
      5_000,
      'the message in the thread',
    );
    h.emu.authorEdits(sent.id, 'the bank reference is BR-55210');
    const edit = await h.emu.waitFor(
      () => h.emu.botMessagesIn(threadId).find((m) => plain(m.content).includes('BR-55210')),
      5_000,
      'the edit in the thread',
    );
    expect(plain(edit.content)).toBe('👤 **Sam Reed**\n✏️ Edited: the bank reference is BR-55210');
  });

  it("sends an agent's edited reply to the user as a correction", async () => {
    const { h, user } = await setup();
    const { threadId } = await intake(h, user);
    const reply = h.emu.memberSays(h.agent.id, threadId, { content: 'It will arrive on Monday.' });
    await user.expect(/Monday/);
    h.emu.authorEdits(reply.id, 'It will arrive on Tuesday.');
    expect((await user.expect(/Tuesday/)).text).toMatch(
      /^✏️ .+ · case T-[A-Z0-9]{7} — correction: It will arrive on Tuesday\.$/,
    );
  });

  it('takes a link preview added to a message for no edit', async () => {
    const { h, user } = await setup();
    const { threadId } = await intake(h, user);
    const sent = user.says('see https://wallet.example/help');
    await h.emu.waitFor(
      () => h.emu.botMessagesIn(threadId).find((m) => m.content.includes('wallet')),
      5_000,
      'the message in the thread',
    );
    // Discord adds the preview with MESSAGE_UPDATE and no edited_timestamp.
    h.emu.dispatch('MESSAGE_UPDATE', { ...sent, embeds: [{ url: 'https://wallet.example/help' }] });
    await new Promise((r) => setTimeout(r, 300));
    expect(h.emu.botMessagesIn(threadId).filter((m) => m.content.includes('wallet'))).toHaveLength(
      1,
    );
  });
});

describe('a long first message in the case thread', () => {
  const STORY = Array.from(
    { length: 30 },
    (_, i) => `Step ${i}: I tried again and the app still says processing.`,
  ).join(' ');

  const copies = (h: Harness, threadId: string, text: string) =>
    h.emu
      .botMessagesIn(threadId)
      .map((m) => plain(m.content) + JSON.stringify(m.embeds))
      .join('\n')
      .split(text).length - 1;

  it.each([
    ["the user's words", 'My withdrawal of 250 USDT has been pending for 3 days.'],
    [
      'a field read from them',
      'Someone hacked my account and changed my password, I did not do this.',
    ],
  ])('is shown once, in full, when the card holds it as %s', async (_, opening) => {
    const { h, user } = await setup();
    user.says(`${opening} ${STORY}`);
    for (;;) {
      const next = await user.expect(
        /Did this solve it|ID|How much|When did|screenshots|Please check your case|Your case T-/,
      );
      if (/Your case T-/.test(next.text)) break;
      if (/Did this solve it/.test(next.text)) user.press(/No/);
      else if (/Please check your case/.test(next.text)) user.press(/Send to support/);
      else if (/withdrawal ID/.test(next.text)) user.says('TX12345678AB');
      else user.press(/Skip|Done|don't have/);
    }
    const thread = await h.emu.waitFor(() => h.emu.threadsOf(h.desk.id)[0], 5_000, 'the thread');
    await h.emu.waitFor(
      () => copies(h, thread.id, 'Step 29: I tried again') === 1,
      5_000,
      'the end of the message in the thread',
    );
    // Once: not also cut short in the card's description or one of its fields.
    expect(copies(h, thread.id, 'Step 3: I tried again')).toBe(1);
  });
});
