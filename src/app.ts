import type { Logger } from 'pino';
import { createSupportBot, type SupportBot } from './core/bot.ts';
import { EvidenceStore } from './core/evidence.ts';
import type { TransactionIdShape } from './core/nlu/entities.ts';
import { loadNlu } from './core/nlu/index.ts';
import type { AgentDesk, UserChannel } from './core/types.ts';
import type { KeyValueStore } from './store.ts';

let nluCache: ReturnType<typeof loadNlu> | undefined;

/** Loads intents/ and trains the classifier once per process (tests and benchmarks reuse it). */
export function sharedNlu(): ReturnType<typeof loadNlu> {
  nluCache ??= loadNlu();
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
}

/** The core with its real parts: intents, classifier, evidence folder, store. */
export function buildCore(parts: CoreParts): SupportBot {
  const { catalog, classifier } = sharedNlu();
  return createSupportBot({
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
  });
}
