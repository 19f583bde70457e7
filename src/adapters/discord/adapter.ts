import type { PlatformAdapter, SupportCore } from '../../core/ports.ts';
/**
 * The Discord adapter: wiring of the real discord.js client to the core. Users write to the bot in
 * DMs (and may start from a panel in a support channel); agents work cases in threads of the desk
 * channel. Raw gateway payloads go through the pure mapper (mapper.ts); everything the bot sends
 * goes through discord.js's REST client, which owns rate limits (429 → wait → retry) and retries of
 * 5xx; reconnects and RESUME are the gateway client's.
 *
 *   const discord = new DiscordAdapter({ token, apiRoot, deskChannelId, agentRoleId, supportChannelId, logger });
 *   const core = new SupportBot({ channels: [discord.channel], desk: discord.desk, … });
 *   await discord.start(core); … await discord.stop();
 *
 * @see https://discord.js.org/docs/packages/discord.js/main/Client:Class
 * @see https://discord.com/developers/docs/events/gateway
 */
import {
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  Partials,
  PermissionFlagsBits,
  RESTEvents,
  Routes,
  type APIInteraction,
  type GatewayMessageCreateDispatchData,
  type GatewayMessageUpdateDispatchData,
} from 'discord.js';
import { ConfigError, DeliveryError, errorRef } from '../../core/errors.ts';
import { KeyedQueue } from '../../core/queue.ts';
import type { AgentFeedback } from '../../core/types.ts';
import type { Logger } from '../../log.ts';
import { StartCancelled } from '../common/reach.ts';
import { OpenKeyboards } from '../common/open-keyboards.ts';
import { SendProgress } from '../common/resume.ts';
import { DiscordUserChannel } from './channel.ts';
import { registerCommands } from './commands.ts';
import { DiscordAgentDesk } from './desk.ts';
import { errorSummary } from './errors.ts';
import { InteractionRoutes } from './interaction-routes.ts';
import { mapMessage, mapMessageUpdate, PLATFORM, type MapperContext } from './mapper.ts';
import { escapeDiscord, NO_MENTIONS } from './markdown.ts';
import type { DiscordAdapterOptions } from './options.ts';
import { ensurePanel } from './panel.ts';
import { MAX_CONTENT, truncate } from './render.ts';
import { DmReplay } from './replay.ts';
import { checkDesk, loginError, untilDiscordAnswers } from './startup.ts';
import { DEFAULT_TEXTS, type DiscordTexts } from './texts.ts';

const DEFAULT_API_ROOT = 'https://discord.com/api';

export class DiscordAdapter implements PlatformAdapter {
  readonly platform = PLATFORM;
  readonly channel: DiscordUserChannel;
  /** Which DM message holds each user's current buttons (written to the store in batches). */
  private readonly keyboards: OpenKeyboards;
  /** Defined when AGENT_DESK is a Discord channel (`deskChannelId`). */
  readonly desk: DiscordAgentDesk | undefined;

  private readonly client: Client;
  private readonly log: Logger;
  private readonly texts: DiscordTexts;
  private readonly queue = new KeyedQueue();
  /** Button presses, slash commands and the panel's button (interaction-routes.ts). */
  private readonly interactions: InteractionRoutes;
  /** DMs sent while the bot was offline (replay.ts). */
  private readonly replay: DmReplay;
  private core: SupportCore | undefined;
  private state: 'new' | 'starting' | 'started' | 'stopped' = 'new';
  /** Aborted by stop(): ends a start-up still waiting for Discord. */
  private readonly halt = new AbortController();

