import type { AgentDesk, SupportCore, UserChannel } from './core/ports.ts';
/**
 * The composition root: configuration → store → adapters → core → HTTP listeners (src/http.ts:
 * health and Telegram webhook on HTTP_PORT, /metrics on METRICS_HOST:METRICS_PORT). Every dependency is built here and passed in; nothing else is global.
 * SIGTERM / SIGINT stop it cleanly: no new updates, turns in flight finish, the store closes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildCore } from './app.ts';
import { serviceClock } from './core/clock.ts';
import { loadConfig, type Config } from './config.ts';
import { ConfigError } from './core/errors.ts';
import { startHttpServer, startMetricsServer, type WebhookHandler } from './http.ts';
import { createLogger } from './log.ts';
import { createStore, redactUrl } from './store.ts';

const startedAt = performance.now();

interface PlatformAdapter {
  readonly channel: UserChannel;
  readonly desk: AgentDesk | undefined;
  start(core: SupportCore): Promise<void>;
  stop(): Promise<void>;
}

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
  if (!config.desk)
    log.warn(
      'AGENT_DESK is not set: tickets are kept in the store and wait in the outbox until a desk is configured',
    );

  const store = await createStore(config.storeUrl);
  log.info({ store: redactUrl(config.storeUrl) }, 'store ready');

  const adapters: Array<[string, PlatformAdapter]> = [];
  let webhook: WebhookHandler | undefined;
  if (config.telegram) {
    const { TelegramAdapter } = await import('./adapters/telegram/index.ts');
    const tg = new TelegramAdapter({
      token: config.telegram.token,
      ...(config.telegram.apiRoot ? { apiRoot: config.telegram.apiRoot } : {}),
      ...(config.desk?.platform === 'telegram' ? { deskChatId: config.desk.chatId } : {}),
      ...(config.agentIds.length ? { agentIds: config.agentIds } : {}),
      ...(config.telegram.webhook ? { webhook: config.telegram.webhook } : {}),
      logger: log,
      onFatal: () => void stopAll('telegram polling stopped', 1),
    });
    if (config.telegram.webhook) webhook = (req, res) => tg.handleWebhook(req, res);
    adapters.push(['telegram', tg]);
  }
  if (config.discord) {
    const { DiscordAdapter } = await import('./adapters/discord/index.ts');
    const dc = new DiscordAdapter({
      token: config.discord.token,
      ...(config.discord.apiRoot ? { apiRoot: config.discord.apiRoot } : {}),
      ...(config.desk?.platform === 'discord' ? { deskChannelId: config.desk.chatId } : {}),
      ...(config.agentRoleId ? { agentRoleId: config.agentRoleId } : {}),
      ...(config.discord.supportChannelId
        ? { supportChannelId: config.discord.supportChannelId }
        : {}),
      logger: log,
    });
    adapters.push(['discord', dc]);
  }

  const desk = adapters.map(([, a]) => a.desk).find((d) => d !== undefined);
  const core = buildCore({
    store,
    dataDir: config.dataDir,
    channels: adapters.map(([, a]) => a.channel),
    desk,
    logger: log,
    txid: config.txid,
    clock: serviceClock(config.time.hours, config.time.sla),
    deskLocale: config.deskLocale,
    ...(config.staffAlias ? { staffAlias: config.staffAlias } : {}),
    nluCacheDir: join(config.dataDir, 'cache'),
  });

  const server = config.httpPort
    ? startHttpServer(config.httpPort, store, webhook, log)
    : undefined;
  const metrics = config.metricsPort
    ? startMetricsServer(config.metricsPort, config.metricsHost, core, log)
    : undefined;

  await core.start();
  for (const [name, adapter] of adapters) {
    try {
      await adapter.start(core);
    } catch (err) {
      log.fatal({ platform: name, err }, `${name} did not start: ${(err as Error).message}`);
      await Promise.allSettled(adapters.map(([, a]) => a.stop()));
      await core.stop();
      await store.close();
      server?.close();
      metrics?.close();
      process.exit(1);
    }
  }
  log.info(
    { readyMs: Math.round(performance.now() - startedAt), platforms: adapters.map(([n]) => n) },
    'ready',
  );

  stopAll = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'stopping');
    await Promise.allSettled(adapters.map(([, a]) => a.stop()));
    await core.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    metrics?.close();
    await store.close();
    log.info('stopped');
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void stopAll('SIGTERM'));
  process.on('SIGINT', () => void stopAll('SIGINT'));
}

main().catch((err: unknown) => {
  log.fatal({ err }, `start-up failed: ${(err as Error)?.message ?? err}`);
  process.exit(1);
});
