/**
 * Bot API method handlers: each takes the request's parameters and the emulator state and returns
 * the `result` Telegram would, or throws an `ApiError` with Telegram's own code and description.
 * @see https://core.telegram.org/bots/api#available-methods
 */
import type { InlineKeyboardMarkup } from 'grammy/types';
import { errors } from './api-error.ts';
import { htmlToPlain } from './html.ts';
import { imageSize, photoDimensionsOk } from './image.ts';
import type { Params } from './params.ts';
import {
  nowSeconds,
  type ChatRecord,
  type EmulatorState,
  type Json,
  type MemberRecord,
  type StoredFile,
  type StoredMessage,
  type TopicRecord,
} from './state.ts';

export interface MethodContext {
  state: EmulatorState;
  /** Aborted when the client hangs up (long polling). */
  signal: AbortSignal;
}

export type MethodHandler = (p: Params, ctx: MethodContext) => unknown;

/** The six colours Telegram allows for a topic icon. @see https://core.telegram.org/bots/api#createforumtopic */
export const TOPIC_COLORS = [0x6fb9f0, 0xffd67e, 0xcb86db, 0x8eee98, 0xff93b2, 0xfb6f5f];

const TEXT_LIMIT = 4096;
const CAPTION_LIMIT = 1024;

export const methods: Record<string, MethodHandler> = {
  getMe: (_p, { state }) => state.bot,

  getUpdates: (p, { state, signal }) => {
    if (state.webhook) throw errors.conflictWebhook();
    return state.takeUpdates(
      p.optInt('offset'),
      p.optInt('limit') ?? 100,
      p.optInt('timeout') ?? 0,
      p.json<string[]>('allowed_updates'),
      signal,
    );
  },

  setWebhook: (p, { state }) => {
    const url = p.str('url');
    const secret = p.optStr('secret_token');
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      throw errors.badRequest('secret token contains unallowed characters');
    }
    if (p.bool('drop_pending_updates')) state.confirmUpTo(Number.MAX_SAFE_INTEGER);
    state.webhook = secret === undefined ? { url } : { url, secretToken: secret };
    state.wakeAll();
    return true;
  },

  deleteWebhook: (p, { state }) => {
    state.webhook = undefined;
    if (p.bool('drop_pending_updates')) state.confirmUpTo(Number.MAX_SAFE_INTEGER);
    return true;
  },

  getWebhookInfo: (_p, { state }) => ({
    url: state.webhook?.url ?? '',
    has_custom_certificate: false,
    pending_update_count: state.pendingUpdates().length,
  }),

  sendMessage: (p, { state }) => {
    const { chat, threadId } = sendTarget(state, p);
    const rendered = renderText(p.optStr('text') ?? '', p.optStr('parse_mode'), TEXT_LIMIT, 'text');
    const replyMarkup = inlineMarkup(p);
    const fields: Json = { text: rendered.text, ...replyTo(p, chat) };
    return messageJson(
      state.addMessage(chat, state.botJson(), fields, {
        fromBot: true,
        method: 'sendMessage',
        kind: 'text',
        text: rendered.text,
        ...opt('html', rendered.html),
        ...opt('mentions', mentionsIn(state, rendered)),
        ...opt('threadId', threadId),
        ...opt('replyMarkup', replyMarkup),
      }),
    );
  },

  sendPhoto: (p, { state }) => {
    const { chat, threadId } = sendTarget(state, p);
    const file = inputFile(state, p, p.values['photo'], 'photos', 'jpg');
    checkPhoto(file.bytes);
    return messageJson(sendMedia(state, p, chat, threadId, 'photo', file, 'sendPhoto', undefined));
  },

  sendDocument: (p, { state }) => {
    const { chat, threadId } = sendTarget(state, p);
    const file = inputFile(state, p, p.values['document'], 'documents', 'dat');
    return messageJson(
      sendMedia(state, p, chat, threadId, 'document', file, 'sendDocument', undefined),
    );
  },

  sendMediaGroup: (p, { state }) => {
    const { chat, threadId } = sendTarget(state, p);
    const media = p.json<Json[]>('media');
    if (!Array.isArray(media) || media.length < 2 || media.length > 10) {
      throw errors.badRequest('wrong number of media in the album: 2–10 expected');
    }
    const types = new Set(media.map((m) => m['type']));
    if (types.has('document') && types.size > 1) {
      throw errors.badRequest("document can't be mixed with other media types");
    }
    const files = media.map((m) => {
      const raw = m['type'];
      if (raw !== 'photo' && raw !== 'document')
        throw errors.badRequest(`unsupported media type ${String(raw)}`);
      const type: 'photo' | 'document' = raw;
      const caption = typeof m['caption'] === 'string' ? m['caption'] : undefined;
      const parseMode = typeof m['parse_mode'] === 'string' ? m['parse_mode'] : undefined;
      renderText(caption ?? '', parseMode, CAPTION_LIMIT, 'caption');
      const folder = type === 'photo' ? 'photos' : 'documents';
      const file = inputFile(state, p, m['media'], folder, type === 'photo' ? 'jpg' : 'dat');
      // Every item is checked before any is stored: a refused album sends nothing.
      if (type === 'photo') checkPhoto(file.bytes);
      return { type, caption, parseMode, file };
    });
    const group = state.newMediaGroupId();
    return files.map((f) =>
      messageJson(
        sendMedia(state, p, chat, threadId, f.type, f.file, 'sendMediaGroup', {
          group,
          caption: f.caption,
          parseMode: f.parseMode,
        }),
      ),
    );
  },

  copyMessage: (p, { state }) => {
    const { chat, threadId } = sendTarget(state, p);
    const source = state.chat(p.int('from_chat_id')).messages.get(p.int('message_id'));
    if (!source || source.deleted) throw errors.badRequest('message to copy not found');
    const fields: Json = {};
    for (const key of ['text', 'entities', 'photo', 'document', 'caption']) {
      if (source.message[key] !== undefined) fields[key] = source.message[key];
    }
    const caption = p.optStr('caption');
    if (caption !== undefined) fields['caption'] = caption;
    const replyMarkup = inlineMarkup(p);
    const copy = state.addMessage(chat, state.botJson(), fields, {
      fromBot: true,
      method: 'copyMessage',
      kind: source.kind,
      text: caption ?? source.text,
      ...opt('bytes', source.bytes),
      ...opt('fileName', source.fileName),
      ...opt('mimeType', source.mimeType),
      ...opt('threadId', threadId),
      ...opt('replyMarkup', replyMarkup),
    });
    return { message_id: copy.messageId };
  },

  getFile: (p, { state }) => {
    const file = state.files.get(p.str('file_id'));
    if (!file) throw errors.badRequest('wrong file_id or the file is temporarily unavailable');
    return {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_size: file.bytes.length,
      file_path: file.file_path,
    };
  },

  createForumTopic: (p, { state }) => {
    const chat = forumWithRights(state, p.int('chat_id'));
    const name = p.str('name');
    if (name.length === 0) throw errors.badRequest('TOPIC_NAME_EMPTY');
    if ([...name].length > 128) throw errors.badRequest('TOPIC_NAME_INVALID');
    const iconColor = p.optInt('icon_color') ?? TOPIC_COLORS[0]!;
    if (!TOPIC_COLORS.includes(iconColor)) throw errors.badRequest('TOPIC_ICON_COLOR_INVALID');
    // The topic's id is the id of its "topic created" service message.
    const threadId = chat.nextMessageId;
    const topic: TopicRecord = {
      chatId: chat.id,
      threadId,
      name,
      iconColor,
      closed: false,
      deleted: false,
    };
    chat.topics.set(threadId, topic);
    state.addMessage(
      chat,
      state.botJson(),
      { forum_topic_created: { name, icon_color: iconColor } },
      {
        fromBot: true,
        method: 'createForumTopic',
        kind: 'service',
        text: '',
        threadId,
      },
    );
    return { message_thread_id: threadId, name, icon_color: iconColor };
  },

  editForumTopic: (p, { state }) => {
    const { chat, topic } = existingTopic(state, p);
    const name = p.optStr('name');
    if (name === undefined || name === topic.name) throw errors.topicNotModified();
    if (name.length === 0 || [...name].length > 128) throw errors.badRequest('TOPIC_NAME_INVALID');
    topic.name = name;
    serviceMessage(state, chat, topic, { forum_topic_edited: { name } }, 'editForumTopic');
    return true;
  },

  closeForumTopic: (p, { state }) => {
    const { chat, topic } = existingTopic(state, p);
    if (topic.closed) throw errors.topicNotModified();
    topic.closed = true;
    serviceMessage(state, chat, topic, { forum_topic_closed: {} }, 'closeForumTopic');
    return true;
  },

  reopenForumTopic: (p, { state }) => {
    const { chat, topic } = existingTopic(state, p);
    if (!topic.closed) throw errors.topicNotModified();
    topic.closed = false;
    serviceMessage(state, chat, topic, { forum_topic_reopened: {} }, 'reopenForumTopic');
    return true;
  },

  deleteForumTopic: (p, { state }) => {
    const { chat, topic } = existingTopic(state, p);
    deleteTopic(chat, topic);
    return true;
  },

  answerCallbackQuery: (p, { state }) => {
    const query = state.callbacks.get(p.str('callback_query_id'));
    if (!query || query.answered) throw errors.queryInvalid();
    query.answered = true;
    const text = p.optStr('text');
    if (text !== undefined) query.answerText = text;
    return true;
  },

  editMessageText: (p, { state }) => {
    const message = editable(state, p);
    if (message.kind !== 'text') throw errors.badRequest('there is no text in the message to edit');
    const rendered = renderText(p.optStr('text') ?? '', p.optStr('parse_mode'), TEXT_LIMIT, 'text');
    const replyMarkup = inlineMarkup(p);
    if (
      rendered.text === message.text &&
      rendered.html === message.html &&
      sameMarkup(replyMarkup, message.replyMarkup)
    ) {
      throw errors.notModified();
    }
    message.text = rendered.text;
    message.message['text'] = rendered.text;
    setOptional(message, 'html', rendered.html);
    setMarkup(message, replyMarkup);
    message.edits++;
    message.message['edit_date'] = nowSeconds();
    return messageJson(message);
  },

  editMessageCaption: (p, { state }) => {
    const message = editable(state, p);
    if (message.kind !== 'photo' && message.kind !== 'document') {
      throw errors.badRequest('there is no caption in the message to edit');
    }
    const rendered = renderText(
      p.optStr('caption') ?? '',
      p.optStr('parse_mode'),
      CAPTION_LIMIT,
      'caption',
    );
    const replyMarkup = inlineMarkup(p);
    if (rendered.text === message.text && sameMarkup(replyMarkup, message.replyMarkup))
      throw errors.notModified();
    message.text = rendered.text;
    message.message['caption'] = rendered.text;
    setOptional(message, 'html', rendered.html);
    setMarkup(message, replyMarkup);
    message.edits++;
    return messageJson(message);
  },

  editMessageReplyMarkup: (p, { state }) => {
    const message = editable(state, p);
    const replyMarkup = inlineMarkup(p);
    if (sameMarkup(replyMarkup, message.replyMarkup)) throw errors.notModified();
    setMarkup(message, replyMarkup);
    message.edits++;
    return messageJson(message);
  },

  /**
   * A message sent less than 48 h ago; the bot's own anywhere, incoming ones in private chats, and
   * others' in a group only as an administrator. Deletions are recorded (`state.deletions`).
   * @see https://core.telegram.org/bots/api#deletemessage
   */
  deleteMessage: (p, { state }) => {
    const chat = state.chat(p.int('chat_id'));
    const message = chat.messages.get(p.int('message_id'));
    if (!message || message.deleted) throw errors.messageToDeleteNotFound();
    const sentAt = Number(message.message['date']);
    if (nowSeconds() - sentAt >= 48 * 3600) throw errors.messageCantBeDeleted();
    if (message.kind === 'service' && message.message['forum_topic_created'] !== undefined)
      throw errors.badRequest("message can't be deleted");
    if (!message.fromBot && chat.type === 'supergroup') {
      const me = chat.members.get(state.bot.id);
      if (me?.status !== 'administrator' && me?.status !== 'creator')
        throw errors.messageCantBeDeleted();
    }
    message.deleted = true;
    state.deletions.push({
      chatId: chat.id,
      messageId: message.messageId,
      fromBot: message.fromBot,
      at: Date.now(),
    });
    return true;
  },

  setMessageReaction: (p, { state }) => {
    const message = state.chat(p.int('chat_id')).messages.get(p.int('message_id'));
    if (!message || message.deleted) throw errors.badRequest('message to react not found');
    const reaction = p.json<Array<{ type: string; emoji?: string }>>('reaction') ?? [];
    message.reactions = reaction.flatMap((r) => (r.type === 'emoji' && r.emoji ? [r.emoji] : []));
    return true;
  },

  sendChatAction: (p, { state }) => {
    sendTarget(state, p);
    return true;
  },

  getChat: (p, { state }) => {
    const chat = state.chat(p.int('chat_id'));
    return { ...chat.chat, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: {} };
  },

  getChatMember: (p, { state }) => {
    const chat = state.chat(p.int('chat_id'));
    const userId = p.int('user_id');
    const user =
      userId === state.bot.id
        ? state.botJson()
        : state.users.has(userId)
          ? state.userJson(state.user(userId))
          : undefined;
    if (!user) throw errors.badRequest('user not found');
    if (chat.type === 'private') {
      return { status: userId === chat.id || userId === state.bot.id ? 'member' : 'left', user };
    }
    return memberJson(user, chat.members.get(userId) ?? { status: 'left' });
  },

  /**
   * The creator and the administrators of a group, bots left out.
   * @see https://core.telegram.org/bots/api#getchatadministrators
   */
  getChatAdministrators: (p, { state }) => {
    const chat = state.chat(p.int('chat_id'));
    if (chat.type === 'private')
      throw errors.badRequest('there are no administrators in the private chat');
    const out: Json[] = [];
    for (const [userId, member] of chat.members) {
      if (member.status !== 'creator' && member.status !== 'administrator') continue;
      const user = state.users.get(userId);
      if (!user || user.is_bot) continue; // the bot itself is not in state.users either
      out.push(memberJson(state.userJson(user), member));
    }
    return out;
  },

  setMyCommands: (p, { state }) => {
    const commands = p.json<Array<{ command: string; description: string }>>('commands');
    if (!Array.isArray(commands) || commands.length > 100)
      throw errors.badRequest('commands must be a list');
    for (const c of commands) {
      if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw errors.badRequest('BOT_COMMAND_INVALID');
      if (
        typeof c.description !== 'string' ||
        c.description.length < 1 ||
        c.description.length > 256
      ) {
        throw errors.badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
      }
    }
    state.commands.set(commandsKey(p.json<Json>('scope'), p.optStr('language_code')), commands);
    return true;
  },

  getMyCommands: (p, { state }) =>
    state.commands.get(commandsKey(p.json<Json>('scope'), p.optStr('language_code'))) ?? [],

  deleteMyCommands: (p, { state }) => {
    state.commands.delete(commandsKey(p.json<Json>('scope'), p.optStr('language_code')));
    return true;
  },
};

