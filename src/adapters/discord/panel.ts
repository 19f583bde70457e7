/**
 * The optional support-channel panel: one pinned message by the bot with an "Open a case" button.
 * Pressing it starts the conversation in the user's DMs. Found again at restart (pins, then recent
 * messages) and refreshed, so restarts do not pile up panels.
 * @see https://discord.com/developers/docs/resources/message#pin-message
 */
import {
  ButtonStyle,
  ComponentType,
  Routes,
  type APIMessage,
  type REST,
  type RESTGetAPIChannelMessagesPinsResult,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type { Logger } from '../../log.ts';
import { errorSummary } from './errors.ts';
import { PANEL_CUSTOM_ID } from './mapper.ts';
import { escapeDiscord, NO_MENTIONS } from './markdown.ts';
import type { DiscordTexts } from './texts.ts';

export function panelBody(texts: DiscordTexts): RESTPostAPIChannelMessageJSONBody {
  return {
    content: `${escapeDiscord(texts.panelText.en)}\n${escapeDiscord(texts.panelText.zh)}`,
    allowed_mentions: NO_MENTIONS,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            custom_id: PANEL_CUSTOM_ID,
            label: texts.panelButton.slice(0, 80),
          },
        ],
      },
    ],
  };
}

function isPanel(message: APIMessage, botUserId: string): boolean {
  return (
    message.author.id === botUserId &&
    (message.components ?? []).some(
      (row) =>
        row.type === ComponentType.ActionRow &&
        row.components.some((c) => 'custom_id' in c && c.custom_id === PANEL_CUSTOM_ID),
    )
  );
}

/** Posts (or refreshes) and pins the panel; returns its message id. */
export async function ensurePanel(
  rest: REST,
  channelId: string,
  botUserId: string,
  texts: DiscordTexts,
  log: Logger,
): Promise<string> {
  const body = panelBody(texts);
  const pins = (await rest.get(
    Routes.channelMessagesPins(channelId),
  )) as RESTGetAPIChannelMessagesPinsResult;
  let existing = pins.items.map((p) => p.message).find((m) => isPanel(m, botUserId));
  if (!existing) {
    const recent = (await rest.get(Routes.channelMessages(channelId), {
      query: new URLSearchParams({ limit: '50' }),
    })) as APIMessage[];
    existing = recent.find((m) => isPanel(m, botUserId));
  }
  const message = existing
    ? ((await rest.patch(Routes.channelMessage(channelId, existing.id), { body })) as APIMessage)
    : ((await rest.post(Routes.channelMessages(channelId), { body })) as APIMessage);
  if (!message.pinned) {
    try {
      await rest.put(Routes.channelMessagesPin(channelId, message.id));
    } catch (err) {
      log.warn(
        { channelId, error: errorSummary(err) },
        'support panel posted but not pinned: give the bot Pin Messages there',
      );
    }
  }
  return message.id;
}
