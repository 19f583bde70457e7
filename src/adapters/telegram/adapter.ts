import type { PlatformAdapter, SupportCore } from '../../core/ports.ts';
/**
 * The Telegram adapter: wiring only. grammY's Bot with auto-retry and `bot.catch`, updates from
 * long polling (@grammyjs/runner, concurrent across chats, in order within one chat thanks to
 * `sequentialize`) or from a webhook (secret token checked on every request); each update goes
 * through the pure mapper to the core. Users in private chats (`channel`); agents in a forum
 * supergroup (`desk`, only when AGENT_DESK points here).
 *
 * Downtime needs no replay here (unlike Discord): Telegram keeps incoming updates until the bot
 * fetches them, up to 24 hours, so messages sent while the bot was stopped arrive on start.
 * @see https://core.telegram.org/bots/api#getting-updates
 * @see https://grammy.dev/plugins/runner
 * @see https://grammy.dev/guide/deployment-types
 * @see https://core.telegram.org/bots/api#setwebhook
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createConcurrentSink,
  createRunner,
  createSource,
  createUpdateFetcher,
  sequentialize,
  type RunnerHandle,
} from '@grammyjs/runner';
import { Bot, webhookCallback, type BotError, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { AgentEvent, AgentIdentity, UserEvent } from '../../core/types.ts';
import type { Logger } from '../../log.ts';
import { AgentDirectory } from './agents.ts';
import { AlbumCollector, mergeAgentAlbum, mergeUserAlbum, type AgentAlbumPart } from './album.ts';
import { TelegramUserChannel } from './channel.ts';
import { TelegramAgentDesk } from './desk.ts';
import { describeError } from './errors.ts';
import { fileFetcher } from './files.ts';
import { mapUpdate, topicKey, type MapperContext } from './mapper.ts';
import type { TelegramAdapterOptions } from './options.ts';
import { DEFAULT_RETRY, installTransformers } from './retry.ts';
import { SeniorDirectory } from './seniors.ts';
import { checkDesk, checkToken, registerCommands } from './startup.ts';
import { StartCancelled } from '../common/reach.ts';
import { OpenKeyboards } from '../common/open-keyboards.ts';
import { SendProgress } from '../common/resume.ts';
import { UpdateJournal } from './journal.ts';
import { botApiFetch } from './http.ts';

const DEFAULT_API_ROOT = 'https://api.telegram.org';
/** Edits too: a user's edit reaches the case marked as one, an agent's the user as a correction. */
const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

export class TelegramAdapter implements PlatformAdapter {
  readonly platform = 'telegram';
  readonly channel: TelegramUserChannel;
  /** Which DM message holds each user's current buttons (written to the store in batches). */
  private readonly keyboards: OpenKeyboards;
  readonly desk: TelegramAgentDesk | undefined;
  /** The grammY bot (exposed for tests and the bench; the core never sees it). */
  readonly bot: Bot;
  private readonly log: Logger;
  private readonly apiRoot: string;
  private readonly agents: AgentDirectory;
  private readonly seniors: SeniorDirectory;
  private readonly userAlbums: AlbumCollector<UserEvent>;
  private readonly agentAlbums: AlbumCollector<AgentAlbumPart>;
  private mapper: MapperContext | undefined;
  private core: SupportCore | undefined;
  private runner: RunnerHandle | undefined;
  private webhookHandler:
    ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  private inflight = 0;
  private idle: Array<() => void> = [];
  private stopping: Promise<void> | undefined;
  /** Aborted by stop(): ends a start-up still waiting for Telegram. */
  private readonly halt = new AbortController();
  /** Long polling: updates on disk until handled (see journal.ts). */
  private readonly journal: UpdateJournal | undefined;
  /** An album part is handled once its whole album is: what to wait for, by update id. */
  private readonly albumParts = new Map<number, () => Promise<void>>();
  /** Updates the last run left unfinished, handed to the core marked `replayed`. */
  private readonly replayed = new Set<number>();

