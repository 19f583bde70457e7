import type { EvidenceFile, EvidenceRejection } from '../evidence.ts';
import type { IntentCatalog, ProblemIntentSpec, SlotSpec } from '../intents.ts';
import type { Classification, IntentClassifier } from '../nlu/classifier.ts';
import {
  findAmount,
  findDate,
  findDateCorrection,
  findIdentifiers,
  saysNoIdentifier,
  type TransactionIdShape,
} from '../nlu/entities.ts';
import { detectLang, foldText, langFromCode } from '../nlu/text.ts';
import type { Traditionalizer } from '../script.ts';
import { detectScript } from '../script.ts';
import type { SensitiveKind } from '../sensitive.ts';
import { localeOf, type Locale, type Texts } from '../texts.ts';
import type { TicketDraft } from '../tickets/ticket.ts';
import type {
  Address,
  Choice,
  Lang,
  OutboundMessage,
  Priority,
  TicketStatus,
  UserCommand,
  UserIdentity,
} from '../types.ts';
import { resetCase, type Conversation, type Phase } from './state.ts';
import {
  asksServiceHours,
  isAngry,
  isCancel,
  isConfirm,
  isDone,
  isEdit,
  isGreetingOnly,
  isHuman,
  isNo,
  isQuestion,
  isSkip,
  isVagueHelp,
  isYes,
  problemParts,
  wantsSenior,
  wantsToSubmit,
  changesSubject,
  goesToTry,
  isThanks,
} from './understand.ts';

/**
 * The conversation engine as a pure step function: (state, input) → (state, effects). No I/O:
 * the core (turn.ts) fetches attachments, masks secrets, loads and saves state, and carries out
 * the effects. Each phase has one entry in the transition table `PHASES` below, which reads a
 * reply in the context of the question that was asked. Tested with tables in test/core/flow/ and
 * with whole conversations in test/conversations/.
 */

/** When agents work and how soon they answer (service hours and SLA targets). */
export interface ServiceClock {
  /** The hours said plainly with the zone, or undefined when agents answer around the clock. */
  describe(locale: Locale): string | undefined;
  isOpen(now: number): boolean;
  nextOpen(now: number): number | undefined;
  /** A moment in the service zone, said plainly ("Monday 09:00 (Asia/Shanghai time)"). */
  formatLocal(at: number, locale: Locale, now: number): string;
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
  ticket?: { id: string; status: TicketStatus; assignee?: string };
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
      /** Set when the text was cut to this many characters. */
      truncated?: number;
      /** The message was a sticker / voice / video … with nothing else readable. */
      unsupported?: boolean;
    }
  | { kind: 'choice'; id: string }
  | { kind: 'command'; command: UserCommand; languageCode?: string };

export type FlowEffect =
  | { type: 'reply'; message: OutboundMessage }
  | { type: 'open_ticket'; draft: TicketDraft }
  | { type: 'relay'; ticketId: string; text: string; files: EvidenceFile[] }
  | { type: 'rate'; ticketId: string; rating: number; comment?: string }
  /**
   * Delete the user's message that held a secret; tell them `done` if it worked, `failed` if
   * the platform refused (then they must delete it themselves).
   */
  | { type: 'delete_message'; done: string; failed: string };

export interface StepResult {
  state: Conversation;
  effects: FlowEffect[];
}

/** Files kept per case when no images slot says otherwise. */
const DEFAULT_MAX_FILES = 3;
const MAX_SLOT_TEXT = 1000;
/** Where words given outside a question are kept. */
const NOTES = 'notes';
const WALLET_ADDRESS = 'wallet_address';
/** No question is asked more than this many times; then the conversation moves on. */
const MAX_ASKS = 2;
/** How sure the classifier must be before a message may change the problem being handled. */
const SWITCH_CONFIDENCE = 0.6;
/** After self-help most messages are about the same problem: a switch must be said clearly. */
const SWITCH_CONFIDENCE_SELF_HELP = 0.75;
/** Mid-intake a new problem must be clearer: most messages there are details of this one. */
const SWITCH_CONFIDENCE_COLLECTING = 0.8;
/** A second problem in the same message must be said clearly (a part of a sentence is short). */
const SECOND_PROBLEM_CONFIDENCE = 0.8;
/** Below this the bot asks which problem it is instead of guessing. */
const CLEAR_CONFIDENCE = 0.7;
const SECURITY = 'security_report';
const SECURITY_CONFIDENCE = 0.55;
const LEAKED: readonly SensitiveKind[] = ['recovery_phrase', 'private_key'];
const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
const maxPriority = (a: Priority, b: Priority | undefined): Priority =>
  b && PRIORITY_RANK[b] > PRIORITY_RANK[a] ? b : a;

const ZH_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const SATISFACTION: Array<[RegExp, number]> = [
  [/^(非常满意|很满意|超满意|太棒了|excellent|perfect|amazing|great job|非常好)/, 5],
  [/^(非常不满意|很不满意|太差|terrible|awful|very bad|very poor)/, 1],
  [/^(不满意|不太满意|差|bad|poor|not good)/, 2],
  [/^(一般|还行|还可以|so-so|ok-ish|average|okay-ish)/, 3],
  [/^(满意|挺好|不错|good|great|nice)/, 4],
];

/** "4", "4/5", "4 stars!", "⭐⭐⭐⭐", "五星", "非常满意" → a rating 1–5; anything else → undefined. */
export function parseRating(folded: string): number | undefined {
  const t = folded.trim();
  if (t.length > 24) return undefined;
  const stars = t.match(/⭐|★/g)?.length ?? 0;
  if (stars >= 1 && stars <= 5 && /^[⭐★\s]+$/.test(t)) return stars;
  const m =
    /^(?:i give |rating:? )?([1-5])\s*(?:\/\s*5|out of 5)?\s*(?:stars?|星|分|颗星)?\b.{0,12}$/i.exec(
      t,
    ) ?? /^([一二两三四五])\s*(?:星|颗星|分)/.exec(t);
  if (m) return /\d/.test(m[1]!) ? Number(m[1]) : ZH_DIGIT[m[1]!];
  for (const [re, n] of SATISFACTION) if (re.test(t)) return n;
  return undefined;
}

export function step(state: Conversation, input: FlowInput, ctx: FlowContext): StepResult {
  const turn = new Turn(structuredClone(state), ctx);
  if (input.kind === 'command') turn.command(input.command, input.languageCode);
  else if (input.kind === 'choice') turn.choice(input.id);
  else turn.text(input);
  turn.state.updatedAt = ctx.now;
  return { state: turn.state, effects: turn.effects };
}

/**
 * The agent closed the ticket: a user attached to it (or idle) is asked for a rating; a user who
 * is already busy with another case is only told, so that case is not disturbed.
 */
export function onTicketClosed(
  state: Conversation,
  ticketId: string,
  now: number,
  texts: Texts,
): StepResult {
  const loc = localeOf(state.lang, state.script);
  const attached = state.phase === 'handed_off' ? state.ticketId === ticketId : isResting(state);
  if (!attached)
    return {
      state,
      effects: [
        { type: 'reply', message: { text: texts.get(loc, 'say.closedNotice', { id: ticketId }) } },
      ],
    };
  const s: Conversation = {
    ...resetCase(state),
    phase: 'survey_rating',
    ticketId,
    prompt: state.prompt + 1,
    updatedAt: now,
  };
  const choices = [1, 2, 3, 4, 5].map((n) => ({ id: `${s.prompt}:r:${n}`, label: '⭐'.repeat(n) }));
  return {
    state: s,
    effects: [
      { type: 'reply', message: { text: texts.get(loc, 'say.survey', { id: ticketId }), choices } },
    ],
  };
}

/**
 * An agent reopened the ticket: a resting user's messages go to it again; a user in the middle of
 * another case keeps that case and is only told (agent replies reach them either way).
 */
export function onTicketReopened(
  state: Conversation,
  ticketId: string,
  now: number,
  texts: Texts,
): StepResult {
  const loc = localeOf(state.lang, state.script);
  const notice = {
    type: 'reply' as const,
    message: { text: texts.get(loc, 'say.reopened', { id: ticketId }) },
  };
  if (!isResting(state) && !(state.phase === 'handed_off' && state.ticketId === ticketId))
    return { state, effects: [notice] };
  const s: Conversation = { ...resetCase(state), phase: 'handed_off', ticketId, updatedAt: now };
  return { state: s, effects: [notice] };
}

