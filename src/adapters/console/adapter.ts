import type { AgentDesk, PlatformAdapter, SupportCore, UserChannel } from '../../core/ports.ts';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Writable } from 'node:stream';
import type {
  Address,
  AgentCommand,
  AgentEvent,
  AgentIdentity,
  CaseCard,
  Choice,
  DeskPost,
  DeskRef,
  InboundAttachment,
  OutboundMessage,
  UserCommand,
} from '../../core/types.ts';
import { cardLabels } from '../common/card-labels.ts';

export const CONSOLE_HELP = `Wallet support bot — terminal chat (no platform token needed)

You are a wallet USER. Type a message and press Enter, in English or Chinese.
  1, 2, 3 …        press a numbered button of the bot's last message
  /img PATH        send a screenshot: an image or PDF file on disk
  /start /help /status /cancel   the user's commands, as on Telegram

You are also the AGENT DESK. Lines starting with "@" act as a support agent:
  @cases           list open cases          @use T-XXXXXXX pick the case to work on
  @claim           claim the current case   @reply TEXT    answer the user
  @ TEXT           the same as @reply TEXT (note the space after @)
  @note TEXT       internal note, never sent to the user
  @close [WHY]     close the case (the user is asked for a rating; WHY if nobody answered)  @reopen
  @transfer NAME   hand the case to agent NAME (yourself: take it over)
  @unclaim         put the case back in the queue
  @escalate [WHY]  call the senior agents: higher priority, the user is told
  @queue           open cases, most urgent first, with time left
  @transcript      the whole case as text (what /transcript exports)
  @snippet NAME    send a canned reply to the user    @snippets  list them
  @as NAME         act as another agent (try it to see a claim refused)
  ?                this help              /quit          leave
`;

const USER: Address = { platform: 'console', chatId: 'you' };
const DESK_CHAT = 'desk';
/** `@VERB ARGS` for a command on the current case, the args as typed. */
const CASE_COMMANDS = new Set<string>([
  'claim',
  'close',
  'reopen',
  'note',
  'unclaim',
  'escalate',
  'transcript',
  'snippet',
]);

/** An agent of the terminal desk: any name, always an agent. */
function consoleAgent(name: string): AgentIdentity {
  return {
    platform: 'console',
    userId: `agent-${name.toLowerCase()}`,
    displayName: name,
    isAgent: true,
  };
}

/** An open case as `@cases` lists it. */
export interface ConsoleCase {
  id: string;
  status: string;
  intent: string;
  priority: string;
  assignee?: { displayName: string };
}

export interface ConsoleAdapterOptions {
  /** What `@cases` lists (the core's open tickets); called only once a line asks for it. */
  openTickets?: () => Promise<ConsoleCase[]>;
}

/**
 * The terminal implements both ports: the user channel (what the bot says to you) and the agent
 * desk (cases, cards, relayed messages). Lines are handled one at a time, in order, so a script
 * piped in (`npm run chat < case.txt`) or a test calling `handleLine` sees the same conversation.
 */
export class ConsoleAdapter implements PlatformAdapter {
  readonly platform = 'console';
  readonly channel: UserChannel;
  readonly desk: AgentDesk;
  private core: SupportCore | undefined;
  private lastChoices: Choice[] = [];
  private agent: AgentIdentity = consoleAgent('Alice');
  /** Agents this terminal has been (`@as`), by lower-cased name: who `@transfer NAME` can reach. */
  private readonly agents = new Map<string, AgentIdentity>([['alice', this.agent]]);
  private currentCase: string | undefined;
  private readonly cases = new Map<string, { title: string; closed: boolean }>();
  private seq = 0;
  private openTickets: () => Promise<ConsoleCase[]>;

  constructor(
    private readonly out: Writable,
    options: ConsoleAdapterOptions = {},
  ) {
    this.openTickets = options.openTickets ?? (async () => []);
    this.channel = { platform: 'console', send: async (_to, message) => this.showToUser(message) };
    this.desk = {
      platform: 'console',
      // A terminal has nobody to call.
      hasSeniors: false,
      openCase: async (card, files, onCreated) => {
        const ref = this.openCase(card, files.length);
        await onCreated?.(ref);
        return ref;
      },
      updateCard: async (ref, card) => {
        // The title changes on an escalation (⬆️, a higher priority): the case is renamed.
        const c = this.cases.get(ref.threadId);
        if (c && c.title !== card.title) {
          c.title = card.title;
          this.print(`desk │ ${ref.threadId} renamed: ${card.title}`);
        }
        this.print(`desk │ ${ref.threadId} card: ${this.status(card)}`);
        // The rating and comment land on the card: show them to the desk.
        const rating = card.fields.find((f) => f.key === 'rating');
        if (rating) this.print(`desk │ ${ref.threadId} rating: ${rating.value}`);
      },
      post: async (ref, post) => this.post(ref, post),
      redactPost: async (ref, ids, post) => {
        // Printed lines stay on the screen: the rewrite is shown, as an agent would see it.
        this.print(`desk │ ${ref.threadId} (${ids.length} earlier post rewritten)`);
        this.post(ref, post);
      },
      closeCase: async (ref) => {
        const c = this.cases.get(ref.threadId);
        if (c) c.closed = true;
        this.print(`desk │ ${ref.threadId} case closed`);
      },
      reopenCase: async (ref) => {
        const c = this.cases.get(ref.threadId);
        if (c) c.closed = false;
        this.print(`desk │ ${ref.threadId} case reopened`);
      },
    };
  }

