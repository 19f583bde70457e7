/**
 * The desk commands on Discord, end to end: the REAL core and the real discord.js client against
 * the emulator, through slash interactions with options. Answers are ephemeral; what the team
 * should see (a hand-over, an escalation) is posted in the case thread, and the seniors' role is
 * pinged when the core calls them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../../src/adapters/discord/index.ts';
import { sharedTexts } from '../../../src/app.ts';
import { serviceClock } from '../../../src/core/clock.ts';
import { ServiceHours } from '../../../src/core/time/service-hours.ts';
import { SlaPolicy } from '../../../src/core/time/sla.ts';
import type { EmuInteraction, EmuMessage } from '../../emulators/discord/index.ts';
import { makeTestCore, type TestCore } from '../../support/core.ts';
import { openCaseWithoutScreenshots } from '../../support/walk.ts';
import { DcUser, plain } from './dc-user.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
let core: TestCore | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  await core?.dispose();
  core = undefined;
});

async function setup(coreOptions: Omit<Parameters<typeof makeTestCore>[0], 'channels'> = {}) {
  const roles: { seniorRoleId?: string } = {};
  h = await startHarness({
    // The role exists before the adapter is built, so its id reaches the adapter's options.
    before: (emu) => {
      roles.seniorRoleId = emu.addRole('senior-agent', 0n, { mentionable: true }).id;
    },
    adapter: Object.assign(roles, { snippetNames: sharedTexts().snippets.names() }),
    core: async (adapter: DiscordAdapter) => {
      core = await makeTestCore({
        channels: [adapter.channel],
        ...(adapter.desk ? { desk: adapter.desk } : {}),
        ...coreOptions,
      });
      return core.core;
    },
  });
  const { emu, agentRoleId } = h;
  const seniorRoleId = roles.seniorRoleId!;
  const ben = emu.addMember({ username: 'ben.agent', globalName: 'Ben', roles: [agentRoleId] });
  // A senior who has no agent role: seniors are agents too.
  const sara = emu.addMember({
    username: 'sara.senior',
    globalName: 'Sara',
    roles: [seniorRoleId],
  });
  const user = new DcUser(emu, emu.addUser({ username: 'sam.reed', globalName: 'Sam Reed' }).id);
  const ticketId = await openCaseWithoutScreenshots(user);
  const thread = await emu.waitFor(
    () => emu.threadsOf(h!.desk.id).find((t) => t.name?.includes(ticketId)),
    5_000,
    'the case thread',
  );
  const threadId = thread.id;
  await emu.waitFor(() => emu.botMessagesIn(threadId).length > 0, 5_000, 'the case card');
  const deadline = Date.now() + 5_000;
  while (!(await core!.core.repo.ticketIdForThread('discord', h.desk.id, threadId))) {
    if (Date.now() > deadline) throw new Error('thread never linked');
    await new Promise((r) => setTimeout(r, 10));
  }
  const cardStatus = () => {
    const card = emu.botMessagesIn(threadId)[0]!;
    const embed = card.embeds[0] as { fields: Array<{ name: string; value: string }> };
    return plain(embed.fields.find((f) => f.name === 'Status')!.value);
  };
  /** Waits for a bot message in the thread matching `re`. */
  const post = (re: RegExp) =>
    emu.waitFor(
      () => emu.botMessagesIn(threadId).find((m) => re.test(plain(m.content))),
      5_000,
      String(re),
    );
  return { h, emu, ben, sara, user, ticketId, threadId, seniorRoleId, cardStatus, post };
}

/** The ephemeral answer, once the deferred "thinking…" was edited. */
async function answer(run: EmuInteraction): Promise<{ content: string; flags: number }> {
  await h!.emu.waitFor(() => run.original?.['deferred'] === false, 5_000, 'the answer');
  return {
    content: plain(String(run.original!['content'])),
    flags: Number(run.original!['flags']),
  };
}