/** Not in the middle of anything: idle, or only being asked for a rating. */
function isResting(state: Conversation): boolean {
  return (
    state.phase === 'idle' || state.phase === 'survey_rating' || state.phase === 'survey_comment'
  );
}

type TextInput = Extract<FlowInput, { kind: 'text' }>;
/** What a phase does with a text reply and with a button press (false: not this phase's button). */
interface PhaseRules {
  text(turn: Turn, text: string, folded: string, files: EvidenceFile[]): void;
  choice?(turn: Turn, action: string): boolean;
}

/**
 * The transition table: one entry per phase, read in one place. Global rules (cancel, security,
 * a wish for a human) run before these in `Turn.text`.
 */
const PHASES: Record<Phase, PhaseRules> = {
  idle: {
    text: (t, text, _f, files) => t.newProblem(text, files),
    choice(t, action) {
      if (action.startsWith('i:')) return (t.startIntent(action.slice(2)), true);
      if (action === 'human') return (t.startCollect('contact_human', 'say.humanShortcut'), true);
      return false;
    },
  },
  clarifying: {
    text(t, text, folded, files) {
      // "none of these" / "沒有": an open question instead of the same choice again.
      if (isNo(folded) && text.length <= 12) return t.askOpen();
      t.newProblem(text, files);
    },
    choice(t, action) {
      if (action.startsWith('i:')) return (t.startIntent(action.slice(2)), true);
      if (action === 'other') return (t.askOpen(), true);
      if (action === 'human') return (t.startCollect('contact_human', 'say.humanShortcut'), true);
      return false;
    },
  },
  self_help: {
    text: (t, text, folded, files) => t.selfHelpReply(text, folded, files),
    choice(t, action) {
      if (action === 'solved') return (t.solved(), true);
      if (action === 'unsolved') return (t.startCollect(t.state.intent!, 'say.startCollect'), true);
      return false;
    },
  },
  switching: {
    text(t, text, folded, files) {
      if (isYes(folded)) return t.acceptSwitch();
      if (isNo(folded)) return t.keepProblem();
      // Neither: the words say which problem it is, or are more about the current one.
      t.noteNoIdentifier(text);
      if (t.classifiesAsPending(text)) return t.acceptSwitch(text, files);
      t.keepProblem(text, files);
    },
    choice(t, action) {
      if (action === 'switch') return (t.acceptSwitch(), true);
      if (action === 'keep') return (t.keepProblem(), true);
      return false;
    },
  },
  collecting: {
    text: (t, text, folded, files) => t.answerSlot(text, folded, files),
    choice(t, action) {
      if (action === 'skip' || action === 'notxid') return (t.skipSlot(true), true);
      if (action === 'done') return (t.advance(), true);
      if (action === 'senior') return (t.acceptSenior(), true);
      return false;
    },
  },
  confirming: {
    text(t, text, folded, files) {
      if (isConfirm(folded) || wantsToSubmit(folded) || isYes(folded)) {
        // "yes send it. to a MANAGER": the wish is kept.
        if (wantsSenior(folded)) t.state.senior = true;
        return t.confirm();
      }
      if (isEdit(folded)) return t.editMenu();
      const added = t.addFiles(files);
      if (t.correctDate(text)) return t.summary();
      if (text) t.addNote(text);
      if (text || added) t.reply(t.t('say.noted'));
      // "Shall I send it?" twice at most; after that the words are just kept.
      if (t.mayAsk('summary_again')) t.reply(t.t('say.summaryAgain'), t.summaryChoices());
    },
    choice(t, action) {
      if (action === 'confirm') return (t.confirm(), true);
      if (action === 'edit') return (t.editMenu(), true);
      return false;
    },
  },
  editing: {
    text(t, text, folded, files) {
      if (t.addFiles(files)) t.reply(t.t('say.fileKept'));
      if (isConfirm(folded)) return t.confirm();
      // Words instead of a choice: kept on the case, back to the summary (never the same menu twice).
      if (text) t.addNote(text);
      t.summary();
    },
    choice(t, action) {
      if (action.startsWith('e:')) return (t.editSlot(action.slice(2)), true);
      return false;
    },
  },
  handed_off: {
    text(t, text, folded, files) {
      if (isCancel(folded)) return t.reply(t.t('say.handedOff', { id: t.state.ticketId! }));
      t.effects.push({ type: 'relay', ticketId: t.state.ticketId!, text, files });
    },
  },
  survey_rating: {
    text(t, text, folded, files) {
      const n = parseRating(folded);
      if (n) return t.rated(n);
      // A new problem (said clearly) moves on; anything else asks for the rating again.
      if (!t.confidentProblem(text, 0.8)) return t.askRatingAgain();
      t.state = resetCase(t.state);
      t.newProblem(text, files);
    },
    choice(t, action) {
      if (action.startsWith('r:')) return (t.rated(Number(action.slice(2))), true);
      return false;
    },
  },
  survey_comment: {
    text(t, text, folded, files) {
      if (isSkip(folded) || isNo(folded)) return t.finishSurvey();
      // A comment is feedback ("scary but you guys were fast"), not a complaint case; only a new
      // problem said clearly starts one.
      if (t.confidentProblem(text, 0.8, ['complaint', 'contact_human'])) {
        t.finishSurvey(undefined, false);
        return t.newProblem(text, files);
      }
      t.finishSurvey(text.slice(0, MAX_SLOT_TEXT));
    },
    choice(t, action) {
      if (action === 'skip') return (t.finishSurvey(), true);
      return false;
    },
  },
};

/** Phases in which a security report interrupts at once (not in a handed-off case or a survey). */
const INTERRUPTIBLE: ReadonlySet<Phase> = new Set([
  'idle',
  'clarifying',
  'self_help',
  'switching',
  'collecting',
  'confirming',
  'editing',
]);

class Turn {
  readonly effects: FlowEffect[] = [];
  /** This message held a recovery phrase or key (masked): warned, flagged, never a switch. */
  private leaked = false;

  constructor(
    public state: Conversation,
    private readonly ctx: FlowContext,
  ) {}

  private get lang(): Lang {
    return this.state.lang;
  }

  get locale(): Locale {
    return localeOf(this.state.lang, this.state.script);
  }

  /** A text in the user's language and script. */
  t(key: string, vars?: Record<string, string | number>): string {
    return this.ctx.texts.get(this.locale, key, vars);
  }

  private readonly classified = new Map<string, Classification>();
  /** The classifier's reading of `text`, once per turn (several rules ask about the same words). */
  private classify(text: string): Classification {
    const key = `${this.lang}\u0000${text}`;
    let c = this.classified.get(key);
    if (!c) {
      c = this.ctx.classifier.classify(text, this.lang);
      this.classified.set(key, c);
    }
    return c;
  }

  /** Data written in en / zh (intents): Traditional for a Traditional-Chinese user. */
  private local(text: string): string {
    return this.locale === 'zh-Hant' ? this.ctx.traditional.convert(text) : text;
  }

  reply(text: string, choices?: Array<[action: string, label: string]>): void {
    const message: OutboundMessage = { text };
    if (choices?.length) {
      this.state.prompt += 1;
      message.choices = choices.map(([action, l]): Choice => ({
        id: `${this.state.prompt}:${action}`,
        label: l,
      }));
    }
    this.effects.push({ type: 'reply', message });
  }

  private spec(): ProblemIntentSpec | undefined {
    return this.state.intent ? this.ctx.catalog.problem(this.state.intent) : undefined;
  }

  private intentLabel(id: string): string {
    const spec = this.ctx.catalog.problem(id);
    return spec ? this.local(spec.label[this.lang]) : id;
  }

  /** Words beyond a bare yes / no ("no, still says processing") are details for the agent. */
  private keepWordsIfDetail(text: string): void {
    if (text.replace(/[\s\p{P}]/gu, '').length >= 12) this.keepWords(text);
  }

