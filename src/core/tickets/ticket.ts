import type { EvidenceFile } from '../evidence.ts';
import { maskPhraseParts } from '../sensitive/index.ts';
import type { Script } from '../texts.ts';
import type {
  Address,
  AgentIdentity,
  DeskRef,
  ForwardedFrom,
  Lang,
  Priority,
  TicketStatus,
  UserIdentity,
} from '../types.ts';

export interface TranscriptEntry {
  at: number;
  from: 'user' | 'bot' | 'agent' | 'note' | 'system';
  authorId?: string;
  authorName?: string;
  /** Masked text. */
  text: string;
  files?: EvidenceFile[];
  /**
   * The platform message id of a user message (a redelivered message is kept once), or of the
   * agent's message a reply was sent from (an edit of it corrects the reply).
   */
  messageId?: string;
  /** A user entry that is a button the user pressed (its label), not words they typed. */
  pressed?: true;
  /** A user entry the user forwarded: who wrote it first (the desk shows it with the words). */
  forwarded?: ForwardedFrom;
  /**
   * The new text of a message its author edited: a user's (the desk marks it so) or an agent's
   * (the user gets it as a correction).
   */
  edited?: true;
  /** For agent → user messages: whether the user has it. */
  delivery?: 'sent' | 'pending' | 'unreachable';
  /**
   * A system entry as an event (texts/ `event.<key>` with `vars`), so a transcript is written in
   * the desk's language; `text` holds it in English too (entries of earlier versions have only it).
   */
  event?: { key: string; vars?: Record<string, string> };
}

/** A system entry: the event for the desk's language, and its English text. */
function systemEntry(
  now: number,
  key: string,
  text: string,
  vars?: Record<string, string>,
): TranscriptEntry {
  return { at: now, from: 'system', text, event: { key, ...(vars ? { vars } : {}) } };
}

export interface Assignee {
  platform: string;
  userId: string;
  displayName: string;
}

/**
 * A support case, stored under `ticket:v1:<id>`; every change goes through these functions. Its
 * transcript's older entries live outside the record, in append-only chunks (see
 * `splitTranscript`), so the record stays small however long the case runs.
 */
export interface Ticket {
  v: 1;
  id: string;
  status: TicketStatus;
  priority: Priority;
  intent: string;
  lang: Lang;
  user: UserIdentity;
  /** Where the user's DM is: agent replies go there, even after a restart. */
  userAddress: Address;
  /** Collected slot values as display strings (masked). */
  fields: Record<string, string>;
  /** Slots the user answered but that did not pass validation (e.g. a malformed transaction id). */
  unverified: string[];
  evidence: EvidenceFile[];
  /** The user's own words before the case opened (masked), every message kept. */
  userWords: string;
  /** Other problems the user raised on the same case. */
  also?: string[];
  /**
   * What agents must see at a glance: `senior_requested` (the user asked for a manager or accepted
   * a senior agent), `secret:<kind>` (the user pasted a recovery phrase or key; it was masked).
   */
  flags?: string[];
  /** The user's Chinese script (replies to them follow it). */
  script?: Script;
  assignee?: Assignee;
  desk?: DeskRef;
  /** How many transcript entries the desk has seen (the rest are posted by the next desk sync). */
  deskSynced: number;
  /**
   * The latest user posts on the desk: entries `from` … `from + n - 1` went as the platform
   * messages `ids` (DESK_POSTS_KEPT of them), so that words masked later leave the desk too.
   */
  deskPosts?: DeskPostRef[];
  /** The desk's card or open/closed state lags behind the ticket (an update failed; retried). */
  deskStale?: boolean;
  /** The topic / thread exists (`desk`) but its card may not be posted yet (a kill in between). */
  deskCardPending?: boolean;
  /** Whether the desk's topic / thread is closed, as far as we know. */
  deskClosed?: boolean;
  /** The desk case is being re-created: agent replies and notes are replayed into it too. */
  replayHistory?: boolean;
  /** The user has not yet been told of a close (rating survey) or a reopen; the outbox retries. */
  pendingUserUpdate?: 'closed' | 'reopened';
  /**
   * The newest entries of the transcript: from index `transcriptBase` on (entries before it are in
   * the ticket's `transcriptChunks` chunks). Indexes (`deskSynced`) count the whole transcript.
   */
  transcript: TranscriptEntry[];
  /** How many entries moved to chunks (absent: none). */
  transcriptBase?: number;
  /** How many chunks hold them: `transcript:v1:<id>:0` … `:<n - 1>`. */
  transcriptChunks?: number;
  /**
   * How many lines of the exchange with the bot before the case opened are stored beside it
   * (`before-case:v1:<id>`, written once; the transcript file starts with them).
   */
  beforeCaseLines?: number;
  createdAt: number;
  claimedAt?: number;
  firstResponseAt?: number;
  closedAt?: number;
  reopenedAt?: number;
  reopenCount: number;
  rating?: number;
  ratingComment?: string;
  /** Recent agent message ids: a redelivered desk update is handled once. */
  seen?: string[];
  /** When RETENTION_DAYS removed its words and files (ids, times and rating stay). */
  purgedAt?: number;
  /** Moved to the senior tier (/escalate, or a complaining user who asked for a senior). */
  escalated?: { at: number; by: string; reason?: string };
  /** SLA clocks: when each target is due and what was already announced (fires once). */
  sla?: SlaState;
  /** Since when the case waits for the user (an agent's message is unanswered). */
  waitingSince?: number;
  /** The user was reminded of an agent's unanswered message at this time (USER_IDLE_NUDGE). */
  nudgedAt?: number;
  /** Why it closed when no agent closed it ("the user did not answer for 3 d"). */
  closedBecause?: string;
}

