/**
 * The API client's transformers: a log line for every refused or failed call (method and Telegram's
 * description — never the payload, which holds what users wrote), and @grammyjs/auto-retry, bounded
 * so a turn is never stuck for long (defaults: 3 retries; 5xx back off 3 + 6 + 12 s): 429s are retried after `retry_after` (up to a ceiling), 5xx with
 * backoff; network errors are not retried here (the request may have reached Telegram: a retry could
 * send the message twice), so they surface as `platform_unavailable`.
 * @see https://grammy.dev/advanced/transformers
 * @see https://grammy.dev/plugins/auto-retry
 * @see https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this
 */
import { autoRetry } from '@grammyjs/auto-retry';
import type { Api, Transformer } from 'grammy';
import type { Logger } from '../../log.ts';
import { describeError } from './errors.ts';

export interface RetryBounds {
  maxRetryAttempts: number;
  maxDelaySeconds: number;
}

export const DEFAULT_RETRY: RetryBounds = { maxRetryAttempts: 3, maxDelaySeconds: 60 };

/** Installs logging (inner: sees every attempt) and then auto-retry (outer). */
export function installTransformers(api: Api, log: Logger, bounds: RetryBounds): void {
  api.config.use(logFailures(log));
  api.config.use(autoRetry({ ...bounds, rethrowHttpErrors: true }));
}

export function logFailures(log: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      if (!res.ok) {
        const transient = res.error_code === 429 || res.error_code >= 500;
        log[transient ? 'warn' : 'debug'](
          {
            method,
            errorCode: res.error_code,
            description: res.description,
            retryAfter: res.parameters?.retry_after,
          },
          'telegram api refused a call',
        );
      }
      return res;
    } catch (err) {
      if (!signal?.aborted)
        log.warn({ method, err: describeError(err) }, 'telegram api call failed');
      throw err;
    }
  };
}