  /** Counts one more asking of `key`; false when it was already asked MAX_ASKS times. */
  mayAsk(key: string): boolean {
    const asked = (this.state.asked ??= {});
    if ((asked[key] ?? 0) >= MAX_ASKS) return false;
    asked[key] = (asked[key] ?? 0) + 1;
    return true;
  }

  // ─── inputs ──────────────────────────────────────────────────────────────────────────────────

  command(command: UserCommand, languageCode?: string): void {
    switch (command) {
      case 'start': {
        const hinted = langFromCode(languageCode);
        if (hinted && this.state.langSource !== 'text') {
          this.state.lang = hinted;
          this.state.langSource = 'platform';
        }
        this.reply(`${this.t('say.welcome')}\n\n${this.t('say.antiImpersonation')}`);
        if (this.state.phase === 'handed_off' && this.state.ticketId)
          this.reply(this.t('say.handedOff', { id: this.state.ticketId }));
        return;
      }
      case 'help':
        this.reply(this.t('say.help'));
        return;
      case 'status': {
        const tk = this.ctx.ticket;
        this.reply(
          tk
            ? this.t('say.status', {
                id: tk.id,
                status: this.t(`status.${tk.status}`),
                assignee: tk.assignee && tk.status !== 'closed' ? ` (${tk.assignee})` : '',
              })
            : this.t('say.noCase'),
        );
        return;
      }
      case 'cancel':
        this.cancel();
        return;
    }
  }

  choice(id: string): void {
    const sep = id.indexOf(':');
    const prompt = Number(id.slice(0, sep));
    const action = id.slice(sep + 1);
    if (sep < 0 || prompt !== this.state.prompt) return this.reply(this.t('say.staleButton'));
    if (action === 'cancel') return this.cancel();
    if (PHASES[this.state.phase].choice?.(this, action)) return;
    this.reply(this.t('say.staleButton'));
  }

  text(input: TextInput): void {
    const { text, files } = input;
    this.updateLang(text);
    const leaked = input.sensitive.filter((k) => LEAKED.includes(k));
    this.leaked = leaked.length > 0;
    if (leaked.length) this.secretLeaked(leaked);
    else if (input.sensitive.length)
      this.reply(this.t('say.sensitive', { what: this.kinds(input.sensitive) }));
    if (input.truncated) this.reply(this.t('say.truncated', { max: input.truncated }));
    for (const reason of new Set(input.rejected)) this.reply(this.t(REJECTED[reason]));
    if (!text && files.length === 0) {
      if (input.unsupported) this.reply(this.t('say.unsupported'));
      else if (input.rejected.length === 0 && !leaked.length && this.state.phase === 'idle')
        this.reply(this.t('say.askDescribe'));
      return;
    }
    const folded = foldText(text);
    const phase = this.state.phase;
    if (phase !== 'handed_off' && phase !== 'survey_comment' && isCancel(folded))
      return this.cancel();
    // A secret pasted into a case is handled by the warning and an urgent, flagged case; a
    // security report in words interrupts whatever is going on.
    const interrupt = leaked.length ? phase === 'idle' : INTERRUPTIBLE.has(phase);
    if (interrupt && this.securityInterrupt(text, files, leaked.length > 0)) return;
    if (phase !== 'handed_off' && phase !== 'idle' && phase !== 'survey_rating')
      this.calmIfAngry(text);
    PHASES[phase].text(this, text, folded, files);
  }

  // ─── global rules ────────────────────────────────────────────────────────────────────────────

  private kinds(kinds: readonly SensitiveKind[]): string {
    return kinds.map((k) => this.t(`secret.${k}`)).join(this.t('secret.and'));
  }

  /** A recovery phrase or private key was pasted: say what it means and what to do now. */
  private secretLeaked(kinds: SensitiveKind[]): void {
    this.state.secrets = [...new Set([...(this.state.secrets ?? []), ...kinds])];
    this.state.minPriority = 'urgent';
    this.reply(this.t('say.secretLeaked', { what: this.kinds(kinds) }));
    this.effects.push({
      type: 'delete_message',
      done: this.t('say.secretDeleted'),
      failed: this.t('say.secretDeleteYourself'),
    });
  }

  /**
   * A security report (phishing, impersonation, a leaked secret, a takeover) is handled at once,
   * whatever the step: protective steps first, case urgent, no "did you mean…?" confirmation.
   * The words said so far stay on the case.
   */
  private securityInterrupt(text: string, files: EvidenceFile[], leaked: boolean): boolean {
    if (this.state.intent === SECURITY) return false;
    // The marker left by masking is not the user's words: a pasted phrase alone is handled by
    // the leak warning and an urgent, flagged case, not by a switch of problem.
    const words = stripMarks(text);
    if (!words) return false;
    const c = this.classify(words);
    const security =
      (c.intent === SECURITY && c.confidence >= SECURITY_CONFIDENCE) ||
      (leaked && this.state.phase === 'idle');
    if (!security) return false;
    this.addFiles(files);
    if (this.state.intent && this.state.intent !== SECURITY) {
      this.state.also = [...new Set([...(this.state.also ?? []), this.state.intent])];
      this.state.minPriority = maxPriority(this.spec()!.priority, this.state.minPriority);
    }
    this.keepWords(text);
    this.startIntent(SECURITY);
    return true;
  }

  private calmIfAngry(text: string): void {
    if (this.state.calmed || !isAngry(text)) return;
    this.state.calmed = true;
    this.reply(this.t('say.calm'));
  }

  private updateLang(text: string): void {
    const detected = detectLang(text);
    if (detected) {
      const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
      const words = text.replace(/\b[a-z]*\d[a-z0-9-]*\b/gi, ' ').match(/[a-z]{2,}/gi)?.length ?? 0;
      const strong = detected === 'zh' ? cjk >= 2 : words >= 3;
      if (this.state.langSource !== 'text' || strong) {
        this.state.lang = detected;
        this.state.langSource = 'text';
      }
    }
    const script = detectScript(text);
    if (script) this.state.script = script;
  }

  cancel(): void {
    if (this.state.phase === 'handed_off' && this.state.ticketId)
      return this.reply(this.t('say.handedOff', { id: this.state.ticketId }));
    this.state = resetCase(this.state);
    this.reply(this.t('say.cancelled'));
  }

  // ─── finding the problem ─────────────────────────────────────────────────────────────────────

  /** The user's words before a case opens, every message kept (the agent sees them all). */
  private keepWords(text: string): void {
    if (!text) return;
    const before = this.state.userWords;
    if (before?.includes(text)) return;
    this.state.userWords = (before ? `${before}\n${text}` : text).slice(0, MAX_SLOT_TEXT * 2);
  }

  askOpen(): void {
    this.state.phase = 'idle';
    this.reply(this.t('say.askDescribe'));
  }

  /** A menu of the problems (compact: the likeliest first), never the same menu twice in a row. */
  private menu(ranked: string[] = [], intro = 'say.menu'): void {
    this.state.phase = 'idle';
    if (this.state.menuAt !== undefined && this.state.menuAt === this.state.prompt) {
      this.reply(this.t('say.menuAgain'), [['human', this.t('ui.human')]]);
      return;
    }
    const problems = [...this.ctx.catalog.problems.values()].filter(
      (p) => p.id !== 'contact_human',
    );
    const order = [
      ...ranked.filter((id) => problems.some((p) => p.id === id)),
      ...problems.map((p) => p.id).filter((id) => !ranked.includes(id)),
    ];
    const choices: Array<[string, string]> = order
      .slice(0, 6)
      .map((id) => [`i:${id}`, this.intentLabel(id)]);
    choices.push(['human', this.t('ui.human')]);
    this.reply(this.t(intro), choices);
    this.state.menuAt = this.state.prompt;
  }

