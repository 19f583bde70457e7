import type { SupportCore } from '../../../src/core/ports.ts';
import { DeliveryError } from '../../../src/core/errors.ts';
import { pino } from 'pino';
import { TelegramAdapter } from '../../../src/adapters/telegram/index.ts';
import type { TelegramAdapterOptions } from '../../../src/adapters/telegram/options.ts';
import { TelegramEmulator, type DeskSetup } from '../../emulators/telegram/index.ts';
import { RecordingCore } from './recording-core.ts';

export const USER = {
  id: 501,
  first_name: 'Mei',
  last_name: 'Lin',
  username: 'meilin',
  language_code: 'zh-hans',
};
/** An administrator of the desk group: an agent when AGENT_IDS is unset. */
export const AGENT = { id: 901, first_name: 'Alice', username: 'alice_agent' };
/** Not in the desk group at all. */
export const STRANGER = { id: 902, first_name: 'Mallory' };
/** A plain member of the desk group (not an administrator): not an agent. */
export const MEMBER = { id: 903, first_name: 'Bob' };

export const JPEG = new Uint8Array([
  0xff,
  0xd8,
  0xff,
  0xe0,
  0,
  16,
  74,
  70,
  73,
  70,
  0,
  1,
  ...Array.from({ length: 64 }, (_, i) => i),
]);
export const PNG = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  ...Array.from({ length: 64 }, (_, i) => 255 - i),
]);

export function testLogger() {
  return pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
}

export interface TelegramSetup {
  emu: TelegramEmulator;
  adapter: TelegramAdapter;
  core: SupportCore;
  deskId: number | undefined;
  /** Stops the adapter and starts a new one on the same emulator (a restart), with this core. */
  restart(
    core?: SupportCore | ((adapter: TelegramAdapter) => Promise<SupportCore>),
  ): Promise<TelegramAdapter>;
  stop(): Promise<void>;
}

/**
 * The real grammY client against a fresh emulator: a user, an agent who is a desk administrator, a
 * plain desk member, a stranger who is neither, and (unless `desk: false`) a forum desk where the
 * bot may manage topics.
 */
export async function startTelegram(
  opts: {
    /** A core, or a factory given the adapter (the real core needs its channel and desk). */
    core?: SupportCore | ((adapter: TelegramAdapter) => Promise<SupportCore>);
    desk?: false | DeskSetup;
    adapter?: Partial<TelegramAdapterOptions>;
    /** Pass botInfo so no getMe is made (default true). */
    skipGetMe?: boolean;
    emulator?: TelegramEmulator;
  } = {},
): Promise<TelegramSetup> {
  const emu = opts.emulator ?? (await TelegramEmulator.start());
  emu.addUser(USER);
  emu.addUser(AGENT);
  emu.addUser(STRANGER);
  emu.addUser(MEMBER);
  const deskId = opts.desk === false ? undefined : emu.createDesk(opts.desk ?? {});
  if (deskId !== undefined) {
    emu.setMember(deskId, AGENT.id, 'administrator');
    emu.setMember(deskId, MEMBER.id, 'member');
  }
  const options = (): TelegramAdapterOptions => ({
    token: emu.token,
    apiRoot: emu.apiRoot,
    logger: testLogger(),
    albumWindowMs: 150,
    pollTimeoutSeconds: 1,
    retry: { maxRetryAttempts: 5, maxDelaySeconds: 5 },
    ...(deskId !== undefined ? { deskChatId: String(deskId) } : {}),
    ...(opts.skipGetMe === false ? {} : { botInfo: emu.botInfo }),
    ...opts.adapter,
  });
  const adapters: TelegramAdapter[] = [];
  const adapter = new TelegramAdapter(options());
  adapters.push(adapter);
  const core =
    typeof opts.core === 'function' ? await opts.core(adapter) : (opts.core ?? new RecordingCore());
  await adapter.start(core);
  return {
    emu,
    adapter,
    core,
    deskId,
    async restart(next = core) {
      await adapters.at(-1)!.stop();
      const again = new TelegramAdapter(options());
      adapters.push(again);
      await again.start(typeof next === 'function' ? await next(again) : next);
      return again;
    },
    async stop() {
      for (const a of adapters) await a.stop();
      await emu.stop();
    },
  };
}

/** The DeliveryError a send / desk call rejected with (fails the test if it resolved). */
export async function deliveryError(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DeliveryError) return err;
    throw err;
  }
  throw new Error('expected a DeliveryError');
}
