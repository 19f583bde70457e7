import type { AgentDesk, KeyValueStore, UserChannel } from '../../src/core/ports.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { buildCore } from '../../src/app.ts';
import type { ServiceClock } from '../../src/core/flow/step.ts';
import type { Locale } from '../../src/core/texts.ts';
import type { SupportBot } from '../../src/core/bot.ts';
import { createStore } from '../../src/store.ts';

export interface TestCore {
  core: SupportBot;
  store: KeyValueStore;
  dataDir: string;
  /** Stops the core, closes the store and removes the temp folder. */
  dispose(): Promise<void>;
}

/**
 * The REAL core (intents, classifier, flow, tickets, evidence) on a temp SQLite file, for adapter
 * and end-to-end tests. Pass `storeUrl` to reuse a store (a restart test) or use another backend.
 */
export async function makeTestCore(opts: {
  channels: UserChannel[];
  desk?: AgentDesk;
  storeUrl?: string;
  dataDir?: string;
  now?: () => number;
  newTicketId?: () => string;
  logger?: Logger;
  staffAlias?: string;
  retentionDays?: number;
  clock?: ServiceClock;
  transcriptOnClose?: boolean;
  idleNudgeMs?: number;
  idleCloseMs?: number;
  deskLocale?: Locale;
}): Promise<TestCore> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'wsb-test-'));
  const store = await createStore(opts.storeUrl ?? `sqlite://${join(dataDir, 'test.sqlite')}`);
  const core = buildCore({
    store,
    dataDir,
    channels: opts.channels,
    desk: opts.desk,
    logger: opts.logger ?? pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
    ...(opts.staffAlias ? { staffAlias: opts.staffAlias } : {}),
    ...(opts.retentionDays ? { retentionDays: opts.retentionDays } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.transcriptOnClose ? { transcriptOnClose: true } : {}),
    ...(opts.idleNudgeMs ? { idleNudgeMs: opts.idleNudgeMs } : {}),
    ...(opts.idleCloseMs ? { idleCloseMs: opts.idleCloseMs } : {}),
    ...(opts.deskLocale ? { deskLocale: opts.deskLocale } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.newTicketId ? { newTicketId: opts.newTicketId } : {}),
  });
  return {
    core,
    store,
    dataDir,
    async dispose() {
      await core.stop();
      await store.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
