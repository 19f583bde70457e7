import type { KeyValueStore } from '../../core/ports.ts';

/**
 * Which message in each private chat carries the buttons of the user's current step. A newer
 * keyboard, or the step answered in words (`UserChannel.closeChoices`), makes them stale: the
 * channel takes them off that message, once — a keyboard the user pressed the channel closed as it
 * answered the press, and is forgotten here so nothing edits it again.
 *
 * Kept in the core's store when the adapter has one (as `SendProgress` is), so a restart, or
 * another instance on the same store, still knows the keyboard sent before it; in memory without
 * one. Best effort: a store out of reach leaves a keyboard on screen, it never fails a send.
 */
export class OpenKeyboards {
  private readonly memory = new Map<string, string>();

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
    await this.set(chatId, messageId);
    return previous === messageId ? undefined : previous;
  }

  /** The chat's step is over: answers the message whose buttons to take off, once (then none). */
  async close(chatId: string): Promise<string | undefined> {
    const current = await this.get(chatId);
    if (current !== undefined) await this.forget(chatId);
    return current;
  }

  /** The user pressed the buttons of `messageId`, which the channel closed: not to close again. */
  async used(chatId: string, messageId: string): Promise<void> {
    if ((await this.get(chatId)) === messageId) await this.forget(chatId);
  }

  private key(chatId: string): string {
    return `openkeyboard:v1:${this.platform}:${chatId}`;
  }

  private async get(chatId: string): Promise<string | undefined> {
    if (!this.store) return this.memory.get(chatId);
    return (await this.store.get<string>(this.key(chatId)).catch(() => undefined)) ?? undefined;
  }

  private async set(chatId: string, messageId: string): Promise<void> {
    if (!this.store) this.memory.set(chatId, messageId);
    else await this.store.set(this.key(chatId), messageId, this.ttlMs).catch(() => undefined);
  }

  private async forget(chatId: string): Promise<void> {
    if (!this.store) this.memory.delete(chatId);
    else await this.store.delete(this.key(chatId)).catch(() => undefined);
  }
}