  /** Typed lines go to `core` from now on (nothing to connect to: the terminal is already here). */
  async start(core: SupportCore): Promise<void> {
    this.core = core;
  }

  /** Lines are handled one at a time by the caller; nothing runs in the background. */
  async stop(): Promise<void> {
    this.core = undefined;
  }

  private print(line: string): void {
    this.out.write(line + '\n');
  }

  private showToUser(message: OutboundMessage): void {
    for (const line of message.text.split('\n')) this.print(`bot  › ${line}`);
    for (const f of message.files ?? [])
      this.print(`bot  › [file ${f.fileName}, ${f.mimeType}, ${f.bytes.length} bytes]`);
    if (message.choices?.length) {
      this.lastChoices = message.choices;
      this.print(`bot  › ${message.choices.map((c, i) => `[${i + 1}] ${c.label}`).join('  ')}`);
    }
  }

  private status(card: CaseCard): string {
    return `${cardLabels(card).statusValue}${card.assignee ? ` · ${card.assignee}` : ''}`;
  }

  private openCase(card: CaseCard, files: number): DeskRef {
    const threadId = card.ticketId;
    this.cases.set(threadId, { title: card.title, closed: false });
    this.currentCase = threadId;
    this.print(`desk ┌ new case ${card.title}`);
    const l = cardLabels(card);
    this.print(
      `desk │ ${l.user}: ${card.user.displayName ?? card.user.userId} (${card.user.platform})`,
    );
    for (const f of card.fields) this.printLines(`desk │ ${f.label}: `, f.value);
    if (card.userWords.trim()) this.printLines(`desk │ ${l.userWords}: `, card.userWords);
    this.print(
      `desk └ ${files ? `${files} file${files === 1 ? '' : 's'} attached` : 'no files'} · ${this.status(card)} · type "@claim", then "@reply …"`,
    );
    return { platform: 'console', chatId: DESK_CHAT, threadId };
  }

  /**
   * `first` + a value on as many lines as it has, each under the `desk │` rule (a multi-line note or
   * the user's words stay inside the card), continuation lines indented under the value.
   */
  private printLines(first: string, value: string): void {
    const [head = '', ...rest] = value.split('\n');
    this.print(`${first}${head}`);
    for (const line of rest) this.print(`desk │   ${line}`);
  }

  private posts = 0;

  /** Prints a post; answers an id for it (redactPost is told which post it rewrites). */
  private post(ref: DeskRef, post: DeskPost): string[] {
    const who = post.from === 'user' ? 'user' : 'bot';
    // A file sent without words is one line, not an empty line before it.
    if (post.text || !post.files?.length)
      for (const line of post.text.split('\n'))
        this.print(`desk │ ${ref.threadId} ${who}: ${line}`);
    for (const f of post.files ?? [])
      this.print(`desk │ ${ref.threadId} ${who}: [file ${f.fileName}, ${f.bytes.length} bytes]`);
    // No one to notify in a terminal: say that the seniors were called.
    if (post.mentionSeniors)
      this.print(`desk │ ${ref.threadId} bot: 🔔 (the senior agents would be mentioned here)`);
    return [String(++this.posts)];
  }

