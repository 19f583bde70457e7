import type { KeyValueStore, PlatformAdapter } from './core/ports.ts';
/**
 * The composition root: configuration → store → adapters → core → HTTP listeners (src/http.ts:
 * health and Telegram webhook on HTTP_PORT, /metrics on METRICS_HOST:METRICS_PORT). Every dependency is built here and passed in; nothing else is global.
 * SIGTERM / SIGINT stop it cleanly: no new updates, turns in flight finish, the store closes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayEntry, ReplayRecord } from './adapters/discord/replay.ts';
import { buildCore, configuredParts, sharedTexts } from './app.ts';
import type { SupportBot } from './core/bot.ts';
import { loadConfig, type Config } from './config.ts';
import { ConfigError } from './core/errors.ts';
import { startHttpServer, startMetricsServer, type WebhookHandler } from './http.ts';
import { createLogger } from './log.ts';
import { createStore, redactUrl } from './store.ts';

const startedAt = performance.now();

// A `.env` in the working directory (see .env.example) fills in what the environment does not set.
if (existsSync('.env')) process.loadEnvFile('.env');

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : String(err)}\nSee .env.example for every variable.\n`,
  );
  process.exit(1);
}
const log = createLogger({ level: config.logLevel });

if (!config.telegram && !config.discord) {
  log.fatal(
    'nothing to start: set TELEGRAM_BOT_TOKEN and/or DISCORD_BOT_TOKEN (see .env.example); to try the bot without a token, run `npm run chat`',
  );
  process.exit(1);
}

let stopping = false;
let stopAll: (reason: string, exitCode?: number) => Promise<void> = async (_reason, exitCode = 1) =>
  process.exit(exitCode);

async function main(): Promise<void> {
  for (const warning of config.warnings) log.warn(warning);
  if (!config.desk)
    log.warn(
      'AGENT_DESK is not set: tickets are kept in the store and wait in the outbox until a desk is configured',
    );

  const store = await createStore(config.storeUrl);
  log.info({ store: redactUrl(config.storeUrl) }, 'store ready');

  /** The trained model and the parsed intents, texts and snippets (see README). */
  const cacheDir = join(config.dataDir, 'cache');
  const adapters: PlatformAdapter[] = [];
  let webhook: WebhookHandler | undefined;
  // The core is built from the adapters' ports; the replay record reaches it through this.
  const built: { core?: SupportBot } = {};
  if (config.telegram) {
    const { TelegramAdapter } = await import('./adapters/telegram/index.ts');
    const tg = new TelegramAdapter({
      token: config.telegram.token,
      ...(config.telegram.apiRoot ? { apiRoot: config.telegram.apiRoot } : {}),
      ...(config.desk?.platform === 'telegram' ? { deskChatId: config.desk.chatId } : {}),
      ...(config.agentIds.length ? { agentIds: config.agentIds } : {}),
      ...(config.seniorIds.length ? { seniorIds: config.seniorIds } : {}),
      ...(config.telegram.webhook ? { webhook: config.telegram.webhook } : {}),
      logger: log,
      journalFile: join(config.dataDir, 'telegram-updates.ndjson'),
      sharedStore: store,
      onFatal: () => void stopAll('telegram polling stopped', 1),
    });
    if (config.telegram.webhook) webhook = (req, res) => tg.handleWebhook(req, res);
    adapters.push(tg);
  }
  if (config.discord) {
    const { DiscordAdapter } = await import('./adapters/discord/index.ts');
    const dc = new DiscordAdapter({
      token: config.discord.token,
      sharedStore: store,
      ...(config.discord.apiRoot ? { apiRoot: config.discord.apiRoot } : {}),
      ...(config.desk?.platform === 'discord' ? { deskChannelId: config.desk.chatId } : {}),
      ...(config.agentRoleId ? { agentRoleId: config.agentRoleId } : {}),
      ...(config.seniorRoleId ? { seniorRoleId: config.seniorRoleId } : {}),
      // `/snippet` offers the snippet names as choices.
      snippetNames: sharedTexts(cacheDir).snippets.names(),
      ...(config.discord.supportChannelId
        ? { supportChannelId: config.discord.supportChannelId }
        : {}),
      replay: storeReplayRecord(store, () => built.core),
      logger: log,
    });
    adapters.push(dc);
  }

  const desk = adapters.map((a) => a.desk).find((d) => d !== undefined);
  const core = buildCore({
    store,
    dataDir: config.dataDir,
    channels: adapters.flatMap((a) => (a.channel ? [a.channel] : [])),
    desk,
    logger: log,
    ...configuredParts(config),
    nluCacheDir: cacheDir,
  });
  built.core = core;

  const server = config.httpPort
    ? startHttpServer(config.httpPort, store, webhook, log)
    : undefined;
  const metrics = config.metricsPort
    ? startMetricsServer(config.metricsPort, config.metricsHost, core, log)
    : undefined;

  // From here on a signal stops everything cleanly, even while a platform is still awaited.
  stopAll = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'stopping');
    await Promise.allSettled(adapters.map((a) => a.stop()));
    await core.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    metrics?.close();
    await store.close();
    log.info('stopped');
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void stopAll('SIGTERM'));
  process.on('SIGINT', () => void stopAll('SIGINT'));

  await core.start();
  // Side by side: one platform that is slow to answer does not hold up the other.
  await Promise.all(
    adapters.map(async (adapter) => {
      try {
        await adapter.start(core);
      } catch (err) {
        if (stopping) return; // stop() cancelled the start
        const name = adapter.platform;
        log.fatal({ platform: name, err }, `${name} did not start: ${(err as Error).message}`);
        await stopAll(`${name} did not start`, 1);
      }
    }),
  );
  if (stopping) return;
  log.info(
    {
      readyMs: Math.round(performance.now() - startedAt),
      platforms: adapters.map((a) => a.platform),
    },
    'ready',
  );
  // What the first message would otherwise build, now that the platforms are polling.
  void core.warmUp().then((ms) => log.info({ ms: Math.round(ms) }, 'warmed up'));
}

