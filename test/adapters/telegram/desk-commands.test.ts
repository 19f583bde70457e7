/**
 * The desk commands on Telegram, end to end: the REAL core and the real grammY client against the
 * emulator. An agent hands a case over (/transfer @username, or /transfer as a reply), puts it back
 * (/unclaim), calls the seniors (/escalate: the topic is renamed and SENIOR_AGENT_IDS mentioned),
 * reads the queue and the snippets from the General topic, exports the transcript and sends a
 * snippet; the timers announce a missed SLA target to the seniors and close a case whose user went
 * quiet.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TelegramAdapter } from '../../../src/adapters/telegram/index.ts';
import { serviceClock } from '../../../src/core/clock.ts';
import { ServiceHours } from '../../../src/core/time/service-hours.ts';
import { SlaPolicy } from '../../../src/core/time/sla.ts';
import type { StoredMessage } from '../../emulators/telegram/index.ts';
import { makeTestCore, type TestCore } from '../../support/core.ts';
import { openCaseWithoutScreenshots } from '../../support/walk.ts';
import { AGENT, MEMBER, startTelegram, type TelegramSetup } from './harness.ts';
import { TgUser } from './tg-user.ts';

const EN_USER = { id: 611, first_name: 'Sam', last_name: 'Reed', language_code: 'en' };
/** A second administrator of the desk group: an agent. */
const BEN = { id: 905, first_name: 'Ben', username: 'ben_agent' };
/** A senior agent (SENIOR_AGENT_IDS) who is a plain member of the desk group: an agent too. */
const SARA = { id: 906, first_name: 'Sara', last_name: 'Stone', username: 'sara_senior' };
/** A senior without a username: mentioned by id. */
const SENIOR_NO_HANDLE = { id: 907, first_name: 'Kai' };

let t: TelegramSetup | undefined;
let core: TestCore | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
  await core?.dispose();
  core = undefined;
});

async function setup(coreOptions: Omit<Parameters<typeof makeTestCore>[0], 'channels'> = {}) {
  t = await startTelegram({
    adapter: { seniorIds: [String(SARA.id), String(SENIOR_NO_HANDLE.id)] },
    core: async (adapter: TelegramAdapter) => {
      core = await makeTestCore({
        channels: [adapter.channel],
        ...(adapter.desk ? { desk: adapter.desk } : {}),
        ...coreOptions,
      });
      return core.core;
    },
  });
  const emu = t.emu;
  const deskId = t.deskId!;
  for (const u of [EN_USER, BEN, SARA, SENIOR_NO_HANDLE]) emu.addUser(u);
  emu.setMember(deskId, BEN.id, 'administrator');
  emu.setMember(deskId, SARA.id, 'member');
  emu.setMember(deskId, SENIOR_NO_HANDLE.id, 'member');
  const user = new TgUser(emu, EN_USER.id);
  const ticketId = await openCaseWithoutScreenshots(user);
  const topic = await emu.waitFor(
    () => emu.topics(deskId).find((x) => x.name.includes(ticketId)),
    'the topic',
  );
  await until(
    async () =>
      (await core!.core.repo.ticketIdForThread(
        'telegram',
        String(deskId),
        String(topic.threadId),
      )) === ticketId,
  );
  const thread = topic.threadId;
  const posts = () => emu.sent(deskId, thread);
  /** Waits for a bot message in the topic matching `re`. */
  const post = (re: RegExp, what = String(re)) =>
    emu.waitFor(() => posts().find((m) => re.test(m.text)), what);
  await emu.waitFor(() => posts().length > 0, 'the card');
  const card = () => emu.message(deskId, posts()[0]!.messageId)!;
  /** An agent writes in the topic (or, with `general`, in the General topic). */
  const says = (who: { id: number }, text: string, options: { replyTo?: StoredMessage } = {}) =>
    emu.memberSends(deskId, who.id, thread, text, options);
  const saysInGeneral = (who: { id: number }, text: string) =>
    emu.memberSends(deskId, who.id, undefined, text);
  return { t, emu, deskId, user, ticketId, thread, posts, post, card, says, saysInGeneral };
}

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const reacted = (emu: TelegramSetup['emu'], m: StoredMessage) =>
  emu.waitFor(() => emu.message(m.chatId, m.messageId)?.reactions?.length, 'a reaction');

