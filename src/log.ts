import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Keys whose values are blanked out wherever they appear in a log object or a child logger's
 * bindings, at any depth. Tokens and secrets never reach the log; neither does what a user typed
 * (it may hold personal data): log ids and lengths instead. Done in our own formatter, not with
 * pino's `redact` paths: @pinojs/redact parses every path again on each line and on each child
 * logger (one per turn), which cost a tenth of the CPU of a relayed message under load.
 */
export const REDACTED_KEYS: ReadonlySet<string> = new Set([
  'token',
  'botToken',
  'secret',
  'password',
  'authorization',
  'x-telegram-bot-api-secret-token',
  'text',
  'userWords',
  'phone',
  'email',
]);

/**
 * Tokens in free text: Telegram's in URLs (`/bot<id>:<secret>/method`) or anywhere
 * (`<id>:<35 chars>`), Discord's (`<base64 id>.<6>.<27+>`, or after `Bot `).
 */
const TOKEN_IN_TEXT =
  /(?<!\d)\d{5,}:[A-Za-z0-9_-]{30,}|\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,}\b|Bot [A-Za-z0-9._-]{20,}/g;

export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_IN_TEXT, '<redacted>');
}

/**
 * Every string inside a log object, scrubbed: library errors nest the request URL (with the
 * Telegram token in its path) in `cause`, `error` or `message` several levels down.
 */
export function scrubDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return scrubSecrets(value) as T;
  // Errors are left to the err serializer (their fields are not enumerable).
  if (depth > 6 || value === null || typeof value !== 'object' || value instanceof Error)
    return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    out[k] = REDACTED_KEYS.has(k) && v !== undefined ? '[redacted]' : scrubDeep(v, depth + 1);
  return out as T;
}

export function createLogger(
  options: { level?: string; destination?: NodeJS.WritableStream | pino.DestinationStream } = {},
): Logger {
  const opts: LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: 'wallet-support-bot' },
    serializers: {
      // pino's serialized error keeps its fields on a prototype: copy through JSON, then scrub.
      err: (err: unknown) =>
        scrubDeep(JSON.parse(JSON.stringify(pino.stdSerializers.err(err as Error))) as object),
    },
    formatters: {
      log: (object) => scrubDeep(object),
    },
  };
  const root = options.destination
    ? pino(opts, options.destination as pino.DestinationStream)
    : pino(opts);
  // A child's bindings are scrubbed too (pino applies `formatters` to log objects only); children
  // are created from their parent with Object.create, so they all inherit this `child`.
  const plainChild = root.child;
  root.child = function (this: Logger, bindings, childOptions) {
    return plainChild.call(this, scrubDeep(bindings), childOptions);
  } as Logger['child'];
  return root;
}

export type { Logger };
