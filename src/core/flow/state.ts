import type { EvidenceFile } from '../evidence.ts';
import type { SensitiveKind } from '../sensitive/index.ts';
import type { Script } from '../texts.ts';
import type { TranscriptEntry } from '../tickets/ticket.ts';
import type { Lang, OutboundMessage, Priority } from '../types.ts';

export type Phase =
  | 'idle'
  | 'self_help'
  /** "Is this a different problem?" after a message that may change the problem. */
  | 'switching'
  /** One short question between the two or three likeliest problems. */
  | 'clarifying'
  | 'collecting'
  | 'confirming'
  | 'editing'
  | 'handed_off'
  | 'survey_rating'
  | 'survey_comment';

/** One record per user (`conv:v1:<platform>:<userId>`), written once per turn. */
export interface Conversation {
  v: 1;
  lang: Lang;
  /** Where `lang` came from: a platform hint only holds until the user's own text shows otherwise. */
  langSource: 'default' | 'platform' | 'text';
  /** Chinese script the user writes (replies follow it); absent until a message tells. */
  script?: Script;
  phase: Phase;
  intent?: string;
  /** Other problems the user raised on the same case (listed on the card). */
  also?: string[];
  /**
   * A change to the account asked for beside the problem ("另外我想改绑定的银行卡"): on the case as a
   * note; if the problem is solved by its quick fixes, the request still goes to an agent.
   */
  request?: string;
  /**
   * A case cancelled at its summary or during its questions, kept a few minutes: "actually yes
   * please send it" sends it as it was, "sorry, cancelled by mistake, continue" goes on where it
   * was (it had to be told again from the start). `slot`: the question it was cancelled at.
   */
  undo?: {
    at: number;
    slot?: number;
    draft: Pick<
      Conversation,
      | 'intent'
      | 'values'
      | 'unverified'
      | 'skipped'
      | 'files'
      | 'userWords'
      | 'also'
      | 'minPriority'
      | 'secrets'
      | 'senior'
    >;
  };
  /**
   * With several problems in the first words, the clauses that name the one handled: its details
   * are read from these, not from the other problem's ("300 USDT" of a withdrawal beside a 45 EUR
   * charge).
   */
  focus?: { intent: string; words: string };
  /** Priority never drops below this (an earlier problem, a leaked secret). */
  minPriority?: Priority;
  /** A problem the user may be switching to, waiting for their yes / no. */
  pendingSwitch?: { intent: string; text: string };
  /** The phase a "no, same problem" answer returns to. */
  returnTo?: Phase;
  /** The problems offered in a clarifying question. */
  clarifyOptions?: string[];
  /** The problem the user called solved last: "actually no, it happened again" goes back to it. */
  lastSolved?: { intent: string; at: number; words?: string };
  /**
   * The case whose survey the user finished last: "still not solved" soon after reopens it.
   * `unhelped`: closed with nobody's answer or as a duplicate (an "ok" after it is no "glad it's
   * sorted").
   */
  lastClosed?: { id: string; at: number; intent?: string; unhelped?: true };
  /** The open case whose protective steps were given after it reached the agents. */
  securityOn?: string;
  /** Secrets the user pasted during this case (masked; flagged on the card, case urgent). */
  secrets?: SensitiveKind[];
  /**
   * Fingerprints (never the keys) of the private keys this user pasted, kept past the case: the
   * same key pasted again alone is masked like the first time, never taken as an id or relayed.
   * Also salted prints of their codes and passwords ("e1:…", agent-guard.ts): an agent's reply
   * writing one back is held.
   */
  secretPrints?: string[];
  /**
   * Until when (ms) the user's next messages may be parts of a recovery phrase: their message
   * announced one ("my recovery phrase is") or held one or a part of it — a few list words are
   * then masked as its next part.
   */
  phraseUntil?: number;
  /**
   * The user's last messages were recovery-phrase list words and nothing else (too few to tell):
   * their words (kept as the case keeps them, cleared with the run), since when, the last at. The
   * next part that makes a phrase masks them too.
   */
  listRun?: { text: string; since: number; at: number };
  /** A case opened at once asked for details after (its id, when): the answers fill its fields. */
  askedAfter?: { id: string; at: number };
  /** When a message ended with half a one-time code: the next one may hold the rest (2 min). */
  codeHalfAt?: number;
  /** When a (part of a) recovery phrase was last masked: the next part gets the short warning. */
  phraseMaskedAt?: number;
  /** The user asked for a manager / a senior agent, or accepted one. */
  senior?: boolean;
  /** The user wrote they may harm themselves (flow/wellbeing.ts): the case is flagged for care. */
  distress?: boolean;
  /** The user threatened our staff or the company (flow/threats.ts): the case is flagged. */
  threat?: boolean;
  /** A calm line was already said to an angry user in this case. */
  calmed?: boolean;
  /** How many times each question was asked in this case: none is asked more than twice. */
  asked?: Record<string, number>;
  /** The prompt number of the last menu shown: the same menu is never shown twice in a row. */
  menuAt?: number;
  /**
   * A case offered after an answer ("how do I report a scam?" → "would you like to report one
   * now?"), and the prompt it was offered at: a "yes" right after it opens that case.
   */
  offer?: { intent: string; at: number };
  /** Index into the intent's `collect` list while collecting. */
  slot?: number;
  /** Collected values (display strings, masked). */
  values: Record<string, string>;
  /** Slots answered but not validated (e.g. a transaction id that never fit the shape). */
  unverified: string[];
  /** Slots the user chose to skip. */
  skipped: string[];
  files: EvidenceFile[];
  /** Invalid answers to the current slot. */
  misses: number;
  /** Back to the summary after re-asking one slot. */
  editing?: boolean;
  /** The value a slot had before the user chose to edit it: kept if the new answer never comes. */
  editPrevious?: { slot: string; value?: string; unverified?: boolean; files?: EvidenceFile[] };
  /** Sequence number of the last prompt with buttons; button ids carry it, so old buttons are inert. */
  prompt: number;
  /** The user's own description (masked), kept for the agent. */
  userWords?: string;
  /** The open ticket the user is attached to (handed_off), or the one being rated (survey). */
  ticketId?: string;
  /**
   * The last "your message is with …" answer to a waiting user: when, and the agent it named. Five
   * "still waiting" in a row get it once; again after a while, or once an agent has the case.
   */
  waitTold?: { at: number; assignee?: string; again?: true };
  /** When files sent to the open case were last acknowledged (once per burst of them). */
  filesToldAt?: number;
  /**
   * The id the case will get, fixed when the summary is shown: a confirm retried after a failed
   * turn opens the same ticket again instead of a second one.
   */
  pendingTicketId?: string;
  rating?: number;
  /** The problem of the case being rated (the survey tells "still not solved" from a new one). */
  closedIntent?: string;
  /** When the case being rated was closed (what /status and "hi again" say, not now). */
  closedAt?: number;
  /** The agent's last message before the close asked the user something (its answer reopens). */
  agentAsked?: true;
  /** Words about the help said at the rating question without stars; kept with the rating. */
  surveyNote?: string;
  /** Files this user sent today (the daily quota). */
  uploads?: { day: string; n: number };
  /** Recently handled message ids: a redelivered message is handled once. */
  recent: string[];
  /**
   * The replies of the last turn, kept with it: a turn written but killed before its replies
   * went out sends them when its message is handed over again after the restart.
   */
  lastReplies?: { messageId: string; messages: OutboundMessage[] };
  /**
   * The exchange before the case opened — the user's masked words and buttons, the bot's replies
   * — for the case's transcript (tickets/before-case.ts): stored with the ticket when it opens.
   */
  beforeCase?: TranscriptEntry[];
  updatedAt: number;
}

