import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/errors.ts';
import type { UserEvent } from '../../../src/core/types.ts';
import { DiscordAdapter } from '../../../src/adapters/discord/index.ts';
import { createStore } from '../../../src/store.ts';
import { captureLogs, PNG, startHarness, type Harness } from './harness.ts';
import { RecordingCore } from './recording-core.ts';

let h: Harness;
afterEach(async () => h?.close());

const messageEvent = (e: UserEvent | undefined) => {
  if (e?.type !== 'message') throw new Error(`expected a message event, got ${e?.type}`);
  return e;
};

describe('DMs in', () => {
  it('delivers a DM to the core as a message event addressed to the DM channel', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice', globalName: 'Alice' });
    const sent = h.emu.userSendsDm(user.id, {
      content: 'my withdrawal has been pending for 3 days',
    });
    await h.emu.waitFor(() => h.core.userEvents.length === 1);
    expect(messageEvent(h.core.userEvents[0])).toMatchObject({
      address: { platform: 'discord', chatId: h.emu.dmChannel(user.id).id },
      user: { userId: user.id, displayName: 'Alice', username: 'alice' },
      messageId: sent.id,
      text: 'my withdrawal has been pending for 3 days',
    });
  });

  it('downloads the bytes of an attachment from the CDN at intake', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    h.emu.userSendsDm(user.id, {
      content: '',
      files: [{ fileName: 'proof.png', contentType: 'image/png', bytes: PNG }],
    });
    await h.emu.waitFor(() => h.core.userEvents.length === 1);
    const [attachment] = messageEvent(h.core.userEvents[0]).attachments;
    expect(attachment).toMatchObject({
      kind: 'photo',
      mimeType: 'image/png',
      fileName: 'proof.png',
      size: PNG.length,
    });
    expect([...(await attachment!.fetch())]).toEqual([...PNG]);
  });

  it("hands the core a forwarded message's words and files, marked as forwarded", async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    const sent = h.emu.userForwardsDm(user.id, {
      content: 'Your wallet will be frozen. Verify at wallet-verify.example',
      files: [{ fileName: 'notice.png', contentType: 'image/png', bytes: PNG }],
    });
    await h.emu.waitFor(() => h.core.userEvents.length === 1);
    const event = messageEvent(h.core.userEvents[0]);
    expect(event).toMatchObject({
      messageId: sent.id,
      text: 'Your wallet will be frozen. Verify at wallet-verify.example',
      forwardedFrom: { name: 'Discord', hidden: true },
    });
    expect(event.unsupported).toBeUndefined();
    expect([...(await event.attachments[0]!.fetch())]).toEqual([...PNG]);
  });

  it('never hands the core messages the bot itself sent', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    h.core.onUser = (e) => h.adapter.channel.send(e.address, { text: 'hello' });
    h.emu.userSendsDm(user.id, { content: 'hi' });
    await h.emu.waitFor(() => h.emu.dmsTo(user.id).length === 1);
    h.emu.userSendsDm(user.id, { content: 'second' });
    await h.emu.waitFor(() => h.emu.dmsTo(user.id).length === 2);
    expect(h.core.userEvents.map((e) => messageEvent(e).text)).toEqual(['hi', 'second']);
  });

  it('hands two messages of one user sent at once to the core one after the other, in order', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    const trace: string[] = [];
    h.core.onUser = async (e) => {
      const text = messageEvent(e).text;
      trace.push(`start ${text}`);
      await new Promise((r) => setTimeout(r, 40));
      trace.push(`end ${text}`);
    };
    h.emu.userSendsDm(user.id, { content: 'one' });
    h.emu.userSendsDm(user.id, { content: 'two' });
    await h.emu.waitFor(() => trace.length === 4);
    expect(trace).toEqual(['start one', 'end one', 'start two', 'end two']);
  });
});

