import type { UserChannel } from '../../core/ports.ts';
/**
 * User channel: the bot's DMs. `Address.chatId` is the DM channel id (stable for a user and this
 * bot), so a reply can reach a user the process never saw. Text is escaped and mentions are off;
 * choices become buttons whose custom_id is the core's `Choice.id`. A finished step's buttons are
 * taken off its message (a newer set came, or the step was answered in words), as on Telegram.
 * @see https://discord.com/developers/docs/resources/message#create-message
 */
import { Routes, type APIMessage, type REST } from 'discord.js';
import { DeliveryError } from '../../core/errors.ts';
import type { Address, OutboundMessage } from '../../core/types.ts';
import type { Logger } from '../../log.ts';
import { errorSummary, toDeliveryError } from './errors.ts';
import { PLATFORM } from './mapper.ts';
import { renderUserMessage } from './render.ts';
import { OpenKeyboards } from '../common/open-keyboards.ts';
import { SendProgress, sendKey } from '../common/resume.ts';

export class DiscordUserChannel implements UserChannel {
  readonly platform = PLATFORM;
  /** DM channel → when a send to it last failed with 50007 (the panel reads this). */
  private readonly unreachableAt = new Map<string, number>();
  constructor(
    private readonly rest: REST,
    private readonly log: Logger,
    private readonly progress = new SendProgress(),
    /** The message in each DM whose buttons are the current step's. */
    private readonly keyboards = new OpenKeyboards('dc'),
  ) {}

  async send(to: Address, message: OutboundMessage): Promise<void> {
    if (to.platform !== PLATFORM) {
      throw new DeliveryError(
        'unknown',
        `discord channel asked to send to a ${to.platform} address`,
      );
    }
    // No retry here: discord.js queues 429s and retries 5xx itself; a second attempt of ours
    // could deliver the same message twice.
    const steps = renderUserMessage(message).map((part) => async () => {
      const sent = (await this.rest.post(Routes.channelMessages(to.chatId), {
        body: part.body,
        files: part.files,
      })) as APIMessage;
      // (Only the last part has buttons.)
      if (part.body.components?.length) await this.newButtons(to.chatId, sent.id);
      return sent;
    });
    try {
      // A retry after a failure half-way resumes where it stopped: no part arrives twice.
      await this.progress.run(() => sendKey(`dc:${to.chatId}`, message.text, message), steps);
    } catch (err) {
      const error = toDeliveryError(err, 'send DM');
      if (error.code === 'user_unreachable') this.unreachableAt.set(to.chatId, Date.now());
      this.log.warn(
        { chatId: to.chatId, code: error.code, error: errorSummary(err) },
        'DM not delivered',
      );
      throw error;
    }
  }

  /**
   * The step whose buttons the user last got is over and no new buttons came (the summary's "Send
   * to support" answered by typing "send it"): they are taken off its message, once (best effort).
   */
  async closeChoices(to: Address): Promise<void> {
    if (to.platform !== PLATFORM) return;
    const current = await this.keyboards.close(to.chatId);
    if (current !== undefined) await this.removeButtons(to.chatId, current, 'finished');
  }

  /**
   * The user pressed a button of `messageId`, whose buttons the press's answer disabled: a newer
   * set or the step's end has nothing more to take off it.
   */
  async pressed(chatId: string, messageId: string): Promise<void> {
    await this.keyboards.used(chatId, messageId);
  }

  /** `messageId` holds the DM's buttons now: the previous set is taken off (best effort). */
  private async newButtons(chatId: string, messageId: string): Promise<void> {
    const previous = await this.keyboards.opened(chatId, messageId);
    if (previous !== undefined) await this.removeButtons(chatId, previous, 'stale');
  }

  /**
   * Edits a message's components away (an empty `components` array removes them). Refusals (the
   * message deleted, the DM closed) are logged, never thrown: the step has moved on regardless.
   * @see https://discord.com/developers/docs/resources/message#edit-message
   */
  private async removeButtons(chatId: string, messageId: string, what: string): Promise<void> {
    try {
      await this.rest.patch(Routes.channelMessage(chatId, messageId), {
        body: { components: [] },
      });
    } catch (err) {
      this.log.debug(
        { chatId, messageId, error: errorSummary(err) },
        `${what} buttons not removed`,
      );
    }
  }

  /** Whether a send to this DM channel failed with "DMs closed" at or after `since`. */
  unreachableSince(chatId: string, since: number): boolean {
    return (this.unreachableAt.get(chatId) ?? -Infinity) >= since;
  }
}
