import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../../src/adapters/discord/index.ts';
import { StartCancelled } from '../../../src/adapters/common/reach.ts';
import { ConfigError } from '../../../src/core/errors.ts';
import { DEFAULT_BOT_PERMISSIONS, DiscordEmulator } from '../../emulators/discord/index.ts';
import { freePort } from '../../emulators/free-port.ts';
import { captureLogs, startHarness, type Harness } from './harness.ts';
import { RecordingCore } from './recording-core.ts';

let h: Harness | undefined;
let emu: DiscordEmulator | undefined;
let adapter: DiscordAdapter | undefined;
afterEach(async () => {
  await adapter?.stop();
  await h?.close();
  await emu?.close();
  h = undefined;
  emu = undefined;
  adapter = undefined;
});

async function startError(options: Parameters<typeof startHarness>[0]): Promise<Error> {
  try {
    h = await startHarness(options);
  } catch (err) {
    return err as Error;
  }
  throw new Error('start() succeeded');
}

describe('start-up errors', () => {
  it('refuses a bad token with an error naming DISCORD_BOT_TOKEN (401)', async () => {
    const error = await startError({ adapter: { token: 'not-the-token-000000000000000000' } });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/DISCORD_BOT_TOKEN: 401/);
  });

  it('refuses a desk channel the bot cannot see (50001 Missing Access)', async () => {
    const error = await startError({
      before: (e, { desk }) => {
        desk.permission_overwrites = [
          {
            id: e.botRoleId,
            type: 0,
            allow: '0',
            deny: PermissionFlagsBits.ViewChannel.toString(),
          },
        ];
      },
    });
    expect(error.message).toMatch(
      /AGENT_DESK channel \d+: the bot cannot see it \(50001 Missing Access\)/,
    );
  });

  it('refuses an unknown desk channel (10003)', async () => {
    const error = await startError({ adapter: { deskChannelId: '1234567890123456789' } });
    expect(error.message).toMatch(
      /AGENT_DESK channel 1234567890123456789: unknown channel \(10003\)/,
    );
  });

  it('refuses a desk channel where the bot cannot open threads, listing what is missing', async () => {
    const error = await startError({
      emulator: {
        botPermissions:
          DEFAULT_BOT_PERMISSIONS &
          ~PermissionFlagsBits.CreatePublicThreads &
          ~PermissionFlagsBits.ManageThreads,
      },
    });
    expect(error.message).toMatch(
      /cannot open case threads there; missing permissions: ManageThreads, CreatePublicThreads/,
    );
  });
});

const messagesOf = (logs: string[]) => logs.map((l) => String(JSON.parse(l).msg));

async function until(predicate: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a Discord that does not answer at start-up', () => {
  const fast = { initialDelayMs: 40, maxDelayMs: 160 };
  const TOKEN = 'emulator.bot.token-late-000000000000000000';

  it('is waited for, said in the log each time, and the bot starts once it answers', async () => {
    const port = await freePort();
    const { logger, logs } = captureLogs();
    adapter = new DiscordAdapter({
      token: TOKEN,
      apiRoot: `http://127.0.0.1:${port}/api`,
      logger,
      reach: fast,
    });
    const core = new RecordingCore();
    let started = false;
    const starting = adapter.start(core).then(() => (started = true));
    const refused = () =>
      messagesOf(logs).filter((m) =>
        /^Discord not reachable \(ECONNREFUSED\), retrying in \d/.test(m),
      );
    await until(() => refused().length >= 2, 'two retries');
    expect(started).toBe(false);
    emu = await DiscordEmulator.start({ port, token: TOKEN, heartbeatIntervalMs: 1_000 });
    await starting;
    expect(messagesOf(logs)).toContain('discord adapter started');
    const user = emu.addUser({ username: 'alice' });
    emu.userSendsDm(user.id, { content: 'hello' });
    await emu.waitFor(() => core.userEvents.length > 0, 5_000, 'the DM');
  });

  it('waits out 5xx answers too', async () => {
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1_000 });
    // discord.js retries a 5xx 3 times itself: 4 failures are one failed attempt for the adapter.
    emu.failNext(4, { status: 502, match: { path: /^\/gateway\/bot$/ } });
    const { logger, logs } = captureLogs();
    adapter = new DiscordAdapter({ token: emu.token, apiRoot: emu.apiRoot, logger, reach: fast });
    await adapter.start(new RecordingCore());
    expect(
      messagesOf(logs).filter((m) => m.startsWith('Discord not reachable (HTTP 502), retrying in')),
    ).toHaveLength(1);
  });

  it('ends the wait when the adapter is stopped', async () => {
    const port = await freePort();
    const { logger, logs } = captureLogs();
    const waiting = new DiscordAdapter({
      token: TOKEN,
      apiRoot: `http://127.0.0.1:${port}/api`,
      logger,
      reach: { initialDelayMs: 60_000 },
    });
    const starting = waiting.start(new RecordingCore());
    await until(
      () => messagesOf(logs).some((m) => m.startsWith('Discord not reachable')),
      'the first retry',
    );
    await waiting.stop();
    await expect(starting).rejects.toBeInstanceOf(StartCancelled);
  });
});

