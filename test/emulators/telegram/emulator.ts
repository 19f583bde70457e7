/**
 * A local Telegram Bot API that the real grammY client talks to over HTTP (127.0.0.1, random port),
 * plus a TypeScript control API for tests: inject what users and agents send, look at what the bot
 * sent, script faults (429 with retry_after, 5xx, a user who blocked the bot, a deleted topic, a bad
 * token). Every message the bot creates is kept, so a test can assert "nothing lost, nothing twice".
 * @see https://core.telegram.org/bots/api
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message, Update, UserFromGetMe } from 'grammy/types';
import { ApiError, errors, faultError, type Fault } from './api-error.ts';
import { MultipartError } from './multipart.ts';
import {
  commandsKey,
  deleteTopic,
  guessMime,
  methods,
  opt,
  type MethodHandler,
} from './methods.ts';
import { readParams, type Params } from './params.ts';
import {
  EmulatorState,
  type CallbackRecord,
  type CallRecord,
  type DeletionRecord,
  type EmuUser,
  type Json,
  type MemberStatus,
  type StoredMessage,
  type TopicRecord,
} from './state.ts';

export interface TelegramEmulatorOptions {
  /** The token the emulator accepts; any other token gets 401 Unauthorized. */
  token?: string;
  bot?: Partial<Pick<UserFromGetMe, 'id' | 'first_name' | 'username'>>;
  /** Listen on this port (default: a free one), e.g. where a bot is already trying to connect. */
  port?: number;
  /**
   * Every Bot API call is answered this many ms late (default 0): a bot far from Telegram's
   * servers, where each round trip costs tens or hundreds of ms (benchmarks of start-up).
   */
  latencyMs?: number;
}

export interface DeskSetup {
  id?: number;
  title?: string;
  /** Topics enabled (default true). */
  forum?: boolean;
  /** The bot's own membership (default: administrator allowed to manage topics). */
  bot?: { status: MemberStatus; canManageTopics?: boolean };
}

interface ScriptedHold {
  when?: ((params: Params) => boolean) | undefined;
  arrived: (params: Params) => void;
  released: Promise<void>;
}

/** A call the emulator holds unanswered (see `holdNext`). */
export interface HeldCall {
  /** Resolves with the call's parameters once it has arrived (and is being held). */
  arrived: Promise<Params>;
  /** Answers it at last (as if it had just arrived); a no-op when the client has gone. */
  release(): void;
}

interface ScriptedFault {
  fault: Fault;
  remaining: number;
  when?: (params: Params) => boolean;
}

export interface WebhookDelivery {
  updateId: number;
  status: number;
}

const LOWER_METHODS = new Map<string, [string, MethodHandler]>(
  Object.entries(methods).map(([name, handler]) => [name.toLowerCase(), [name, handler]]),
);

export class TelegramEmulator {
  readonly state: EmulatorState;
  readonly webhookDeliveries: WebhookDelivery[] = [];
  private server: Server | undefined;
  private port: number;
  private faults = new Map<string, ScriptedFault[]>();
  private holds = new Map<string, ScriptedHold[]>();
  private inflight = new Set<AbortController>();
  private delivering = false;
  private stopped = false;
  private readonly latencyMs: number;

  constructor(options: TelegramEmulatorOptions = {}) {
    this.port = options.port ?? 0;
    this.latencyMs = options.latencyMs ?? 0;
    const bot: UserFromGetMe = {
      id: options.bot?.id ?? 7_000_000_001,
      is_bot: true,
      first_name: options.bot?.first_name ?? 'Wallet Support',
      username: options.bot?.username ?? 'wallet_support_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
    } as UserFromGetMe;
    this.state = new EmulatorState(
      options.token ?? '7000000001:AAEmulatorTokenForTestsOnly_abcdefghij',
      bot,
    );
  }

  static async start(options: TelegramEmulatorOptions = {}): Promise<TelegramEmulator> {
    const emulator = new TelegramEmulator(options);
    await emulator.listen();
    return emulator;
  }

  get token(): string {
    return this.state.token;
  }

