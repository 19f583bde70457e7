/**
 * The pure half of the adapter: a Telegram update in, our event (or a reason to ignore it) out. No
 * network, no clock; files are fetched later through the `fetchFile` the caller passes in.
 * @see https://core.telegram.org/bots/api#update
 * @see https://core.telegram.org/bots/api#message
 */
import type { CallbackQuery, Message, MessageOrigin, PhotoSize, Update, User } from 'grammy/types';
import type {
  AgentEvent,
  AgentIdentity,
  ForwardedFrom,
  InboundAttachment,
  UnsupportedKind,
  UserEvent,
  UserIdentity,
} from '../../core/types.ts';
import type { SkippedAlbumPart } from './album.ts';
import { asAgentCommand, asUserCommand, isForUs, parseCommand } from './commands.ts';

export const PLATFORM = 'telegram';

export interface MapperContext {
  /** The agent desk supergroup (AGENT_DESK=telegram:<id>), when the desk is on Telegram. */
  deskChatId?: string;
  botUsername: string;
  /** Downloads a file by file_id (getFile + the file path); called only when the core fetches. */
  fetchFile(fileId: string): Promise<Uint8Array>;
}

export interface CallbackRef {
  id: string;
  chatId: number;
  messageId: number;
}

export type Routed =
  /** A user's DM; `mediaGroupId` marks one part of an album. */
  | { route: 'user'; event: UserEvent; mediaGroupId?: string }
  /** A button press in a DM: answer the query and remove the keyboard before the core sees it. */
  | { route: 'choice'; event: UserEvent; callback: CallbackRef }
  /**
   * Something an agent (or anyone) wrote in a desk topic, or a desk command outside any topic
   * (threadId ''; the core answers `/queue` and `/snippets` anywhere). `agent.isAgent` and
   * `isSenior` are false here (as on a `/transfer` target): the wiring decides them (AGENT_IDS or
   * the desk's administrators, SENIOR_AGENT_IDS) before the core sees the event.
   */
  | {
      route: 'agent';
      event: AgentEvent;
      fromId: number;
      mediaGroupId?: string;
      /** `/transfer` sent as a reply: the author of the message replied to (see `target`). */
      targetId?: number;
    }
  /**
   * A part of an agent's album whose caption is a command that is not ours (unknown, or another
   * bot's). The album's other parts carry no caption and must not reach the user either: the
   * wiring drops the whole album.
   */
  | { route: 'agent-album-skip'; part: SkippedAlbumPart; topicKey: string; mediaGroupId: string }
  /** A callback query we do not act on; it is still answered so the client stops spinning. */
  | { route: 'ignore-callback'; callbackId: string; reason: string }
  | { route: 'ignore'; reason: string };

export function mapUpdate(update: Update, ctx: MapperContext): Routed {
  if (update.message) return mapMessage(update.message, ctx);
  if (update.callback_query) return mapCallback(update.callback_query);
  if (update.edited_message) return mapEdited(update.edited_message, ctx);
  return {
    route: 'ignore',
    reason: `update without message or callback_query (${updateKind(update)})`,
  };
}

function mapMessage(message: Message, ctx: MapperContext): Routed {
  if (message.chat.type === 'private') return mapPrivate(message, ctx);
  if (ctx.deskChatId !== undefined && String(message.chat.id) === ctx.deskChatId)
    return mapDesk(message, ctx);
  return { route: 'ignore', reason: `message in a ${message.chat.type} chat that is not the desk` };
}

// ─── user side ──────────────────────────────────────────────────────────────────────────────────

