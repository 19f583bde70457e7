/**
 * The summary the user checks, the edit menu, and the case it opens: the draft for the desk
 * (fields, priority, flags, files) and the answer with the case id and when to expect an agent.
 */
import { foldText } from '../nlu/text.ts';
import { PRIVATE_KEY_MARK, RECOVERY_PHRASE_MARK } from '../sensitive/index.ts';
import { aliasFor } from '../texts.ts';
import { DISTRESS, THREAT, type TicketDraft } from '../tickets/ticket.ts';
import type { Priority } from '../types.ts';
import { ask } from './collect.ts';
import { resetCase } from './state.ts';
import { maxPriority, NOTES, WALLET_ADDRESS, type Turn } from './step-turn.ts';

function summaryLines(t: Turn): Array<[string, string]> {
  const lines: Array<[string, string]> = [];
  if (t.state.also?.length)
    lines.push([slotLabel(t, 'also'), t.state.also.map((a) => t.intentLabel(a)).join(', ')]);
  for (const slot of t.slots()) {
    const name = slotLabel(t, slot.slot);
    if (slot.type === 'images') {
      lines.push([
        name,
        t.state.files.length
          ? t.t('say.files', { n: t.state.files.length })
          : t.t('say.notProvided'),
      ]);
      continue;
    }
    const v = t.state.values[slot.slot];
    const placeholder = v === t.t('say.userHasNone') || v === t.t('say.notProvided');
    const mark =
      t.state.unverified.includes(slot.slot) && !placeholder ? ` (${t.t('say.unverified')})` : '';
    // "1280 TWD" reads as NT$1,280, "3000 CNY" as 3,000 元 to a mainland user.
    const amount = v !== undefined ? t.shown(slot, v) : v;
    const shown = v === t.t('say.userHasNone') ? t.t('say.youHaveNone') : amount;
    lines.push([name, shown !== undefined ? `${echo(shown)}${mark}` : t.t('say.notProvided')]);
  }
  if (t.state.values[WALLET_ADDRESS])
    lines.push([slotLabel(t, WALLET_ADDRESS), t.state.values[WALLET_ADDRESS]]);
  if (t.state.values[NOTES])
    lines.push([slotLabel(t, NOTES), echo(t.state.values[NOTES].split('\n').join(' / '))]);
  return lines;
}

/** The longest value the summary echoes: the user knows their own story (the agent gets it whole). */
const ECHO_MAX = 300;
const echo = (value: string) =>
  value.length > ECHO_MAX ? `${value.slice(0, ECHO_MAX - 1).trimEnd()}…` : value;

function slotLabel(t: Turn, slot: string): string {
  const key = `slot.${slot}`;
  if (t.ctx.texts.has(key)) return t.t(key);
  const words = slot.replace(/_/g, ' ');
  return t.lang === 'en' ? words[0]!.toUpperCase() + words.slice(1) : words;
}

/** Send / Edit / Cancel under the summary. */
export function summaryChoices(t: Turn): Array<[string, string]> {
  return [
    ['confirm', t.t('ui.confirm')],
    ['edit', t.t('ui.edit')],
    ['cancel', t.t('ui.cancel')],
  ];
}

/**
 * The marks masking left in the user's words, in the user's language ("[助记词已隐去]"); the
 * stored case keeps the marks as they are (the desk has its own language).
 */
function localMarks(t: Turn, value: string): string {
  return value
    .replaceAll(RECOVERY_PHRASE_MARK, t.t('say.markPhrase'))
    .replaceAll(PRIVATE_KEY_MARK, t.t('say.markKey'));
}

/** The summary to check; `withButtons: false` shows what is being sent (no question, no buttons). */
export function summary(t: Turn, withButtons = true): void {
  const spec = t.spec()!;
  t.state.phase = 'confirming';
  t.state.pendingTicketId ??= t.ctx.newTicketId();
  const lines = [
    [t.t('say.problem'), t.intentLabel(spec.id)] as [string, string],
    ...summaryLines(t),
  ].map(([label, value]) => t.t('say.summaryLine', { label, value: localMarks(t, value) }));
  if (!withButtons) return t.reply(t.t('say.sending', { lines: lines.join('\n') }));
  t.reply(t.t('say.summary', { lines: lines.join('\n') }), summaryChoices(t));
}