  constructor(private readonly options: DiscordAdapterOptions) {
    if (!options.token.trim()) throw new ConfigError(['DISCORD_BOT_TOKEN is empty']);
    this.log = options.logger.child({ module: 'discord' });
    this.texts = { ...DEFAULT_TEXTS, ...options.texts };
    this.client = new Client({
      // DMs need DirectMessages + Partials.Channel (no CHANNEL_CREATE precedes a DM); reading what
      // users and agents write needs the MessageContent privileged intent.
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMessages,
        GatewayIntentBits.DirectMessages,
        GatewayIntentBits.MessageContent,
      ],
      partials: [Partials.Channel],
      rest: { api: options.apiRoot ?? DEFAULT_API_ROOT, timeout: options.restTimeoutMs ?? 15_000 },
    });
    // Outbound calls work before the gateway is up (the core may send while we connect).
    this.client.rest.setToken(options.token);
    const progress = new SendProgress(options.sharedStore);
    this.keyboards = new OpenKeyboards('dc', options.sharedStore);
    this.channel = new DiscordUserChannel(
      this.client.rest,
      this.log.child({ role: 'user-channel' }),
      progress,
      this.keyboards,
    );
    this.desk = options.deskChannelId
      ? new DiscordAgentDesk({
          rest: this.client.rest,
          deskChannelId: options.deskChannelId,
          log: this.log.child({ role: 'desk' }),
          cachedThread: (id) => {
            const ch = this.client.channels.cache.get(id);
            return ch?.isThread() ? { name: ch.name } : undefined;
          },
          ...(options.seniorRoleId ? { seniorRoleId: options.seniorRoleId } : {}),
          progress,
        })
      : undefined;
    this.interactions = new InteractionRoutes({
      rest: this.client.rest,
      queue: this.queue,
      channel: this.channel,
      texts: this.texts,
      log: this.log,
      core: () => this.requireCore(),
      roles: () => this.roles(),
      turnFailed: (err, context) => this.turnFailed(err, context),
    });
    this.replay = new DmReplay({
      record: options.replay,
      rest: this.client.rest,
      queue: this.queue,
      log: this.log,
      handle: (message) => this.handleMessage(message),
      handleEdit: (message) => this.handleEdit(message),
      store: options.sharedStore,
      turnFailed: (err, context) => this.turnFailed(err, context),
      stopped: () => this.state === 'stopped',
    });
  }

  /**
   * Waits for Discord to answer (backoff, logged), connects, catches up on DMs sent while the bot
   * was offline (with `replay`), checks the desk channel, registers slash commands and the panel;
   * throws clear errors, or `StartCancelled` when stop() is called first.
   */
  async start(core: SupportCore): Promise<void> {
    if (this.state !== 'new') throw new Error(`DiscordAdapter cannot start: it is ${this.state}`);
    this.state = 'starting';
    this.core = core;
    this.listen();
    let ready: ReturnType<typeof waitForReady> | undefined;
    // Replays wait for the rest of start-up: none runs if it fails.
    let settle: (ok: boolean) => void = () => undefined;
    const startedOk = new Promise<boolean>((resolve) => (settle = resolve));
    try {
      await untilDiscordAnswers(this.client.rest, this.log, this.halt.signal, this.options.reach);
      const missed = await this.replay.list();
      if (this.halt.signal.aborted) throw new StartCancelled('Discord');
      ready = waitForReady(this.client, this.options.readyTimeoutMs ?? 30_000);
      try {
        await this.client.login(this.options.token);
      } catch (err) {
        throw loginError(err);
      }
      await ready.promise;
      // Queued at once, before live messages of the same DM, so each user's turns stay in order.
      this.replay.catchUp(missed, startedOk);
      const client = this.client as Client<true>;
      let deskGuildId: string | undefined;
      if (this.desk) {
        const desk = await checkDesk(client, this.desk.channelId);
        deskGuildId = desk.guildId;
        if (desk.visibleToEveryone) {
          this.log.warn(
            { deskChannelId: this.desk.channelId },
            'AGENT_DESK channel is visible to @everyone, so every member can read every case: deny View Channel to @everyone and allow it to the agent role',
          );
        }
      }
      if (deskGuildId && this.options.seniorRoleId) this.checkSeniorRole(client, deskGuildId);
      try {
        await registerCommands(
          client.rest,
          client.application.id,
          deskGuildId,
          this.options.snippetNames,
        );
      } catch (err) {
        this.log.error(
          { error: errorSummary(err) },
          'slash commands not registered (was the bot invited with the applications.commands scope?)',
        );
      }
      if (this.options.supportChannelId) {
        try {
          await ensurePanel(
            client.rest,
            this.options.supportChannelId,
            client.user.id,
            this.texts,
            this.log,
          );
        } catch (err) {
          throw new ConfigError([
            `DISCORD_SUPPORT_CHANNEL ${this.options.supportChannelId}: the panel could not be posted (${errorSummary(err)['message'] ?? 'error'}): the bot needs View Channel and Send Messages there`,
          ]);
        }
      }
      if (this.halt.signal.aborted) throw new StartCancelled('Discord');
      this.state = 'started';
      settle(true);
      this.log.info(
        {
          botUserId: client.user.id,
          desk: this.desk?.channelId,
          supportChannel: this.options.supportChannelId,
          replaying: missed.length,
        },
        'discord adapter started',
      );
    } catch (err) {
      settle(false);
      ready?.cancel();
      this.state = 'stopped';
      await this.client.destroy();
      throw err;
    }
  }

  /**
   * The senior role must exist in the desk's server, and a role ping reaches its members only when
   * the role is mentionable (Server Settings → Roles → "Allow anyone to @mention this role") or the
   * bot has Mention @everyone, @here and All Roles. Said at start; not fatal.
   * @see https://discord.com/developers/docs/topics/permissions#role-object
   */
  private checkSeniorRole(client: Client<true>, guildId: string): void {
    const roleId = this.options.seniorRoleId!;
    const guild = client.guilds.cache.get(guildId);
    const role = guild?.roles.cache.get(roleId);
    if (!guild || !role) {
      this.log.warn(
        { seniorRoleId: roleId },
        "SENIOR_ROLE_ID is not a role of the desk's server: the seniors will not be pinged",
      );
      return;
    }
    const desk = this.desk ? client.channels.cache.get(this.desk.channelId) : undefined;
    const me = guild.members.me;
    const canPingAll =
      !!me &&
      !!desk &&
      'permissionsFor' in desk &&
      !!desk.permissionsFor(me)?.has(PermissionFlagsBits.MentionEveryone);
    if (!role.mentionable && !canPingAll)
      this.log.warn(
        { seniorRoleId: roleId, role: role.name },
        'SENIOR_ROLE_ID is not mentionable, so mentions of it notify no one: allow anyone to @mention the role (Server Settings → Roles), or give the bot "Mention @everyone, @here and All Roles"',
      );
  }

  /** Stops taking events, lets running turns finish (up to 10 s), then disconnects. */
  async stop(): Promise<void> {
    this.halt.abort();
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    if (!(await this.queue.drain(10_000)))
      this.log.warn({ pending: this.queue.size }, 'stopping with turns still running');
    await this.keyboards.flush();
    await this.client.destroy();
    this.log.info('discord adapter stopped');
  }

  private get accepting(): boolean {
    return this.state === 'starting' || this.state === 'started';
  }

  private listen(): void {
    const { client, log } = this;
    client.on(Events.Error, (err) =>
      log.error({ error: errorSummary(err) }, 'discord client error'),
    );
    client.on(Events.Warn, (message) => log.warn({ detail: message }, 'discord client warning'));
    client.on(Events.ShardError, (err, shardId) =>
      log.warn({ shardId, error: errorSummary(err) }, 'gateway connection error'),
    );
    client.on(Events.ShardReconnecting, (shardId) => log.warn({ shardId }, 'gateway reconnecting'));
    client.on(Events.ShardResume, (shardId, replayed) =>
      log.info({ shardId, replayed }, 'gateway resumed'),
    );
    client.on(Events.ShardDisconnect, (event, shardId) =>
      log.error({ shardId, code: event.code }, 'gateway closed and will not reconnect'),
    );
    client.rest.on(RESTEvents.RateLimited, (info) =>
      log.debug(
        { route: info.route, retryAfterMs: info.retryAfter, global: info.global },
        'rate limited: discord.js waits and retries',
      ),
    );
    client.ws.on(GatewayDispatchEvents.MessageCreate, (data: GatewayMessageCreateDispatchData) =>
      this.onMessage(data),
    );
    // Edits: a user's reaches their case marked as one, an agent's the user as a correction.
    client.ws.on(GatewayDispatchEvents.MessageUpdate, (data: GatewayMessageUpdateDispatchData) =>
      this.onMessageUpdate(data),
    );
    client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: APIInteraction) => {
      if (this.accepting) void this.interactions.handle(data);
    });
  }

  // ── messages ─────────────────────────────────────────────────────────────────────────────────

  private onMessage(data: GatewayMessageCreateDispatchData): void {
    if (!this.accepting || data.author.bot) return;
    this.queue
      .run(data.channel_id, () => this.handleMessage(data))
      .catch((err) => this.turnFailed(err, { channelId: data.channel_id, messageId: data.id }));
  }

  /** An edited message, in the channel's order (caught up after downtime: replay.ts). */
  private onMessageUpdate(data: GatewayMessageUpdateDispatchData): void {
    if (!this.accepting || !data.author || data.author.bot) return;
    this.queue
      .run(data.channel_id, () => this.handleEdit(data))
      .catch((err) => this.turnFailed(err, { channelId: data.channel_id, messageId: data.id }));
  }

  /** One edit, live or replayed; runs inside the channel's queue. */
  private async handleEdit(data: GatewayMessageUpdateDispatchData): Promise<void> {
    const mapped = mapMessageUpdate(data, await this.messageContext(data));
    if (mapped.route === 'ignore') return;
    if (mapped.route === 'user') {
      try {
        return await this.requireCore().handleUser(mapped.event);
      } finally {
        // Handed to the core once: a restart replays only edits made after it.
        await this.replay.rememberEdit(data);
      }
    }
    const feedback = await this.requireCore().handleAgent(mapped.event);
    await this.showFeedbackInThread(data, feedback);
  }

  /** One message, live or replayed; runs inside the channel's queue. */
  private async handleMessage(data: GatewayMessageCreateDispatchData): Promise<void> {
    if (data.author.bot) return;
    const mapped = mapMessage(data, await this.messageContext(data));
    if (mapped.route === 'ignore') return;
    if (mapped.route === 'user') {
      try {
        return await this.requireCore().handleUser(mapped.event);
      } finally {
        // Handed to the core once: a turn that failed is not replayed at every start.
        await this.replay.remember(data);
      }
    }
    const feedback = await this.requireCore().handleAgent(mapped.event);
    await this.showFeedbackInThread(data, feedback);
  }

  private async messageContext(data: GatewayMessageCreateDispatchData): Promise<MapperContext> {
    const { deskChannelId } = this.options;
    const ctx: MapperContext = {
      botUserId: this.client.user?.id ?? '',
      download: (url) => this.download(url),
      ...this.roles(),
    };
    if (!data.guild_id || !deskChannelId) return ctx;
    const guild = this.client.guilds.cache.get(data.guild_id);
    if (guild) {
      ctx.guildOwnerId = guild.ownerId;
      ctx.adminRoleIds = new Set(
        guild.roles.cache
          .filter((r) => r.permissions.has(PermissionFlagsBits.Administrator))
          .map((r) => r.id),
      );
    }
    const channel =
      this.client.channels.cache.get(data.channel_id) ??
      (await this.client.channels.fetch(data.channel_id).catch(() => null));
    if (channel)
      ctx.channel = {
        type: channel.type,
        parentId: 'parentId' in channel ? channel.parentId : null,
      };
    return ctx;
  }

  /** A reply reached the user: ✅ on the agent's message; anything else: the core's text as a reply. */
  private async showFeedbackInThread(
    data: GatewayMessageCreateDispatchData,
    feedback: AgentFeedback,
  ): Promise<void> {
    if (feedback.quiet && !feedback.ok) return; // not a case thread: nothing to say
    const rest = this.client.rest;
    try {
      // Only a quiet success is a bare ✅; anything with something to say (a refused file, a
      // command's answer) is posted as a reply so the agent reads it.
      if (feedback.ok && feedback.quiet) {
        await rest.put(
          Routes.channelMessageOwnReaction(data.channel_id, data.id, encodeURIComponent('✅')),
        );
      } else {
        await rest.post(Routes.channelMessages(data.channel_id), {
          body: {
            content: truncate(escapeDiscord(feedback.text), MAX_CONTENT) || '⚠️',
            message_reference: { message_id: data.id, fail_if_not_exists: false },
            allowed_mentions: NO_MENTIONS,
          },
        });
      }
    } catch (err) {
      this.log.warn(
        { threadId: data.channel_id, error: errorSummary(err) },
        'agent feedback not shown',
      );
    }
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────────────────

  /** The desk and the roles the mapper decides agents and seniors by. */
  private roles(): Pick<MapperContext, 'deskChannelId' | 'agentRoleId' | 'seniorRoleId'> {
    const { deskChannelId, agentRoleId, seniorRoleId } = this.options;
    return {
      ...(deskChannelId ? { deskChannelId } : {}),
      ...(agentRoleId ? { agentRoleId } : {}),
      ...(seniorRoleId ? { seniorRoleId } : {}),
    };
  }

  private requireCore(): SupportCore {
    if (!this.core) throw new Error('DiscordAdapter: start(core) was not called');
    return this.core;
  }

  /** Attachment bytes, fetched at intake: Discord's CDN links expire. */
  private async download(url: string): Promise<Uint8Array> {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(this.options.downloadTimeoutMs ?? 30_000),
    });
    if (!res.ok)
      throw new DeliveryError(
        'platform_unavailable',
        `attachment download answered HTTP ${res.status}`,
      );
    return new Uint8Array(await res.arrayBuffer());
  }

  /** The one boundary for a turn's failure: logged with a short reference, which is returned. */
  private turnFailed(err: unknown, context: Record<string, unknown>): string {
    const ref = errorRef();
    this.log.error({ ref, ...context, error: errorSummary(err) }, 'discord turn failed');
    return ref;
  }
}

function waitForReady(
  client: Client,
  timeoutMs: number,
): { promise: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let onReady: (() => void) | undefined;
  const promise = new Promise<void>((resolve, reject) => {
    onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    timer = setTimeout(
      () => reject(new Error(`Discord gateway not ready after ${timeoutMs} ms`)),
      timeoutMs,
    );
    client.once(Events.ClientReady, onReady);
  });
  promise.catch(() => undefined);
  return {
    promise,
    cancel: () => {
      clearTimeout(timer);
      if (onReady) client.off(Events.ClientReady, onReady);
    },
  };
}