  /** Pass to `new Bot(token, { botInfo })` so grammY makes no getMe call. */
  get botInfo(): UserFromGetMe {
    return this.state.bot;
  }

  /** `new Bot(token, { client: { apiRoot } })`; files are served at `${apiRoot}/file/bot<token>/<path>`. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    this.server = createServer((req, res) => void this.route(req, res));
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.state.onUpdate(() => void this.deliverWebhooks());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const c of this.inflight) c.abort();
    this.state.wakeAll();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  // ─── world setup ──────────────────────────────────────────────────────────────────────────────

  addUser(user: Omit<EmuUser, 'is_bot'> & { is_bot?: boolean }): EmuUser {
    return this.state.addUser(user);
  }

  /** A supergroup for the agent desk, topics on and the bot an admin with "Manage topics" unless told otherwise. */
  createDesk(setup: DeskSetup = {}): number {
    const id = setup.id ?? -1_001_234_567_890;
    const chat = this.state.addSupergroup(id, setup.title ?? 'Support desk', setup.forum ?? true);
    const bot = setup.bot ?? { status: 'administrator', canManageTopics: true };
    chat.members.set(
      this.state.bot.id,
      bot.canManageTopics === undefined ? { status: bot.status } : bot,
    );
    return id;
  }

  /**
   * A user's standing in a group: 'creator' and 'administrator' are what getChatAdministrators
   * lists; 'member', 'restricted', 'left', 'kicked' what getChatMember reports.
   */
  setMember(chatId: number, userId: number, status: MemberStatus): void {
    this.state.chat(chatId).members.set(userId, { status });
  }

  /** The group's administrators (creator first), as getChatAdministrators answers. */
  administrators(chatId: number): number[] {
    const out: number[] = [];
    for (const [id, m] of this.state.chat(chatId).members) {
      if (id === this.state.bot.id) continue;
      if (m.status === 'creator') out.unshift(id);
      else if (m.status === 'administrator') out.push(id);
    }
    return out;
  }

  // ─── what users and agents send (each becomes an update) ──────────────────────────────────────

  userSends(userId: number, text: string): StoredMessage {
    return this.inject(userId, userId, undefined, textFields(text), 'text', text);
  }

  /**
   * The user forwards someone else's text message: `origin` is the Bot API's MessageOrigin
   * (type user / hidden_user / chat / channel).
   * @see https://core.telegram.org/bots/api#messageorigin
   */
  userForwards(userId: number, text: string, origin: Json): StoredMessage {
    const fields = {
      text,
      forward_origin: { date: Math.floor(Date.now() / 1000) - 3600, ...origin },
    };
    return this.inject(userId, userId, undefined, fields, 'text', text);
  }

  /** A photo message: Telegram offers several sizes, the last one the original bytes. */
  userSendsPhoto(
    userId: number,
    photo: { bytes: Uint8Array; caption?: string; mediaGroupId?: string },
  ): StoredMessage {
    return this.injectPhoto(userId, userId, undefined, photo);
  }

  /** A file sent "as a file" (uncompressed), e.g. a screenshot sent as a document. */
  userSendsDocument(
    userId: number,
    doc: { bytes: Uint8Array; fileName: string; mimeType?: string; caption?: string },
  ): StoredMessage {
    return this.injectDocument(userId, userId, undefined, doc);
  }

  /** An album: one message per item sharing a media_group_id, the caption on the first. */
  userSendsAlbum(userId: number, items: Uint8Array[], caption?: string): StoredMessage[] {
    const group = this.state.newMediaGroupId();
    return items.map((bytes, i) =>
      this.injectPhoto(userId, userId, undefined, {
        bytes,
        mediaGroupId: group,
        ...(i === 0 && caption !== undefined ? { caption } : {}),
      }),
    );
  }

  /** Anything else (sticker, voice, video, location …): the raw Message fields. */
  userSendsRaw(userId: number, fields: Json): StoredMessage {
    return this.inject(
      userId,
      userId,
      undefined,
      fields,
      'other',
      typeof fields['caption'] === 'string' ? fields['caption'] : '',
    );
  }

