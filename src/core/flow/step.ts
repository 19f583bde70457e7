import type { EvidenceFile, EvidenceRejection } from '../evidence.ts';
import type { IntentCatalog, ProblemIntentSpec, SlotSpec } from '../intents.ts';
import type { IntentClassifier } from '../nlu/classifier.ts';
import {
  findAmount,
  findDate,
  findTransactionIds,
  type TransactionIdShape,
} from '../nlu/entities.ts';
import { detectLang, foldText, langFromCode } from '../nlu/text.ts';
import type { SensitiveKind } from '../sensitive.ts';
import type { TicketDraft } from '../tickets/ticket.ts';
import type {
  Address,
  Choice,
  Lang,
  OutboundMessage,
  TicketStatus,
  UserCommand,
  UserIdentity,
} from '../types.ts';
import { isCancel, isConfirm, isDone, isEdit, isHuman, isNo, isSkip, isYes } from './keywords.ts';
import { label, say, slotLabel } from './messages.ts';
import { resetCase, type Conversation } from './state.ts';

/**
 * The conversation engine as a pure step function: (state, input) → (state, effects). No I/O:
 * the bot (src/core/bot.ts) fetches attachments, masks secrets, loads and saves state, and carries
 * out the effects. Tested with tables in test/core/flow/.
 */