export interface SlaState {
  firstResponseDueAt?: number;
  resolutionDueAt?: number;
  /** Announced at 80 % of a target, and on breach; each once. */
  firstResponseWarned?: boolean;
  firstResponseBreachedAt?: number;
  resolutionWarned?: boolean;
  resolutionBreachedAt?: number;
}

export type TicketDraft = Pick<
  Ticket,
  | 'id'
  | 'priority'
  | 'intent'
  | 'lang'
  | 'user'
  | 'userAddress'
  | 'fields'
  | 'unverified'
  | 'evidence'
  | 'userWords'
  | 'also'
  | 'flags'
  | 'script'
>;

export function newTicket(draft: TicketDraft, now: number): Ticket {
  return {
    v: 1,
    ...draft,
    status: 'open',
    deskSynced: 0,
    transcript: [
      {
        at: now,
        from: 'user',
        text: draft.userWords,
        ...(draft.evidence.length ? { files: draft.evidence } : {}),
      },
    ],
    createdAt: now,
    reopenCount: 0,
  };
}

export type TransitionResult =
  | { ok: true; ticket: Ticket }
  | { ok: false; reason: 'claimed_by_other'; holder: string }
  | { ok: false; reason: 'closed' }
  | { ok: false; reason: 'not_closed' }
  | { ok: false; reason: 'already_yours' }
  | { ok: false; reason: 'not_claimed' };

const assigneeOf = (a: AgentIdentity): Assignee => ({
  platform: a.platform,
  userId: a.userId,
  displayName: a.displayName,
});
export const isHolder = (t: Ticket, a: AgentIdentity) =>
  t.assignee?.platform === a.platform && t.assignee.userId === a.userId;

const heldByOther = (t: Ticket): TransitionResult => ({
  ok: false,
  reason: 'claimed_by_other',
  holder: t.assignee?.displayName ?? 'another agent',
});

const withEntry = (t: Ticket, entry: TranscriptEntry): TranscriptEntry[] => [
  ...t.transcript,
  entry,
];

export function claim(t: Ticket, agent: AgentIdentity, now: number): TransitionResult {
  if (t.status === 'closed') return { ok: false, reason: 'closed' };
  if (t.status === 'claimed') {
    return isHolder(t, agent) ? { ok: false, reason: 'already_yours' } : heldByOther(t);
  }
  return {
    ok: true,
    ticket: {
      ...t,
      status: 'claimed',
      assignee: assigneeOf(agent),
      claimedAt: t.claimedAt ?? now,
      transcript: withEntry(
        t,
        systemEntry(now, 'claimed', `claimed by ${agent.displayName}`, {
          name: agent.displayName,
        }),
      ),
    },
  };
}

