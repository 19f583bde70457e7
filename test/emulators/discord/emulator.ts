/**
 * A local stand-in for Discord: REST over node:http and the gateway over WebSocket (ws), on
 * 127.0.0.1 and a random port, so the real discord.js client runs in tests. The control API
 * injects what users and agents do (DMs, thread messages, button presses, slash commands), records
 * what the bot does (every message, edit, thread change, interaction response), and scripts faults
 * (429 with retry_after, 5xx, closed DMs → 50007, deleted thread → 10003, a bad token → 401, a
 * dropped gateway connection).
 * @see https://discord.com/developers/docs/reference
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApplicationCommandOptionType,
  ChannelType,
  ComponentType,
  InteractionType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { EmulatedGateway } from './gateway.ts';
import {
  now,
  type CreatedMessage,
  type EmuAttachment,
  type EmuChannel,
  type EmuInteraction,
  type EmuMember,
  type EmuMessage,
  type EmuRole,
  type EmuSnapshot,
  type EmuUser,
  type MessageEdit,
  type RequestRecord,
} from './model.ts';
import { channelPermissions, isThreadType, type OverwriteLike } from './permissions.ts';
import { handleRest } from './rest.ts';
import { SnowflakeFactory } from './snowflake.ts';

export interface EmulatorOptions {
  /** The token the bot must present (`Authorization: Bot <token>`); anything else answers 401. */
  token?: string;
  heartbeatIntervalMs?: number;
  /** Discord refuses an interaction's first response after 3 s (10062 Unknown interaction). */
  interactionAckDeadlineMs?: number;
  /** Permissions of the bot's managed role in the guild. */
  botPermissions?: bigint;
  /** Listen on this port (default: a free one), e.g. where a bot is already trying to connect. */
  port?: number;
}

export interface FileInput {
  fileName: string;
  contentType?: string;
  bytes: Uint8Array;
}

export interface FaultMatch {
  method?: string;
  /** Tested against the path after the API version prefix, e.g. `/channels/123/messages`. */
  path?: RegExp;
}

interface RateLimitFault {
  remaining: number;
  retryAfterSec: number;
  global: boolean;
  match: FaultMatch;
}

interface ServerErrorFault {
  remaining: number;
  status: number;
  match: FaultMatch;
}

export const DEFAULT_BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.CreatePrivateThreads |
  PermissionFlagsBits.ManageThreads |
  PermissionFlagsBits.ManageMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

export class DiscordEmulator {
  readonly ids = new SnowflakeFactory();
  readonly token: string;
  readonly bot: EmuUser;
  readonly applicationId: string;
  readonly guildId: string;
  readonly ownerId: string;
  /** Role every bot-managed permission hangs on. */
  readonly botRoleId: string;
  readonly interactionAckDeadlineMs: number;

  // ── state ──
  readonly users = new Map<string, EmuUser>();
  readonly roles = new Map<string, EmuRole>();
  readonly members = new Map<string, EmuMember>();
  readonly channels = new Map<string, EmuChannel>();
  readonly threadMembers = new Map<string, Set<string>>();
  readonly channelMessages = new Map<string, EmuMessage[]>();
  readonly files = new Map<string, { bytes: Buffer; contentType: string | undefined }>();
  readonly pins = new Map<string, string[]>();
  readonly interactions = new Map<string, EmuInteraction>();
  readonly commands = {
    global: [] as Array<Record<string, unknown>>,
    guild: new Map<string, Array<Record<string, unknown>>>(),
  };
  readonly closedDms = new Set<string>();
  readonly deletedChannels = new Set<string>();

  // ── records ──
  /** Every message the bot created, in order, deleted ones included. */
  readonly created: CreatedMessage[] = [];
  readonly edits: MessageEdit[] = [];
  readonly channelEdits: Array<{ channelId: string; body: Record<string, unknown> }> = [];
  readonly reactions: Array<{ channelId: string; messageId: string; emoji: string }> = [];
  readonly requests: RequestRecord[] = [];

