import type { AgentDesk, KeyValueStore, UserChannel } from './core/ports.ts';
import type { Logger } from 'pino';
import { SupportBot } from './core/bot.ts';
import { EvidenceStore } from './core/evidence.ts';
import type { TransactionIdShape } from './core/nlu/entities.ts';
import { loadNlu } from './core/nlu/index.ts';

let nluCache: ReturnType<typeof loadNlu> | undefined;

/**
 * Loads intents/ and trains the classifier once per process (tests and benchmarks reuse it); with
 * `cacheDir` the trained model is read from / written to disk, so a restart skips training.
 */
export function sharedNlu(cacheDir?: string): ReturnType<typeof loadNlu> {
  nluCache ??= loadNlu(undefined, cacheDir ? { cacheDir } : {});
  return nluCache;
}

export interface CoreParts {
  store: KeyValueStore;
  dataDir: string;
  channels: UserChannel[];
  desk?: AgentDesk | undefined;
  logger: Logger;
  txid?: TransactionIdShape;
  now?: () => number;
  outboxIntervalMs?: number;
  /** Where the trained classifier is cached (main: `<DATA_DIR>/cache`). */
  nluCacheDir?: string;
  newTicketId?: () => string;
}

/** The core with its real parts: intents, classifier, evidence folder, store. */
export function buildCore(parts: CoreParts): SupportBot {
  const { catalog, classifier } = sharedNlu(parts.nluCacheDir);
  return new SupportBot({
    store: parts.store,
    catalog,
    classifier,
    evidence: new EvidenceStore(parts.dataDir),
    channels: parts.channels,
    ...(parts.desk ? { desk: parts.desk } : {}),
    logger: parts.logger,
    ...(parts.txid ? { txid: parts.txid } : {}),
    ...(parts.now ? { now: parts.now } : {}),
    ...(parts.outboxIntervalMs ? { outboxIntervalMs: parts.outboxIntervalMs } : {}),
    ...(parts.newTicketId ? { newTicketId: parts.newTicketId } : {}),
  });
}
