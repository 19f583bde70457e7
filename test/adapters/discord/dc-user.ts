import type { DiscordEmulator, EmuInteraction, EmuMessage } from '../../emulators/discord/index.ts';

/** What a person reads: the bot's escaped markdown without the escaping backslashes. */
export function plain(content: string): string {
  return content.replace(/\\([\\*_~`|[\]<>#.+-])/g, '$1');
}

interface Button {
  custom_id: string;
  label: string;
  disabled?: boolean;
}

function buttonsOf(message: EmuMessage): Button[] {
  return (message.components as Array<{ components?: Button[] }>).flatMap(
    (row) => row.components ?? [],
  );
}

/**
 * A Discord user driven through the emulator: writes DMs, sends images, presses buttons on the
 * bot's DMs, and waits for the bot's next DM matching a pattern.
 */
export class DcUser {
  private seen = 0;

  constructor(
    private readonly emu: DiscordEmulator,
    readonly id: string,
  ) {}

  get dmChannelId(): string {
    return this.emu.dmChannel(this.id).id;
  }

  says(text: string): EmuMessage {
    return this.emu.userSendsDm(this.id, { content: text });
  }

  sendsImage(bytes: Uint8Array, fileName = 'screenshot.png'): EmuMessage {
    return this.emu.userSendsDm(this.id, {
      files: [{ fileName, contentType: 'image/png', bytes }],
    });
  }

  /** Waits for a new bot DM matching `pattern`; later waits start after it. */
  async expect(pattern: RegExp, timeoutMs = 8_000): Promise<EmuMessage & { text: string }> {
    const found = await this.emu.waitFor(
      () => {
        const sent = this.emu.dmsTo(this.id);
        const index = sent.findIndex((m, i) => i >= this.seen && pattern.test(plain(m.content)));
        return index >= 0 ? { index, message: sent[index]! } : undefined;
      },
      timeoutMs,
      `a bot DM matching ${pattern} (got: ${JSON.stringify(this.texts().slice(this.seen))})`,
    );
    this.seen = found.index + 1;
    return { ...found.message, text: plain(found.message.content) };
  }

  /** Presses the enabled button whose label matches, on the newest bot DM that shows it. */
  press(label: RegExp): EmuInteraction {
    const message = this.emu
      .dmsTo(this.id)
      .filter((m) => buttonsOf(m).some((b) => !b.disabled && label.test(b.label)))
      .at(-1);
    if (!message) throw new Error(`no enabled button ${label} in the DMs of ${this.id}`);
    const button = buttonsOf(message).find((b) => !b.disabled && label.test(b.label))!;
    return this.emu.pressButton(this.id, message.id, button.custom_id);
  }

  texts(): string[] {
    return this.emu.dmsTo(this.id).map((m) => plain(m.content));
  }
}
