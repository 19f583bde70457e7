/**
 * Start-up checks with remedies in the message: the token (getMe → 401; a Telegram that does not
 * answer yet is waited for, not fatal), and for a desk on Telegram that the chat is a forum
 * supergroup where the bot is an administrator allowed to manage topics (getChat, getChatMember).
 * Then the command menus, in English and Chinese.
 * @see https://core.telegram.org/bots/api#getme
 * @see https://core.telegram.org/bots/api#getchat
 * @see https://core.telegram.org/bots/api#setmycommands
 */
import { GrammyError, HttpError, type Api } from 'grammy';
import type { BotCommand, BotCommandScope, UserFromGetMe } from 'grammy/types';
import { ConfigError } from '../../core/errors.ts';
import type { Logger } from '../../log.ts';
import { AGENT_COMMAND_MENU, USER_COMMAND_MENU } from './commands.ts';
import { describeError } from './errors.ts';
import { networkReason, untilReachable, type ReachOptions } from '../common/reach.ts';

/** How long one getMe may take at start-up (grammY's own default is 500 s). */
const GET_ME_TIMEOUT_MS = 10_000;

/**
 * getMe until Telegram answers. A network failure (connection refused, timeout, DNS) or a 5xx is
 * an outage: waited out with backoff (see untilReachable). 401 / 404 mean Telegram refused the
 * token ("Unauthorized" / "Not Found", the token is part of the URL): a `ConfigError` at once.
 * @see https://core.telegram.org/bots/api#making-requests
 */
export async function checkToken(
  api: Api,
  log: Logger,
  signal: AbortSignal,
  reach?: ReachOptions,
): Promise<UserFromGetMe> {
  try {
    return await untilReachable({
      platform: 'Telegram',
      // grammY types its signal parameter with its own AbortSignal shim; Node's is the same at run time.
      attempt: (s) =>
        api.getMe(
          AbortSignal.any([s, AbortSignal.timeout(GET_ME_TIMEOUT_MS)]) as Parameters<
            Api['getMe']
          >[0],
        ),
      outage: telegramOutage,
      log,
      signal,
      options: reach,
    });
  } catch (err) {
    if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) {
      throw new ConfigError([
        `TELEGRAM_BOT_TOKEN: Telegram answered ${err.error_code} ${err.description} to getMe — check TELEGRAM_BOT_TOKEN (copy it again from @BotFather; a revoked token stops working at once)`,
      ]);
    }
    throw err;
  }
}

/**
 * Why a call failed when it is an outage worth waiting out: no answer (grammY's `HttpError`), or
 * Telegram's 5xx / 429 after auto-retry gave up; undefined for a refusal.
 * @see https://grammy.dev/guide/errors
 */
export function telegramOutage(err: unknown): string | undefined {
  if (err instanceof HttpError) return networkReason(err.error);
  if (err instanceof GrammyError && (err.error_code >= 500 || err.error_code === 429))
    return `${err.error_code} ${err.description}`;
  return undefined;
}

/**
 * The desk must be a forum supergroup (one topic per ticket) where the bot is an administrator
 * with "Manage topics". Being an administrator also means the bot receives every message in the
 * group despite privacy mode, so agents' plain replies reach it.
 * @see https://core.telegram.org/bots/features#privacy-mode
 */
export async function checkDesk(api: Api, deskChatId: string, botId: number): Promise<void> {
  const where = `AGENT_DESK=telegram:${deskChatId}`;
  // Both asked at once (one round trip to Telegram instead of two), read in this order.
  const [chatAnswer, memberAnswer] = await Promise.allSettled([
    api.getChat(deskChatId),
    api.getChatMember(deskChatId, botId),
  ]);
  let title: string;
  try {
    if (chatAnswer.status === 'rejected') throw chatAnswer.reason;
    const chat = chatAnswer.value;
    title = 'title' in chat && chat.title ? `"${chat.title}"` : `chat ${deskChatId}`;
    if (chat.type !== 'supergroup' || !chat.is_forum) {
      throw new ConfigError([
        `${where}: ${title} is not a forum supergroup — turn on Topics in the group's settings (the desk opens one topic per ticket)`,
      ]);
    }
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 400) {
      throw new ConfigError([
        `${where}: Telegram says "${err.description}" — add the bot to the desk supergroup and check the id (a supergroup id starts with -100)`,
      ]);
    }
    throw err;
  }
  if (memberAnswer.status === 'rejected') throw memberAnswer.reason;
  const me = memberAnswer.value;
  if (me.status !== 'administrator' && me.status !== 'creator') {
    throw new ConfigError([
      `${where}: the bot is not an administrator in ${title} — promote it and allow "Manage topics"`,
    ]);
  }
  if (me.status === 'administrator' && !me.can_manage_topics) {
    throw new ConfigError([
      `${where}: the bot is an administrator in ${title} but may not manage topics — give it the "Manage topics" right`,
    ]);
  }
}

/**
 * User commands in private chats, desk commands in the desk group; each in the default language
 * (English) and for Telegram apps set to Chinese, the four at once. A failure here is logged, not
 * fatal.
 */
export async function registerCommands(
  api: Api,
  deskChatId: string | undefined,
  log: Logger,
): Promise<void> {
  const menus: Array<{ scope: BotCommandScope; menu: Record<'' | 'zh', BotCommand[]> }> = [
    { scope: { type: 'all_private_chats' }, menu: USER_COMMAND_MENU },
  ];
  if (deskChatId !== undefined)
    menus.push({ scope: { type: 'chat', chat_id: deskChatId }, menu: AGENT_COMMAND_MENU });
  await Promise.all(
    menus.flatMap(({ scope, menu }) =>
      (['', 'zh'] as const).map(async (lang) => {
        try {
          await api.setMyCommands(menu[lang], lang ? { scope, language_code: lang } : { scope });
        } catch (err) {
          log.warn(
            { scope: scope.type, lang: lang || 'default', err: describeError(err) },
            'setMyCommands failed',
          );
        }
      }),
    ),
  );
}
