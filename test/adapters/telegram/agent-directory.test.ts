import { Api } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentDirectory } from '../../../src/adapters/telegram/agents.ts';
import { TelegramEmulator } from '../../emulators/telegram/index.ts';
import { testLogger } from './harness.ts';

let emu: TelegramEmulator;
let api: Api;
let desk: number;

beforeEach(async () => {
  emu = await TelegramEmulator.start();
  api = new Api(emu.token, { apiRoot: emu.apiRoot });
  desk = emu.createDesk();
  for (const id of [1, 2, 3, 4]) emu.addUser({ id, first_name: `U${id}` });
  emu.setMember(desk, 1, 'creator');
  emu.setMember(desk, 2, 'administrator');
  emu.setMember(desk, 3, 'member');
  emu.setMember(desk, 4, 'kicked');
});
afterEach(async () => emu.stop());

function directory(opts: { agentIds?: string[]; now?: () => number } = {}) {
  return new AgentDirectory(
    api,
    { deskChatId: String(desk), cacheMs: 60_000, ...opts },
    testLogger(),
  );
}

describe('AgentDirectory', () => {
  it('counts the creator, administrators and members of the desk as agents', async () => {
    const d = directory();
    expect(await Promise.all([1, 2, 3, 4].map((id) => d.isAgent(id)))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('asks once for messages arriving together', async () => {
    const d = directory();
    await Promise.all([d.isAgent(3), d.isAgent(3), d.isAgent(3)]);
    expect(emu.calls('getChatMember')).toHaveLength(1);
  });

  it('asks again once the answer is stale (someone left the group)', async () => {
    let now = 0;
    const d = directory({ now: () => now });
    await d.isAgent(3);
    emu.setMember(desk, 3, 'left');
    now = 61_000;
    expect(await d.isAgent(3)).toBe(false);
  });

  it('treats a failed check as "not an agent" and asks again next time', async () => {
    emu.failNext('getChatMember', {
      kind: 'error',
      errorCode: 400,
      description: 'Bad Request: something',
    });
    const d = directory();
    const first = await d.isAgent(3);
    expect([first, await d.isAgent(3)]).toEqual([false, true]);
  });

  it('uses AGENT_IDS without asking Telegram', async () => {
    const d = directory({ agentIds: ['4'] });
    expect([await d.isAgent(4), await d.isAgent(1), emu.calls('getChatMember').length]).toEqual([
      true,
      false,
      0,
    ]);
  });

  it('treats an empty AGENT_IDS as unset', async () => {
    expect(await directory({ agentIds: [] }).isAgent(3)).toBe(true);
  });
});
