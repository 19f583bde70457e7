import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Paths pino blanks out wherever they appear in a log object. Tokens and secrets never reach the
 * log; neither does what a user typed (it may hold personal data): log ids and lengths instead.
 */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'text',
  '*.text',
  'userWords',
  '*.userWords',
  'phone',
  '*.phone',
  'email',
  '*.email',
];

/** Telegram puts the token in the URL path (`/bot<token>/method`); Discord in `Bot <token>`. */
const TOKEN_IN_TEXT = /(bot)\d{5,}:[A-Za-z0-9_-]{20,}|Bot [A-Za-z0-9._-]{20,}/g;

export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_IN_TEXT, (_m, bot: string | undefined) =>
    bot ? 'bot<redacted>' : 'Bot <redacted>',
  );
}

export function createLogger(
  options: { level?: string; destination?: NodeJS.WritableStream | pino.DestinationStream } = {},
): Logger {
  const opts: LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'wallet-support-bot' },
    serializers: {
      err: (err: unknown) => {
        const s = pino.stdSerializers.err(err as Error);
        if (s && typeof s.message === 'string') s.message = scrubSecrets(s.message);
        if (s && typeof s.stack === 'string') s.stack = scrubSecrets(s.stack);
        return s;
      },
    },
  };
  return options.destination
    ? pino(opts, options.destination as pino.DestinationStream)
    : pino(opts);
}

export type { Logger };
