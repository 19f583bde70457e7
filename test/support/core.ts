import type { KeyValueStore } from '../../src/core/ports.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { buildCore, type CoreParts } from '../../src/app.ts';
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
export type TestCoreOptions = Omit<CoreParts, 'store' | 'dataDir' | 'logger'> & {
  storeUrl?: string;
  dataDir?: string;
  logger?: Logger;
};

export async function makeTestCore(opts: TestCoreOptions): Promise<TestCore> {
  const { storeUrl, dataDir: givenDir, logger, ...parts } = opts;
  const dataDir = givenDir ?? mkdtempSync(join(tmpdir(), 'wsb-test-'));
  const store = await createStore(storeUrl ?? `sqlite://${join(dataDir, 'test.sqlite')}`);
  const core = buildCore({
    ...parts,
    store,
    dataDir,
    logger: logger ?? pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
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