function mapPrivate(message: Message, ctx: MapperContext): Routed {
  const from = message.from;
  if (!from || from.is_bot)
    return { route: 'ignore', reason: 'private message without a human sender' };
  const forwarded = message.forward_origin ? forwardedFrom(message.forward_origin) : undefined;
  const base = {
    address: { platform: PLATFORM, chatId: String(message.chat.id) },
    user: userIdentity(from),
    messageId: String(message.message_id),
    // Said with the words: "↪️ forwarded from …" on the desk.
    ...(forwarded ? { forwardedFrom: forwarded } : {}),
  };
  if (message.text !== undefined) {
    // (A forwarded "/start" is someone else's words, not the user's command.)
    const command = forwarded ? undefined : parseCommand(message.text);
    const userCommand =
      command && isForUs(command, ctx.botUsername) ? asUserCommand(command.name) : undefined;
    if (command && userCommand) {
      const event: UserEvent = { ...base, type: 'command', command: userCommand };
      if (command.args.length > 0) event.args = command.args;
      return { route: 'user', event };
    }
    return {
      route: 'user',
      event: { ...base, type: 'message', text: message.text, attachments: [] },
    };
  }
  const content = userContent(message, ctx);
  if (!content) return { route: 'ignore', reason: 'service message in a private chat' };
  const event: UserEvent = {
    ...base,
    type: 'message',
    text: message.caption ?? '',
    attachments: content.attachments,
  };
  if (content.unsupported !== undefined) event.unsupported = content.unsupported;
  return message.media_group_id !== undefined
    ? { route: 'user', event, mediaGroupId: message.media_group_id }
    : { route: 'user', event };
}

/**
 * The id of one edit of a message: the message's id and the edit's time, so that every edit is
 * handled once and a later edit is no duplicate of an earlier one (`editedMessageId` reads it).
 */
export const editId = (messageId: number, editDate: number) => `${messageId}:e${editDate}`;