describe('handing a case over', () => {
  it('/transfer @username gives the case to an agent the desk has seen', async () => {
    const { emu, ticketId, post, card, says, saysInGeneral, deskId } = await setup();
    says(AGENT, '/claim');
    await post(/is yours now/);
    // Ben writes in the desk once (the Bot API cannot resolve a username: the core learns it).
    saysInGeneral(BEN, '/snippets');
    await emu.waitFor(() => emu.sent(deskId).find((m) => /^Snippets:/.test(m.text)), 'snippets');
    const command = says(AGENT, '/transfer @ben_agent');
    await post(new RegExp(`${ticketId} is now with Ben \\(moved by Alice\\)`));
    await reacted(emu, command);
    await emu.waitFor(() => /Assignee: Ben/.test(card().text), 'the card with Ben');
  });

  it('/transfer as a reply to an agent’s message hands it to them, even one never seen before', async () => {
    const { emu, deskId, ticketId, thread, post, card, says } = await setup();
    // Ben posts a sticker (nothing the core sees), Alice replies to it with /transfer.
    const sticker = emu.memberSendsRaw(deskId, BEN.id, thread, {
      sticker: { file_id: 'S1', file_unique_id: 'S1u', type: 'regular', width: 512, height: 512 },
    });
    says(AGENT, '/transfer', { replyTo: sticker });
    await post(new RegExp(`${ticketId} is now with Ben \\(moved by Alice\\)`));
    await emu.waitFor(() => /Assignee: Ben/.test(card().text), 'the card with Ben');
    // A reply to someone who is not an agent hands nothing over.
    const fromMember = says(MEMBER, 'I am just a member here');
    says(AGENT, '/transfer', { replyTo: fromMember });
    await post(/don't know an agent called 903/);
    expect(card().text).toMatch(/Assignee: Ben/);
  });

  it('/transfer alone, or replying to the bot, asks whom to', async () => {
    const { ticketId, post, posts, says } = await setup();
    says(AGENT, '/transfer', { replyTo: posts()[0]! });
    await post(new RegExp(`Who should take ${ticketId}\\?`));
  });

  it('/unclaim puts the case back in the queue', async () => {
    const { emu, ticketId, post, card, says } = await setup();
    says(AGENT, '/claim');
    await emu.waitFor(() => /Assignee: Alice/.test(card().text), 'the claim');
    says(AGENT, '/unclaim');
    await post(new RegExp(`${ticketId} is back in the queue`));
    await emu.waitFor(() => /Status: 🟢 open/.test(card().text), 'the card open again');
    expect(card().text).toMatch(/Assignee: —/);
  });
});

describe('calling the seniors', () => {
  it('/escalate renames the topic, mentions every senior in it, and tells the user', async () => {
    const { emu, deskId, ticketId, thread, user, post, card, says } = await setup();
    says(AGENT, '/escalate customer threatens legal action');
    const notice = await post(/escalated to the senior agents/);
    expect(notice.text).toMatch(
      new RegExp(
        `⬆️ ${ticketId} is escalated to the senior agents \\(customer threatens legal action\\)`,
      ),
    );
    // Sara by her @username, Kai (no username) by a text mention: both are notified.
    expect(notice.text).toMatch(/🔔 @sara_senior, Kai/);
    expect(notice.html).toContain(`<a href="tg://user?id=${SENIOR_NO_HANDLE.id}">Kai</a>`);
    expect(notice.mentions?.sort()).toEqual([SARA.id, SENIOR_NO_HANDLE.id]);
    await user.expect(new RegExp(`A senior agent is taking over your case ${ticketId}`));
    await emu.waitFor(() => emu.topic(deskId, thread)!.name.startsWith('🟠⬆️ '), 'the new name');
    expect(emu.calls('editForumTopic')).toHaveLength(1);
    expect(card().text).toMatch(/⬆️ Escalated: by Alice — customer threatens legal action/);
  });

  it('lets a senior act as an agent although they are no administrator', async () => {
    const { ticketId, post, says } = await setup();
    says(SARA, '/claim');
    await post(new RegExp(`^${ticketId} is yours now`));
  });

  it('announces a missed first-answer target in the topic, mentioning the seniors', async () => {
    const fast = serviceClock(
      ServiceHours.always(),
      new SlaPolicy({ first_response: { urgent: 1000, high: 1000, normal: 1000, low: 1000 } }),
    );
    const { ticketId, post } = await setup({ clock: fast });
    await new Promise((r) => setTimeout(r, 1100));
    await core!.core.timers.tick();
    const breach = await post(/^ℹ️ 🚨/);
    expect(breach.text).toMatch(new RegExp(`🚨 ${ticketId}: the first answer target was missed`));
    expect(breach.mentions?.sort()).toEqual([SARA.id, SENIOR_NO_HANDLE.id]);
  });
});

describe('queue, snippets and the transcript', () => {
  it('answers /queue and /snippets in the General topic, as replies there', async () => {
    const { emu, deskId, ticketId, saysInGeneral } = await setup();
    const ask = saysInGeneral(AGENT, '/queue');
    const queue = await emu.waitFor(
      () => emu.sent(deskId).find((m) => /^Open cases \(1\)/.test(m.text)),
      'the queue',
    );
    expect(queue.text).toMatch(new RegExp(`${ticketId} · withdrawal_pending .* unassigned`));
    expect(queue.threadId).toBeUndefined();
    expect(queue.message['reply_to_message']).toMatchObject({ message_id: ask.messageId });
    saysInGeneral(AGENT, '/snippets');
    const list = await emu.waitFor(
      () => emu.sent(deskId).find((m) => /^Snippets: /.test(m.text)),
      'the snippets',
    );
    expect(list.text).toMatch(/checking, .*withdrawal_traced/);
    // A case command outside a case says where to use it; plain chat there is left alone.
    saysInGeneral(AGENT, '/claim');
    await emu.waitFor(
      () => emu.sent(deskId).find((m) => /Use this in a case's topic/.test(m.text)),
      'the hint',
    );
    saysInGeneral(AGENT, 'good morning team');
    await new Promise((r) => setTimeout(r, 200));
    expect(emu.sent(deskId).filter((m) => m.threadId === undefined)).toHaveLength(3);
  });

  it('/transcript posts the case as a text file in the topic, in answer to the agent', async () => {
    const { ticketId, post, says, user } = await setup();
    says(AGENT, '/note checked the bank file');
    await post(/Note saved/);
    says(AGENT, 'We found it.');
    await user.expect(/We found it\./);
    const ask = says(AGENT, '/transcript');
    const file = await post(/^Transcript of/);
    expect(file.kind).toBe('document');
    expect(file.fileName).toBe(`${ticketId}-transcript.txt`);
    expect(file.text).toMatch(new RegExp(`Transcript of ${ticketId}: \\d+ entries`));
    expect(file.message['reply_to_message']).toMatchObject({ message_id: ask.messageId });
    const text = file.bytes!.toString('utf8');
    expect(text).toMatch(/internal note by Alice: checked the bank file/);
    expect(text).toMatch(/agent Alice: We found it\./);
  });

  it('/snippet sends the canned reply, filled from the case, to the user', async () => {
    const { ticketId, post, says, user } = await setup();
    const command = says(AGENT, '/snippet checking');
    const sent = await user.expect(/looking into it/);
    expect(sent.text).toBe(
      `💬 Alice · case ${ticketId}: Thanks Sam, I'm looking into it now and will update you here within the hour.`,
    );
    // Answered in the topic with what the user got (it was only a 👌 on the command).
    const shown = await post(/^📋 Sent to the user \(checking\): Thanks Sam, I'm looking into it/);
    expect(shown.message['reply_to_message']).toMatchObject({ message_id: command.messageId });
    says(AGENT, '/snippet nope');
    await post(/No snippet called "nope"/);
  });
});

describe('a user who goes quiet', () => {
  it('is nudged, then the case closes with the survey and the topic is closed', async () => {
    const { emu, deskId, ticketId, thread, says, user } = await setup({
      idleNudgeMs: 300,
      idleCloseMs: 1500,
    });
    says(AGENT, '/snippet need_screenshot');
    await user.expect(/Could you send a screenshot/);
    await new Promise((r) => setTimeout(r, 350));
    await core!.core.timers.tick();
    await user.expect(new RegExp(`Case ${ticketId}: our agent is waiting for your answer`));
    await new Promise((r) => setTimeout(r, 1200));
    await core!.core.timers.tick();
    await user.expect(/was closed because we did not hear from you/);
    await user.expect(/How would you rate our help/);
    await emu.waitFor(() => emu.topic(deskId, thread)!.closed || undefined, 'the topic closed');
  });
});
