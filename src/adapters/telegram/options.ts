import type { KeyValueStore } from '../../core/ports.ts';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from '../../log.ts';
import type { ReachOptions } from '../common/reach.ts';

/**
 * What the Telegram adapter needs, named after the environment variables config.ts reads. The
 * adapter never reads process.env itself.
 */
export interface TelegramAdapterOptions {
  /** TELEGRAM_BOT_TOKEN. */
  token: string;
  /** TELEGRAM_API_ROOT: a local Bot API server or an emulator; default https://api.telegram.org. No trailing slash. */
  apiRoot?: string;
  /** The chat id from AGENT_DESK=telegram:<id>; set only when the desk is on Telegram (enables `desk`). */
  deskChatId?: string;
  /** AGENT_IDS (Telegram user ids); unset or empty: the desk group's administrators are the agents. */
  agentIds?: string[];
  /**
   * SENIOR_AGENT_IDS (Telegram user ids): the senior tier, mentioned when the core calls them
   * (an escalation, a missed SLA target). Seniors are agents too.
   */
  seniorIds?: string[];
  /** TELEGRAM_WEBHOOK_URL and its secret token; unset: long polling. */
  webhook?: { url: string; secret: string };
  logger: Logger;
  /** How long to wait for an album's next part (default 1500 ms). */
  albumWindowMs?: number;
  /** Skips getMe at start-up (tests). */
  botInfo?: UserFromGetMe;
  /** @grammyjs/auto-retry bounds for 429 / 5xx: defaults 3 retries, retry_after up to 60 s. */
  retry?: { maxRetryAttempts?: number; maxDelaySeconds?: number };
  /** How long the desk's administrator list is trusted (default 60 s). */
  agentCacheMs?: number;
  /** getUpdates long-poll timeout in seconds (default 30). */
  pollTimeoutSeconds?: number;
  /**
   * Polling stopped for good (409: another instance polls with this token; 401: token revoked).
   * main.ts stops the process so its supervisor can restart it or alert.
   */
  onFatal?: (err: unknown) => void;
  /** Backoff while Telegram does not answer at start-up (default 1 s doubling to 30 s). */
  reach?: ReachOptions;
  /**
   * Long polling: the file where received updates wait until handled (DATA_DIR/telegram-updates.ndjson),
   * so a killed process loses none. Unset: updates live in memory only (tests).
   */
  journalFile?: string;
  /** The core's store: where half-sent messages are remembered for every instance. */
  sharedStore?: KeyValueStore;
  /** How long stop() waits for turns in flight (default 10 s). */
  stopTimeoutMs?: number;
}