describe('DMs out', () => {
  it("sends the core's text literally: markdown escaped, mentions disabled", async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    await h.adapter.channel.send(
      { platform: 'discord', chatId: h.emu.dmChannel(user.id).id },
      { text: 'Tap *Withdraw* then @everyone' },
    );
    const [record] = h.emu.created;
    expect(record!.message.content).toBe('Tap \\*Withdraw\\* then @everyone');
    expect(record!.allowedMentions).toEqual({ parse: [] });
  });

  it('sends choices as buttons whose custom_id is the choice id', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    await h.adapter.channel.send(
      { platform: 'discord', chatId: h.emu.dmChannel(user.id).id },
      {
        text: 'Did this help?',
        choices: [
          { id: 'sh:solved', label: 'Solved' },
          { id: 'sh:not_solved', label: 'Not solved' },
        ],
      },
    );
    const [msg] = h.emu.dmsTo(user.id);
    const row = msg!.components[0] as { components: Array<{ custom_id: string; label: string }> };
    expect(row.components.map((b) => [b.custom_id, b.label])).toEqual([
      ['sh:solved', 'Solved'],
      ['sh:not_solved', 'Not solved'],
    ]);
  });

  it('sends files as attachments with their bytes', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    await h.adapter.channel.send(
      { platform: 'discord', chatId: h.emu.dmChannel(user.id).id },
      {
        text: 'your receipt',
        files: [{ fileName: 'receipt.png', mimeType: 'image/png', bytes: PNG }],
      },
    );
    const [record] = h.emu.created;
    expect(record!.message.attachments.map((a) => [a.filename, a.content_type])).toEqual([
      ['receipt.png', 'image/png'],
    ]);
    expect([...record!.files[0]!]).toEqual([...PNG]);
  });

  it('throws user_unreachable when the user closed DMs (50007)', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    h.emu.closeDms(user.id);
    const error = await h.adapter.channel
      .send({ platform: 'discord', chatId: h.emu.dmChannel(user.id).id }, { text: 'hi' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).code).toBe('user_unreachable');
  });

  it('waits out 429s: each message is delivered exactly once', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    const chatId = h.emu.dmChannel(user.id).id;
    h.emu.rateLimitNext(3, { retryAfterSec: 0.05, match: { method: 'POST', path: /\/messages$/ } });
    await Promise.all(
      ['one', 'two', 'three', 'four'].map((text) =>
        h.adapter.channel.send({ platform: 'discord', chatId }, { text }),
      ),
    );
    expect(h.emu.requests.filter((r) => r.status === 429)).toHaveLength(3);
    expect(
      h.emu
        .dmsTo(user.id)
        .map((m) => m.content)
        .sort(),
    ).toEqual(['four', 'one', 'three', 'two']);
  });

  it('throws platform_unavailable once discord.js gives up on 5xx, having delivered nothing', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    h.emu.failNext(10, { status: 502, match: { method: 'POST' } });
    const error = await h.adapter.channel
      .send({ platform: 'discord', chatId: h.emu.dmChannel(user.id).id }, { text: 'hi' })
      .catch((e: unknown) => e);
    expect((error as DeliveryError).code).toBe('platform_unavailable');
    expect(h.emu.dmsTo(user.id)).toHaveLength(0);
  });
});