describe('desk commands through slash interactions', () => {
  it('/transfer agent: hands the case to the chosen agent, never to someone who is not one', async () => {
    const { emu, h, ben, ticketId, threadId, cardStatus, post } = await setup();
    const run = emu.slashCommand(h.agent.id, threadId, 'transfer', { agent: ben.id });
    expect(await answer(run)).toEqual({
      content: `${ticketId} is now with Ben (moved by Ana).`,
      flags: 64,
    });
    await post(new RegExp(`${ticketId} is now with Ben \\(moved by Ana\\)`));
    expect(cardStatus()).toBe('claimed · Ben');
    const refused = emu.slashCommand(h.agent.id, threadId, 'transfer', { agent: h.outsider.id });
    expect((await answer(refused)).content).toMatch(
      new RegExp(`I don't know an agent called ${h.outsider.id}`),
    );
    expect(cardStatus()).toBe('claimed · Ben');
  });

  it('/unclaim puts the case back in the queue', async () => {
    const { emu, h, ticketId, threadId, cardStatus } = await setup();
    await answer(emu.slashCommand(h.agent.id, threadId, 'claim'));
    expect(cardStatus()).toBe('claimed · Ana');
    const run = emu.slashCommand(h.agent.id, threadId, 'unclaim');
    expect((await answer(run)).content).toBe(`${ticketId} is back in the queue.`);
    expect(cardStatus()).toBe('open');
  });

  it('/escalate reason: pings the senior role in the thread, renames it once, tells the user', async () => {
    const { emu, h, user, ticketId, threadId, seniorRoleId, post } = await setup();
    const run = emu.slashCommand(h.agent.id, threadId, 'escalate', {
      reason: 'customer threatens legal action',
    });
    await answer(run);
    const notice: EmuMessage = await post(/escalated to the senior agents/);
    expect(notice.content).toContain(`🔔 <@&${seniorRoleId}>`);
    expect(notice.mention_roles).toEqual([seniorRoleId]);
    expect(emu.createdRecord(notice.id)!.allowedMentions).toEqual({
      parse: [],
      roles: [seniorRoleId],
    });
    await user.expect(new RegExp(`A senior agent is taking over your case ${ticketId}`));
    await emu.waitFor(() => emu.channels.get(threadId)!.name!.startsWith('🟠⬆️ '), 5_000);
    expect(
      emu.channelEdits.filter((e) => e.channelId === threadId && e.body['name'] !== undefined),
    ).toHaveLength(1);
    // Other posts ping no one.
    const others = emu.botMessagesIn(threadId).filter((m) => m.id !== notice.id);
    expect(others.every((m) => m.mention_roles.length === 0)).toBe(true);
  });

  it('lets a senior act as an agent although they have no agent role', async () => {
    const { emu, sara, ticketId, threadId } = await setup();
    const run = emu.slashCommand(sara.id, threadId, 'claim');
    expect((await answer(run)).content).toMatch(new RegExp(`^${ticketId} is yours now`));
  });

  it('answers /queue and /snippets in the desk channel itself, outside any case', async () => {
    const { emu, h, ticketId } = await setup();
    const queue = await answer(emu.slashCommand(h.agent.id, h.desk.id, 'queue'));
    expect(queue.flags).toBe(64);
    expect(queue.content).toMatch(/^Open cases \(1\), most urgent first:/);
    expect(queue.content).toMatch(new RegExp(`${ticketId} · withdrawal_pending .* unassigned`));
    const list = await answer(emu.slashCommand(h.agent.id, h.desk.id, 'snippets'));
    expect(list.content).toMatch(/^Snippets: checking, /);
    const claim = await answer(emu.slashCommand(h.agent.id, h.desk.id, 'claim'));
    expect(claim.content).toBe("Use this in a case's topic or thread.");
  });

  it('/transcript answers, only to the agent, with the case as a text file', async () => {
    const { emu, h, ticketId, threadId, user } = await setup();
    await answer(emu.slashCommand(h.agent.id, threadId, 'note', { text: 'checked the bank file' }));
    emu.memberSays(h.agent.id, threadId, { content: 'We found it.' });
    await user.expect(/We found it\./);
    const run = emu.slashCommand(h.agent.id, threadId, 'transcript');
    const reply = await answer(run);
    expect(reply).toMatchObject({ flags: 64 });
    expect(reply.content).toMatch(new RegExp(`^Transcript of ${ticketId}: \\d+ entries\\.$`));
    const attachments = run.original!['attachments'] as Array<{ filename: string }>;
    expect(attachments.map((a) => a.filename)).toEqual([`${ticketId}-transcript.txt`]);
    const text = run.files![0]!.toString('utf8');
    expect(text).toMatch(/internal note by Ana: checked the bank file/);
    expect(text).toMatch(/agent Ana: We found it\./);
    // Nothing of it was posted in the thread.
    expect(emu.botMessagesIn(threadId).some((m) => m.attachments.length > 0)).toBe(false);
  });

  it('/snippet name: sends the canned reply to the user; the names are the command’s choices', async () => {
    const { emu, h, ticketId, threadId, user } = await setup();
    const run = emu.slashCommand(h.agent.id, threadId, 'snippet', { name: 'checking' });
    const sent = await user.expect(/looking into it/);
    expect(sent.text).toBe(
      `💬 Ana · case ${ticketId}: Thanks Sam, I'm looking into it now and will update you here within the hour.`,
    );
    await answer(run);
    expect(() => emu.slashCommand(h.agent.id, threadId, 'snippet', { name: 'nope' })).toThrow(
      /not one of its choices/,
    );
    // A value the case lacks is given in values:, never sent as "{amount}"; a snippet written
    // for other cases (a bank withdrawal, a crypto amount) goes only with "force" there too.
    const misfit = emu.slashCommand(h.agent.id, threadId, 'snippet', {
      name: 'withdrawal_traced',
      values: 'amount=250 USDT',
    });
    expect((await answer(misfit)).content).toMatch(
      /^Not sent: "withdrawal_traced" is for fiat money .* \/snippet withdrawal_traced force amount=250 USDT$/,
    );
    const traced = emu.slashCommand(h.agent.id, threadId, 'snippet', {
      name: 'withdrawal_traced',
      values: 'amount=250 USDT force',
    });
    expect((await user.expect(/left our side/)).text).toMatch(/of 250 USDT left our side/);
    await answer(traced);
  });

  it('pings the senior role when the first-answer target is missed', async () => {
    const fast = serviceClock(
      ServiceHours.always(),
      new SlaPolicy({ first_response: { urgent: 1000, high: 1000, normal: 1000, low: 1000 } }),
    );
    const { ticketId, seniorRoleId, post } = await setup({ clock: fast });
    await new Promise((r) => setTimeout(r, 1100));
    await core!.core.timers.tick();
    const breach = await post(/^ℹ️\n🚨/);
    expect(plain(breach.content)).toMatch(
      new RegExp(`🚨 ${ticketId}: the first answer target was missed`),
    );
    expect(breach.mention_roles).toEqual([seniorRoleId]);
  });
});