export const RECENT_IDS = 32;

/**
 * A deep copy of a conversation for a step to change: it is plain JSON data (it is stored as
 * JSON), so a walk of its objects and arrays is all a copy takes — a tenth of structuredClone's
 * cost, which serialises and deserialises (measured: 0.4 vs 3.8 µs for a conversation on an
 * open case). The stored one may be shared and frozen (the store's record cache).
 */
export function copyConversation(c: Conversation): Conversation {
  return copyData(c);
}

function copyData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyData) as T;
  const out: Record<string, unknown> = {};
  for (const k in value) out[k] = copyData((value as Record<string, unknown>)[k]);
  return out as T;
}

export function newConversation(
  lang: Lang,
  langSource: Conversation['langSource'],
  now: number,
): Conversation {
  return {
    v: 1,
    lang,
    langSource,
    phase: 'idle',
    values: {},
    unverified: [],
    skipped: [],
    files: [],
    misses: 0,
    prompt: 0,
    recent: [],
    updatedAt: now,
  };
}

/** Back to idle, keeping language, prompt counter and dedup memory. */
export function resetCase(c: Conversation): Conversation {
  const {
    intent: _i,
    slot: _s,
    editing: _e,
    editPrevious: _ep,
    userWords: _u,
    ticketId: _t,
    also: _a,
    request: _rq,
    undo: _un,
    focus: _fo,
    minPriority: _m,
    pendingSwitch: _ps,
    returnTo: _rt,
    clarifyOptions: _co,
    secrets: _sec,
    senior: _sen,
    distress: _ds,
    threat: _th,
    calmed: _c,
    asked: _as,
    menuAt: _ma,
    offer: _of,
    rating: _r,
    surveyNote: _sn,
    closedIntent: _ci,
    closedAt: _ca,
    agentAsked: _aa,
    pendingTicketId: _p,
    waitTold: _w,
    filesToldAt: _ft,
    securityOn: _so,
    ...rest
  } = c;
  return { ...rest, phase: 'idle', values: {}, unverified: [], skipped: [], files: [], misses: 0 };
}
