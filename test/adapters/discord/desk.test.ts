import { ChannelType, REST, Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/errors.ts';
import type { AgentEvent, CaseCard, DeskRef } from '../../../src/core/types.ts';
import { PNG, startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

const card = (extra: Partial<CaseCard> = {}): CaseCard => ({
  ticketId: 'T-7K3Q9X',
  title: '🟡 T-7K3Q9X · withdrawal_pending · en',
  status: 'open',
  priority: 'normal',
  intent: 'withdrawal_pending',
  lang: 'en',
  user: { platform: 'discord', userId: '42', displayName: 'Alice', username: 'alice' },
  fields: [{ label: 'Transaction ID', value: 'TX1234****AB' }],
  userWords: 'my withdrawal has been pending for 3 days',
  createdAt: Date.now(),
  ...extra,
});
const screenshot = { fileName: 'screenshot.png', mimeType: 'image/png', bytes: PNG };

function desk() {
  if (!h.adapter.desk) throw new Error('no desk');
  return h.adapter.desk;
}

async function openCase(): Promise<DeskRef> {
  return desk().openCase(card(), [screenshot]);
}

describe('opening a case', () => {
  it('opens one public thread in the desk text channel, named after the card title', async () => {
    h = await startHarness();
    const ref = await openCase();
    const threads = h.emu.threadsOf(h.desk.id);
    expect(threads.map((t) => [t.id, t.type, t.name])).toEqual([
      [ref.threadId, ChannelType.PublicThread, '🟡 T-7K3Q9X · withdrawal_pending · en'],
    ]);
    expect(ref).toMatchObject({ platform: 'discord', chatId: h.desk.id });
  });

  it('makes the card embed the first message, with the screenshots attached', async () => {
    h = await startHarness();
    const ref = await openCase();
    const [first, ...rest] = h.emu.botMessagesIn(ref.threadId);
    expect(rest).toEqual([]);
    expect(first!.id).toBe(ref.cardMessageId);
    expect((first!.embeds[0] as { footer: { text: string } }).footer.text).toBe('T-7K3Q9X');
    expect(first!.attachments.map((a) => a.filename)).toEqual(['screenshot.png']);
    expect([...h.emu.createdRecord(first!.id)!.files[0]!]).toEqual([...PNG]);
  });

  it('lets an agent read the case, and not a member without the agent role', async () => {
    h = await startHarness();
    const ref = await openCase();
    expect(h.emu.canView(h.agent.id, ref.threadId)).toBe(true);
    expect(h.emu.canView(h.outsider.id, ref.threadId)).toBe(false);
  });

  it('in a forum desk, opens a post whose starter message is the card', async () => {
    h = await startHarness({ desk: 'forum' });
    const ref = await openCase();
    const [post] = h.emu.threadsOf(h.desk.id);
    expect(post!.id).toBe(ref.threadId);
    expect(ref.cardMessageId).toBe(ref.threadId);
    expect(h.emu.botMessagesIn(ref.threadId).map((m) => m.embeds.length)).toEqual([1]);
    expect(h.emu.canView(h.agent.id, ref.threadId)).toBe(true);
  });

  it('opens one thread with one card when Discord answers 429 on the way', async () => {
    h = await startHarness();
    h.emu.rateLimitNext(1, { match: { method: 'POST', path: /\/threads$/ } });
    h.emu.rateLimitNext(1, { match: { method: 'POST', path: /\/messages$/ } });
    const ref = await openCase();
    expect(h.emu.threadsOf(h.desk.id)).toHaveLength(1);
    expect(h.emu.botMessagesIn(ref.threadId)).toHaveLength(1);
    expect(h.emu.requests.filter((r) => r.status === 429)).toHaveLength(2);
  });
  it('removes the empty thread when the card cannot be posted, and reports the failure', async () => {
    h = await startHarness();
    h.emu.failNext(10, { status: 502, match: { method: 'POST', path: /\/messages$/ } });
    const error = await openCase().catch((e: unknown) => e);
    expect((error as DeliveryError).code).toBe('platform_unavailable');
    expect(h.emu.threadsOf(h.desk.id)).toEqual([]);
    expect(h.emu.deletedChannels.size).toBe(1);
  });
});

/** The thread a run killed between "thread created" and "card posted" left behind (its id stored). */
async function threadOfAKilledRun(): Promise<DeskRef> {
  let early: DeskRef | undefined;
  await desk()
    .openCase(card(), [screenshot], async (ref) => {
      early = ref;
      throw new Error('killed');
    })
    .catch(() => undefined);
  return early!;
}

describe('opening a case again after a kill (existing)', () => {
  it('posts the card and screenshot into the thread a killed run created, and creates none', async () => {
    h = await startHarness();
    const existing = await threadOfAKilledRun();
    expect(h.emu.botMessagesIn(existing.threadId)).toEqual([]);
    let reported = false;
    const ref = await desk().openCase(
      card(),
      [screenshot],
      async () => void (reported = true),
      existing,
    );
    expect(h.emu.threadsOf(h.desk.id).map((t) => t.id)).toEqual([existing.threadId]);
    const messages = h.emu.botMessagesIn(existing.threadId);
    expect(messages.map((m) => [m.id, m.embeds.length, m.attachments.length])).toEqual([
      [ref.cardMessageId, 1, 1],
    ]);
    expect([ref.threadId, reported]).toEqual([existing.threadId, false]);
  });

  it('in a forum desk, keeps the post and its starter card: no second card, no second post', async () => {
    h = await startHarness({ desk: 'forum' });
    const existing = await threadOfAKilledRun();
    const ref = await desk().openCase(
      card({ status: 'claimed' }),
      [screenshot],
      undefined,
      existing,
    );
    expect(h.emu.threadsOf(h.desk.id).map((t) => t.id)).toEqual([existing.threadId]);
    expect(h.emu.botMessagesIn(existing.threadId)).toHaveLength(1);
    expect(ref).toMatchObject({ threadId: existing.threadId, cardMessageId: existing.threadId });
  });

  it('opens a new thread when that one was deleted (10003)', async () => {
    h = await startHarness();
    const existing = await threadOfAKilledRun();
    h.emu.deleteChannel(existing.threadId);
    const ref = await desk().openCase(card(), [screenshot], undefined, existing);
    expect(ref.threadId).not.toBe(existing.threadId);
    expect(h.emu.threadsOf(h.desk.id).map((t) => t.id)).toEqual([ref.threadId]);
    expect(h.emu.botMessagesIn(ref.threadId)).toHaveLength(1);
  });
});

describe('card and thread state', () => {
  it('reports the new thread before its card is posted', async () => {
    h = await startHarness();
    let before: { threadId: string; messages: number } | undefined;
    const ref = await desk().openCase(card(), [screenshot], async (early) => {
      before = { threadId: early.threadId, messages: h.emu.botMessagesIn(early.threadId).length };
    });
    expect(before).toEqual({ threadId: ref.threadId, messages: 0 });
  });

  it('edits the card in place on update', async () => {
    h = await startHarness();
    const ref = await openCase();
    await desk().updateCard(ref, card({ status: 'claimed', assignee: 'Ana' }));
    expect(h.emu.botMessagesIn(ref.threadId)).toHaveLength(1);
    const embed = h.emu.findMessage(ref.cardMessageId!)!.embeds[0] as {
      fields: Array<{ name: string; value: string }>;
    };
    expect(embed.fields[0]).toMatchObject({ name: 'Status', value: 'claimed · Ana' });
  });

  it('posts the card again when someone deleted the card message (10008)', async () => {
    h = await startHarness();
    const ref = await openCase();
    // A moderator deletes the card (a REST call of their own, not the bot's).
    await new REST({ api: h.emu.apiRoot })
      .setToken(h.emu.token)
      .delete(Routes.channelMessage(ref.threadId, ref.cardMessageId!));
    await desk().updateCard(ref, card({ status: 'claimed', assignee: 'Ana' }));
    const cards = h.emu.botMessagesIn(ref.threadId).filter((m) => m.embeds.length > 0);
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0]!.embeds[0])).toContain('claimed · Ana');
  });

  it('renames the thread only when the title changed', async () => {
    h = await startHarness();
    const ref = await openCase();
    await desk().updateCard(ref, card({ status: 'claimed' }));
    expect(h.emu.channelEdits.filter((e) => e.body['name'] !== undefined)).toHaveLength(0);
    await desk().updateCard(
      ref,
      card({ title: '🔴 T-7K3Q9X · withdrawal_pending · en', priority: 'urgent' }),
    );
    expect(h.emu.channelEdits.filter((e) => e.body['name'] !== undefined)).toHaveLength(1);
    expect(h.emu.channels.get(ref.threadId)!.name).toBe('🔴 T-7K3Q9X · withdrawal_pending · en');
  });

  it('restores the case title after someone renamed the thread (THREAD_UPDATE)', async () => {
    h = await startHarness();
    const ref = await openCase();
    h.emu.patchThread(h.emu.channels.get(ref.threadId)!, { name: 'renamed by hand' });
    // Barrier: events arrive in order, so once a later DM reached the core, so did THREAD_UPDATE.
    h.emu.userSendsDm(h.emu.addUser({ username: 'barrier' }).id, { content: 'barrier' });
    await h.emu.waitFor(() => h.core.userEvents.length === 1);
    await desk().updateCard(ref, card({ status: 'claimed' }));
    expect(h.emu.channels.get(ref.threadId)!.name).toBe('🟡 T-7K3Q9X · withdrawal_pending · en');
  });

  it('on close, edits the card and archives and locks the thread', async () => {
    h = await startHarness();
    const ref = await openCase();
    await desk().closeCase(ref, card({ status: 'closed' }));
    expect(h.emu.channels.get(ref.threadId)!.thread_metadata).toMatchObject({
      archived: true,
      locked: true,
    });
    const embed = h.emu.findMessage(ref.cardMessageId!)!.embeds[0] as {
      fields: Array<{ value: string }>;
    };
    expect(embed.fields[0]!.value).toBe('closed');
  });

  it('on reopen, unarchives and unlocks the thread', async () => {
    h = await startHarness();
    const ref = await openCase();
    await desk().closeCase(ref, card({ status: 'closed' }));
    await desk().reopenCase(ref, card({ status: 'open' }));
    expect(h.emu.channels.get(ref.threadId)!.thread_metadata).toMatchObject({
      archived: false,
      locked: false,
    });
  });
});