export function commandsKey(scope: Json | undefined, languageCode: string | undefined): string {
  return `${JSON.stringify(scope ?? { type: 'default' })}|${languageCode ?? ''}`;
}

/** Marks a topic and every message in it deleted (what an admin's "Delete topic" does). */
export function deleteTopic(chat: ChatRecord, topic: TopicRecord): void {
  topic.deleted = true;
  for (const m of chat.messages.values()) if (m.threadId === topic.threadId) m.deleted = true;
}

/**
 * Refuses a photo whose dimensions Telegram refuses (width + height over 10000, or a side more than
 * 20 times the other). Bytes the emulator cannot read are let through.
 * @see https://core.telegram.org/bots/api#sendphoto
 */
function checkPhoto(bytes: Buffer): void {
  const size = imageSize(bytes);
  if (size && !photoDimensionsOk(size)) throw errors.photoInvalidDimensions();
}

/** A ChatMember object for a group member's record. @see https://core.telegram.org/bots/api#chatmember */
function memberJson(user: Json, member: MemberRecord): Json {
  if (member.status === 'administrator') {
    return {
      status: 'administrator',
      user,
      can_be_edited: false,
      is_anonymous: false,
      can_manage_chat: true,
      can_delete_messages: true,
      can_manage_video_chats: false,
      can_restrict_members: false,
      can_promote_members: false,
      can_change_info: false,
      can_invite_users: true,
      can_post_stories: false,
      can_edit_stories: false,
      can_delete_stories: false,
      can_pin_messages: true,
      can_manage_topics: member.canManageTopics ?? false,
    };
  }
  if (member.status === 'creator') return { status: 'creator', user, is_anonymous: false };
  if (member.status === 'kicked') return { status: 'kicked', user, until_date: 0 };
  if (member.status === 'restricted')
    return { status: 'restricted', user, is_member: true, until_date: 0 };
  return { status: member.status, user };
}

