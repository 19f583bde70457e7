/**
 * Telegram refusals → our `DeliveryError` codes, and a log-safe description of any error (grammY's
 * errors carry the request payload, which holds what users wrote: never log the error object whole).
 * @see https://core.telegram.org/bots/api#making-requests
 * @see https://grammy.dev/guide/errors
 */
import { GrammyError, HttpError } from 'grammy';
import { DeliveryError } from '../../core/errors.ts';
import { scrubSecrets } from '../../log.ts';

/** Which port was sending: a 403 means "user blocked the bot" only on the user side. */
export type Side = 'user' | 'desk';

const THREAD_GONE =
  /message thread not found|TOPIC_ID_INVALID|TOPIC_DELETED|message to edit not found/i;
const NOT_MODIFIED = /message is not modified|TOPIC_NOT_MODIFIED/i;

export function toDeliveryError(err: unknown, side: Side): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof GrammyError) {
    const what = `Telegram ${err.method}: ${err.error_code} ${err.description}`;
    if (err.error_code === 403) {
      return new DeliveryError(side === 'user' ? 'user_unreachable' : 'unknown', what, {
        cause: err,
      });
    }
    if (err.error_code === 400 && side === 'desk' && THREAD_GONE.test(err.description)) {
      return new DeliveryError('thread_gone', what, { cause: err });
    }
    if (
      err.error_code === 400 &&
      side === 'user' &&
      /chat not found|user not found/i.test(err.description)
    ) {
      // The user never opened a chat with the bot, or deleted their account.
      return new DeliveryError('user_unreachable', what, { cause: err });
    }
    if (err.error_code === 429 || err.error_code >= 500) {
      return new DeliveryError('platform_unavailable', `${what} (retries exhausted)`, {
        cause: err,
      });
    }
    return new DeliveryError('unknown', what, { cause: err });
  }
  if (err instanceof HttpError) {
    return new DeliveryError('platform_unavailable', scrubSecrets(err.message), { cause: err });
  }
  return new DeliveryError(
    'unknown',
    scrubSecrets(err instanceof Error ? err.message : String(err)),
    { cause: err },
  );
}

/** "message is not modified" / "TOPIC_NOT_MODIFIED": the state we wanted is already there. */
export function isNotModified(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 400 && NOT_MODIFIED.test(err.description);
}

export function isThreadGone(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 400 && THREAD_GONE.test(err.description);
}

/** What may be logged about an error: its kind, method, code and description — no payload. */
export function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof DeliveryError) {
    return {
      name: err.name,
      code: err.code,
      message: scrubSecrets(err.message),
      cause: describeCause(err.cause),
    };
  }
  if (err instanceof GrammyError) {
    return {
      name: err.name,
      method: err.method,
      errorCode: err.error_code,
      description: err.description,
    };
  }
  if (err instanceof HttpError) return { name: err.name, message: scrubSecrets(err.message) };
  if (err instanceof Error) {
    const out: Record<string, unknown> = { name: err.name, message: scrubSecrets(err.message) };
    if (err.stack) out['stack'] = scrubSecrets(err.stack);
    return out;
  }
  return { message: scrubSecrets(String(err)) };
}

function describeCause(cause: unknown): Record<string, unknown> | undefined {
  return cause === undefined ? undefined : describeError(cause);
}
