import type { SupportBot } from '../../src/core/bot.ts';
import type { Ticket } from '../../src/core/tickets/ticket.ts';
import type {
  AgentCommand,
  AgentFeedback,
  AgentIdentity,
  InboundAttachment,
  OutboundMessage,
  UserCommand,
} from '../../src/core/types.ts';
import { makeTestCore, type TestCore, type TestCoreOptions } from './core.ts';
import { DeletingChannel, FakeChannel, FakeDesk } from './fakes.ts';

/**
 * A fluent driver over the real core and in-memory port fakes (botbuilder's TestFlow idea):
 * `await h.user('u1').says('…')`, then `h.user('u1').lastText()`, `press(/Not solved/)` …
 */
export class Harness {
  private seq = 0;
  /** Message ids are unique across harnesses, as platform ids are across restarts. */
  private readonly prefix = Math.random().toString(36).slice(2, 8);

  private constructor(
    readonly t: TestCore,
    readonly channel: FakeChannel,
    readonly desk: FakeDesk,
  ) {}

  static async create(
    opts: Omit<TestCoreOptions, 'channels' | 'desk'> & {
      noDesk?: boolean;
      /** The user's platform lets the bot delete their messages (Telegram). */
      canDelete?: boolean;
    } = {},
  ): Promise<Harness> {
    const { noDesk, canDelete, ...parts } = opts;
    const channel = canDelete ? new DeletingChannel() : new FakeChannel();
    const desk = new FakeDesk();
    const t = await makeTestCore({ ...parts, channels: [channel], ...(noDesk ? {} : { desk }) });
    return new Harness(t, channel, desk);
  }

  get core(): SupportBot {
    return this.t.core;
  }

  nextId(): string {
    return `${this.prefix}-${++this.seq}`;
  }

  user(id = 'u1', languageCode?: string): UserDriver {
    return new UserDriver(this, id, languageCode);
  }

  agent(name = 'Alice', isAgent = true): AgentDriver {
    return new AgentDriver(this, name, isAgent);
  }

  async ticket(id: string): Promise<Ticket> {
    const t = await this.core.repo.ticket(id);
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  }

  async tickets(): Promise<Ticket[]> {
    return this.core.openTickets();
  }

  dispose(): Promise<void> {
    return this.t.dispose();
  }
}

export class UserDriver {
  constructor(
    private readonly h: Harness,
    readonly id: string,
    private readonly languageCode?: string,
  ) {}

  private get base() {
    return {
      address: { platform: 'fake', chatId: this.id },
      user: {
        platform: 'fake',
        userId: this.id,
        displayName: `User ${this.id}`,
        ...(this.languageCode ? { languageCode: this.languageCode } : {}),
      },
    };
  }

  says(
    text: string,
    attachments: InboundAttachment[] = [],
    messageId = this.h.nextId(),
  ): Promise<void> {
    return this.h.core.handleUser({ ...this.base, messageId, type: 'message', text, attachments });
  }

  sends(event: { unsupported: 'sticker' | 'voice' | 'video' | 'location' }): Promise<void> {
    return this.h.core.handleUser({
      ...this.base,
      messageId: this.h.nextId(),
      type: 'message',
      text: '',
      attachments: [],
      unsupported: event.unsupported,
    });
  }

  command(command: UserCommand): Promise<void> {
    return this.h.core.handleUser({
      ...this.base,
      messageId: this.h.nextId(),
      type: 'command',
      command,
    });
  }

  /** Presses the button whose label matches, on the newest message that has buttons. */
  press(label: RegExp): Promise<void> {
    const withChoices = this.messages().filter((m) => m.choices?.length);
    const choice = withChoices.at(-1)?.choices?.find((c) => label.test(c.label));
    if (!choice)
      throw new Error(
        `no button ${label} in: ${JSON.stringify(withChoices.at(-1)?.choices?.map((c) => c.label))}`,
      );
    return this.pressId(choice.id);
  }

  pressId(choiceId: string): Promise<void> {
    return this.h.core.handleUser({
      ...this.base,
      messageId: this.h.nextId(),
      type: 'choice',
      choiceId,
    });
  }

  messages(): OutboundMessage[] {
    return this.h.channel.to(this.id);
  }

  texts(): string[] {
    return this.messages().map((m) => m.text);
  }

  lastText(): string {
    return this.h.channel.last(this.id).text;
  }

  lastChoices(): string[] {
    return (this.h.channel.last(this.id).choices ?? []).map((c) => c.label);
  }

  /** Walks the English withdrawal case up to the created ticket; returns the ticket id. */
  async openWithdrawalCase(txid = 'TX-20261120-8F3K2Q9'): Promise<string> {
    await this.says('my withdrawal has been pending for 3 days');
    await this.press(/No, I still need help/);
    await this.says(txid);
    await this.press(/Skip/); // amount
    while (!/Please check your case/.test(this.lastText())) await this.press(/Skip|Done/);
    await this.press(/Send to support/);
    const id = /T-[A-Z0-9]{7}/.exec(this.lastText())?.[0];
    if (!id) throw new Error(`no ticket id in "${this.lastText()}"`);
    return id;
  }
}

export class AgentDriver {
  constructor(
    private readonly h: Harness,
    readonly name: string,
    private readonly isAgent: boolean,
  ) {}

  private base(ticketId: string) {
    const c = this.h.desk.live(ticketId);
    if (!c) throw new Error(`no live desk case for ${ticketId}`);
    return {
      desk: { platform: c.ref.platform, chatId: c.ref.chatId, threadId: c.ref.threadId },
      agent: this.identity,
      messageId: this.h.nextId(),
    };
  }

  command(
    ticketId: string,
    command: AgentCommand,
    args = '',
    target?: AgentIdentity,
  ): Promise<AgentFeedback> {
    return this.h.core.handleAgent({
      ...this.base(ticketId),
      type: 'command',
      command,
      args,
      ...(target ? { target } : {}),
    });
  }

  /** A command outside any case (the desk's general topic / channel): /queue, /snippets. */
  anywhere(command: AgentCommand, args = ''): Promise<AgentFeedback> {
    return this.h.core.handleAgent({
      desk: { platform: 'fakedesk', chatId: 'desk', threadId: '' },
      agent: this.identity,
      messageId: this.h.nextId(),
      type: 'command',
      command,
      args,
    });
  }

  get identity(): AgentIdentity {
    return {
      platform: 'fakedesk',
      userId: `agent-${this.name}`,
      displayName: this.name,
      username: this.name.toLowerCase(),
      isAgent: this.isAgent,
    };
  }

  claim(ticketId: string): Promise<AgentFeedback> {
    return this.command(ticketId, 'claim');
  }

  reply(
    ticketId: string,
    text: string,
    attachments: InboundAttachment[] = [],
  ): Promise<AgentFeedback> {
    return this.h.core.handleAgent({ ...this.base(ticketId), type: 'reply', text, attachments });
  }
}

export const file = (bytes: Uint8Array, fileName = 'screenshot.png'): InboundAttachment => ({
  kind: 'photo',
  fileName,
  size: bytes.length,
  fetch: async () => bytes,
});
