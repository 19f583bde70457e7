/**
 * Collecting what an agent needs, one question at a time: the transaction id (a hash, an
 * address, "I don't have it"), amount, date, words and screenshots. An answer is read in the
 * context of its question; what fits another field fills it; a question about the advice is
 * answered and the field asked once more; nothing is asked a third time (the case goes on without
 * it, marked for the agent).
 */
import type { EvidenceFile } from '../evidence.ts';
import type { SlotSpec } from '../intents.ts';
import {
  findAmount,
  withoutBalance,
  type Amount,
  findDate,
  findDateCorrection,
  inMonthOf,
  findIdentifiers,
  saysNoIdentifier,
  saysOnlyNoIdentifier,
} from '../nlu/entities.ts';
import { foldText } from '../nlu/text.ts';
import { wallAt } from '../time/zone.ts';
import {
  changeProblem,
  correctedMidway,
  hours,
  mayChangeProblem,
  menu,
  prefill,
  SWITCH_CONFIDENCE_COLLECTING,
  toldTheStory,
} from './problems.ts';
import { faqAnswer, noAnswer } from './self-help.ts';
import { confirm, summary, waitBeforeSending } from './summary.ts';
import {
  DEFAULT_MAX_FILES,
  escapeRe,
  formatAmount,
  formatDate,
  isSubstantial,
  MAX_ASKS,
  MAX_SLOT_TEXT,
  sentences,
  stripMarks,
  WALLET_ADDRESS,
  type Turn,
} from './step-turn.ts';
import {
  asksAboutTheWait,
  asksHoursQuestion,
  DOUBLE_CHARGE,
  asksWhyNeeded,
  isConfirm,
  fewWords,
  isDidntHelp,
  isDone,
  isGreetingOnly,
  isHuman,
  isNo,
  isQuestion,
  isSkip,
  isThanks,
  isYes,
  wantsSenior,
  wantsToSubmit,
  isNoFiles,
} from './understand.ts';

/** The questions for an agent start (after `intro`), skipping what the user already said. */
export function startCollect(
  t: Turn,
  intent: string,
  intro: string,
  known: Record<string, string> = {},
  /** The intro's placeholders. */
  vars: Record<string, string> = {},
): void {
  const spec = t.ctx.catalog.problem(intent);
  if (!spec) return menu(t);
  t.state.intent = intent;
  Object.assign(t.state.values, known);
  const focus = t.state.focus?.intent === intent ? t.state.focus.words : undefined;
  prefill(t, spec, focus ?? t.state.userWords ?? '');
  t.state.phase = 'collecting';
  t.state.slot = -1;
  // "No, it's not mine" to an unknown charge's own question: its words, not "Sorry it's not solved".
  const own = intro === 'say.startCollect' ? spec.self_help_ask?.then[t.lang] : undefined;
  t.reply(own ? t.local(own) : t.t(offHours(t, intro), vars));
  advance(t);
}

/**
 * "Sure, I'll connect you with a human agent" said while nobody is in: the intro that says when
 * they are back instead (the user would otherwise wait at night for an answer that comes at 9).
 */
function offHours(t: Turn, intro: string): string {
  if (!HUMAN_INTROS.has(intro)) return intro;
  const clock = t.ctx.clock;
  if (!clock.describe(t.locale) || clock.isOpen(t.ctx.now)) return intro;
  const next = clock.nextOpen(t.ctx.now);
  if (next === undefined) return intro;
  // (Why an agent makes a change to the account is still said first.)
  if (intro === 'say.accountChange') t.reply(t.t(intro));
  t.reply(t.t('say.humanShortcutClosed', { next: clock.formatLocal(next, t.locale, t.ctx.now) }));
  return 'say.detailsFirst';
}
/** Intros that promise an agent: at night they say when the agents are back. */
const HUMAN_INTROS = new Set(['say.humanShortcut', 'say.accountChange', 'say.detailsFirst']);

/**
 * A complaint's "speak to a senior agent": marked, and said to happen once the case is sent (no
 * case exists yet); the question just above, its other buttons still good, is not asked again
 * (it had been "A senior agent will take over your case." and the same question twice in a row).
 */
export function acceptSenior(t: Turn): void {
  t.state.senior = true;
  const slot = slotSpec(t);
  if (!slot) {
    t.reply(t.t('say.seniorOnceSent'));
    return advance(t);
  }
  // (With the question's own buttons again: the pressed or answered keyboard is gone by now.)
  t.reply(sentences(t.t('say.seniorOnceSent'), t.t('say.answerAbove')), slotChoices(t, slot));
}

/** The field being asked for, if any. */
export function slotSpec(t: Turn): SlotSpec | undefined {
  const i = t.state.slot;
  return i === undefined || i < 0 ? undefined : t.spec()?.collect[i];
}

function isFilled(t: Turn, slot: SlotSpec): boolean {
  if (slot.type === 'images')
    return t.state.files.length > 0 || t.state.skipped.includes(slot.slot);
  return t.state.values[slot.slot] !== undefined || t.state.skipped.includes(slot.slot);
}

/**
 * The next unanswered slot, or the summary (straight back to it after an edit). `alsoRead`: more
 * of the user's answers that tell which questions apply (see changeProblem).
 */
export function advance(t: Turn, alsoRead = ''): void {
  const spec = t.spec()!;
  t.state.misses = 0;
  if (t.state.editing) {
    restoreEdited(t);
    t.state.editing = false;
    delete t.state.editPrevious;
    return summary(t);
  }
  const applies = t.slots(alsoRead);
  for (let i = (t.state.slot ?? -1) + 1; i < spec.collect.length; i++) {
    const slot = spec.collect[i]!;
    if (isFilled(t, slot) || !applies.includes(slot)) continue;
    t.state.slot = i;
    return ask(t, slot);
  }
  summary(t);
}

/**
 * A field chosen from the edit menu that got no new value ("send it", "发送", "ok" where the new
 * one was asked): the old value stays, as it was — it had gone to the summary and the desk as
 * "not provided".
 */
function restoreEdited(t: Turn): void {
  const previous = t.state.editPrevious;
  if (!t.state.editing || !previous) return;
  const { slot } = previous;
  if (previous.files?.length) {
    if (!t.state.files.length) t.state.files = previous.files;
  } else if (
    previous.value !== undefined &&
    t.state.values[slot] === undefined &&
    !t.state.skipped.includes(slot)
  ) {
    t.state.values[slot] = previous.value;
    if (previous.unverified && !t.state.unverified.includes(slot)) t.state.unverified.push(slot);
  } else return;
  t.state.skipped = t.state.skipped.filter((x) => x !== slot);
}

/** Asks for a slot (counted: the same question is never asked a third time). */
export function ask(t: Turn, slot: SlotSpec, again = false): void {
  if (!t.mayAsk(`slot:${slot.slot}`) && !again) return skipSlot(t, false);
  const custom = slot.prompt?.[t.lang];
  const prompt = custom ? t.local(custom) : undefined;
  const choices = slotChoices(t, slot);
  switch (slot.type) {
    case 'transaction_id':
      return t.reply(prompt ?? t.t('say.askTxid', { example: t.ctx.txid.example }), choices);
    case 'amount':
      return t.reply(prompt ?? t.t('say.askAmount'), choices);
    case 'date':
      return t.reply(prompt ?? t.t('say.askDate'), choices);
    case 'text':
      return t.reply(prompt!, choices);
    case 'images':
      return t.reply(
        prompt ?? t.t('say.askImages', { max: slot.max ?? DEFAULT_MAX_FILES }),
        choices,
      );
  }
}

/**
 * The buttons of a question: Skip on every one but a required text (which goes to the agent as
 * not provided), "I don't have it" on a required id, Done and Skip for files; at a complaint,
 * "Speak to a senior agent" until one is asked for.
 */
function slotChoices(t: Turn, slot: SlotSpec): Array<[string, string]> {
  if (slot.type === 'images')
    return [
      ['done', t.t('ui.done')],
      ['skip', t.t('ui.skip')],
    ];
  if (slot.type === 'transaction_id' && !slot.optional) return [['notxid', t.t('ui.noTxid')]];
  const skip: Array<[string, string]> =
    slot.optional || slot.type !== 'text' ? [['skip', t.t('ui.skip')]] : [];
  if (t.spec()?.flow === 'complaint' && !t.state.senior && t.state.misses === 0)
    skip.push(['senior', t.t('ui.senior')]);
  return skip;
}

/**
 * What is said once values were taken from the user's words: a date (or amount) they had given
 * before and now changed is named ("I changed the date to 2026-12-03"), anything else `noted`.
 */
