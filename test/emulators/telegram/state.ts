/**
 * The emulator's world: users, chats (private chats and forum supergroups), topics, messages, files,
 * callback queries and the update queue. Plain data plus the rules the Bot API applies to it; the
 * HTTP side lives in server.ts, the method handlers in methods.ts.
 * @see https://core.telegram.org/bots/api#available-types
 */
import { randomBytes } from 'node:crypto';
import type { InlineKeyboardMarkup, Update, UserFromGetMe } from 'grammy/types';
import { errors } from './api-error.ts';
import { imageSize } from './image.ts';

export type Json = Record<string, unknown>;

export interface EmuUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  bytes: Buffer;
  mime_type?: string;
  file_name?: string;
}

export interface TopicRecord {
  chatId: number;
  threadId: number;
  name: string;
  iconColor: number;
  closed: boolean;
  deleted: boolean;
}

export type MessageKind = 'text' | 'photo' | 'document' | 'service' | 'other';

/** Every message in every chat, whoever sent it. `text` is what a reader sees (HTML parsed). */
export interface StoredMessage {
  chatId: number;
  messageId: number;
  threadId?: number;
  fromBot: boolean;
  /** The Bot API method that created it, or 'user' for injected messages. */
  method: string;
  kind: MessageKind;
  /** The Message object as the Bot API returns it (kept current on edits). */
  message: Json;
  text: string;
  html?: string;
  /** Bytes of the photo (largest size) or document. */
  bytes?: Buffer;
  fileName?: string;
  mimeType?: string;
  replyMarkup?: InlineKeyboardMarkup;
  mediaGroupId?: string;
  edits: number;
  deleted: boolean;
  /** Emoji the bot reacted with (setMessageReaction). */
  reactions?: string[];
  /**
   * Users the message notifies: `@username` of a known user, and text mentions
   * (`<a href="tg://user?id=…">` in HTML) of a known user — as Telegram turns them into `mention` /
   * `text_mention` entities. @see https://core.telegram.org/bots/api#messageentity
   */
  mentions?: number[];
}

export type MemberStatus =
  'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export interface MemberRecord {
  status: MemberStatus;
  canManageTopics?: boolean;
}

export interface ChatRecord {
  id: number;
  type: 'private' | 'supergroup';
  chat: Json;
  isForum: boolean;
  nextMessageId: number;
  messages: Map<number, StoredMessage>;
  members: Map<number, MemberRecord>;
  topics: Map<number, TopicRecord>;
}

export interface CallbackRecord {
  id: string;
  userId: number;
  chatId: number;
  messageId: number;
  data: string;
  answered: boolean;
  answerText?: string;
}

export interface CallRecord {
  method: string;
  params: Json;
  ok: boolean;
  errorCode?: number;
  description?: string;
  at: number;
}

export interface DeletionRecord {
  chatId: number;
  messageId: number;
  /** Who had sent the deleted message: the bot, or the user id. */
  fromBot: boolean;
  at: number;
}

export interface WebhookRecord {
  url: string;
  secretToken?: string;
}

export class EmulatorState {
  readonly users = new Map<number, EmuUser>();
  readonly chats = new Map<number, ChatRecord>();
  readonly files = new Map<string, StoredFile>();
  readonly callbacks = new Map<string, CallbackRecord>();
  readonly blocked = new Set<number>();
  readonly calls: CallRecord[] = [];
  /** Messages deleted with deleteMessage, in order. */
  readonly deletions: DeletionRecord[] = [];
  readonly commands = new Map<string, Array<{ command: string; description: string }>>();
  webhook: WebhookRecord | undefined;
  private updates: Update[] = [];
  private nextUpdateId = 1;
  private nextFile = 1;
  private nextCallback = 1;
  private nextMediaGroup = 1;
  private waiters = new Set<() => void>();
  private updateListeners = new Set<() => void>();

  constructor(
    readonly token: string,
    readonly bot: UserFromGetMe,
  ) {}

  // ─── users and chats ──────────────────────────────────────────────────────────────────────────

