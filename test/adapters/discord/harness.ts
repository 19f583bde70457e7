import type { SupportCore } from '../../../src/core/ports.ts';
/**
 * Test harness: the Discord emulator with a guild set up as in production (an agent role, an agent,
 * a member who is not an agent, a desk channel only the agent role can view, a support channel),
 * and a started `DiscordAdapter` (the real discord.js client) wired to a core.
 */
import { Writable } from 'node:stream';
import { DiscordAdapter } from '../../../src/adapters/discord/index.ts';
import type { DiscordAdapterOptions } from '../../../src/adapters/discord/options.ts';
import { createLogger } from '../../../src/log.ts';
import {
  DiscordEmulator,
  type EmuChannel,
  type EmuUser,
  type EmulatorOptions,
} from '../../emulators/discord/index.ts';
import { RecordingCore } from './recording-core.ts';

export interface Harness {
  emu: DiscordEmulator;
  adapter: DiscordAdapter;
  core: RecordingCore;
  agentRoleId: string;
  agent: EmuUser;
  outsider: EmuUser;
  desk: EmuChannel;
  support: EmuChannel;
  /** Every log line the adapter wrote (JSON). */
  logs: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  desk?: 'text' | 'forum' | 'none';
  supportChannel?: boolean;
  emulator?: EmulatorOptions;
  adapter?: Partial<DiscordAdapterOptions>;
  /** Build the core from the adapter (the real core in end-to-end tests); default a RecordingCore. */
  core?: (adapter: DiscordAdapter) => SupportCore | Promise<SupportCore>;
  /** Set up the emulator before the adapter starts. */
  before?: (emu: DiscordEmulator, h: Pick<Harness, 'agentRoleId' | 'desk' | 'support'>) => void;
  start?: boolean;
}

export function captureLogs(): { logs: string[]; logger: ReturnType<typeof createLogger> } {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  return { logs, logger: createLogger({ level: 'trace', destination }) };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1_000, ...options.emulator });
  const agentRole = emu.addRole('support-agent');
  const agent = emu.addMember({ username: 'agent.ana', globalName: 'Ana', roles: [agentRole.id] });
  const outsider = emu.addMember({ username: 'random.rob', globalName: 'Rob' });
  const deskKind = options.desk ?? 'text';
  const desk =
    deskKind === 'forum'
      ? emu.addForumChannel('cases', emu.privateTo(agentRole.id))
      : emu.addTextChannel('cases', emu.privateTo(agentRole.id));
  const support = emu.addTextChannel('support');
  options.before?.(emu, { agentRoleId: agentRole.id, desk, support });
  const { logs, logger } = captureLogs();
  const core = new RecordingCore();
  const adapter = new DiscordAdapter({
    token: emu.token,
    apiRoot: emu.apiRoot,
    agentRoleId: agentRole.id,
    logger,
    ...(deskKind !== 'none' ? { deskChannelId: desk.id } : {}),
    ...(options.supportChannel ? { supportChannelId: support.id } : {}),
    ...options.adapter,
  });
  const realCore = options.core ? await options.core(adapter) : core;
  if (options.start !== false) await adapter.start(realCore);
  return {
    emu,
    adapter,
    core,
    agentRoleId: agentRole.id,
    agent,
    outsider,
    desk,
    support,
    logs,
    close: async () => {
      await adapter.stop();
      await emu.close();
    },
  };
}

export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
