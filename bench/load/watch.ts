/**
 * Timing on the emulator's side: every message a bot creates is stamped (performance.now()) the
 * moment the emulator records it, and whoever waits on that chat is woken at once (no 10 ms
 * polling). A `LoadUser` is a `ChatUser` for the scripted walks in test/support/walk.ts that
 * measures each turn: from the moment its message or button press is injected to the first new
 * bot message in its chat.
 */
import type { Server } from 'node:http';
import { TelegramEmulator, type StoredMessage } from '../../test/emulators/telegram/index.ts';
import type { ChatUser } from '../../test/support/walk.ts';

/**
 * The emulator, with HTTP keep-alive that works: its server answers `Keep-Alive: timeout=1`, and
 * Node's agent (grammY's keep-alive agent included) drops a socket whose hint leaves less than its
 * 1 s margin, so every Bot API call would open a new TCP connection — in both bots, and unlike
 * api.telegram.org. A longer timeout here keeps connections as Telegram does.
 */
export async function startEmulator(): Promise<TelegramEmulator> {
  const emu = await TelegramEmulator.start();
  const server = emu['server'] as Server | undefined;
  if (server) server.keepAliveTimeout = 30_000;
  return emu;
}

export interface Stamped {
  message: StoredMessage;
  at: number;
}

export class EmulatorWatch {
  private readonly byChat = new Map<number, Stamped[]>();
  private readonly waiters = new Map<number, Set<() => void>>();
  private readonly all = new Set<(s: Stamped) => void>();

  constructor(readonly emu: TelegramEmulator) {
    const state = emu.state;
    const original = state.addMessage.bind(state);
    state.addMessage = (...args) => {
      const message = original(...args);
      if (message.fromBot && message.kind !== 'service') {
        const stamped = { message, at: performance.now() };
        let list = this.byChat.get(message.chatId);
        if (!list) this.byChat.set(message.chatId, (list = []));
        list.push(stamped);
        for (const wake of this.waiters.get(message.chatId) ?? []) wake();
        for (const listener of this.all) listener(stamped);
      }
      return message;
    };
  }

  /** Bot messages in a chat, in the order the emulator recorded them. */
  messages(chatId: number): Stamped[] {
    return this.byChat.get(chatId) ?? [];
  }

  /** Calls `listener` for every bot message from now on; returns the unsubscribe. */
  onMessage(listener: (s: Stamped) => void): () => void {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }

  /** Resolves with `check()` once it is truthy, re-checked on each new bot message in the chat. */
  until<T>(
    chatId: number,
    check: () => T | undefined,
    what: string,
    timeoutMs: number,
  ): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      let set = this.waiters.get(chatId);
      if (!set) this.waiters.set(chatId, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        set.delete(wake);
      };
      const wake = () => {
        const value = check();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      set.add(wake);
    });
  }
}

/** A user of the load test: walks a case like TgUser, recording one latency per turn. */
export class LoadUser implements ChatUser {
  private seen = 0;
  private sentAt: number | undefined;
  private firstAfter = 0;
  private turns = 0;

  constructor(
    private readonly watch: EmulatorWatch,
    readonly id: number,
    /**
     * Receives each turn's latency: injected → first new bot message in this chat (ms), and the
     * turn's number in the case (0 = the first words).
     */
    private readonly record: (ms: number, turn: number) => void,
    private readonly timeoutMs = 60_000,
  ) {}

  says(text: string): void {
    this.turn();
    this.watch.emu.userSends(this.id, text);
  }

  press(label: RegExp): void {
    const emu = this.watch.emu;
    const withButton = this.watch
      .messages(this.id)
      .map((s) => emu.message(s.message.chatId, s.message.messageId)!)
      .filter((m) => m.replyMarkup?.inline_keyboard.flat().some((b) => label.test(b.text)));
    const message = withButton.at(-1);
    if (!message) throw new Error(`no button ${label} on any message of user ${this.id}`);
    const button = message.replyMarkup!.inline_keyboard.flat().find((b) => label.test(b.text))!;
    if (!('callback_data' in button)) throw new Error('not a callback button');
    this.turn();
    emu.press(this.id, message, button.callback_data);
  }

  async expect(pattern: RegExp): Promise<{ text: string }> {
    const list = () => this.watch.messages(this.id);
    const found = await this.watch.until(
      this.id,
      () => {
        this.takeLatency();
        const l = list();
        for (let i = this.seen; i < l.length; i++) if (pattern.test(l[i]!.message.text)) return i;
        return undefined;
      },
      `${pattern} for user ${this.id} (got ${JSON.stringify(
        list()
          .slice(this.seen)
          .map((s) => s.message.text.slice(0, 60)),
      )})`,
      this.timeoutMs,
    );
    this.seen = found + 1;
    return list()[found]!.message;
  }

  private turn(): void {
    this.takeLatency();
    this.firstAfter = this.watch.messages(this.id).length;
    this.sentAt = performance.now();
  }

  private takeLatency(): void {
    if (this.sentAt === undefined) return;
    const reply = this.watch.messages(this.id)[this.firstAfter];
    if (!reply) return;
    this.record(reply.at - this.sentAt, this.turns++);
    this.sentAt = undefined;
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