function acknowledge(
  t: Turn,
  before: Record<string, string>,
  filled: string[],
  noted: string,
): void {
  const given = (k: string) => !unset(t, before[k]);
  const changed = filled.find((k) => given(k) && before[k] !== t.state.values[k]);
  const type = changed ? t.spec()?.collect.find((s) => s.slot === changed)?.type : undefined;
  if (type === 'date') return t.reply(t.t('say.dateUpdated', { date: t.state.values[changed!]! }));
  if (type === 'amount')
    return t.reply(t.t('say.amountUpdated', { amount: t.amount(t.state.values[changed!]!) }));
  // An amount given that had been skipped ("金额是500 USDT" where screenshots are asked): named.
  const added = filled.find(
    (k) => !given(k) && t.spec()?.collect.find((s) => s.slot === k)?.type === 'amount',
  );
  if (added && t.state.slot !== t.spec()?.collect.findIndex((s) => s.slot === added))
    return t.reply(t.t('say.amountAdded', { amount: t.amount(t.state.values[added]!) }));
  t.reply(noted);
}

/** "Anything else to attach?" with Done and Skip, where screenshots are asked. */
function moreFiles(t: Turn): void {
  t.reply(t.t('say.imageWanted'), [
    ['done', t.t('ui.done')],
    ['skip', t.t('ui.skip')],
  ]);
  // Which question "yes" answers next (see HAVE_MORE): this one, while it is the last asked.
  t.state.asked = { ...t.state.asked, [ANYTHING_ELSE]: t.state.prompt };
}
const ANYTHING_ELSE = 'anything_else';

/**
 * The question once more after an aside that did not answer it (a file, a correction, words
 * about a file) — at most three times in all: after that the aside is only acknowledged, and the
 * question stays where the user last read it.
 */
function askOnceMore(t: Turn, slot: SlotSpec): void {
  const asked = t.state.asked?.[`slot:${slot.slot}`] ?? 0;
  if (asked < MAX_ASKS || t.firstTime(`more:${slot.slot}`)) ask(t, slot, true);
}

function isLastSlot(t: Turn): boolean {
  const last = t.slots().at(-1);
  return !!last && t.state.slot === t.spec()!.collect.indexOf(last);
}

/** A story told (12 words, 16 Chinese characters) with no question mark: not a question. */
const storyNotQuestion = (text: string) => toldTheStory(text) && !/[?？]/.test(text);

/**
 * Moves past the current slot. `explicit`: the user said they have none (a required id is then
 * marked for the agent to look up); otherwise the question was asked twice without an answer.
 */
export function skipSlot(t: Turn, explicit: boolean): void {
  const slot = slotSpec(t);
  if (!slot) return advance(t);
  const previous = t.state.editPrevious;
  if (
    // ("I don't have one" at the id is an answer: the id goes.)
    (!explicit || slot.type !== 'transaction_id') &&
    t.state.editing &&
    previous?.slot === slot.slot &&
    (previous.value !== undefined || previous.files?.length)
  ) {
    // Asked to change a value, then no new one (a question, an aside, Skip — "388 HKD" had become
    // "not provided"): the old one stays, as it was (an unverified id stays marked so).
    if (previous.value !== undefined) t.state.values[slot.slot] = previous.value;
    if (previous.unverified) t.state.unverified.push(slot.slot);
    if (previous.files?.length) t.state.files = previous.files;
    t.state.skipped = t.state.skipped.filter((x) => x !== slot.slot);
  } else if (slot.optional || slot.type === 'images') {
    if (!t.state.skipped.includes(slot.slot)) t.state.skipped.push(slot.slot);
  } else {
    // Skip at the id question is "I don't have one"; a skipped amount or reason is not provided
    // (the card said "Amount: the user does not have it").
    const none = explicit && slot.type === 'transaction_id';
    t.state.values[slot.slot] ??= t.t(none ? 'say.userHasNone' : 'say.notProvided');
  }
  advance(t);
}

/**
 * A reply while a field is asked for, read in the context of that question: files, a wish for a
 * human or a manager, a date corrected, service hours, "send it", a question about the advice,
 * another problem, and then the answer itself (or a miss, asked once more).
 */
