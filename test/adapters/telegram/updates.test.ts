import { afterEach, describe, expect, it } from 'vitest';
import type { UserEvent } from '../../../src/core/types.ts';
import { JPEG, PNG, startTelegram, USER, type TelegramSetup } from './harness.ts';
import { RecordingCore } from './recording-core.ts';

let t: TelegramSetup | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function setup(core = new RecordingCore()) {
  t = await startTelegram({ core });
  return { t, core };
}

describe('user messages through long polling', () => {
  it("hands a user's text to the core", async () => {
    const { t, core } = await setup();
    t.emu.userSends(USER.id, 'my withdrawal has been pending for 3 days');
    const [event] = await t.emu.waitFor(
      () => core.messages().length > 0 && core.messages(),
      'a message',
    );
    expect(event).toMatchObject({
      text: 'my withdrawal has been pending for 3 days',
      address: { platform: 'telegram', chatId: String(USER.id) },
    });
  });

  it('gives the core a photo it can download: the original bytes of the largest size', async () => {
    const { t, core } = await setup();
    t.emu.userSendsPhoto(USER.id, { bytes: JPEG, caption: 'see' });
    const [event] = await t.emu.waitFor(
      () => core.messages().length > 0 && core.messages(),
      'a photo',
    );
    expect(await event!.attachments[0]!.fetch()).toEqual(JPEG);
  });

  it('downloads an image sent as a file', async () => {
    const { t, core } = await setup();
    t.emu.userSendsDocument(USER.id, { bytes: PNG, fileName: 'shot.png' });
    const [event] = await t.emu.waitFor(
      () => core.messages().length > 0 && core.messages(),
      'a document',
    );
    expect([event!.attachments[0]!.kind, await event!.attachments[0]!.fetch()]).toEqual([
      'document',
      PNG,
    ]);
  });

  it('hands an album of three photos over as one message with three attachments, in order', async () => {
    const { t, core } = await setup();
    const bytes = [JPEG, PNG, new Uint8Array([0xff, 0xd8, 0xff, 9, 9, 9])];
    t.emu.userSendsAlbum(USER.id, bytes, 'three screenshots');
    await t.emu.waitFor(() => core.messages().length > 0, 'the album');
    await new Promise((r) => setTimeout(r, 300)); // longer than the window: nothing else follows
    const events = core.messages();
    expect(events).toHaveLength(1);
    expect(await Promise.all(events[0]!.attachments.map((a) => a.fetch()))).toEqual(bytes);
  });

  it("keeps the album's caption", async () => {
    const { t, core } = await setup();
    t.emu.userSendsAlbum(USER.id, [JPEG, PNG], 'two screenshots');
    const [event] = await t.emu.waitFor(
      () => core.messages().length > 0 && core.messages(),
      'the album',
    );
    expect(event!.text).toBe('two screenshots');
  });

  it('lets a text sent right after an album reach the core after the album', async () => {
    const { t, core } = await setup();
    t.emu.userSendsAlbum(USER.id, [JPEG, PNG]);
    t.emu.userSends(USER.id, 'done');
    await t.emu.waitFor(() => core.messages().length === 2, 'both');
    expect(core.messages().map((e) => e.attachments.length)).toEqual([2, 0]);
  });

  it('hands two messages of one user to the core one after the other, in order', async () => {
    const core = new RecordingCore();
    const log: string[] = [];
    core.onUser = async (e) => {
      const text = e.type === 'message' ? e.text : e.type;
      log.push(`start ${text}`);
      await new Promise((r) => setTimeout(r, 50));
      log.push(`end ${text}`);
    };
    const { t } = await setup(core);
    t.emu.userSends(USER.id, 'first');
    t.emu.userSends(USER.id, 'second');
    await t.emu.waitFor(() => log.length === 4, 'both turns');
    expect(log).toEqual(['start first', 'end first', 'start second', 'end second']);
  });

  it('handles different users concurrently', async () => {
    const core = new RecordingCore();
    let running = 0;
    let overlap = 0;
    core.onUser = async () => {
      running++;
      overlap = Math.max(overlap, running);
      await new Promise((r) => setTimeout(r, 50));
      running--;
    };
    const { t } = await setup(core);
    t.emu.addUser({ id: 777, first_name: 'Other' });
    t.emu.userSends(USER.id, 'a');
    t.emu.userSends(777, 'b');
    await t.emu.waitFor(() => core.userEvents.length === 2 && running === 0, 'both turns');
    expect(overlap).toBe(2);
  });

  it('marks a sticker unsupported', async () => {
    const { t, core } = await setup();
    t.emu.userSendsRaw(USER.id, {
      sticker: {
        file_id: 'st',
        file_unique_id: 'st',
        width: 512,
        height: 512,
        type: 'regular',
        is_animated: false,
        is_video: false,
      },
    });
    const [event] = await t.emu.waitFor(
      () => core.messages().length > 0 && core.messages(),
      'the sticker',
    );
    expect(event!.unsupported).toBe('sticker');
  });

  it('ignores messages in a group that is not the desk', async () => {
    const { t, core } = await setup();
    const group = -1009999;
    t.emu.state.addSupergroup(group, 'Random group', false);
    t.emu.setMember(group, t.emu.botInfo.id, 'member');
    t.emu.memberSends(group, USER.id, undefined, 'hello group');
    t.emu.userSends(USER.id, 'marker');
    await t.emu.waitFor(() => core.userEvents.length > 0, 'the marker');
    expect(core.messages().map((e) => e.text)).toEqual(['marker']);
  });

  it("passes /start with the user's language_code", async () => {
    const { t, core } = await setup();
    t.emu.userSends(USER.id, '/start');
    const [event] = await t.emu.waitFor(
      () => core.userEvents.length > 0 && core.userEvents,
      'the command',
    );
    expect(event).toMatchObject({
      type: 'command',
      command: 'start',
      user: { languageCode: 'zh-hans' },
    });
  });
});