// ─── helpers ──────────────────────────────────────────────────────────────────────────────────

/** Where a send goes: the chat must exist, the user must not have blocked the bot, the topic must exist. */
function sendTarget(state: EmulatorState, p: Params): { chat: ChatRecord; threadId?: number } {
  const chat = state.chat(p.int('chat_id'));
  if (chat.type === 'private' && state.blocked.has(chat.id)) throw errors.blocked();
  if (chat.type === 'supergroup') {
    const me = chat.members.get(state.bot.id);
    if (!me || me.status === 'left' || me.status === 'kicked') {
      throw errors.notMember();
    }
  }
  const threadId = p.optInt('message_thread_id');
  if (threadId === undefined || chat.type !== 'supergroup') return { chat };
  const topic = chat.topics.get(threadId);
  if (!topic || topic.deleted) throw errors.threadNotFound();
  return { chat, threadId };
}

function forumWithRights(state: EmulatorState, chatId: number): ChatRecord {
  const chat = state.chat(chatId);
  if (chat.type !== 'supergroup' || !chat.isForum) throw errors.notAForum();
  const me = chat.members.get(state.bot.id);
  if (!me || !(me.status === 'creator' || (me.status === 'administrator' && me.canManageTopics))) {
    throw errors.noTopicRights();
  }
  return chat;
}