  // ── faults ──
  readonly rateLimits: RateLimitFault[] = [];
  readonly serverErrors: ServerErrorFault[] = [];

  private server: Server | undefined;
  private gatewayImpl: EmulatedGateway | undefined;
  private port: number;
  private readonly options: Required<Pick<EmulatorOptions, 'heartbeatIntervalMs'>>;

  constructor(options: EmulatorOptions = {}) {
    this.token = options.token ?? 'emulator.bot.token-0000000000000000000000';
    this.options = { heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250 };
    this.port = options.port ?? 0;
    this.interactionAckDeadlineMs = options.interactionAckDeadlineMs ?? 3_000;
    this.applicationId = this.ids.next();
    this.bot = {
      id: this.applicationId,
      username: 'support-bot',
      global_name: null,
      discriminator: '0',
      avatar: null,
      bot: true,
    };
    this.users.set(this.bot.id, this.bot);
    this.guildId = this.ids.next();
    const owner = this.addUser({ username: 'owner' });
    this.ownerId = owner.id;
    this.roles.set(this.guildId, role(this.guildId, '@everyone', MEMBER_PERMISSIONS, 0, false));
    this.botRoleId = this.ids.next();
    this.roles.set(
      this.botRoleId,
      role(
        this.botRoleId,
        'support-bot',
        options.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
        1,
        true,
      ),
    );
    this.members.set(owner.id, member(owner, []));
    this.members.set(this.bot.id, member(this.bot, [this.botRoleId]));
  }

  /** Starts REST and the gateway on 127.0.0.1 and a random port. */
  static async start(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
    const emu = new DiscordEmulator(options);
    await emu.listen();
    return emu;
  }

  private async listen(): Promise<void> {
    const server = createServer((req, res) => void handleRest(this, req, res));
    this.server = server;
    this.gatewayImpl = new EmulatedGateway(
      server,
      {
        token: () => this.token,
        ready: () => ({
          user: this.bot,
          application: { id: this.applicationId, flags: 0 },
          guilds: [{ id: this.guildId, unavailable: true as const }],
        }),
        guildCreates: () => [this.guildPayload()],
      },
      { heartbeatIntervalMs: this.options.heartbeatIntervalMs, url: () => this.gatewayUrl },
    );
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await this.gatewayImpl?.close();
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /** What to pass as discord.js `rest.api` (it appends `/v10`). */
  get apiRoot(): string {
    return `${this.origin}/api`;
  }
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }
  get gateway(): EmulatedGateway {
    if (!this.gatewayImpl) throw new Error('emulator not started');
    return this.gatewayImpl;
  }

  // ── setup ──────────────────────────────────────────────────────────────────────────────────

  addUser(input: { username: string; globalName?: string; locale?: string }): EmuUser {
    const user: EmuUser = {
      id: this.ids.next(),
      username: input.username,
      global_name: input.globalName ?? null,
      discriminator: '0',
      avatar: null,
    };
    if (input.locale) user.locale = input.locale;
    this.users.set(user.id, user);
    return user;
  }

  /** A server role; `mentionable` lets anyone ping it ("Allow anyone to @mention this role"). */
  addRole(
    name: string,
    permissions: bigint = 0n,
    options: { mentionable?: boolean } = {},
  ): EmuRole {
    const r = role(
      this.ids.next(),
      name,
      permissions,
      this.roles.size,
      false,
      options.mentionable ?? false,
    );
    this.roles.set(r.id, r);
    this.dispatch('GUILD_ROLE_CREATE', { guild_id: this.guildId, role: r });
    return r;
  }

  /** A guild member (a user who is in the server), with roles. */
  addMember(input: {
    username: string;
    globalName?: string;
    nick?: string;
    roles?: string[];
    locale?: string;
  }): EmuUser {
    const user = this.addUser(input);
    const m = member(user, input.roles ?? []);
    if (input.nick) m.nick = input.nick;
    this.members.set(user.id, m);
    this.dispatch('GUILD_MEMBER_ADD', { ...m, guild_id: this.guildId });
    return user;
  }