  /**
   * A message in a group chat (the desk or any other group the bot is in); `replyTo` makes it a
   * reply to that message of the same chat (as the "Reply" action in a Telegram app does).
   */
  memberSends(
    chatId: number,
    userId: number,
    threadId: number | undefined,
    text: string,
    options: { replyTo?: StoredMessage } = {},
  ): StoredMessage {
    const fields = textFields(text);
    if (options.replyTo) {
      const target = this.state.chat(chatId).messages.get(options.replyTo.messageId);
      if (!target || target.deleted)
        throw new Error(`emulator: no message ${options.replyTo.messageId} to reply to`);
      fields['reply_to_message'] = target.message;
    }
    return this.inject(chatId, userId, threadId, fields, 'text', text);
  }

  memberSendsPhoto(
    chatId: number,
    userId: number,
    threadId: number | undefined,
    photo: { bytes: Uint8Array; caption?: string; mediaGroupId?: string },
  ): StoredMessage {
    return this.injectPhoto(chatId, userId, threadId, photo);
  }

  memberSendsDocument(
    chatId: number,
    userId: number,
    threadId: number | undefined,
    doc: {
      bytes: Uint8Array;
      fileName: string;
      mimeType?: string;
      caption?: string;
      mediaGroupId?: string;
    },
  ): StoredMessage {
    return this.injectDocument(chatId, userId, threadId, doc);
  }

  /**
   * An album in a group topic: one message (one update) per item sharing a media_group_id, the
   * caption on the first item only — as Telegram delivers an album whose caption was typed once.
   * Items are photos, or documents when given a file name.
   * @see https://core.telegram.org/bots/api#message (media_group_id)
   */
  memberSendsAlbum(
    chatId: number,
    userId: number,
    threadId: number | undefined,
    items: Array<Uint8Array | { bytes: Uint8Array; fileName: string; mimeType?: string }>,
    caption?: string,
  ): StoredMessage[] {
    const group = this.state.newMediaGroupId();
    return items.map((item, i) => {
      const extra = {
        mediaGroupId: group,
        ...(i === 0 && caption !== undefined ? { caption } : {}),
      };
      return item instanceof Uint8Array
        ? this.injectPhoto(chatId, userId, threadId, { bytes: item, ...extra })
        : this.injectDocument(chatId, userId, threadId, { ...item, ...extra });
    });
  }

  memberSendsRaw(
    chatId: number,
    userId: number,
    threadId: number | undefined,
    fields: Json,
  ): StoredMessage {
    return this.inject(chatId, userId, threadId, fields, 'other', '');
  }

  /**
   * Its author (a user in their private chat, or a member in a group) edits a message they sent:
   * its text — or caption, for a photo or a file — becomes `text`, and the bot gets an
   * `edited_message` update with the whole message as it is now and an `edit_date`.
   * @see https://core.telegram.org/bots/api#update
   */
  edits(message: StoredMessage, text: string): StoredMessage {
    const stored = this.state.chat(message.chatId).messages.get(message.messageId);
    if (!stored || stored.deleted || stored.fromBot)
      throw new Error(`emulator: no user message ${message.messageId} to edit`);
    const field = typeof stored.message['text'] === 'string' ? 'text' : 'caption';
    const date = Number(stored.message['date']);
    stored.message = {
      ...stored.message,
      [field]: text,
      edit_date: Math.max(date + 1, Math.floor(Date.now() / 1000)) + stored.edits,
    };
    stored.text = text;
    stored.edits++;
    this.state.pushUpdate({ edited_message: stored.message as unknown as Message } as Omit<
      Update,
      'update_id'
    >);
    return stored;
  }

  /**
   * The user presses a button that is on the message now (throws if it is not: a removed keyboard
   * cannot be pressed). Use `forcePress` for a press that raced the removal.
   */
  press(userId: number, message: StoredMessage, data: string): CallbackRecord {
    const current = this.state.chat(message.chatId).messages.get(message.messageId);
    const buttons = current?.replyMarkup?.inline_keyboard.flat() ?? [];
    if (!buttons.some((b) => 'callback_data' in b && b.callback_data === data)) {
      throw new Error(`emulator: message ${message.messageId} has no button with data ${data}`);
    }
    return this.forcePress(userId, message, data);
  }

