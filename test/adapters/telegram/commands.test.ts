import { describe, expect, it } from 'vitest';
import {
  AGENT_COMMAND_MENU,
  isForUs,
  parseCommand,
  USER_COMMAND_MENU,
} from '../../../src/adapters/telegram/commands.ts';

describe('parseCommand', () => {
  it('reads the name, the mention and the args', () => {
    expect(parseCommand('/note@Wallet_Bot  checked  ')).toEqual({
      name: 'note',
      mention: 'Wallet_Bot',
      args: 'checked',
    });
  });

  it('keeps multi-line args', () => {
    expect(parseCommand('/note line one\nline two')?.args).toBe('line one\nline two');
  });

  it('is not fooled by a slash inside a sentence', () => {
    expect(parseCommand('see /status later')).toBeUndefined();
  });

  it('lower-cases the command name', () => {
    expect(parseCommand('/CLOSE')?.name).toBe('close');
  });
});

describe('isForUs', () => {
  it('compares the mention case-insensitively', () => {
    expect(isForUs(parseCommand('/close@WALLET_support_bot')!, 'wallet_support_bot')).toBe(true);
  });

  it('refuses a command for another bot', () => {
    expect(isForUs(parseCommand('/close@other_bot')!, 'wallet_support_bot')).toBe(false);
  });
});

describe('command menus', () => {
  it('have the same commands in English and Chinese', () => {
    for (const menu of [USER_COMMAND_MENU, AGENT_COMMAND_MENU]) {
      expect(menu.zh.map((c) => c.command)).toEqual(menu[''].map((c) => c.command));
    }
  });
});
