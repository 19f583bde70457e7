import type { SupportCore } from '../src/core/ports.ts';
/**
 * Discord adapter throughput against the local emulator, with the real discord.js client:
 * - DMs in: gateway MESSAGE_CREATE → discord.js → mapper → per-DM queue → core (a recording fake,
 *   so the figure is the adapter's, not the core's);
 * - button presses: INTERACTION_CREATE → acknowledgement over REST (buttons disabled) → core;
 * - DMs out: `channel.send` over REST. discord.js holds every bot to 50 requests/s globally
 *   (`rest.globalRequestsPerSecond`, Discord's global limit), so this one measures that ceiling.
 * Run alone with `npx tsx bench/discord.ts`.
 */
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { DiscordAdapter } from '../src/adapters/discord/index.ts';
import type { UserEvent } from '../src/core/types.ts';
import { DiscordEmulator } from '../test/emulators/discord/index.ts';

type Row = [label: string, value: string];

class CountingCore implements SupportCore {
  count = 0;
  async handleUser(_e: UserEvent): Promise<void> {
    this.count++;
  }
  async handleAgent() {
    return { ok: true, text: '' };
  }
}

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('bench: timed out');
    await new Promise((r) => setImmediate(r));
  }
}

export async function benchDiscord(): Promise<Row[]> {
  const emu = await DiscordEmulator.start({ interactionAckDeadlineMs: 60_000 });
  const core = new CountingCore();
  const adapter = new DiscordAdapter({
    token: emu.token,
    apiRoot: emu.apiRoot,
    logger: pino({ level: 'silent' }),
  });
  await adapter.start(core);
  try {
    const users = Array.from({ length: 200 }, (_, i) => emu.addUser({ username: `user${i}` }));
    const rows: Row[] = [];

    // DMs in.
    const dms = 5_000;
    let t0 = performance.now();
    for (let i = 0; i < dms; i++)
      emu.userSendsDm(users[i % users.length]!.id, { content: `my withdrawal is pending ${i}` });
    await until(() => core.count === dms, 60_000);
    rows.push([
      'discord DMs/s through adapter (emulator, gateway → core)',
      String(Math.round(dms / ((performance.now() - t0) / 1000))),
    ]);

    // Button presses: each is acknowledged over REST before the core gets it.
    const messages = await Promise.all(
      users.map(async (u) => {
        await adapter.channel.send(
          { platform: 'discord', chatId: emu.dmChannel(u.id).id },
          { text: 'ok?', choices: [{ id: 'yes', label: 'Yes' }] },
        );
        return emu.dmsTo(u.id).at(-1)!;
      }),
    );
    const before = core.count;
    t0 = performance.now();
    for (const [i, m] of messages.entries()) emu.pressButton(users[i]!.id, m.id, 'yes');
    await until(() => core.count === before + messages.length, 60_000);
    rows.push([
      'discord button presses/s through adapter (emulator, ack + core)',
      String(Math.round(messages.length / ((performance.now() - t0) / 1000))),
    ]);

    // DMs out.
    const sends = 150;
    t0 = performance.now();
    await Promise.all(
      Array.from({ length: sends }, (_, i) =>
        adapter.channel.send(
          { platform: 'discord', chatId: emu.dmChannel(users[i % users.length]!.id).id },
          { text: `reply ${i}` },
        ),
      ),
    );
    rows.push([
      'discord DMs sent/s through adapter (emulator; discord.js global cap 50/s)',
      String(Math.round(sends / ((performance.now() - t0) / 1000))),
    ]);
    return rows;
  } finally {
    await adapter.stop();
    await emu.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [label, value] of await benchDiscord()) console.log(`${label.padEnd(80)} ${value}`);
  process.exit(0);
}
