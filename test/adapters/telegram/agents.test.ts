import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/types.ts';
import { AGENT, JPEG, MEMBER, startTelegram, STRANGER, type TelegramSetup } from './harness.ts';
import { RecordingCore } from './recording-core.ts';

let t: TelegramSetup | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function withTopic(opts: { agentIds?: string[]; core?: RecordingCore } = {}) {
  const core = opts.core ?? new RecordingCore();
  t = await startTelegram({
    core,
    ...(opts.agentIds ? { adapter: { agentIds: opts.agentIds } } : {}),
  });
  const ref = await t.adapter.desk!.openCase(
    {
      ticketId: 'T-AAAAAA',
      title: '🔵 T-AAAAAA · withdrawal_pending · en',
      status: 'open',
      priority: 'normal',
      intent: 'withdrawal_pending',
      lang: 'en',
      user: { platform: 'telegram', userId: '501' },
      fields: [],
      userWords: 'pending',
      createdAt: 0,
    },
    [],
  );
  return { t, core, deskId: t.deskId!, thread: Number(ref.threadId) };
}

const first = (core: RecordingCore) => core.agentEvents.length > 0 && core.agentEvents[0];

describe('agent messages in a topic', () => {
  it("hands a desk administrator's text to the core as a reply from an agent", async () => {
    const { t, core, deskId, thread } = await withTopic();
    t.emu.memberSends(deskId, AGENT.id, thread, 'Hello, I am looking into it');
    const event = await t.emu.waitFor(() => first(core), 'the reply');
    expect(event).toMatchObject({
      type: 'reply',
      text: 'Hello, I am looking into it',
      desk: { platform: 'telegram', chatId: String(deskId), threadId: String(thread) },
      agent: { userId: String(AGENT.id), displayName: 'Alice', isAgent: true },
    });
  });

  it('marks someone outside the desk group as not an agent', async () => {
    const { t, core, deskId, thread } = await withTopic();
    t.emu.memberSends(deskId, STRANGER.id, thread, '/close');
    const event = await t.emu.waitFor(() => first(core), 'the command');
    expect(event.agent.isAgent).toBe(false);
  });

  it('marks a plain member of the desk group (not an administrator) as not an agent', async () => {
    const { t, core, deskId, thread } = await withTopic();
    t.emu.memberSends(deskId, MEMBER.id, thread, '/claim');
    const event = await t.emu.waitFor(() => first(core), 'the command');
    expect([event.type, event.agent.isAgent]).toEqual(['command', false]);
  });

  it('uses exactly AGENT_IDS when set, administrators or not', async () => {
    const { t, core, deskId, thread } = await withTopic({ agentIds: [String(STRANGER.id)] });
    t.emu.memberSends(deskId, AGENT.id, thread, 'administrator, but not listed');
    t.emu.memberSends(deskId, STRANGER.id, thread, 'listed');
    await t.emu.waitFor(() => core.agentEvents.length === 2, 'both');
    expect(core.agentEvents.map((e) => e.agent.isAgent)).toEqual([false, true]);
    expect(t.emu.calls('getChatAdministrators')).toHaveLength(0);
  });

  it("asks Telegram for the desk's administrators once while the list is fresh", async () => {
    const { t, core, deskId, thread } = await withTopic();
    for (const text of ['one', 'two', 'three']) t.emu.memberSends(deskId, AGENT.id, thread, text);
    await t.emu.waitFor(() => core.agentEvents.length === 3, 'three replies');
    const memberChecks = t.emu
      .calls('getChatMember')
      .filter((c) => c.params['user_id'] === AGENT.id);
    expect([t.emu.calls('getChatAdministrators').length, memberChecks.length]).toEqual([1, 0]);
  });

  it('maps /note with its text to a command', async () => {
    const { t, core, deskId, thread } = await withTopic();
    t.emu.memberSends(deskId, AGENT.id, thread, '/note called the bank');
    expect(await t.emu.waitFor(() => first(core), 'the note')).toMatchObject({
      type: 'command',
      command: 'note',
      args: 'called the bank',
    });
  });

  it("gives the core the agent's photo to download", async () => {
    const { t, core, deskId, thread } = await withTopic();
    t.emu.memberSendsPhoto(deskId, AGENT.id, thread, { bytes: JPEG, caption: 'like this' });
    const event = (await t.emu.waitFor(() => first(core), 'the photo')) as Extract<
      AgentEvent,
      { type: 'reply' }
    >;
    expect([event.text, await event.attachments[0]!.fetch()]).toEqual(['like this', JPEG]);
  });

  it('gives the core a document the agent sent', async () => {
    const { t, core, deskId, thread } = await withTopic();
    t.emu.memberSendsDocument(deskId, AGENT.id, thread, {
      bytes: new Uint8Array([37, 80, 68, 70]),
      fileName: 'guide.pdf',
    });
    const event = (await t.emu.waitFor(() => first(core), 'the document')) as Extract<
      AgentEvent,
      { type: 'reply' }
    >;
    expect(event.attachments[0]).toMatchObject({
      kind: 'document',
      fileName: 'guide.pdf',
      mimeType: 'application/pdf',
    });
  });

  it('ignores chatter outside the topics', async () => {
    const { t, core, deskId, thread } = await withTopic();
    t.emu.memberSends(deskId, AGENT.id, undefined, 'coffee anyone?');
    t.emu.memberSends(deskId, AGENT.id, thread, 'marker');
    await t.emu.waitFor(() => first(core), 'the marker');
    expect(core.agentEvents.map((e) => (e.type === 'reply' ? e.text : e.command))).toEqual([
      'marker',
    ]);
  });
});

