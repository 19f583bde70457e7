import {
  ChannelType,
  PermissionFlagsBits,
  type APIInteraction,
  type GatewayMessageCreateDispatchData,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  mapInteraction,
  mapMessage,
  PANEL_CUSTOM_ID,
  type MapperContext,
} from '../../../src/adapters/discord/mapper.ts';
import {
  ADMIN_ROLE_ID,
  AGENT_ROLE_ID,
  agentSlashNote,
  agentThreadMessage,
  BOT_ID,
  DESK_ID,
  DM_ID,
  dmButtonPress,
  dmForward,
  dmWithAttachments,
  GUILD_ID,
  THREAD_ID,
} from './fixtures.ts';

const downloads: string[] = [];
const ctx = (extra: Partial<MapperContext> = {}): MapperContext => ({
  botUserId: BOT_ID,
  deskChannelId: DESK_ID,
  agentRoleId: AGENT_ROLE_ID,
  adminRoleIds: new Set([ADMIN_ROLE_ID]),
  download: async (url) => {
    downloads.push(url);
    return new Uint8Array([1, 2, 3]);
  },
  ...extra,
});
const inThread = { channel: { type: ChannelType.PublicThread, parentId: DESK_ID } };

describe('mapMessage: user DMs', () => {
  it('maps a DM to a user message event addressed to the DM channel', () => {
    const out = mapMessage(dmWithAttachments(), ctx());
    expect(out.route).toBe('user');
    if (out.route !== 'user') return;
    expect(out.event).toMatchObject({
      type: 'message',
      address: { platform: 'discord', chatId: DM_ID },
      user: {
        platform: 'discord',
        userId: '1300000000000000500',
        displayName: 'Alice',
        username: 'alice_w',
      },
      messageId: '1300000000000001000',
      text: 'my withdrawal has been pending for 3 days',
    });
    expect(out.event.unsupported).toBeUndefined();
  });

  it('maps an image attachment to a photo and a PDF to a document, with type, name and size', () => {
    const out = mapMessage(dmWithAttachments(), ctx());
    if (out.route !== 'user') throw new Error('expected a user event');
    expect(
      out.event.attachments.map(({ kind, mimeType, fileName, size }) => ({
        kind,
        mimeType,
        fileName,
        size,
      })),
    ).toEqual([
      { kind: 'photo', mimeType: 'image/png', fileName: 'screenshot.png', size: 48213 },
      { kind: 'document', mimeType: 'application/pdf', fileName: 'statement.pdf', size: 90211 },
    ]);
  });

  it('downloads an attachment from its URL only when fetch() is called', async () => {
    downloads.length = 0;
    const out = mapMessage(dmWithAttachments(), ctx());
    if (out.route !== 'user') throw new Error('expected a user event');
    expect(downloads).toEqual([]);
    const bytes = await out.event.attachments[0]!.fetch();
    expect([...bytes]).toEqual([1, 2, 3]);
    expect(downloads).toEqual([dmWithAttachments().attachments[0]!.url]);
  });

  it('passes any other file on as a document with its type, for the core to refuse', () => {
    const msg = dmWithAttachments();
    msg.attachments = [
      { ...msg.attachments[0]!, filename: 'notes.zip', content_type: 'application/zip' },
    ];
    const out = mapMessage(msg, ctx());
    if (out.route !== 'user') throw new Error('expected a user event');
    expect(out.event.attachments[0]).toMatchObject({
      kind: 'document',
      mimeType: 'application/zip',
    });
  });

  it('guesses the type of an attachment without content_type from its extension', () => {
    const msg = dmWithAttachments();
    delete (msg.attachments[0] as { content_type?: string }).content_type;
    const out = mapMessage(msg, ctx());
    if (out.route !== 'user') throw new Error('expected a user event');
    expect(out.event.attachments[0]).toMatchObject({ kind: 'photo', mimeType: 'image/png' });
  });

  it('marks a voice message as unsupported voice, with no attachment to download', () => {
    const msg = { ...dmWithAttachments(), content: '', flags: 8192 };
    msg.attachments = [
      { ...msg.attachments[0]!, filename: 'voice-message.ogg', content_type: 'audio/ogg' },
    ];
    const out = mapMessage(msg, ctx());
    if (out.route !== 'user') throw new Error('expected a user event');
    expect(out.event.unsupported).toBe('voice');
    expect(out.event.attachments).toEqual([]);
  });

  it.each([
    ['clip.mp4', 'video/mp4', 'video'],
    ['song.mp3', 'audio/mpeg', 'audio'],
  ])(
    'marks a DM with only %s as unsupported %s, with nothing to download',
    (filename, type, kind) => {
      const msg = { ...dmWithAttachments(), content: '' };
      msg.attachments = [{ ...msg.attachments[0]!, filename, content_type: type }];
      const out = mapMessage(msg, ctx());
      if (out.route !== 'user') throw new Error('expected a user event');
      expect([out.event.unsupported, out.event.attachments]).toEqual([kind, []]);
    },
  );

  it('marks a sticker-only message as unsupported sticker', () => {
    const msg = {
      ...dmWithAttachments(),
      content: '',
      attachments: [],
      sticker_items: [{ id: '1', name: 'wave', format_type: 1 }],
    };
    const out = mapMessage(msg as GatewayMessageCreateDispatchData, ctx());
    expect(out.route === 'user' && out.event.unsupported).toBe('sticker');
  });

  it('keeps text sent along with a sticker as a normal message', () => {
    const msg = {
      ...dmWithAttachments(),
      attachments: [],
      sticker_items: [{ id: '1', name: 'wave', format_type: 1 }],
    };
    const out = mapMessage(msg as GatewayMessageCreateDispatchData, ctx());
    expect(out.route === 'user' && out.event.unsupported).toBeUndefined();
  });

  it("reads a forwarded message's words, embeds and files from its snapshot, marked as forwarded", async () => {
    const out = mapMessage(dmForward(), ctx());
    if (out.route !== 'user') throw new Error('expected a user event');
    expect(out.event).toMatchObject({
      messageId: '1300000000000001100',
      // A rich embed's words follow the text; the link's preview says nothing more.
      text: [
        'Dear customer, verify your recovery phrase at wallet-verify.example now.',
        'Wallet Support Team',
        'Your wallet will be frozen in 24 hours.',
        'Case: WS-4471',
      ].join('\n'),
      // Discord does not say who wrote it.
      forwardedFrom: { name: 'Discord', hidden: true },
    });
    expect(out.event.unsupported).toBeUndefined();
    expect(out.event.attachments.map((a) => [a.kind, a.fileName])).toEqual([
      ['photo', 'screenshot.png'],
    ]);
    await out.event.attachments[0]!.fetch();
    expect(downloads.at(-1)).toMatch(/\/screenshot\.png\?/);
  });

  it('marks a forwarded voice message as unsupported voice, and a reply as no forward', () => {
    const voice = dmForward();
    const snapshot = voice.message_snapshots![0]!.message;
    Object.assign(snapshot, { content: '', embeds: [], flags: 8192 });
    const out = mapMessage(voice, ctx());
    expect(out.route === 'user' && [out.event.unsupported, out.event.forwardedFrom]).toEqual([
      'voice',
      { name: 'Discord', hidden: true },
    ]);
    const reply = {
      ...dmWithAttachments(),
      message_reference: { ...voice.message_reference!, type: 0 },
    };
    const mapped = mapMessage(reply, ctx());
    expect(mapped.route === 'user' && mapped.event.forwardedFrom).toBeUndefined();
  });

  it("ignores the bot's own messages", () => {
    const msg = dmWithAttachments();
    msg.author = { ...msg.author, id: BOT_ID, bot: true };
    expect(mapMessage(msg, ctx()).route).toBe('ignore');
  });

  it('ignores system messages such as a pin notice', () => {
    const msg = { ...dmWithAttachments(), type: 6 } as GatewayMessageCreateDispatchData;
    expect(mapMessage(msg, ctx()).route).toBe('ignore');
  });
});

