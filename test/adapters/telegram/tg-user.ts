import type { StoredMessage, TelegramEmulator } from '../../emulators/telegram/index.ts';

/**
 * A Telegram user driven through the emulator: writes, sends photos, presses buttons on the bot's
 * messages and waits for the bot's next message matching a pattern.
 */
export class TgUser {
  private seen = 0;

  constructor(
    private readonly emu: TelegramEmulator,
    readonly id: number,
  ) {}

  says(text: string): StoredMessage {
    return this.emu.userSends(this.id, text);
  }

  sendsPhoto(bytes: Uint8Array, caption?: string): StoredMessage {
    return this.emu.userSendsPhoto(this.id, caption === undefined ? { bytes } : { bytes, caption });
  }

  /** Waits for a new bot message in this chat matching `pattern`; later waits start after it. */
  async expect(pattern: RegExp, timeoutMs = 5000): Promise<StoredMessage> {
    const found = await this.emu.waitFor(
      () => {
        const sent = this.emu.sent(this.id);
        const index = sent.findIndex((m, i) => i >= this.seen && pattern.test(m.text));
        return index >= 0 ? { index, message: sent[index]! } : undefined;
      },
      `a bot message matching ${pattern} for user ${this.id} (got: ${JSON.stringify(this.texts().slice(this.seen))})`,
      timeoutMs,
    );
    this.seen = found.index + 1;
    return found.message;
  }

  /** Presses the button whose label matches, on the newest bot message that still shows it. */
  press(label: RegExp): void {
    const withButton = this.emu
      .sent(this.id)
      .map((m) => this.emu.message(m.chatId, m.messageId)!)
      .filter((m) => m.replyMarkup?.inline_keyboard.flat().some((b) => label.test(b.text)));
    const message = withButton.at(-1);
    if (!message) throw new Error(`no button ${label} on any message of user ${this.id}`);
    const button = message.replyMarkup!.inline_keyboard.flat().find((b) => label.test(b.text))!;
    if (!('callback_data' in button)) throw new Error('not a callback button');
    this.emu.press(this.id, message, button.callback_data);
  }

  texts(): string[] {
    return this.emu.sent(this.id).map((m) => m.text);
  }
}
