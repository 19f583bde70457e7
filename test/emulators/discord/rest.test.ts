import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../free-port.ts';
import { DiscordEmulator } from './index.ts';

let emu: DiscordEmulator;
beforeEach(async () => {
  emu = await DiscordEmulator.start();
});
afterEach(async () => emu.close());

const call = async (
  method: string,
  path: string,
  body?: unknown,
  token: string | null = emu.token,
) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bot ${token}`;
  const res = await fetch(`${emu.apiRoot}/v10${path}`, {
    method,
    headers,
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (res.status === 204 ? undefined : await res.json()) as any,
  };
};

describe('emulated REST', () => {
  it('answers 401 to a wrong token', async () => {
    const res = await call('GET', '/users/@me', undefined, 'wrong');
    expect(res).toMatchObject({ status: 401, body: { message: '401: Unauthorized', code: 0 } });
  });

  it('answers /gateway/bot with its own WebSocket URL', async () => {
    const res = await call('GET', '/gateway/bot');
    expect(res.body).toMatchObject({
      url: emu.gatewayUrl,
      shards: 1,
      session_start_limit: { max_concurrency: 1 },
    });
  });

  it('answers a scripted 429 with retry_after in the body and the Retry-After header', async () => {
    emu.rateLimitNext(1, { retryAfterSec: 0.25 });
    const res = await call('GET', '/users/@me');
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      message: 'You are being rate limited.',
      retry_after: 0.25,
      global: false,
      code: 0,
    });
    expect(res.headers.get('retry-after')).toBe('0.25');
    expect((await call('GET', '/users/@me')).status).toBe(200);
  });

  it('answers 403 / 50007 to a message for a user with closed DMs', async () => {
    const user = emu.addUser({ username: 'alice' });
    emu.closeDms(user.id);
    const res = await call('POST', `/channels/${emu.dmChannel(user.id).id}/messages`, {
      content: 'hi',
    });
    expect(res).toMatchObject({
      status: 403,
      body: { code: 50007, message: 'Cannot send messages to this user' },
    });
  });

  it('answers 404 / 10003 for a deleted thread', async () => {
    const desk = emu.addTextChannel('cases');
    const thread = await call('POST', `/channels/${desk.id}/threads`, { name: 'T-1', type: 11 });
    emu.deleteChannel(thread.body.id);
    const res = await call('POST', `/channels/${thread.body.id}/messages`, { content: 'hi' });
    expect(res).toMatchObject({ status: 404, body: { code: 10003, message: 'Unknown Channel' } });
  });

  it('answers 400 / 50035 to content over 2000 characters', async () => {
    const user = emu.addUser({ username: 'alice' });
    const res = await call('POST', `/channels/${emu.dmChannel(user.id).id}/messages`, {
      content: 'x'.repeat(2001),
    });
    expect(res).toMatchObject({ status: 400, body: { code: 50035 } });
  });

  it('refuses a second response to the same interaction (40060)', async () => {
    const user = emu.addUser({ username: 'alice' });
    const i = emu.slashCommand(user.id, emu.dmChannel(user.id).id, 'help');
    const first = await call(
      'POST',
      `/interactions/${i.id}/${i.token}/callback`,
      { type: 5 },
      null,
    );
    const second = await call(
      'POST',
      `/interactions/${i.id}/${i.token}/callback`,
      { type: 5 },
      null,
    );
    expect(first.status).toBe(204);
    expect(second).toMatchObject({ status: 400, body: { code: 40060 } });
  });

  it('refuses a first response after the 3-second deadline (10062)', async () => {
    await emu.close();
    emu = await DiscordEmulator.start({ interactionAckDeadlineMs: 20 });
    const user = emu.addUser({ username: 'alice' });
    const i = emu.slashCommand(user.id, emu.dmChannel(user.id).id, 'help');
    await new Promise((r) => setTimeout(r, 40));
    const res = await call('POST', `/interactions/${i.id}/${i.token}/callback`, { type: 5 }, null);
    expect(res).toMatchObject({ status: 404, body: { code: 10062 } });
  });

  it('answers 5xx for scripted server errors', async () => {
    emu.failNext(1, { status: 503 });
    expect((await call('GET', '/users/@me')).status).toBe(503);
  });

  it('lists messages newest first: the oldest ones after `after`, the newest before `before`', async () => {
    const user = emu.addUser({ username: 'alice' });
    const sent = ['one', 'two', 'three', 'four'].map((content) =>
      emu.userSendsDm(user.id, { content }),
    );
    const dm = emu.dmChannel(user.id).id;
    const list = async (query: string) =>
      (
        (await call('GET', `/channels/${dm}/messages?${query}`)).body as Array<{ content: string }>
      ).map((m) => m.content);
    expect(await list('')).toEqual(['four', 'three', 'two', 'one']);
    expect(await list(`after=${sent[0]!.id}&limit=2`)).toEqual(['three', 'two']);
    expect(await list(`after=${sent[3]!.id}`)).toEqual([]);
    expect(await list(`before=${sent[3]!.id}&limit=2`)).toEqual(['three', 'two']);
  });

  it('listens on the port it is given', async () => {
    const port = await freePort();
    const other = await DiscordEmulator.start({ port });
    try {
      expect(other.apiRoot).toBe(`http://127.0.0.1:${port}/api`);
      const res = await fetch(`${other.apiRoot}/v10/users/@me`, {
        headers: { authorization: `Bot ${other.token}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('role mentions', () => {
  const send = (channelId: string, body: Record<string, unknown>) =>
    call('POST', `/channels/${channelId}/messages`, body);

  it('pings a mentionable role when allowed_mentions lets it, and only then', async () => {
    const seniors = emu.addRole('seniors', 0n, { mentionable: true });
    const quiet = emu.addRole('quiet');
    const ch = emu.addTextChannel('cases');
    const content = `<@&${seniors.id}> <@&${quiet.id}>`;
    const allowed = await send(ch.id, {
      content,
      allowed_mentions: { parse: [], roles: [seniors.id] },
    });
    const none = await send(ch.id, { content, allowed_mentions: { parse: [] } });
    const escaped = await send(ch.id, { content: `\\<@&${seniors.id}>` });
    expect([
      allowed.body.mention_roles,
      none.body.mention_roles,
      escaped.body.mention_roles,
    ]).toEqual([[seniors.id], [], []]);
  });
});

describe('slash commands', () => {
  it('checks options against the registered command and resolves a USER option', async () => {
    const role = emu.addRole('agents');
    const ben = emu.addMember({ username: 'ben', roles: [role.id] });
    const ch = emu.addTextChannel('cases');
    await call('PUT', `/applications/${emu.applicationId}/guilds/${emu.guildId}/commands`, [
      {
        name: 'transfer',
        description: 'Hand over',
        options: [{ type: 6, name: 'agent', description: 'Who', required: true }],
      },
      {
        name: 'snippet',
        description: 'Send one',
        options: [
          { type: 3, name: 'name', description: 'Which', choices: [{ name: 'a', value: 'a' }] },
        ],
      },
    ]);
    const run = emu.slashCommand(emu.ownerId, ch.id, 'transfer', { agent: ben.id });
    expect(run.payload['data']).toMatchObject({
      options: [{ name: 'agent', type: 6, value: ben.id }],
      resolved: {
        users: { [ben.id]: { username: 'ben' } },
        members: { [ben.id]: { roles: [role.id], permissions: expect.any(String) } },
      },
    });
    expect(() => emu.slashCommand(emu.ownerId, ch.id, 'transfer')).toThrow(/required/);
    expect(() => emu.slashCommand(emu.ownerId, ch.id, 'transfer', { who: ben.id })).toThrow(
      /no option "who"/,
    );
    expect(() => emu.slashCommand(emu.ownerId, ch.id, 'snippet', { name: 'b' })).toThrow(
      /not one of its choices/,
    );
  });
});
