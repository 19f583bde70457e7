/**
 * `npm run chat`: the whole product in a terminal — you are the user and the agent desk. Uses an
 * in-memory store unless `--store URL` is given (e.g. `npm run chat -- --store sqlite://./data/chat.sqlite`
 * to see a conversation survive a restart). Logs go to data/chat.log, not the screen.
 */
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildCore, configuredParts } from './app.ts';
import { createLogger } from './log.ts';
import { createStore } from './store.ts';
import { loadConfig } from './config.ts';
import { ConfigError } from './core/errors.ts';
import { CONSOLE_HELP, ConsoleAdapter } from './adapters/console/adapter.ts';

if (existsSync('.env')) process.loadEnvFile('.env');
const storeArg = process.argv.indexOf('--store');
let config;
try {
  config = loadConfig({
    ...process.env,
    TELEGRAM_BOT_TOKEN: undefined,
    DISCORD_BOT_TOKEN: undefined,
    AGENT_DESK: undefined,
    TELEGRAM_API_ROOT: undefined,
    TELEGRAM_WEBHOOK_URL: undefined,
  });
} catch (err) {
  process.stderr.write(err instanceof ConfigError ? err.message + '\n' : String(err) + '\n');
  process.exit(1);
}
mkdirSync(config.dataDir, { recursive: true });
const logger = createLogger({
  level: config.logLevel,
  destination: createWriteStream(join(config.dataDir, 'chat.log'), { flags: 'a' }),
});
const store = await createStore(storeArg > 0 ? process.argv[storeArg + 1]! : 'memory://');
// `@cases` lists the core's open tickets (the core is built next, from the adapter's ports).
const chat = new ConsoleAdapter(process.stdout, { openTickets: () => core.openTickets() });
const core = buildCore({
  store,
  dataDir: config.dataDir,
  channels: [chat.channel],
  desk: chat.desk,
  logger,
  ...configuredParts(config),
});
await core.start();
void core.warmUp(); // while the user reads the help
await chat.start(core);

process.stdout.write(
  CONSOLE_HELP +
    '\nTry: my withdrawal has been pending for 3 days   (or: 我的提现三天了还没到账)\n\n',
);
const rl = createInterface({
  input: process.stdin,
  output: process.stdout,
  prompt: 'you  › ',
  terminal: process.stdin.isTTY,
});
if (process.stdin.isTTY) rl.prompt();
for await (const line of rl) {
  if (!process.stdin.isTTY) process.stdout.write(`you  › ${line}\n`);
  if ((await chat.handleLine(line)) === 'quit') break;
  if (process.stdin.isTTY) rl.prompt();
}
rl.close();
await chat.stop();
await core.stop();
await store.close();
