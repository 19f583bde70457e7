/**
 * One step of the conversation in the making: the state being changed, the effects so far, and
 * what every rule uses (texts in the user's language and script, the classifier read once per
 * text, counted questions, words kept for the agent). The rules themselves live by job next to
 * it: problems.ts, self-help.ts, collect.ts, summary.ts, survey.ts, security.ts; step.ts holds
 * the transition table that calls them.
 */
import type { EvidenceFile } from '../evidence.ts';
import type { ProblemIntentSpec } from '../intents.ts';
import type { Classification } from '../nlu/classifier.ts';
import { detectLang, foldText } from '../nlu/text.ts';
import { detectScript } from '../script.ts';
import { isTraditional, localeOf, type Locale } from '../texts.ts';
import type { Choice, Lang, OutboundMessage, Priority } from '../types.ts';
import { resetCase, type Conversation } from './state.ts';
import type { FlowContext, FlowEffect } from './types.ts';
import {
  CARD_SWIPED_BY_OTHERS,
  CHARGED_NOT_CREDITED,
  codeNotReceived,
  DOUBLE_CHARGE,
  isAngry,
  NOT_MINE,
} from './understand.ts';
import { displayAmount } from '../nlu/amounts.ts';

/** Files kept per case when no images slot says otherwise. */
export const DEFAULT_MAX_FILES = 3;
/**
 * The longest answer or comment kept in one field (notes and words: twice this): a whole message
 * (the longest a user's message is kept, 4000 characters). The card shows a field shortened and
 * posts it in full under itself; an answer of 1000 characters had been cut and the rest lost
 * (the platform review: a 3000-character story reached the desk as its first third).
 */
export const MAX_SLOT_TEXT = 4000;
/** Where words given outside a question are kept. */
export const NOTES = 'notes';
export const WALLET_ADDRESS = 'wallet_address';
/** No question is asked more than this many times; then the conversation moves on. */
/** How long after its survey a case opens again when the user says it is still not solved. */
export const REOPEN_BY_USER_MS = 3 * 24 * 3_600_000;

export const MAX_ASKS = 2;
export const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
export const maxPriority = (a: Priority, b: Priority | undefined): Priority =>
  b && PRIORITY_RANK[b] > PRIORITY_RANK[a] ? b : a;

/** What the model may read a double charge as (a charge not recognised, a payment gone wrong). */
const DOUBLE_CHARGED_AS: ReadonlySet<string> = new Set([
  'unknown_transaction',
  'payment_failed',
  'refund',
  'out_of_scope',
]);

/** What money taken but not credited is (CHARGED_NOT_CREDITED), the first when the model is silent. */
const NOT_ARRIVED_AS: readonly string[] = ['transfer_delayed', 'payment_failed'];

/** Phases before any case's details are asked for: a pasted secret there opens the security case. */
export const BEFORE_A_CASE: ReadonlySet<Conversation['phase']> = new Set([
  'idle',
  'self_help',
  'clarifying',
  'switching',
]);

export class Turn {
  readonly effects: FlowEffect[] = [];

  /** This message held a recovery phrase or key (masked): warned, flagged, never a switch. */
  leaked = false;
  /**
   * This message's phrase came in parts, the earlier ones let through (list words alone, too few
   * to tell) since then: masked on the conversation, and on the case (TicketRaise.partsSince).
   */
  phrasePartsSince: number | undefined;

  /**
   * This turn showed the protective steps, whose list already says that staff answer only here
   * and never ask for secrets: the case-created message does not say it a second time.
   */
  protectiveShown = false;

  /** This turn said sorry for the stress (calmIfAngry): the next line does not say sorry again. */
  calmedNow = false;

  /** This message threatens our staff (threats.ts): what it opens or relays is flagged. */
  threatened = false;

  constructor(
    public state: Conversation,
    readonly ctx: FlowContext,
  ) {}

  get lang(): Lang {
    return this.state.lang;
  }

  get locale(): Locale {
    return localeOf(this.state.lang, this.state.script);
  }