  constructor(private readonly options: TelegramAdapterOptions) {
    this.log = options.logger.child({ module: 'telegram' });
    this.journal = options.journalFile ? new UpdateJournal(options.journalFile) : undefined;
    this.apiRoot = options.apiRoot ?? DEFAULT_API_ROOT;
    this.bot = new Bot(options.token, {
      // node:http directly instead of grammY's default node-fetch (see http.ts).
      client: { apiRoot: this.apiRoot, fetch: botApiFetch as unknown as typeof fetch },
      ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    });
    installTransformers(this.bot.api, this.log, { ...DEFAULT_RETRY, ...options.retry });
    const progress = new SendProgress(options.sharedStore);
    this.keyboards = new OpenKeyboards('tg', options.sharedStore);
    this.channel = new TelegramUserChannel(this.bot.api, this.log, progress, this.keyboards);
    this.seniors = new SeniorDirectory(
      this.bot.api,
      {
        ...(options.seniorIds === undefined ? {} : { seniorIds: options.seniorIds }),
        ...(options.deskChatId === undefined ? {} : { deskChatId: options.deskChatId }),
      },
      this.log,
    );
    this.desk =
      options.deskChatId === undefined
        ? undefined
        : new TelegramAgentDesk(this.bot.api, options.deskChatId, this.log, this.seniors, progress);
    this.agents = new AgentDirectory(
      this.bot.api,
      {
        ...(options.deskChatId === undefined ? {} : { deskChatId: options.deskChatId }),
        ...(options.agentIds === undefined ? {} : { agentIds: options.agentIds }),
        cacheMs: options.agentCacheMs ?? 60_000,
      },
      this.log,
    );
    const windowMs = options.albumWindowMs ?? 1500;
    const onError = (err: unknown) =>
      this.log.error({ err: describeError(err) }, 'album could not be handled');
    this.userAlbums = new AlbumCollector(
      windowMs,
      (parts) => this.tracked(() => this.toCore(mergeUserAlbum(parts))),
      onError,
    );
    this.agentAlbums = new AlbumCollector(
      windowMs,
      (parts) =>
        this.tracked(async () => {
          const event = mergeAgentAlbum(parts);
          if (event) return this.toCoreAgent(event);
          this.log.debug(
            { parts: parts.length },
            'agent album ignored (captioned with a command that is not ours)',
          );
        }),
      onError,
    );

    this.bot.use((_ctx, next) => this.tracked(next));
    this.bot.use(sequentialize(orderKey));
    this.bot.use((ctx) => this.handle(ctx.update));
    // Without a handler grammY stops the bot on the first error; the core logs its own turns.
    this.bot.catch((err) => {
      this.log.error(
        { updateId: err.ctx.update.update_id, err: describeError(err.error) },
        'telegram update failed',
      );
    });
  }

  /**
   * Waits for Telegram to answer (backoff, logged), checks the token and the desk (clear
   * `ConfigError`s), registers the command menus, then starts long polling — or, with `webhook`,
   * registers it with Telegram and serves `handleWebhook`. Rejects with `StartCancelled` when
   * stop() is called first.
   */
  async start(core: SupportCore): Promise<void> {
    this.core = core;
    const me =
      this.options.botInfo ??
      (await checkToken(this.bot.api, this.log, this.halt.signal, this.options.reach));
    this.bot.botInfo = me;
    this.mapper = {
      botUsername: me.username,
      fetchFile: fileFetcher(this.bot.api, this.apiRoot, this.options.token),
      ...(this.options.deskChatId === undefined ? {} : { deskChatId: this.options.deskChatId }),
    };
    const webhook = this.options.webhook;
    // The checks, the menus and (polling) the webhook's removal go to Telegram side by side: on a
    // server far from Telegram's each sequential round trip adds to the start-up.
    await Promise.all([
      this.options.deskChatId !== undefined
        ? checkDesk(this.bot.api, this.options.deskChatId, me.id)
        : undefined,
      registerCommands(this.bot.api, this.options.deskChatId, this.log),
      // getUpdates is refused (409) while a webhook is set.
      webhook ? undefined : this.bot.api.deleteWebhook(),
    ]);

    if (webhook) {
      this.webhookHandler = webhookCallback(this.bot, 'http', {
        secretToken: webhook.secret,
        // Answer Telegram within its timeout even when a turn is slow; the turn goes on.
        onTimeout: 'return',
        timeoutMilliseconds: 9_000,
      });
      await this.bot.api.setWebhook(webhook.url, {
        secret_token: webhook.secret,
        allowed_updates: [...ALLOWED_UPDATES],
      });
      this.log.info({ bot: me.username, mode: 'webhook' }, 'telegram adapter started');
      return;
    }
    await this.journal?.lock(this.halt.signal, () =>
      this.log.warn('another process polls with this DATA_DIR (its journal is locked); waiting'),
    );
    if (this.halt.signal.aborted) throw new StartCancelled('Telegram');
    this.runner = this.poll();
    void this.runner.task()?.catch((err: unknown) => {
      this.log.fatal(
        { err: describeError(err) },
        'telegram polling stopped (another instance polling, or the token was revoked)',
      );
      this.options.onFatal?.(err);
    });
    this.log.info({ bot: me.username, mode: 'polling' }, 'telegram adapter started');
  }