  addTextChannel(name: string, overwrites: OverwriteLike[] = []): EmuChannel {
    return this.addGuildChannel(ChannelType.GuildText, name, overwrites);
  }

  addForumChannel(name: string, overwrites: OverwriteLike[] = []): EmuChannel {
    const ch = this.addGuildChannel(ChannelType.GuildForum, name, overwrites);
    ch.available_tags = [];
    return ch;
  }

  /** Overwrites for a channel only `roleId` (and the bot) can see. */
  privateTo(roleId: string): OverwriteLike[] {
    const view = PermissionFlagsBits.ViewChannel.toString();
    return [
      { id: this.guildId, type: 0, allow: '0', deny: view },
      { id: roleId, type: 0, allow: view, deny: '0' },
      { id: this.botRoleId, type: 0, allow: view, deny: '0' },
    ];
  }

  private addGuildChannel(type: number, name: string, overwrites: OverwriteLike[]): EmuChannel {
    const ch: EmuChannel = {
      id: this.ids.next(),
      type,
      guild_id: this.guildId,
      name,
      parent_id: null,
      position: this.channels.size,
      permission_overwrites: overwrites,
      last_message_id: null,
      flags: 0,
      topic: null,
      nsfw: false,
      rate_limit_per_user: 0,
    };
    this.channels.set(ch.id, ch);
    this.dispatch('CHANNEL_CREATE', ch);
    return ch;
  }

  // ── what users and agents do ──────────────────────────────────────────────────────────────

  /** The DM channel between the bot and a user, created on first use as Discord does. */
  dmChannel(userId: string): EmuChannel {
    for (const ch of this.channels.values()) {
      if (ch.type === ChannelType.DM && ch.recipients?.some((u) => u.id === userId)) return ch;
    }
    const user = this.requireUser(userId);
    const ch: EmuChannel = {
      id: this.ids.next(),
      type: ChannelType.DM,
      recipients: [user],
      last_message_id: null,
      flags: 0,
    };
    this.channels.set(ch.id, ch);
    return ch;
  }

  /** A user writes to the bot in DMs (MESSAGE_CREATE with `channel_type: 1`, no guild). */
  userSendsDm(
    userId: string,
    input: { content?: string; files?: FileInput[]; stickers?: string[]; flags?: number },
  ): EmuMessage {
    const ch = this.dmChannel(userId);
    const msg = this.storeMessage(ch, this.requireUser(userId), {
      content: input.content ?? '',
      attachments: (input.files ?? []).map((f) => this.storeFile(ch.id, f)),
      flags: input.flags ?? 0,
    });
    if (input.stickers)
      msg.sticker_items = input.stickers.map((name) => ({
        id: this.ids.next(),
        name,
        format_type: 1,
      }));
    this.dispatch('MESSAGE_CREATE', { ...msg, channel_type: ChannelType.DM });
    return msg;
  }

  /**
   * A user forwards a message to the bot's DMs. Discord sends a message of its own with no content
   * and no files, a `message_reference` of type 1 (FORWARD) naming the original, the HAS_SNAPSHOT
   * flag (1 << 14), and the original's words, files and embeds in `message_snapshots[0].message`
   * — without its author. The original is a message in another DM or server (`from`; made up when
   * not given) the bot usually cannot read.
   * @see https://discord.com/developers/docs/resources/message#message-reference-types
   * @see https://discord.com/developers/docs/resources/message#message-snapshot-object
   */
  userForwardsDm(
    userId: string,
    input: {
      content?: string;
      files?: FileInput[];
      embeds?: unknown[];
      from?: { channelId: string; messageId: string; guildId?: string };
    },
  ): EmuMessage {
    const ch = this.dmChannel(userId);
    const from = input.from ?? { channelId: this.ids.next(), messageId: this.ids.next() };
    const snapshot: EmuSnapshot = {
      content: input.content ?? '',
      embeds: input.embeds ?? [],
      attachments: (input.files ?? []).map((f) => this.storeFile(ch.id, f)),
      components: [],
      timestamp: now(),
      edited_timestamp: null,
      flags: 0,
      type: 0,
      mentions: [],
      mention_roles: [],
    };
    const msg = this.storeMessage(ch, this.requireUser(userId), {
      content: '',
      attachments: [],
      flags: MessageFlags.HasSnapshot,
      message_reference: {
        type: 1,
        channel_id: from.channelId,
        message_id: from.messageId,
        ...(from.guildId ? { guild_id: from.guildId } : {}),
      },
      message_snapshots: [{ message: snapshot }],
    });
    this.dispatch('MESSAGE_CREATE', { ...msg, channel_type: ChannelType.DM });
    return msg;
  }