/**
 * Whether the case waits for the user after an agent's message (USER_IDLE_NUDGE / _CLOSE count
 * from then): a question or a request to them ("Can you send the statement?", "请提供一下截图")
 * starts the wait (an earlier one still unanswered keeps its start); a message that asks nothing
 * leaves it as it was, and one that says the user need not do anything ("no need to reply, I'll
 * update you here", "无需操作，有进展会通知您") ends it. A desk-shift review: "Thanks, I've raised it
 * with the bank — no need to do anything" had the user reminded, then the case closed "because we
 * did not hear from you".
 */
function waitingAfter(t: Ticket, text: string, now: number): Ticket {
  const words = text.replace(/\bhttps?:\/\/\S+/g, ' ');
  const asks = /[?？]/.test(words) || ASKS_THE_USER.test(words);
  if (asks) return t.waitingSince === undefined ? { ...t, waitingSince: now } : t;
  if (t.waitingSince === undefined || !NOTHING_NEEDED.test(words)) return t;
  const { waitingSince: _w, nudgedAt: _n, ...rest } = t;
  return rest;
}

const ASKS_THE_USER = new RegExp(
  [
    String.raw`\b(?:please|pls|plz|kindly)\b[^.!。！]{0,40}?\b(?:send|provide|share|confirm|check|reply|respond|tell|let (?:me|us) know|upload|attach|verify|update|fill|try|restart|reinstall|log ?in|screenshot)\b`,
    String.raw`\b(?:can|could|would|will) you\b`,
    String.raw`\blet (?:me|us) know\b`,
    String.raw`\b(?:send|provide|share|upload|attach|forward) (?:me|us)\b`,
    String.raw`\bwe (?:need|still need|require) (?:you|your|a|the)\b`,
    String.raw`请[您你]?(?:提供|发送|发一下|发给|發給|傳|传|确认|確認|回复|回覆|告诉|告訴|检查|檢查|上传|上傳|尝试|嘗試|重新|登录|登入|截图|截圖|补充|補充|填写|填寫|核对|核對)`,
    String.raw`麻[烦煩][您你]?|能否|可否|是否方便|可以.{0,20}[吗嗎]|告[诉訴]我[们們]|回[复覆]我[们們]|需要[您你](?:提供|发|發|上传|上傳|确认|確認)`,
  ].join('|'),
  'i',
);

const NOTHING_NEEDED = new RegExp(
  [
    String.raw`\bno need (?:for you )?to\b`,
    String.raw`\bnothing (?:else )?(?:you need to do|for you to do|needed from you)\b`,
    String.raw`\bno action (?:is )?(?:needed|required)\b`,
    String.raw`\b(?:you )?don'?t need to (?:do|reply|respond|send)\b`,
    String.raw`\b(?:we|i)(?:'ll| will| shall) (?:update|notify|let you know|get back|message|write|inform)\b`,
    String.raw`无需|無需|不用[您你]?(?:操作|回复|回覆|做|提供)|不需要[您你]?(?:操作|回复|回覆|做|提供)|(?:会|會)(?:第一时间|第一時間)?(?:通知|告知|更新|回复|回覆)[您你]`,
  ].join('|'),
  'i',
);

/** An agent's reply: claims an open ticket on the way; refused when someone else holds it. */
export function agentReply(
  t: Ticket,
  agent: AgentIdentity,
  text: string,
  files: EvidenceFile[],
  now: number,
  /** The agent's message on the desk (an edit of it can correct the reply), and whether it is one. */
  mark: { messageId?: string; edited?: true } = {},
): TransitionResult {
  let ticket = t;
  if (t.status === 'open') {
    const c = claim(t, agent, now);
    if (!c.ok) return c;
    ticket = c.ticket;
  } else if (t.status === 'closed') return { ok: false, reason: 'closed' };
  else if (!isHolder(t, agent)) return heldByOther(t);
  return {
    ok: true,
    ticket: {
      ...waitingAfter(ticket, text, now),
      firstResponseAt: ticket.firstResponseAt ?? now,
      transcript: withEntry(ticket, {
        at: now,
        from: 'agent',
        authorId: agent.userId,
        authorName: agent.displayName,
        text,
        ...(files.length ? { files } : {}),
        ...(mark.messageId ? { messageId: mark.messageId } : {}),
        ...(mark.edited ? { edited: true as const } : {}),
        delivery: 'pending',
      }),
    },
  };
}

