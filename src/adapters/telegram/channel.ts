import type { UserChannel } from '../../core/ports.ts';
/**
 * The user channel: sends the core's plain text to a private chat (no parse_mode, so nothing the
 * core or an agent wrote is read as markup), choices as an inline keyboard (callback_data =
 * Choice.id), files as photos or documents. Refusals become `DeliveryError`s; 429 / 5xx were already
 * retried by auto-retry, so a throw here means we gave up.
 * @see https://core.telegram.org/bots/api#sendmessage
 * @see https://core.telegram.org/bots/api#inlinekeyboardmarkup
 */
import { GrammyError, type Api } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { DeliveryError } from '../../core/errors.ts';
import type { Address, Choice, OutboundMessage } from '../../core/types.ts';
import type { Logger } from '../../log.ts';
import { CAPTION_LIMIT, TEXT_LIMIT } from './card.ts';
import { describeError, isNotModified, toDeliveryError } from './errors.ts';
import { sendFiles } from './files.ts';
import { editedMessageId, PLATFORM } from './mapper.ts';
import { splitText } from './text.ts';
import { OpenKeyboards } from '../common/open-keyboards.ts';
import { SendProgress, sendKey } from '../common/resume.ts';

const CALLBACK_DATA_MAX_BYTES = 64;

export class TelegramUserChannel implements UserChannel {
  readonly platform = PLATFORM;

  constructor(
    private readonly api: Api,
    private readonly log: Logger,
    private readonly progress = new SendProgress(),
    /**
     * The message in each chat whose buttons are the current step's. A newer keyboard makes them
     * stale (pressed, they only answer "this button has expired"): they are taken off, so a phone
     * shows one set of buttons, not every earlier step's. In the core's store when the adapter has
     * one, so the keyboard sent before a restart is still closed after it.
     */
    private readonly keyboards = new OpenKeyboards('tg'),
  ) {}

  async send(to: Address, message: OutboundMessage): Promise<void> {
    if (to.platform !== PLATFORM) {
      throw new DeliveryError(
        'unknown',
        `telegram channel cannot send to a ${to.platform} address`,
      );
    }
    const markup =
      message.choices && message.choices.length > 0 ? keyboard(message.choices) : undefined;
    const files = message.files ?? [];
    const text = message.text.trim().length > 0 ? message.text : '';
    try {
      // A single file with a short text and no buttons reads best as a captioned photo.
      if (files.length === 1 && !markup && [...text].length <= CAPTION_LIMIT) {
        await sendFiles(this.api, to.chatId, files, text ? { caption: text } : {});
        return;
      }
      const parts = text ? splitText(text, TEXT_LIMIT) : [];
      if (parts.length === 0 && markup)
        throw new DeliveryError('unknown', 'choices need a text to sit under');
      const steps: Array<() => Promise<unknown>> = [];
      if (files.length > 0) steps.push(() => sendFiles(this.api, to.chatId, files));
      for (const [i, part] of parts.entries()) {
        const last = i === parts.length - 1;
        steps.push(async () => {
          const sent = await this.api.sendMessage(
            to.chatId,
            part,
            last && markup ? { reply_markup: markup } : {},
          );
          if (last && markup) await this.newKeyboard(to.chatId, sent.message_id);
        });
      }
      // A retry after a failure half-way resumes where it stopped: no part arrives twice.
      await this.progress.run(() => sendKey(`tg:${to.chatId}`, text, message), steps);
    } catch (err) {
      const error = toDeliveryError(err, 'user');
      this.log.warn(
        { chatId: to.chatId, code: error.code, err: { message: error.message } },
        'telegram send failed',
      );
      throw error;
    }
  }

  /**
   * Takes the buttons off a keyboard the user pressed, so a used button cannot replay a step. The
   * chat's current keyboard, once used, is no longer one a newer keyboard has to take off (that
   * second edit was refused by Telegram as "message is not modified": one wasted call per step).
   */
  async removeUsedKeyboard(chatId: number, messageId: number): Promise<void> {
    await this.keyboards.used(String(chatId), String(messageId));
    try {
      await this.api.editMessageReplyMarkup(chatId, messageId, {
        reply_markup: { inline_keyboard: [] },
      });
    } catch (err) {
      if (!isNotModified(err))
        this.log.warn({ err: describeError(err) }, 'used keyboard could not be removed');
    }
  }

  /**
   * The step of the chat's current keyboard is over and no new keyboard came (the summary's "Send
   * to support" answered by typing "send it"): its buttons are taken off (best effort).
   */
  async closeChoices(to: Address): Promise<void> {
    if (to.platform !== PLATFORM) return;
    const current = await this.keyboards.close(to.chatId);
    if (current === undefined) return;
    try {
      await this.api.editMessageReplyMarkup(to.chatId, Number(current), {
        reply_markup: { inline_keyboard: [] },
      });
    } catch (err) {
      // Too old, or gone.
      this.log.debug(
        { chatId: to.chatId, err: describeError(err) },
        'finished keyboard not removed',
      );
    }
  }

  /** Takes the buttons off the chat's previous keyboard message (best effort). */
  private async newKeyboard(chatId: string, messageId: number): Promise<void> {
    const previous = await this.keyboards.opened(chatId, String(messageId));
    if (previous === undefined) return;
    try {
      await this.api.editMessageReplyMarkup(chatId, Number(previous), {
        reply_markup: { inline_keyboard: [] },
      });
    } catch (err) {
      // Too old, or gone.
      this.log.debug({ chatId, err: describeError(err) }, 'stale keyboard not removed');
    }
  }

  /**
   * Deletes a message the user sent (a pasted recovery phrase). Bots may delete incoming messages
   * in private chats, and any message only within 48 hours of sending
   * (https://core.telegram.org/bots/api#deletemessage). Telegram's refusals (400: too old, already
   * gone; 403: the chat is closed to the bot) resolve false; a network failure or 429 / 5xx beyond
   * the retries throws a `DeliveryError` so the caller may try again.
   */
  async deleteUserMessage(to: Address, messageId: string): Promise<boolean> {
    // Our own ids for button presses ("cb:…") are no Telegram message; an edit's id stands for
    // the message it changed.
    const message = editedMessageId(messageId);
    if (to.platform !== PLATFORM || message === undefined) return false;
    try {
      return await this.api.deleteMessage(to.chatId, message);
    } catch (err) {
      if (err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403)) {
        this.log.info(
          { chatId: to.chatId, messageId, err: describeError(err) },
          "telegram refused to delete the user's message",
        );
        return false;
      }
      throw toDeliveryError(err, 'user');
    }
  }
}

/**
 * Two or three short choices sit on one row ("Solved / Not solved"), anything longer one per row.
 * callback_data is limited to 64 bytes by Telegram: a longer Choice.id is a bug in the caller.
 */
export function keyboard(choices: Choice[]): InlineKeyboardMarkup {
  const buttons: InlineKeyboardButton[] = choices.map((c) => {
    if (Buffer.byteLength(c.id, 'utf8') > CALLBACK_DATA_MAX_BYTES) {
      throw new DeliveryError(
        'unknown',
        `choice id longer than ${CALLBACK_DATA_MAX_BYTES} bytes: ${c.id.slice(0, 20)}…`,
      );
    }
    return { text: c.label, callback_data: c.id };
  });
  const oneRow = buttons.length <= 3 && choices.every((c) => [...c.label].length <= 16);
  return { inline_keyboard: oneRow ? [buttons] : buttons.map((b) => [b]) };
}