/**
 * The Discord adapter's replay record (src/adapters/discord/replay.ts), kept here until the core
 * offers it: per Discord user the DM channel and the last DM message handed to the core (kept
 * 30 days), an index of those users, and "open" read from the core (a conversation that is not
 * idle, or an open ticket).
 */
function storeReplayRecord(store: KeyValueStore, core: () => SupportBot | undefined): ReplayRecord {
  const KEEP_MS = 30 * 24 * 60 * 60_000;
  const INDEX = 'adapter:v1:discord:replay-index';
  const key = (userId: string) => `adapter:v1:discord:replay:${userId}`;
  const indexed = new Set<string>();
  let indexWrites = Promise.resolve();
  return {
    async list() {
      const bot = core();
      if (!bot) return [];
      const ids = (await store.get<string[]>(INDEX)) ?? [];
      const withTicket = new Set(
        (await bot.openTickets())
          .filter((t) => t.userAddress.platform === 'discord')
          .map((t) => t.user.userId),
      );
      const out: ReplayEntry[] = [];
      const known: string[] = [];
      for (const userId of ids) {
        const last = await store.get<{ channelId: string; messageId: string }>(key(userId));
        if (!last) continue; // expired
        known.push(userId);
        const conv = await bot.repo.conversation('discord', userId);
        if (withTicket.has(userId) || (conv && conv.phase !== 'idle'))
          out.push({ userId, channelId: last.channelId, afterMessageId: last.messageId });
      }
      for (const id of known) indexed.add(id);
      if (known.length !== ids.length) await store.set(INDEX, known);
      return out;
    },
    async remember(userId, channelId, messageId) {
      await store.set(key(userId), { channelId, messageId }, KEEP_MS);
      if (indexed.has(userId)) return;
      const write = indexWrites.then(async () => {
        const ids = (await store.get<string[]>(INDEX)) ?? [];
        if (!ids.includes(userId)) await store.set(INDEX, [...ids, userId]);
        indexed.add(userId);
      });
      indexWrites = write.catch(() => undefined);
      await write;
    },
  };
}

main().catch((err: unknown) => {
  log.fatal({ err }, `start-up failed: ${(err as Error)?.message ?? err}`);
  process.exit(1);
});