  /**
   * The zone of the user's own "yesterday evening" and "10 am": China, Taiwan and Hong Kong keep
   * UTC+8 all year, so a Chinese-writing user's day is theirs, not the desk's (SERVICE_TZ, UTC
   * unless set: at 00:25 in Taipei, "昨天晚上" had been read as two days before); an English
   * writer's is the desk's.
   */
  get zone(): string {
    if (this.state.lang !== 'zh') return this.ctx.clock.timeZone;
    return this.state.script === 'HK'
      ? 'Asia/Hong_Kong'
      : this.state.script === 'Hant'
        ? 'Asia/Taipei'
        : 'Asia/Shanghai';
  }

  /** A text in the user's language and script. */
  t(key: string, vars?: Record<string, string | number>): string {
    return this.ctx.texts.get(this.locale, key, vars);
  }

  private readonly classified = new Map<string, Classification>();

  /** The classifier's reading of `text`, once per turn (several rules ask about the same words). */
  classify(text: string): Classification {
    const key = `${this.lang}\u0000${text}`;
    let c = this.classified.get(key);
    if (!c) {
      c = this.ctx.classifier.classify(text, this.lang);
      // "charged twice for the same order": a refund of the double charge, not a payment the
      // user does not recognise (unless they say it is not theirs) — said plainly, so not a
      // guess to confirm whatever the model's probability.
      if (DOUBLE_CHARGED_AS.has(c.intent) && this.ctx.catalog.problem('refund')) {
        const folded = foldText(text);
        // (The clause reading stays the model's: "paid for my order twice, both said failed" is
        // one failed payment, not also a refund.)
        if (DOUBLE_CHARGE.test(folded) && !NOT_MINE.test(folded))
          c = { ...c, intent: 'refund', confidence: Math.max(c.confidence, 0.9) };
        // Taken but not credited: their own money that did not arrive (or a top-up that failed,
        // when the model ranks that higher), not a charge they do not recognise — nor outside
        // what the bot helps with ("i topped up 100 usd with my visa card, money left my card
        // but wallet balance didnt change" was out of scope as a whole, unrecognised in part).
        else if (
          // (Whatever the model made of it, but a refund asked for.)
          c.intent !== 'refund' &&
          CHARGED_NOT_CREDITED.test(folded) &&
          !NOT_MINE.test(folded)
        ) {
          const intent =
            c.ranking.find((r) => NOT_ARRIVED_AS.includes(r.intent))?.intent ?? NOT_ARRIVED_AS[0]!;
          // Said plainly: the reading of the message and of its clauses (`best`) alike.
          if (this.ctx.catalog.problem(intent))
            c = {
              ...c,
              intent,
              confidence: Math.max(c.confidence, 0.9),
              best: { intent, p: Math.max(c.best.p, 0.9) },
            };
        }
      }
      // "我張卡俾人碌咗幾次": a card swiped by someone else, said plainly — a charge the user does
      // not recognise, as sure as its Mandarin and English words (the model: 0.57).
      const unknown = 'unknown_transaction';
      if (
        (c.intent !== unknown || c.confidence < 0.9) &&
        this.ctx.catalog.problem(unknown) &&
        CARD_SWIPED_BY_OTHERS.test(foldText(text))
      )
        c = {
          ...c,
          intent: unknown,
          confidence: Math.max(c.intent === unknown ? c.confidence : 0, 0.9),
          best: { intent: unknown, p: Math.max(c.best.intent === unknown ? c.best.p : 0, 0.9) },
        };
      // "my grandson set up this wallet and now it asks a code i dont get", "一直收不到验证码": a
      // code that does not come, no word of logging in — the verification code's problem (the
      // model read the first as a login problem at 0.98). Not over a problem read otherwise.
      const verification = 'verification_problem';
      if (
        (c.intent === 'login_problem' || c.confidence < 0.7) &&
        c.intent !== verification &&
        this.ctx.catalog.problem(verification) &&
        codeNotReceived(foldText(text))
      )
        c = {
          ...c,
          intent: verification,
          confidence: 0.9,
          best: { intent: verification, p: 0.9 },
        };
      this.classified.set(key, c);
    }
    return c;
  }

  /** An amount kept on the case ("1280 TWD") as this user reads it ("NT$1,280", "3,000 元"). */
  amount(kept: string): string {
    return displayAmount(kept, { yuan: this.locale === 'zh-Hans', english: this.lang === 'en' });
  }