  newProblem(text: string, files: EvidenceFile[]): void {
    this.addFiles(files);
    if (!text) return this.reply(this.t('say.askDescribe'));
    const folded = foldText(text);
    if (isGreetingOnly(folded)) {
      this.state.phase = 'idle';
      return this.reply(this.t('say.greeting'));
    }
    // "俾錢嗰個都ok咗 唔該", "all good now thanks": nothing to do but be glad.
    if (isYes(folded) || isThanks(folded)) {
      this.state.phase = 'idle';
      return this.reply(this.t('say.solvedBye'));
    }
    if (wantsSenior(folded)) this.state.senior = true;
    if (isHuman(folded) || (this.state.senior && text.length < 40)) {
      this.keepWords(text);
      return this.startCollect(
        'contact_human',
        this.state.senior ? 'say.managerAck' : 'say.humanShortcut',
      );
    }
    if (asksServiceHours(folded) && !this.mentionsProblem(text)) {
      this.keepWords(text);
      return this.hours();
    }
    const c = this.classify(text);
    const problem = this.ctx.catalog.problem(c.intent);
    if (problem && c.confidence >= CLEAR_CONFIDENCE) {
      this.keepWords(text);
      this.calmIfAngry(text);
      return this.startProblems(problem.id, text);
    }
    const small = this.ctx.catalog.smalltalk.get(c.intent);
    if (small && c.confidence >= CLEAR_CONFIDENCE) {
      if (small.id === 'service_hours') return this.hours();
      if (small.id === 'greeting') return this.reply(this.t('say.greeting'));
      return this.reply(this.local(small.reply[this.lang]));
    }
    if (isVagueHelp(folded)) {
      this.keepWords(text);
      this.state.phase = 'idle';
      return this.reply(this.t('say.askDescribe'));
    }
    // Unsure about the whole message: its parts may each name a problem clearly.
    const parts = this.problemsInParts(text);
    if (parts.length) {
      this.keepWords(text);
      return this.startProblems(parts[0]!, text);
    }
    // Unsure: one short question between the likeliest problems, then a compact menu.
    this.keepWords(text);
    const likely = c.ranking
      .filter((r) => this.ctx.catalog.problem(r.intent) && r.confidence >= 0.12)
      .map((r) => r.intent)
      .slice(0, 3);
    if (c.intent === 'out_of_scope' && c.confidence >= 0.9 && !likely.length) {
      // Clearly not a wallet problem ("best pizza topping?"): say what the bot is for, once.
      return this.menu([], 'say.outOfScope');
    }
    if (likely.length >= 1 && this.state.phase !== 'clarifying' && likely.length <= 3) {
      this.state.phase = 'clarifying';
      this.state.clarifyOptions = likely;
      const choices: Array<[string, string]> = likely.map((id) => [
        `i:${id}`,
        this.intentLabel(id),
      ]);
      choices.push(['other', this.t('ui.somethingElse')], ['human', this.t('ui.human')]);
      return this.reply(this.t('say.clarify'), choices);
    }
    this.menu(likely);
  }

  /** Whether the text names a problem the classifier is sure about (not just a question of hours). */
  private mentionsProblem(text: string): boolean {
    const c = this.classify(text);
    return !!this.ctx.catalog.problem(c.intent) && c.confidence >= 0.7;
  }

  /** "Will anyone answer tonight?": the service hours, said plainly, and whether agents are in. */
  hours(): void {
    const clock = this.ctx.clock;
    const hours = clock.describe(this.locale);
    if (!hours) return this.reply(this.t('say.hoursAlways'));
    const next = clock.nextOpen(this.ctx.now);
    const now = clock.isOpen(this.ctx.now)
      ? this.t('say.hoursOpenNow')
      : next !== undefined
        ? this.t('say.hoursClosedNow', { next: clock.formatLocal(next, this.locale, this.ctx.now) })
        : '';
    this.reply(this.t('say.hoursAnswer', { hours, now }).replace(/\s{2,}/g, ' '));
  }

  /**
   * Several problems in one message: the most urgent is handled first, the others stay on the
   * same case (listed on the card); the user is told.
   */
  /**
   * The problems the parts of a message name clearly, one per family ("扣钱了 但是显示支付失败"
   * is one payment problem, not two); `first` comes first when given.
   */
  private problemsInParts(text: string, first?: string): string[] {
    const found = new Set<string>(first ? [first] : []);
    const family = (id: string) => this.ctx.catalog.problem(id)?.family ?? id;
    for (const part of problemParts(text)) {
      const c = this.classify(part);
      if (
        this.ctx.catalog.problem(c.intent) &&
        // Frustration in a clause ("been like forever") is tone, not a second complaint.
        c.intent !== 'contact_human' &&
        c.intent !== 'complaint' &&
        c.confidence >= SECOND_PROBLEM_CONFIDENCE &&
        ![...found].some((f) => family(f) === family(c.intent))
      )
        found.add(c.intent);
    }
    return [...found];
  }

  private startProblems(first: string, text: string): void {
    const found = this.problemsInParts(text, first);
    const ids = [...found].sort(
      (a, b) =>
        PRIORITY_RANK[this.ctx.catalog.problem(b)!.priority] -
        PRIORITY_RANK[this.ctx.catalog.problem(a)!.priority],
    );
    const [main, ...others] = ids;
    if (others.length) {
      this.state.also = [...new Set([...(this.state.also ?? []), ...others])];
      this.reply(
        this.t('say.twoProblems', {
          first: this.intentLabel(main!),
          second: others.map((o) => this.intentLabel(o)).join(', '),
        }),
      );
    }
    this.startIntent(main!);
  }

  /** Starts a problem; ids, amounts and dates are taken from `words` (default: all the user said). */
  startIntent(intent: string, words = this.state.userWords ?? ''): void {
    const spec = this.ctx.catalog.problem(intent);
    if (!spec) return this.menu();
    if (this.state.intent && this.state.intent !== intent) {
      // A different problem: the old one's priority stays (it never drops silently).
      const old = this.spec();
      if (old) this.state.minPriority = maxPriority(old.priority, this.state.minPriority);
    }
    this.state.intent = intent;
    delete this.state.clarifyOptions;
    this.prefill(spec, words);
    const steps = spec.self_help[this.lang].map((s) => this.local(s));
    const numbered = steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
    switch (spec.flow) {
      case 'direct':
        return this.startCollect(intent, 'say.humanShortcut');
      case 'complaint':
        this.state.phase = 'collecting';
        this.state.slot = -1;
        this.reply(this.t('say.complaintIntro'));
        return this.advance();
      case 'protective':
        this.state.phase = 'collecting';
        this.state.slot = -1;
        this.state.minPriority = 'urgent';
        this.reply(this.t('say.protectiveFirst', { steps: numbered }));
        return this.advance();
      case 'self_help':
        if (steps.length === 0) return this.startCollect(intent, 'say.humanShortcut');
        this.state.phase = 'self_help';
        this.mayAsk('did_it_help');
        this.reply(
          this.t('say.selfHelp', { title: this.intentLabel(intent), steps: numbered }),
          this.selfHelpChoices(),
        );
    }
  }

  /** Users never repeat themselves: ids, amounts and dates in their words fill slots. */
  private prefill(spec: ProblemIntentSpec, text: string): void {
    if (!text) return;
    const ids = findIdentifiers(text, this.ctx.txid);
    for (const slot of spec.collect) {
      if (this.state.values[slot.slot]) continue;
      if (slot.type === 'transaction_id') {
        if (ids.transactionIds.length) this.state.values[slot.slot] = ids.transactionIds.join(', ');
      } else if (slot.type === 'amount') {
        const a = findAmount(text);
        if (a) this.state.values[slot.slot] = formatAmount(a.value, a.currency);
      } else if (slot.type === 'date') {
        const d = findDate(text, this.ctx.now, this.ctx.clock.timeZone);
        if (d) this.state.values[slot.slot] = formatDate(d);
      }
    }
    if (ids.addresses.length && !this.state.values[WALLET_ADDRESS])
      this.state.values[WALLET_ADDRESS] = ids.addresses.map((a) => a.value).join(', ');
  }

  confidentProblem(text: string, min = SWITCH_CONFIDENCE, not: string[] = []): boolean {
    const c = this.classify(text);
    return !!this.ctx.catalog.problem(c.intent) && c.confidence >= min && !not.includes(c.intent);
  }

  // ─── self-help ───────────────────────────────────────────────────────────────────────────────

  private selfHelpChoices(): Array<[string, string]> {
    return [
      ['solved', this.t('ui.solved')],
      ['unsolved', this.t('ui.notSolved')],
    ];
  }

