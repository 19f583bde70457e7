/**
 * The webhook's secret token: Telegram sends it in `X-Telegram-Bot-Api-Secret-Token` with every
 * update, 1–256 characters of A–Z a–z 0–9 _ -. Config may take it from its own variable; this
 * derives a stable one from the bot token when none is given (a hash, so the token never leaves).
 * @see https://core.telegram.org/bots/api#setwebhook
 */
import { createHash } from 'node:crypto';

export function webhookSecretFromToken(token: string): string {
  return createHash('sha256').update(`telegram-webhook:${token}`).digest('base64url').slice(0, 43);
}
