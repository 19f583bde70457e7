import { describe, expect, it } from 'vitest';
import {
  mapUpdate,
  largestPhoto,
  type MapperContext,
  type Routed,
} from '../../../src/adapters/telegram/mapper.ts';
import type { AgentEvent, UserEvent } from '../../../src/core/types.ts';
import { DESK_ID, fixtures } from './fixtures.ts';

function context(fetched: string[] = []): MapperContext {
  return {
    deskChatId: String(DESK_ID),
    botUsername: 'wallet_support_bot',
    fetchFile: async (id) => {
      fetched.push(id);
      return new Uint8Array([1, 2, 3]);
    },
  };
}

function user(routed: Routed): UserEvent {
  if (routed.route !== 'user' && routed.route !== 'choice')
    throw new Error(`expected a user route, got ${routed.route}`);
  return routed.event;
}

function message(routed: Routed) {
  const event = user(routed);
  if (event.type !== 'message') throw new Error(`expected a message, got ${event.type}`);
  return event;
}

function agent(routed: Routed): AgentEvent {
  if (routed.route !== 'agent')
    throw new Error(
      `expected an agent route, got ${routed.route} (${'reason' in routed ? routed.reason : ''})`,
    );
  return routed.event;
}

describe('user side (private chats)', () => {
  it('maps a text DM to a message with the chat address and message id', () => {
    const event = message(mapUpdate(fixtures.text, context()));
    expect(event).toMatchObject({
      address: { platform: 'telegram', chatId: '501' },
      messageId: '41',
      text: '我的提现三天了还没到账',
      attachments: [],
    });
    expect(event.unsupported).toBeUndefined();
  });

  it("carries the user's name, username and language_code", () => {
    expect(message(mapUpdate(fixtures.text, context())).user).toEqual({
      platform: 'telegram',
      userId: '501',
      displayName: 'Mei Lin',
      username: 'meilin',
      languageCode: 'zh-hans',
    });
  });

  it('maps /start with a payload to the start command with args', () => {
    expect(user(mapUpdate(fixtures.start, context()))).toMatchObject({
      type: 'command',
      command: 'start',
      args: 'ref-campaign',
    });
  });

  it('accepts a command addressed to our bot by name', () => {
    const event = user(mapUpdate(fixtures.startMentioned, context()));
    expect(event).toMatchObject({ type: 'command', command: 'status' });
    expect('args' in event).toBe(false);
  });

  it('passes an unknown command on as plain text', () => {
    expect(message(mapUpdate(fixtures.unknownCommand, context())).text).toBe('/refund please');
  });

  it('maps a photo to one attachment of its largest size, the caption as text', async () => {
    const fetched: string[] = [];
    const event = message(mapUpdate(fixtures.photo, context(fetched)));
    expect(event.text).toBe('screenshot of the pending withdrawal');
    expect(event.attachments).toHaveLength(1);
    expect(event.attachments[0]).toMatchObject({ kind: 'photo', size: 64210 });
    await event.attachments[0]!.fetch();
    expect(fetched).toEqual(['AgACAgQAAxkBAAIBsmZ_large']);
  });

  it('downloads nothing until the core asks', () => {
    const fetched: string[] = [];
    mapUpdate(fixtures.photo, context(fetched));
    expect(fetched).toEqual([]);
  });

  it('maps an image sent as a file to a document attachment with its name and type', async () => {
    const fetched: string[] = [];
    const event = message(mapUpdate(fixtures.imageDocument, context(fetched)));
    expect(event.attachments[0]).toMatchObject({
      kind: 'document',
      fileName: 'Screenshot_20241120.png',
      mimeType: 'image/png',
      size: 482_113,
    });
    await event.attachments[0]!.fetch();
    expect(fetched).toEqual(['BQACAgQAAxkBAAIBtGZ_doc']);
  });

  it('passes a PDF on as a document (the core checks the bytes)', () => {
    expect(message(mapUpdate(fixtures.pdfDocument, context())).attachments[0]).toMatchObject({
      mimeType: 'application/pdf',
    });
  });

  it.each([
    ['sticker', fixtures.sticker, 'sticker'],
    ['voice message', fixtures.voice, 'voice'],
    ['location', fixtures.location, 'location'],
    ['video note', fixtures.videoNote, 'video'],
    ['video sent as a file', fixtures.videoDocument, 'video'],
  ] as const)('marks a %s as unsupported (%s) without attachments', (_name, update, kind) => {
    const event = message(mapUpdate(update, context()));
    expect(event.unsupported).toBe(kind);
    expect(event.attachments).toEqual([]);
  });

  it("marks an album's part with its media_group_id", () => {
    const routed = mapUpdate(fixtures.albumPart, context());
    expect(routed).toMatchObject({ route: 'user', mediaGroupId: '13820736271827301' });
  });

  it('ignores messages in groups other than the desk', () => {
    expect(mapUpdate(fixtures.otherGroup, context()).route).toBe('ignore');
  });

  it('ignores a DM from a bot', () => {
    expect(mapUpdate(fixtures.fromBot, context()).route).toBe('ignore');
  });

  it('says who first wrote a forwarded message: a user, a hidden account, a channel, a group', () => {
    const from = (u: keyof typeof fixtures) => message(mapUpdate(fixtures[u], context()));
    expect(from('forwardedFromUser')).toMatchObject({
      text: 'Your wallet will be frozen. Verify it at wallet-verify.example within 24 hours.',
      forwardedFrom: { name: 'Wallet Support', username: 'wallet_support_help' },
    });
    expect(from('forwardedFromChannel')).toMatchObject({
      text: 'Claim 500 USDT now',
      forwardedFrom: { name: 'Wallet Airdrop (Tom)', username: 'wallet_airdrop' },
    });
    expect(from('forwardedFromGroup').forwardedFrom).toEqual({ name: 'Wallet Users Help' });
    expect(message(mapUpdate(fixtures.text, context())).forwardedFrom).toBeUndefined();
  });

  it("takes a forwarded '/start …' as someone else's words, not the user's command", () => {
    expect(message(mapUpdate(fixtures.forwardedFromHidden, context()))).toMatchObject({
      type: 'message',
      text: '/start verify',
      forwardedFrom: { name: 'Anna Admin', hidden: true },
    });
  });

  it("maps a user's edit to a message marked edited, with an id of its own for that edit", () => {
    expect(message(mapUpdate(fixtures.edited, context()))).toMatchObject({
      address: { platform: 'telegram', chatId: '501' },
      messageId: '41:e1732000100',
      text: 'edited text',
      attachments: [],
      edited: true,
    });
    // An edited command is not run again; an edit of a file's caption does not send the file again.
    const command = {
      ...fixtures.edited,
      edited_message: { ...fixtures.edited.edited_message, text: '/start' },
    };
    expect(mapUpdate(command, context()).route).toBe('ignore');
    const caption = {
      update_id: 1,
      edited_message: {
        ...fixtures.photo.message,
        caption: 'the second one',
        edit_date: 1_732_000_200,
      },
    };
    expect(message(mapUpdate(caption, context()))).toMatchObject({
      text: 'the second one',
      attachments: [],
      edited: true,
    });
  });

  it("maps an agent's edit in a topic to a reply that names the message it edits", () => {
    const edit = {
      update_id: 2,
      edited_message: {
        ...fixtures.deskReply.message,
        text: 'corrected',
        edit_date: 1_732_000_300,
      },
    };
    expect(agent(mapUpdate(edit, context()))).toMatchObject({
      type: 'reply',
      text: 'corrected',
      attachments: [],
      editOf: String(fixtures.deskReply.message.message_id),
      messageId: `${fixtures.deskReply.message.message_id}:e1732000300`,
    });
  });

  it('maps a button press to a choice keyed by the keyboard message', () => {
    const routed = mapUpdate(fixtures.callback, context());
    expect(routed).toMatchObject({
      route: 'choice',
      event: {
        type: 'choice',
        choiceId: 'f:not_solved',
        messageId: 'cb:60',
        address: { chatId: '501' },
      },
      callback: { id: '2150328745628731123', chatId: 501, messageId: 60 },
    });
  });

  it('answers but ignores a callback without a message (inline mode)', () => {
    expect(mapUpdate(fixtures.inlineCallback, context())).toMatchObject({
      route: 'ignore-callback',
      callbackId: '2150328745628731999',
    });
  });
});