function existingTopic(state: EmulatorState, p: Params): { chat: ChatRecord; topic: TopicRecord } {
  const chat = forumWithRights(state, p.int('chat_id'));
  const topic = chat.topics.get(p.int('message_thread_id'));
  if (!topic || topic.deleted) throw errors.topicInvalid();
  return { chat, topic };
}

function serviceMessage(
  state: EmulatorState,
  chat: ChatRecord,
  topic: TopicRecord,
  fields: Json,
  method: string,
) {
  state.addMessage(chat, state.botJson(), fields, {
    fromBot: true,
    method,
    kind: 'service',
    text: '',
    threadId: topic.threadId,
  });
}

function editable(state: EmulatorState, p: Params): StoredMessage {
  if (p.has('inline_message_id')) throw errors.badRequest('inline messages are not emulated');
  const message = state.chat(p.int('chat_id')).messages.get(p.int('message_id'));
  if (!message || message.deleted) throw errors.messageToEditNotFound();
  if (!message.fromBot) throw errors.badRequest("message can't be edited");
  return message;
}

function renderText(
  raw: string,
  parseMode: string | undefined,
  limit: number,
  what: 'text' | 'caption',
): { text: string; html?: string } {
  if (what === 'text' && raw.trim().length === 0) throw errors.badRequest('message text is empty');
  const text = parseMode?.toUpperCase() === 'HTML' ? htmlToPlain(raw) : raw;
  if ([...text].length > limit) {
    throw errors.badRequest(
      what === 'text' ? 'message is too long' : 'message caption is too long',
    );
  }
  return parseMode?.toUpperCase() === 'HTML' ? { text, html: raw } : { text };
}