  /**
   * @grammyjs/runner's own parts (fetcher with retries, source, concurrent sink), with the
   * journal between them: a batch is on disk before the next getUpdates confirms it, and an
   * update is marked done only once handled. What the last run left undone is handled first.
   */
  private poll(): RunnerHandle {
    const journal = this.journal;
    const fetch = createUpdateFetcher(this.bot, {
      fetch: { timeout: this.options.pollTimeoutSeconds ?? 30, allowed_updates: ALLOWED_UPDATES },
      silent: true, // failures are logged by our transformer, without payloads
    });
    const leftover = journal?.recover() ?? [];
    const secondTry = new Set(leftover.map((u) => u.update_id));
    // A leftover whose turn had sent its replies is a plain duplicate for the core.
    for (const u of leftover)
      if (!journal?.wasAnswered(u.update_id)) this.replayed.add(u.update_id);
    if (leftover.length)
      this.log.warn(
        { updates: leftover.length },
        'handling updates the last run received but did not finish',
      );
    const source = createSource({
      supply: async (batchSize, signal) => {
        if (leftover.length) return leftover.splice(0, Math.max(1, batchSize));
        for (;;) {
          const updates = await fetch(batchSize, signal);
          const fresh = journal ? journal.received(updates) : updates;
          if (fresh.length || !updates.length) return fresh;
          this.log.info({ updates: updates.length }, 'updates delivered again were skipped');
        }
      },
    });
    const sink = createConcurrentSink<Update, BotError>(
      {
        consume: async (update) => {
          const id = update.update_id;
          let handled = false;
          try {
            await this.bot.handleUpdate(update);
            await this.albumParts.get(id)?.();
            handled = true;
          } finally {
            this.albumParts.delete(id);
            // A failed update stays in the journal for one more try at the next start; a
            // leftover that fails again is given up (logged by bot.catch), not retried forever.
            if (handled || secondTry.has(id)) journal?.done(id);
            secondTry.delete(id);
          }
        },
      },
      async (err) => {
        await this.bot.errorHandler(err);
      },
    );
    const runner = createRunner(source, sink);
    runner.start();
    return runner;
  }

