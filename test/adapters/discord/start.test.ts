import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../../src/adapters/discord/index.ts';
import { ConfigError } from '../../../src/core/errors.ts';
import { DEFAULT_BOT_PERMISSIONS, DiscordEmulator } from '../../emulators/discord/index.ts';
import { captureLogs, startHarness, type Harness } from './harness.ts';
import { RecordingCore } from './recording-core.ts';

let h: Harness | undefined;
let emu: DiscordEmulator | undefined;
afterEach(async () => {
  await h?.close();
  await emu?.close();
  h = undefined;
  emu = undefined;
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

  it('names DISCORD_API_ROOT when nothing answers there', async () => {
    emu = await DiscordEmulator.start();
    const apiRoot = emu.apiRoot;
    await emu.close();
    emu = undefined;
    const { logger } = captureLogs();
    const adapter = new DiscordAdapter({
      token: 'x'.repeat(30),
      apiRoot,
      logger,
      restTimeoutMs: 2_000,
    });
    const error = await adapter.start(new RecordingCore()).then(
      () => new Error('start() succeeded'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/DISCORD_API_ROOT: no answer from http:\/\/127\.0\.0\.1/);
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

describe('start-up', () => {
  it('registers /help /cancel /status for DMs and /claim /close /note /reopen on the desk server', async () => {
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
    ]);
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