describe('buttons', () => {
  async function withKeyboard() {
    const core = new RecordingCore();
    const { t } = await setup(core);
    await t.adapter.channel.send(
      { platform: 'telegram', chatId: String(USER.id) },
      {
        text: 'Did this solve it?',
        choices: [
          { id: 'f:yes', label: 'Solved' },
          { id: 'f:no', label: 'Not solved' },
        ],
      },
    );
    return { t, core, keyboard: t.emu.sent(USER.id)[0]! };
  }

  it('hands the pressed choice id to the core', async () => {
    const { t, core, keyboard } = await withKeyboard();
    t.emu.press(USER.id, keyboard, 'f:no');
    const [event] = await t.emu.waitFor(
      () => core.userEvents.length > 0 && core.userEvents,
      'the choice',
    );
    expect(event).toMatchObject({
      type: 'choice',
      choiceId: 'f:no',
      messageId: `cb:${keyboard.messageId}`,
    });
  });

  it('answers the callback query', async () => {
    const { t, core, keyboard } = await withKeyboard();
    const query = t.emu.press(USER.id, keyboard, 'f:no');
    await t.emu.waitFor(() => core.userEvents.length > 0, 'the choice');
    expect(t.emu.callback(query.id)!.answered).toBe(true);
  });

  it('removes the used keyboard before the core acts, so the button cannot be pressed again', async () => {
    const core = new RecordingCore();
    let markupWhenHandled: unknown = 'unset';
    const { t } = await setup(core);
    await t.adapter.channel.send(
      { platform: 'telegram', chatId: String(USER.id) },
      { text: 'x', choices: [{ id: 'a', label: 'A' }] },
    );
    const keyboard = t.emu.sent(USER.id)[0]!;
    core.onUser = () => {
      markupWhenHandled = t.emu.message(USER.id, keyboard.messageId)!.replyMarkup;
    };
    t.emu.press(USER.id, keyboard, 'a');
    await t.emu.waitFor(() => core.userEvents.length > 0, 'the choice');
    expect(markupWhenHandled).toBeUndefined();
    expect(() => t.emu.press(USER.id, keyboard, 'a')).toThrow(/no button/);
  });

  it('takes a pressed keyboard off once: the next keyboard does not edit it again', async () => {
    const { t, core, keyboard } = await withKeyboard();
    t.emu.press(USER.id, keyboard, 'f:no');
    await t.emu.waitFor(() => core.userEvents.length > 0, 'the choice');
    await t.adapter.channel.send(
      { platform: 'telegram', chatId: String(USER.id) },
      { text: 'How much was it?', choices: [{ id: '2:skip', label: 'Skip' }] },
    );
    const edits = t.emu.calls('editMessageReplyMarkup');
    expect(edits.map((c) => [c.params['message_id'], c.ok])).toEqual([[keyboard.messageId, true]]);
  });

  it('gives a double tap on one keyboard the same message id (the core drops the duplicate)', async () => {
    const { t, core, keyboard } = await withKeyboard();
    t.emu.forcePress(USER.id, keyboard, 'f:no');
    t.emu.forcePress(USER.id, keyboard, 'f:yes');
    await t.emu.waitFor(() => core.userEvents.length === 2, 'both presses');
    expect(new Set(core.userEvents.map((e: UserEvent) => e.messageId)).size).toBe(1);
  });
});

describe('commands menu', () => {
  it('registers the user commands for private chats in English and Chinese', async () => {
    const { t } = await setup();
    const en = t.emu.commands({ type: 'all_private_chats' });
    const zh = t.emu.commands({ type: 'all_private_chats' }, 'zh');
    expect([en?.map((c) => c.command), zh?.[0]?.description]).toEqual([
      ['start', 'help', 'cancel', 'status'],
      '机器人能为您做什么',
    ]);
  });

  it('registers the desk commands for the desk group', async () => {
    const { t } = await setup();
    expect(
      t.emu.commands({ type: 'chat', chat_id: String(t.deskId) })?.map((c) => c.command),
    ).toEqual([
      'claim',
      'close',
      'note',
      'reopen',
      'transfer',
      'unclaim',
      'escalate',
      'queue',
      'transcript',
      'snippet',
      'snippets',
    ]);
  });
});