  /** Handles one typed line; resolves when the bot has answered. */
  async handleLine(raw: string): Promise<'quit' | void> {
    const line = raw.trim();
    if (!this.core) throw new Error('ConsoleAdapter.start(core) first');
    if (!line) return; // an empty line is nothing to send
    if (line === '/quit' || line === '/exit') return 'quit';
    if (line === '?') return void this.out.write(CONSOLE_HELP);
    // "@ TEXT" (with a space) is a reply to the user, like "@reply TEXT".
    if (/^@\s/.test(line)) return this.agentLine(`reply ${line.slice(1).trim()}`);
    if (line.startsWith('@')) return this.agentLine(line.slice(1).trim());
    const messageId = `c${Date.now()}-${++this.seq}`;
    const base = {
      address: USER,
      user: { platform: 'console', userId: 'you', displayName: 'Alex (you, in the terminal)' },
      messageId,
    };

    const n = /^\d{1,2}$/.test(line) ? Number(line) : NaN;
    if (n >= 1 && n <= this.lastChoices.length) {
      const choice = this.lastChoices[n - 1]!;
      this.lastChoices = [];
      return this.core.handleUser({ ...base, type: 'choice', choiceId: choice.id });
    }
    const cmd = /^\/(start|help|status|cancel)\b\s*(.*)$/.exec(line);
    if (cmd)
      return this.core.handleUser({
        ...base,
        type: 'command',
        command: cmd[1] as UserCommand,
        args: cmd[2]!,
      });
    const img = /^\/img\s+(.+)$/.exec(line);
    if (img) {
      const path = img[1]!.trim().replace(/^["']|["']$/g, '');
      const attachment: InboundAttachment = {
        kind: /\.(png|jpe?g|webp|gif)$/i.test(path) ? 'photo' : 'document',
        fileName: basename(path),
        fetch: async () => new Uint8Array(await readFile(path)),
      };
      if (!extname(path)) delete attachment.fileName;
      return this.core.handleUser({
        ...base,
        type: 'message',
        text: '',
        attachments: [attachment],
      });
    }
    return this.core.handleUser({ ...base, type: 'message', text: raw, attachments: [] });
  }

  private async agentLine(line: string): Promise<void> {
    const [typed = '', ...rest] = line.split(/\s+/);
    const args = line.slice(typed.length).trim();
    // "@Note …", "@CLOSE": commands in any case (Telegram's and Discord's are too).
    const verb = typed.toLowerCase();
    if (verb === 'cases') {
      const open = await this.openTickets();
      if (!open.length) this.print('desk │ no open cases');
      for (const t of open)
        this.print(
          `desk │ ${t.id === this.currentCase ? '*' : ' '} ${t.id} ${t.intent} ${t.priority} ${t.status}${t.assignee ? ` · ${t.assignee.displayName}` : ''}`,
        );
      return;
    }
    if (verb === 'as') {
      const name = rest.join(' ');
      if (!name)
        return this.print(`desk │ you are agent ${this.agent.displayName}; @as NAME to be another`);
      this.agent = this.agents.get(name.toLowerCase()) ?? consoleAgent(name);
      this.agents.set(name.toLowerCase(), this.agent);
      this.print(`desk │ you are now agent ${name}`);
      return;
    }
    // The queue and the snippet list answer anywhere in the desk (threadId ''), before any case.
    if (verb === 'queue' || verb === 'snippets')
      return this.toCore({
        desk: { platform: 'console', chatId: DESK_CHAT, threadId: '' },
        agent: this.agent,
        messageId: `a${Date.now()}-${++this.seq}`,
        type: 'command',
        command: verb,
        args,
      });
    if (verb === 'use') {
      const id = args.toUpperCase();
      if (!id) return this.print('desk │ usage: @use T-XXXXXXX (@cases lists them)');
      if (!this.cases.has(id))
        return this.print(`desk │ no case ${id} on this desk (@cases lists them)`);
      this.currentCase = id;
      return this.print(`desk │ working on ${id}`);
    }
    if (!this.currentCase)
      return this.print('desk │ no case yet: a case appears here once a user confirms one');
    const desk = { platform: 'console', chatId: DESK_CHAT, threadId: this.currentCase };
    const base = { desk, agent: this.agent, messageId: `a${Date.now()}-${++this.seq}` };
    let event: AgentEvent;
    if (CASE_COMMANDS.has(verb))
      event = { ...base, type: 'command', command: verb as AgentCommand, args };
    else if (verb === 'transfer') {
      event = { ...base, type: 'command', command: 'transfer', args };
      // In the terminal one person plays every agent: a name is the agent of that name (known
      // from @as, or new — "use their numeric id" means nothing here).
      const name = args.replace(/^@/, '').trim();
      if (name) {
        const target = this.agents.get(name.toLowerCase()) ?? consoleAgent(name);
        this.agents.set(name.toLowerCase(), target);
        event.target = target;
      }
    } else if (verb === 'reply' || verb === '')
      event = { ...base, type: 'reply', text: args, attachments: [] };
    else return this.print(`desk │ unknown agent command "@${verb}" (type ? for help)`);
    return this.toCore(event);
  }

  /** An agent's event to the core; its answer (and file: the transcript) printed on the desk. */
  private async toCore(event: AgentEvent): Promise<void> {
    const feedback = await this.core!.handleAgent(event);
    // The desk's words name slash commands; here they are typed with "@".
    const text = feedback.text.replace(
      /(^|[\s(;])\/(note|claim|close|reopen|transfer|unclaim|escalate|queue|transcript|snippets?)\b/g,
      '$1@$2',
    );
    if (!feedback.quiet || feedback.file) {
      const [head = '', ...rest] = text.split('\n');
      this.print(`desk │ ${feedback.ok ? '✓' : '✗'} ${head}`);
      for (const line of rest) this.print(`desk │   ${line}`);
    }
    const file = feedback.file;
    if (file) {
      this.print(`desk ┌ ${file.fileName}`);
      const body = new TextDecoder().decode(file.bytes).replace(/\n$/, '');
      for (const line of body.split('\n')) this.print(`desk │ ${line}`);
      this.print(`desk └ end of ${file.fileName}`);
    }
  }
}