  selfHelpReply(text: string, folded: string, files: EvidenceFile[]): void {
    if (isYes(folded)) return this.solved();
    if (isNo(folded)) {
      this.keepWordsIfDetail(text);
      return this.startCollect(this.state.intent!, 'say.startCollect');
    }
    if (goesToTry(folded)) return this.reply(this.t('say.takeYourTime'), this.selfHelpChoices());
    if (saysNoIdentifier(text) && !isSkip(folded)) {
      // "我没有单号 在哪看": not solved, and the id question is answered already.
      this.keepWords(text);
      this.noteNoIdentifier(text);
      return this.startCollect(this.state.intent!, 'say.startCollect');
    }
    this.addFiles(files);
    if (wantsSenior(folded)) {
      this.state.senior = true;
      this.keepWords(text);
      return this.startCollect(this.state.intent!, 'say.managerAck');
    }
    const c = this.classify(text);
    // "I need an agent" keeps the case (and the words) the user already described.
    if (isHuman(folded) || (c.intent === 'contact_human' && c.confidence >= SWITCH_CONFIDENCE))
      return this.startCollect(this.state.intent!, 'say.humanShortcut');
    if (asksServiceHours(folded) && isQuestion(folded)) {
      this.hours();
      return this.reply(this.t('say.didItHelp'), this.selfHelpChoices());
    }
    if (isQuestion(folded)) return this.answerQuestion(text, folded);
    if (isSubstantial(text) && this.mayChangeProblem(text, c, SWITCH_CONFIDENCE_SELF_HELP)) return;
    // Anything else: details of this problem. A statement means it is not solved; a short
    // unclear answer gets the question once more, then the case moves on.
    this.keepWords(text);
    if (isSubstantial(text)) return this.startCollect(this.state.intent!, 'say.startCollect');
    if (this.mayAsk('did_it_help'))
      return this.reply(this.t('say.didItHelpLast'), this.selfHelpChoices());
    this.startCollect(this.state.intent!, 'say.startCollect');
  }

  /** A question about the advice: answered from the intent's FAQ, then "did this solve it?" once more. */
  private answerQuestion(text: string, folded: string): void {
    const spec = this.spec()!;
    const answer = bestFaq(spec, this.lang, folded);
    // The question stays on the case either way: the agent sees what the user wanted to know.
    this.addNote(text);
    if (answer) this.reply(this.local(answer));
    else this.reply(this.t('say.faqFallback'));
    if (this.mayAsk('did_it_help'))
      return this.reply(this.t('say.didItHelp'), this.selfHelpChoices());
    this.startCollect(this.state.intent!, 'say.startCollect');
  }

  /**
   * A message that may change the problem is confirmed before switching (security excepted, see
   * securityInterrupt); answers whether it started that confirmation.
   */
  private mayChangeProblem(
    text: string,
    c: { intent: string; confidence: number },
    min: number,
  ): boolean {
    if (
      this.leaked ||
      !this.ctx.catalog.problem(c.intent) ||
      c.intent === this.state.intent ||
      c.intent === 'contact_human' ||
      (this.state.also ?? []).includes(c.intent) ||
      c.confidence < min
    )
      return false;
    this.state.pendingSwitch = { intent: c.intent, text };
    this.state.returnTo = this.state.phase;
    if (changesSubject(foldText(text))) {
      // "forget the withdrawal, it's the selfie step": no need to ask.
      this.acceptSwitch();
      return true;
    }
    const from = this.intentLabel(this.state.intent!);
    const to = this.intentLabel(c.intent);
    this.state.phase = 'switching';
    this.reply(this.t('say.switchConfirm', { from, to }), [
      ['switch', this.t('ui.switchYes', { to })],
      ['keep', this.t('ui.switchNo', { from })],
    ]);
    return true;
  }

  /** Whether an answer to "is this a different problem?" names the new problem. */
  classifiesAsPending(text: string): boolean {
    const pending = this.state.pendingSwitch;
    if (!pending) return false;
    const c = this.classify(text);
    return c.intent === pending.intent && c.confidence >= SWITCH_CONFIDENCE;
  }

  acceptSwitch(extra?: string, files: EvidenceFile[] = []): void {
    this.addFiles(files);
    if (extra) this.keepWords(extra);
    const pending = this.state.pendingSwitch;
    delete this.state.pendingSwitch;
    delete this.state.returnTo;
    if (!pending) return this.menu();
    const old = this.state.intent;
    this.keepWords(pending.text);
    // Details collected for the old problem do not carry over; its words and priority do.
    this.state.values = this.state.values[NOTES] ? { [NOTES]: this.state.values[NOTES] } : {};
    this.state.unverified = [];
    this.state.skipped = [];
    if (old) this.state.also = [...new Set([...(this.state.also ?? []), old])];
    this.state.asked = {};
    this.startIntent(pending.intent, pending.text);
  }

  /** "No, it's the same problem": the words are kept as details and the step goes on. */
  keepProblem(text?: string, files: EvidenceFile[] = []): void {
    const pending = this.state.pendingSwitch;
    const back =
      this.state.returnTo ?? (this.state.slot !== undefined ? 'collecting' : 'self_help');
    delete this.state.pendingSwitch;
    delete this.state.returnTo;
    this.addFiles(files);
    for (const words of [pending?.text, text])
      if (words) {
        this.addNote(words);
        this.absorbIds(words);
        this.absorb(words);
      }
    this.reply(this.t('say.switchKept', { from: this.intentLabel(this.state.intent!) }));
    this.state.phase = back;
    if (back === 'self_help') return this.startCollect(this.state.intent!, 'say.startCollect');
    const slot = this.slotSpec();
    if (back === 'collecting' && slot) return this.ask(slot, true);
    if (back === 'confirming') return this.summary();
    this.advance();
  }

  solved(): void {
    this.state = resetCase(this.state);
    this.reply(this.t('say.solvedBye'));
  }

  // ─── collecting ──────────────────────────────────────────────────────────────────────────────

  startCollect(intent: string, intro: string): void {
    const spec = this.ctx.catalog.problem(intent);
    if (!spec) return this.menu();
    this.state.intent = intent;
    this.prefill(spec, this.state.userWords ?? '');
    this.state.phase = 'collecting';
    this.state.slot = -1;
    this.reply(this.t(intro));
    this.advance();
  }

  acceptSenior(): void {
    this.state.senior = true;
    this.reply(this.t('say.seniorAccepted'));
    const slot = this.slotSpec();
    if (slot) this.ask(slot, true);
    else this.advance();
  }

  private slotSpec(): SlotSpec | undefined {
    const i = this.state.slot;
    return i === undefined || i < 0 ? undefined : this.spec()?.collect[i];
  }

  private isFilled(slot: SlotSpec): boolean {
    if (slot.type === 'images')
      return this.state.files.length > 0 || this.state.skipped.includes(slot.slot);
    return this.state.values[slot.slot] !== undefined || this.state.skipped.includes(slot.slot);
  }

  /** The next unanswered slot, or the summary (straight back to it after an edit). */
  advance(): void {
    const spec = this.spec()!;
    this.state.misses = 0;
    if (this.state.editing) {
      this.state.editing = false;
      delete this.state.editPrevious;
      return this.summary();
    }
    for (let i = (this.state.slot ?? -1) + 1; i < spec.collect.length; i++) {
      const slot = spec.collect[i]!;
      if (this.isFilled(slot)) continue;
      this.state.slot = i;
      return this.ask(slot);
    }
    this.summary();
  }

  /** Asks for a slot (counted: the same question is never asked a third time). */
  ask(slot: SlotSpec, again = false): void {
    if (!this.mayAsk(`slot:${slot.slot}`) && !again) return this.skipSlot(false);
    // Every question but the id offers Skip (a required one goes to the agent as not provided);
    // the id question offers "I don't have it".
    const skip: Array<[string, string]> =
      slot.optional || slot.type !== 'text' ? [['skip', this.t('ui.skip')]] : [];
    if (this.spec()?.flow === 'complaint' && !this.state.senior && this.state.misses === 0)
      skip.push(['senior', this.t('ui.senior')]);
    const custom = slot.prompt?.[this.lang];
    const prompt = custom ? this.local(custom) : undefined;
    switch (slot.type) {
      case 'transaction_id':
        return this.reply(
          prompt ?? this.t('say.askTxid', { example: this.ctx.txid.example }),
          slot.optional ? skip : [['notxid', this.t('ui.noTxid')]],
        );
      case 'amount':
        return this.reply(prompt ?? this.t('say.askAmount'), skip);
      case 'date':
        return this.reply(prompt ?? this.t('say.askDate'), skip);
      case 'text':
        return this.reply(prompt!, skip);
      case 'images':
        return this.reply(
          prompt ?? this.t('say.askImages', { max: slot.max ?? DEFAULT_MAX_FILES }),
          [
            ['done', this.t('ui.done')],
            ['skip', this.t('ui.skip')],
          ],
        );
    }
  }