export function answerSlot(t: Turn, text: string, folded: string, files: EvidenceFile[]): void {
  const slot = slotSpec(t);
  if (!slot) return advance(t);
  // "3", "5" where screenshots or words are asked: a button's number typed, not an answer (it
  // went on the case as "Reason: 5", "Additional details: 3").
  if (
    !files.length &&
    (slot.type === 'images' || slot.type === 'text') &&
    /^\s*\d{1,2}\s*$/.test(text)
  ) {
    t.reply(t.t(slot.type === 'images' ? 'say.notAButton' : 'say.answerInWords'));
    return ask(t, slot, true);
  }
  if (files.length) {
    const before = t.state.files.length;
    t.addFiles(files);
    if (slot.type === 'images') {
      const max = slot.max ?? DEFAULT_MAX_FILES;
      if (t.state.files.length >= max) {
        t.reply(t.t('say.imagesFull', { max }));
        // The words sent with them (an album's caption) go on the case, not away with the question.
        keepReason(t, text);
        return advance(t);
      }
      // The same file twice (a double tap, a resend to be sure): said so, not silence.
      const key = t.state.files.length > before ? 'say.imageReceived' : 'say.imageAgain';
      t.reply(t.t(key, { n: t.state.files.length, max }), [['done', t.t('ui.done')]]);
      if (!text) return;
    } else if (t.state.files.length > before) {
      t.reply(t.t('say.fileKept'));
      // The question the file did not answer, once (an album's next parts are only acknowledged).
      if (!text && t.firstTime(`file:${slot.slot}`)) return askOnceMore(t, slot);
    }
    if (!text) return;
  }
  // A recovery phrase or key pasted here: the warning answered it. What else the message says is
  // kept (an id, amount or date in its field, the words for the agent) and the question asked
  // again — not "Noted" or "that doesn't look like a transaction ID" right after "I did not keep it".
  if (t.leaked) {
    absorbIds(t, text);
    absorb(t, text);
    if (stripMarks(text)) t.addNote(text);
    return ask(t, slot, true);
  }
  // "不对，其实是充值没到账，不是提现": the problem was guessed wrong — it changes, and the new
  // problem's questions are asked (the words had been kept as a detail and read as a bad id).
  const corrected = correctedMidway(t, text);
  if (corrected) return changeProblem(t, corrected, text);
  // "why do you need that?", "點解要俾呢個？": why, once, and the question again ("I can't answer
  // that one" and a note had followed it).
  if (asksWhyNeeded(folded) && t.firstTime(`whyask:${slot.slot}`)) {
    t.reply(t.t(WHY_ASKED[slot.type]));
    return ask(t, slot, true);
  }
  // "这是商家的退款截图", "that's the refund email from the shop": words about the file sent, not the
  // answer to the question. Kept for the agent, and the question asked once more.
  if (
    slot.type === 'text' &&
    t.state.files.length &&
    folded.length <= 60 &&
    ABOUT_A_FILE.test(folded)
  ) {
    t.addNote(text);
    t.reply(t.t('say.noted'));
    return askOnceMore(t, slot);
  }
  // "Will anyone answer tonight?" is answered, then the question is asked again
  // (before "a human": "夜晚有冇真人客服" asks about the hours of the humans).
  if (asksHoursQuestion(folded)) {
    t.addNote(text);
    hours(t);
    return ask(t, slot, true);
  }
  if (slot.type !== 'text' && isHuman(folded)) {
    // "i want a real human NOW not a bot": on the case too — the agent sees how the user feels.
    t.addNote(text);
    t.reply(t.t('say.humanAlready'));
    return ask(t, slot, true);
  }
  // At a complaint, "I want to speak to your manager", "我要找你们主管", "叫你哋經理出嚟" is its
  // "Speak to a senior agent" button in words: said once as what happens when the case is sent,
  // the question above not asked again (it had been "I'll ask a senior agent to take your case."
  // and the question repeated). Told with what happened ("你哋客服掛我線兩次，叫你哋經理出嚟"),
  // the story still answers "what happened?".
  const complaint = t.spec()?.flow === 'complaint';
  if (complaint && wantsSenior(folded) && !wantsToSubmit(folded)) {
    if (slot.type === 'text' && saysMoreThanTheWish(text)) {
      t.state.senior = true;
      t.reply(t.t('say.seniorOnceSent'));
    } else {
      if (!t.state.senior) t.addNote(text);
      return acceptSenior(t);
    }
  }
  // "我要搵經理！！！" — said again once it is noted: the same answer, not "I can't answer that".
  if (!complaint && wantsSenior(folded) && !wantsToSubmit(folded)) {
    if (!t.state.senior) t.addNote(text);
    t.state.senior = true;
    t.reply(t.t('say.managerAck'));
    return ask(t, slot, true);
  }
  // A date corrected while something else is asked ("日期不对，是12月1号"): the question again,
  // unless it was asked twice already (then on without it) — but words the case needs (a
  // reason) are not given up for a correction, which answered something else.
  const needed = slot.type === 'text' && !slot.optional;
  const again = () => (needed ? askOnceMore(t, slot) : ask(t, slot));
  if (correctValues(t, text, slot.type)) {
    // "不对，是3号提的，金额是2500" where the date is asked: the amount put right, the date taken.
    if ((slot.type === 'date' || slot.type === 'amount') && absorb(t, text).includes(slot.slot))
      return advance(t);
    return again();
  }
  if (wantsToSubmit(folded)) {
    if (wantsSenior(folded)) t.state.senior = true;
    return submitNow(t);
  }
  // "ok", "confirm", "确认" where a field chosen from the edit menu is asked: nothing to change —
  // back to the summary with the value as it was (it had been read as a wrong answer).
  if (t.state.editing && slot.type !== 'images' && isConfirm(folded)) return advance(t);
  if (slot.type === 'images') {
    // ("不知道", "idk": nothing to send either.)
    const none = isNoFiles(folded) || DONT_KNOW.test(folded);
    if (none || isDone(folded) || isNo(folded)) {
      // "no wait, it was the 1st. sorry": the words beyond "no" stay on the case ("no
      // screenshot" says nothing more than the summary's "Screenshots: not provided").
      if (!none) keepReason(t, text);
      return advance(t);
    }
    // "yes" to "anything to attach?": they have one — go ahead (it had sent the case at once,
    // with no screenshot and no summary to check).
    if (t.state.asked?.[ANYTHING_ELSE] === t.state.prompt && HAVE_MORE.test(folded.trim())) {
      return t.reply(t.t('say.imageGoAhead'), [
        ['done', t.t('ui.done')],
        ['skip', t.t('ui.skip')],
      ]);
    }
    // "可以" / "ok" at the last question: the user agrees to send what they gave ("ok moving them
    // now to a new wallet" is news, not a yes to sending).
    if ((isYes(folded) && folded.length <= 15) || isConfirm(folded)) {
      keepReason(t, text);
      return isLastSlot(t) ? submitNow(t) : advance(t);
    }
    if (isSkip(folded)) return skipSlot(t, true);
    // "oops wrong screenshot, ignore that one", "張截圖係錯嘅，我再傳過": the last file taken off the
    // case, and the right one asked for (it was "Noted", the wrong file kept).
    if (t.state.files.length && WRONG_FILE.test(folded)) {
      t.state.files = t.state.files.slice(0, -1);
      t.reply(t.t('say.fileRemoved'));
      return ask(t, slot, true);
    }
    // "thanks" where screenshots are asked: nothing more to send (not a detail for the agent).
    if (isThanks(folded)) return advance(t);
    // "any update?", "how long?": the case is not sent yet — when it will be answered once it is.
    if (asksAboutTheWait(folded) && !storyNotQuestion(text)) {
      waitBeforeSending(t);
      return ask(t, slot, true);
    }
    // "when will it arrive?" where screenshots are asked: answered from the problem's data, else
    // said to go to the agent (kept for them) — it was "Noted — I added that to your case".
    if (isQuestion(folded) && !findIdentifiers(text, t.ctx.txid).transactionIds.length) {
      const answer = faqAnswer(t, folded);
      if (!answer && !isGreetingOnly(folded)) t.addNote(text);
      t.reply(answer ? t.local(answer) : noAnswer(t, folded));
      return moreFiles(t);
    }
    // "200 usdt" again, the amount the case already has: not a new detail for the agent.
    const again = restated(t, text);
    if (again) {
      t.reply(t.t('say.alreadyOnCase', { value: again }));
      return moreFiles(t);
    }
    // A hash or an amount sent while screenshots are asked: taken into its field.
    absorbIds(t, text);
    const before = { ...t.state.values };
    const filled = absorb(t, text);
    if (filled.length || findIdentifiers(text, t.ctx.txid).transactionIds.length) {
      acknowledge(t, before, filled, t.t('say.noted'));
      return ask(t, slot);
    }
    // Words instead of a screenshot are still part of the case: keep them for the agent.
    t.addNote(text);
    t.reply(t.t('say.noted'));
    if (!t.mayAsk('images_again')) return advance(t);
    return moreFiles(t);
  }
  if (slot.type === 'text') {
    // "this is ridiculous", "太离谱了" at "what happened?": a feeling, not what happened — kept
    // for the agent, and the question once more (it was the case's description).
    if (VENT_ONLY.test(folded) && t.firstTime(`vent:${slot.slot}`)) {
      t.addNote(text);
      return ask(t, slot, true);
    }
    // "可以" / "ok" is not an answer to "what happened?": nothing to add, on to the next.
    if ((isYes(folded) || isConfirm(folded)) && folded.length <= 6) return skipSlot(t, false);
    // "skip", "跳过", "冇" typed: not provided (the card had read "Error message: skip"); so is
    // "唔記得" / "I don't remember" (it had also been taken as "no transaction id").
    if (isSkip(folded) || FORGOT.test(folded)) return skipSlot(t, true);
    // A question instead of the answer ("我沒有單號 在哪裡看"): answered, kept, asked once more —
    // except where the question asks what the user needs ("想問公司帳戶要怎麼開"): a question
    // nothing here answers is that story.
    const where = saysNoIdentifier(text);
    const answer = isQuestion(folded) && !where ? faqAnswer(t, folded) : undefined;
    // "what now?", "how long will it take?": the wait, and the question again (not "I can't
    // answer that" and a note).
    // ("…客服说在处理，但是一直没有任何进展，我每天都在问，": a story that names the progress, no
    // question — it had been answered with the wait, the story dropped and asked for again.)
    const aboutTheWait = asksAboutTheWait(folded) && !storyNotQuestion(text);
    if (!answer && !where && aboutTheWait) {
      waitBeforeSending(t);
      return askOnceMore(t, slot);
    }
    if (
      isQuestion(folded) &&
      // A complaint's "what happened?" is answered by the grievance, rhetorical questions and all
      // ("why did nobody answer me for 3 days?"); "希望有人正式道歉，並說明為什麼沒人回覆" is what
      // they want done, a "why" in it — both had been taken as questions and the slot asked again.
      (where || answer || (!slot.story && t.spec()?.flow !== 'complaint' && !WISH.test(folded))) &&
      t.mayAsk(`question:${slot.slot}`)
    ) {
      // ("要等多久" answered from the data is no detail for the agent.)
      if (!aboutTheWait) t.addNote(text);
      t.reply(
        where
          ? t.t('say.txidWhereToFind', { example: t.ctx.txid.example })
          : answer
            ? t.local(answer)
            : noAnswer(t, folded),
      );
      return ask(t, slot, true);
    }
    // "i want a real human NOW not a bot" where the story is asked: a person is coming, and the
    // question is asked once more (it had become the case's description).
    if (isHuman(folded) && folded.length <= 40 && t.firstTime(`human:${slot.slot}`)) {
      t.addNote(text);
      t.reply(t.t('say.humanComing'));
      return ask(t, slot, true);
    }
    // "TX-20261120-8F3K2Q9" where the error message or the reason is asked: the id goes in its
    // field and the question is asked once more — not an error message reading "TX-2026…".
    if (onlyIdentifiers(t, text) && t.firstTime(`ids:${slot.slot}`)) {
      const ids = absorbIds(t, text);
      t.reply(t.t('say.idNoted', { value: ids ?? text.trim() }));
      return ask(t, slot, true);
    }
    // "the 3rd", "42.50 EUR" where the reason is asked, "today, around 3pm" where the network and
    // address are: a date or an amount, not the answer. Kept (in its field, or for the agent) and
    // the question asked once more; a second one is taken. (A story's question takes anything.)
    if (!slot.story && onlyDateOrAmount(t, text) && t.firstTime(`why:${slot.slot}`)) {
      const before = { ...t.state.values };
      const filled = absorb(t, text);
      if (!filled.length) t.addNote(text);
      acknowledge(t, before, filled, t.t('say.notedValue', { value: text.trim() }));
      return ask(t, slot, true);
    }
    // "my transfer to my mom in Poland didn't arrive" as what the person should help with: the
    // case is that problem — its questions and priority — not "Talk to an agent" (the amount and
    // date had never been asked). Its self-help is not offered: the user asked for a person.
    if (slot.story && t.spec()?.flow === 'direct') {
      const c = t.classify(text);
      const problem = t.ctx.catalog.problem(c.intent);
      if (problem?.flow === 'self_help' && c.confidence >= SWITCH_CONFIDENCE_COLLECTING) {
        t.keepWords(text);
        t.state.intent = c.intent;
        t.reply(t.t('say.notedAs', { problem: t.intentLabel(c.intent) }));
        prefill(t, problem, t.state.userWords ?? '');
        t.state.slot = -1;
        return advance(t);
      }
    }
    t.state.values[slot.slot] = text.slice(0, MAX_SLOT_TEXT);
    if (!noteNoIdentifier(t, text)) absorbIds(t, text);
    absorb(t, text);
    return advance(t);
  }
  // The currency of a bare amount, asked once: "usdt", "人民币", "HK dollars" completes it;
  // anything else goes on with the number as it is.
  const bare = t.state.values[slot.slot];
  if (slot.type === 'amount' && bare && BARE_NUMBER.test(bare) && t.state.asked?.[CURRENCY]) {
    const a = findAmount(`${bare} ${text}`, { script: t.state.script });
    if (a?.currency && a.value === Number(bare)) {
      t.state.values[slot.slot] = formatAmount(a.value, a.currency);
      return advance(t);
    }
    if (isSkip(folded)) return advance(t);
    if (!findAmount(text, { bare: true, script: t.state.script })) {
      // "today 3pm": the next answer already, in its field.
      absorbIds(t, text);
      if (!absorb(t, text).length) keepReason(t, text);
      return advance(t);
    }
  }
  // "done" / "好了" after files: the user is finished with the questions.
  if (isDone(folded)) return skipSlot(t, true);
  // A question instead of an answer ("how do I move the funds?"): answered, kept, asked again.
  if (
    isQuestion(folded) &&
    !saysNoIdentifier(text) &&
    !findIdentifiers(text, t.ctx.txid).transactionIds.length
  ) {
    // "monday i said!! are you even reading??", "我刚才不是说了吗，两千": the answer is in it.
    if ((slot.type === 'amount' || slot.type === 'date') && absorb(t, text).includes(slot.slot)) {
      if (!isGreetingOnly(folded)) t.addNote(text);
      return advance(t);
    }
    const answer = faqAnswer(t, folded);
    // "how long will it take?", "what now?": answered (from the data, else when an agent answers)
    // and the question again — not "I can't answer that" and a field given up (the card said
    // "not provided"), and not a note the agent has to read past.
    const aboutTheWait = asksAboutTheWait(folded);
    // (While a value is being edited, a question keeps the old value and goes back to the summary.)
    const again = () => (t.state.editing ? ask(t, slot) : askOnceMore(t, slot));
    if (!answer && aboutTheWait) {
      waitBeforeSending(t);
      return again();
    }
    if (!isGreetingOnly(folded) && !aboutTheWait) t.addNote(text);
    t.reply(answer ? t.local(answer) : noAnswer(t, folded));
    // Asked again, three times at most, never given up because the user asked something.
    return again();
  }
  // "no, nothing to do with a transaction" at an optional question: skipped.
  if (slot.optional && (isNo(folded) || isSkip(folded) || saysNoIdentifier(text))) {
    // "where do I find it?" at an optional id: where, and on without it (it was skipped silently).
    if (slot.type === 'transaction_id' && saysNoIdentifier(text) && isQuestion(folded))
      t.reply(t.t('say.txidWhereToFind', { example: t.ctx.txid.example }));
    keepReason(t, text);
    absorb(t, text);
    return skipSlot(t, true);
  }
  // "no it didn't help" just after "No, I still need help": about the steps, not the id.
  if (slot.type === 'transaction_id' && isDidntHelp(folded) && !saysNoIdentifier(text)) {
    t.reply(t.t('say.understood'));
    return ask(t, slot, true);
  }
  if (slot.type === 'transaction_id' && (isNo(folded) || saysNoIdentifier(text)))
    return answerTxid(t, slot, text, folded);
  // "我不知道", "idk" asked for the id: they do not know it — on without it (it was "that doesn't
  // look like a transaction ID"). Said elsewhere, the same words are not about an id.
  if (slot.type === 'transaction_id' && DONT_KNOW.test(folded))
    return answerTxid(t, slot, 'no', 'no');
  // "sorry amount is 94.99 not 49.99" where the amount is asked (from the edit menu): the number
  // put in place of the other, in the unit it had — not "is this a new problem?".
  const swap = slot.type === 'amount' ? swapIn(text) : undefined;
  if (swap) {
    const previous = t.state.editPrevious;
    const had =
      t.state.values[slot.slot] ?? (previous?.slot === slot.slot ? previous.value : undefined);
    const said = findAmount(text, { bare: true, script: t.state.script })?.currency;
    setAmount(t, slot, swap.newer, currencyFor(said, had));
    return advance(t);
  }
  const c = t.classify(text);
  if (isSubstantial(text) && mayChangeProblem(t, text, c, SWITCH_CONFIDENCE_COLLECTING)) return;
  if (slot.type === 'transaction_id') return answerTxid(t, slot, text, folded);
  // Whatever the question, an amount or a date the user gives fills its field (and an id the
  // id field, even after "I don't have one").
  const ids = absorbIds(t, text);
  const filled = absorb(t, text);
  if (filled.includes(slot.slot)) {
    // "35 each so 70 total": the words around the value are kept for the agent.
    keepWordsAround(t, text);
    // "500" alone: USDT, dollars or yuan? Asked once, the number kept either way.
    const value = t.state.values[slot.slot]!;
    if (slot.type === 'amount' && BARE_NUMBER.test(value) && t.mayAsk(CURRENCY)) {
      t.state.slot = t.spec()!.collect.indexOf(slot);
      return t.reply(t.t('say.askCurrency', { amount: value }), [['skip', t.t('ui.skip')]]);
    }
    return advance(t);
  }
  if (isSkip(folded) || saysNoIdentifier(text)) return skipSlot(t, true);
  // "ORD-88213" where the amount is asked: the id noted, the amount asked again.
  if (filled.length || ids) {
    keepWordsAround(t, text);
    t.reply(ids ? t.t('say.notedValue', { value: ids }) : t.t('say.noted'));
    return ask(t, slot);
  }
  missed(t, slot, text, slot.type === 'amount' ? 'say.badAmount' : 'say.askDate');
}