  forcePress(userId: number, message: StoredMessage, data: string): CallbackRecord {
    const user = this.state.user(userId);
    const record = this.state.newCallback(userId, message.chatId, message.messageId, data);
    const current = this.state.chat(message.chatId).messages.get(message.messageId) ?? message;
    this.state.pushUpdate({
      callback_query: {
        id: record.id,
        from: this.state.userJson(user),
        message: current.message,
        chat_instance: `ci${message.chatId}`,
        data,
      },
    } as unknown as Omit<Update, 'update_id'>);
    return record;
  }

  // ─── inspection ───────────────────────────────────────────────────────────────────────────────

  /** Messages the bot sent (not service messages), in order; to one chat / one topic when given. */
  sent(chatId?: number, threadId?: number): StoredMessage[] {
    return this.state.botMessages(chatId, threadId);
  }

  /** The current state of a stored message (after edits). */
  message(chatId: number, messageId: number): StoredMessage | undefined {
    return this.state.chats.get(chatId)?.messages.get(messageId);
  }

  topics(chatId: number): TopicRecord[] {
    return [...this.state.chat(chatId).topics.values()];
  }

  topic(chatId: number, threadId: number): TopicRecord | undefined {
    return this.state.chats.get(chatId)?.topics.get(threadId);
  }

  /** Messages deleted with deleteMessage, in order; in one chat when given. */
  deletions(chatId?: number): DeletionRecord[] {
    return this.state.deletions.filter((d) => chatId === undefined || d.chatId === chatId);
  }

  /** Moves a message's date back (e.g. past deleteMessage's 48 hours). */
  backdate(message: StoredMessage, seconds: number): void {
    const stored = this.state.chat(message.chatId).messages.get(message.messageId);
    if (!stored) throw new Error(`emulator: no message ${message.messageId} in ${message.chatId}`);
    stored.message['date'] = Number(stored.message['date']) - seconds;
  }

  calls(method?: string): CallRecord[] {
    return method ? this.state.calls.filter((c) => c.method === method) : [...this.state.calls];
  }

  callback(id: string): CallbackRecord | undefined {
    return this.state.callbacks.get(id);
  }

  /** The command menu set with setMyCommands for a scope and language. */
  commands(
    scope?: Json,
    languageCode?: string,
  ): Array<{ command: string; description: string }> | undefined {
    return this.state.commands.get(commandsKey(scope, languageCode));
  }

  pendingUpdates(): Update[] {
    return this.state.pendingUpdates();
  }