  /** A guild member writes in a channel or thread (MESSAGE_CREATE with `guild_id` and `member`). */
  memberSays(
    userId: string,
    channelId: string,
    input: { content?: string; files?: FileInput[] },
  ): EmuMessage {
    const ch = this.requireChannel(channelId);
    const m = this.members.get(userId);
    if (!m) throw new Error(`user ${userId} is not a member`);
    if (ch.thread_metadata?.archived) {
      if (ch.thread_metadata.locked) throw new Error('thread is archived and locked');
      this.patchThread(ch, { archived: false });
    }
    const msg = this.storeMessage(ch, m.user, {
      content: input.content ?? '',
      attachments: (input.files ?? []).map((f) => this.storeFile(ch.id, f)),
      flags: 0,
    });
    const { user: _user, ...partialMember } = m;
    msg.member = partialMember;
    this.dispatch('MESSAGE_CREATE', { ...msg, channel_type: ch.type });
    return msg;
  }

  /**
   * Its author edits a message they wrote (a user's DM, or a member's message in a channel or
   * thread): new `content`, a later `edited_timestamp`, and MESSAGE_UPDATE with the whole message.
   * @see https://discord.com/developers/docs/events/gateway-events#message-update
   */
  authorEdits(messageId: string, content: string): EmuMessage {
    const msg = this.findMessage(messageId);
    if (!msg) throw new Error(`unknown message ${messageId}`);
    const ch = this.requireChannel(msg.channel_id);
    const last = msg.edited_timestamp ? Date.parse(msg.edited_timestamp) : 0;
    msg.content = content;
    msg.edited_timestamp = new Date(Math.max(Date.now(), last + 1)).toISOString();
    this.dispatch('MESSAGE_UPDATE', { ...msg, channel_type: ch.type });
    return msg;
  }

  /** Someone presses a button on a message (INTERACTION_CREATE, type MESSAGE_COMPONENT). */
  pressButton(userId: string, messageId: string, customId: string): EmuInteraction {
    const msg = this.findMessage(messageId);
    if (!msg) throw new Error(`unknown message ${messageId}`);
    const ch = this.requireChannel(msg.channel_id);
    return this.createInteraction(userId, ch, {
      type: InteractionType.MessageComponent,
      data: { custom_id: customId, component_type: ComponentType.Button },
      message: msg,
    });
  }

  /**
   * Someone runs a slash command (INTERACTION_CREATE, type APPLICATION_COMMAND, chat input). Option
   * values are given as typed: a USER option's value is the user's id, and the interaction carries
   * that user (and their member, with permissions, when they are in the server) in
   * `data.resolved`, as Discord sends it. For a registered command, the options are checked as a
   * Discord client does before sending: known names, required ones present, values among the
   * choices.
   * @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-resolved-data-structure
   */
  slashCommand(
    userId: string,
    channelId: string,
    name: string,
    options: Record<string, string | number | boolean> = {},
  ): EmuInteraction {
    const ch = this.requireChannel(channelId);
    const registered =
      (ch.guild_id ? this.commands.guild.get(ch.guild_id) : undefined)?.find(
        (c) => c['name'] === name,
      ) ?? this.commands.global.find((c) => c['name'] === name);
    const data: Record<string, unknown> = {
      id: (registered?.['id'] as string | undefined) ?? this.ids.next(),
      name,
      type: 1,
    };
    const defined = registered?.['options'] as CommandOption[] | undefined;
    if (registered) checkOptions(name, defined ?? [], options);
    const resolved: { users?: Record<string, unknown>; members?: Record<string, unknown> } = {};
    const opts = Object.entries(options).map(([n, value]) => {
      const type = defined?.find((o) => o.name === n)?.type ?? 3;
      if (type === ApplicationCommandOptionType.User) {
        const user = this.requireUser(String(value));
        (resolved.users ??= {})[user.id] = user;
        const m = this.members.get(user.id);
        if (m && ch.guild_id) {
          const { user: _u, ...partial } = m;
          (resolved.members ??= {})[user.id] = {
            ...partial,
            permissions: this.permissionsOf(user.id, ch).toString(),
          };
        }
        return { name: n, type, value: user.id };
      }
      return { name: n, type, value };
    });
    if (opts.length) data['options'] = opts;
    if (resolved.users) data['resolved'] = resolved;
    if (ch.guild_id) data['guild_id'] = ch.guild_id;
    return this.createInteraction(userId, ch, { type: InteractionType.ApplicationCommand, data });
  }