describe('buttons and slash commands', () => {
  async function sendChoices(userId: string) {
    await h.adapter.channel.send(
      { platform: 'discord', chatId: h.emu.dmChannel(userId).id },
      {
        text: 'Did this help?',
        choices: [
          { id: 'sh:solved', label: 'Solved' },
          { id: 'sh:not_solved', label: 'Not solved' },
        ],
      },
    );
    return h.emu.dmsTo(userId)[0]!;
  }

  it('delivers a button press to the core as a choice with the button id', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    const msg = await sendChoices(user.id);
    h.emu.pressButton(user.id, msg.id, 'sh:not_solved');
    await h.emu.waitFor(() => h.core.userEvents.length === 1);
    expect(h.core.userEvents[0]).toMatchObject({
      type: 'choice',
      choiceId: 'sh:not_solved',
      address: { chatId: h.emu.dmChannel(user.id).id },
    });
  });

  it('acknowledges a press by disabling the buttons of that message', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    const msg = await sendChoices(user.id);
    const press = h.emu.pressButton(user.id, msg.id, 'sh:solved');
    await h.emu.waitFor(() => press.callbacks.length === 1);
    expect(press.callbacks[0]!.type).toBe(7); // UPDATE_MESSAGE
    const buttons = (
      h.emu.findMessage(msg.id)!.components[0] as { components: Array<{ disabled?: boolean }> }
    ).components;
    expect(buttons.map((b) => b.disabled)).toEqual([true, true]);
  });

  const buttonsOf = (messageId: string) =>
    (h.emu.findMessage(messageId)!.components as Array<{ components: unknown[] }>).flatMap(
      (row) => row.components,
    );
  const editsOf = (messageId: string) => h.emu.edits.filter((e) => e.messageId === messageId);

  it("takes the buttons off the previous step's message when new buttons come", async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    const to = { platform: 'discord', chatId: h.emu.dmChannel(user.id).id };
    const ask = (id: string) =>
      h.adapter.channel.send(to, { text: `Question ${id}`, choices: [{ id, label: 'Skip' }] });
    await ask('1:skip');
    await h.adapter.channel.send(to, { text: 'Noted.' });
    await ask('2:skip');
    const [first, noted, second] = h.emu.dmsTo(user.id);
    expect([buttonsOf(first!.id), buttonsOf(noted!.id), editsOf(noted!.id)]).toEqual([[], [], []]);
    expect(buttonsOf(second!.id)).toMatchObject([{ custom_id: '2:skip', label: 'Skip' }]);
  });

  it('takes the current buttons off when the core says their step is over, once', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    const to = { platform: 'discord', chatId: h.emu.dmChannel(user.id).id };
    await h.adapter.channel.send(to, {
      text: 'Send it?',
      choices: [{ id: '3:confirm', label: 'Send' }],
    });
    await h.adapter.channel.closeChoices(to);
    await h.adapter.channel.send(to, { text: 'Your case is with our team.' });
    await h.adapter.channel.closeChoices(to);
    const [summary] = h.emu.dmsTo(user.id);
    expect(buttonsOf(summary!.id)).toEqual([]);
    expect(h.emu.edits).toHaveLength(1);
  });

  it('leaves a pressed set of buttons to the press: the next buttons edit it no more', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    const to = { platform: 'discord', chatId: h.emu.dmChannel(user.id).id };
    const msg = await sendChoices(user.id);
    let answered = false;
    h.core.onUser = async () => {
      await h.adapter.channel.send(to, {
        text: 'What went wrong?',
        choices: [{ id: 'x', label: 'X' }],
      });
      answered = true;
    };
    h.emu.pressButton(user.id, msg.id, 'sh:not_solved');
    await h.emu.waitFor(() => answered);
    await h.adapter.channel.closeChoices(to);
    // The press's answer disabled them (and kept them, pressed one marked); nothing else edits.
    expect(editsOf(msg.id)).toHaveLength(1);
    expect(buttonsOf(msg.id)).toMatchObject([{ disabled: true }, { disabled: true }]);
    expect(buttonsOf(h.emu.dmsTo(user.id)[1]!.id)).toEqual([]);
  });

  it("takes off, after a restart, the buttons sent before it (kept in the core's store)", async () => {
    const store = await createStore('memory://');
    h = await startHarness({ adapter: { sharedStore: store } });
    const user = h.emu.addUser({ username: 'alice' });
    const to = { platform: 'discord', chatId: h.emu.dmChannel(user.id).id };
    await sendChoices(user.id);
    await h.adapter.stop();
    const again = new DiscordAdapter({
      token: h.emu.token,
      apiRoot: h.emu.apiRoot,
      logger: captureLogs().logger,
      sharedStore: store,
    });
    try {
      await again.start(new RecordingCore());
      await again.channel.closeChoices(to);
      await again.channel.closeChoices(to);
    } finally {
      await again.stop();
    }
    expect([buttonsOf(h.emu.dmsTo(user.id)[0]!.id), h.emu.edits.length]).toEqual([[], 1]);
    await store.close();
  });

  it('drops a second press on the same set of buttons', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    const msg = await sendChoices(user.id);
    h.emu.pressButton(user.id, msg.id, 'sh:solved');
    const second = h.emu.pressButton(user.id, msg.id, 'sh:not_solved');
    await h.emu.waitFor(() => second.callbacks.length === 1);
    await h.emu.waitFor(() => h.core.userEvents.length >= 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.core.userEvents.map((e) => (e.type === 'choice' ? e.choiceId : e.type))).toEqual([
      'sh:solved',
    ]);
    expect(second.callbacks[0]!.type).toBe(6); // DEFERRED_UPDATE_MESSAGE: acknowledged, nothing changes
  });

  it('delivers /status in DMs as a command and removes the "thinking" placeholder afterwards', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    const dm = h.emu.dmChannel(user.id);
    const run = h.emu.slashCommand(user.id, dm.id, 'status');
    await h.emu.waitFor(() => run.originalDeleted);
    expect(h.core.userEvents[0]).toMatchObject({
      type: 'command',
      command: 'status',
      address: { chatId: dm.id },
    });
    expect(run.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } }); // deferred, ephemeral
  });
});
