import type { SupportCore } from '../src/core/ports.ts';
/**
 * Updates per second through the Telegram adapter: the real grammY client long-polling the local
 * emulator (HTTP on 127.0.0.1), the pure mapper, sequentialize, and a recording core. Two figures:
 * updates handed to the core, and full round trips (each update answered with one sendMessage).
 * Run alone with `npx tsx bench/telegram.ts`.
 */
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { TelegramAdapter } from '../src/adapters/telegram/index.ts';
import type { AgentEvent, AgentFeedback, UserEvent } from '../src/core/types.ts';
import { TelegramEmulator } from '../test/emulators/telegram/index.ts';

const USERS = 200;
const MESSAGES = 4000;

class CountingCore implements SupportCore {
  handled = 0;
  constructor(private readonly reply?: (event: UserEvent) => Promise<void>) {}
  async handleUser(event: UserEvent): Promise<void> {
    if (this.reply) await this.reply(event);
    this.handled++;
  }
  async handleAgent(_event: AgentEvent): Promise<AgentFeedback> {
    return { ok: true, text: '', quiet: true };
  }
}

async function run(withReply: boolean): Promise<number> {
  const emu = await TelegramEmulator.start();
  for (let i = 0; i < USERS; i++)
    emu.addUser({ id: 10_000 + i, first_name: `User ${i}`, language_code: 'en' });
  const adapter = new TelegramAdapter({
    token: emu.token,
    apiRoot: emu.apiRoot,
    botInfo: emu.botInfo,
    logger: pino({ level: 'silent' }),
    pollTimeoutSeconds: 1,
  });
  const core = new CountingCore(
    withReply ? (e) => adapter.channel.send(e.address, { text: 'ok' }) : undefined,
  );
  await adapter.start(core);
  // Warm up: one message per user (connections, JIT).
  for (let i = 0; i < USERS; i++) emu.userSends(10_000 + i, 'warm up');
  await emu.waitFor(() => core.handled === USERS, 'warm-up', 30_000);
  core.handled = 0;
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++)
    emu.userSends(10_000 + (i % USERS), `my withdrawal is pending ${i}`);
  await emu.waitFor(() => core.handled === MESSAGES, 'all updates', 120_000);
  const seconds = (performance.now() - started) / 1000;
  await adapter.stop();
  await emu.stop();
  return MESSAGES / seconds;
}

export async function benchTelegram(): Promise<Array<[label: string, value: string]>> {
  const handed = await run(false);
  const roundTrip = await run(true);
  return [
    ['telegram updates/s through adapter (emulator, long polling)', String(Math.round(handed))],
    [
      'telegram updates/s answered with one sendMessage each (emulator)',
      String(Math.round(roundTrip)),
    ],
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [label, value] of await benchTelegram()) process.stdout.write(`${label}: ${value}\n`);
}