describe('posting into a case', () => {
  it("relays a user's message with the files into the thread", async () => {
    h = await startHarness();
    const ref = await openCase();
    await desk().post(ref, {
      from: 'user',
      authorName: 'Alice',
      text: 'any news?',
      files: [screenshot],
    });
    const [, post] = h.emu.botMessagesIn(ref.threadId);
    expect(post!.content).toBe('👤 **Alice**\nany news?');
    expect(post!.attachments.map((a) => a.filename)).toEqual(['screenshot.png']);
  });

  it('throws thread_gone when the thread was deleted (10003)', async () => {
    h = await startHarness();
    const ref = await openCase();
    h.emu.deleteChannel(ref.threadId);
    const error = await desk()
      .post(ref, { from: 'user', text: 'hello?' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).code).toBe('thread_gone');
  });

  it("edits a closed case's card (its rating) and leaves the thread archived and locked", async () => {
    h = await startHarness();
    const ref = await openCase();
    await desk().closeCase(ref, card({ status: 'closed' }));
    await desk().updateCard(
      ref,
      card({ status: 'closed', fields: [{ label: 'Rating', value: '5/5' }] }),
    );
    const embed = h.emu.findMessage(ref.cardMessageId!)!.embeds[0] as {
      fields: Array<{ name: string; value: string }>;
    };
    expect(embed.fields.find((f) => f.name === 'Rating')?.value).toBe('5/5');
    expect(h.emu.channels.get(ref.threadId)!.thread_metadata).toMatchObject({
      archived: true,
      locked: true,
    });
  });

  it('unarchives a closed (archived and locked) thread to post in it, once', async () => {
    h = await startHarness();
    const ref = await openCase();
    await desk().closeCase(ref, card({ status: 'closed' }));
    await desk().post(ref, { from: 'system', text: 'The user wrote after closing' });
    expect(h.emu.botMessagesIn(ref.threadId).map((m) => m.content)).toEqual([
      '',
      'ℹ️\nThe user wrote after closing',
    ]);
    expect(h.emu.channels.get(ref.threadId)!.thread_metadata!.archived).toBe(false);
  });
});