  addUser(user: Omit<EmuUser, 'is_bot'> & { is_bot?: boolean }): EmuUser {
    const full: EmuUser = { is_bot: false, ...user };
    this.users.set(full.id, full);
    if (!this.chats.has(full.id)) {
      const chat: Json = { id: full.id, type: 'private', first_name: full.first_name };
      if (full.last_name !== undefined) chat['last_name'] = full.last_name;
      if (full.username !== undefined) chat['username'] = full.username;
      this.chats.set(full.id, newChat(full.id, 'private', chat, false));
    }
    return full;
  }

  user(id: number): EmuUser {
    const u = this.users.get(id);
    if (!u) throw new Error(`emulator: unknown user ${id} (addUser first)`);
    return u;
  }

  addSupergroup(id: number, title: string, isForum: boolean): ChatRecord {
    const chat: Json = { id, type: 'supergroup', title };
    if (isForum) chat['is_forum'] = true;
    const record = newChat(id, 'supergroup', chat, isForum);
    this.chats.set(id, record);
    return record;
  }

  chat(id: number): ChatRecord {
    const c = this.chats.get(id);
    if (!c) throw errors.chatNotFound();
    return c;
  }

  userJson(u: EmuUser): Json {
    const json: Json = { id: u.id, is_bot: u.is_bot, first_name: u.first_name };
    if (u.last_name !== undefined) json['last_name'] = u.last_name;
    if (u.username !== undefined) json['username'] = u.username;
    if (u.language_code !== undefined) json['language_code'] = u.language_code;
    return json;
  }

  botJson(): Json {
    return {
      id: this.bot.id,
      is_bot: true,
      first_name: this.bot.first_name,
      username: this.bot.username,
    };
  }

  // ─── messages ─────────────────────────────────────────────────────────────────────────────────

  /** Creates a message in a chat (a topic when threadId is set) and returns it stored. */
  addMessage(
    chat: ChatRecord,
    from: Json,
    fields: Json,
    meta: Omit<StoredMessage, 'chatId' | 'messageId' | 'message' | 'edits' | 'deleted'>,
  ): StoredMessage {
    const messageId = chat.nextMessageId++;
    const message: Json = {
      message_id: messageId,
      from,
      chat: chat.chat,
      date: nowSeconds(),
      ...fields,
    };
    if (meta.threadId !== undefined) {
      message['message_thread_id'] = meta.threadId;
      message['is_topic_message'] = true;
    }
    if (meta.mediaGroupId !== undefined) message['media_group_id'] = meta.mediaGroupId;
    if (meta.replyMarkup !== undefined && meta.replyMarkup.inline_keyboard.length > 0) {
      message['reply_markup'] = meta.replyMarkup;
    }
    const stored: StoredMessage = {
      ...meta,
      chatId: chat.id,
      messageId,
      message,
      edits: 0,
      deleted: false,
    };
    chat.messages.set(messageId, stored);
    return stored;
  }

  /** Messages the bot created, in order. */
  botMessages(chatId?: number, threadId?: number): StoredMessage[] {
    const out: StoredMessage[] = [];
    for (const chat of this.chats.values()) {
      if (chatId !== undefined && chat.id !== chatId) continue;
      for (const m of chat.messages.values()) {
        if (!m.fromBot || m.kind === 'service') continue;
        if (threadId !== undefined && m.threadId !== threadId) continue;
        out.push(m);
      }
    }
    return out;
  }

  newMediaGroupId(): string {
    return String(13_000_000_000_000_000n + BigInt(this.nextMediaGroup++));
  }

  // ─── files ────────────────────────────────────────────────────────────────────────────────────

  storeFile(
    bytes: Buffer,
    folder: string,
    ext: string,
    extra: { mime_type?: string; file_name?: string } = {},
  ) {
    const n = this.nextFile++;
    const file: StoredFile = {
      file_id: `F${n}-${randomBytes(6).toString('hex')}`,
      file_unique_id: `U${n}`,
      file_path: `${folder}/file_${n}.${ext}`,
      bytes,
      ...extra,
    };
    this.files.set(file.file_id, file);
    return file;
  }