  private createInteraction(
    userId: string,
    ch: EmuChannel,
    extra: Record<string, unknown>,
  ): EmuInteraction {
    const user = this.requireUser(userId);
    const payload: Record<string, unknown> = {
      id: this.ids.next(),
      application_id: this.applicationId,
      token: `itoken-${this.ids.next()}`,
      version: 1,
      channel_id: ch.id,
      channel: this.channelPayload(ch),
      locale: user.locale ?? 'en-US',
      app_permissions: this.permissionsOf(this.bot.id, ch).toString(),
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
      ...extra,
    };
    if (ch.guild_id) {
      const m = this.members.get(userId);
      if (!m) throw new Error(`user ${userId} is not a member`);
      payload['guild_id'] = ch.guild_id;
      payload['guild_locale'] = 'en-US';
      payload['member'] = { ...m, permissions: this.permissionsOf(userId, ch).toString() };
      payload['authorizing_integration_owners'] = { '0': ch.guild_id };
      payload['context'] = 0;
    } else {
      payload['user'] = user;
      payload['authorizing_integration_owners'] = { '0': this.guildId };
      payload['context'] = 1;
    }
    const interaction: EmuInteraction = {
      id: payload['id'] as string,
      token: payload['token'] as string,
      payload,
      createdAt: Date.now(),
      callbacks: [],
      original: undefined,
      originalDeleted: false,
      followups: [],
    };
    this.interactions.set(interaction.id, interaction);
    this.dispatch('INTERACTION_CREATE', payload);
    return interaction;
  }

  // ── faults ─────────────────────────────────────────────────────────────────────────────────

  /** The next `count` matching REST calls answer 429 with `retry_after` (and the Retry-After header). */
  rateLimitNext(
    count: number,
    options: { retryAfterSec?: number; global?: boolean; match?: FaultMatch } = {},
  ): void {
    this.rateLimits.push({
      remaining: count,
      retryAfterSec: options.retryAfterSec ?? 0.05,
      global: options.global ?? false,
      match: options.match ?? {},
    });
  }

  /** The next `count` matching REST calls answer a 5xx. */
  failNext(count: number, options: { status?: number; match?: FaultMatch } = {}): void {
    this.serverErrors.push({
      remaining: count,
      status: options.status ?? 500,
      match: options.match ?? {},
    });
  }

  /** The user closed DMs (or blocked the bot): messages to them answer 403 / 50007. */
  closeDms(userId: string): void {
    this.closedDms.add(userId);
  }

  /** Someone deleted a thread: THREAD_DELETE, and every later call on it answers 404 / 10003. */
  deleteChannel(channelId: string): void {
    const ch = this.requireChannel(channelId);
    this.channels.delete(channelId);
    this.deletedChannels.add(channelId);
    if (isThreadType(ch.type)) {
      this.dispatch('THREAD_DELETE', {
        id: ch.id,
        guild_id: ch.guild_id,
        parent_id: ch.parent_id,
        type: ch.type,
      });
    } else {
      this.dispatch('CHANNEL_DELETE', ch);
    }
  }

