import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DiscordEmulator } from './index.ts';

let emu: DiscordEmulator;
const sockets: WebSocket[] = [];
beforeEach(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 45_000 });
});
afterEach(async () => {
  for (const s of sockets) s.terminate();
  await emu.close();
});

interface Frame {
  op: number;
  t: string | null;
  s: number | null;
  d: any;
}

/** A raw gateway client: collects frames and waits for the ones a test needs. */
async function connect(): Promise<{
  ws: WebSocket;
  frames: Frame[];
  next(pred: (f: Frame) => boolean): Promise<Frame>;
  closed: Promise<number>;
}> {
  const ws = new WebSocket(`${emu.gatewayUrl}/?v=10&encoding=json`);
  sockets.push(ws);
  const frames: Frame[] = [];
  const waiters: Array<{ pred: (f: Frame) => boolean; resolve: (f: Frame) => void }> = [];
  ws.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as Frame;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.pred(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve) => ws.once('open', resolve));
  return {
    ws,
    frames,
    closed,
    next: (pred) => {
      const seen = frames.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

const identify = (ws: WebSocket, token = emu.token) =>
  ws.send(JSON.stringify({ op: 2, d: { token, intents: 37377, properties: {} } }));

describe('emulated gateway', () => {
  it('says HELLO with the heartbeat interval on connect', async () => {
    const c = await connect();
    expect((await c.next((f) => f.op === 10)).d).toEqual({ heartbeat_interval: 45_000 });
  });

  it('answers IDENTIFY with READY, then GUILD_CREATE for the guild', async () => {
    const c = await connect();
    identify(c.ws);
    const ready = await c.next((f) => f.t === 'READY');
    expect(ready.d).toMatchObject({
      user: { id: emu.bot.id, bot: true },
      guilds: [{ id: emu.guildId, unavailable: true }],
      resume_gateway_url: emu.gatewayUrl,
    });
    const guild = await c.next((f) => f.t === 'GUILD_CREATE');
    expect(guild.d.id).toBe(emu.guildId);
    expect(guild.s).toBe(ready.s! + 1);
  });

  it('acknowledges a heartbeat', async () => {
    const c = await connect();
    c.ws.send(JSON.stringify({ op: 1, d: null }));
    await c.next((f) => f.op === 11);
    expect(emu.gateway.stats.heartbeats).toBe(1);
  });

  it('closes with 4004 on a wrong token', async () => {
    const c = await connect();
    identify(c.ws, 'wrong');
    expect(await c.closed).toBe(4004);
  });

  it('replays what a session missed on RESUME, then says RESUMED', async () => {
    const first = await connect();
    identify(first.ws);
    const ready = await first.next((f) => f.t === 'READY');
    const guild = await first.next((f) => f.t === 'GUILD_CREATE');
    first.ws.terminate();
    await emu.waitFor(() => !emu.gateway.connected);
    const user = emu.addUser({ username: 'alice' });
    emu.userSendsDm(user.id, { content: 'while away' });
    const second = await connect();
    second.ws.send(
      JSON.stringify({
        op: 6,
        d: { token: emu.token, session_id: ready.d.session_id, seq: guild.s },
      }),
    );
    const resumed = await second.next((f) => f.t === 'RESUMED');
    const replayed = second.frames.filter((f) => f.op === 0 && f.t !== 'RESUMED');
    expect(replayed.map((f) => [f.t, f.d.content])).toEqual([['MESSAGE_CREATE', 'while away']]);
    expect(resumed.s).toBe(replayed[0]!.s! + 1);
  });

  it('answers RESUME of an unknown session with INVALID_SESSION', async () => {
    const c = await connect();
    c.ws.send(JSON.stringify({ op: 6, d: { token: emu.token, session_id: 'nope', seq: 1 } }));
    expect((await c.next((f) => f.op === 9)).d).toBe(false);
  });
});