describe('agents in the thread', () => {
  it("delivers an agent's message to the core as a reply, attachment bytes included", async () => {
    h = await startHarness();
    const ref = await openCase();
    const sent = h.emu.memberSays(h.agent.id, ref.threadId, {
      content: 'Checking now',
      files: [{ fileName: 'fix.png', contentType: 'image/png', bytes: PNG }],
    });
    await h.emu.waitFor(() => h.core.agentEvents.length === 1);
    const event = h.core.agentEvents[0] as Extract<AgentEvent, { type: 'reply' }>;
    expect(event).toMatchObject({
      type: 'reply',
      text: 'Checking now',
      messageId: sent.id,
      desk: { platform: 'discord', chatId: h.desk.id, threadId: ref.threadId },
      agent: { userId: h.agent.id, displayName: 'Ana', isAgent: true },
    });
    expect([...(await event.attachments[0]!.fetch())]).toEqual([...PNG]);
  });

  it('marks a reply the user received with ✅', async () => {
    h = await startHarness();
    const ref = await openCase();
    const sent = h.emu.memberSays(h.agent.id, ref.threadId, { content: 'Done' });
    await h.emu.waitFor(() => h.emu.reactions.length === 1);
    expect(h.emu.reactions[0]).toEqual({
      channelId: ref.threadId,
      messageId: sent.id,
      emoji: '✅',
    });
  });

  it("answers a refused reply with the core's text, as a reply in the thread", async () => {
    h = await startHarness();
    h.core.onAgent = async () => ({
      ok: false,
      text: 'The user closed DMs; the message was not delivered.',
    });
    const ref = await openCase();
    const sent = h.emu.memberSays(h.agent.id, ref.threadId, { content: 'Hello?' });
    await h.emu.waitFor(() => h.emu.botMessagesIn(ref.threadId).length === 2);
    const reply = h.emu.botMessagesIn(ref.threadId)[1]!;
    expect(reply.content).toBe('The user closed DMs; the message was not delivered.');
    expect(reply.message_reference?.message_id).toBe(sent.id);
  });

  it("shows a delivered reply's warning (a refused file) instead of a bare ✅", async () => {
    h = await startHarness();
    h.core.onAgent = async () => ({
      ok: true,
      text: 'Delivered. (1 file(s) refused: images or PDF up to 10 MB)',
    });
    const ref = await openCase();
    h.emu.memberSays(h.agent.id, ref.threadId, { content: 'see attached' });
    await h.emu.waitFor(() => h.emu.botMessagesIn(ref.threadId).length === 2);
    expect(h.emu.botMessagesIn(ref.threadId)[1]!.content).toMatch(/1 file\(s\) refused/);
    expect(h.emu.reactions).toEqual([]);
  });

  it('delivers /claim in the thread to the core and shows its feedback ephemerally', async () => {
    h = await startHarness();
    h.core.onAgent = async () => ({ ok: true, text: 'You claimed T-7K3Q9X' });
    const ref = await openCase();
    const run = h.emu.slashCommand(h.agent.id, ref.threadId, 'claim');
    await h.emu.waitFor(() => run.original && run.original['deferred'] === false);
    expect(h.core.agentEvents[0]).toMatchObject({
      type: 'command',
      command: 'claim',
      args: '',
      desk: { threadId: ref.threadId },
      agent: { isAgent: true },
    });
    expect(run.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(run.original!['content']).toBe('You claimed T-7K3Q9X');
  });

  it('answers a long text in several ephemeral messages, and attaches the file it comes with', async () => {
    h = await startHarness();
    const long = Array.from({ length: 60 }, (_, i) => `🔵 T-${1000000 + i} · line ${i}`).join('\n');
    h.core.onAgent = async () => ({
      ok: true,
      text: `${long}\n${long}`,
      file: { fileName: 'T-1-transcript.txt', mimeType: 'text/plain', bytes: Buffer.from('hi') },
    });
    const ref = await openCase();
    const run = h.emu.slashCommand(h.agent.id, ref.threadId, 'queue');
    await h.emu.waitFor(() => run.original?.['deferred'] === false && run.followups.length > 0);
    const parts = [
      String(run.original!['content']),
      ...run.followups.map((f) => String(f['content'])),
    ];
    expect(parts.join('\n')).toBe(`${long}\n${long}`);
    expect(parts.every((p) => p.length <= 2000)).toBe(true);
    expect(run.followups.every((f) => f['flags'] === 64)).toBe(true);
    expect(run.files!.map((b) => b.toString())).toEqual(['hi']);
  });

  it('passes the text of /note to the core', async () => {
    h = await startHarness();
    const ref = await openCase();
    h.emu.slashCommand(h.agent.id, ref.threadId, 'note', { text: 'called the bank' });
    await h.emu.waitFor(() => h.core.agentEvents.length === 1);
    expect(h.core.agentEvents[0]).toMatchObject({ command: 'note', args: 'called the bank' });
  });

  it('marks a non-agent using /close as not an agent and shows them the refusal ephemerally', async () => {
    h = await startHarness();
    h.core.onAgent = async (e) =>
      e.agent.isAgent
        ? { ok: true, text: 'closed' }
        : { ok: false, text: 'Only agents can do this.' };
    const ref = await openCase();
    // A member who may view the desk channel (a member overwrite) but has no agent role.
    h.emu.channels.get(h.desk.id)!.permission_overwrites!.push({
      id: h.outsider.id,
      type: 1,
      allow: String(1 << 10),
      deny: '0',
    });
    expect(h.emu.canView(h.outsider.id, ref.threadId)).toBe(true);
    const run = h.emu.slashCommand(h.outsider.id, ref.threadId, 'close');
    await h.emu.waitFor(() => run.original && run.original['deferred'] === false);
    expect(h.core.agentEvents[0]).toMatchObject({
      command: 'close',
      agent: { userId: h.outsider.id, isAgent: false },
    });
    expect(run.original).toMatchObject({ content: 'Only agents can do this.', flags: 64 });
  });

  it('ignores messages in other channels of the server', async () => {
    h = await startHarness();
    const ref = await openCase();
    h.emu.memberSays(h.agent.id, h.support.id, { content: 'lunch?' });
    h.emu.memberSays(h.agent.id, h.desk.id, { content: 'in the desk channel itself' });
    h.emu.memberSays(h.agent.id, ref.threadId, { content: 'in the case' });
    await h.emu.waitFor(() => h.core.agentEvents.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.core.agentEvents.map((e) => (e.type === 'reply' ? e.text : e.command))).toEqual([
      'in the case',
    ]);
  });
});