  /** Archives (and optionally locks) a thread as Discord's inactivity timer or a moderator would. */
  archiveThread(threadId: string, locked = false): void {
    this.patchThread(this.requireChannel(threadId), { archived: true, locked });
  }

  /** Drops the gateway connection; see EmulatedGateway.drop for the codes. */
  dropGateway(code?: number): void {
    this.gateway.drop(code);
  }

  // ── inspection ─────────────────────────────────────────────────────────────────────────────

  /** Messages the bot created in a channel (deleted ones excluded). */
  botMessagesIn(channelId: string): EmuMessage[] {
    return this.created
      .filter((c) => c.message.channel_id === channelId && !c.deleted)
      .map((c) => c.message);
  }

  /** The bot's messages in a user's DM channel. */
  dmsTo(userId: string): EmuMessage[] {
    return this.botMessagesIn(this.dmChannel(userId).id);
  }

  threadsOf(parentId: string): EmuChannel[] {
    return [...this.channels.values()].filter(
      (c) => c.parent_id === parentId && isThreadType(c.type),
    );
  }

  findMessage(messageId: string): EmuMessage | undefined {
    for (const list of this.channelMessages.values()) {
      const m = list.find((x) => x.id === messageId);
      if (m) return m;
    }
    return undefined;
  }

  createdRecord(messageId: string): CreatedMessage | undefined {
    return this.created.find((c) => c.message.id === messageId);
  }

  /** Whether a user could read a channel or thread in a Discord client. */
  canView(userId: string, channelId: string): boolean {
    const ch = this.channels.get(channelId);
    if (!ch) return false;
    if (ch.type === ChannelType.DM) return ch.recipients?.some((u) => u.id === userId) ?? false;
    if (isThreadType(ch.type)) {
      const parent = this.channels.get(ch.parent_id ?? '');
      if (!parent) return false;
      const perms = this.permissionsOf(userId, parent);
      if (!(perms & PermissionFlagsBits.ViewChannel)) return false;
      if (ch.type === ChannelType.PrivateThread) {
        return (
          (this.threadMembers.get(ch.id)?.has(userId) ?? false) ||
          (perms & PermissionFlagsBits.ManageThreads) !== 0n
        );
      }
      return true;
    }
    return (this.permissionsOf(userId, ch) & PermissionFlagsBits.ViewChannel) !== 0n;
  }