export function addNote(t: Ticket, agent: AgentIdentity, text: string, now: number): Ticket {
  return {
    ...t,
    transcript: withEntry(t, {
      at: now,
      from: 'note',
      authorId: agent.userId,
      authorName: agent.displayName,
      text,
    }),
  };
}

export function close(t: Ticket, agent: AgentIdentity, now: number): TransitionResult {
  if (t.status === 'closed') return { ok: false, reason: 'closed' };
  if (t.status === 'claimed' && !isHolder(t, agent)) return heldByOther(t);
  return {
    ok: true,
    ticket: {
      ...t,
      status: 'closed',
      assignee: t.assignee ?? assigneeOf(agent),
      closedAt: now,
      transcript: withEntry(
        t,
        systemEntry(now, 'closed', `closed by ${agent.displayName}`, { name: agent.displayName }),
      ),
    },
  };
}

export function reopen(t: Ticket, agent: AgentIdentity, now: number): TransitionResult {
  if (t.status !== 'closed') return { ok: false, reason: 'not_closed' };
  const rest = openedAgain(t);
  return {
    ok: true,
    ticket: {
      ...rest,
      status: 'claimed',
      assignee: assigneeOf(agent),
      reopenedAt: now,
      reopenCount: t.reopenCount + 1,
      transcript: withEntry(
        t,
        systemEntry(now, 'reopened', `reopened by ${agent.displayName}`, {
          name: agent.displayName,
        }),
      ),
    },
  };
}

/**
 * A closed case as it opens again: no close, rating or reason for closing, and no wait for the
 * user from before the close (its idle timer had closed the case again at once, every reopen).
 */
function openedAgain(t: Ticket): Omit<Ticket, 'closedAt' | 'rating' | 'ratingComment'> {
  const {
    closedAt: _closed,
    rating: _r,
    ratingComment: _c,
    closedBecause: _why,
    waitingSince: _w,
    nudgedAt: _n,
    ...rest
  } = t;
  // (What the user said before it closed — "it's solved" — is not true of it open again.)
  return withoutFlags(rest, USER_SAYS_FLAGS);
}

/**
 * The user says the case is solved ("nvm it just arrived", "已经到账了，不用查了") or no longer
 * wants it ("please cancel my case", "唔使跟進喇"): a flag on the card and in the queue — the
 * agent confirms and closes (it had been silence to the user and nothing on the desk).
 */
export type UserSays = 'solved' | 'cancel';
const USER_SAYS_FLAGS = ['user_solved', 'user_cancel'] as const;
const userSaysFlag = (says: UserSays) => `user_${says}` as const;

/** Messages to the user fail: blocked the bot or closed their DMs (on the card, told at close). */
export const USER_UNREACHABLE = 'user_unreachable';

/** The case with `flag` set, the card to be redrawn (the same case if it was set already). */
function withFlag<T extends Pick<Ticket, 'flags' | 'deskStale'>>(t: T, flag: string): T {
  return t.flags?.includes(flag) ? t : { ...t, flags: [...(t.flags ?? []), flag], deskStale: true };
}

/** The case without `flags` (no empty list left; the same case if none was set). */
function withoutFlags<T extends Pick<Ticket, 'flags'>>(t: T, flags: readonly string[]): T {
  if (!t.flags?.some((f) => flags.includes(f))) return t;
  const { flags: all, ...rest } = t;
  const kept = all!.filter((f) => !flags.includes(f));
  return { ...rest, ...(kept.length ? { flags: kept } : {}) } as T;
}

export const userUnreachable = (t: Ticket): Ticket => withFlag(t, USER_UNREACHABLE);

