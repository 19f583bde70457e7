/**
 * Pure translation of raw Discord gateway payloads (what discord.js receives, before it builds
 * structures) into our events. No network, no state: the wiring resolves what a payload alone
 * cannot tell (which channel a thread hangs under, which guild roles are administrators) and
 * passes it in `MapperContext`. Tested on recorded payloads.
 * @see https://discord.com/developers/docs/events/gateway-events#message-create
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
 */
import {
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  EmbedType,
  InteractionType,
  MessageFlags,
  MessageReferenceType,
  MessageType,
  PermissionFlagsBits,
  type APIAttachment,
  type APIEmbed,
  type APIInteraction,
  type APIInteractionGuildMember,
  type APIUser,
  type GatewayMessageCreateDispatchData,
  type GatewayMessageUpdateDispatchData,
} from 'discord.js';
import type {
  AgentCommand,
  AgentEvent,
  AgentIdentity,
  InboundAttachment,
  UnsupportedKind,
  UserCommand,
  UserEvent,
  UserIdentity,
} from '../../core/types.ts';
import { AGENT_COMMAND_NAMES, ARG_OPTION, USER_COMMAND_NAMES } from './commands.ts';

export const PLATFORM = 'discord';
/** custom_id of the support-channel panel's button ("Open a case"). */
export const PANEL_CUSTOM_ID = 'support:open-case';

export interface MapperContext {
  botUserId: string;
  deskChannelId?: string;
  agentRoleId?: string;
  /** SENIOR_ROLE_ID: the senior tier (seniors are agents too). */
  seniorRoleId?: string;
  /** Roles of the message's guild that carry Administrator (from the guild cache). */
  adminRoleIds?: ReadonlySet<string>;
  guildOwnerId?: string;
  /** A guild message's channel as the wiring resolved it; a thread carries its parent. */
  channel?: { type: ChannelType; parentId: string | null };
  /** Downloads an attachment URL now (Discord's CDN links expire). */
  download(url: string): Promise<Uint8Array>;
}

type UserMessageEvent = Extract<UserEvent, { type: 'message' }>;
type UserChoiceEvent = Extract<UserEvent, { type: 'choice' }>;
type UserCommandEvent = Extract<UserEvent, { type: 'command' }>;
type AgentCommandEvent = Extract<AgentEvent, { type: 'command' }>;

/** What to do with a payload: `route` names it, as in the Telegram mapper's `Routed`. */
export type MappedMessage =
  | { route: 'user'; event: UserMessageEvent }
  | { route: 'agent'; event: AgentEvent }
  | { route: 'ignore'; reason: string };

export type MappedInteraction =
  /** `pressedMessageId`: the message whose buttons are disabled on acknowledgement. */
  | { route: 'choice'; event: UserChoiceEvent; pressedMessageId: string; customId: string }
  | { route: 'user-command'; event: UserCommandEvent }
  | { route: 'open-panel'; user: UserIdentity; locale: string | undefined }
  | { route: 'agent-command'; event: AgentCommandEvent }
  | { route: 'ignore'; reason: string };

const ignore = (reason: string): { route: 'ignore'; reason: string } => ({
  route: 'ignore',
  reason,
});

/** Message types a person writes (others are joins, pins, thread notices …). */
const AUTHORED_TYPES = new Set<number>([MessageType.Default, MessageType.Reply]);

const TEXT_AGENT_COMMAND = /^\/(claim|close|note|reopen)(?:@\S+)?(?:\s+([\s\S]*))?$/i;

export function mapMessage(
  msg: GatewayMessageCreateDispatchData,
  ctx: MapperContext,
): MappedMessage {
  if (msg.author.bot || msg.author.id === ctx.botUserId || msg.webhook_id)
    return ignore('bot or webhook');
  if (!AUTHORED_TYPES.has(msg.type)) return ignore(`system message type ${msg.type}`);
  if (!msg.guild_id) return { route: 'user', event: mapDirectMessage(msg, ctx) };
  return mapDeskMessage(msg, ctx);
}

/**
 * An edited message (MESSAGE_UPDATE with an `edited_timestamp`; an update without one is Discord
 * adding a link preview, not the author's edit): its new words, never its files again. A user's
 * edit in DMs goes to the core marked `edited`; an agent's edit in a case thread is a reply marked
 * `editOf` (the user gets it as a correction of the reply they got). An edited command is not run
 * again. The id is the message's and the edit's time: each edit is handled once.
 * @see https://discord.com/developers/docs/events/gateway-events#message-update
 */
