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
const TXID_ATTEMPTS = 3;
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
  turn.s.updatedAt = ctx.now;
  return { state: turn.s, effects: turn.effects };
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
    public s: Conversation,
    private readonly ctx: FlowContext,
  ) {}

  private get lang(): Lang {
    return this.s.lang;
  }

  private reply(text: string, choices?: Array<[action: string, label: string]>): void {
    const message: OutboundMessage = { text };
    if (choices?.length) {
      this.s.prompt += 1;
      message.choices = choices.map(([action, l]): Choice => ({
        id: `${this.s.prompt}:${action}`,
        label: l,
      }));
    }
    this.effects.push({ type: 'reply', message });
  }

  private spec(): ProblemIntentSpec | undefined {
    return this.s.intent ? this.ctx.catalog.problem(this.s.intent) : undefined;
  }

  // ─── inputs ──────────────────────────────────────────────────────────────────────────────────

  command(command: UserCommand, languageCode?: string): void {
    switch (command) {
      case 'start': {
        const hinted = langFromCode(languageCode);
        if (hinted && this.s.langSource !== 'text') {
          this.s.lang = hinted;
          this.s.langSource = 'platform';
        }
        this.reply(say.welcome(this.lang));
        if (this.s.phase === 'handed_off' && this.s.ticketId)
          this.reply(say.handedOff(this.lang, this.s.ticketId));
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
    if (sep < 0 || prompt !== this.s.prompt) {
      this.reply(say.staleButton(this.lang));
      return;
    }
    const phase = this.s.phase;
    if (action === 'cancel') return this.cancel();
    if (phase === 'idle' && action.startsWith('i:')) return this.startIntent(action.slice(2));
    if (phase === 'idle' && action === 'human')
      return this.startCollect('contact_human', say.humanShortcut(this.lang));
    if (phase === 'self_help' && action === 'solved') return this.solved();
    if (phase === 'self_help' && action === 'unsolved')
      return this.startCollect(this.s.intent!, say.startCollect(this.lang));
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

    switch (this.s.phase) {
      case 'handed_off':
        if (isCancel(folded)) this.reply(say.handedOff(this.lang, this.s.ticketId!));
        else this.effects.push({ type: 'relay', ticketId: this.s.ticketId!, text, files });
        return;
      case 'survey_rating': {
        const n = parseRating(folded);
        if (n) return this.rated(n);
        // A new problem (said clearly) moves on; anything else asks for the rating again.
        if (!this.confidentProblem(text, 0.8)) return this.askRatingAgain();
        this.s = resetCase(this.s);
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

    switch (this.s.phase) {
      case 'self_help': {
        if (isYes(folded)) return this.solved();
        if (isNo(folded)) return this.startCollect(this.s.intent!, say.startCollect(this.lang));
        const c = this.ctx.classifier.classify(text, this.lang);
        // "I need an agent" keeps the case (and the words) the user already described.
        if (isHuman(folded) || c.intent === 'contact_human')
          return this.startCollect(this.s.intent!, say.humanShortcut(this.lang));
        this.addFiles(files);
        // Another problem, said clearly, replaces this one; anything else asks again.
        if (
          this.ctx.catalog.problem(c.intent) &&
          c.intent !== this.s.intent &&
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
    if (this.s.langSource !== 'text' || strong) {
      this.s.lang = detected;
      this.s.langSource = 'text';
    }
  }

  private cancel(): void {
    if (this.s.phase === 'handed_off' && this.s.ticketId) {
      this.reply(say.handedOff(this.lang, this.s.ticketId));
      return;
    }
    this.s = resetCase(this.s);
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
      if (this.s.intent && this.s.intent !== problem.id) {
        // A different problem: details collected for the old one do not carry over.
        this.s.values = {};
        this.s.unverified = [];
        this.s.skipped = [];
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
    this.s.userWords = text.slice(0, MAX_SLOT_TEXT);
    this.menu();
  }

  private confidentProblem(text: string, min = SWITCH_CONFIDENCE): boolean {
    const c = this.ctx.classifier.classify(text, this.lang);
    return !!this.ctx.catalog.problem(c.intent) && c.confidence >= min;
  }

  private askRatingAgain(): void {
    const choices: Array<[string, string]> = [1, 2, 3, 4, 5].map((n) => [`r:${n}`, '⭐'.repeat(n)]);
    this.reply(say.survey(this.lang, this.s.ticketId ?? ''), choices);
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
    this.s.intent = intent;
    if (text) this.s.userWords = text.slice(0, MAX_SLOT_TEXT);
    this.prefill(spec, this.s.userWords ?? '');
    const steps = spec.self_help[this.lang];
    if (intent === 'contact_human' || steps.length === 0)
      return this.startCollect(intent, say.humanShortcut(this.lang));
    this.s.phase = 'self_help';
    this.reply(say.selfHelp(this.lang, spec.label[this.lang], steps), this.selfHelpChoices());
  }

  /** Users never repeat themselves: ids, amounts and dates in their first words fill slots. */
  private prefill(spec: ProblemIntentSpec, text: string): void {
    if (!text) return;
    for (const slot of spec.collect) {
      if (this.s.values[slot.slot]) continue;
      if (slot.type === 'transaction_id') {
        const id = findTransactionIds(text, this.ctx.txid)[0];
        if (id) this.s.values[slot.slot] = id;
      } else if (slot.type === 'amount') {
        const a = findAmount(text);
        if (a) this.s.values[slot.slot] = formatAmount(a.value, a.currency);
      } else if (slot.type === 'date') {
        const d = findDate(text, this.ctx.now);
        if (d) this.s.values[slot.slot] = d.iso;
      }
    }
  }

  private solved(): void {
    this.s = resetCase(this.s);
    this.reply(say.solvedBye(this.lang));
  }

  private startCollect(intent: string, intro: string, text?: string): void {
    const spec = this.ctx.catalog.problem(intent);
    if (!spec) return this.menu();
    this.s.intent = intent;
    if (text) this.s.userWords = text.slice(0, MAX_SLOT_TEXT);
    this.prefill(spec, this.s.userWords ?? '');
    this.s.phase = 'collecting';
    this.s.slot = -1;
    this.reply(intro);
    this.advance();
  }

  private slotSpec(): SlotSpec | undefined {
    const i = this.s.slot;
    return i === undefined || i < 0 ? undefined : this.spec()?.collect[i];
  }

  private isFilled(slot: SlotSpec): boolean {
    if (slot.type === 'images')
      return this.s.files.length > 0 || this.s.skipped.includes(slot.slot);
    return this.s.values[slot.slot] !== undefined || this.s.skipped.includes(slot.slot);
  }

  /** The next unanswered slot, or the summary (straight back to it after an edit). */
  private advance(): void {
    const spec = this.spec()!;
    this.s.misses = 0;
    if (this.s.editing) {
      this.s.editing = false;
      return this.summary();
    }
    for (let i = (this.s.slot ?? -1) + 1; i < spec.collect.length; i++) {
      const slot = spec.collect[i]!;
      if (this.isFilled(slot)) continue;
      this.s.slot = i;
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
      if (this.s.files.length >= this.maxFiles()) break;
      if (this.s.files.some((e) => e.sha256 === f.sha256)) continue;
      this.s.files.push(f);
      added++;
    }
    return added;
  }

  private skipSlot(explicit: boolean): void {
    const slot = this.slotSpec();
    if (!slot) return this.advance();
    if (slot.optional || slot.type === 'images') {
      if (!this.s.skipped.includes(slot.slot)) this.s.skipped.push(slot.slot);
    } else if (explicit) {
      // A required id the user does not have: the case goes on, marked for the agent to look up.
      this.s.values[slot.slot] = say.notProvided(this.lang);
      if (!this.s.unverified.includes(slot.slot)) this.s.unverified.push(slot.slot);
    }
    this.advance();
  }

  private answerSlot(text: string, folded: string, files: EvidenceFile[]): void {
    const slot = this.slotSpec();
    if (!slot) return this.advance();
    if (files.length) {
      const before = this.s.files.length;
      this.addFiles(files);
      if (slot.type === 'images') {
        const max = slot.max ?? DEFAULT_MAX_FILES;
        if (this.s.files.length >= max) {
          this.reply(say.imagesFull(this.lang, max));
          return this.advance();
        }
        if (this.s.files.length > before)
          this.reply(say.imageReceived(this.lang, this.s.files.length, max), [
            ['done', label(this.lang, 'done')],
          ]);
        if (!text) return;
      } else if (this.s.files.length > before) this.reply(say.fileKept(this.lang));
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
          this.s.values[slot.slot] = id;
          this.s.unverified = this.s.unverified.filter((u) => u !== slot.slot);
          return this.advance();
        }
        this.s.misses += 1;
        if (this.s.misses >= TXID_ATTEMPTS) {
          this.s.values[slot.slot] = text.slice(0, 64);
          if (!this.s.unverified.includes(slot.slot)) this.s.unverified.push(slot.slot);
          this.reply(say.txidGiveUp(this.lang));
          return this.advance();
        }
        return this.reply(say.badTxid(this.lang, this.ctx.txid.example, this.s.misses + 1), [
          ['notxid', label(this.lang, 'noTxid')],
        ]);
      }
      case 'amount': {
        const a = findAmount(text, { bare: true });
        if (a) {
          this.s.values[slot.slot] = formatAmount(a.value, a.currency);
          return this.advance();
        }
        this.s.misses += 1;
        if (this.s.misses >= TXID_ATTEMPTS) {
          this.s.values[slot.slot] = text.slice(0, 64);
          this.s.unverified.push(slot.slot);
          return this.advance();
        }
        return this.reply(
          say.badAmount(this.lang),
          slot.optional ? [['skip', label(this.lang, 'skip')]] : [],
        );
      }
      case 'date':
        this.s.values[slot.slot] = findDate(text, this.ctx.now)?.iso ?? text.slice(0, 100);
        return this.advance();
      case 'text':
        this.s.values[slot.slot] = text.slice(0, MAX_SLOT_TEXT);
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
          this.s.files.length ? say.files(l, this.s.files.length) : say.notProvided(l),
        ]);
        continue;
      }
      const v = this.s.values[slot.slot];
      const mark = this.s.unverified.includes(slot.slot) ? ` (${say.unverified(l)})` : '';
      lines.push([name, v !== undefined ? `${v}${mark}` : say.notProvided(l)]);
    }
    if (this.s.values[NOTES]) lines.push([slotLabel(l, NOTES), this.s.values[NOTES]]);
    return lines;
  }

  /** Extra words the user gave outside a question: kept on the case for the agent. */
  private addNote(text: string): void {
    const before = this.s.values[NOTES];
    this.s.values[NOTES] = (before ? `${before}\n${text}` : text).slice(0, MAX_SLOT_TEXT * 2);
  }

  private summary(prefix?: string): void {
    const spec = this.spec()!;
    this.s.phase = 'confirming';
    this.s.pendingTicketId ??= this.ctx.newTicketId();
    const text = say.summary(this.lang, spec.label[this.lang], this.summaryLines());
    this.reply(prefix ? `${prefix}\n\n${text}` : text, [
      ['confirm', label(this.lang, 'confirm')],
      ['edit', label(this.lang, 'edit')],
      ['cancel', label(this.lang, 'cancel')],
    ]);
  }

  private editMenu(): void {
    const spec = this.spec()!;
    this.s.phase = 'editing';
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
    delete this.s.values[name];
    this.s.skipped = this.s.skipped.filter((x) => x !== name);
    this.s.unverified = this.s.unverified.filter((x) => x !== name);
    if (slot.type === 'images') this.s.files = [];
    this.s.phase = 'collecting';
    this.s.slot = index;
    this.s.editing = true;
    this.s.misses = 0;
    this.ask(slot);
  }

  private confirm(): void {
    const spec = this.spec()!;
    const id = this.s.pendingTicketId ?? this.ctx.newTicketId();
    const fields: Record<string, string> = {};
    for (const slot of spec.collect) {
      const v = this.s.values[slot.slot];
      if (v !== undefined) fields[slot.slot] = v;
    }
    if (this.s.values[NOTES]) fields[NOTES] = this.s.values[NOTES];
    const draft: TicketDraft = {
      id,
      priority: spec.priority,
      intent: spec.id,
      lang: this.lang,
      user: this.ctx.user,
      userAddress: this.ctx.address,
      fields,
      unverified: [...this.s.unverified],
      evidence: [...this.s.files],
      userWords: this.s.userWords ?? spec.label[this.lang],
    };
    this.effects.push({ type: 'open_ticket', draft });
    this.s = resetCase(this.s);
    this.s.phase = 'handed_off';
    this.s.ticketId = id;
    this.reply(say.ticketCreated(this.lang, id, spec.priority));
  }

  private rated(n: number): void {
    if (!(n >= 1 && n <= 5)) return this.reply(say.staleButton(this.lang));
    this.s.rating = n;
    this.s.phase = 'survey_comment';
    this.reply(say.surveyComment(this.lang), [['skip', label(this.lang, 'skip')]]);
  }

  private finishSurvey(comment?: string, thank = true): void {
    if (this.s.ticketId && this.s.rating) {
      this.effects.push({
        type: 'rate',
        ticketId: this.s.ticketId,
        rating: this.s.rating,
        ...(comment ? { comment } : {}),
      });
    }
    this.s = resetCase(this.s);
    if (thank) this.reply(say.surveyThanks(this.lang));
  }
}

export function formatAmount(value: number, currency?: string): string {
  const n = Number.isInteger(value) ? String(value) : String(Math.round(value * 1e8) / 1e8);
  return currency ? `${n} ${currency}` : n;
}