/** Which field to change (one button per field). */
export function editMenu(t: Turn): void {
  const spec = t.spec()!;
  t.state.phase = 'editing';
  const choices: Array<[string, string]> = t
    .slots()
    .map((slot) => [`e:${slot.slot}`, slotLabel(t, slot.slot)]);
  // The problem itself, when it was guessed wrong ("it's a deposit, not a withdrawal").
  if (spec.id !== 'contact_human') choices.push([`e:${PROBLEM_FIELD}`, t.t('ui.editProblem')]);
  // Back to the summary, not "cancel": a user who changes their mind about editing keeps the case.
  choices.push(['back', t.t('ui.editBack')]);
  t.reply(t.t('say.editWhich'), choices);
}

/**
 * The field typed in the edit menu or at the summary: its name alone ("amount", "金额"), or with
 * "change" / "wrong" around it ("change the date", "日期不对", "改金额"); never a sentence that
 * only mentions it ("没截图" is no screenshots, not "edit the screenshots").
 */
export function typedSlot(t: Turn, folded: string): string | undefined {
  const words = folded
    .replace(/[.!?。！？]+/g, ' ')
    .trim()
    .replace(/^(?:(?:change|edit|fix|correct|update)(?: the| my)?|修改|更改|改一下|改)\s*/, '')
    .replace(/\s*(?:(?:is )?wrong|不对|不對|错了|錯了|有误|有誤|要改|改一下)$/, '')
    .trim();
  if (!words || words.length > 20) return undefined;
  if (PROBLEM_WORDS.test(words) || words === foldText(t.t('ui.editProblem'))) return PROBLEM_FIELD;
  for (const slot of t.slots())
    if (words === foldText(slotLabel(t, slot.slot)) || words === slot.slot.replace(/_/g, ' '))
      return slot.slot;
  return undefined;
}

/** The problems the case could be instead (one button each), or back to the summary. */
function askWhichProblem(t: Turn): void {
  t.state.phase = 'editing';
  const choices: Array<[string, string]> = [...t.ctx.catalog.problems.keys()]
    .filter((id) => id !== 'contact_human' && id !== t.state.intent)
    .map((id) => [`p:${id}`, t.intentLabel(id)]);
  choices.push(['back', t.t('ui.editBack')]);
  t.reply(t.t('say.editProblemWhich'), choices);
}

/** The edit menu's entry for the problem itself (not a slot). */
export const PROBLEM_FIELD = 'problem';
const PROBLEM_WORDS = /^(?:the )?(?:problem|issue|category)(?: type)?$|^问题(?:类型|类别|分类)?$/;

/** A field to change: its old value kept aside (restored if no new one comes), asked again. */
export function editSlot(t: Turn, name: string): void {
  if (name === PROBLEM_FIELD) return askWhichProblem(t);
  const spec = t.spec()!;
  const index = spec.collect.findIndex((s) => s.slot === name);
  if (index < 0) return editMenu(t);
  const slot = spec.collect[index]!;
  const value = t.state.values[name];
  t.state.editPrevious = {
    slot: name,
    ...(value !== undefined ? { value } : {}),
    ...(t.state.unverified.includes(name) ? { unverified: true } : {}),
    ...(slot.type === 'images' ? { files: t.state.files } : {}),
  };
  delete t.state.values[name];
  t.state.skipped = t.state.skipped.filter((x) => x !== name);
  t.state.unverified = t.state.unverified.filter((x) => x !== name);
  if (slot.type === 'images') t.state.files = [];
  t.state.phase = 'collecting';
  t.state.slot = index;
  t.state.editing = true;
  t.state.misses = 0;
  ask(t, slot, true);
}

/**
 * The case is sent: the draft for the desk (fields, the highest priority of its problems, flags
 * for a senior agent or a leaked secret, files) and the answer with its id and when to expect an
 * agent.
 */
export function confirm(t: Turn): void {
  const spec = t.spec()!;
  const id = t.state.pendingTicketId ?? t.ctx.newTicketId();
  const fields: Record<string, string> = {};
  for (const slot of spec.collect) {
    const v = t.state.values[slot.slot];
    if (v !== undefined) fields[slot.slot] = v;
  }
  for (const extra of [WALLET_ADDRESS, NOTES])
    if (t.state.values[extra]) fields[extra] = t.state.values[extra];
  const priority = draftPriority(t);
  const flags = [
    ...(t.state.senior ? ['senior_requested'] : []),
    ...(t.state.distress ? [DISTRESS] : []),
    ...(t.state.threat ? [THREAT] : []),
    ...(t.state.secrets ?? []).map((k) => `secret:${k}`),
  ];
  const draft: TicketDraft = {
    id,
    priority,
    intent: spec.id,
    lang: t.lang,
    user: t.ctx.user,
    userAddress: t.ctx.address,
    fields,
    unverified: [...t.state.unverified],
    evidence: [...t.state.files],
    userWords: t.state.userWords ?? spec.label[t.lang],
    ...(t.state.also?.length ? { also: [...t.state.also] } : {}),
    ...(flags.length ? { flags } : {}),
    ...(t.state.script && t.lang === 'zh' ? { script: t.state.script } : {}),
  };
  t.effects.push({ type: 'open_ticket', draft });
  const secrets = !!t.state.secrets?.length;
  const senior = !!t.state.senior;
  t.state = resetCase(t.state);
  t.state.phase = 'handed_off';
  t.state.ticketId = id;
  const parts = [t.t('say.ticketCreated', { id, eta: eta(t, priority) })];
  if (senior) parts.push(t.t('say.seniorAccepted'));
  if (secrets) parts.push(t.t('say.secretUrgentCase'));
  if (!t.protectiveShown) parts.push(t.t('say.antiImpersonation'));
  t.reply(parts.join('\n\n'));
}

