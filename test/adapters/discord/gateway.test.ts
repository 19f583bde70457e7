import { afterEach, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

it('delivers a DM sent while the gateway connection was down once, after discord.js resumes', async () => {
  h = await startHarness();
  const user = h.emu.addUser({ username: 'alice' });
  h.emu.userSendsDm(user.id, { content: 'before' });
  await h.emu.waitFor(() => h.core.userEvents.length === 1);
  h.emu.dropGateway(); // TCP cut: close code 1006 on the client
  await h.emu.waitFor(() => !h.emu.gateway.connected, 2_000, 'the drop');
  h.emu.userSendsDm(user.id, { content: 'during' });
  await h.emu.waitFor(() => h.core.userEvents.length === 2, 10_000, 'the replayed DM');
  h.emu.userSendsDm(user.id, { content: 'after' });
  await h.emu.waitFor(() => h.core.userEvents.length === 3);
  await new Promise((r) => setTimeout(r, 100));
  expect(h.core.userEvents.map((e) => (e.type === 'message' ? e.text : e.type))).toEqual([
    'before',
    'during',
    'after',
  ]);
  expect(h.emu.gateway.stats).toMatchObject({ identifies: 1, resumes: 1 });
});

it('keeps a case going across a disconnect: the agent reply after RESUME reaches the core', async () => {
  h = await startHarness();
  const ref = await h.adapter.desk!.openCase(
    {
      ticketId: 'T-1',
      title: 'T-1 · withdrawal_pending · en',
      status: 'open',
      priority: 'normal',
      intent: 'withdrawal_pending',
      lang: 'en',
      user: { platform: 'discord', userId: '1' },
      fields: [],
      userWords: 'pending',
      createdAt: Date.now(),
    },
    [],
  );
  h.emu.dropGateway(4000); // "unknown error": the client resumes
  h.emu.memberSays(h.agent.id, ref.threadId, { content: 'still with you' });
  await h.emu.waitFor(() => h.core.agentEvents.length === 1, 10_000, 'the agent reply');
  expect(h.core.agentEvents[0]).toMatchObject({
    type: 'reply',
    text: 'still with you',
    desk: { threadId: ref.threadId },
  });
  expect(h.emu.gateway.stats.resumes).toBe(1);
});
