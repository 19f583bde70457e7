import type { AgentDesk, KeyValueStore, UserChannel } from './core/ports.ts';
import type { Logger } from 'pino';
import { SupportBot } from './core/bot.ts';
import { serviceClock } from './core/clock.ts';
import type { Config } from './config.ts';
import { EvidenceStore } from './core/evidence.ts';
import { Spool } from './core/spool.ts';
import type { TransactionIdShape } from './core/nlu/entities.ts';
import { loadNlu } from './core/nlu/index.ts';
import type { ServiceClock } from './core/flow/types.ts';
import { Traditionalizer } from './core/script.ts';
import { Snippets } from './core/snippets.ts';
import { Texts, type Locale } from './core/texts.ts';
import { cachedYamlReader, readYaml } from './core/yaml-files.ts';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** texts/ next to src/ (and next to dist/ once compiled). */
export const TEXTS_DIR = resolve(fileURLToPath(new URL('../texts', import.meta.url)));

/** snippets/ next to src/ (agents' canned replies). */
export const SNIPPETS_DIR = resolve(fileURLToPath(new URL('../snippets', import.meta.url)));

let textsCache: { texts: Texts; traditional: Traditionalizer; snippets: Snippets } | undefined;
/**
 * Loads and checks texts/ and snippets/ once per process (a missing key is a start-up error); with
 * `cacheDir` the files' parsed YAML comes from the cache when they have not changed (see
 * cachedYamlReader).
 */
export function sharedTexts(cacheDir?: string): {
  texts: Texts;
  traditional: Traditionalizer;
  snippets: Snippets;
} {
  if (!textsCache) {
    const read = cacheDir ? cachedYamlReader(cacheDir) : readYaml;
    const texts = Texts.load(TEXTS_DIR, read);
    // Hong Kong's wording, read once by Texts, applied to intents' data too.
    const traditional = new Traditionalizer(
      join(TEXTS_DIR, 'zh-Hant.terms.yaml'),
      read,
      texts.hkTerms,
    );
    textsCache = {
      texts,
      traditional,
      snippets: Snippets.load(SNIPPETS_DIR, traditional, read),
    };
  }
  return textsCache;
}

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
  clock?: ServiceClock;
  deskLocale?: Locale;
  staffAlias?: string;
  linkDomains?: string[];
  agentContacts?: string[];
  retentionDays?: number;
  transcriptOnClose?: boolean;
  idleNudgeMs?: number;
  idleCloseMs?: number;
  timerIntervalMs?: number;
}

/**
 * What the environment sets in the core (config.ts), the same for `npm start` and the terminal
 * chat: the chat had left out the idle timers, retention and TRANSCRIPT_ON_CLOSE, so
 * USER_IDLE_NUDGE did nothing there.
 */
export function configuredParts(config: Config): Partial<CoreParts> {
  return {
    txid: config.txid,
    clock: serviceClock(config.time.hours, config.time.sla),
    deskLocale: config.deskLocale,
    ...(config.staffAlias ? { staffAlias: config.staffAlias } : {}),
    ...(config.linkDomains ? { linkDomains: config.linkDomains } : {}),
    ...(config.agentContacts ? { agentContacts: config.agentContacts } : {}),
    ...(config.retentionDays ? { retentionDays: config.retentionDays } : {}),
    ...(config.transcriptOnClose ? { transcriptOnClose: true } : {}),
    ...(config.time.idleNudgeMs ? { idleNudgeMs: config.time.idleNudgeMs } : {}),
    ...(config.time.idleCloseMs ? { idleCloseMs: config.time.idleCloseMs } : {}),
    timerIntervalMs: config.timerIntervalMs,
  };
}

/** The core with its real parts: intents, classifier, evidence folder, store. */
export function buildCore(parts: CoreParts): SupportBot {
  const { catalog, classifier } = sharedNlu(parts.nluCacheDir);
  const { texts, traditional, snippets } = sharedTexts(parts.nluCacheDir);
  return new SupportBot({
    texts,
    traditional,
    snippets,
    ...(parts.transcriptOnClose ? { transcriptOnClose: true } : {}),
    ...(parts.idleNudgeMs ? { idleNudgeMs: parts.idleNudgeMs } : {}),
    ...(parts.idleCloseMs ? { idleCloseMs: parts.idleCloseMs } : {}),
    ...(parts.timerIntervalMs ? { timerIntervalMs: parts.timerIntervalMs } : {}),
    ...(parts.clock ? { clock: parts.clock } : {}),
    ...(parts.deskLocale ? { deskLocale: parts.deskLocale } : {}),
    ...(parts.staffAlias ? { staffAlias: parts.staffAlias } : {}),
    ...(parts.linkDomains ? { linkDomains: parts.linkDomains } : {}),
    ...(parts.agentContacts ? { agentContacts: parts.agentContacts } : {}),
    ...(parts.retentionDays ? { retentionDays: parts.retentionDays } : {}),
    store: parts.store,
    catalog,
    classifier,
    evidence: new EvidenceStore(parts.dataDir),
    spool: new Spool(parts.dataDir),
    channels: parts.channels,
    ...(parts.desk ? { desk: parts.desk } : {}),
    logger: parts.logger,
    ...(parts.txid ? { txid: parts.txid } : {}),
    ...(parts.now ? { now: parts.now } : {}),
    ...(parts.outboxIntervalMs ? { outboxIntervalMs: parts.outboxIntervalMs } : {}),
    ...(parts.newTicketId ? { newTicketId: parts.newTicketId } : {}),
  });
}