/** The Telegram message an id stands for: the message itself, or the message an edit changed. */
export function editedMessageId(id: string): number | undefined {
  const m = /^(\d+)(?::e\d+)?$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

/**
 * An edited message: its new text (or caption) — never its files again, which came with the
 * message itself. A user's edit goes to the core marked `edited`; an agent's edit in a topic is a
 * reply marked `editOf` (the core sends it to the user as a correction of the reply they got). An
 * edited command is not run again, and an edit without words is nothing to hand on.
 * @see https://core.telegram.org/bots/api#update (edited_message)
 */
function mapEdited(message: Message, ctx: MapperContext): Routed {
  const text = message.text ?? message.caption ?? '';
  const id = editId(message.message_id, message.edit_date ?? message.date);
  if (!text.trim()) return { route: 'ignore', reason: 'edit without words' };
  if (parseCommand(text)) return { route: 'ignore', reason: 'an edited command' };
  const from = message.from;
  if (!from || from.is_bot) return { route: 'ignore', reason: 'edit without a human sender' };
  if (message.chat.type === 'private') {
    return {
      route: 'user',
      event: {
        address: { platform: PLATFORM, chatId: String(message.chat.id) },
        user: userIdentity(from),
        messageId: id,
        type: 'message',
        text,
        attachments: [],
        edited: true,
      },
    };
  }
  const inTopic = message.is_topic_message === true && message.message_thread_id !== undefined;
  if (ctx.deskChatId === undefined || String(message.chat.id) !== ctx.deskChatId || !inTopic)
    return { route: 'ignore', reason: 'edit outside a private chat or a desk topic' };
  return {
    route: 'agent',
    fromId: from.id,
    event: {
      desk: {
        platform: PLATFORM,
        chatId: String(message.chat.id),
        threadId: String(message.message_thread_id),
      },
      agent: agentIdentity(from),
      messageId: id,
      type: 'reply',
      text,
      attachments: [],
      editOf: String(message.message_id),
    },
  };
}

/**
 * Who first wrote a forwarded message: a user (name, @username), a user who hides their account
 * (only the name they show), a group or a channel (title, @username, the author's signature).
 * @see https://core.telegram.org/bots/api#messageorigin
 */
export function forwardedFrom(origin: MessageOrigin): ForwardedFrom {
  const signed = (name: string, signature?: string) =>
    signature ? `${name} (${signature})` : name;
  const withHandle = (name: string, username?: string): ForwardedFrom =>
    username ? { name, username } : { name };
  switch (origin.type) {
    case 'user':
      return withHandle(displayName(origin.sender_user), origin.sender_user.username);
    case 'hidden_user':
      return { name: origin.sender_user_name, hidden: true };
    case 'chat': {
      const chat = origin.sender_chat;
      const title = 'title' in chat && chat.title ? chat.title : String(chat.id);
      return withHandle(
        signed(title, origin.author_signature),
        'username' in chat ? chat.username : undefined,
      );
    }
    case 'channel':
      return withHandle(signed(origin.chat.title, origin.author_signature), origin.chat.username);
  }
}

/** What a user's non-text message carries: an image we can read, or the kind we cannot. */
function userContent(
  message: Message,
  ctx: MapperContext,
): { attachments: InboundAttachment[]; unsupported?: UnsupportedKind } | undefined {
  if (message.photo && message.photo.length > 0)
    return { attachments: [photoAttachment(message.photo, ctx)] };
  if (message.document) {
    const mime = message.document.mime_type ?? '';
    // A video or a voice note sent "as a file" is still something we cannot read. Any other file
    // (a screenshot sent uncompressed, a PDF statement …) goes on: the core checks the bytes.
    if (mime.startsWith('video/')) return { attachments: [], unsupported: 'video' };
    if (mime.startsWith('audio/')) return { attachments: [], unsupported: 'audio' };
    return { attachments: [documentAttachment(message.document, ctx)] };
  }
  const unsupported = unsupportedKind(message);
  return unsupported ? { attachments: [], unsupported } : undefined;
}

function unsupportedKind(message: Message): UnsupportedKind | undefined {
  if (message.sticker) return 'sticker';
  if (message.voice) return 'voice';
  if (message.audio) return 'audio';
  if (message.video || message.video_note || message.animation) return 'video';
  if (message.location || message.venue) return 'location';
  if (message.contact) return 'contact';
  if (message.poll) return 'poll';
  if (message.dice || message.game || message.story || message.checklist) return 'other';
  return undefined;
}

function mapCallback(query: CallbackQuery): Routed {
  const message = query.message;
  if (!message || message.chat.type !== 'private' || query.data === undefined) {
    return {
      route: 'ignore-callback',
      callbackId: query.id,
      reason: 'callback outside a private chat or without data',
    };
  }
  return {
    route: 'choice',
    event: {
      address: { platform: PLATFORM, chatId: String(message.chat.id) },
      user: userIdentity(query.from),
      // One keyboard message answers once: a second press of the same keyboard is a duplicate.
      messageId: `cb:${message.message_id}`,
      type: 'choice',
      choiceId: query.data,
    },
    callback: { id: query.id, chatId: message.chat.id, messageId: message.message_id },
  };
}

// ─── desk side ──────────────────────────────────────────────────────────────────────────────────

function mapDesk(message: Message, ctx: MapperContext): Routed {
  const from = message.from;
  if (!from || from.is_bot)
    return { route: 'ignore', reason: 'desk message from a bot or an anonymous admin' };
  const inTopic = message.is_topic_message === true && message.message_thread_id !== undefined;
  const base = {
    desk: {
      platform: PLATFORM,
      chatId: String(message.chat.id),
      // Outside a topic (the General topic): '' — the core answers /queue and /snippets there.
      threadId: inTopic ? String(message.message_thread_id) : '',
    },
    agent: agentIdentity(from),
    messageId: String(message.message_id),
  };
  const text = message.text ?? message.caption ?? '';
  // Agents chat in the General topic too: only our commands are taken from there.
  if (!inTopic) {
    const command = parseCommand(text);
    const agentCommand =
      command && isForUs(command, ctx.botUsername) ? asAgentCommand(command.name) : undefined;
    if (!command || !agentCommand || message.media_group_id !== undefined)
      return { route: 'ignore', reason: 'desk message outside a topic' };
    return {
      route: 'agent',
      fromId: from.id,
      event: { ...base, type: 'command', command: agentCommand, args: command.args },
    };
  }
  const group = message.media_group_id;
  // A caption counts too: "/note …" on a photo is an internal note, never a reply to the user. In
  // an album only one part carries the caption (Telegram sends each part as its own message with
  // the same media_group_id: https://core.telegram.org/bots/api#message), so the part is routed
  // with its group and the wiring applies the command to the whole album.
  const command = parseCommand(text);
  if (command) {
    const agentCommand = isForUs(command, ctx.botUsername)
      ? asAgentCommand(command.name)
      : undefined;
    if (!agentCommand) {
      const reason = `command /${command.name} is not a desk command`;
      if (group === undefined) return { route: 'ignore', reason };
      return {
        route: 'agent-album-skip',
        part: { type: 'skip', messageId: base.messageId, reason },
        topicKey: topicKey(base.desk),
        mediaGroupId: group,
      };
    }
    const event: AgentEvent = {
      ...base,
      type: 'command',
      command: agentCommand,
      args: command.args,
    };
    // "/transfer" as a reply to one of the target agent's messages names the target.
    const target = agentCommand === 'transfer' && !command.args ? replyAuthor(message) : undefined;
    if (target) event.target = agentIdentity(target);
    const routed: Routed = { route: 'agent', fromId: from.id, event };
    if (target) routed.targetId = target.id;
    if (group !== undefined) routed.mediaGroupId = group;
    return routed;
  }
  const attachments: InboundAttachment[] = [];
  if (message.photo && message.photo.length > 0)
    attachments.push(photoAttachment(message.photo, ctx));
  // Agents may send any file (a PDF statement …); the core decides what reaches the user.
  if (message.document) attachments.push(documentAttachment(message.document, ctx));
  if (text.length === 0 && attachments.length === 0) {
    return {
      route: 'ignore',
      reason: 'desk message with nothing to relay (service message, sticker …)',
    };
  }
  const event: AgentEvent = { ...base, type: 'reply', text, attachments };
  return group !== undefined
    ? { route: 'agent', fromId: from.id, event, mediaGroupId: group }
    : { route: 'agent', fromId: from.id, event };
}

/**
 * The person whose message this one explicitly replies to. In a forum topic every message carries
 * `reply_to_message` — the topic's "created" service message when it is no real reply — so that
 * one does not count; neither does a bot's message (a relayed user message, the card).
 * @see https://core.telegram.org/bots/api#message (reply_to_message, message_thread_id)
 */
function replyAuthor(message: Message): User | undefined {
  const replied = message.reply_to_message;
  if (!replied || replied.forum_topic_created !== undefined) return undefined;
  if (replied.message_id === message.message_thread_id) return undefined;
  const author = replied.from;
  return author && !author.is_bot ? author : undefined;
}

/** An agent as the mapper knows them: `isAgent` / `isSenior` are decided by the wiring. */
export function agentIdentity(from: User): AgentIdentity {
  const agent: AgentIdentity = {
    platform: PLATFORM,
    userId: String(from.id),
    displayName: displayName(from),
    isAgent: false,
  };
  if (from.username !== undefined) agent.username = from.username;
  return agent;
}

/** The key that groups one desk topic's album parts (and orders its updates). */
export function topicKey(desk: { chatId: string; threadId: string }): string {
  return `${desk.chatId}:${desk.threadId}`;
}

// ─── pieces ─────────────────────────────────────────────────────────────────────────────────────

export function userIdentity(from: User): UserIdentity {
  const identity: UserIdentity = {
    platform: PLATFORM,
    userId: String(from.id),
    displayName: displayName(from),
  };
  if (from.username !== undefined) identity.username = from.username;
  if (from.language_code !== undefined) identity.languageCode = from.language_code;
  return identity;
}

export function displayName(from: User): string {
  const name = [from.first_name, from.last_name]
    .filter((s) => s && s.trim().length > 0)
    .join(' ')
    .trim();
  return name || from.username || String(from.id);
}

/** Telegram lists a photo's sizes smallest first; we take the largest (by bytes, then pixels). */
export function largestPhoto(sizes: PhotoSize[]): PhotoSize {
  let best = sizes[0]!;
  for (const size of sizes) {
    const a = size.file_size ?? size.width * size.height;
    const b = best.file_size ?? best.width * best.height;
    if (a >= b) best = size;
  }
  return best;
}

function photoAttachment(sizes: PhotoSize[], ctx: MapperContext): InboundAttachment {
  const photo = largestPhoto(sizes);
  const attachment: InboundAttachment = {
    kind: 'photo',
    mimeType: 'image/jpeg',
    fetch: () => ctx.fetchFile(photo.file_id),
  };
  if (photo.file_size !== undefined) attachment.size = photo.file_size;
  return attachment;
}

function documentAttachment(
  doc: { file_id: string; file_name?: string; mime_type?: string; file_size?: number },
  ctx: MapperContext,
): InboundAttachment {
  const attachment: InboundAttachment = {
    kind: 'document',
    fetch: () => ctx.fetchFile(doc.file_id),
  };
  if (doc.file_name !== undefined) attachment.fileName = doc.file_name;
  if (doc.mime_type !== undefined) attachment.mimeType = doc.mime_type;
  if (doc.file_size !== undefined) attachment.size = doc.file_size;
  return attachment;
}

function updateKind(update: Update): string {
  return Object.keys(update).find((k) => k !== 'update_id') ?? 'empty';
}
