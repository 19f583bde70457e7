/**
 * Translation of discord.js failures into our `DeliveryError` codes, and a log-safe summary of
 * them. discord.js already waited out every 429 and retried 5xx / network failures (3 times by
 * default) before it throws, so a throw here means it gave up.
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 */
import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { DeliveryError } from '../../core/errors.ts';

export function discordCode(err: unknown): number | undefined {
  return err instanceof DiscordAPIError && typeof err.code === 'number' ? err.code : undefined;
}

export function toDeliveryError(err: unknown, what: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof DiscordAPIError) {
    const code = discordCode(err);
    const detail = `${what}: Discord ${err.status}/${String(err.code)} ${err.message}`;
    switch (code) {
      case RESTJSONErrorCodes.CannotSendMessagesToThisUser:
      case RESTJSONErrorCodes.UnknownUser:
        return new DeliveryError('user_unreachable', detail, { cause: err });
      case RESTJSONErrorCodes.UnknownChannel:
        return new DeliveryError('thread_gone', detail, { cause: err });
      case RESTJSONErrorCodes.MissingAccess:
      case RESTJSONErrorCodes.MissingPermissions:
        return new DeliveryError(
          'unknown',
          `${detail} (check the bot's role permissions in that channel)`,
          { cause: err },
        );
      default:
        if (err.status === 401) {
          return new DeliveryError(
            'unknown',
            `${detail} (401 from Discord: check DISCORD_BOT_TOKEN)`,
            { cause: err },
          );
        }
        if (err.status >= 500)
          return new DeliveryError('platform_unavailable', detail, { cause: err });
        return new DeliveryError('unknown', detail, { cause: err });
    }
  }
  if (err instanceof HTTPError || err instanceof RateLimitError || isNetworkError(err)) {
    return new DeliveryError('platform_unavailable', `${what}: ${describe(err)}`, { cause: err });
  }
  return new DeliveryError('unknown', `${what}: ${describe(err)}`, { cause: err });
}

export function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return true;
  const code =
    (err as { code?: unknown }).code ?? (err.cause as { code?: unknown } | undefined)?.code;
  return (
    typeof code === 'string' && /^(ECONN|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EPIPE|UND_ERR)/.test(code)
  );
}

/** What to log about a failure: never the request body (user text) nor interaction tokens. */
export function errorSummary(err: unknown): Record<string, unknown> {
  if (err instanceof DiscordAPIError) {
    return {
      name: 'DiscordAPIError',
      status: err.status,
      code: err.code,
      method: err.method,
      path: safePath(err.url),
      message: err.message,
    };
  }
  if (err instanceof HTTPError)
    return { name: 'HTTPError', status: err.status, method: err.method, path: safePath(err.url) };
  if (err instanceof DeliveryError) return { name: err.name, code: err.code, message: err.message };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { message: String(err) };
}

function describe(err: unknown): string {
  if (err instanceof HTTPError) return `HTTP ${err.status} ${err.method} ${safePath(err.url)}`;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** Interaction and webhook tokens sit in the URL path; keep the route, drop the token. */
export function safePath(url: string): string {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    /* already a path */
  }
  return path
    .replace(/(\/interactions\/\d+\/)[^/]+/, '$1<token>')
    .replace(/(\/webhooks\/\d+\/)[^/]+/, '$1<token>');
}