describe('start-up', () => {
  it('registers /help /cancel /status for DMs and the desk commands on the desk server', async () => {
    h = await startHarness();
    expect(h.emu.commands.global.map((c) => [c['name'], c['contexts']])).toEqual([
      ['help', [1]],
      ['cancel', [1]],
      ['status', [1]],
    ]);
    expect(h.emu.commands.guild.get(h.emu.guildId)!.map((c) => c['name'])).toEqual([
      'claim',
      'close',
      'note',
      'reopen',
      'transfer',
      'unclaim',
      'escalate',
      'queue',
      'transcript',
      'snippet',
      'snippets',
    ]);
  });

  it('registers the desk commands with their options: a user to transfer to, a reason, a snippet', async () => {
    h = await startHarness({ adapter: { snippetNames: ['checking', 'closing'] } });
    const options = (name: string) =>
      h!.emu.commands.guild.get(h!.emu.guildId)!.find((c) => c['name'] === name)!['options'];
    expect(options('transfer')).toEqual([
      expect.objectContaining({ name: 'agent', type: 6, required: true }),
    ]);
    expect(options('escalate')).toEqual([
      expect.objectContaining({ name: 'reason', type: 3, required: false }),
    ]);
    expect(options('snippet')).toEqual([
      expect.objectContaining({
        name: 'name',
        type: 3,
        required: true,
        choices: [
          { name: 'checking', value: 'checking' },
          { name: 'closing', value: 'closing' },
        ],
      }),
      expect.objectContaining({ name: 'values', type: 3, required: false }),
    ]);
  });

  it('warns at start when the senior role cannot be pinged, and not when it can', async () => {
    const start = async (mentionable: boolean) => {
      // `before` runs before the adapter is built: the role's id reaches its options.
      const adapterOptions: { seniorRoleId?: string } = {};
      return startHarness({
        adapter: adapterOptions,
        before: (e) => {
          adapterOptions.seniorRoleId = e.addRole('senior', 0n, { mentionable }).id;
        },
      });
    };
    h = await start(false);
    expect(h.logs.join('')).toMatch(/SENIOR_ROLE_ID is not mentionable/);
    await h.close();
    h = await start(true);
    expect(h.logs.join('')).not.toMatch(/SENIOR_ROLE_ID/);
  });

  it('has no desk when no desk channel is configured, and registers no desk commands', async () => {
    h = await startHarness({ desk: 'none' });
    expect(h.adapter.desk).toBeUndefined();
    expect(h.emu.commands.guild.size).toBe(0);
  });

  it('warns when every member can read the desk channel', async () => {
    h = await startHarness({ before: (_e, { desk }) => (desk.permission_overwrites = []) });
    expect(h.logs.some((l) => l.includes('visible to @everyone'))).toBe(true);
  });

  it('does not warn about a desk channel only agents can view', async () => {
    h = await startHarness();
    expect(h.logs.some((l) => l.includes('visible to @everyone'))).toBe(false);
  });

  it('never writes the token to the logs, even at trace level', async () => {
    h = await startHarness();
    const user = h.emu.addUser({ username: 'alice' });
    h.emu.closeDms(user.id);
    await h.adapter.channel
      .send({ platform: 'discord', chatId: h.emu.dmChannel(user.id).id }, { text: 'hi' })
      .catch(() => undefined);
    expect(h.logs.length).toBeGreaterThan(0);
    expect(h.logs.join('\n')).not.toContain(h.emu.token);
  });
});
