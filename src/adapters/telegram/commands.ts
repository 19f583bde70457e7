/**
 * Command parsing and the command menus registered with setMyCommands. The menu descriptions are
 * the only user-facing texts the adapter owns (the platform shows them, not the core).
 * @see https://core.telegram.org/bots/api#setmycommands
 * @see https://core.telegram.org/bots/features#commands
 */
import type { BotCommand } from 'grammy/types';
import {
  AGENT_COMMANDS,
  USER_COMMANDS,
  type AgentCommand,
  type UserCommand,
} from '../../core/types.ts';

export interface ParsedCommand {
  /** Lower-cased, without the slash and the @mention. */
  name: string;
  /** The bot named in `/cmd@bot`, when present. */
  mention?: string;
  /** Text after the command, trimmed ('' when none). */
  args: string;
}

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,}))?(?:\s+([\s\S]*))?$/;

/** `/note@wallet_bot checked the bank` → { name: 'note', mention: 'wallet_bot', args: 'checked the bank' }. */
export function parseCommand(text: string): ParsedCommand | undefined {
  const m = COMMAND.exec(text.trim());
  if (!m) return undefined;
  const parsed: ParsedCommand = { name: m[1]!.toLowerCase(), args: (m[3] ?? '').trim() };
  if (m[2] !== undefined) parsed.mention = m[2];
  return parsed;
}

/** True when the command is addressed to us: no mention, or a mention of our username. */
export function isForUs(command: ParsedCommand, botUsername: string): boolean {
  return (
    command.mention === undefined || command.mention.toLowerCase() === botUsername.toLowerCase()
  );
}

export function asUserCommand(name: string): UserCommand | undefined {
  return (USER_COMMANDS as readonly string[]).includes(name) ? (name as UserCommand) : undefined;
}

export function asAgentCommand(name: string): AgentCommand | undefined {
  return (AGENT_COMMANDS as readonly string[]).includes(name) ? (name as AgentCommand) : undefined;
}

/** Menus per language: '' is the default (English), 'zh' for users whose app is in Chinese. */
export const USER_COMMAND_MENU: Record<'' | 'zh', BotCommand[]> = {
  '': [
    { command: 'start', description: 'What this bot can do for you' },
    { command: 'help', description: 'How to get help' },
    { command: 'cancel', description: 'Cancel the current request' },
    { command: 'status', description: 'Your open ticket and its status' },
  ],
  zh: [
    { command: 'start', description: '机器人能为您做什么' },
    { command: 'help', description: '如何获得帮助' },
    { command: 'cancel', description: '取消当前请求' },
    { command: 'status', description: '查看您的工单及其状态' },
  ],
};

export const AGENT_COMMAND_MENU: Record<'' | 'zh', BotCommand[]> = {
  '': [
    { command: 'claim', description: 'Take this case' },
    { command: 'close', description: 'Close this case (the user is asked for a rating)' },
    { command: 'note', description: 'Internal note, not sent to the user: /note <text>' },
    { command: 'reopen', description: 'Reopen this case' },
    {
      command: 'transfer',
      description:
        'Hand this case to another agent: /transfer @username, or reply to their message',
    },
    { command: 'unclaim', description: 'Put this case back in the queue' },
    {
      command: 'escalate',
      description: 'Call the senior agents and raise the priority: /escalate [reason]',
    },
    { command: 'queue', description: 'Open cases, most urgent first (anywhere in the desk)' },
    { command: 'transcript', description: 'The whole case as a text file' },
    { command: 'snippet', description: 'Send a canned reply to the user: /snippet <name>' },
    { command: 'snippets', description: 'List the canned replies' },
  ],
  zh: [
    { command: 'claim', description: '认领此工单' },
    { command: 'close', description: '关闭此工单（将邀请用户评分）' },
    { command: 'note', description: '内部备注，不发送给用户：/note <内容>' },
    { command: 'reopen', description: '重新打开此工单' },
    { command: 'transfer', description: '转交给其他客服：/transfer @用户名，或回复其消息' },
    { command: 'unclaim', description: '放回待处理队列' },
    { command: 'escalate', description: '升级给高级客服并提高优先级：/escalate [原因]' },
    { command: 'queue', description: '待处理工单，最紧急的在前（客服群任意位置）' },
    { command: 'transcript', description: '导出整个工单的文本文件' },
    { command: 'snippet', description: '向用户发送预设回复：/snippet <名称>' },
    { command: 'snippets', description: '列出预设回复' },
  ],
};