/** The user wrote again: they can be reached (unblocked the bot). */
export function userReachable(t: Ticket): Ticket {
  const reached = withoutFlags(t, [USER_UNREACHABLE]);
  return reached === t ? t : { ...reached, deskStale: true };
}

/** The case with what the user says about it flagged (unchanged if it already was). */
export const userSays = (t: Ticket, says: UserSays): Ticket => withFlag(t, userSaysFlag(says));

/** What the user last said about the case, if they said it is solved or to cancel it. */
export const saidByUser = (t: Pick<Ticket, 'flags'>): UserSays | undefined =>
  t.flags?.includes(userSaysFlag('cancel'))
    ? 'cancel'
    : t.flags?.includes(userSaysFlag('solved'))
      ? 'solved'
      : undefined;

/**
 * The user says the closed case is not solved: it opens again, with the agent who had it (back
 * in the queue if nobody had), its rating dropped like any reopen.
 */
/** Why a user opened a closed case again, when it is not that the problem is unsolved. */
export type ReopenWhy = 'info' | 'question' | 'senior';

/**
 * A user's reopen as the transcript's event, by why (the desk's notice has the same key): its
 * key and the line written when the texts are not at hand.
 */
export const REOPENED_BY_USER: Record<ReopenWhy | 'unsolved', { key: string; line: string }> = {
  unsolved: { key: 'reopenedByUser', line: 'reopened by the user (not solved)' },
  info: { key: 'reopenedWithInfo', line: 'reopened by the user (more details)' },
  question: { key: 'reopenedWithQuestion', line: 'reopened by the user (a question)' },
  senior: { key: 'reopenedForSenior', line: 'reopened by the user (asked for a manager)' },
};

export function reopenByUser(t: Ticket, now: number, why?: ReopenWhy): Ticket {
  const rest = openedAgain(t);
  // The stars given just before ("1", then "it still hasn't arrived"): kept in the transcript
  // (the reopen drops the rating, and the 1/5 had reached nobody).
  const rating =
    t.rating !== undefined
      ? [
          systemEntry(
            now,
            'ratedBeforeReopen',
            `rated ${t.rating}/5 before reopening${t.ratingComment ? `: ${t.ratingComment}` : ''}`,
            { rating: String(t.rating), comment: t.ratingComment ?? '' },
          ),
        ]
      : [];
  return {
    ...rest,
    status: t.assignee ? 'claimed' : 'open',
    reopenedAt: now,
    reopenCount: t.reopenCount + 1,
    deskStale: true,
    transcript: [
      ...t.transcript,
      ...rating,
      systemEntry(
        now,
        REOPENED_BY_USER[why ?? 'unsolved'].key,
        REOPENED_BY_USER[why ?? 'unsolved'].line,
      ),
    ],
  };
}

/** What a user's message was besides its words: forwarded from someone, or an edit. */
export type UserMark = Pick<TranscriptEntry, 'forwarded' | 'edited'>;

export function appendUserMessage(
  t: Ticket,
  text: string,
  files: EvidenceFile[],
  now: number,
  messageId?: string,
  mark: UserMark = {},
): Ticket {
  if (messageId && t.transcript.some((e) => e.messageId === messageId)) return t;
  return {
    ...t,
    evidence: [
      ...t.evidence,
      ...files.filter((f) => !t.evidence.some((e) => e.sha256 === f.sha256)),
    ],
    transcript: withEntry(t, {
      at: now,
      from: 'user',
      text,
      ...(files.length ? { files } : {}),
      ...(messageId ? { messageId } : {}),
      ...mark,
    }),
  };
}

/**
 * What the bot told the user in a turn on the case (the amount put right, "I have reopened…",
 * the survey's thanks): in the transcript after the user's message, so a lead reading it sees
 * what the user was told. Not posted to the desk (DeskSync posts the user's entries).
 */
export function appendBotReplies(t: Ticket, replies: readonly string[], now: number): Ticket {
  if (!replies.length) return t;
  return {
    ...t,
    transcript: [
      ...t.transcript,
      ...replies.map((text) => ({ at: now, from: 'bot' as const, text })),
    ],
  };
}