  /** Resolves after `predicate` holds (checked every 10 ms), or throws after `timeoutMs`. */
  async waitFor<T>(
    predicate: () => T | undefined | false | null,
    timeoutMs = 5_000,
    what = 'condition',
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`emulator: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  // ── internals shared with rest.ts ──────────────────────────────────────────────────────────

  dispatch(t: string, d: unknown): void {
    this.gatewayImpl?.dispatch(t, d);
  }

  requireUser(userId: string): EmuUser {
    const user = this.users.get(userId);
    if (!user) throw new Error(`unknown user ${userId}`);
    return user;
  }

  requireChannel(channelId: string): EmuChannel {
    const ch = this.channels.get(channelId);
    if (!ch) throw new Error(`unknown channel ${channelId}`);
    return ch;
  }

  permissionsOf(userId: string, ch: EmuChannel): bigint {
    const target = isThreadType(ch.type) ? this.channels.get(ch.parent_id ?? '') : ch;
    if (!target?.guild_id) return 0n;
    const m = this.members.get(userId);
    if (!m) return 0n;
    return channelPermissions({
      guildId: this.guildId,
      ownerId: this.ownerId,
      roles: this.roles,
      userId,
      memberRoles: m.roles,
      overwrites: target.permission_overwrites ?? [],
    });
  }

  storeFile(channelId: string, file: FileInput): EmuAttachment {
    const id = this.ids.next();
    const path = `/attachments/${channelId}/${id}/${encodeURIComponent(file.fileName)}`;
    this.files.set(path, { bytes: Buffer.from(file.bytes), contentType: file.contentType });
    const att: EmuAttachment = {
      id,
      filename: file.fileName,
      size: file.bytes.byteLength,
      url: `${this.origin}${path}?ex=expiring`,
      proxy_url: `${this.origin}${path}?ex=expiring`,
    };
    if (file.contentType) att.content_type = file.contentType;
    return att;
  }

  storeMessage(
    ch: EmuChannel,
    author: EmuUser,
    fields: Partial<EmuMessage> & Pick<EmuMessage, 'content' | 'attachments' | 'flags'>,
    id: string = this.ids.next(),
  ): EmuMessage {
    const msg: EmuMessage = {
      id,
      channel_id: ch.id,
      author,
      embeds: [],
      components: [],
      timestamp: now(),
      edited_timestamp: null,
      type: 0,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      ...fields,
    };
    if (ch.guild_id) msg.guild_id = ch.guild_id;
    const list = this.channelMessages.get(ch.id) ?? [];
    list.push(msg);
    this.channelMessages.set(ch.id, list);
    ch.last_message_id = msg.id;
    if (isThreadType(ch.type)) {
      ch.message_count = (ch.message_count ?? 0) + 1;
      ch.total_message_sent = (ch.total_message_sent ?? 0) + 1;
    }
    return msg;
  }

  patchThread(
    ch: EmuChannel,
    patch: { archived?: boolean; locked?: boolean; name?: string; auto_archive_duration?: number },
  ): void {
    if (!ch.thread_metadata) throw new Error('not a thread');
    if (patch.name !== undefined) ch.name = patch.name;
    if (patch.archived !== undefined) {
      ch.thread_metadata.archived = patch.archived;
      ch.thread_metadata.archive_timestamp = now();
    }
    if (patch.locked !== undefined) ch.thread_metadata.locked = patch.locked;
    if (patch.auto_archive_duration !== undefined)
      ch.thread_metadata.auto_archive_duration = patch.auto_archive_duration;
    this.dispatch('THREAD_UPDATE', this.channelPayload(ch));
  }

  channelPayload(ch: EmuChannel): Record<string, unknown> {
    return { ...ch };
  }

  guildPayload(): Record<string, unknown> {
    const all = [...this.channels.values()].filter((c) => c.guild_id === this.guildId);
    return {
      id: this.guildId,
      name: 'Wallet Support',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [...this.roles.values()],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: now(),
      large: false,
      unavailable: false,
      member_count: this.members.size,
      voice_states: [],
      members: [...this.members.values()],
      channels: all.filter((c) => !isThreadType(c.type)),
      threads: all.filter((c) => isThreadType(c.type) && !c.thread_metadata?.archived),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}

interface CommandOption {
  name: string;
  type: number;
  required?: boolean;
  choices?: Array<{ name: string; value: string | number }>;
}

/** What a Discord client refuses to send: an unknown option, a missing required one, a non-choice. */
function checkOptions(
  command: string,
  defined: readonly CommandOption[],
  given: Record<string, string | number | boolean>,
): void {
  for (const n of Object.keys(given)) {
    const o = defined.find((x) => x.name === n);
    if (!o) throw new Error(`/${command} has no option "${n}"`);
    if (o.choices && !o.choices.some((c) => c.value === given[n]))
      throw new Error(`/${command} ${n}: "${String(given[n])}" is not one of its choices`);
  }
  for (const o of defined)
    if (o.required && !(o.name in given))
      throw new Error(`/${command}: the option "${o.name}" is required`);
}

function role(
  id: string,
  name: string,
  permissions: bigint,
  position: number,
  managed: boolean,
  mentionable = false,
): EmuRole {
  return {
    id,
    name,
    permissions: permissions.toString(),
    position,
    color: 0,
    hoist: false,
    managed,
    mentionable,
    flags: 0,
    icon: null,
    unicode_emoji: null,
  };
}

function member(user: EmuUser, roles: string[]): EmuMember {
  return {
    user,
    roles,
    nick: null,
    joined_at: now(),
    deaf: false,
    mute: false,
    flags: 0,
    avatar: null,
    pending: false,
  };
}