describe('command captions (a /note on a photo, a document or an album stays internal)', () => {
  const settle = () => new Promise((r) => setTimeout(r, 400)); // longer than the album window

  it('takes a photo captioned /note for a note, not a reply', async () => {
    const { t, core, deskId, thread } = await withTopic();
    t.emu.memberSendsPhoto(deskId, AGENT.id, thread, { bytes: JPEG, caption: '/note fraud?' });
    expect(await t.emu.waitFor(() => first(core), 'the note')).toMatchObject({
      type: 'command',
      command: 'note',
      args: 'fraud?',
    });
  });

  it('takes a document captioned /note for a note, not a reply', async () => {
    const { t, core, deskId, thread } = await withTopic();
    t.emu.memberSendsDocument(deskId, AGENT.id, thread, {
      bytes: new Uint8Array([37, 80, 68, 70]),
      fileName: 'statement.pdf',
      caption: '/note statement from the bank',
    });
    expect(await t.emu.waitFor(() => first(core), 'the note')).toMatchObject({
      type: 'command',
      command: 'note',
      args: 'statement from the bank',
    });
  });

  it('hands an album captioned /note over as ONE note and no reply at all', async () => {
    const { t, core, deskId, thread } = await withTopic();
    const parts = t.emu.memberSendsAlbum(
      deskId,
      AGENT.id,
      thread,
      [JPEG, JPEG, JPEG],
      '/note internal: three transfers to the same wallet',
    );
    await t.emu.waitFor(() => first(core), 'the note');
    await settle();
    expect(core.agentEvents).toEqual([
      expect.objectContaining({
        type: 'command',
        command: 'note',
        args: 'internal: three transfers to the same wallet',
        messageId: String(parts[0]!.messageId),
        agent: expect.objectContaining({ isAgent: true }),
      }),
    ]);
  });

  it('does the same for any desk command caption (/claim on an album)', async () => {
    const { t, core, deskId, thread } = await withTopic();
    t.emu.memberSendsAlbum(deskId, AGENT.id, thread, [JPEG, JPEG], '/claim');
    await t.emu.waitFor(() => first(core), 'the claim');
    await settle();
    expect(core.agentEvents.map((e) => [e.type, e.type === 'command' ? e.command : ''])).toEqual([
      ['command', 'claim'],
    ]);
  });

  it('drops an album captioned with a command that is not ours: nothing of it is relayed', async () => {
    const { t, core, deskId, thread } = await withTopic();
    t.emu.memberSendsAlbum(deskId, AGENT.id, thread, [JPEG, JPEG, JPEG], '/todo check later');
    t.emu.memberSendsAlbum(deskId, AGENT.id, thread, [JPEG, JPEG], '/note@other_bot hi');
    await settle();
    t.emu.memberSends(deskId, AGENT.id, thread, 'marker');
    await t.emu.waitFor(() => first(core), 'the marker');
    await settle();
    expect(core.agentEvents.map((e) => (e.type === 'reply' ? e.text : e.command))).toEqual([
      'marker',
    ]);
  });

  it('still relays an album with a plain caption as one reply with every photo', async () => {
    const { t, core, deskId, thread } = await withTopic();
    t.emu.memberSendsAlbum(deskId, AGENT.id, thread, [JPEG, JPEG, JPEG], 'like these');
    await t.emu.waitFor(() => first(core), 'the reply');
    await settle();
    expect(
      core.agentEvents.map((e) => (e.type === 'reply' ? [e.text, e.attachments.length] : [])),
    ).toEqual([['like these', 3]]);
  });
});