  fileByPath(path: string): StoredFile | undefined {
    for (const f of this.files.values()) if (f.file_path === path) return f;
    return undefined;
  }

  /**
   * Telegram stores several sizes of a photo; the last one is the largest (the original bytes, with
   * their real width and height when the emulator can read them).
   */
  photoSizes(bytes: Buffer): { sizes: Json[]; largest: StoredFile } {
    const size = imageSize(bytes) ?? { width: 1280, height: 853 };
    const thumbBytes = bytes.subarray(0, Math.min(bytes.length, 32));
    const thumb = this.storeFile(Buffer.from(thumbBytes), 'photos', 'jpg', {
      mime_type: 'image/jpeg',
    });
    const large = this.storeFile(bytes, 'photos', 'jpg', { mime_type: 'image/jpeg' });
    return {
      sizes: [
        {
          file_id: thumb.file_id,
          file_unique_id: thumb.file_unique_id,
          width: 90,
          height: 60,
          file_size: thumbBytes.length,
        },
        {
          file_id: large.file_id,
          file_unique_id: large.file_unique_id,
          width: size.width,
          height: size.height,
          file_size: bytes.length,
        },
      ],
      largest: large,
    };
  }

  // ─── callback queries ─────────────────────────────────────────────────────────────────────────

  newCallback(userId: number, chatId: number, messageId: number, data: string): CallbackRecord {
    const record: CallbackRecord = {
      id: `${4_000_000 + this.nextCallback++}${randomBytes(3).toString('hex')}`,
      userId,
      chatId,
      messageId,
      data,
      answered: false,
    };
    this.callbacks.set(record.id, record);
    return record;
  }

  // ─── updates ──────────────────────────────────────────────────────────────────────────────────

  pushUpdate(body: Omit<Update, 'update_id'>): Update {
    const update = { update_id: this.nextUpdateId++, ...body } as Update;
    this.updates.push(update);
    for (const wake of this.waiters) wake();
    for (const listener of this.updateListeners) listener();
    return update;
  }

  onUpdate(listener: () => void): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  /** Updates not yet confirmed by an offset (getUpdates) or a 2xx answer (webhook). */
  pendingUpdates(): Update[] {
    return [...this.updates];
  }

  confirmUpTo(offset: number): void {
    this.updates = this.updates.filter((u) => u.update_id >= offset);
  }

  dropUpdate(updateId: number): void {
    this.updates = this.updates.filter((u) => u.update_id !== updateId);
  }

  /**
   * getUpdates: an offset confirms every update before it; waits up to `timeoutSeconds` when
   * nothing is pending (long polling) or until the client hangs up.
   * @see https://core.telegram.org/bots/api#getupdates
   */
  async takeUpdates(
    offset: number | undefined,
    limit: number,
    timeoutSeconds: number,
    allowed: string[] | undefined,
    signal: AbortSignal,
  ): Promise<Update[]> {
    if (offset !== undefined && offset > 0) this.confirmUpTo(offset);
    if (allowed && allowed.length > 0) {
      this.updates = this.updates.filter((u) =>
        Object.keys(u).some((k) => k !== 'update_id' && allowed.includes(k)),
      );
    }
    if (this.updates.length === 0 && timeoutSeconds > 0 && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, timeoutSeconds * 1000);
        this.waiters.add(done);
        signal.addEventListener('abort', done);
      });
    }
    return this.updates.slice(0, Math.max(1, Math.min(limit, 100)));
  }

  wakeAll(): void {
    for (const wake of this.waiters) wake();
  }
}

function newChat(id: number, type: ChatRecord['type'], chat: Json, isForum: boolean): ChatRecord {
  return {
    id,
    type,
    chat,
    isForum,
    nextMessageId: 1,
    messages: new Map(),
    members: new Map(),
    topics: new Map(),
  };
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
