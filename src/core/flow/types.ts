/**
 * What the conversation engine (step.ts) reads and produces: its context, the inputs a user turn
 * gives it and the effects it asks the core to carry out.
 */
import type { EvidenceFile, EvidenceRejection } from '../evidence.ts';
import type { IntentCatalog } from '../intents.ts';
import type { IntentClassifier } from '../nlu/classifier.ts';
import type { TransactionIdShape } from '../nlu/entities.ts';
import type { Traditionalizer } from '../script.ts';
import type { SensitiveKind } from '../sensitive/index.ts';
import type { Locale, Texts } from '../texts.ts';
import type { ReopenWhy, TicketDraft, UserSays } from '../tickets/ticket.ts';
import type {
  Address,
  OutboundMessage,
  Priority,
  TicketStatus,
  UserCommand,
  UnsupportedKind,
  UserIdentity,
} from '../types.ts';
import type { Conversation } from './state.ts';

/** When agents work and how soon they answer (service hours and SLA targets). */
export interface ServiceClock {
  /** The hours said plainly with the zone, or undefined when agents answer around the clock. */
  describe(locale: Locale): string | undefined;
  isOpen(now: number): boolean;
  nextOpen(now: number): number | undefined;
  /** When the open stretch `now` is in ends (undefined: closed now, or always open). */
  closesAt(now: number): number | undefined;
  /**
   * A moment in the service zone, said plainly ("Monday 09:00 (China Standard Time)"; without the
   * zone where the hours were just said with it).
   */
  formatLocal(at: number, locale: Locale, now: number, withZone?: boolean): string;
  /** The first-response target of a priority (ms). */
  firstResponseTarget(priority: Priority): number;
  /**
   * When a target started at `start` is due: urgent counts wall-clock time, the others only
   * open hours.
   */
  dueAt(kind: 'first_response' | 'resolution', priority: Priority, start: number): number;
  formatDuration(ms: number, locale: Locale): string;
  readonly timeZone: string;
}

export interface FlowContext {
  catalog: IntentCatalog;
  classifier: IntentClassifier;
  texts: Texts;
  traditional: Traditionalizer;
  clock: ServiceClock;
  txid: TransactionIdShape;
  now: number;
  newTicketId: () => string;
  user: UserIdentity;
  address: Address;
  /** The user's platform can delete the user's own message (Telegram yes, Discord no). */
  canDeleteMessages?: boolean;
  /** The user's ticket when the conversation points at one (for /status). */
  ticket?: {
    id: string;
    status: TicketStatus;
    assignee?: string;
    priority?: Priority;
    /** Its problem and fields: a field given after the case opened updates the card. */
    intent?: string;
    fields?: Record<string, string>;
    /** Its first answer is past due and nobody has answered yet. */
    overdue?: boolean;
  };
  /** The name users see instead of an agent's own (STAFF_ALIAS): no agent is named to them. */
  staffAlias?: string;
}

export type FlowInput =
  | {
      kind: 'text';
      /** Cleaned and masked. */
      text: string;
      /** Attachments accepted into the evidence store this turn. */
      files: EvidenceFile[];
      rejected: EvidenceRejection[];
      sensitive: SensitiveKind[];
      /**
       * Fingerprints of the private keys (sensitive/private-keys.ts secretPrint) and of the codes
       * and passwords (agent-guard.ts) masked in this message; with `codeHalf`, also which half it
       * was ("half:code" or "half:key", sensitive/mask.ts), kept until the next message.
       */
      secretPrints?: string[];
      /** The message is recovery-phrase list words and nothing else (not masked: too few yet). */
      listOnly?: true;
      /** The message ended with half a one-time code ("the code was 482"), masked. */
      codeHalf?: true;
      /** Chinese the masking took out entirely (a Chinese phrase pasted alone): a Chinese user. */
      maskedHan?: true;
      /** Set when the text was cut to this many characters. */
      truncated?: number;
      /** A sticker, voice note, location, contact card… with nothing else readable: what it was. */
      unsupported?: UnsupportedKind;
    }
  | { kind: 'choice'; id: string }
  | { kind: 'command'; command: UserCommand; languageCode?: string };

export type FlowEffect =
  | { type: 'reply'; message: OutboundMessage }
  | { type: 'open_ticket'; draft: TicketDraft }
  | {
      type: 'relay';
      ticketId: string;
      text: string;
      files: EvidenceFile[];
      /** The message reports a security problem or holds a pasted secret: the case is raised. */
      raise?: TicketRaise;
      /** Fields given or put right after the case opened ("补充一下，txid是 0x…"): on the card. */
      fields?: Record<string, string>;
      /** Another problem told on the case ("also, separate issue: my card payment failed"). */
      also?: string;
      /** The user says it is solved, or no longer wants the case: the desk is asked to close it. */
      userSays?: UserSays;
    }
  /** The user says the case just closed is not solved: it opens again with their words. */
  | {
      type: 'reopen';
      ticketId: string;
      text: string;
      files: EvidenceFile[];
      /**
       * Why, if not "not solved": details the user sent after the close (what the agent asked
       * for), a question for the agent ("one more question: will I get the fee back?"), or a
       * wish for a manager after a poor rating (the case goes to the senior agents).
       */
      why?: ReopenWhy;
    }
  /** The survey's answer: stars, a comment, or both. */
  | { type: 'rate'; ticketId: string; rating?: number; comment?: string }
  /**
   * Delete the user's message that held a secret; tell them `done` if it worked, `failed` if
   * the platform refused (then they must delete it themselves).
   */
  | { type: 'delete_message'; done: string; failed: string };

/**
 * What raises an open case to urgent: a security report in words (`report`), secrets pasted
 * (their kinds, flagged on the card).
 */
export interface TicketRaise {
  report?: boolean;
  /** The user wrote they may harm themselves (flow/wellbeing.ts). */
  distress?: boolean;
  /**
   * The user threatened our staff or the company (flow/threats.ts): flagged for the desk, the
   * seniors told — the priority stays as it is.
   */
  threat?: boolean;
  secrets: SensitiveKind[];
  /** The phrase came in parts since then: the user's earlier parts on the case are masked too. */
  partsSince?: number;
}

export interface StepResult {
  state: Conversation;
  effects: FlowEffect[];
}

export type TextInput = Extract<FlowInput, { kind: 'text' }>;
