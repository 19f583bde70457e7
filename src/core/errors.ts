/**
 * Errors with stable codes, caught at one boundary (the turn) and logged with a short reference
 * the user also sees. Adapters translate platform refusals into `DeliveryError` codes.
 */

export type DeliveryErrorCode =
  /** The user blocked the bot (Telegram 403) or closed DMs (Discord 50007). */
  | 'user_unreachable'
  /** The desk topic / thread no longer exists (Telegram "message thread not found", Discord 10003). */
  | 'thread_gone'
  /** Retries were exhausted (429 / 5xx for too long). */
  | 'platform_unavailable'
  | 'unknown';

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly code: DeliveryErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type StoreErrorCode = 'store_unavailable' | 'store_timeout';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Another instance holds a user's turn lock for longer than we wait: not an outage (the store
 * answers), so the message is not spooled; the caller decides (the outbox skips that ticket).
 */
export class LockBusy extends Error {
  override readonly name = 'LockBusy';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const REF_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A short error reference ("8F3K2") shown to the user and written to the log with the error. */
export function errorRef(random: () => number = Math.random): string {
  let ref = '';
  for (let i = 0; i < 5; i++) ref += REF_ALPHABET[Math.floor(random() * REF_ALPHABET.length)];
  return ref;
}