/**
 * A recovery phrase sent a few words per message: the user's entries since `since` that were list
 * words and nothing else (relayed before the part that told what they were) masked; how many.
 */
export function maskPartsSince(
  t: Ticket,
  since: number,
): { ticket: Ticket; n: number; entries: number[] } {
  const masked = { n: 0 };
  const base = t.transcriptBase ?? 0;
  const entries: number[] = [];
  const transcript = t.transcript.map((e, i) => {
    if (e.from !== 'user' || e.at < since) return e;
    const text = maskPhraseParts(e.text, masked);
    if (text === e.text) return e;
    entries.push(base + i);
    return { ...e, text };
  });
  return masked.n
    ? { ticket: { ...t, transcript }, n: masked.n, entries }
    : { ticket: t, n: 0, entries };
}

/** A user post on the desk: transcript entries `from` … `from + n - 1`, sent as messages `ids`. */
export interface DeskPostRef {
  from: number;
  n: number;
  ids: string[];
}

/**
 * How many user posts a ticket remembers (Ticket.deskPosts): a phrase typed in parts is
 * recognised within six messages (sensitive/recovery-phrases.ts), each at most one post.
 */
export const DESK_POSTS_KEPT = 8;

/** Entries in the whole transcript: those moved to chunks and those the record holds. */
export const transcriptLength = (t: Ticket): number =>
  (t.transcriptBase ?? 0) + t.transcript.length;

/** One chunk of a transcript, stored under `transcript:v1:<ticket id>:<n>`; `from` is its first index. */
export interface TranscriptChunk {
  from: number;
  entries: TranscriptEntry[];
}

/**
 * The ticket is rewritten on every turn, so its transcript must not grow with the case (400 long
 * messages made a 1.6 MB record and 49 ms turns). Entries the desk has (before `deskSynced`) and
 * that wait for no delivery are settled: once enough of them pile up they move out to a chunk,
 * keeping the newest `TRANSCRIPT_KEEP` in the record (a redelivered message is still recognised).
 */
export const TRANSCRIPT_KEEP = 10;
/** A chunk is cut once this many settled entries (or this much text) can move. */
export const CHUNK_ENTRIES = 30;
export const CHUNK_TEXT = 32_000;

/**
 * What a save of `t` writes: the chunk to store first (if one is due) and the record. A chunk is
 * written under the next free number before the record that counts it, so a kill between the two
 * leaves a chunk the next save overwrites with the same entries: nothing is lost or doubled.
 */
export function splitTranscript(t: Ticket): { chunk?: TranscriptChunk; ticket: Ticket } {
  const base = t.transcriptBase ?? 0;
  let settled = 0;
  while (
    settled < t.transcript.length &&
    base + settled < t.deskSynced &&
    t.transcript[settled]!.delivery !== 'pending'
  )
    settled++;
  const movable = settled - TRANSCRIPT_KEEP;
  if (movable <= 0) return { ticket: t };
  let text = 0;
  for (let i = 0; i < movable; i++) text += t.transcript[i]!.text.length;
  if (movable < CHUNK_ENTRIES && text < CHUNK_TEXT) return { ticket: t };
  return {
    chunk: { from: base, entries: t.transcript.slice(0, movable) },
    ticket: {
      ...t,
      transcript: t.transcript.slice(movable),
      transcriptBase: base + movable,
      transcriptChunks: (t.transcriptChunks ?? 0) + 1,
    },
  };
}

/** The survey's answer: stars, a comment, or both (a comment given without stars is kept too). */
export function rate(t: Ticket, rating?: number, comment?: string): Ticket {
  return {
    ...t,
    ...(rating !== undefined ? { rating } : {}),
    ...(comment !== undefined ? { ratingComment: comment } : {}),
  };
}

/** First-response and resolution times in ms (undefined until they happen). */
export function serviceTimes(t: Ticket): { firstResponseMs?: number; resolutionMs?: number } {
  return {
    ...(t.firstResponseAt !== undefined
      ? { firstResponseMs: t.firstResponseAt - t.createdAt }
      : {}),
    ...(t.closedAt !== undefined ? { resolutionMs: t.closedAt - t.createdAt } : {}),
  };
}