  /**
   * Mount at `/telegram/webhook`. Telegram sends the secret in `X-Telegram-Bot-Api-Secret-Token`;
   * grammY answers 401 when it does not match.
   */
  async handleWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Once stopping, 503: Telegram keeps the update and delivers it again (to the next instance).
    if (!this.webhookHandler || this.stopping) {
      res.writeHead(this.options.webhook ? 503 : 404).end();
      return;
    }
    await this.webhookHandler(req, res);
  }

  /** Stops polling, hands over buffered albums, and waits for turns in flight (bounded). */
  stop(): Promise<void> {
    this.halt.abort();
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop();
    const timeout = this.options.stopTimeoutMs ?? 10_000;
    // Twice: updates still queued behind a slow turn may add album parts after the first flush.
    for (let round = 0; round < 2; round++) {
      await Promise.all([this.userAlbums.flushAll(), this.agentAlbums.flushAll()]);
      await this.drained(timeout);
    }
    await this.keyboards.flush();
    this.journal?.release();
    this.log.info('telegram adapter stopped');
  }

  /** One update: map it, then do what the route says. Runs inside sequentialize (one per chat). */
  private async handle(update: Update): Promise<void> {
    if (!this.mapper) return;
    const routed = mapUpdate(update, this.mapper);
    if (routed.route === 'user' || routed.route === 'choice') {
      if (this.replayed.delete(update.update_id)) routed.event.replayed = true;
      const journal = this.journal;
      if (journal) {
        routed.event.onRepliesSent = () => journal.repliesSent(update.update_id);
        const queued = journal.queuedAfter(update);
        if (queued) routed.event.queuedAfter = queued;
      }
    }
    switch (routed.route) {
      case 'ignore':
        this.log.debug({ updateId: update.update_id, reason: routed.reason }, 'update ignored');
        return;
      case 'ignore-callback':
        await this.answerCallback(routed.callbackId);
        return;
      case 'user': {
        const chat = routed.event.address.chatId;
        if (routed.mediaGroupId !== undefined) {
          this.albumParts.set(update.update_id, () => this.userAlbums.whenSettled(chat));
          return this.userAlbums.add(chat, routed.mediaGroupId, routed.event);
        }
        await this.userAlbums.whenSettled(chat);
        return this.toCore(routed.event);
      }
      case 'choice':
        // Answer and remove the keyboard first, so a used button cannot replay a step.
        await this.answerCallback(routed.callback.id);
        await this.channel.removeUsedKeyboard(routed.callback.chatId, routed.callback.messageId);
        await this.userAlbums.whenSettled(routed.event.address.chatId);
        return this.toCore(routed.event);
      case 'agent': {
        const event: AgentEvent = {
          ...routed.event,
          agent: await this.decide(routed.event.agent, routed.fromId),
        };
        this.seniors.seen(event.agent);
        if (event.type === 'command' && event.target && routed.targetId !== undefined) {
          const target = await this.decide(event.target, routed.targetId);
          // Never hand a case to someone who is not an agent: without a target the core looks the
          // id up among the agents it knows, and refuses a stranger.
          if (target.isAgent) event.target = target;
          else {
            delete event.target;
            event.args = target.userId;
          }
        }
        const topic = topicKey(event.desk);
        // Every part of an album, the captioned one included, waits for the others: a command
        // caption then covers the whole album (see mergeAgentAlbum).
        if (routed.mediaGroupId !== undefined) {
          this.albumParts.set(update.update_id, () => this.agentAlbums.whenSettled(topic));
          return this.agentAlbums.add(topic, routed.mediaGroupId, event);
        }
        await this.agentAlbums.whenSettled(topic);
        return this.toCoreAgent(event);
      }
      case 'agent-album-skip':
        this.albumParts.set(update.update_id, () => this.agentAlbums.whenSettled(routed.topicKey));
        return this.agentAlbums.add(routed.topicKey, routed.mediaGroupId, routed.part);
    }
  }

  /** Who someone in the desk is: an agent (AGENT_IDS or an administrator), a senior (SENIOR_AGENT_IDS, agents too). */
  private async decide(identity: AgentIdentity, userId: number): Promise<AgentIdentity> {
    const isSenior = this.seniors.has(userId);
    const isAgent = isSenior || (await this.agents.isAgent(userId));
    return { ...identity, isAgent, ...(isSenior ? { isSenior } : {}) };
  }

  private async toCore(event: UserEvent): Promise<void> {
    if (!this.core) throw new Error('telegram adapter: start(core) first');
    await this.core.handleUser(event);
  }

  /** The core decides; the agent sees its feedback in the topic, as a reply to their message. */
  private async toCoreAgent(event: AgentEvent): Promise<void> {
    if (!this.core) throw new Error('telegram adapter: start(core) first');
    const feedback = await this.core.handleAgent(event);
    if (!this.desk || (feedback.quiet && !feedback.ok)) return;
    try {
      // A quiet success (a delivered reply) gets a reaction, not a message: desk groups are rate-limited.
      if (feedback.file)
        await this.desk.feedbackFile(
          event.desk.chatId,
          event.desk.threadId,
          event.messageId,
          feedback.text,
          feedback.file,
        );
      else if (feedback.quiet || feedback.text.trim().length === 0)
        await this.desk.acknowledge(event.desk.chatId, event.messageId);
      else
        await this.desk.feedback(
          event.desk.chatId,
          event.desk.threadId,
          event.messageId,
          feedback.text,
        );
    } catch (err) {
      this.log.warn(
        { threadId: event.desk.threadId, err: describeError(err) },
        'agent feedback could not be shown',
      );
    }
  }

  /** @see https://core.telegram.org/bots/api#answercallbackquery */
  private async answerCallback(id: string): Promise<void> {
    try {
      await this.bot.api.answerCallbackQuery(id);
    } catch (err) {
      this.log.debug(
        { err: describeError(err) },
        'callback query could not be answered (too old?)',
      );
    }
  }

  /** @see https://core.telegram.org/bots/api#editmessagereplymarkup */
  private async tracked(work: () => Promise<void>): Promise<void> {
    this.inflight++;
    try {
      await work();
    } finally {
      if (--this.inflight === 0) for (const wake of this.idle.splice(0)) wake();
    }
  }

  private drained(timeoutMs: number): Promise<void> {
    if (this.inflight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.log.warn({ inflight: this.inflight }, 'stopped with turns still in flight');
        resolve();
      }, timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/**
 * Updates with the same key run one after the other: a user's DM (messages and button presses), or
 * one desk topic. Different chats run concurrently.
 */
export function orderKey(ctx: Context): string | undefined {
  const chat = ctx.chat;
  if (!chat) return undefined;
  if (chat.type === 'private') return `dm:${chat.id}`;
  return `chat:${chat.id}:${ctx.msg?.message_thread_id ?? ''}`;
}
