/**
 * The vocabulary of the house: normalized users, messages, attachments, tickets and the two ports
 * (user channel, agent desk) that platform adapters implement. Nothing here knows a platform SDK.
 */

export type Lang = 'en' | 'zh';

/** A platform name as adapters report it ('telegram', 'discord', 'console', a test fake …). */
export type PlatformName = string;

/**
 * Where to send a message later, without holding an SDK object (botbuilder's
 * ConversationReference). Stored with tickets so a reply can reach a user the process never saw.
 */
export interface Address {
  platform: PlatformName;
  /** The DM / private chat id on the user side; the desk group or channel on the agent side. */
  chatId: string;
  /** Forum topic id (Telegram) or thread id (Discord) on the desk side. */
  threadId?: string;
}

export interface UserIdentity {
  platform: PlatformName;
  userId: string;
  displayName?: string;
  username?: string;
  /** The platform's language hint (Telegram `language_code`, Discord `locale`). */
  languageCode?: string;
}

/** An attachment as the platform announced it. The bytes are fetched once, at intake. */
export interface InboundAttachment {
  kind: 'photo' | 'document';
  fileName?: string;
  mimeType?: string;
  /** Size as announced by the platform, when known (lets the core refuse before downloading). */
  size?: number;
  /** Downloads the bytes now; platform links expire, our evidence copy does not. */
  fetch(): Promise<Uint8Array>;
}

/** What a user sent that the bot cannot read (it asks for text or a screenshot instead). */
export type UnsupportedKind =
  'sticker' | 'voice' | 'audio' | 'video' | 'location' | 'contact' | 'poll' | 'other';

interface UserEventBase {
  /** The user's DM / private chat. */
  address: Address;
  user: UserIdentity;
  /** Unique per platform + chat; a message id seen before is handled once. */
  messageId: string;
  /**
   * Handed over again after a restart (the adapter kept it on disk while it was being handled):
   * if its turn was already written, its replies are sent again instead of being lost.
   */
  replayed?: boolean;
  /**
   * Called once the turn's replies went out; the adapter notes it next to the update, so a replay
   * after a crash later in the turn (the desk sync) does not send them twice.
   */
  onRepliesSent?: () => void;
  /**
   * Messages of this user the platform already delivered after this one, waiting their turn
   * (Telegram long polling knows it from its update journal). A message relayed to an open case
   * leaves its desk post to the last of them: a burst reaches the agents as one post.
   */
  queuedAfter?: number;
}

/**
 * Who first wrote a message the user forwarded (often the scammer's message): a person, a group
 * or a channel by its name or title, with its public @username when it has one; `hidden` when the
 * sender hides their account (only the name they show is known).
 */
export interface ForwardedFrom {
  name: string;
  username?: string;
  hidden?: true;
}

export type UserEvent =
  | (UserEventBase & {
      type: 'message';
      text: string;
      attachments: InboundAttachment[];
      unsupported?: UnsupportedKind;
      /** A forwarded message: who wrote it first (agents see it with the words). */
      forwardedFrom?: ForwardedFrom;
      /**
       * The user edited a message they had sent; `text` is its new text (and `messageId` is
       * unique to this edit, so a second edit is no duplicate).
       */
      edited?: true;
    })
  /** A button press; `choiceId` is the opaque `Choice.id` the core sent. */
  | (UserEventBase & { type: 'choice'; choiceId: string })
  | (UserEventBase & { type: 'command'; command: UserCommand; args?: string });

export const USER_COMMANDS = ['start', 'help', 'cancel', 'status'] as const;
export type UserCommand = (typeof USER_COMMANDS)[number];

/** A button. `id` is opaque to adapters and at most 64 bytes (Telegram's callback_data limit). */
export interface Choice {
  id: string;
  label: string;
}

/** A file we send: bytes we hold (from the evidence store), never a platform link. */
export interface OutboundFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  /**
   * Its sender sent it as a file (a document), not as a photo: handed on as a file too, never
   * recompressed as a photo.
   */
  asFile?: true;
}

/** A message to a user. Plain text: adapters send it without markup parsing. */
export interface OutboundMessage {
  text: string;
  choices?: Choice[];
  files?: OutboundFile[];
}

// ─── Agent desk ────────────────────────────────────────────────────────────────────────────────

export type Priority = 'urgent' | 'high' | 'normal' | 'low';
export type TicketStatus = 'open' | 'claimed' | 'closed';