  private isLastSlot(): boolean {
    const spec = this.spec();
    return !!spec && this.state.slot === spec.collect.length - 1;
  }

  private maxFiles(): number {
    return this.spec()?.collect.find((s) => s.type === 'images')?.max ?? DEFAULT_MAX_FILES;
  }

  /** Keeps new files up to the limit; answers how many were kept. */
  addFiles(files: EvidenceFile[]): number {
    let added = 0;
    for (const f of files) {
      if (this.state.files.length >= this.maxFiles()) break;
      if (this.state.files.some((e) => e.sha256 === f.sha256)) continue;
      this.state.files.push(f);
      added++;
    }
    return added;
  }

  /**
   * Moves past the current slot. `explicit`: the user said they have none (a required id is then
   * marked for the agent to look up); otherwise the question was asked twice without an answer.
   */
  skipSlot(explicit: boolean): void {
    const slot = this.slotSpec();
    if (!slot) return this.advance();
    const previous = this.state.editPrevious;
    if (
      !explicit &&
      this.state.editing &&
      previous?.slot === slot.slot &&
      (previous.value !== undefined || previous.files?.length)
    ) {
      // Asked to change a value, then no new one (a question, an aside): the old one stays, as
      // it was (an unverified id stays marked so).
      if (previous.value !== undefined) this.state.values[slot.slot] = previous.value;
      if (previous.unverified) this.state.unverified.push(slot.slot);
      if (previous.files?.length) this.state.files = previous.files;
      this.state.skipped = this.state.skipped.filter((x) => x !== slot.slot);
    } else if (slot.optional || slot.type === 'images') {
      if (!this.state.skipped.includes(slot.slot)) this.state.skipped.push(slot.slot);
    } else {
      this.state.values[slot.slot] ??= this.t(explicit ? 'say.userHasNone' : 'say.notProvided');
    }
    this.advance();
  }

  answerSlot(text: string, folded: string, files: EvidenceFile[]): void {
    const slot = this.slotSpec();
    if (!slot) return this.advance();
    if (files.length) {
      const before = this.state.files.length;
      this.addFiles(files);
      if (slot.type === 'images') {
        const max = slot.max ?? DEFAULT_MAX_FILES;
        if (this.state.files.length >= max) {
          this.reply(this.t('say.imagesFull', { max }));
          return this.advance();
        }
        if (this.state.files.length > before)
          this.reply(this.t('say.imageReceived', { n: this.state.files.length, max }), [
            ['done', this.t('ui.done')],
          ]);
        if (!text) return;
      } else if (this.state.files.length > before) this.reply(this.t('say.fileKept'));
      if (!text) return;
    }
    if (slot.type !== 'text' && isHuman(folded)) {
      this.reply(this.t('say.humanAlready'));
      return this.ask(slot, true);
    }
    if (wantsSenior(folded) && !this.state.senior) {
      this.state.senior = true;
      this.addNote(text);
      this.reply(this.t('say.managerAck'));
      return this.ask(slot, true);
    }
    // A date corrected while something else is asked ("日期不对，是12月1号").
    if (slot.type !== 'date' && this.correctDate(text)) return this.ask(slot, true);
    // "Will anyone answer tonight?" is answered, then the question is asked again.
    if (asksServiceHours(folded) && isQuestion(folded)) {
      this.addNote(text);
      this.hours();
      return this.ask(slot, true);
    }
    if (wantsToSubmit(folded)) {
      if (wantsSenior(folded)) this.state.senior = true;
      return this.submitNow();
    }
    if (slot.type === 'images') {
      if (isDone(folded) || isNo(folded)) {
        // "no wait, it was the 1st. sorry": the words beyond "no" stay on the case.
        this.keepReason(text);
        return this.advance();
      }
      if (isYes(folded) || isConfirm(folded)) {
        // "可以" / "ok" at the last question: the user agrees to send what they gave.
        this.keepReason(text);
        return this.isLastSlot() ? this.submitNow() : this.advance();
      }
      if (isSkip(folded)) return this.skipSlot(true);
      if (this.absorb(text).length) {
        this.reply(this.t('say.noted'));
        return this.ask(slot);
      }
      // Words instead of a screenshot are still part of the case: keep them for the agent.
      this.addNote(text);
      this.reply(this.t('say.noted'));
      if (!this.mayAsk('images_again')) return this.advance();
      return this.reply(this.t('say.imageWanted'), [
        ['done', this.t('ui.done')],
        ['skip', this.t('ui.skip')],
      ]);
    }
    if (slot.type === 'text') {
      // "可以" / "ok" is not an answer to "what happened?": nothing to add, on to the next.
      if ((isYes(folded) || isConfirm(folded)) && folded.length <= 6) return this.skipSlot(false);
      // A question instead of the answer ("我沒有單號 在哪裡看"): answered, kept, asked once more.
      if (isQuestion(folded) && this.mayAsk(`question:${slot.slot}`)) {
        this.addNote(text);
        const answer = saysNoIdentifier(text)
          ? this.t('say.txidWhereToFind', { example: this.ctx.txid.example })
          : bestFaq(this.spec()!, this.lang, folded);
        this.reply(
          answer
            ? saysNoIdentifier(text)
              ? answer
              : this.local(answer)
            : this.t('say.faqFallback'),
        );
        return this.ask(slot, true);
      }
      this.state.values[slot.slot] = text.slice(0, MAX_SLOT_TEXT);
      if (!this.noteNoIdentifier(text)) this.absorbIds(text);
      this.absorb(text);
      return this.advance();
    }
    // "done" / "好了" after files: the user is finished with the questions.
    if (isDone(folded)) return this.skipSlot(true);
    // A question instead of an answer ("how do I move the funds?"): answered, kept, asked again.
    if (
      isQuestion(folded) &&
      !saysNoIdentifier(text) &&
      !findIdentifiers(text, this.ctx.txid).transactionIds.length
    ) {
      this.addNote(text);
      const answer = bestFaq(this.spec()!, this.lang, folded);
      this.reply(answer ? this.local(answer) : this.t('say.faqFallback'));
      return this.ask(slot);
    }
    // "no, nothing to do with a transaction" at an optional question: skipped.
    if (slot.optional && (isNo(folded) || isSkip(folded) || saysNoIdentifier(text))) {
      this.keepReason(text);
      return this.skipSlot(true);
    }
    if (slot.type === 'transaction_id' && (isNo(folded) || saysNoIdentifier(text)))
      return this.answerTxid(slot, text, folded);
    const c = this.classify(text);
    if (isSubstantial(text) && this.mayChangeProblem(text, c, SWITCH_CONFIDENCE_COLLECTING)) return;
    if (slot.type === 'transaction_id') return this.answerTxid(slot, text, folded);
    // Whatever the question, an amount or a date the user gives fills its field.
    const filled = this.absorb(text);
    if (filled.includes(slot.slot)) {
      // "35 each so 70 total": the words around the value are kept for the agent.
      if (text.replace(/[\d\s\p{P}\p{S}]/gu, '').length >= 10) this.addNote(text);
      return this.advance();
    }
    if (isSkip(folded) || saysNoIdentifier(text)) return this.skipSlot(true);
    if (filled.length) {
      this.reply(this.t('say.noted'));
      return this.ask(slot);
    }
    this.missed(slot, text, slot.type === 'amount' ? 'say.badAmount' : 'say.askDate');
  }