describe('desk side (forum topics)', () => {
  it("maps an agent's text in a topic to a reply addressed by chat and topic id", () => {
    const event = agent(mapUpdate(fixtures.deskReply, context()));
    expect(event).toMatchObject({
      type: 'reply',
      desk: { platform: 'telegram', chatId: String(DESK_ID), threadId: '120' },
      agent: { userId: '901', displayName: 'Alice' },
      messageId: '301',
      text: 'Hi, I checked: the bank is processing it.',
      attachments: [],
    });
  });

  it('leaves isAgent false: the wiring decides it', () => {
    expect(agent(mapUpdate(fixtures.deskReply, context())).agent.isAgent).toBe(false);
  });

  it('maps /close@our_bot to the close command', () => {
    expect(agent(mapUpdate(fixtures.deskClose, context()))).toMatchObject({
      type: 'command',
      command: 'close',
      args: '',
    });
  });

  it('maps /note with its text as trimmed args', () => {
    expect(agent(mapUpdate(fixtures.deskNote, context()))).toMatchObject({
      command: 'note',
      args: 'asked the bank, ref 99812',
    });
  });

  it('ignores a command addressed to another bot', () => {
    expect(mapUpdate(fixtures.deskOtherBotCommand, context()).route).toBe('ignore');
  });

  it('ignores a command that is not a desk command (it is not relayed to the user)', () => {
    expect(mapUpdate(fixtures.deskUnknownCommand, context()).route).toBe('ignore');
  });

  it('ignores desk messages outside a topic', () => {
    expect(mapUpdate(fixtures.deskGeneral, context()).route).toBe('ignore');
  });

  /** A desk message like deskClose with other fields (text, thread, reply). */
  const deskMessage = (fields: Record<string, unknown>, drop: string[] = []) => {
    const base = fixtures.deskClose as { update_id: number; message: Record<string, unknown> };
    const msg: Record<string, unknown> = { ...base.message, ...fields };
    for (const key of drop) delete msg[key];
    return { ...base, message: msg } as unknown as typeof fixtures.deskClose;
  };
  const ben = { id: 905, is_bot: false, first_name: 'Ben', username: 'ben_agent' };

  it('maps our commands in the General topic to threadId "" (the core answers /queue there)', () => {
    const queue = deskMessage({ text: '/queue' }, ['message_thread_id', 'is_topic_message']);
    expect(agent(mapUpdate(queue, context()))).toMatchObject({
      type: 'command',
      command: 'queue',
      desk: { chatId: String(DESK_ID), threadId: '' },
    });
    const other = deskMessage({ text: '/dance' }, ['message_thread_id', 'is_topic_message']);
    expect(mapUpdate(other, context()).route).toBe('ignore');
  });

  it("carries the agent's @username", () => {
    expect(agent(mapUpdate(fixtures.deskClose, context())).agent.username).toBeDefined();
  });

  it('takes the author of the message a bare /transfer replies to as its target', () => {
    const reply = {
      message_id: 250,
      message_thread_id: 120,
      from: ben,
      chat: {},
      date: 1,
      text: 'hi',
    };
    const routed = mapUpdate(
      deskMessage({ text: '/transfer', reply_to_message: reply }),
      context(),
    );
    expect(routed).toMatchObject({ route: 'agent', targetId: 905 });
    expect(agent(routed)).toMatchObject({
      command: 'transfer',
      args: '',
      target: { userId: '905', displayName: 'Ben', username: 'ben_agent', isAgent: false },
    });
  });

  it("does not take the topic's own first message, a bot's message, or named args as a reply target", () => {
    const created = {
      message_id: 120,
      from: { id: 1, is_bot: true, first_name: 'Bot' },
      chat: {},
      date: 1,
      forum_topic_created: { name: 'x', icon_color: 0 },
    };
    const byBot = {
      message_id: 251,
      from: { id: 1, is_bot: true, first_name: 'Bot' },
      chat: {},
      date: 1,
    };
    const byBen = { message_id: 252, from: ben, chat: {}, date: 1, text: 'hi' };
    for (const [text, reply] of [
      ['/transfer', created],
      ['/transfer', byBot],
      ['/transfer @carol', byBen],
    ] as const) {
      const event = agent(mapUpdate(deskMessage({ text, reply_to_message: reply }), context()));
      expect(event.type === 'command' && event.target).toBeFalsy();
    }
  });

  it('ignores service messages in a topic', () => {
    expect(mapUpdate(fixtures.deskTopicClosed, context()).route).toBe('ignore');
  });

  it('ignores a sticker in a topic (nothing to relay)', () => {
    expect(mapUpdate(fixtures.deskSticker, context()).route).toBe('ignore');
  });

  it("maps an agent's photo to a reply with the caption and the largest size", async () => {
    const fetched: string[] = [];
    const event = agent(mapUpdate(fixtures.deskPhoto, context(fetched)));
    if (event.type !== 'reply') throw new Error('expected a reply');
    expect(event.text).toBe('This is how the form should look');
    await event.attachments[0]!.fetch();
    expect(fetched).toEqual(['AgACAgQAAxkBAAIBsmZ_large']);
  });

  it('takes a photo captioned /note … for an internal note, never a reply to the user', () => {
    const photo = fixtures.deskPhoto as { message: Record<string, unknown> };
    const captioned = {
      ...photo,
      message: { ...photo.message, caption: '/note looks like fraud, do not refund' },
    };
    expect(agent(mapUpdate(captioned as typeof fixtures.deskPhoto, context()))).toMatchObject({
      type: 'command',
      command: 'note',
      args: 'looks like fraud, do not refund',
    });
  });

  it('treats desk-chat messages as foreign when no desk is configured', () => {
    const { deskChatId: _none, ...noDesk } = context();
    expect(mapUpdate(fixtures.deskReply, noDesk).route).toBe('ignore');
  });
});

describe('largestPhoto', () => {
  it('prefers the biggest file even when it is not listed last', () => {
    const sizes = [
      { file_id: 'b', file_unique_id: 'b', width: 1280, height: 720, file_size: 90_000 },
      { file_id: 'a', file_unique_id: 'a', width: 90, height: 51, file_size: 1_000 },
    ];
    expect(largestPhoto(sizes).file_id).toBe('b');
  });
});
