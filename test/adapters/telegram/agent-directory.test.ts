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
  for (const id of [1, 2, 3, 4, 5]) emu.addUser({ id, first_name: `U${id}` });
  emu.setMember(desk, 1, 'creator');
  emu.setMember(desk, 2, 'administrator');
  emu.setMember(desk, 3, 'member');
  emu.setMember(desk, 4, 'kicked');
  emu.setMember(desk, 5, 'restricted');
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
  it("counts only the desk's creator and administrators as agents, not plain members", async () => {
    let now = 0;
    const d = directory({ now: () => now });
    expect(await Promise.all([1, 2, 3, 4, 5].map((id) => d.isAgent(id)))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    now = 10_000; // past the miss refresh: members are still refused after asking again
    expect(await d.isAgent(3)).toBe(false);
  });

  it('asks getChatAdministrators once for messages arriving together', async () => {
    const d = directory();
    await Promise.all([d.isAgent(1), d.isAgent(2), d.isAgent(2), d.isAgent(1)]);
    expect([emu.calls('getChatAdministrators').length, emu.calls('getChatMember').length]).toEqual([
      1, 0,
    ]);
  });

  it('trusts the list for a minute: an agent demoted meanwhile is still one until it is stale', async () => {
    let now = 0;
    const d = directory({ now: () => now });
    await d.isAgent(2);
    emu.setMember(desk, 2, 'member');
    now = 30_000;
    expect(await d.isAgent(2)).toBe(true);
    now = 61_000;
    expect(await d.isAgent(2)).toBe(false);
    expect(emu.calls('getChatAdministrators')).toHaveLength(2);
  });

  it('asks again on a miss, so someone just promoted is an agent at once', async () => {
    let now = 0;
    const d = directory({ now: () => now });
    expect(await d.isAgent(3)).toBe(false);
    emu.setMember(desk, 3, 'administrator');
    now = 6_000;
    expect(await d.isAgent(3)).toBe(true);
  });

  it('does not ask again on every message of a non-agent', async () => {
    let now = 0;
    const d = directory({ now: () => now });
    for (let i = 0; i < 5; i++) await d.isAgent(3);
    now = 6_000;
    await Promise.all([d.isAgent(3), d.isAgent(3), d.isAgent(4)]);
    expect(emu.calls('getChatAdministrators')).toHaveLength(2);
  });

  it('treats a failed check as "not an agent" and asks again next time', async () => {
    emu.failNext('getChatAdministrators', {
      kind: 'error',
      errorCode: 400,
      description: 'Bad Request: something',
    });
    const d = directory();
    const first = await d.isAgent(2);
    expect([first, await d.isAgent(2)]).toEqual([false, true]);
  });

  it('uses AGENT_IDS without asking Telegram: exactly those ids, admins or not', async () => {
    const d = directory({ agentIds: ['3'] });
    expect([
      await d.isAgent(3),
      await d.isAgent(1),
      emu.calls('getChatAdministrators').length + emu.calls('getChatMember').length,
    ]).toEqual([true, false, 0]);
  });

  it('treats an empty AGENT_IDS as unset', async () => {
    expect(await directory({ agentIds: [] }).isAgent(2)).toBe(true);
  });
});