  /** Polls until `check` returns a truthy value (returned) or the time runs out. */
  async waitFor<T>(
    check: () => T | undefined | null | false,
    what = 'condition',
    timeoutMs = 5000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > deadline)
        throw new Error(`emulator: timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  // ─── faults ───────────────────────────────────────────────────────────────────────────────────

  /** The next `times` calls of `method` (matching `when`, if given) fail with `fault`. */
  failNext(method: string, fault: Fault, times = 1, when?: (params: Params) => boolean): void {
    const list = this.faults.get(method.toLowerCase()) ?? [];
    list.push(when ? { fault, remaining: times, when } : { fault, remaining: times });
    this.faults.set(method.toLowerCase(), list);
  }

  /**
   * The next call of `method` (matching `when`, if given) arrives and is held unanswered, its
   * effect not applied, until `release()` or until the client goes (e.g. the bot is SIGKILLed):
   * a test stops the bot exactly between two calls.
   */
  holdNext(method: string, when?: (params: Params) => boolean): HeldCall {
    let arrived!: (params: Params) => void;
    let release!: () => void;
    const arrival = new Promise<Params>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const list = this.holds.get(method.toLowerCase()) ?? [];
    list.push({ when, arrived, released });
    this.holds.set(method.toLowerCase(), list);
    return { arrived: arrival, release };
  }

  /** The user blocks the bot: every send to their chat answers 403. */
  block(userId: number): void {
    this.state.blocked.add(userId);
  }

  unblock(userId: number): void {
    this.state.blocked.delete(userId);
  }

  /** An admin deletes a topic: sends into it answer 400 "message thread not found". */
  deleteTopic(chatId: number, threadId: number): void {
    const chat = this.state.chat(chatId);
    const topic = chat.topics.get(threadId);
    if (!topic) throw new Error(`emulator: no topic ${threadId} in ${chatId}`);
    deleteTopic(chat, topic);
  }

  // ─── HTTP ─────────────────────────────────────────────────────────────────────────────────────

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file && req.method === 'GET')
      return this.serveFile(file[1]!, decodeURIComponent(file[2]!), res);
    const call = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!call) return reply(res, errors.notFound().toJSON(), 404);
    const [, token, rawMethod] = call as unknown as [string, string, string];
    const entry = LOWER_METHODS.get(rawMethod.toLowerCase());
    const method = entry?.[0] ?? rawMethod;
    const record: CallRecord = { method, params: {}, ok: false, at: Date.now() };
    const controller = new AbortController();
    this.inflight.add(controller);
    res.once('close', () => {
      if (!res.writableEnded) controller.abort();
      this.inflight.delete(controller);
    });
    try {
      const params = await readParams(req, url.searchParams);
      if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
      record.params = loggable(params);
      if (token !== this.state.token) throw errors.unauthorized();
      if (!entry) throw errors.notFound();
      this.state.calls.push(record);
      this.takeFault(method, params);
      await this.takeHold(method, params, controller.signal);
      const result = await entry[1](params, { state: this.state, signal: controller.signal });
      record.ok = true;
      if (this.state.webhook) void this.deliverWebhooks();
      reply(res, { ok: true, result }, 200);
    } catch (err) {
      const apiError =
        err instanceof ApiError
          ? err
          : err instanceof MultipartError
            ? errors.badRequest(`invalid multipart body: ${err.message}`)
            : new ApiError(500, `Internal Server Error: ${(err as Error).message}`);
      record.errorCode = apiError.errorCode;
      record.description = apiError.description;
      if (!this.state.calls.includes(record)) this.state.calls.push(record);
      reply(res, apiError.toJSON(), apiError.errorCode);
    }
  }

  private takeFault(method: string, params: Params): void {
    const list = this.faults.get(method.toLowerCase());
    const scripted = list?.find((f) => f.remaining > 0 && (!f.when || f.when(params)));
    if (!scripted) return;
    scripted.remaining--;
    throw faultError(scripted.fault);
  }

  private async takeHold(method: string, params: Params, signal: AbortSignal): Promise<void> {
    const list = this.holds.get(method.toLowerCase());
    const index = list?.findIndex((h) => !h.when || h.when(params)) ?? -1;
    if (!list || index < 0) return;
    const [hold] = list.splice(index, 1);
    hold!.arrived(params);
    const gone = new Promise<void>((_, reject) => {
      const abort = () => reject(new Error('the client went away while the call was held'));
      if (signal.aborted) abort();
      else signal.addEventListener('abort', abort, { once: true });
    });
    await Promise.race([hold!.released, gone]);
  }

  private serveFile(token: string, path: string, res: ServerResponse): void {
    if (token !== this.state.token) return reply(res, errors.unauthorized().toJSON(), 401);
    const file = this.state.fileByPath(path);
    if (!file) return reply(res, errors.notFound().toJSON(), 404);
    res.writeHead(200, {
      'content-type': file.mime_type ?? 'application/octet-stream',
      'content-length': file.bytes.length,
    });
    res.end(file.bytes);
  }

  /** Webhook mode: POST each pending update, in order, with the secret header; 2xx confirms it. */
  private async deliverWebhooks(): Promise<void> {
    if (this.delivering || this.stopped) return;
    this.delivering = true;
    try {
      let attempts = 0;
      while (this.state.webhook && !this.stopped) {
        const next = this.state.pendingUpdates()[0];
        if (!next) break;
        const { url, secretToken } = this.state.webhook;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (secretToken !== undefined) headers['x-telegram-bot-api-secret-token'] = secretToken;
        const status = await fetch(url, { method: 'POST', headers, body: JSON.stringify(next) })
          .then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          })
          .catch(() => 0);
        this.webhookDeliveries.push({ updateId: next.update_id, status });
        if (status >= 200 && status < 300) {
          this.state.dropUpdate(next.update_id);
          attempts = 0;
        } else if (++attempts >= 3) {
          this.state.dropUpdate(next.update_id);
          attempts = 0;
        } else {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    } finally {
      this.delivering = false;
    }
  }

  // ─── injection helpers ────────────────────────────────────────────────────────────────────────

  private inject(
    chatId: number,
    userId: number,
    threadId: number | undefined,
    fields: Json,
    kind: StoredMessage['kind'],
    text: string,
  ): StoredMessage {
    const chat = this.state.chat(chatId);
    if (threadId !== undefined) {
      const topic = chat.topics.get(threadId);
      if (!topic || topic.deleted)
        throw new Error(`emulator: topic ${threadId} does not exist in ${chatId}`);
    }
    // In a forum topic every message replies to the topic's "created" service message unless it
    // replies to another one (the topic id is that message's id), as Telegram delivers it.
    if (threadId !== undefined && fields['reply_to_message'] === undefined) {
      const created = chat.messages.get(threadId);
      if (created) fields = { ...fields, reply_to_message: created.message };
    }
    const from = this.state.userJson(this.state.user(userId));
    const mediaGroupId =
      typeof fields['media_group_id'] === 'string' ? fields['media_group_id'] : undefined;
    const { media_group_id: _drop, ...rest } = fields;
    const stored = this.state.addMessage(chat, from, rest, {
      fromBot: false,
      method: 'user',
      kind,
      text,
      ...opt('threadId', threadId),
      ...opt('mediaGroupId', mediaGroupId),
    });
    this.state.pushUpdate({ message: stored.message as unknown as Message } as Omit<
      Update,
      'update_id'
    >);
    return stored;
  }

  private injectPhoto(
    chatId: number,
    userId: number,
    threadId: number | undefined,
    photo: { bytes: Uint8Array; caption?: string; mediaGroupId?: string },
  ): StoredMessage {
    const bytes = Buffer.from(photo.bytes);
    const fields: Json = { photo: this.state.photoSizes(bytes).sizes };
    if (photo.caption !== undefined) fields['caption'] = photo.caption;
    if (photo.mediaGroupId !== undefined) fields['media_group_id'] = photo.mediaGroupId;
    const stored = this.inject(chatId, userId, threadId, fields, 'photo', photo.caption ?? '');
    stored.bytes = bytes;
    return stored;
  }

  private injectDocument(
    chatId: number,
    userId: number,
    threadId: number | undefined,
    doc: {
      bytes: Uint8Array;
      fileName: string;
      mimeType?: string;
      caption?: string;
      mediaGroupId?: string;
    },
  ): StoredMessage {
    const bytes = Buffer.from(doc.bytes);
    const mime = doc.mimeType ?? guessMime(doc.fileName);
    const file = this.state.storeFile(bytes, 'documents', doc.fileName.split('.').pop() ?? 'dat', {
      mime_type: mime,
      file_name: doc.fileName,
    });
    const fields: Json = {
      document: {
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        file_name: doc.fileName,
        mime_type: mime,
        file_size: bytes.length,
      },
    };
    if (doc.caption !== undefined) fields['caption'] = doc.caption;
    if (doc.mediaGroupId !== undefined) fields['media_group_id'] = doc.mediaGroupId;
    const stored = this.inject(chatId, userId, threadId, fields, 'document', doc.caption ?? '');
    stored.bytes = bytes;
    return stored;
  }
}

function textFields(text: string): Json {
  const fields: Json = { text };
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (command) fields['entities'] = [{ type: 'bot_command', offset: 0, length: command[0].length }];
  return fields;
}

function loggable(params: Params): Json {
  const out: Json = { ...params.values };
  for (const [name, part] of params.files)
    out[`file:${name}`] = { filename: part.filename, size: part.data.length };
  return out;
}

function reply(res: ServerResponse, body: unknown, status: number): void {
  if (res.writableEnded || res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}