/**
 * Whom a text notifies: `@username` of a user the emulator knows, and (in HTML) text mentions by id
 * of a known user; undefined when nobody.
 */
function mentionsIn(state: EmulatorState, rendered: { text: string; html?: string }) {
  const ids = new Set<number>();
  for (const m of rendered.text.matchAll(/(?:^|[^\w@])@([A-Za-z0-9_]{5,32})\b/g)) {
    const name = m[1]!.toLowerCase();
    for (const u of state.users.values()) if (u.username?.toLowerCase() === name) ids.add(u.id);
  }
  for (const m of (rendered.html ?? '').matchAll(/<a\s+href="tg:\/\/user\?id=(\d+)"/gi)) {
    const id = Number(m[1]);
    if (state.users.has(id)) ids.add(id);
  }
  return ids.size ? [...ids] : undefined;
}

/** reply_parameters: the replied-to message must exist unless allow_sending_without_reply. */
function replyTo(p: Params, chat: ChatRecord): Json {
  const params = p.json<{ message_id?: number; allow_sending_without_reply?: boolean }>(
    'reply_parameters',
  );
  if (!params?.message_id) return {};
  const target = chat.messages.get(params.message_id);
  if (target && !target.deleted) return { reply_to_message: target.message };
  if (params.allow_sending_without_reply) return {};
  throw errors.badRequest('message to be replied not found');
}

function inlineMarkup(p: Params): InlineKeyboardMarkup | undefined {
  const markup = p.json<Json>('reply_markup');
  if (!markup || !Array.isArray(markup['inline_keyboard'])) return undefined;
  const keyboard = markup as unknown as InlineKeyboardMarkup;
  for (const row of keyboard.inline_keyboard) {
    for (const button of row) {
      if (!button.text)
        throw errors.badRequest('text buttons are unallowed in the inline keyboard');
      if ('callback_data' in button && Buffer.byteLength(button.callback_data, 'utf8') > 64) {
        throw errors.badRequest('BUTTON_DATA_INVALID');
      }
    }
  }
  return keyboard.inline_keyboard.length > 0 ? keyboard : undefined;
}