export interface FlowContext {
  catalog: IntentCatalog;
  classifier: IntentClassifier;
  txid: TransactionIdShape;
  now: number;
  newTicketId: () => string;
  user: UserIdentity;
  address: Address;
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
  | { type: 'rate'; ticketId: string; rating: number; comment?: string };

export interface StepResult {
  state: Conversation;
  effects: FlowEffect[];
}

/** Files kept per case when no images slot says otherwise. */
const DEFAULT_MAX_FILES = 3;
const MAX_SLOT_TEXT = 1000;
/** Where words given outside a question are kept. */
const NOTES = 'notes';
/** A field (id, amount) is asked at most this many times; then the case goes on without it. */
const FIELD_ATTEMPTS = 3;
/** How sure the classifier must be before a message mid-flow replaces the problem being handled. */
const SWITCH_CONFIDENCE = 0.6;

const ZH_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

/** "4", "4/5", "4 stars!", "⭐⭐⭐⭐", "五星", "5星好评" → 4 / 5; anything else → undefined. */
export function parseRating(folded: string): number | undefined {
  const t = folded.trim();
  if (t.length > 24) return undefined;
  const stars = t.match(/⭐|★/g)?.length ?? 0;
  if (stars >= 1 && stars <= 5 && /^[⭐★\s]+$/.test(t)) return stars;
  const m =
    /^(?:i give |rating:? )?([1-5])\s*(?:\/\s*5|out of 5)?\s*(?:stars?|星|分|颗星)?\b.{0,12}$/i.exec(
      t,
    ) ?? /^([一二两三四五])\s*(?:星|颗星|分)/.exec(t);
  if (!m) return undefined;
  return /\d/.test(m[1]!) ? Number(m[1]) : ZH_DIGIT[m[1]!];
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
export function onTicketClosed(state: Conversation, ticketId: string, now: number): StepResult {
  const attached = state.phase === 'handed_off' ? state.ticketId === ticketId : isResting(state);
  if (!attached)
    return {
      state,
      effects: [{ type: 'reply', message: { text: say.closedNotice(state.lang, ticketId) } }],
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
    effects: [{ type: 'reply', message: { text: say.survey(s.lang, ticketId), choices } }],
  };
}

/**
 * An agent reopened the ticket: a resting user's messages go to it again; a user in the middle of
 * another case keeps that case and is only told (agent replies reach them either way).
 */
export function onTicketReopened(state: Conversation, ticketId: string, now: number): StepResult {
  const notice = { type: 'reply' as const, message: { text: say.reopened(state.lang, ticketId) } };
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

class Turn {
  readonly effects: FlowEffect[] = [];

  constructor(
    public state: Conversation,
    private readonly ctx: FlowContext,
  ) {}

  private get lang(): Lang {
    return this.state.lang;
  }

  private reply(text: string, choices?: Array<[action: string, label: string]>): void {
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

  // ─── inputs ──────────────────────────────────────────────────────────────────────────────────

  command(command: UserCommand, languageCode?: string): void {
    switch (command) {
      case 'start': {
        const hinted = langFromCode(languageCode);
        if (hinted && this.state.langSource !== 'text') {
          this.state.lang = hinted;
          this.state.langSource = 'platform';
        }
        this.reply(say.welcome(this.lang));
        if (this.state.phase === 'handed_off' && this.state.ticketId)
          this.reply(say.handedOff(this.lang, this.state.ticketId));
        return;
      }
      case 'help':
        this.reply(say.help(this.lang));
        return;
      case 'status': {
        const t = this.ctx.ticket;
        this.reply(t ? say.status(this.lang, t.id, t.status, t.assignee) : say.noCase(this.lang));
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
    if (sep < 0 || prompt !== this.state.prompt) {
      this.reply(say.staleButton(this.lang));
      return;
    }
    const phase = this.state.phase;
    if (action === 'cancel') return this.cancel();
    if (phase === 'idle' && action.startsWith('i:')) return this.startIntent(action.slice(2));
    if (phase === 'idle' && action === 'human')
      return this.startCollect('contact_human', say.humanShortcut(this.lang));
    if (phase === 'self_help' && action === 'solved') return this.solved();
    if (phase === 'self_help' && action === 'unsolved')
      return this.startCollect(this.state.intent!, say.startCollect(this.lang));
    if (phase === 'collecting' && (action === 'skip' || action === 'notxid'))
      return this.skipSlot(true);
    if (phase === 'collecting' && action === 'done') return this.advance();
    if (phase === 'confirming' && action === 'confirm') return this.confirm();
    if (phase === 'confirming' && action === 'edit') return this.editMenu();
    if (phase === 'editing' && action.startsWith('e:')) return this.editSlot(action.slice(2));
    if (phase === 'survey_rating' && action.startsWith('r:'))
      return this.rated(Number(action.slice(2)));
    if (phase === 'survey_comment' && action === 'skip') return this.finishSurvey();
    this.reply(say.staleButton(this.lang));
  }

  text(input: Extract<FlowInput, { kind: 'text' }>): void {
    const { text, files } = input;
    this.updateLang(text);
    if (input.sensitive.length) this.reply(say.sensitive(this.lang, input.sensitive));
    if (input.truncated) this.reply(say.truncated(this.lang, input.truncated));
    for (const reason of new Set(input.rejected)) this.reply(say.rejected(this.lang, reason));
    if (!text && files.length === 0) {
      if (input.unsupported) this.reply(say.unsupported(this.lang));
      else if (input.rejected.length === 0) this.menu();
      return;
    }
    const folded = foldText(text);

    switch (this.state.phase) {
      case 'handed_off':
        if (isCancel(folded)) this.reply(say.handedOff(this.lang, this.state.ticketId!));
        else this.effects.push({ type: 'relay', ticketId: this.state.ticketId!, text, files });
        return;
      case 'survey_rating': {
        const n = parseRating(folded);
        if (n) return this.rated(n);
        // A new problem (said clearly) moves on; anything else asks for the rating again.
        if (!this.confidentProblem(text, 0.8)) return this.askRatingAgain();
        this.state = resetCase(this.state);
        break;
      }
      case 'survey_comment':
        if (isSkip(folded)) return this.finishSurvey();
        if (this.confidentProblem(text, 0.8)) {
          this.finishSurvey(undefined, false);
          return this.newProblem(text, files);
        }
        return this.finishSurvey(text.slice(0, MAX_SLOT_TEXT));
    }

    if (isCancel(folded)) return this.cancel();

    switch (this.state.phase) {
      case 'self_help': {
        if (isYes(folded)) return this.solved();
        if (isNo(folded)) return this.startCollect(this.state.intent!, say.startCollect(this.lang));
        const c = this.ctx.classifier.classify(text, this.lang);
        // "I need an agent" keeps the case (and the words) the user already described.
        if (isHuman(folded) || c.intent === 'contact_human')
          return this.startCollect(this.state.intent!, say.humanShortcut(this.lang));
        this.addFiles(files);
        // Another problem, said clearly, replaces this one; anything else asks again.
        if (
          this.ctx.catalog.problem(c.intent) &&
          c.intent !== this.state.intent &&
          c.confidence >= SWITCH_CONFIDENCE
        )
          return this.newProblem(text, []);
        return this.reply(say.didItHelp(this.lang), this.selfHelpChoices());
      }
      case 'collecting':
        return this.answerSlot(text, folded, files);
      case 'confirming':
        if (isConfirm(folded)) return this.confirm();
        if (isEdit(folded)) return this.editMenu();
        this.addFiles(files);
        this.addNote(text);
        return this.summary(say.noted(this.lang));
      case 'editing':
        if (this.addFiles(files)) this.reply(say.fileKept(this.lang));
        return this.editMenu();
      default:
        return this.newProblem(text, files);
    }
  }

  // ─── steps ───────────────────────────────────────────────────────────────────────────────────

  private updateLang(text: string): void {
    const detected = detectLang(text);
    if (!detected) return;
    const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
    const words = text.replace(/\b[a-z]*\d[a-z0-9-]*\b/gi, ' ').match(/[a-z]{2,}/gi)?.length ?? 0;
    const strong = detected === 'zh' ? cjk >= 2 : words >= 3;
    if (this.state.langSource !== 'text' || strong) {
      this.state.lang = detected;
      this.state.langSource = 'text';
    }
  }

  private cancel(): void {
    if (this.state.phase === 'handed_off' && this.state.ticketId) {
      this.reply(say.handedOff(this.lang, this.state.ticketId));
      return;
    }
    this.state = resetCase(this.state);
    this.reply(say.cancelled(this.lang));
  }

  private menu(): void {
    const choices: Array<[string, string]> = [...this.ctx.catalog.problems.values()]
      .filter((p) => p.id !== 'contact_human')
      .map((p) => [`i:${p.id}`, p.label[this.lang]]);
    choices.push(['human', label(this.lang, 'human')]);
    this.reply(say.menu(this.lang), choices);
  }

  private newProblem(text: string, files: EvidenceFile[]): void {
    this.addFiles(files);
    if (!text) {
      this.reply(say.askDescribe(this.lang));
      return;
    }
    const folded = foldText(text);
    if (isHuman(folded))
      return this.startCollect('contact_human', say.humanShortcut(this.lang), text);
    const c = this.ctx.classifier.classify(text, this.lang);
    const problem = this.ctx.catalog.problem(c.intent);
    if (problem) {
      if (this.state.intent && this.state.intent !== problem.id) {
        // A different problem: details collected for the old one do not carry over.
        this.state.values = {};
        this.state.unverified = [];
        this.state.skipped = [];
      }
      if (problem.id === 'contact_human')
        return this.startCollect(problem.id, say.humanShortcut(this.lang), text);
      return this.startIntent(problem.id, text);
    }
    const small = this.ctx.catalog.smalltalk.get(c.intent);
    if (small) {
      this.reply(small.reply[this.lang]);
      return;
    }
    this.state.userWords = text.slice(0, MAX_SLOT_TEXT);
    this.menu();
  }

  private confidentProblem(text: string, min = SWITCH_CONFIDENCE): boolean {
    const c = this.ctx.classifier.classify(text, this.lang);
    return !!this.ctx.catalog.problem(c.intent) && c.confidence >= min;
  }

  private askRatingAgain(): void {
    const choices: Array<[string, string]> = [1, 2, 3, 4, 5].map((n) => [`r:${n}`, '⭐'.repeat(n)]);
    this.reply(say.survey(this.lang, this.state.ticketId ?? ''), choices);
  }

  private selfHelpChoices(): Array<[string, string]> {
    return [
      ['solved', label(this.lang, 'solved')],
      ['unsolved', label(this.lang, 'notSolved')],
    ];
  }

  private startIntent(intent: string, text?: string): void {
    const spec = this.ctx.catalog.problem(intent);
    if (!spec) return this.menu();
    this.state.intent = intent;
    if (text) this.state.userWords = text.slice(0, MAX_SLOT_TEXT);
    this.prefill(spec, this.state.userWords ?? '');
    const steps = spec.self_help[this.lang];
    if (intent === 'contact_human' || steps.length === 0)
      return this.startCollect(intent, say.humanShortcut(this.lang));
    this.state.phase = 'self_help';
    this.reply(say.selfHelp(this.lang, spec.label[this.lang], steps), this.selfHelpChoices());
  }

  /** Users never repeat themselves: ids, amounts and dates in their first words fill slots. */
  private prefill(spec: ProblemIntentSpec, text: string): void {
    if (!text) return;
    for (const slot of spec.collect) {
      if (this.state.values[slot.slot]) continue;
      if (slot.type === 'transaction_id') {
        const id = findTransactionIds(text, this.ctx.txid)[0];
        if (id) this.state.values[slot.slot] = id;
      } else if (slot.type === 'amount') {
        const a = findAmount(text);
        if (a) this.state.values[slot.slot] = formatAmount(a.value, a.currency);
      } else if (slot.type === 'date') {
        const d = findDate(text, this.ctx.now);
        if (d) this.state.values[slot.slot] = d.iso;
      }
    }
  }

  private solved(): void {
    this.state = resetCase(this.state);
    this.reply(say.solvedBye(this.lang));
  }

  private startCollect(intent: string, intro: string, text?: string): void {
    const spec = this.ctx.catalog.problem(intent);
    if (!spec) return this.menu();
    this.state.intent = intent;
    if (text) this.state.userWords = text.slice(0, MAX_SLOT_TEXT);
    this.prefill(spec, this.state.userWords ?? '');
    this.state.phase = 'collecting';
    this.state.slot = -1;
    this.reply(intro);
    this.advance();
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
  private advance(): void {
    const spec = this.spec()!;
    this.state.misses = 0;
    if (this.state.editing) {
      this.state.editing = false;
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

  private ask(slot: SlotSpec): void {
    const l = this.lang;
    const skip: Array<[string, string]> = slot.optional ? [['skip', label(l, 'skip')]] : [];
    const custom = slot.prompt?.[l];
    switch (slot.type) {
      case 'transaction_id':
        return this.reply(
          custom ?? say.askTxid(l, this.ctx.txid.example),
          slot.optional ? skip : [['notxid', label(l, 'noTxid')]],
        );
      case 'amount':
        return this.reply(custom ?? say.askAmount(l), skip);
      case 'date':
        return this.reply(custom ?? say.askDate(l), skip);
      case 'text':
        return this.reply(custom!, skip);
      case 'images':
        return this.reply(custom ?? say.askImages(l, slot.max ?? DEFAULT_MAX_FILES), [
          ['done', label(l, 'done')],
          ['skip', label(l, 'skip')],
        ]);
    }
  }

  private maxFiles(): number {
    return this.spec()?.collect.find((s) => s.type === 'images')?.max ?? DEFAULT_MAX_FILES;
  }

  /** Keeps new files up to the limit; answers how many were kept. */
  private addFiles(files: EvidenceFile[]): number {
    let added = 0;
    for (const f of files) {
      if (this.state.files.length >= this.maxFiles()) break;
      if (this.state.files.some((e) => e.sha256 === f.sha256)) continue;
      this.state.files.push(f);
      added++;
    }
    return added;
  }

  private skipSlot(explicit: boolean): void {
    const slot = this.slotSpec();
    if (!slot) return this.advance();
    if (slot.optional || slot.type === 'images') {
      if (!this.state.skipped.includes(slot.slot)) this.state.skipped.push(slot.slot);
    } else if (explicit) {
      // A required id the user does not have: the case goes on, marked for the agent to look up.
      this.state.values[slot.slot] = say.notProvided(this.lang);
      if (!this.state.unverified.includes(slot.slot)) this.state.unverified.push(slot.slot);
    }
    this.advance();
  }

  private answerSlot(text: string, folded: string, files: EvidenceFile[]): void {
    const slot = this.slotSpec();
    if (!slot) return this.advance();
    if (files.length) {
      const before = this.state.files.length;
      this.addFiles(files);
      if (slot.type === 'images') {
        const max = slot.max ?? DEFAULT_MAX_FILES;
        if (this.state.files.length >= max) {
          this.reply(say.imagesFull(this.lang, max));
          return this.advance();
        }
        if (this.state.files.length > before)
          this.reply(say.imageReceived(this.lang, this.state.files.length, max), [
            ['done', label(this.lang, 'done')],
          ]);
        if (!text) return;
      } else if (this.state.files.length > before) this.reply(say.fileKept(this.lang));
      if (!text) return;
    }
    if (slot.type !== 'text' && isHuman(folded)) {
      this.reply(say.humanAlready(this.lang));
      return this.ask(slot);
    }
    if (slot.type === 'images') {
      if (isDone(folded)) return this.advance();
      if (isSkip(folded)) return this.skipSlot(true);
      // Words instead of a screenshot are still part of the case: keep them for the agent.
      this.addNote(text);
      this.reply(say.noted(this.lang));
      return this.reply(say.imageWanted(this.lang), [
        ['done', label(this.lang, 'done')],
        ['skip', label(this.lang, 'skip')],
      ]);
    }
    if (isSkip(folded) && (slot.optional || slot.type === 'transaction_id'))
      return this.skipSlot(true);

    switch (slot.type) {
      case 'transaction_id': {
        const id = findTransactionIds(text, this.ctx.txid)[0];
        if (id) {
          this.state.values[slot.slot] = id;
          this.state.unverified = this.state.unverified.filter((u) => u !== slot.slot);
          return this.advance();
        }
        this.state.misses += 1;
        if (this.state.misses >= FIELD_ATTEMPTS) {
          this.state.values[slot.slot] = text.slice(0, 64);
          if (!this.state.unverified.includes(slot.slot)) this.state.unverified.push(slot.slot);
          this.reply(say.txidGiveUp(this.lang));
          return this.advance();
        }
        return this.reply(say.badTxid(this.lang, this.ctx.txid.example, this.state.misses + 1), [
          ['notxid', label(this.lang, 'noTxid')],
        ]);
      }
      case 'amount': {
        const a = findAmount(text, { bare: true });
        if (a) {
          this.state.values[slot.slot] = formatAmount(a.value, a.currency);
          return this.advance();
        }
        this.state.misses += 1;
        if (this.state.misses >= FIELD_ATTEMPTS) {
          this.state.values[slot.slot] = text.slice(0, 64);
          this.state.unverified.push(slot.slot);
          return this.advance();
        }
        return this.reply(
          say.badAmount(this.lang),
          slot.optional ? [['skip', label(this.lang, 'skip')]] : [],
        );
      }
      case 'date':
        this.state.values[slot.slot] = findDate(text, this.ctx.now)?.iso ?? text.slice(0, 100);
        return this.advance();
      case 'text':
        this.state.values[slot.slot] = text.slice(0, MAX_SLOT_TEXT);
        return this.advance();
    }
  }

  private summaryLines(): Array<[string, string]> {
    const spec = this.spec()!;
    const l = this.lang;
    const lines: Array<[string, string]> = [];
    for (const slot of spec.collect) {
      const name = slotLabel(l, slot.slot);
      if (slot.type === 'images') {
        lines.push([
          name,
          this.state.files.length ? say.files(l, this.state.files.length) : say.notProvided(l),
        ]);
        continue;
      }
      const v = this.state.values[slot.slot];
      const mark = this.state.unverified.includes(slot.slot) ? ` (${say.unverified(l)})` : '';
      lines.push([name, v !== undefined ? `${v}${mark}` : say.notProvided(l)]);
    }
    if (this.state.values[NOTES]) lines.push([slotLabel(l, NOTES), this.state.values[NOTES]]);
    return lines;
  }

  /** Extra words the user gave outside a question: kept on the case for the agent. */
  private addNote(text: string): void {
    const before = this.state.values[NOTES];
    this.state.values[NOTES] = (before ? `${before}\n${text}` : text).slice(0, MAX_SLOT_TEXT * 2);
  }

  private summary(prefix?: string): void {
    const spec = this.spec()!;
    this.state.phase = 'confirming';
    this.state.pendingTicketId ??= this.ctx.newTicketId();
    const text = say.summary(this.lang, spec.label[this.lang], this.summaryLines());
    this.reply(prefix ? `${prefix}\n\n${text}` : text, [
      ['confirm', label(this.lang, 'confirm')],
      ['edit', label(this.lang, 'edit')],
      ['cancel', label(this.lang, 'cancel')],
    ]);
  }

  private editMenu(): void {
    const spec = this.spec()!;
    this.state.phase = 'editing';
    const choices: Array<[string, string]> = spec.collect.map((slot) => [
      `e:${slot.slot}`,
      slotLabel(this.lang, slot.slot),
    ]);
    choices.push(['cancel', label(this.lang, 'cancel')]);
    this.reply(say.editWhich(this.lang), choices);
  }

  private editSlot(name: string): void {
    const spec = this.spec()!;
    const index = spec.collect.findIndex((s) => s.slot === name);
    if (index < 0) return this.editMenu();
    const slot = spec.collect[index]!;
    delete this.state.values[name];
    this.state.skipped = this.state.skipped.filter((x) => x !== name);
    this.state.unverified = this.state.unverified.filter((x) => x !== name);
    if (slot.type === 'images') this.state.files = [];
    this.state.phase = 'collecting';
    this.state.slot = index;
    this.state.editing = true;
    this.state.misses = 0;
    this.ask(slot);
  }

  private confirm(): void {
    const spec = this.spec()!;
    const id = this.state.pendingTicketId ?? this.ctx.newTicketId();
    const fields: Record<string, string> = {};
    for (const slot of spec.collect) {
      const v = this.state.values[slot.slot];
      if (v !== undefined) fields[slot.slot] = v;
    }
    if (this.state.values[NOTES]) fields[NOTES] = this.state.values[NOTES];
    const draft: TicketDraft = {
      id,
      priority: spec.priority,
      intent: spec.id,
      lang: this.lang,
      user: this.ctx.user,
      userAddress: this.ctx.address,
      fields,
      unverified: [...this.state.unverified],
      evidence: [...this.state.files],
      userWords: this.state.userWords ?? spec.label[this.lang],
    };
    this.effects.push({ type: 'open_ticket', draft });
    this.state = resetCase(this.state);
    this.state.phase = 'handed_off';
    this.state.ticketId = id;
    this.reply(say.ticketCreated(this.lang, id, spec.priority));
  }

  private rated(n: number): void {
    if (!(n >= 1 && n <= 5)) return this.reply(say.staleButton(this.lang));
    this.state.rating = n;
    this.state.phase = 'survey_comment';
    this.reply(say.surveyComment(this.lang), [['skip', label(this.lang, 'skip')]]);
  }

  private finishSurvey(comment?: string, thank = true): void {
    if (this.state.ticketId && this.state.rating) {
      this.effects.push({
        type: 'rate',
        ticketId: this.state.ticketId,
        rating: this.state.rating,
        ...(comment ? { comment } : {}),
      });
    }
    this.state = resetCase(this.state);
    if (thank) this.reply(say.surveyThanks(this.lang));
  }
}

export function formatAmount(value: number, currency?: string): string {
  const n = Number.isInteger(value) ? String(value) : String(Math.round(value * 1e8) / 1e8);
  return currency ? `${n} ${currency}` : n;
}
