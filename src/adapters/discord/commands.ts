/**
 * Slash commands: /help /cancel /status for users in the bot's DMs (registered globally, context
 * BOT_DM only), and /claim /close /note /reopen for agents in the desk's server (registered on that
 * guild, so they appear at once). Registration is a bulk overwrite, so it is idempotent at every
 * start. Descriptions are the only texts here: what the platform's command menu shows.
 * @see https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 * @see https://discord.com/developers/docs/interactions/application-commands#interaction-contexts
 */
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  Routes,
  type REST,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';

export const USER_COMMAND_NAMES = ['help', 'cancel', 'status'] as const;
export const AGENT_COMMAND_NAMES = ['claim', 'close', 'note', 'reopen'] as const;

const zh = (text: string) => ({ 'zh-CN': text, 'zh-TW': text });

export const USER_COMMANDS: RESTPutAPIApplicationCommandsJSONBody = [
  {
    name: 'help',
    description: 'What this bot can do for you',
    description_localizations: zh('我能为您做什么'),
  },
  {
    name: 'cancel',
    description: 'Stop the current question',
    description_localizations: zh('取消当前的问题'),
  },
  {
    name: 'status',
    description: 'See your open case',
    description_localizations: zh('查看您的工单状态'),
  },
].map((c) => ({
  ...c,
  contexts: [InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
}));

export const AGENT_COMMANDS: RESTPutAPIApplicationCommandsJSONBody = [
  { name: 'claim', description: 'Take this case' },
  { name: 'close', description: 'Close this case and ask the user for a rating' },
  {
    name: 'note',
    description: 'Add an internal note (the user does not see it)',
    options: [
      {
        type: ApplicationCommandOptionType.String as const,
        name: 'text',
        description: 'The note',
        required: true,
        max_length: 1900,
      },
    ],
  },
  { name: 'reopen', description: 'Reopen this closed case' },
].map((c) => ({
  ...c,
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
}));

export async function registerCommands(
  rest: REST,
  applicationId: string,
  deskGuildId: string | undefined,
): Promise<void> {
  await rest.put(Routes.applicationCommands(applicationId), { body: USER_COMMANDS });
  if (deskGuildId)
    await rest.put(Routes.applicationGuildCommands(applicationId, deskGuildId), {
      body: AGENT_COMMANDS,
    });
}
