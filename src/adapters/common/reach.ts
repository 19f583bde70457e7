/**
 * Start-up against a platform that does not answer yet (a network blip, the platform or a proxy
 * restarting): instead of exiting, the adapter tries again with a growing, jittered delay (1 s
 * doubling to 30 s by default) and says so in the log each time; a refusal that will not heal by
 * waiting (a bad token) still ends the start at once. `stop()` ends the wait.
 */
import type { Logger } from '../../log.ts';

export interface ReachOptions {
  /** First wait after a failure (default 1 s); doubled after each further failure. */
  initialDelayMs?: number;
  /** Ceiling of the wait (default 30 s). */
  maxDelayMs?: number;
}

/** `stop()` was called while the adapter was still waiting for its platform. */
export class StartCancelled extends Error {
  override readonly name = 'StartCancelled';
  constructor(platform: string) {
    super(`${platform}: start-up cancelled (the adapter was stopped while waiting)`);
  }
}

export interface ReachAttempt<T> {
  /** 'Telegram', 'Discord': said in the log. */
  platform: string;
  /** One try; `signal` aborts when the adapter is stopped. */
  attempt: (signal: AbortSignal) => Promise<T>;
  /** A short reason for the log when `err` is an outage worth waiting out; undefined otherwise. */
  outage: (err: unknown) => string | undefined;
  log: Logger;
  signal: AbortSignal;
  options?: ReachOptions | undefined;
  /** Source of jitter (tests). */
  random?: () => number;
}

/** Runs `attempt` until it succeeds, fails for a reason that is not an outage, or is cancelled. */
export async function untilReachable<T>(a: ReachAttempt<T>): Promise<T> {
  const initial = a.options?.initialDelayMs ?? 1_000;
  const max = a.options?.maxDelayMs ?? 30_000;
  const random = a.random ?? Math.random;
  for (let failures = 0; ; failures++) {
    if (a.signal.aborted) throw new StartCancelled(a.platform);
    try {
      const result = await a.attempt(a.signal);
      if (failures > 0)
        a.log.info(
          { attempts: failures + 1 },
          `${a.platform} reachable again after ${failures + 1} attempts`,
        );
      return result;
    } catch (err) {
      if (a.signal.aborted) throw new StartCancelled(a.platform);
      const reason = a.outage(err);
      if (reason === undefined) throw err;
      const delay = backoff(failures, initial, max, random);
      a.log.warn(
        { attempt: failures + 1, reason, retryInMs: delay },
        `${a.platform} not reachable (${reason}), retrying in ${seconds(delay)}`,
      );
      await sleep(delay, a.signal);
    }
  }
}

/** `initial · 2^failures`, capped at `max`, then ±20 % so restarted instances do not march in step. */
export function backoff(
  failures: number,
  initial: number,
  max: number,
  random: () => number,
): number {
  const base = Math.min(initial * 2 ** Math.min(failures, 30), max);
  return Math.round(base * (0.8 + 0.4 * random()));
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * A short name for a failed connection: the system error code (`ECONNREFUSED`, `ENOTFOUND`,
 * `ETIMEDOUT` …) wherever the HTTP client nested it, or `timeout` for an aborted request.
 */
export function networkReason(err: unknown): string {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length) {
      const inner = networkReason(errors[0]);
      if (inner !== 'network error') return inner;
    }
    const name = (e as { name?: unknown }).name;
    const message = String((e as { message?: unknown }).message ?? '');
    if (name === 'AbortError' || name === 'TimeoutError' || /timed? ?out/i.test(message))
      return 'timeout';
    e = (e as { cause?: unknown }).cause;
  }
  return 'network error';
}
