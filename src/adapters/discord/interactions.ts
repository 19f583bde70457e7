/**
 * Answers to interactions over REST with the interaction token (no bot auth): the first answer must
 * reach Discord within 3 s, later edits of the original response and follow-ups within 15 minutes.
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 */
import {
  InteractionResponseType,
  MessageFlags,
  Routes,
  type APIMessageTopLevelComponent,
  type REST,
} from 'discord.js';
import type { OutboundFile } from '../../core/types.ts';
import { NO_MENTIONS } from './markdown.ts';
import { MAX_CONTENT, toRawFile, truncate } from './render.ts';

export interface InteractionRef {
  id: string;
  token: string;
  applicationId: string;
}

/** "Thinking…", visible to the presser only; the original response is edited or deleted later. */
export async function deferEphemeral(rest: REST, i: InteractionRef): Promise<void> {
  await rest.post(Routes.interactionCallback(i.id, i.token), {
    body: {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    },
    auth: false,
  });
}

/** Acknowledges a button press by editing the message it sits on (here: disabling its buttons). */
export async function updateComponents(
  rest: REST,
  i: InteractionRef,
  components: APIMessageTopLevelComponent[],
): Promise<void> {
  await rest.post(Routes.interactionCallback(i.id, i.token), {
    body: { type: InteractionResponseType.UpdateMessage, data: { components } },
    auth: false,
  });
}

/** Acknowledges a button press without changing anything. */
export async function deferUpdate(rest: REST, i: InteractionRef): Promise<void> {
  await rest.post(Routes.interactionCallback(i.id, i.token), {
    body: { type: InteractionResponseType.DeferredMessageUpdate },
    auth: false,
  });
}

/** Edits the deferred answer to `content` (escaped already), with a file attached when given. */
export async function editOriginal(
  rest: REST,
  i: InteractionRef,
  content: string,
  file?: OutboundFile,
): Promise<void> {
  const raw = file ? [toRawFile(file)] : [];
  await rest.patch(Routes.webhookMessage(i.applicationId, i.token, '@original'), {
    body: {
      content: truncate(content, MAX_CONTENT),
      allowed_mentions: NO_MENTIONS,
      ...(raw.length ? { attachments: raw.map((f, id) => ({ id, filename: f.name })) } : {}),
    },
    ...(raw.length ? { files: raw } : {}),
    auth: false,
  });
}

/** A further ephemeral message for the presser (an answer longer than one message). */
export async function followUpEphemeral(
  rest: REST,
  i: InteractionRef,
  content: string,
): Promise<void> {
  await rest.post(Routes.webhook(i.applicationId, i.token), {
    body: {
      content: truncate(content, MAX_CONTENT),
      flags: MessageFlags.Ephemeral,
      allowed_mentions: NO_MENTIONS,
    },
    auth: false,
  });
}

export async function deleteOriginal(rest: REST, i: InteractionRef): Promise<void> {
  await rest.delete(Routes.webhookMessage(i.applicationId, i.token, '@original'), { auth: false });
}