  /** "我哪知道交易号 我都没操作过": beyond "no", the words tell the agent something. */
  private keepReason(text: string): void {
    if (text.replace(/[\s\p{P}]/gu, '').length >= 10) this.addNote(text);
  }

  /** Ids in an answer to another question fill the id field, so it is not asked for. */
  private absorbIds(text: string): void {
    const slot = this.spec()?.collect.find((s) => s.type === 'transaction_id');
    if (!slot || this.state.values[slot.slot] !== undefined) return;
    const found = findIdentifiers(text, this.ctx.txid);
    if (found.transactionIds.length) this.state.values[slot.slot] = found.transactionIds.join(', ');
    if (found.addresses.length && !this.state.values[WALLET_ADDRESS])
      this.state.values[WALLET_ADDRESS] = found.addresses.map((a) => a.value).join(', ');
  }

  /**
   * Fills empty amount and date fields from what the user wrote, whatever was asked ("500 usdt"
   * at the id question); answers the slots filled.
   */
  private absorb(text: string): string[] {
    const spec = this.spec();
    if (!spec) return [];
    const filled: string[] = [];
    for (const slot of spec.collect) {
      // A date said again later wins (the first was guessed from "2 hours ago" or corrected).
      if (this.isFilled(slot) && slot.slot !== this.slotSpec()?.slot && slot.type !== 'date')
        continue;
      if (slot.type === 'amount') {
        const a = findAmount(text, { bare: slot.slot === this.slotSpec()?.slot });
        if (a) {
          this.state.values[slot.slot] = formatAmount(a.value, a.currency);
          filled.push(slot.slot);
        }
      } else if (slot.type === 'date') {
        const d = findDate(text, this.ctx.now, this.ctx.clock.timeZone);
        if (d) {
          this.state.values[slot.slot] = formatDate(d);
          this.state.unverified = this.state.unverified.filter((u) => u !== slot.slot);
          filled.push(slot.slot);
        }
      }
    }
    return filled;
  }

  /**
   * "send it" before every question was answered: the rest are skipped and the case is sent,
   * with the summary shown so the user sees what went.
   */
  submitNow(): void {
    const spec = this.spec()!;
    for (const slot of spec.collect)
      if (!this.isFilled(slot)) {
        if (slot.optional || slot.type === 'images') this.state.skipped.push(slot.slot);
        else {
          this.state.values[slot.slot] = this.t('say.notProvided');
          if (!this.state.unverified.includes(slot.slot)) this.state.unverified.push(slot.slot);
        }
      }
    this.state.editing = false;
    this.summary(false);
    this.confirm();
  }

  /**
   * "I don't have the id" said before the id is asked: where to find it, once, and the id
   * question is not asked later.
   */
  noteNoIdentifier(text: string): boolean {
    const slot = this.spec()?.collect.find((s) => s.type === 'transaction_id');
    if (!slot || this.state.values[slot.slot] !== undefined || !saysNoIdentifier(text))
      return false;
    if (findIdentifiers(text, this.ctx.txid).transactionIds.length) return false;
    this.reply(this.t('say.txidWhereToFind', { example: this.ctx.txid.example }));
    this.state.values[slot.slot] = this.t('say.userHasNone');
    this.keepReason(text);
    return true;
  }

  private answerTxid(slot: SlotSpec, text: string, folded: string): void {
    const found = findIdentifiers(text, this.ctx.txid);
    if (found.addresses.length) {
      const address = found.addresses.map((a) => a.value).join(', ');
      this.state.values[WALLET_ADDRESS] = address;
      this.reply(this.t('say.addressNoted', { address }));
    }
    if (found.transactionIds.length) {
      const ids = found.transactionIds;
      this.state.values[slot.slot] = ids.join(', ');
      this.state.unverified = this.state.unverified.filter((u) => u !== slot.slot);
      if (ids.length > 1) this.reply(this.t('say.txidSeveral', { ids: ids.join(', ') }));
      const rest = text.replace(new RegExp(ids.map(escapeRe).join('|'), 'g'), '').trim();
      if (rest.replace(/[\s\p{P}]/gu, '').length >= 12) this.addNote(text);
      return this.advance();
    }
    if (found.addresses.length) return this.ask(slot, true);
    if (!isSkip(folded) && !saysNoIdentifier(text) && this.absorb(text).length) {
      this.reply(this.t('say.noted'));
      return this.ask(slot);
    }
    if (isSkip(folded) || isNo(folded) || saysNoIdentifier(text)) {
      // "I don't have it" in any wording: where to find it, once, then on without it.
      this.reply(this.t('say.txidWhereToFind', { example: this.ctx.txid.example }));
      this.state.values[slot.slot] = this.t('say.userHasNone');
      this.keepReason(text);
      return this.advance();
    }
    // Words at an optional id question are the answer for the agent ("it's about my limit").
    if (slot.optional && isSubstantial(text)) {
      this.addNote(text);
      this.reply(this.t('say.noted'));
      return this.skipSlot(true);
    }
    this.missed(slot, text, 'say.badTxid');
  }

  /**
   * An answer that does not fit: words are kept as details (never dropped), the question is asked
   * once more, and after the second miss the case goes on without the field.
   */
  private missed(slot: SlotSpec, text: string, again: string): void {
    this.state.misses += 1;
    const words = stripMarks(text).replace(/[\s\p{P}\d]/gu, '').length >= 8;
    if (words) this.addNote(text);
    if (this.state.misses >= MAX_ASKS) {
      if (slot.type === 'transaction_id') this.reply(this.t('say.txidGiveUp'));
      return this.skipSlot(false);
    }
    const kept = words ? `${this.t('say.txidKeptWords')} ` : '';
    this.reply(
      kept + this.t(again, { example: this.ctx.txid.example }),
      slot.type === 'transaction_id'
        ? [['notxid', this.t('ui.noTxid')]]
        : slot.optional
          ? [['skip', this.t('ui.skip')]]
          : [],
    );
  }

  /** A date the user corrects ("no wait, it was the 1st"); answers whether one was taken. */
  correctDate(text: string): boolean {
    const slot = this.spec()?.collect.find((s) => s.type === 'date');
    if (!text) return false;
    const d = findDateCorrection(text, this.ctx.now, this.ctx.clock.timeZone);
    if (!d) return false;
    if (!slot) {
      // No date field for this problem: the correction goes to the agent as a detail.
      this.addNote(text);
      this.reply(this.t('say.noted'));
      return true;
    }
    this.state.values[slot.slot] = formatDate(d);
    this.state.unverified = this.state.unverified.filter((u) => u !== slot.slot);
    this.state.skipped = this.state.skipped.filter((u) => u !== slot.slot);
    this.reply(this.t('say.dateUpdated', { date: formatDate(d) }));
    return true;
  }

  // ─── summary and the case ────────────────────────────────────────────────────────────────────

  private summaryLines(): Array<[string, string]> {
    const spec = this.spec()!;
    const lines: Array<[string, string]> = [];
    if (this.state.also?.length)
      lines.push([
        this.slotLabel('also'),
        this.state.also.map((a) => this.intentLabel(a)).join(', '),
      ]);
    for (const slot of spec.collect) {
      const name = this.slotLabel(slot.slot);
      if (slot.type === 'images') {
        lines.push([
          name,
          this.state.files.length
            ? this.t('say.files', { n: this.state.files.length })
            : this.t('say.notProvided'),
        ]);
        continue;
      }
      const v = this.state.values[slot.slot];
      const placeholder = v === this.t('say.userHasNone') || v === this.t('say.notProvided');
      const mark =
        this.state.unverified.includes(slot.slot) && !placeholder
          ? ` (${this.t('say.unverified')})`
          : '';
      const shown = v === this.t('say.userHasNone') ? this.t('say.youHaveNone') : v;
      lines.push([name, shown !== undefined ? `${shown}${mark}` : this.t('say.notProvided')]);
    }
    if (this.state.values[WALLET_ADDRESS])
      lines.push([this.slotLabel(WALLET_ADDRESS), this.state.values[WALLET_ADDRESS]]);
    if (this.state.values[NOTES])
      lines.push([this.slotLabel(NOTES), this.state.values[NOTES].split('\n').join(' / ')]);
    return lines;
  }