/**
 * A user on an open case asks whether anyone is there: their message went to the agent (named
 * once one has the case) and the usual wait for its priority.
 */
export function waitingAnswer(t: Turn, again = false): void {
  const ticket = t.ctx.ticket;
  const id = t.state.ticketId ?? ticket?.id ?? '';
  const assignee = ticket?.status !== 'closed' ? ticket?.assignee : undefined;
  // Said once: the same answer to each of "still waiting" ×5 is noise. Again after a while, or
  // when an agent has taken the case since.
  const told = t.state.waitTold;
  // (`again`: asked where the agent went — answered whatever was said before.)
  if (!again && told && t.ctx.now - told.at < WAIT_TOLD_AGAIN_MS && told.assignee === assignee) {
    // "is anyone there??" asked again: a short line once (silence read as nobody there), then
    // nothing more until the wait is told again. Not for the rest of a burst sent at once.
    if (told.again || t.ctx.now - told.at < ASKED_AGAIN_AFTER_MS) return;
    t.state.waitTold = { ...told, again: true };
    return t.reply(t.t('say.stillHereOnCase', { id }));
  }
  t.state.waitTold = { at: t.ctx.now, ...(assignee ? { assignee } : {}) };
  // Past the first-answer target with no answer: an apology, not "we usually answer within…"
  // (said again after the target was missed, it read as if nothing was wrong).
  if (ticket?.overdue) return t.reply(t.t('say.relayedOverdue', { id }));
  if (assignee)
    return t.reply(t.t('say.relayedAssigned', { id, assignee: agentName(t, assignee) }));
  t.reply(t.t('say.relayedWaiting', { id, eta: eta(t, ticket?.priority ?? 'normal') }));
}

/**
 * How the agent holding the case is named to the user: "客服 Alice", or STAFF_ALIAS alone (the
 * alias hides agents' names everywhere, not only in their replies).
 */
export function agentName(t: Turn, name: string): string {
  return t.ctx.staffAlias
    ? t.local(aliasFor(t.ctx.staffAlias, t.lang))
    : t.t('say.agentNamed', { name });
}

/** A question about the wait sooner than this after the answer is part of the same burst. */
const ASKED_AGAIN_AFTER_MS = 5_000;

/** How long the wait answer is not repeated to a user who keeps asking. */
export const WAIT_TOLD_AGAIN_MS = 15 * 60_000;

/** The case's priority once sent: the highest of its problems, at least high for a senior. */
function draftPriority(t: Turn): Priority {
  let priority = maxPriority(t.spec()!.priority, t.state.minPriority);
  for (const other of t.state.also ?? [])
    priority = maxPriority(priority, t.ctx.catalog.problem(other)?.priority);
  return t.state.senior ? maxPriority(priority, 'high') : priority;
}

/** "how long will it take?" before the case is sent: the wait it will have, then the question. */
export function waitBeforeSending(t: Turn): void {
  t.reply(t.t('say.onceSent', { eta: eta(t, draftPriority(t)) }));
}

/** When the user can expect an answer: the priority's target, counted in open hours. */
function eta(t: Turn, priority: Priority): string {
  const clock = t.ctx.clock;
  const duration = clock.formatDuration(clock.firstResponseTarget(priority), t.locale);
  if (priority === 'urgent') return t.t('say.etaUrgent', { duration });
  if (clock.isOpen(t.ctx.now) || !clock.describe(t.locale)) return t.t('say.etaOpen', { duration });
  const next = clock.nextOpen(t.ctx.now);
  if (next === undefined) return t.t('say.etaOpen', { duration });
  return t.t('say.etaClosed', {
    next: clock.formatLocal(next, t.locale, t.ctx.now),
    duration,
  });
}
