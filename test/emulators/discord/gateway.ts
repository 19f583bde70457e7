/**
 * The gateway half of the emulator: HELLO on connect, IDENTIFY → READY (+ GUILD_CREATE), heartbeat
 * ACKs, RESUME with replay of the dispatches the client missed, and dispatch of events to every
 * session. A session outlives its connection, so events dispatched while a client is disconnected
 * are replayed on RESUME, as Discord does.
 * @see https://discord.com/developers/docs/events/gateway#connections
 * @see https://discord.com/developers/docs/events/gateway#resuming
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';

const OP = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

interface Session {
  id: string;
  seq: number;
  /** Dispatches kept for RESUME (Discord keeps a window of them too). */
  backlog: Array<{ s: number; t: string; d: unknown }>;
  socket: WebSocket | undefined;
}

export interface GatewayHooks {
  token(): string;
  /** READY's payload without session fields, and the GUILD_CREATEs to follow it. */
  ready(): {
    user: unknown;
    application: unknown;
    guilds: Array<{ id: string; unavailable: true }>;
  };
  guildCreates(): unknown[];
}

export interface GatewayStats {
  identifies: number;
  resumes: number;
  heartbeats: number;
  connections: number;
}

export class EmulatedGateway {
  readonly stats: GatewayStats = { identifies: 0, resumes: 0, heartbeats: 0, connections: 0 };
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private readonly sockets = new Set<WebSocket>();

  constructor(
    server: Server,
    private readonly hooks: GatewayHooks,
    private readonly options: { heartbeatIntervalMs: number; url: () => string },
  ) {
    // Any path is accepted: discord.js appends `?v=10&encoding=json` to the URL from /gateway/bot.
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  /** Sends an event to every session; a disconnected session keeps it for RESUME. */
  dispatch(t: string, d: unknown): void {
    for (const session of this.sessions.values()) {
      const s = ++session.seq;
      session.backlog.push({ s, t, d });
      if (session.backlog.length > 5000) session.backlog.shift();
      if (session.socket?.readyState === WebSocket.OPEN)
        send(session.socket, { op: OP.Dispatch, t, s, d });
    }
  }

  /** Whether some client has identified and holds an open connection. */
  get connected(): boolean {
    return [...this.sessions.values()].some((s) => s.socket?.readyState === WebSocket.OPEN);
  }

  /**
   * Drops every connection, as a network failure or a Discord restart would. Without a code the
   * TCP connection is cut (close code 1006 on the client); with 4000 (unknown error) the client
   * resumes; with 1000 it starts a new session.
   */
  drop(code?: number): void {
    for (const socket of this.sockets) {
      if (code === undefined) socket.terminate();
      else socket.close(code, 'emulator drop');
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(socket: WebSocket): void {
    this.stats.connections++;
    this.sockets.add(socket);
    let session: Session | undefined;
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (session?.socket === socket) session.socket = undefined;
    });
    socket.on('message', (raw) => {
      let payload: { op: number; d: any };
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        socket.close(4002, 'Error while decoding payload.');
        return;
      }
      switch (payload.op) {
        case OP.Heartbeat:
          this.stats.heartbeats++;
          send(socket, { op: OP.HeartbeatAck });
          break;
        case OP.Identify: {
          if (session) return void socket.close(4005, 'Already authenticated.');
          if (payload.d?.token !== this.hooks.token())
            return void socket.close(4004, 'Authentication failed.');
          this.stats.identifies++;
          session = { id: randomUUID().replace(/-/g, ''), seq: 0, backlog: [], socket };
          this.sessions.set(session.id, session);
          const ready = this.hooks.ready();
          const s = ++session.seq;
          const d = {
            v: 10,
            ...ready,
            session_id: session.id,
            resume_gateway_url: this.options.url(),
            shard: [0, 1],
          };
          session.backlog.push({ s, t: 'READY', d });
          send(socket, { op: OP.Dispatch, t: 'READY', s, d });
          for (const guild of this.hooks.guildCreates()) {
            const gs = ++session.seq;
            session.backlog.push({ s: gs, t: 'GUILD_CREATE', d: guild });
            send(socket, { op: OP.Dispatch, t: 'GUILD_CREATE', s: gs, d: guild });
          }
          break;
        }
        case OP.Resume: {
          const known = this.sessions.get(String(payload.d?.session_id));
          if (!known || payload.d?.token !== this.hooks.token()) {
            send(socket, { op: OP.InvalidSession, d: false });
            return;
          }
          this.stats.resumes++;
          known.socket?.terminate();
          known.socket = socket;
          session = known;
          const from = Number(payload.d.seq ?? 0);
          for (const e of known.backlog) {
            if (e.s > from) send(socket, { op: OP.Dispatch, t: e.t, s: e.s, d: e.d });
          }
          const s = ++known.seq;
          send(socket, { op: OP.Dispatch, t: 'RESUMED', s, d: {} });
          break;
        }
        default:
          // Presence updates, member requests …: accepted and ignored.
          break;
      }
    });
    send(socket, { op: OP.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }
}

function send(socket: WebSocket, payload: Record<string, unknown>): void {
  socket.send(JSON.stringify({ s: null, t: null, ...payload }));
}