export function mapMessageUpdate(
  msg: GatewayMessageUpdateDispatchData,
  ctx: MapperContext,
): MappedMessage {
  if (!msg.edited_timestamp || typeof msg.content !== 'string' || !msg.author)
    return ignore('not an edit of the words');
  if (!msg.content.trim()) return ignore('edit without words');
  const mapped = mapMessage({ ...msg, attachments: [] }, ctx);
  if (mapped.route === 'ignore') return mapped;
  const messageId = `${msg.id}:e${Date.parse(msg.edited_timestamp)}`;
  if (mapped.route === 'user') {
    const { unsupported: _none, ...event } = mapped.event;
    return { route: 'user', event: { ...event, messageId, edited: true } };
  }
  if (mapped.event.type !== 'reply') return ignore('an edited command');
  return { route: 'agent', event: { ...mapped.event, messageId, editOf: msg.id } };
}

/** What a DM carries: its own words and files, or for a forward the forwarded message's. */
interface DmBody {
  content: string;
  attachments: APIAttachment[];
  flags: number;
  stickers: boolean;
  poll: boolean;
}

function mapDirectMessage(
  msg: GatewayMessageCreateDispatchData,
  ctx: MapperContext,
): UserMessageEvent {
  const forwarded = forwardedBody(msg);
  const body: DmBody = forwarded ?? {
    content: msg.content,
    attachments: msg.attachments,
    flags: msg.flags ?? 0,
    stickers: !!msg.sticker_items?.length,
    poll: !!msg.poll,
  };
  const voice = (body.flags & MessageFlags.IsVoiceMessage) !== 0;
  // Video and audio files are not evidence we can read: ask for text or a screenshot instead of
  // downloading up to 10 MB only to refuse it (as the Telegram mapper does).
  const media = body.attachments.filter((a) => /^(video|audio)\//.test(mimeTypeOf(a) ?? ''));
  const attachments = voice
    ? []
    : body.attachments.filter((a) => !media.includes(a)).map((a) => toInbound(a, ctx));
  const event: UserMessageEvent = {
    type: 'message',
    address: { platform: PLATFORM, chatId: msg.channel_id },
    user: userIdentity(msg.author),
    messageId: msg.id,
    text: body.content,
    attachments,
  };
  // Said with the words: "↪️ forwarded from …" on the desk, as for a Telegram forward.
  if (forwarded) event.forwardedFrom = FORWARDED_FROM;
  const unsupported =
    !voice && media.length && !attachments.length && !body.content.trim()
      ? mimeTypeOf(media[0]!)!.startsWith('video/')
        ? 'video'
        : 'audio'
      : unsupportedKind(body, voice, attachments.length);
  if (unsupported) event.unsupported = unsupported;
  return event;
}

/**
 * A forwarded message's origin. Discord's snapshot leaves out the forwarded message's author
 * ("a minimal subset of fields in a message (e.g. author is excluded)"), and the original usually
 * sits in another DM or server the bot cannot read: it is said to come from a Discord account not
 * shown ("↪️ Forwarded from Discord (account hidden)").
 * @see https://discord.com/developers/docs/resources/message#message-snapshot-object
 */
const FORWARDED_FROM = { name: 'Discord', hidden: true } as const;

/**
 * A forward (a `message_reference` of type FORWARD): Discord sends it as a message of its own,
 * empty, with the forwarded message's words, files and embeds in `message_snapshots` (one
 * snapshot today). Its words are the snapshot's, then what the embeds a person or a bot wrote say
 * (a scam bot's message is often an embed only; a link's preview only repeats the link); its
 * files are the snapshot's. Words the user added to the forward come as a message of their own.
 * @see https://discord.com/developers/docs/resources/message#message-reference-types
 */
function forwardedBody(msg: GatewayMessageCreateDispatchData): DmBody | undefined {
  if (msg.message_reference?.type !== MessageReferenceType.Forward) return undefined;
  const snapshots = (msg.message_snapshots ?? []).map((s) => s.message);
  if (!snapshots.length) return undefined;
  const words = [msg.content, ...snapshots.flatMap((s) => [s.content, ...embedWords(s.embeds)])];
  return {
    content: words.filter((w) => w.trim()).join('\n'),
    attachments: [...msg.attachments, ...snapshots.flatMap((s) => s.attachments)],
    flags: snapshots.reduce((flags, s) => flags | (s.flags ?? 0), 0),
    stickers: snapshots.some((s) => s.sticker_items?.length),
    poll: false,
  };
}

/**
 * The words of rich embeds (what a bot or a person wrote: title, description, fields, footer);
 * link previews (type link, article, image, video …) only show what the link's page says.
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-types
 */
function embedWords(embeds: readonly APIEmbed[] | undefined): string[] {
  return (embeds ?? [])
    .filter((e) => (e.type ?? EmbedType.Rich) === EmbedType.Rich)
    .flatMap((e) => [
      e.author?.name,
      e.title,
      e.description,
      ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`),
      e.footer?.text,
    ])
    .filter((w): w is string => !!w?.trim());
}

function unsupportedKind(
  body: DmBody,
  voice: boolean,
  attachmentCount: number,
): UnsupportedKind | undefined {
  if (voice) return 'voice';
  if (body.content.trim() || attachmentCount) return undefined;
  if (body.stickers) return 'sticker';
  if (body.poll) return 'poll';
  return 'other';
}

function mapDeskMessage(msg: GatewayMessageCreateDispatchData, ctx: MapperContext): MappedMessage {
  const ch = ctx.channel;
  if (!ctx.deskChannelId) return ignore('no desk configured');
  if (!ch || !isThread(ch.type) || ch.parentId !== ctx.deskChannelId)
    return ignore('not a case thread');
  const roles = msg.member?.roles ?? [];
  const isSenior = isSeniorRole(roles, ctx);
  const agent: AgentIdentity = {
    platform: PLATFORM,
    userId: msg.author.id,
    displayName: msg.member?.nick ?? msg.author.global_name ?? msg.author.username,
    username: msg.author.username,
    isAgent: isSenior || hasAgentRole(roles, ctx) || msg.author.id === ctx.guildOwnerId,
    ...(isSenior ? { isSenior } : {}),
  };
  const base = {
    desk: { platform: PLATFORM, chatId: ctx.deskChannelId, threadId: msg.channel_id },
    agent,
    messageId: msg.id,
  };
  // With or without files: "/note …" with an attachment is still an internal note, never a reply.
  const command = TEXT_AGENT_COMMAND.exec(msg.content.trim());
  if (command) {
    return {
      route: 'agent',
      event: {
        ...base,
        type: 'command',
        command: command[1]!.toLowerCase() as AgentCommand,
        args: (command[2] ?? '').trim(),
      },
    };
  }
  // Any other "/word" is a command for some bot, not words for the user (as on Telegram).
  if (/^\/[a-z][\w-]*(\s|$)/i.test(msg.content.trim())) return ignore('not a desk command');
  if (!msg.content.trim() && !msg.attachments.length) return ignore('nothing to relay');
  return {
    route: 'agent',
    event: {
      ...base,
      type: 'reply',
      text: msg.content,
      attachments: msg.attachments.map((a) => toInbound(a, ctx)),
    },
  };
}

export function mapInteraction(
  i: APIInteraction,
  ctx: Pick<MapperContext, 'deskChannelId' | 'agentRoleId' | 'seniorRoleId'>,
): MappedInteraction {
  const channelId = i.channel?.id ?? i.channel_id;
  if (!channelId) return ignore('interaction without a channel');
  if (i.type === InteractionType.MessageComponent) {
    if (i.data.component_type !== ComponentType.Button) return ignore('not a button');
    const customId = i.data.custom_id;
    if (i.guild_id) {
      if (customId !== PANEL_CUSTOM_ID || !i.member) return ignore('button outside DMs');
      return { route: 'open-panel', user: userIdentity(i.member.user, i.locale), locale: i.locale };
    }
    if (!i.user) return ignore('DM interaction without a user');
    return {
      route: 'choice',
      pressedMessageId: i.message.id,
      customId,
      event: {
        type: 'choice',
        address: { platform: PLATFORM, chatId: channelId },
        user: userIdentity(i.user, i.locale),
        // One event per button set: a second press on the same message is the same "message".
        messageId: `press:${i.message.id}`,
        choiceId: customId,
      },
    };
  }
  if (
    i.type !== InteractionType.ApplicationCommand ||
    i.data.type !== ApplicationCommandType.ChatInput
  ) {
    return ignore(`interaction type ${i.type}`);
  }
  const name = i.data.name;
  const options = i.data.options ?? [];
  const optionValue = (option: string) => {
    const o = options.find((x) => x.name === option);
    return o && 'value' in o ? String(o.value) : '';
  };
  if (!i.guild_id) {
    const args = optionValue('text');
    if (!i.user || !(USER_COMMAND_NAMES as readonly string[]).includes(name))
      return ignore(`DM command /${name}`);
    const event: UserCommandEvent = {
      type: 'command',
      address: { platform: PLATFORM, chatId: channelId },
      user: userIdentity(i.user, i.locale),
      messageId: i.id,
      command: name as UserCommand,
    };
    if (args) event.args = args;
    return { route: 'user-command', event };
  }
  if (!i.member || !(AGENT_COMMAND_NAMES as readonly string[]).includes(name))
    return ignore(`guild command /${name}`);
  const command = name as (typeof AGENT_COMMAND_NAMES)[number];
  const option = ARG_OPTION[command];
  let args = option ? optionValue(option).trim() : '';
  // /snippet name: values: → "name amount=… txid=…", as typed after the name on Telegram.
  const values = command === 'snippet' ? optionValue('values').trim() : '';
  if (values) args = `${args} ${values}`;
  let target: AgentIdentity | undefined;
  if (command === 'transfer' && args) {
    // A USER option: Discord resolves the user (and, in the guild, their member) for us.
    const resolved = i.data.resolved as
      | {
          users?: Record<string, APIUser>;
          members?: Record<string, Omit<APIInteractionGuildMember, 'user'>>;
        }
      | undefined;
    const user = resolved?.users?.[args];
    const member = resolved?.members?.[args];
    const who = user && member ? interactionAgent({ ...member, user }, ctx) : undefined;
    // Never hand a case to someone who is not an agent: without a target the core looks the id
    // up among the agents it knows, and refuses a stranger.
    if (who?.isAgent) {
      target = who;
      args = '';
    }
  }
  const parentId = i.channel && 'parent_id' in i.channel ? i.channel.parent_id : undefined;
  // The desk channel itself is no case: threadId '' (the core answers /queue and /snippets there).
  const inDesk = ctx.deskChannelId !== undefined && channelId === ctx.deskChannelId;
  const event: AgentCommandEvent = {
    type: 'command',
    command,
    args,
    messageId: i.id,
    desk: inDesk
      ? { platform: PLATFORM, chatId: channelId, threadId: '' }
      : {
          platform: PLATFORM,
          chatId: parentId ?? ctx.deskChannelId ?? channelId,
          threadId: channelId,
        },
    agent: interactionAgent(i.member, ctx),
  };
  if (target) event.target = target;
  return { route: 'agent-command', event };
}

/** Agents: administrators, AGENT_ROLE_ID, and seniors (SENIOR_ROLE_ID), who are agents too. */
function interactionAgent(
  member: APIInteractionGuildMember,
  ctx: Pick<MapperContext, 'agentRoleId' | 'seniorRoleId'>,
): AgentIdentity {
  const admin =
    member.permissions !== undefined &&
    (BigInt(member.permissions) & PermissionFlagsBits.Administrator) !== 0n;
  const isSenior = isSeniorRole(member.roles, ctx);
  return {
    platform: PLATFORM,
    userId: member.user.id,
    displayName: member.nick ?? member.user.global_name ?? member.user.username,
    username: member.user.username,
    isAgent:
      admin ||
      isSenior ||
      (ctx.agentRoleId !== undefined && member.roles.includes(ctx.agentRoleId)),
    ...(isSenior ? { isSenior } : {}),
  };
}

function isSeniorRole(roles: readonly string[], ctx: Pick<MapperContext, 'seniorRoleId'>): boolean {
  return ctx.seniorRoleId !== undefined && roles.includes(ctx.seniorRoleId);
}

function hasAgentRole(roles: readonly string[], ctx: MapperContext): boolean {
  if (ctx.agentRoleId !== undefined && roles.includes(ctx.agentRoleId)) return true;
  return roles.some((r) => ctx.adminRoleIds?.has(r));
}

function userIdentity(user: APIUser, locale?: string): UserIdentity {
  const identity: UserIdentity = {
    platform: PLATFORM,
    userId: user.id,
    displayName: user.global_name ?? user.username,
    username: user.username,
  };
  if (locale) identity.languageCode = locale;
  return identity;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
};

/** Discord sends `content_type` for most uploads; the file extension covers the rest. */
export function mimeTypeOf(
  a: Pick<APIAttachment, 'content_type' | 'filename'>,
): string | undefined {
  if (a.content_type) return a.content_type.split(';')[0]!.trim().toLowerCase();
  const ext = /\.([a-z0-9]+)$/i.exec(a.filename)?.[1]?.toLowerCase();
  return ext ? MIME_BY_EXTENSION[ext] : undefined;
}

function toInbound(a: APIAttachment, ctx: MapperContext): InboundAttachment {
  const mimeType = mimeTypeOf(a);
  const inbound: InboundAttachment = {
    kind: mimeType?.startsWith('image/') ? 'photo' : 'document',
    fileName: a.filename,
    size: a.size,
    fetch: () => ctx.download(a.url),
  };
  if (mimeType) inbound.mimeType = mimeType;
  return inbound;
}

function isThread(type: ChannelType): boolean {
  return (
    type === ChannelType.PublicThread ||
    type === ChannelType.PrivateThread ||
    type === ChannelType.AnnouncementThread
  );
}
