import type { KeyValueStore } from '../../core/ports.ts';

/**
 * Which message in each private chat carries the buttons of the user's current step. A newer
 * keyboard, or the step answered in words (`UserChannel.closeChoices`), makes them stale: the
 * channel takes them off that message, once — a keyboard the user pressed the channel closed as it
 * answered the press, and is forgotten here so nothing edits it again.
 *
 * Held in memory, and copied to the core's store when the adapter has one (as `SendProgress` is)
 * so that a restart, or another instance on the same store, still knows the keyboard sent before
 * it. Best effort, and never in a send's way: a chat this process has not seen yet is read from
 * the store for at most READ_WAIT_MS — a store that does not answer (an outage) leaves an old
 * keyboard on screen; it does not hold the user's reply (it had held the "one moment" of a Redis
 * outage until the store's own timeout). The copy is written in the background, once per chat
 * every WRITE_EVERY_MS with the chat's latest keyboard (a user walking a case through its
 * buttons changes it every few seconds: one write per keyboard had been a store write per
 * step, +9 % CPU per turn in `npm run bench -- load --profile`), and at `flush()` (the adapter's
 * stop). A kill loses at most the last WRITE_EVERY_MS: that chat's old keyboard stays on screen.
 */
export class OpenKeyboards {
  /** chat → message holding its buttons; `null`: none (known, so the store is not asked). */
  private readonly memory = new Map<string, string | null>();
  /** Chats whose keyboard changed since the last write to the store. */
  private readonly unwritten = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    /** Names the platform in the store's keys ('tg', 'dc'). */
    private readonly platform: string,
    /** The core's store (KeyValueStore port), shared by every instance. */
    private readonly store?: KeyValueStore,
    /** Past this, an old keyboard is left as it is (the flow has expired it long before). */
    private readonly ttlMs = 30 * 24 * 60 * 60_000,
  ) {}

  /**
   * `messageId` now holds the chat's buttons: answers the message that held them before, whose
   * buttons are to be taken off (none, or the same message: undefined).
   */
  async opened(chatId: string, messageId: string): Promise<string | undefined> {
    const previous = await this.get(chatId);
    this.set(chatId, messageId);
    return previous === messageId ? undefined : previous;
  }

  /** The chat's step is over: answers the message whose buttons to take off, once (then none). */
  async close(chatId: string): Promise<string | undefined> {
    const current = await this.get(chatId);
    if (current !== undefined) this.set(chatId, null);
    return current;
  }

  /** The user pressed the buttons of `messageId`, which the channel closed: not to close again. */
  async used(chatId: string, messageId: string): Promise<void> {
    if ((await this.get(chatId)) === messageId) this.set(chatId, null);
  }

  private key(chatId: string): string {
    return `openkeyboard:v1:${this.platform}:${chatId}`;
  }

  private async get(chatId: string): Promise<string | undefined> {
    const known = this.memory.get(chatId);
    if (known !== undefined || !this.store) return known ?? undefined;
    let timer: NodeJS.Timeout | undefined;
    const read = await Promise.race([
      this.store.get<string>(this.key(chatId)).catch(() => undefined),
      new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), READ_WAIT_MS))),
    ]).finally(() => clearTimeout(timer));
    if (read === 'late') return undefined; // (not remembered: asked again next time)
    // (A keyboard sent meanwhile, while the store was read, is the newer one.)
    if (!this.memory.has(chatId)) this.remember(chatId, read ?? null);
    return this.memory.get(chatId) ?? undefined;
  }

  private set(chatId: string, messageId: string | null): void {
    this.remember(chatId, messageId);
    if (!this.store) return;
    this.unwritten.add(chatId);
    this.timer ??= setTimeout(() => void this.flush(), WRITE_EVERY_MS).unref();
  }

  /** Writes the chats' latest keyboards to the store now (the adapter's stop; the timer). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const store = this.store;
    if (!store) return;
    const chats = [...this.unwritten];
    this.unwritten.clear();
    await Promise.all(
      chats.map((chatId) => {
        const key = this.key(chatId);
        const messageId = this.memory.get(chatId);
        // (Forgotten from memory meanwhile, among the oldest of very many chats: left as stored.)
        if (messageId === undefined) return undefined;
        return (messageId ? store.set(key, messageId, this.ttlMs) : store.delete(key)).catch(
          () => undefined,
        );
      }),
    );
  }

  private remember(chatId: string, messageId: string | null): void {
    this.memory.delete(chatId); // re-added last: the oldest chats are forgotten first
    this.memory.set(chatId, messageId);
    if (this.memory.size > MEMORY_CHATS) this.memory.delete(this.memory.keys().next().value!);
  }
}

/** How often changed keyboards are copied to the store. */
const WRITE_EVERY_MS = 2_000;

/** How long a chat not seen since start waits for the store's answer before sending anyway. */
const READ_WAIT_MS = 250;

/** Chats remembered in memory (older ones are read from the store again when they come back). */
const MEMORY_CHATS = 50_000;