/** The case header shown to agents: the first message of a topic / thread, edited on changes. */
export interface CaseCard {
  ticketId: string;
  /** Topic / thread name: `🔴 T-7K3Q9XA · account_locked · zh` (≤ 100 chars). */
  title: string;
  status: TicketStatus;
  priority: Priority;
  /** The priority's mark (🔴 urgent, 🟠 high, 🔵 normal, ⚪ low), the same on every desk. */
  priorityMark?: string;
  intent: string;
  lang: Lang;
  user: { platform: PlatformName; userId: string; displayName?: string; username?: string };
  /** Collected fields in display order, values already masked. */
  fields: Array<{
    label: string;
    value: string;
    /** What the field is, whatever the desk's language labels it (`rating`). */
    key?: 'rating';
    /** Shortened here; the post right under the card has it in full (a desk may point there). */
    inFullBelow?: true;
  }>;
  /** The user's own words (masked). Raw text: adapters escape it for their markup. */
  userWords: string;
  /** `userWords` are shortened here; the post right under the card has them in full. */
  wordsInFullBelow?: true;
  /** The card's own headings in the desk's language (DESK_LANG); English where absent. */
  labels?: {
    status: string;
    /** The status as the desk reads it ("open", "处理中"). */
    statusValue: string;
    priority: string;
    priorityValue: string;
    assignee: string;
    userWords: string;
    opened: string;
    user: string;
    intent: string;
    language: string;
    /** "⬇️ in full below": what a desk shows instead of a shortened text posted in full. */
    inFullBelow?: string;
  };
  assignee?: string;
  createdAt: number;
}

/** Where a case lives on a desk platform: the topic / thread and its card message. */
export interface DeskRef {
  platform: PlatformName;
  chatId: string;
  threadId: string;
  cardMessageId?: string;
}

/** Something posted into a case: a user's message relayed, or a status line from the bot. */
export interface DeskPost {
  from: 'user' | 'system';
  /** Raw text; adapters escape it before rendering with markup. */
  text: string;
  authorName?: string;
  files?: OutboundFile[];
  /** Call the senior agents' attention (an SLA breach, an escalation): adapters mention them. */
  mentionSeniors?: boolean;
}

export interface AgentIdentity {
  platform: PlatformName;
  userId: string;
  displayName: string;
  /** The platform handle (Telegram @username), so `/transfer @name` can find a known agent. */
  username?: string;
  /** Decided by the adapter (group membership, AGENT_IDS, AGENT_ROLE_ID); enforced by the core. */
  isAgent: boolean;
  /** A senior agent (SENIOR_AGENT_IDS, SENIOR_ROLE_ID); seniors are agents too. */
  isSenior?: boolean;
}

/** Every agent command, in the order desks list them (Telegram menu, Discord slash commands). */
export const AGENT_COMMANDS = [
  'claim',
  'close',
  'note',
  'reopen',
  'transfer',
  'unclaim',
  'escalate',
  'queue',
  'transcript',
  'snippet',
  'snippets',
] as const;
export type AgentCommand = (typeof AGENT_COMMANDS)[number];

interface AgentEventBase {
  /** The topic / thread the agent wrote in (routing uses stored ids, never parsed text). */
  desk: Address & { threadId: string };
  agent: AgentIdentity;
  messageId: string;
}

export type AgentEvent =
  | (AgentEventBase & {
      type: 'reply';
      text: string;
      attachments: InboundAttachment[];
      /**
       * The agent edited their message with this id; `text` is its new text (and `messageId` is
       * unique to this edit). A reply the user got reaches them again as a correction; an edited
       * note, command or held reply changes nothing.
       */
      editOf?: string;
    })
  | (AgentEventBase & {
      type: 'command';
      command: AgentCommand;
      args: string;
      /**
       * `/transfer`'s target when the platform names it (a Discord user option, the author of the
       * Telegram message replied to); otherwise the core matches `args` against known agents.
       */
      target?: AgentIdentity;
    });

/** What the adapter shows the agent in answer to a command or reply (ephemeral where possible). */
export interface AgentFeedback {
  ok: boolean;
  text: string;
  /**
   * Nothing worth a message in the thread. With `ok` (a delivered reply) adapters may just react;
   * without it (words in a topic / thread that is no case) they stay silent.
   */
  quiet?: boolean;
  /** A file that answers the command (the `/transcript` export), shown to the agent. */
  file?: OutboundFile;
}