/**
 * Any agent may take a case over or hand it to another (an absent holder cannot block it): the
 * new assignee is recorded, and the transcript says who moved it.
 */
export function transfer(
  t: Ticket,
  by: AgentIdentity,
  to: AgentIdentity,
  now: number,
): TransitionResult {
  if (t.status === 'closed') return { ok: false, reason: 'closed' };
  if (isHolder(t, to)) return { ok: false, reason: 'already_yours' };
  const from = t.assignee?.displayName;
  return {
    ok: true,
    ticket: {
      ...t,
      status: 'claimed',
      assignee: assigneeOf(to),
      claimedAt: t.claimedAt ?? now,
      transcript: withEntry(
        t,
        systemEntry(
          now,
          from ? 'transferredFrom' : 'transferred',
          `transferred${from ? ` from ${from}` : ''} to ${to.displayName} by ${by.displayName}`,
          { to: to.displayName, by: by.displayName, ...(from ? { from } : {}) },
        ),
      ),
    },
  };
}

/** Puts a claimed case back in the queue (any agent; the card shows it as open again). */
export function unclaim(t: Ticket, by: AgentIdentity, now: number): TransitionResult {
  if (t.status === 'closed') return { ok: false, reason: 'closed' };
  if (t.status !== 'claimed') return { ok: false, reason: 'not_claimed' };
  const { assignee: _a, ...rest } = t;
  return {
    ok: true,
    ticket: {
      ...rest,
      status: 'open',
      transcript: withEntry(
        t,
        systemEntry(now, 'unclaimed', `put back in the queue by ${by.displayName}`, {
          name: by.displayName,
        }),
      ),
    },
  };
}

const RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

const SECURITY_REPORT = 'security_report';

/** The case's flag for a user who wrote they may harm themselves (flow/wellbeing.ts). */
export const DISTRESS = 'distress';

/**
 * The case's flag for a user who threatened our staff or the company (flow/threats.ts): a senior
 * decides what to do; the priority is not raised for it.
 */
export const THREAT = 'threat';

/**
 * A security report (`report`) or pasted secrets on a case already open: urgent, the secrets
 * flagged and a security report listed as another problem (the card shows both), a line in the
 * transcript. The same ticket back when nothing changes (already urgent and marked). A threat
 * alone (`threat`) flags the case and leaves its priority as it is: a threat jumps no queue.
 */
export function raiseForSecurity(
  t: Ticket,
  raise: { report?: boolean; distress?: boolean; threat?: boolean; secrets: readonly string[] },
  now: number,
): Ticket {
  const flags = [
    ...new Set([
      ...(t.flags ?? []),
      ...raise.secrets.map((k) => `secret:${k}`),
      ...(raise.distress ? [DISTRESS] : []),
      ...(raise.threat ? [THREAT] : []),
    ]),
  ];
  const urgent = !!raise.report || !!raise.distress || raise.secrets.length > 0;
  const reportNew =
    !!raise.report && t.intent !== SECURITY_REPORT && !t.also?.includes(SECURITY_REPORT);
  const changed =
    (urgent && t.priority !== 'urgent') || reportNew || flags.length !== (t.flags?.length ?? 0);
  if (!changed) return t;
  if (!urgent)
    return {
      ...t,
      flags,
      transcript: withEntry(
        t,
        systemEntry(now, 'flaggedThreat', 'flagged: the user threatened our staff or the company'),
      ),
    };
  return {
    ...t,
    priority: 'urgent',
    flags,
    ...(reportNew ? { also: [...(t.also ?? []), SECURITY_REPORT] } : {}),
    transcript: withEntry(
      t,
      raise.distress
        ? systemEntry(
            now,
            'raisedDistress',
            'raised to urgent: the user wrote they may harm themselves',
          )
        : raise.report
          ? systemEntry(
              now,
              'raisedReport',
              'raised to urgent: the user reports a security problem',
            )
          : systemEntry(
              now,
              'raisedSecret',
              `raised to urgent: the user pasted a secret (${raise.secrets.join(', ')}, masked)`,
              { secrets: raise.secrets.join(',') },
            ),
    ),
  };
}