describe('feedback to the agent', () => {
  it("shows the core's feedback in the topic as a reply to the agent's message", async () => {
    const core = new RecordingCore();
    core.onAgent = () => ({ ok: false, text: 'Only support agents can do that here.' });
    const { t, deskId, thread } = await withTopic({ core });
    const command = t.emu.memberSends(deskId, STRANGER.id, thread, '/close');
    const reply = await t.emu.waitFor(
      () => t.emu.sent(deskId, thread).find((m) => m.text.startsWith('Only')),
      'the feedback',
    );
    expect(reply.message['reply_to_message']).toMatchObject({ message_id: command.messageId });
  });

  it('sends the feedback as plain text', async () => {
    const core = new RecordingCore();
    core.onAgent = () => ({ ok: true, text: 'Closed <T-1>.' });
    const { t, deskId, thread } = await withTopic({ core });
    t.emu.memberSends(deskId, AGENT.id, thread, '/close');
    const reply = await t.emu.waitFor(
      () => t.emu.sent(deskId, thread).find((m) => m.text.startsWith('Closed')),
      'the feedback',
    );
    expect(reply.text).toBe('Closed <T-1>.');
  });

  it('splits an answer longer than one message (a long queue) into several replies', async () => {
    const core = new RecordingCore();
    const line = (i: number) => `🔵 T-${1000000 + i} · withdrawal_pending · 3 hours old · Alice`;
    const long = Array.from({ length: 80 }, (_, i) => line(i)).join('\n');
    core.onAgent = () => ({ ok: true, text: long });
    const { t, deskId } = await withTopic({ core });
    t.emu.memberSends(deskId, AGENT.id, undefined, '/queue');
    const parts = await t.emu.waitFor(() => {
      const sent = t.emu.sent(deskId).filter((m) => m.text.startsWith('🔵 T-1'));
      return sent.length >= 2 && sent;
    }, 'the parts');
    expect(parts.map((m) => m.text).join('\n')).toBe(long);
    expect(parts.every((m) => m.threadId === undefined && m.text.length <= 4096)).toBe(true);
  });

  it('marks SENIOR_AGENT_IDS as seniors and as agents, administrators or not', async () => {
    const core = new RecordingCore();
    t = await startTelegram({ core, adapter: { seniorIds: [String(MEMBER.id)] } });
    const deskId = t.deskId!;
    t.emu.memberSends(deskId, MEMBER.id, undefined, '/queue');
    t.emu.memberSends(deskId, AGENT.id, undefined, '/queue');
    await t.emu.waitFor(() => core.agentEvents.length === 2, 'both');
    expect(
      core.agentEvents.map((e) => [e.agent.userId, e.agent.isAgent, e.agent.isSenior]),
    ).toEqual([
      [String(MEMBER.id), true, true],
      [String(AGENT.id), true, undefined],
    ]);
  });

  it('acknowledges a quiet success with a reaction instead of a message', async () => {
    const core = new RecordingCore();
    core.onAgent = () => ({ ok: true, text: 'Delivered.', quiet: true });
    const { t, deskId, thread } = await withTopic({ core });
    const reply = t.emu.memberSends(deskId, AGENT.id, thread, 'Hello!');
    await t.emu.waitFor(
      () => t.emu.message(deskId, reply.messageId)!.reactions?.length,
      'the reaction',
    );
    expect([
      t.emu.message(deskId, reply.messageId)!.reactions,
      t.emu.sent(deskId, thread).length,
    ]).toEqual([['👌'], 1]);
  });
});