describe('mapMessage: agents in case threads', () => {
  it("maps an agent's message in a desk thread to a reply addressed to that thread", () => {
    const out = mapMessage(agentThreadMessage(), ctx(inThread));
    expect(out.route).toBe('agent');
    if (out.route !== 'agent') return;
    expect(out.event).toMatchObject({
      type: 'reply',
      text: 'Hello, I am checking your withdrawal now.',
      desk: { platform: 'discord', chatId: DESK_ID, threadId: THREAD_ID },
      agent: { userId: '1300000000000000600', displayName: 'Ana (support)', isAgent: true },
      messageId: '1300000000000002000',
    });
  });

  it('marks a member without the agent role as not an agent', () => {
    const msg = agentThreadMessage();
    msg.member = { ...msg.member!, roles: [] };
    const out = mapMessage(msg, ctx(inThread));
    expect(out.route === 'agent' && out.event.agent.isAgent).toBe(false);
  });

  it('counts a member with an Administrator role as an agent', () => {
    const msg = agentThreadMessage();
    msg.member = { ...msg.member!, roles: [ADMIN_ROLE_ID] };
    const out = mapMessage(msg, ctx(inThread));
    expect(out.route === 'agent' && out.event.agent.isAgent).toBe(true);
  });

  it('counts the server owner as an agent', () => {
    const msg = agentThreadMessage();
    msg.member = { ...msg.member!, roles: [] };
    const out = mapMessage(msg, ctx({ ...inThread, guildOwnerId: msg.author.id }));
    expect(out.route === 'agent' && out.event.agent.isAgent).toBe(true);
  });

  it("maps an agent's files to attachments of the reply", () => {
    const msg = agentThreadMessage();
    msg.attachments = dmWithAttachments().attachments.slice(0, 1);
    const out = mapMessage(msg, ctx(inThread));
    expect(
      out.route === 'agent' &&
        out.event.type === 'reply' &&
        out.event.attachments.map((a) => a.fileName),
    ).toEqual(['screenshot.png']);
  });

  it('maps a typed "/note text" to the note command instead of relaying it', () => {
    const msg = { ...agentThreadMessage(), content: '/note  called the bank ' };
    const out = mapMessage(msg, ctx(inThread));
    expect(out.route === 'agent' && out.event).toMatchObject({
      type: 'command',
      command: 'note',
      args: 'called the bank',
    });
  });

  it('takes "/note …" with a file for an internal note, never a reply to the user', () => {
    const msg = { ...agentThreadMessage(), content: '/note looks like fraud, do not refund' };
    msg.attachments = dmWithAttachments().attachments.slice(0, 1);
    const out = mapMessage(msg, ctx(inThread));
    expect(out.route === 'agent' && out.event).toMatchObject({
      type: 'command',
      command: 'note',
      args: 'looks like fraud, do not refund',
    });
  });

  it('does not relay another bot command typed in a case thread to the user', () => {
    const msg = { ...agentThreadMessage(), content: '/help me' };
    expect(mapMessage(msg, ctx(inThread)).route).toBe('ignore');
  });

  it('ignores messages in a thread of another channel', () => {
    const out = mapMessage(
      agentThreadMessage(),
      ctx({ channel: { type: ChannelType.PublicThread, parentId: '999' } }),
    );
    expect(out).toMatchObject({ route: 'ignore', reason: 'not a case thread' });
  });

  it('ignores messages in the desk channel itself', () => {
    const msg = { ...agentThreadMessage(), channel_id: DESK_ID };
    expect(
      mapMessage(msg, ctx({ channel: { type: ChannelType.GuildText, parentId: null } })).route,
    ).toBe('ignore');
  });

  it('ignores guild messages when no desk is configured', () => {
    const { deskChannelId: _d, ...noDesk } = ctx(inThread);
    expect(mapMessage(agentThreadMessage(), noDesk).route).toBe('ignore');
  });
});