const DONT_KNOW =
  /^(?:(?:sorry|um|uh|well)[\s,]+)*(?:i\s+)?(?:dunno|idk|(?:have\s+)?no idea|don'?t know|do not know|not sure)[\s.!~]*$|^(?:我)?(?:不知道|唔知|唔知道|不清楚|唔清楚)(?:啊|呀|耶|欸|喎|誒)?[\s.!。！~]*$/;

/** The file just sent was the wrong one. */
const WRONG_FILE =
  /\bwrong (?:screenshot|screen ?shot|pic|picture|photo|image|file|one)\b|\b(?:ignore|delete|remove|disregard) (?:that|the|this|my)? ?(?:last )?(?:one|screenshot|pic|picture|photo|image|file)\b|(?:截图|图片|图|照片|相|文件)[^。，,]{0,4}(?:错|不对|唔啱)|(?:发|传|上传|传送|send)错(?:了|咗)?(?:图|截图|图片|照片|相|文件)?|(?:删|删除|去掉|唔要)(?:咗|掉)?(?:刚才|头先|上一)?(?:那|嗰|这|呢)?(?:张|個|个)?(?:截图|图片|图|照片|相)/;

/** A feeling and nothing else. */
const VENT_ONLY =
  /^(?:(?:this|that|it)(?:'s| is)\s+|so\s+|how\s+)?(?:ridiculous|unbelievable|a joke|insane|crazy|terrible|useless|unacceptable|absurd|bs|bullshit|wtf|omg|seriously|annoying)[\s!?.…]*$|^(?:真的|简直|太)?(?:离谱|无语|搞什么鬼?|什么鬼|垃圾|气死我了|服了|过分|扯|坑人)(?:了|啊|吧|呀)?[\s!?！？。.…]*$/;

/**
 * Words beside a wish for a manager ("your agent hung up on me twice, I want your manager"): a
 * clause of three words or five Chinese characters that neither asks for one nor only vents.
 */
function saysMoreThanTheWish(text: string): boolean {
  return text
    .split(/[,.!?;:，。！？；：、\n]+|\s+(?:and|but|so)\s+/i)
    .map((clause) => foldText(clause).trim())
    .filter((clause) => clause && !wantsSenior(clause) && !VENT_ONLY.test(clause))
    .some(
      (clause) =>
        (clause.match(/[\u3400-\u9fff]/g)?.length ?? 0) >= 5 ||
        (clause.match(/[a-z]+/g)?.length ?? 0) >= 3,
    );
}

/** Why each kind of question is asked. */
const WHY_ASKED: Record<SlotSpec['type'], string> = {
  transaction_id: 'say.whyTxid',
  amount: 'say.whyValue',
  date: 'say.whyValue',
  images: 'say.whyImages',
  text: 'say.whyWords',
};

/** An amount and little else: "42.50 EUR", "$300", "about 500 usdt", "大概两千块" is not (words). */
const BARE_AMOUNT =
  /^\s*(?:about|around|approx\.?|约|約|大概)?\s*(?:[$€£¥]|hk\$|nt\$|us\$)?\s*\d[\d,.]*\s*(?:[a-z]{3,4}|元|块|塊|蚊|美元|美金|港幣|港币|台幣|台币|人民币|人民幣)?[\s.!。！]*$/i;
/** Words that present a file: "this is the screenshot", "that's the refund email", "呢張係收據". */
const ABOUT_A_FILE =
  /^(?:(?:this|that|here|these|those|it)(?:'s|'re| is| are)?|attached(?: is| are)?)\b.{0,40}\b(?:screenshots?|screen ?shots?|photos?|pictures?|pics?|images?|e-?mails?|receipts?|pdfs?|files?|attachments?|proof|statements?)\b|^(?:这|這|呢|嗰|那|附上|附件)(?:是|係|个|個|張|张|份|封|些|啲)?.{0,20}(?:截图|截圖|图片|圖片|照片|凭证|憑證|收据|收據|邮件|郵件|電郵|电邮|单据|單據|记录|記錄|紀錄|文件|檔案)/;

/** Words around a date that say nothing more: "it was on the 3rd", "I think monday", "大概是3号". */
const DATE_FILLER =
  /\b(?:it|was|it's|its|i think|maybe|probably|around|about|sorry|no|wait|yes)\b|大概|应该|應該|好像|是|係|嗰日|那天|左右/gi;

/** An answer that is a date or an amount and nothing else. */
function onlyDateOrAmount(t: Turn, text: string): boolean {
  if (BARE_AMOUNT.test(text)) return true;
  const date = findDate(text, t.ctx.now, t.zone);
  if (!date) return false;
  const rest = text.replace(date.text, ' ').replace(DATE_FILLER, ' ');
  return rest.replace(/[\s\p{P}\p{S}]/gu, '') === '';
}

/** Words around an id that say nothing more: "txid:", "the transaction id is", "订单号". */
const ID_FILLER =
  /\b(?:the|my|it|is|it's|its|here|tx ?id|txn|hash|transaction|order|reference|ref|id|no|number)\b|交易号|交易號|订单号|訂單號|单号|單號|编号|編號|流水号|流水號|哈希|是|係/gi;
/** An error code is an error message's answer, not an id: "ERR_5003", "PAY-ERR-40012". */
const ERROR_CODE = /err|fail|declin|denied|reject|invalid/i;

/** A transaction id (or several) and nothing else, where words were asked for. */
function onlyIdentifiers(t: Turn, text: string): boolean {
  if (!t.spec()?.collect.some((s) => s.type === 'transaction_id')) return false;
  const ids = findIdentifiers(text, t.ctx.txid).transactionIds;
  if (!ids.length || ids.some((id) => ERROR_CODE.test(id))) return false;
  let rest = text;
  for (const id of ids) rest = rest.replace(id, ' ');
  return rest.replace(ID_FILLER, ' ').replace(/[\s\p{P}\p{S}]/gu, '') === '';
}

/** An amount without its currency ("500", "35.5"), and the once-only question about it. */
const BARE_NUMBER = /^\d+(?:\.\d+)?$/;
const CURRENCY = 'currency';

/**
 * "35 each so 70 total", "my bank is HSBC, 500 USDT": a value taken into its field, and words
 * around it that tell the agent more — kept as a detail ("Noted" had dropped them).
 */
function keepWordsAround(t: Turn, text: string): void {
  if (text.replace(/[\d\s\p{P}\p{S}]/gu, '').length >= 10) t.addNote(text);
}

/** "我哪知道交易号 我都没操作过": beyond "no", the words tell the agent something. */
function keepReason(t: Turn, text: string): void {
  // ("I don't have one" typed, the button's words: nothing beyond the field's "not provided".)
  if (text.replace(/[\s\p{P}]/gu, '').length >= 10 && !saysOnlyNoIdentifier(text)) t.addNote(text);
}

/**
 * Ids in an answer to another question fill the id field, so it is not asked for; answers the
 * ids it filled the field with.
 */
export function absorbIds(t: Turn, text: string): string | undefined {
  const slot = t.spec()?.collect.find((s) => s.type === 'transaction_id');
  if (!slot) return undefined;
  // "I don't have one" and then the hash after all ("500 usdt trc20. txid 7f3a…"): it wins.
  const value = t.state.values[slot.slot];
  const placeholder =
    value === t.t('say.userHasNone') ||
    value === t.t('say.notProvided') ||
    t.state.unverified.includes(slot.slot) ||
    t.state.skipped.includes(slot.slot);
  if (value !== undefined && !placeholder) return undefined;
  const found = findIdentifiers(text, t.ctx.txid);
  let ids: string | undefined;
  if (found.transactionIds.length) {
    ids = found.transactionIds.join(', ');
    t.state.values[slot.slot] = ids;
    t.state.unverified = t.state.unverified.filter((u) => u !== slot.slot);
    t.state.skipped = t.state.skipped.filter((u) => u !== slot.slot);
  }
  if (found.addresses.length && !t.state.values[WALLET_ADDRESS])
    t.state.values[WALLET_ADDRESS] = found.addresses.map((a) => a.value).join(', ');
  return ids;
}

/** Words around a value said again: "it was", "the amount is", "金额是", a currency. */
const RESTATED_REST =
  /^(?:(?:it|that)(?:'s| is| was)|was|(?:the )?(?:amount|total|sum|txid|tx|hash|id)(?: is| was|:)?|金[额額](?:是|为|為|係|:|：)?|交易[号號](?:是|係|:|：)?|(?:就|一共|总共|總共)?(?:是|係))?[\s:：]*(?:[a-z$¥€£]{0,5}|[元块塊蚊])?[\s.。!！]*$/i;

/**
 * The amount or transaction id the case already has, said again with nothing else ("200 usdt"
 * where screenshots are asked): the value, else undefined.
 */
export function restated(t: Turn, text: string): string | undefined {
  const spec = t.spec();
  if (!spec) return undefined;
  for (const slot of spec.collect) {
    const known = t.state.values[slot.slot];
    if (!known || t.state.unverified.includes(slot.slot)) continue;
    let rest: string | undefined;
    if (slot.type === 'amount') {
      const a = amountIn(t, text, true);
      if (a && formatAmount(a.value, a.currency) === known)
        rest = text.replace(/[\d][\d.,\s]*(?:[kK]\b)?/g, ' ');
    } else if (slot.type === 'transaction_id') {
      const ids = findIdentifiers(text, t.ctx.txid).transactionIds;
      if (ids.length === 1 && ids[0] === known) rest = text.split(known).join(' ');
    }
    if (rest !== undefined && RESTATED_REST.test(rest.trim().toLowerCase())) return known;
  }
  return undefined;
}

/**
 * Fills empty amount and date fields from what the user wrote, whatever was asked ("500 usdt"
 * at the id question); answers the slots filled.
 */
export function absorb(t: Turn, text: string): string[] {
  const spec = t.spec();
  if (!spec) return [];
  const filled: string[] = [];
  // "50 euro. no wait, it was 80 euro, 50 was the other one": the value after the correction.
  const after = afterCorrection(text);
  for (const slot of spec.collect) {
    // A date said again later wins (the first was guessed from "2 hours ago" or corrected); an
    // amount skipped is given after all ("金额是500 USDT" where screenshots are asked).
    if (!missingValue(t, slot.slot) && slot.slot !== slotSpec(t)?.slot && slot.type !== 'date')
      continue;
    if (slot.type === 'amount') {
      const a = amountIn(t, text, slot.slot === slotSpec(t)?.slot, after);
      if (a) {
        t.state.values[slot.slot] = formatAmount(a.value, a.currency);
        t.state.skipped = t.state.skipped.filter((s) => s !== slot.slot);
        filled.push(slot.slot);
      }
    } else if (slot.type === 'date') {
      const zone = t.zone;
      const said = (after && findDate(after, t.ctx.now, zone)) || findDate(text, t.ctx.now, zone);
      const d = said && inMonthOf(said, t.state.values[slot.slot], t.ctx.now, zone);
      if (d) {
        t.state.values[slot.slot] = formatDate(d);
        t.state.unverified = t.state.unverified.filter((u) => u !== slot.slot);
        filled.push(slot.slot);
      }
    }
  }
  return filled;
}

/** "yes, I have one" where screenshots are asked. */
const HAVE_MORE =
  /^(?:yes|yeah|yep|yup|sure|i do|i have(?: one| some)?|有|有的|有啊|有呀|有嘅|有㗎)[\s.!。！]*$/;

/** What the user wants done: "I want…", "I'd like you to explain why…", "希望…", "要求…". */
const WISH =
  /\bi (?:want|would like|'d like|expect|demand|need)\b|\bplease explain\b|\bi'?d like\b|希望|想要|要求|我要|我想(?:要|你们|你哋)|请(?:给|給)?(?:我)?(?:一个|個)?(?:解释|說明|说明)/;

/**
 * The amount in the user's words, as they meant it: not a balance they state (unless `bare`: the
 * amount is what was asked, a plain number counts too), the one after "no wait"/"不对" (in the
 * currency said before it), and "150 not 105" read as 150.
 */
export function amountIn(
  t: Turn,
  text: string,
  bare: boolean,
  after = afterCorrection(text),
): Amount | undefined {
  const script = t.state.script;
  // Charged twice, "NT$499 each": the amount is the one charged again, not the two together.
  const oneOfEach = DOUBLE_CHARGE.test(foldText(text));
  const first = findAmount(bare ? text : withoutBalance(text), { bare, script, oneOfEach });
  // "扣了两千五百块，不对，是2800": after an amount, the plain number of its correction is the
  // amount too (not a date's: "no wait, it was 2 days ago").
  const zone = t.zone;
  const corrected = after
    ? (findAmount(after, { bare, script, oneOfEach }) ??
      (first && !findDate(after, t.ctx.now, zone)
        ? findAmount(after, { bare: true, script, oneOfEach })
        : undefined))
    : undefined;
  // "两千五百块，哦不对，是两千八": the correction keeps the currency said before it.
  const a = corrected
    ? {
        ...corrected,
        ...(first?.currency && !corrected.currency ? { currency: first.currency } : {}),
      }
    : first;
  // "sent 105 eur … sorry it was 150 not 105": the number put in its place.
  const swap = a && swapIn(text);
  return a && swap?.older === a.value ? { ...a, value: swap.newer } : a;
}

/**
 * The amount corrected while something else is asked, or at the summary: "金额写错了 应该是1500",
 * "the amount is wrong, it's 250 USDT", "金額錯咗，係港幣500，唔係美金". The field is named and
 * said to be wrong; a new number without a currency keeps the currency it had.
 */
export function correctAmount(t: Turn, text: string): boolean {
  const slot = t.spec()?.collect.find((s) => s.type === 'amount');
  if (!slot || !text) return false;
  const folded = foldText(text);
  // "sorry it was 150 not 105", "是5000，不是500": a number put in place of the amount given.
  const had = t.state.values[slot.slot];
  const hadValue = had === undefined ? undefined : Number(/^[\d.]+/.exec(had)?.[0]);
  const swap = had !== undefined ? swapIn(text) : undefined;
  if (swap && swap.older === hadValue) return setAmount(t, slot, swap.newer, unitOf(had));
  const after = afterCorrection(text);
  const script = t.state.script;
  // A date or an id in the words is not the amount ("不对，是3号提的，金额是2500").
  const amountOf = (words: string | undefined) => {
    if (!words) return undefined;
    const d = findDate(words, t.ctx.now, t.zone);
    let rest = d ? words.replace(d.text, ' ') : words;
    for (const id of findIdentifiers(rest, t.ctx.txid).transactionIds) rest = rest.replace(id, ' ');
    return findAmount(rest, { bare: true, script });
  };
  const named = new RegExp(AMOUNT_FIELD.source, 'i').exec(text);
  // "it was 300 usdt", "金额是300 USDT" at the summary of a case without its amount: the field
  // filled (it had been "Noted", the Amount line still "not provided") — with a currency or the
  // field named, in a short answer ("…also a 5 usdt fee" in a longer one is a detail).
  if (AT_THE_SUMMARY.has(t.state.phase) && missingValue(t, slot.slot)) {
    const given = amountOf(text);
    if (given && (given.currency || named) && (named || onlyThe(t, text, given.text)))
      return setAmount(t, slot, given.value, given.currency, 'say.amountAdded');
  }
  let a: Amount | undefined;
  if (named) {
    // "the amount is wrong, it's 250 USDT", "金额写错了 应该是1500": the field named, said wrong.
    if (!(WRONG.test(folded) || after !== undefined)) return false;
    a =
      amountOf(text.slice(named.index + named[0].length)) ??
      amountOf(after) ??
      amountOf(text.replace(new RegExp(AMOUNT_FIELD.source, 'gi'), ' '));
  } else {
    // "wait actually it was 250", "5000元，喔不對，是5500元": a correction with a number and no
    // date after it, once an amount was given — with a currency, or near the amount it replaces.
    if (hadValue === undefined || after === undefined) return false;
    if (findDate(after, t.ctx.now, t.zone)) return false;
    a = amountOf(after);
    const near = hadValue > 0 && !!a && a.value >= hadValue / 10 && a.value <= hadValue * 10;
    if (a && !a.currency && !near) return false;
  }
  if (!a || a.value === hadValue) return false;
  return setAmount(t, slot, a.value, currencyFor(a.currency, had));
}

/**
 * A date and an amount corrected in one answer ("不对，是3号提的，金额是2500"): both put right
 * (`except` the field being asked, whose answer this is); answers whether either was.
 */
export function correctValues(t: Turn, text: string, except?: SlotSpec['type']): boolean {
  const id = except !== 'transaction_id' && correctId(t, text);
  const date = except !== 'date' && correctDate(t, text);
  const amount = except !== 'amount' && correctAmount(t, text);
  return id || date || amount;
}

/**
 * "oops wrong id, its TX-…", "交易号错了，是 TX-…": the id put right. One given later to a case
 * without it (or with one that did not look like ours) fills the field. Answers whether it did —
 * it had been "Noted", the old id left on the card.
 */
function correctId(t: Turn, text: string): boolean {
  const slot = t.spec()?.collect.find((s) => s.type === 'transaction_id');
  if (!slot || !text) return false;
  const ids = findIdentifiers(text, t.ctx.txid).transactionIds;
  if (ids.length !== 1) return false;
  const id = ids[0]!;
  const had = t.state.values[slot.slot];
  if (had === id) return false;
  // (While questions are asked, an id given without one fills its field there: absorbIds.)
  const without =
    t.state.phase !== 'collecting' &&
    (had === undefined || had === t.t('say.userHasNone') || t.state.unverified.includes(slot.slot));
  const corrected = CORRECTION_ONCE.test(text) || WRONG.test(foldText(text));
  if (!without && !corrected) {
    // "and the txid is TX-…" once the case has another id (not said to be wrong): a second
    // transaction, or the right one — the agent decides, with both on the card (it had been
    // passed on with the card still showing only the first).
    if (t.state.phase === 'collecting' || without || unset(t, had) || had!.split(', ').includes(id))
      return false;
    t.state.values[slot.slot] = `${had}, ${id}`;
    t.reply(t.t('say.txidAlsoAdded', { id }));
    return true;
  }
  t.state.values[slot.slot] = id;
  t.state.unverified = t.state.unverified.filter((u) => u !== slot.slot);
  t.state.skipped = t.state.skipped.filter((u) => u !== slot.slot);
  t.reply(t.t(without && !corrected ? 'say.txidAdded' : 'say.txidUpdated', { id }));
  return true;
}

/** The amount field set to a corrected (or a first) value, and the user told. */
function setAmount(
  t: Turn,
  slot: SlotSpec,
  value: number,
  currency: string | undefined,
  told: 'say.amountUpdated' | 'say.amountAdded' = 'say.amountUpdated',
): true {
  const amount = formatAmount(value, currency);
  t.state.values[slot.slot] = amount;
  t.state.unverified = t.state.unverified.filter((u) => u !== slot.slot);
  t.state.skipped = t.state.skipped.filter((u) => u !== slot.slot);
  // (As the summary shows it: "3000 CNY" is 3,000 元 to a mainland user.)
  t.reply(t.t(told, { amount: t.amount(amount) }));
  return true;
}

/** The summary and its edit menu (an open case takes late answers its own way: fieldsGivenLater). */
const AT_THE_SUMMARY: ReadonlySet<string> = new Set(['confirming', 'editing']);

/** A field skipped, never answered, or answered "not provided". */
const missingValue = (t: Turn, slot: string) => unset(t, t.state.values[slot]);
/** No value, or the "not provided" a skipped required question leaves. */
const unset = (t: Turn, value: string | undefined) =>
  value === undefined || value === t.t('say.notProvided');

/**
 * The words are the value and little more ("it was on 3 november", "金额是300 USDT", "11月3号"):
 * not a sentence that also tells something else ("对了 我昨天付款也失败了" is another problem).
 */
function onlyThe(t: Turn, text: string, value: string): boolean {
  // An amount and a date given together ("it was 300 usdt on the 3rd of november") are both values.
  const zone = t.zone;
  const other = [findDate(text, t.ctx.now, zone)?.text, findAmount(text, { bare: false })?.text];
  let rest = text.replace(value, ' ');
  for (const o of other) if (o) rest = rest.replace(o, ' ');
  return fewWords(
    rest.replace(/[\p{P}\p{S}]/gu, ' ').replace(/\b(?:on|the|and|of)\b/gi, ' '),
    4,
    5,
  );
}

/** The currency of a corrected amount: the one said, but 元 after "5000 TWD" is the one it had. */
const currencyFor = (said: string | undefined, had: string | undefined) =>
  said && said !== '元' ? said : (unitOf(had) ?? said);

/** The currency of an amount field's value ("250 USDT" → USDT). */
const unitOf = (value: string | undefined) => / ([A-Z]{3,5}|元)$/.exec(value ?? '')?.[1];

/** The numbers of "150 not 105" / "不是500，是5000": the one put in place of the other. */
function swapIn(text: string): { newer: number; older: number } | undefined {
  // "3 x 25 not 3 x 20": counted amounts, compared as the totals they make.
  const plain = text.normalize('NFKC');
  const times = TIMES_INSTEAD_OF.exec(plain);
  if (times) {
    const [a, b, c, d] = times.slice(1, 5).map(Number) as [number, number, number, number];
    return { newer: Math.round(a * b * 100) / 100, older: Math.round(c * d * 100) / 100 };
  }
  const g = INSTEAD_OF.exec(plain)?.groups;
  if (!g) return undefined;
  const num = (s: string) => Number(s.replace(/,/g, ''));
  return g['new']
    ? { newer: num(g['new']), older: num(g['old']!) }
    : { newer: num(g['new2']!), older: num(g['old2']!) };
}
const TIMES_INSTEAD_OF =
  /(?<![\w.])(\d+)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*(?:[a-z]{3,4}\s*)?[,，]?\s*(?:not|instead of|rather than)\s*(\d+)\s*[x×*]\s*(\d+(?:\.\d+)?)(?![\d.])/i;
const INSTEAD_OF =
  /(?<![\w.])(?<new>\d[\d,]*(?:\.\d+)?)\s*(?:(?:[a-z]{1,5}|元|块|塊|蚊|刀)\s*)?[,，]?\s*(?:not|instead of|rather than|不是|唔係|唔系)\s*(?:[$€£¥]\s*)?(?<old>\d[\d,]*(?:\.\d+)?)(?![\d.])|(?:不是|唔係|唔系)\s*(?:[$€£¥]\s*)?(?<old2>\d[\d,]*(?:\.\d+)?)[^\d]{0,8}?(?:是|係|系)\s*(?:hk\$|[$€£¥]\s*)?(?<new2>\d[\d,]*(?:\.\d+)?)/i;
const AMOUNT_FIELD = /\bamount\b|金额|金額|数额|數額|钱数|錢數/;
const WRONG = /\bwrong\b|\bnot right\b|\bincorrect\b|错|錯|不对|不對|唔啱|有误|有誤|写错|寫錯/;

/** What follows the last "no wait" / "actually" / "不对，是…" in an answer, if there is one. */
function afterCorrection(text: string): string | undefined {
  let at = -1;
  for (const m of text.matchAll(CORRECTION)) at = m.index + m[0].length;
  if (at >= 0) return text.slice(at);
  // "5000u才对": the value is what comes before the word that confirms it.
  const right = RIGHT_AFTER.exec(text);
  return right ? text.slice(0, right.index) : undefined;
}
const RIGHT_AFTER = /才对|才對|才是|才係|才系/;
const CORRECTION =
  /\b(?:no wait|wait,? no|no,? sorry|sorry,? no|actually|i mean|correction|oops|no,? it(?:'s| is| was))\b|不对|不對|应该是|應該是|其实是|其實是|更正|说错了|說錯了|打错了|打錯了|唔係|我是说|我是說/gi;
/** CORRECTION for a test (the global one keeps its place between calls). */
const CORRECTION_ONCE = new RegExp(CORRECTION.source, 'i');

/**
 * "send it" before every question was answered: the rest are skipped and the case is sent,
 * with the summary shown so the user sees what went.
 */
function submitNow(t: Turn): void {
  const spec = t.spec()!;
  restoreEdited(t);
  delete t.state.editPrevious;
  for (const slot of spec.collect)
    if (!isFilled(t, slot)) {
      if (slot.optional || slot.type === 'images') t.state.skipped.push(slot.slot);
      else {
        t.state.values[slot.slot] = t.t('say.notProvided');
        if (!t.state.unverified.includes(slot.slot)) t.state.unverified.push(slot.slot);
      }
    }
  t.state.editing = false;
  summary(t, false);
  confirm(t);
}

/**
 * "I don't have the id" said before the id is asked: where to find it, once, and the id
 * question is not asked later.
 */
export function noteNoIdentifier(t: Turn, text: string): boolean {
  const slot = t.spec()?.collect.find((s) => s.type === 'transaction_id');
  if (!slot || t.state.values[slot.slot] !== undefined || !saysNoIdentifier(text)) return false;
  if (findIdentifiers(text, t.ctx.txid).transactionIds.length) return false;
  // "where do i find the transaction id?": where, and it is asked for as usual (it had been "I'll
  // send your case without it … for next time: it's in …").
  const folded = foldText(text);
  if (isQuestion(folded) && ASKS_WHERE.test(folded) && !HAS_NONE.test(folded)) {
    t.reply(t.t('say.txidWhere', { example: t.ctx.txid.example }));
    return true;
  }
  t.reply(t.t('say.txidWhereToFind', { example: t.ctx.txid.example }));
  t.state.values[slot.slot] = t.t('say.userHasNone');
  keepReason(t, text);
  return true;
}

/** "I don't remember" and nothing more: "唔記得", "不记得了", "忘了", "dont remember", "not sure". */
const FORGOT =
  /^(?:i\s+)?(?:(?:don'?t|do not|dont|can'?t|cannot|cant)\s+(?:remember|recall)|forgot|not sure|no idea|唔记得(?:喇|啦|了)?|不记得(?:了)?|忘(?:记)?了|记不清(?:了)?|不清楚|唔知)[.!。！\s]*$/;

/** Where the id is to be found, asked: "where do i find it?", "交易号在哪里看". */
const ASKS_WHERE =
  /\bwhere\b|\bhow (?:do|can|would) i (?:find|get|see|look)\b|哪里|哪儿|在哪|喺边|点搵|点揾|怎么找|如何找/;
/** …and not that they have none: "I don't have one, where would it be?", "我找不到". */
const HAS_NONE =
  /\b(?:don'?t|do not|dont|can'?t|cannot|cant|couldn'?t|never|lost)\b|没有|冇|找不到|搵唔到|没/;

/** A question whether the exchange's TxID or the chain's hash is what is asked for. */
const ASKS_IF_HASH_WORKS =
  /(?:\btx ?id\b|\btxn ?id\b|\bhash\b|哈希|雜湊|杂凑)[^?？]*(?:\bsame\b|\bthat\b|\bthis\b|\bwork|\bok\b|\bfine\b|\bcount|\bdo\b|\bis it\b|一样|一樣|可以|行吗|行嗎|算吗|算嗎|是不是|係咪|得唔得)|(?:\bsame\b|一样|一樣)[^?？]*(?:\btx ?id\b|\bhash\b|哈希)/i;

function answerTxid(t: Turn, slot: SlotSpec, text: string, folded: string): void {
  const found = findIdentifiers(text, t.ctx.txid);
  if (found.addresses.length) {
    const address = found.addresses.map((a) => a.value).join(', ');
    t.state.values[WALLET_ADDRESS] = address;
    t.reply(t.t('say.addressNoted', { address }));
  }
  if (found.transactionIds.length) {
    const ids = found.transactionIds;
    t.state.values[slot.slot] = ids.join(', ');
    t.state.unverified = t.state.unverified.filter((u) => u !== slot.slot);
    if (ids.length > 1)
      t.reply(t.t('say.txidSeveral', { ids: ids.join(t.lang === 'zh' ? '、' : ', ') }));
    const rest = text.replace(new RegExp(ids.map(escapeRe).join('|'), 'g'), '').trim();
    // (Also "TX20261205 77AB12C": the part after the space may belong to the id.)
    if (rest.replace(/[\s\p{P}]/gu, '').length >= 12 || bareId(rest)) t.addNote(text);
    // "500 usdt trc20. txid 7f3a…": the amount (and date) said with it are not asked again.
    absorb(t, rest);
    return advance(t);
  }
  if (found.addresses.length) return ask(t, slot, true);
  // "binance show me TxID is that same thing?": yes — and the question is asked again.
  if (isQuestion(folded) && ASKS_IF_HASH_WORKS.test(folded) && t.mayAsk(`hash:${slot.slot}`)) {
    t.addNote(text);
    t.reply(t.t('say.txidHashWorks'));
    return ask(t, slot, true);
  }
  if (!isSkip(folded) && !saysNoIdentifier(text) && absorb(t, text).length) {
    // "my bank is HSBC, 500 USDT, please check fast": the amount in its field, the rest kept.
    keepWordsAround(t, text);
    t.reply(t.t('say.noted'));
    return ask(t, slot);
  }
  if (isSkip(folded) || isNo(folded) || saysNoIdentifier(text)) {
    // "I don't have it" in any wording: where to find it, once, then on without it — with the
    // amount and date said alongside ("there is no ID!! 1200 euro just disappeared on monday").
    t.reply(t.t('say.txidWhereToFind', { example: t.ctx.txid.example }));
    t.state.values[slot.slot] = t.t('say.userHasNone');
    keepReason(t, text);
    absorb(t, text);
    return advance(t);
  }
  // Words at an optional id question are the answer for the agent ("it's about my limit") —
  // unless they say money did leave ("now there's a withdrawal i didn't make"): its id, once more.
  if (slot.optional && isSubstantial(text)) {
    t.addNote(text);
    t.reply(t.t('say.noted'));
    if (MONEY_LEFT.test(folded) && t.mayAsk(`left:${slot.slot}`)) return ask(t, slot, true);
    return skipSlot(t, true);
  }
  // "TRC20", "ERC-20", "波场": the network, not the transaction's id (it had been kept as the id,
  // "Transaction ID: TRC20 (unverified)": the desk-shift review). Kept for the agent; the id
  // asked once more.
  const network = NETWORK_ONLY.exec(text)?.[1];
  const once = `network:${slot.slot}`;
  if (network && !t.state.asked?.[once] && t.mayAsk(once)) {
    t.addNote(text);
    t.reply(t.t('say.networkNotTxid', { network: network.toUpperCase() }));
    return ask(t, slot, true);
  }
  // "WD-5512", "4471902": the answer to "what's the ID?" is an id, if not in our shape — kept,
  // marked for the agent to check (it was refused, and lost when "I don't have one" followed).
  const bare = bareId(text);
  if (bare) {
    t.state.values[slot.slot] = bare;
    if (!t.state.unverified.includes(slot.slot)) t.state.unverified.push(slot.slot);
    t.reply(t.t('say.txidUnusual', { id: bare, example: t.ctx.txid.example }));
    return advance(t);
  }
  missed(t, slot, text, 'say.badTxid');
}

/** A network's name and nothing else: "TRC20", "erc-20", "BEP20 network", "TRON", "波场", "以太坊链". */
const NETWORK_ONLY =
  /^\s*(?:(?:it was|it's|its|on|via|network|网络|網絡|網路|链|鏈)\s*[:：]?\s*)?((?:trc|erc|bep|spl)[\s-]?20|tron|ethereum|eth|bsc|bnb chain|polygon|matic|solana|sol|arbitrum|optimism|base|ton|波场|波場|以太坊|币安链|幣安鏈)(?:\s*(?:network|chain|网络|網絡|網路|链|鏈))?[\s.!。]*$/i;

/**
 * A message that is one id-like token ("WD-5512", "#4471902", "ref 88AB12"): digits in it (six
 * at least when it is only digits), no date.
 */
function bareId(text: string): string | undefined {
  const m =
    /^\s*(?:(?:id|ref|no\.?|#)\s*[:#]?\s*)?#?([A-Za-z0-9][A-Za-z0-9_\-/.]{2,63})[\s.!。]*$/i.exec(
      text,
    );
  const id = m?.[1];
  if (!id || /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}([-/.]\d{2,4})?$/.test(id))
    return undefined;
  const digits = id.replace(/\D/g, '').length;
  if (digits === id.replace(/[-_/.]/g, '').length) return digits >= 6 ? id : undefined;
  return digits >= 2 && id.length >= 4 ? id : undefined;
}

/** Money said to have left: "a withdrawal i didn't make", "they took 500 usdt", "钱被转走了". */
const MONEY_LEFT =
  /\b(?:withdrawal|withdrew|transfer(?:red)?|sent|took|taken|gone|missing|drained|emptied|moved)\b|转走|轉走|被提|被转|被轉|不见了|不見了|没了|沒了|唔见|唔見|提走/;

/**
 * An answer that does not fit: words are kept as details (never dropped), the question is asked
 * once more, and after the second miss the case goes on without the field.
 */
export function missed(t: Turn, slot: SlotSpec, text: string, again: string): void {
  t.state.misses += 1;
  const words = stripMarks(text).replace(/[\s\p{P}\d]/gu, '').length >= 8;
  if (words) t.addNote(text);
  if (t.state.misses >= MAX_ASKS) {
    if (slot.type === 'transaction_id') t.reply(t.t('say.txidGiveUp'));
    return skipSlot(t, false);
  }
  t.reply(
    sentences(words ? t.t('say.txidKeptWords') : '', t.t(again, { example: t.ctx.txid.example })),
    slot.type === 'transaction_id'
      ? [['notxid', t.t('ui.noTxid')]]
      : slot.optional
        ? [['skip', t.t('ui.skip')]]
        : [],
  );
}

/** A date the user corrects ("no wait, it was the 1st"); answers whether one was taken. */
export function correctDate(t: Turn, text: string): boolean {
  const slot = t.spec()?.collect.find((s) => s.type === 'date');
  if (!text) return false;
  const zone = t.zone;
  // "it was on 3 december", "12月3号" at the summary of a case without its date: the field filled
  // (it had been "Noted"), in a short answer, a day that has been.
  if (slot && AT_THE_SUMMARY.has(t.state.phase) && missingValue(t, slot.slot)) {
    const d = findDate(text, t.ctx.now, zone);
    const today = new Date(wallAt(zone, t.ctx.now)).toISOString().slice(0, 10);
    if (d && d.iso <= today && onlyThe(t, text, d.text)) {
      t.state.values[slot.slot] = formatDate(d);
      t.state.unverified = t.state.unverified.filter((u) => u !== slot.slot);
      t.state.skipped = t.state.skipped.filter((u) => u !== slot.slot);
      t.reply(t.t('say.dateAdded', { date: formatDate(d) }));
      return true;
    }
  }
  const said = findDateCorrection(text, t.ctx.now, zone);
  if (!said) return false;
  if (!slot) {
    // No date field for this problem: the correction goes to the agent as a detail.
    t.addNote(text);
    t.reply(t.t('say.noted'));
    return true;
  }
  const d = inMonthOf(said, t.state.values[slot.slot], t.ctx.now, zone);
  t.state.values[slot.slot] = formatDate(d);
  t.state.unverified = t.state.unverified.filter((u) => u !== slot.slot);
  t.state.skipped = t.state.skipped.filter((u) => u !== slot.slot);
  t.reply(t.t('say.dateUpdated', { date: formatDate(d) }));
  return true;
}