function sameMarkup(
  a: InlineKeyboardMarkup | undefined,
  b: InlineKeyboardMarkup | undefined,
): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function setMarkup(message: StoredMessage, markup: InlineKeyboardMarkup | undefined): void {
  if (markup) {
    message.replyMarkup = markup;
    message.message['reply_markup'] = markup;
  } else {
    delete message.replyMarkup;
    delete message.message['reply_markup'];
  }
}

function setOptional<K extends 'html'>(
  message: StoredMessage,
  key: K,
  value: StoredMessage[K] | undefined,
) {
  if (value === undefined) delete message[key];
  else message[key] = value;
}

/** A file parameter: `attach://<part>` (an upload in this request) or a file_id seen before. */
function inputFile(
  state: EmulatorState,
  p: Params,
  value: unknown,
  folder: string,
  ext: string,
): { bytes: Buffer; fileName?: string; mimeType?: string } {
  if (typeof value !== 'string' || value.length === 0)
    throw errors.badRequest('there is no file in the request');
  if (value.startsWith('attach://')) {
    const part = p.files.get(value.slice('attach://'.length));
    if (!part) throw errors.badRequest(`file ${value} not found in the request`);
    const fileName = part.filename;
    const mimeType = guessMime(fileName ?? `file.${ext}`);
    return fileName === undefined
      ? { bytes: part.data, mimeType }
      : { bytes: part.data, fileName, mimeType };
  }
  const existing: StoredFile | undefined = state.files.get(value);
  if (!existing) throw errors.badRequest('wrong file identifier/HTTP URL specified');
  return {
    bytes: existing.bytes,
    ...opt('fileName', existing.file_name),
    ...opt('mimeType', existing.mime_type),
  };
}

function sendMedia(
  state: EmulatorState,
  p: Params,
  chat: ChatRecord,
  threadId: number | undefined,
  type: 'photo' | 'document',
  file: { bytes: Buffer; fileName?: string; mimeType?: string },
  method: string,
  album: { group: string; caption: string | undefined; parseMode: string | undefined } | undefined,
): StoredMessage {
  const rawCaption = album ? album.caption : p.optStr('caption');
  const parseMode = album ? album.parseMode : p.optStr('parse_mode');
  const rendered = renderText(rawCaption ?? '', parseMode, CAPTION_LIMIT, 'caption');
  const fields: Json = album ? {} : replyTo(p, chat);
  if (rendered.text.length > 0) fields['caption'] = rendered.text;
  if (type === 'photo') {
    fields['photo'] = state.photoSizes(file.bytes).sizes;
  } else {
    const mime = file.mimeType ?? 'application/octet-stream';
    const stored = state.storeFile(
      file.bytes,
      'documents',
      file.fileName?.split('.').pop() ?? 'dat',
      {
        mime_type: mime,
        ...opt('file_name', file.fileName),
      },
    );
    fields['document'] = {
      file_id: stored.file_id,
      file_unique_id: stored.file_unique_id,
      file_size: file.bytes.length,
      mime_type: mime,
      ...opt('file_name', file.fileName),
    };
  }
  const replyMarkup = album ? undefined : inlineMarkup(p);
  return state.addMessage(chat, state.botJson(), fields, {
    fromBot: true,
    method,
    kind: type,
    text: rendered.text,
    bytes: file.bytes,
    ...opt('html', rendered.html),
    ...opt('mentions', mentionsIn(state, rendered)),
    ...opt('fileName', file.fileName),
    ...opt('mimeType', type === 'photo' ? 'image/jpeg' : file.mimeType),
    ...opt('threadId', threadId),
    ...opt('replyMarkup', replyMarkup),
    ...opt('mediaGroupId', album?.group),
  });
}

/** The Message object the Bot API returns for a stored message. */
function messageJson(m: StoredMessage): Json {
  return m.message;
}

/** `{ key: value }` when value is defined, `{}` otherwise (exactOptionalPropertyTypes-friendly). */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

export function guessMime(fileName: string): string {
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  const map: Record<string, string> = {
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    webp: 'image/webp',
    gif: 'image/gif',
    heic: 'image/heic',
    pdf: 'application/pdf',
    txt: 'text/plain',
    mp4: 'video/mp4',
    ogg: 'audio/ogg',
  };
  return map[ext] ?? 'application/octet-stream';
}
