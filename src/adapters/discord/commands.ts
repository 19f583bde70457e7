/**
 * Slash commands: /help /cancel /status for users in the bot's DMs (registered globally, context
 * BOT_DM only), and the desk commands for agents in the desk's server (registered on that guild, so
 * they appear at once): /claim /close /note /reopen /transfer /unclaim /escalate /transcript
 * /snippet in a case thread, /queue and /snippets in the desk channel too. Registration is a bulk overwrite, so it is idempotent at every
 * start. Descriptions are the only texts here: what the platform's command menu shows.
 * @see https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 * @see https://discord.com/developers/docs/interactions/application-commands#interaction-contexts
 */
import { AGENT_COMMANDS as CORE_AGENT_COMMANDS } from '../../core/types.ts';
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  Routes,
  type REST,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';

export const USER_COMMAND_NAMES = ['help', 'cancel', 'status'] as const;
export const AGENT_COMMAND_NAMES = CORE_AGENT_COMMANDS;

/** Each command's option the core reads as `args` (a user option is the `/transfer` target). */
export const ARG_OPTION: Partial<Record<(typeof AGENT_COMMAND_NAMES)[number], string>> = {
  note: 'text',
  escalate: 'reason',
  close: 'reason',
  snippet: 'name',
  transfer: 'agent',
};

/** Discord allows at most 25 choices on an option. */
const MAX_CHOICES = 25;

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

/**
 * The desk commands. With the snippet names (at most 25), `/snippet name:` offers them as choices;
 * otherwise it is free text and `/snippets` lists them.
 */
export function agentCommands(
  snippetNames: readonly string[] = [],
): RESTPutAPIApplicationCommandsJSONBody {
  const choices =
    snippetNames.length > 0 && snippetNames.length <= MAX_CHOICES
      ? { choices: snippetNames.map((n) => ({ name: n, value: n })) }
      : {};
  return [
    { name: 'claim', description: 'Take this case' },
    {
      name: 'close',
      description: 'Close this case and ask the user for a rating',
      options: [
        {
          type: ApplicationCommandOptionType.String as const,
          name: 'reason',
          description: 'Why, when nobody has answered the user (a duplicate, spam)',
          required: false,
          max_length: 200,
        },
      ],
    },
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
    {
      name: 'transfer',
      description: 'Hand this case to another agent (or take it over: pick yourself)',
      options: [
        {
          type: ApplicationCommandOptionType.User as const,
          name: 'agent',
          description: 'The agent who takes the case',
          required: true,
        },
      ],
    },
    { name: 'unclaim', description: 'Put this case back in the queue' },
    {
      name: 'escalate',
      description: 'Call the senior agents and raise the priority',
      options: [
        {
          type: ApplicationCommandOptionType.String as const,
          name: 'reason',
          description: 'Why (shown to the seniors on the card)',
          required: false,
          max_length: 500,
        },
      ],
    },
    { name: 'queue', description: 'Open cases, most urgent first (here or in any case)' },
    { name: 'transcript', description: 'The whole case as a text file (only you see it)' },
    {
      name: 'snippet',
      description: 'Send a canned reply to the user (/snippets lists them)',
      options: [
        {
          type: ApplicationCommandOptionType.String as const,
          name: 'name',
          description: 'The snippet',
          required: true,
          max_length: 64,
          ...choices,
        },
        {
          type: ApplicationCommandOptionType.String as const,
          name: 'values',
          description: 'Values the case lacks, e.g. amount=250 USDT txid=TX-…',
          required: false,
          max_length: 500,
        },
      ],
    },
    { name: 'snippets', description: 'List the canned replies' },
  ].map((c) => ({
    ...c,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  }));
}

export const AGENT_COMMANDS: RESTPutAPIApplicationCommandsJSONBody = agentCommands();

export async function registerCommands(
  rest: REST,
  applicationId: string,
  deskGuildId: string | undefined,
  snippetNames?: readonly string[],
): Promise<void> {
  await rest.put(Routes.applicationCommands(applicationId), { body: USER_COMMANDS });
  if (deskGuildId)
    await rest.put(Routes.applicationGuildCommands(applicationId, deskGuildId), {
      body: agentCommands(snippetNames),
    });
}