describe('mapInteraction', () => {
  it('maps a button press in DMs to a choice with the custom_id as choiceId', () => {
    const out = mapInteraction(dmButtonPress(), ctx());
    expect(out.route).toBe('choice');
    if (out.route !== 'choice') return;
    expect(out.event).toMatchObject({
      type: 'choice',
      choiceId: 'sh:not_solved',
      address: { platform: 'discord', chatId: DM_ID },
      user: { userId: '1300000000000000500', languageCode: 'zh-CN' },
    });
    expect(out.pressedMessageId).toBe('1300000000000002500');
  });

  it('gives two presses on the same button set the same messageId, so the core handles one', () => {
    const first = mapInteraction(dmButtonPress(), ctx());
    const second = mapInteraction(
      {
        ...dmButtonPress(),
        id: '1300000000000003001',
        data: { custom_id: 'sh:solved', component_type: 2 },
      } as APIInteraction,
      ctx(),
    );
    expect(first.route === 'choice' && second.route === 'choice').toBe(true);
    if (first.route !== 'choice' || second.route !== 'choice') return;
    expect(second.event.messageId).toBe(first.event.messageId);
  });

  it('maps /status in DMs to a user command', () => {
    const i = {
      ...dmButtonPress(),
      type: 2,
      data: { id: '1', name: 'status', type: 1 },
    } as unknown as APIInteraction;
    const out = mapInteraction(i, ctx());
    expect(out.route === 'user-command' && out.event).toMatchObject({
      type: 'command',
      command: 'status',
      messageId: i.id,
    });
  });

  it('maps /note in a case thread to an agent command with its text', () => {
    const out = mapInteraction(agentSlashNote(), ctx());
    expect(out.route).toBe('agent-command');
    if (out.route !== 'agent-command') return;
    expect(out.event).toMatchObject({
      type: 'command',
      command: 'note',
      args: 'called the bank, waiting',
      desk: { chatId: DESK_ID, threadId: THREAD_ID },
      agent: { userId: '1300000000000000600', displayName: 'Ana', isAgent: true },
    });
  });

  it('marks a slash command by a member without the agent role as not an agent', () => {
    const i = agentSlashNote() as APIInteraction & { member: { roles: string[] } };
    i.member.roles = [];
    const out = mapInteraction(i, ctx());
    expect(out.route === 'agent-command' && out.event.agent.isAgent).toBe(false);
  });

  it('counts Administrator in the interaction permissions as an agent', () => {
    const i = agentSlashNote() as APIInteraction & {
      member: { roles: string[]; permissions: string };
    };
    i.member.roles = [];
    i.member.permissions = PermissionFlagsBits.Administrator.toString();
    const out = mapInteraction(i, ctx());
    expect(out.route === 'agent-command' && out.event.agent.isAgent).toBe(true);
  });

  it('maps the panel button in the support channel to open-panel with the locale', () => {
    const note = agentSlashNote() as unknown as Record<string, unknown>;
    const i = {
      ...note,
      type: 3,
      locale: 'zh-TW',
      data: { custom_id: PANEL_CUSTOM_ID, component_type: 2 },
      message:
        dmButtonPress().type === 3 ? (dmButtonPress() as { message: unknown }).message : undefined,
      channel: { id: '77', type: 0, guild_id: GUILD_ID },
      channel_id: '77',
    } as unknown as APIInteraction;
    const out = mapInteraction(i, ctx());
    expect(out).toMatchObject({
      route: 'open-panel',
      locale: 'zh-TW',
      user: { userId: '1300000000000000600' },
    });
  });

  /** A slash command in the case thread: `/name` with options (and resolved data). */
  const slash = (name: string, options: unknown[] = [], resolved?: unknown): APIInteraction => {
    const i = agentSlashNote() as unknown as { data: Record<string, unknown> };
    i.data = { ...i.data, name, options, ...(resolved ? { resolved } : {}) };
    return i as unknown as APIInteraction;
  };
  const member = (roles: string[], permissions = '0') => ({
    roles,
    permissions,
    nick: null,
    joined_at: '2025-01-01T00:00:00.000000+00:00',
    flags: 0,
    pending: false,
  });
  const ben = { id: '1300000000000000700', username: 'ben.agent', global_name: 'Ben' };

  it('maps /transfer agent: to a target identity from the resolved member', () => {
    const out = mapInteraction(
      slash('transfer', [{ name: 'agent', type: 6, value: ben.id }], {
        users: { [ben.id]: ben },
        members: { [ben.id]: member([AGENT_ROLE_ID]) },
      }),
      ctx(),
    );
    expect(out.route === 'agent-command' && out.event).toMatchObject({
      command: 'transfer',
      args: '',
      target: {
        platform: 'discord',
        userId: ben.id,
        displayName: 'Ben',
        username: 'ben.agent',
        isAgent: true,
      },
    });
  });

  it('names no target for someone who is not an agent (the core then refuses the id)', () => {
    const out = mapInteraction(
      slash('transfer', [{ name: 'agent', type: 6, value: ben.id }], {
        users: { [ben.id]: ben },
        members: { [ben.id]: member([]) },
      }),
      ctx(),
    );
    expect(out.route === 'agent-command' && out.event).toMatchObject({ args: ben.id });
    expect(out.route === 'agent-command' && out.event.target).toBeUndefined();
  });

  it('marks SENIOR_ROLE_ID members as seniors, and as agents without the agent role', () => {
    const i = agentSlashNote() as APIInteraction & { member: { roles: string[] } };
    i.member.roles = ['1300000000000000099'];
    const out = mapInteraction(i, ctx({ seniorRoleId: '1300000000000000099' }));
    expect(out.route === 'agent-command' && out.event.agent).toMatchObject({
      isAgent: true,
      isSenior: true,
    });
  });

  it('reads each command its own option: /escalate reason:, /snippet name:', () => {
    const escalate = mapInteraction(
      slash('escalate', [{ name: 'reason', type: 3, value: ' legal threat ' }]),
      ctx(),
    );
    const snippet = mapInteraction(
      slash('snippet', [{ name: 'name', type: 3, value: 'checking' }]),
      ctx(),
    );
    expect([escalate, snippet].map((o) => o.route === 'agent-command' && o.event.args)).toEqual([
      'legal threat',
      'checking',
    ]);
  });

  it('maps a command in the desk channel itself to no case (threadId "")', () => {
    const i = slash('queue') as unknown as Record<string, unknown>;
    i['channel_id'] = DESK_ID;
    i['channel'] = { id: DESK_ID, type: 0, guild_id: GUILD_ID, parent_id: '1300000000000000042' };
    const out = mapInteraction(i as unknown as APIInteraction, ctx());
    expect(out.route === 'agent-command' && out.event.desk).toEqual({
      platform: 'discord',
      chatId: DESK_ID,
      threadId: '',
    });
  });

  it('ignores a user command name used in a guild', () => {
    const i = agentSlashNote() as unknown as { data: { name: string } };
    i.data.name = 'help';
    expect(mapInteraction(i as unknown as APIInteraction, ctx()).route).toBe('ignore');
  });
});