  private slotLabel(slot: string): string {
    const key = `slot.${slot}`;
    if (this.ctx.texts.has(key)) return this.t(key);
    const words = slot.replace(/_/g, ' ');
    return this.lang === 'en' ? words[0]!.toUpperCase() + words.slice(1) : words;
  }

  /** Extra words the user gave outside a question: kept on the case for the agent. */
  addNote(text: string): void {
    const before = this.state.values[NOTES];
    if (before?.split('\n').includes(text)) return;
    this.state.values[NOTES] = (before ? `${before}\n${text}` : text).slice(0, MAX_SLOT_TEXT * 2);
  }

  summaryChoices(): Array<[string, string]> {
    return [
      ['confirm', this.t('ui.confirm')],
      ['edit', this.t('ui.edit')],
      ['cancel', this.t('ui.cancel')],
    ];
  }

  /** The summary to check; `ask: false` shows what is being sent (no question, no buttons). */
  summary(ask = true): void {
    const spec = this.spec()!;
    this.state.phase = 'confirming';
    this.state.pendingTicketId ??= this.ctx.newTicketId();
    const lines = [
      [this.t('say.problem'), this.intentLabel(spec.id)] as [string, string],
      ...this.summaryLines(),
    ].map(([label, value]) => this.t('say.summaryLine', { label, value }));
    if (!ask) return this.reply(this.t('say.sending', { lines: lines.join('\n') }));
    this.reply(this.t('say.summary', { lines: lines.join('\n') }), this.summaryChoices());
  }

  editMenu(): void {
    const spec = this.spec()!;
    this.state.phase = 'editing';
    const choices: Array<[string, string]> = spec.collect.map((slot) => [
      `e:${slot.slot}`,
      this.slotLabel(slot.slot),
    ]);
    choices.push(['cancel', this.t('ui.cancel')]);
    this.reply(this.t('say.editWhich'), choices);
  }

  editSlot(name: string): void {
    const spec = this.spec()!;
    const index = spec.collect.findIndex((s) => s.slot === name);
    if (index < 0) return this.editMenu();
    const slot = spec.collect[index]!;
    const value = this.state.values[name];
    this.state.editPrevious = {
      slot: name,
      ...(value !== undefined ? { value } : {}),
      ...(this.state.unverified.includes(name) ? { unverified: true } : {}),
      ...(slot.type === 'images' ? { files: this.state.files } : {}),
    };
    delete this.state.values[name];
    this.state.skipped = this.state.skipped.filter((x) => x !== name);
    this.state.unverified = this.state.unverified.filter((x) => x !== name);
    if (slot.type === 'images') this.state.files = [];
    this.state.phase = 'collecting';
    this.state.slot = index;
    this.state.editing = true;
    this.state.misses = 0;
    this.ask(slot, true);
  }

  confirm(): void {
    const spec = this.spec()!;
    const id = this.state.pendingTicketId ?? this.ctx.newTicketId();
    const fields: Record<string, string> = {};
    for (const slot of spec.collect) {
      const v = this.state.values[slot.slot];
      if (v !== undefined) fields[slot.slot] = v;
    }
    for (const extra of [WALLET_ADDRESS, NOTES])
      if (this.state.values[extra]) fields[extra] = this.state.values[extra];
    let priority = maxPriority(spec.priority, this.state.minPriority);
    for (const other of this.state.also ?? [])
      priority = maxPriority(priority, this.ctx.catalog.problem(other)?.priority);
    if (this.state.senior) priority = maxPriority(priority, 'high');
    const flags = [
      ...(this.state.senior ? ['senior_requested'] : []),
      ...(this.state.secrets ?? []).map((k) => `secret:${k}`),
    ];
    const draft: TicketDraft = {
      id,
      priority,
      intent: spec.id,
      lang: this.lang,
      user: this.ctx.user,
      userAddress: this.ctx.address,
      fields,
      unverified: [...this.state.unverified],
      evidence: [...this.state.files],
      userWords: this.state.userWords ?? spec.label[this.lang],
      ...(this.state.also?.length ? { also: [...this.state.also] } : {}),
      ...(flags.length ? { flags } : {}),
      ...(this.state.script && this.lang === 'zh' ? { script: this.state.script } : {}),
    };
    this.effects.push({ type: 'open_ticket', draft });
    const secrets = !!this.state.secrets?.length;
    const senior = !!this.state.senior;
    this.state = resetCase(this.state);
    this.state.phase = 'handed_off';
    this.state.ticketId = id;
    const parts = [this.t('say.ticketCreated', { id, eta: this.eta(priority) })];
    if (senior) parts.push(this.t('say.seniorAccepted'));
    if (secrets) parts.push(this.t('say.secretUrgentCase'));
    parts.push(this.t('say.antiImpersonation'));
    this.reply(parts.join('\n\n'));
  }

  /** When the user can expect an answer: the priority's target, counted in open hours. */
  private eta(priority: Priority): string {
    const clock = this.ctx.clock;
    const duration = clock.formatDuration(clock.firstResponseTarget(priority), this.locale);
    if (priority === 'urgent') return this.t('say.etaUrgent', { duration });
    if (clock.isOpen(this.ctx.now) || !clock.describe(this.locale))
      return this.t('say.etaOpen', { duration });
    const next = clock.nextOpen(this.ctx.now);
    if (next === undefined) return this.t('say.etaOpen', { duration });
    return this.t('say.etaClosed', {
      next: clock.formatLocal(next, this.locale, this.ctx.now),
      duration,
    });
  }

  // ─── survey ──────────────────────────────────────────────────────────────────────────────────

  askRatingAgain(): void {
    const choices: Array<[string, string]> = [1, 2, 3, 4, 5].map((n) => [`r:${n}`, '⭐'.repeat(n)]);
    this.reply(this.t('say.survey', { id: this.state.ticketId ?? '' }), choices);
  }

  rated(n: number): void {
    if (!(n >= 1 && n <= 5)) return this.reply(this.t('say.staleButton'));
    this.state.rating = n;
    this.state.phase = 'survey_comment';
    this.reply(this.t('say.surveyComment'), [['skip', this.t('ui.skip')]]);
  }

  finishSurvey(comment?: string, thank = true): void {
    if (this.state.ticketId && this.state.rating) {
      this.effects.push({
        type: 'rate',
        ticketId: this.state.ticketId,
        rating: this.state.rating,
        ...(comment ? { comment } : {}),
      });
    }
    this.state = resetCase(this.state);
    if (thank) this.reply(this.t('say.surveyThanks'));
  }
}

const REJECTED: Record<EvidenceRejection, string> = {
  bad_type: 'say.rejectedBadType',
  too_large: 'say.rejectedTooLarge',
  empty: 'say.rejectedEmpty',
  download_failed: 'say.rejectedDownloadFailed',
  quota: 'say.rejectedQuota',
};

/** The FAQ answer whose words match the question best (at least one), if any. */
function bestFaq(spec: ProblemIntentSpec, lang: Lang, folded: string): string | undefined {
  let best: { score: number; answer: string } | undefined;
  for (const entry of spec.faq) {
    const words = [...entry.match[lang], ...entry.match[lang === 'en' ? 'zh' : 'en']];
    const score = words.filter((w) => folded.includes(foldText(w))).length;
    if (score > 0 && (!best || score > best.score)) best = { score, answer: entry.answer[lang] };
  }
  return best?.answer;
}

/** The user's words without the markers masking left ("[private key removed]"). */
const stripMarks = (text: string) =>
  text.replace(/\[[^\]]*(?:removed|删除|刪除)[^\]]*\]/gi, ' ').trim();

/** Enough words to be a statement of its own (4 words, or 8 Chinese characters). */
const isSubstantial = (text: string) =>
  (text.match(/[\u3400-\u9fff]/g)?.length ?? 0) >= 8 ||
  (text.match(/[a-z]{2,}/gi)?.length ?? 0) >= 4;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function formatAmount(value: number, currency?: string): string {
  const n = Number.isInteger(value) ? String(value) : String(Math.round(value * 1e8) / 1e8);
  return currency ? `${n} ${currency}` : n;
}

function formatDate(d: { iso: string; time?: string }): string {
  return d.time ? `${d.iso} ${d.time}` : d.iso;
}
