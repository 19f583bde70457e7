/**
 * What the bot does with an interaction (button press, slash command, the support panel's
 * button): acknowledged first (Discord wants an answer within 3 s), then handed to the core in
 * the user's or thread's turn order. A button set pressed twice is acknowledged and dropped.
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding
 */
import {
  InteractionType,
  Routes,
  type APIChannel,
  type APIInteraction,
  type REST,
} from 'discord.js';
import { DeliveryError } from '../../core/errors.ts';
import type { SupportCore } from '../../core/ports.ts';
import type { KeyedQueue } from '../../core/queue.ts';
import type { AgentFeedback, UserIdentity } from '../../core/types.ts';
import type { Logger } from '../../log.ts';
import type { DiscordUserChannel } from './channel.ts';
import { errorSummary } from './errors.ts';
import {
  deferEphemeral,
  deferUpdate,
  deleteOriginal,
  editOriginal,
  followUpEphemeral,
  updateComponents,
  type InteractionRef,
} from './interactions.ts';
import { mapInteraction, PLATFORM, type MapperContext } from './mapper.ts';
import { escapeDiscord } from './markdown.ts';
import { RecentIds } from './recent-ids.ts';
import { disableChoices, splitText } from './render.ts';
import { pickLang, type DiscordTexts } from './texts.ts';

export interface InteractionRoutesDeps {
  rest: REST;
  /** The adapter's per-channel turn queue (a DM's messages and presses stay in order). */
  queue: KeyedQueue;
  channel: DiscordUserChannel;
  texts: DiscordTexts;
  log: Logger;
  core(): SupportCore;
  /** The desk and the roles the mapper decides agents and seniors by. */
  roles(): Pick<MapperContext, 'deskChannelId' | 'agentRoleId' | 'seniorRoleId'>;
  /** Logs a turn's failure with a short reference, which it returns. */
  turnFailed(err: unknown, context: Record<string, unknown>): string;
}

export class InteractionRoutes {
  /** Button sets already pressed: a second press is acknowledged and dropped. */
  private readonly pressed = new RecentIds(24 * 60 * 60_000);

  constructor(private readonly deps: InteractionRoutesDeps) {}

  async handle(data: APIInteraction): Promise<void> {
    const { rest, queue, log, turnFailed } = this.deps;
    const mapped = mapInteraction(data, this.deps.roles());
    const ref: InteractionRef = {
      id: data.id,
      token: data.token,
      applicationId: data.application_id,
    };
    // Discord wants the first answer within 3 s: acknowledge first, then hand the event to the core.
    const ack = (what: string, call: () => Promise<void>): Promise<void> =>
      call().catch((err) =>
        log.warn(
          { interactionId: data.id, error: errorSummary(err) },
          `interaction ${what} failed`,
        ),
      );
    switch (mapped.route) {
      case 'choice': {
        if (!this.pressed.add(mapped.pressedMessageId)) {
          await ack('ack of a repeated press', () => deferUpdate(rest, ref));
          return;
        }
        const components =
          data.type === InteractionType.MessageComponent ? (data.message.components ?? []) : [];
        await ack('button update', () =>
          updateComponents(rest, ref, disableChoices(components, mapped.customId)),
        );
        // Closed by that answer: a newer set of buttons or the step's end leaves it alone.
        await this.deps.channel.pressed(mapped.event.address.chatId, mapped.pressedMessageId);
        await queue
          .run(mapped.event.address.chatId, () => this.deps.core().handleUser(mapped.event))
          .catch((err) => turnFailed(err, { interactionId: data.id }));
        return;
      }
      case 'user-command': {
        await ack('deferral', () => deferEphemeral(rest, ref));
        await queue
          .run(mapped.event.address.chatId, async () => {
            try {
              await this.deps.core().handleUser(mapped.event);
            } finally {
              // The core answers with DM messages; the "thinking…" placeholder goes away.
              await ack('placeholder removal', () => deleteOriginal(rest, ref));
            }
          })
          .catch((err) => turnFailed(err, { interactionId: data.id }));
        return;
      }
      case 'open-panel':
        await ack('deferral', () => deferEphemeral(rest, ref));
        await this.openFromPanel(ref, mapped.user, mapped.locale).catch((err) =>
          turnFailed(err, { interactionId: data.id }),
        );
        return;
      case 'agent-command': {
        await ack('deferral', () => deferEphemeral(rest, ref));
        const feedback = await queue.run(
          mapped.event.desk.threadId,
          async (): Promise<AgentFeedback> => {
            try {
              return await this.deps.core().handleAgent(mapped.event);
            } catch (err) {
              return { ok: false, text: `⚠️ ref ${turnFailed(err, { interactionId: data.id })}` };
            }
          },
        );
        await ack('feedback', () => this.answerAgent(ref, feedback));
        return;
      }
      case 'ignore':
        log.debug({ interactionId: data.id, reason: mapped.reason }, 'interaction ignored');
        if (data.type === InteractionType.MessageComponent)
          await ack('ack', () => deferUpdate(rest, ref));
        return;
    }
  }

  /**
   * The core's answer to a slash command, ephemeral: the deferred answer edited to its text (and
   * file: the `/transcript` export), further messages for a text longer than one (the queue).
   */
  private async answerAgent(ref: InteractionRef, feedback: AgentFeedback): Promise<void> {
    const { rest } = this.deps;
    const parts = splitText(feedback.text);
    const [first = feedback.ok ? '✅' : '⚠️', ...more] = parts;
    await editOriginal(rest, ref, first, feedback.file);
    for (const part of more) await followUpEphemeral(rest, ref, part);
  }

  /** Panel press: open the DM, let the core greet; DMs closed (50007) → say how to open them. */
  private async openFromPanel(
    ref: InteractionRef,
    user: UserIdentity,
    locale: string | undefined,
  ): Promise<void> {
    const { rest, queue, channel, texts } = this.deps;
    const since = Date.now();
    const dm = (await rest.post(Routes.userChannels(), {
      body: { recipient_id: user.userId },
    })) as APIChannel;
    await queue
      .run(dm.id, () =>
        this.deps.core().handleUser({
          type: 'command',
          command: 'start',
          address: { platform: PLATFORM, chatId: dm.id },
          user,
          messageId: `panel:${ref.id}`,
        }),
      )
      .catch((err) => {
        if (!(err instanceof DeliveryError && err.code === 'user_unreachable')) throw err;
      });
    const lang = pickLang(locale);
    const closed = channel.unreachableSince(dm.id, since);
    await editOriginal(
      rest,
      ref,
      escapeDiscord(closed ? texts.dmsClosed[lang] : texts.panelOpened[lang]),
    );
  }
}