/** Moves a case to the senior tier: priority at least high, recorded once (later calls refresh). */
export function escalate(t: Ticket, by: string, reason: string | undefined, now: number): Ticket {
  // Escalated already: the seniors are called again (agent.ts), the transcript says so once,
  // and the escalation keeps when and by whom it was first made.
  if (t.escalated)
    return {
      ...t,
      transcript: withEntry(
        t,
        systemEntry(
          now,
          reason ? 'escalatedAgainWhy' : 'escalatedAgain',
          `senior agents called again by ${by}${reason ? `: ${reason}` : ''}`,
          { by, ...(reason ? { reason } : {}) },
        ),
      ),
    };
  return {
    ...t,
    priority: RANK[t.priority] >= RANK.high ? t.priority : 'high',
    escalated: { at: now, by, ...(reason ? { reason } : {}) },
    transcript: withEntry(
      t,
      systemEntry(
        now,
        reason ? 'escalatedWhy' : 'escalated',
        `escalated to a senior agent by ${by}${reason ? `: ${reason}` : ''}`,
        { by, ...(reason ? { reason } : {}) },
      ),
    ),
  };
}

/** The agent's reason for closing says the case repeats another: "dup", "duplicate of T-…", "重复工单". */
export const closesAsDuplicate = (because: string | undefined): boolean =>
  !!because && DUPLICATE.test(because);
const DUPLICATE =
  /\bdup(?:e|licate[sd]?)?\b|\bsame as\b|重复|重複|同一(?:个|個|宗)?(?:工单|工單|案件|個案|个案|问题|問題)/i;

/**
 * The last word before the close was the agent's, and a question ("Which network did you choose
 * when withdrawing?"): what the user says next is its answer, not the survey's comment.
 */
export function agentAskedLast(t: Ticket): boolean {
  const last = t.transcript.findLast((e) => e.from === 'user' || e.from === 'agent');
  return last?.from === 'agent' && /[?？]\s*$/.test(last.text);
}

/** An agent has answered the user on the case (its older entries may be in transcript chunks). */
export const agentAnswered = (t: Ticket): boolean =>
  t.firstResponseAt !== undefined || t.transcript.some((e) => e.from === 'agent');

/** How a reader of the desk names the language a user writes (texts/ `desk.lang<Reading>`). */
export type Reading = 'English' | 'Simplified' | 'Traditional';

export const readingOf = (lang: Lang, script?: Script): Reading =>
  lang === 'en' ? 'English' : script === 'Hant' || script === 'HK' ? 'Traditional' : 'Simplified';

/**
 * The user now writes another language or script than the case was opened in (the bot already
 * answers them in it): agents' replies are framed in it and checked against it, the card shows it,
 * and the transcript says when it changed. Unchanged (the same object) otherwise.
 */
export function userLanguage(
  t: Ticket,
  lang: Lang,
  script: Script | undefined,
  now: number,
): Ticket {
  const next = lang === 'zh' ? script : undefined;
  if (t.lang === lang && t.script === next) return t;
  const { script: _was, ...rest } = t;
  const reading = readingOf(lang, next);
  const changed = readingOf(t.lang, t.script) !== reading;
  return {
    ...rest,
    lang,
    ...(next ? { script: next } : {}),
    deskStale: true,
    // (Taiwan → Hong Kong wording is the same reading: not an event for the agents.)
    ...(changed
      ? {
          transcript: withEntry(
            t,
            systemEntry(now, `userWrites${reading}`, `the user now writes ${READING_EN[reading]}`),
          ),
        }
      : {}),
  };
}

const READING_EN: Record<Reading, string> = {
  English: 'English',
  Simplified: 'Simplified Chinese',
  Traditional: 'Traditional Chinese',
};

/** The user was reminded of an agent's unanswered message (USER_IDLE_NUDGE): once per wait. */
export function nudged(t: Ticket, now: number): Ticket {
  return {
    ...t,
    nudgedAt: now,
    transcript: withEntry(t, systemEntry(now, 'idleNudged', 'the user was reminded to answer')),
  };
}
