export { DiscordAdapter } from './adapter.ts';
export type { DiscordAdapterOptions } from './options.ts';
export { DiscordUserChannel } from './channel.ts';
export { DiscordAgentDesk, type DeskKind } from './desk.ts';
export {
  mapMessage,
  mapInteraction,
  PANEL_CUSTOM_ID,
  type MapperContext,
  type MappedMessage,
  type MappedInteraction,
} from './mapper.ts';
export { fetchMessagesAfter, type ReplayEntry, type ReplayRecord } from './replay.ts';
export { DEFAULT_TEXTS, type DiscordTexts } from './texts.ts';
export { USER_COMMANDS, AGENT_COMMANDS } from './commands.ts';