  /** A slot's kept value as the user reads it: an amount as `amount()` shows it, else as kept. */
  shown(slot: { type: string } | undefined, kept: string): string {
    return slot?.type === 'amount' ? this.amount(kept) : kept;
  }

  /** Data written in en / zh (intents): Traditional for a Traditional-Chinese user. */
  local(text: string): string {
    return isTraditional(this.locale)
      ? this.ctx.traditional.convert(text, this.locale === 'zh-HK')
      : text;
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

  spec(): ProblemIntentSpec | undefined {
    return this.state.intent ? this.ctx.catalog.problem(this.state.intent) : undefined;
  }

  intentLabel(id: string): string {
    const spec = this.ctx.catalog.problem(id);
    return spec ? this.local(spec.label[this.lang]) : id;
  }

  /** Words beyond a bare yes / no ("no, still says processing") are details for the agent. */
  keepWordsIfDetail(text: string): void {
    if (text.replace(/[\s\p{P}]/gu, '').length >= 12) this.keepWords(text);
  }

  /** True the first time `key` is asked about in a case, false after (counted like mayAsk). */
  firstTime(key: string): boolean {
    return !this.state.asked?.[key] && this.mayAsk(key);
  }

  /** Counts one more asking of `key`; false when it was already asked MAX_ASKS times. */
  mayAsk(key: string): boolean {
    const asked = (this.state.asked ??= {});
    if ((asked[key] ?? 0) >= MAX_ASKS) return false;
    asked[key] = (asked[key] ?? 0) + 1;
    return true;
  }

  updateLang(said: string): void {
    // What masking left ("[recovery phrase removed]") is not the user's language: a Chinese
    // phrase pasted in a Chinese conversation is warned about in Chinese.
    const text = stripMarks(said);
    const detected = detectLang(text);
    if (detected) {
      const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
      const words = text.replace(/\b[a-z]*\d[a-z0-9-]*\b/gi, ' ').match(/[a-z]{2,}/gi)?.length ?? 0;
      // English words in a Chinese message ("TXID是 9f8e…，amount 800 USDT") are not English.
      const strong = detected === 'zh' ? cjk >= 2 : words >= 3 && cjk === 0;
      if (detected === 'en' && cjk > 0 && this.state.lang === 'zh') return this.updateScript(text);
      if (this.state.langSource !== 'text' || strong) {
        this.state.lang = detected;
        this.state.langSource = 'text';
      }
    }
    this.updateScript(text);
  }

  private updateScript(text: string): void {
    const script = detectScript(text);
    // A Cantonese speaker's message without a Cantonese word ("提款未到帳") is still theirs: the
    // wording does not change back and forth.
    if (script && !(script === 'Hant' && this.state.script === 'HK')) this.state.script = script;
  }

  /** `again`: "算了，取消，重新来", "start over" — cancelled, and asked what it is now. */
  cancel(again = false): void {
    if (this.state.phase === 'handed_off' && this.state.ticketId)
      return this.reply(this.t('say.handedOff', { id: this.state.ticketId }));
    const s = this.state;
    const draft =
      (s.phase === 'confirming' || s.phase === 'collecting') && s.intent
        ? {
            intent: s.intent,
            values: s.values,
            unverified: s.unverified,
            skipped: s.skipped,
            files: s.files,
            ...(s.userWords ? { userWords: s.userWords } : {}),
            ...(s.also ? { also: s.also } : {}),
            ...(s.minPriority ? { minPriority: s.minPriority } : {}),
            ...(s.secrets ? { secrets: s.secrets } : {}),
            ...(s.senior ? { senior: s.senior } : {}),
          }
        : undefined;
    const slot = s.phase === 'collecting' ? s.slot : undefined;
    this.state = resetCase(this.state);
    if (draft && !again) {
      this.state.undo = { at: this.ctx.now, draft, ...(slot !== undefined ? { slot } : {}) };
      return this.reply(
        this.t(slot !== undefined ? 'say.cancelledQuestions' : 'say.cancelledDraft'),
      );
    }
    this.reply(this.t(again ? 'say.cancelledStartAgain' : 'say.cancelled'));
  }

  /** The user's words before a case opens, every message kept (the agent sees them all). */
  keepWords(text: string): void {
    // ("👍" alone says nothing for the agent: the card's words had begun "👍\n我收到…".)
    if (!/[\p{L}\p{N}]/u.test(text)) return;
    const before = this.state.userWords;
    if (before?.includes(text)) return;
    this.state.userWords = (before ? `${before}\n${text}` : text).slice(0, MAX_SLOT_TEXT * 2);
  }

  /**
   * The problem's questions that apply to this case: a slot with `when` only if the user's words
   * say one of its words (or it was answered anyway).
   */
  slots(alsoRead = ''): ProblemIntentSpec['collect'] {
    const words = foldText(`${this.state.userWords ?? ''} ${alsoRead}`);
    return (this.spec()?.collect ?? []).filter(
      (s) => !s.when || this.state.values[s.slot] !== undefined || saysAny(words, s.when),
    );
  }

  /** A relay of the user's message to the open case (the effect, to add to it). */
  relay(text: string, files: EvidenceFile[] = []): Extract<FlowEffect, { type: 'relay' }> {
    const effect = { type: 'relay' as const, ticketId: this.state.ticketId!, text, files };
    this.effects.push(effect);
    return effect;
  }

  /** Extra words the user gave outside a question: kept on the case for the agent. */
  addNote(text: string): void {
    const before = this.state.values[NOTES];
    if (before?.split('\n').includes(text)) return;
    this.state.values[NOTES] = (before ? `${before}\n${text}` : text).slice(0, MAX_SLOT_TEXT * 2);
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

  /** How many files the case keeps. */
  maxFiles(): number {
    return this.spec()?.collect.find((s) => s.type === 'images')?.max ?? DEFAULT_MAX_FILES;
  }

  calmIfAngry(text: string): void {
    if (this.state.calmed || !isAngry(text)) return;
    this.state.calmed = true;
    this.calmedNow = true;
    this.reply(this.t('say.calm'));
  }
}

// ─── helpers of the rules ───────────────────────────────────────────────────────────────────

/**
 * Sentences in one message: a space after English ones, none after Chinese full stops ("…工单里。
 * 这看起来…" had a half-width space in the middle).
 */
export const sentences = (...parts: string[]): string =>
  parts
    .filter(Boolean)
    .reduce(
      (all, next) => (!all ? next : /[。！？」』）]$/.test(all) ? all + next : `${all} ${next}`),
      '',
    );

/** Whether folded words hold one of a list's words, in either language (folded the same way). */
export const saysAny = (folded: string, list: WordList | undefined) =>
  !!list && foldedWords(list).some((w) => folded.includes(w));

type WordList = { en: string[]; zh: string[] };
const FOLDED = new WeakMap<WordList, string[]>();
/**
 * A list's words folded once: lists are intents' data, read at every step (folding a Chinese
 * word runs OpenCC; folding them on each call was 7% of a turn's CPU under load).
 */
function foldedWords(list: WordList): string[] {
  let words = FOLDED.get(list);
  if (!words) FOLDED.set(list, (words = [...list.en, ...list.zh].map(foldText)));
  return words;
}

/** The user's words without the markers masking left ("[private key removed]"). */
export const stripMarks = (text: string) =>
  text.replace(/\[[^\]]*(?:removed|删除|刪除)[^\]]*\]/gi, ' ').trim();

/** Enough words to be a statement of its own (4 words, or 8 Chinese characters). */
export const isSubstantial = (text: string) =>
  (text.match(/[\u3400-\u9fff]/g)?.length ?? 0) >= 8 ||
  (text.match(/[a-z]{2,}/gi)?.length ?? 0) >= 4;

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An amount as the card shows it: "500 USDT", "12.5". */
export function formatAmount(value: number, currency?: string): string {
  // Up to 8 decimals (a satoshi), never in exponent form ("1e-7").
  const n = Number.isInteger(value) ? String(value) : value.toFixed(8).replace(/\.?0+$/, '');
  return currency ? `${n} ${currency}` : n;
}

/** A date as the card shows it: "2026-12-01" or "2026-12-01 23:00". */
export function formatDate(d: { iso: string; time?: string }): string {
  return d.time ? `${d.iso} ${d.time}` : d.iso;
}
