import type { UserChannel } from '../../core/ports.ts';
/**
 * User channel: the bot's DMs. `Address.chatId` is the DM channel id (stable for a user and this
 * bot), so a reply can reach a user the process never saw. Text is escaped and mentions are off;
 * choices become buttons whose custom_id is the core's `Choice.id`.
 * @see https://discord.com/developers/docs/resources/message#create-message
 */
import { Routes, type REST } from 'discord.js';
import { DeliveryError } from '../../core/errors.ts';
import type { Address, OutboundMessage } from '../../core/types.ts';
import type { Logger } from '../../log.ts';
import { errorSummary, toDeliveryError } from './errors.ts';
import { PLATFORM } from './mapper.ts';
import { renderUserMessage } from './render.ts';
import { SendProgress, sendKey } from '../common/resume.ts';

export class DiscordUserChannel implements UserChannel {
  readonly platform = PLATFORM;
  /** DM channel → when a send to it last failed with 50007 (the panel reads this). */
  private readonly unreachableAt = new Map<string, number>();
  constructor(
    private readonly rest: REST,
    private readonly log: Logger,
    private readonly progress = new SendProgress(),
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
    const steps = renderUserMessage(message).map(
      (part) => () =>
        this.rest.post(Routes.channelMessages(to.chatId), { body: part.body, files: part.files }),
    );
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

  /** Whether a send to this DM channel failed with "DMs closed" at or after `since`. */
  unreachableSince(chatId: string, since: number): boolean {
    return (this.unreachableAt.get(chatId) ?? -Infinity) >= since;
  }
}
