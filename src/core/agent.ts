import type { Logger } from 'pino';
import type { CoreContext } from './context.ts';
import { userKey } from './context.ts';
import type { DeskSync } from './desk-sync.ts';
import {
  asksInOtherWords,
  contactsGiven,
  echoesUserSecret,
  guardForms,
  meantForColleague,
  movesFunds,
  plainAgent,
  printSalt,
  unlistedNotice,
  withoutEmails,
} from './agent-guard.ts';
import { errorRef } from './errors.ts';
import { lazyChild } from './lazy-log.ts';
import { RECENT_IDS } from './flow/state.ts';
import type { Intake } from './intake.ts';
import { sanitizeUserText } from './nlu/text.ts';
import type { Outbox } from './outbox.ts';
import {
  asksForRemoteAccess,
  asksForSecret,
  givesSecret,
  maskAgentText,
  maskSensitive,
  outsideLinks,
  suspectLinks,
  takesUserOffPlatform,
  withoutAllowedLinks,
} from './sensitive/index.ts';
import { sayDuration } from './clock.ts';
import type { EvidenceFile, EvidenceRejection } from './evidence.ts';
import { localeOf, type Texts } from './texts.ts';
import { placeholderIn, PRIORITY_MARK } from './tickets/card.ts';
import { ticketIdsIn } from './tickets/ids.ts';
import { restartSla } from './tickets/sla.ts';
import { transcriptFile } from './tickets/transcript.ts';
import { detectScript } from './script.ts';
import {
  addNote,
  agentAnswered,
  closesAsDuplicate,
  agentReply,
  claim,
  close,
  escalate,
  isHolder,
  readingOf,
  reopen,
  saidByUser,
  USER_UNREACHABLE,
  transfer,
  unclaim,
  type Reading,
  type Ticket,
  type TransitionResult,
} from './tickets/ticket.ts';
import type { AgentEvent, AgentFeedback, OutboundFile } from './types.ts';
import { displayAmount } from './nlu/amounts.ts';
import { amountKind, type SnippetCase } from './snippets.ts';

/**
 * Agent commands and replies in a case: who may act (agents only), routing by the stored
 * topic / thread id, then claim, note, close, reopen, or a reply relayed to the user. Runs in the
 * ticket's user's turn, so it never interleaves with that user's own messages.
 */
export class AgentCommands {
  constructor(
    private readonly ctx: CoreContext,
    private readonly intake: Intake,
    private readonly deskSync: DeskSync,
    private readonly outbox: Outbox,
  ) {}

  handle(raw: AgentEvent): Promise<AgentFeedback> {
    // An agent's name reaches users ("💬 NAME · case T-…", "NAME … is now looking at your case"):
    // as plain text, without tags or bidi controls ("\u202eTeam" had shown reversed).
    const event: AgentEvent =
      raw.type === 'command' && raw.target
        ? { ...raw, agent: plainAgent(raw.agent), target: plainAgent(raw.target) }
        : { ...raw, agent: plainAgent(raw.agent) };
    const log = lazyChild(this.ctx.log, {
      desk: event.desk.platform,
      thread: event.desk.threadId,
      agent: event.agent.userId,
    });
    return this.agentEntry(event, log).catch((err: unknown) => {
      const ref = errorRef();
      log.error({ err, ref }, 'agent event failed');
      return {
        ok: false,
        text: this.ctx.desk('error', { ref }),
      };
    });
  }

  private async agentEntry(event: AgentEvent, log: Logger): Promise<AgentFeedback> {
    if (!event.agent.isAgent) {
      log.warn({ type: event.type }, 'refused: not an agent');
      return { ok: false, text: this.ctx.desk('notAgent') };
    }
    await this.ctx.agents.remember(event.agent);
    // The queue and the snippet list answer anywhere in the desk.
    if (event.type === 'command' && event.command === 'queue') return this.queue();
    if (event.type === 'command' && event.command === 'snippets')
      return this.snippetList(await this.snippetsCase(event));
    const first = await this.threadTicket(event);
    // Agents' own topics / threads are not cases: words there are left alone, commands answered.
    if (!first)
      return {
        ok: false,
        text: this.ctx.desk(event.desk.threadId ? 'notLinked' : 'notInCase'),
        quiet: event.type === 'reply',
      };
    return this.ctx.queue.run(userKey(first.user.platform, first.user.userId), () =>
      this.agentTurn(first.id, event, log),
    );
  }

  private async agentTurn(id: string, event: AgentEvent, log: Logger): Promise<AgentFeedback> {
    let t = (await this.ctx.repo.ticket(id))!;
    if (t.seen?.includes(event.messageId))
      return { ok: true, text: this.ctx.desk('alreadyHandled'), quiet: true };
    const now = this.ctx.now();
    const agent = event.agent;
    const remember = (x: Ticket): Ticket => ({
      ...x,
      seen: [...(x.seen ?? []), event.messageId].slice(-RECENT_IDS),
    });

    if (event.type === 'reply') {
      if (event.editOf !== undefined) return this.correction(t, event, log, remember);
      const { files, rejected } = await this.intake.keepAttachments(event.attachments, log);
      return this.sendReply(t, event, event.text, files, rejected, log, remember);
    }

    switch (event.command) {
      case 'claim': {
        const r = claim(t, agent, now);
        if (!r.ok) return this.refusal(t, r);
        t = await this.deskSync.saveAndSync(remember(r.ticket), log);
        // The user hears that someone has it (they had learned it only by asking).
        await this.tellWhoHasIt(
          t,
          agent.displayName,
          'say.caseClaimed',
          'say.caseClaimedAlias',
          log,
        );
        log.info({ ticket: t.id }, 'ticket claimed');
        return { ok: true, text: this.ctx.desk('claimed', { id: t.id }) };
      }
      case 'note': {
        // Internal, kept for good: masked as a user's words are (an agent copying a user's
        // password, CVV or code into a note keeps only the mask).
        const text = maskSensitive(sanitizeUserText(event.args)).text;
        if (!text) return { ok: false, text: this.ctx.desk('noteUsage') };
        t = remember(addNote(t, agent, text, now));
        await this.ctx.repo.saveTicket(t);
        return { ok: true, text: this.ctx.desk('noteSaved', { id: t.id }) };
      }
      case 'transfer': {
        if (event.target && !event.target.isAgent)
          return {
            ok: false,
            text: this.ctx.desk('transferNotAgent', { who: event.target.displayName }),
          };
        const to = event.target ?? (await this.ctx.agents.find(agent.platform, event.args));
        if (!to)
          return {
            ok: false,
            text: event.args.trim()
              ? this.ctx.desk('transferUnknown', { who: event.args.trim() })
              : this.ctx.desk('transferWho', { id: t.id }),
          };
        const r = transfer(t, agent, to, now);
        // "@transfer Alice" to a case Alice holds: she has it (not "you already hold it").
        if (!r.ok && r.reason === 'already_yours' && !isHolder(t, agent))
          return {
            ok: true,
            text: this.ctx.desk('alreadyHolds', { id: t.id, who: to.displayName }),
          };
        if (!r.ok) return this.refusal(t, r);
        t = await this.deskSync.saveAndSync(remember(r.ticket), log);
        const text = this.ctx.desk('transferred', {
          id: t.id,
          to: to.displayName,
          by: agent.displayName,
        });
        await this.deskSync.announce(t, text, log);
        // The user is told who has it now (they had learned it only by asking, and only in
        // English) — by name unless STAFF_ALIAS hides agents' names.
        await this.tellWhoHasIt(
          t,
          to.displayName,
          'say.caseTransferred',
          'say.caseHandedOver',
          log,
        );
        log.info({ ticket: t.id, to: to.userId }, 'ticket transferred');
        return { ok: true, text, quiet: true };
      }
      case 'unclaim': {
        const holder = t.status === 'claimed' && !isHolder(t, agent) ? t.assignee : undefined;
        const r = unclaim(t, agent, now);
        if (!r.ok) return this.refusal(t, r);
        t = await this.deskSync.saveAndSync(remember(r.ticket), log);
        // Someone else's case (its holder away): said in the case, where its holder sees it.
        if (holder)
          await this.deskSync.announce(
            t,
            this.ctx.desk('unclaimedFromOther', {
              id: t.id,
              by: agent.displayName,
              holder: holder.displayName,
            }),
            log,
          );
        return { ok: true, text: this.ctx.desk('unclaimed', { id: t.id }) };
      }
      case 'escalate': {
        // The reason goes to the card, the transcript and the seniors' call: masked as a note.
        const reason = maskSensitive(sanitizeUserText(event.args)).text.trim();
        const again = t.escalated ? { reason } : undefined;
        t = await this.escalateCase(remember(t), agent.displayName, reason, log);
        return {
          ok: true,
          text: this.escalatedNotice(t, again),
          quiet: true,
        };
      }
      case 'transcript': {
        const { text, file } = await this.transcript(t);
        return { ok: true, text, file };
      }
      case 'snippet': {
        // "/snippet withdrawal_traced txid=TX-… amount=250 USDT": values the case lacks, given;
        // the word "force" sends a snippet that does not fit the case all the same.
        const words = event.args.trim().split(/\s+/).filter(Boolean);
        const force = words.some((w) => w.toLowerCase() === FORCE);
        const [typed = '', ...rest] = words.filter((w) => w.toLowerCase() !== FORCE);
        const snippets = this.ctx.snippets;
        if (!typed)
          return {
            ok: false,
            text: this.ctx.desk('snippetUsage', { names: this.snippetNames(t) }),
          };
        // "Closing" is "closing": names are written in lower case.
        const name = typed.toLowerCase();
        const given = snippetArgs(rest.join(' '));
        const fill = { ...snippetFill(t, this.ctx.texts), ...given };
        const text = snippets?.render(name, localeOf(t.lang, t.script), fill);
        if (!text)
          return {
            ok: false,
            text: this.ctx.desk('snippetUnknown', { name, names: this.snippetNames(t) }),
          };
        // Written for other cases (a bank withdrawal's text on a USDT amount, a refund's on a
        // withdrawal): not sent unless the agent says so.
        const c = snippetCase(t, this.ctx.texts, given);
        const misfit = force ? undefined : snippets?.misfit(name, c);
        if (misfit) {
          const command = ['/snippet', name, FORCE, ...rest].join(' ');
          return {
            ok: false,
            text:
              'intents' in misfit
                ? this.ctx.desk('snippetNotForProblem', {
                    name,
                    fits: misfit.intents.join(', '),
                    id: t.id,
                    problems: c.problems.join(', '),
                    command,
                  })
                : this.ctx.desk(misfit.amount === 'fiat' ? 'snippetForFiat' : 'snippetForCrypto', {
                    name,
                    amount: fill['amount'] ?? '',
                    command,
                  }),
          };
        }
        // A placeholder the case cannot fill is never sent as "{txid}" to the user.
        const missing = [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];
        if (missing.length)
          return {
            ok: false,
            text: this.ctx.desk('snippetMissing', {
              name,
              fields: missing.join(', '),
              example: missing.map((f) => `${f}=…`).join(' '),
            }),
          };
        const sent = await this.sendReply(t, event, text, [], [], log, remember);
        // The case shows what the user got, filled in (it had only a 👌 on the command: other
        // agents could not see what was promised).
        if (!sent.ok) return sent;
        const shown = this.ctx.desk('snippetSent', { name, text });
        return { ok: true, text: sent.quiet ? shown : `${shown}\n${sent.text}` };
      }
      case 'queue':
        return this.queue();
      case 'snippets':
        return this.snippetList();
      case 'close':
      case 'reopen': {
        const before = t;
        if (event.command === 'reopen') {
          const other = await this.otherOpenCase(t);
          if (other)
            return { ok: false, text: this.ctx.desk('userOnOtherCase', { id: t.id, other }) };
        }
        // Nobody has answered the user: closing would ask them to rate help they never got (an
        // urgent case among them) — unless the agent says why (a duplicate, spam).
        // (A reason says something: "/close ." is no reason.)
        const typed = maskSensitive(sanitizeUserText(event.args)).text.trim();
        const because = /[\p{L}\p{N}]/u.test(typed) ? typed : '';
        if (event.command === 'close' && t.status !== 'closed' && !because && !agentAnswered(t))
          return { ok: false, text: this.ctx.desk('closeUnanswered', { id: t.id }) };
        // "duplicate of T-AAAAAAA" naming no other case of this user (someone else's, or none):
        // the user would be told their case repeats one they do not have (it had closed, and
        // said so).
        if (event.command === 'close' && closesAsDuplicate(because)) {
          // (Also what only looks like one: "T-ABC1234" has letters no case id has.)
          const named = [
            ...new Set([...ticketIdsIn(because), ...(because.match(LOOKS_LIKE_A_CASE) ?? [])]),
          ]
            .map((id) => id.toUpperCase())
            .filter((id) => id !== t.id);
          if (named.length && !(await this.anotherOwnCase(t, named)))
            return {
              ok: false,
              text: this.ctx.desk('duplicateNotTheirs', { id: t.id, named: named.join(', ') }),
            };
          // None named: the user would be told their case repeats "another case of yours" that
          // may not exist (a desk-shift review: "/close duplicate" on a user's only case). The
          // agent who knows it is a duplicate knows of which.
          if (!named.length)
            return { ok: false, text: this.ctx.desk('duplicateNameIt', { id: t.id }) };
        }
        const r = event.command === 'close' ? close(t, agent, now) : reopen(t, agent, now);
        if (!r.ok) return this.refusal(t, r);
        if (event.command === 'close' && because)
          r.ticket = { ...r.ticket, closedBecause: because.slice(0, 200) };
        const change = event.command === 'close' ? 'closed' : 'reopened';
        t = (await this.outbox.applyStatusChange(remember(r.ticket), change, before.closedAt, log))
          .ticket;
        // TRANSCRIPT_ON_CLOSE: the whole case as a file in its topic / thread.
        if (change === 'closed' && this.ctx.deps.transcriptOnClose && t.desk) {
          const { text, file } = await this.transcript(t);
          await this.ctx.deps.desk
            ?.post(t.desk, { from: 'system', text, files: [file] })
            .catch((err: unknown) => log.warn({ err }, 'transcript not posted'));
        }
        log.info({ ticket: t.id, change, resolutionMs: now - t.createdAt }, `ticket ${change}`);
        return change === 'closed'
          ? {
              ok: true,
              text: this.ctx.desk(
                t.flags?.includes(USER_UNREACHABLE)
                  ? 'closedUnreachable'
                  : closesAsDuplicate(t.closedBecause)
                    ? 'closedDuplicate'
                    : agentAnswered(t)
                      ? 'closed'
                      : 'closedNoSurvey',
                { id: t.id },
              ),
            }
          : { ok: true, text: this.ctx.desk('reopened', { id: t.id }) };
      }
    }
  }

  /** An agent's words (or a snippet) to the user: masked only for real secrets, then delivered. */
  /**
   * An agent edited a message in the case. A reply the user got (one of the newest on the ticket)
   * reaches them again, marked as a correction, through every check a reply goes through; an
   * edited note or command, a held reply, or an edit that changes no word is left alone (silent:
   * a held reply is sent by writing it again).
   */
  private async correction(
    t: Ticket,
    event: Extract<AgentEvent, { type: 'reply' }>,
    log: Logger,
    remember: (x: Ticket) => Ticket,
  ): Promise<AgentFeedback> {
    const original = t.transcript.findLast(
      (e) => e.from === 'agent' && e.messageId === event.editOf,
    );
    const unchanged = original?.text === maskAgentText(sanitizeUserText(event.text)).text;
    if (!original || unchanged) {
      await this.ctx.repo.saveTicket(remember(t));
      return { ok: false, text: '', quiet: true };
    }
    return this.sendReply(t, event, event.text, [], [], log, remember, true);
  }

  private async sendReply(
    ticket: Ticket,
    event: AgentEvent,
    raw: string,
    files: EvidenceFile[],
    rejected: EvidenceRejection[],
    log: Logger,
    remember: (x: Ticket) => Ticket,
    /** An edit of a reply the user got: sent as a correction of it. */
    edited = false,
  ): Promise<AgentFeedback> {
    let t = ticket;
    // "@note …", "/close" typed as a reply by habit would reach the user as it is: not sent.
    const command = LOOKS_LIKE_COMMAND.exec(raw);
    if (command)
      return { ok: false, text: this.ctx.desk('looksLikeCommand', { command: command[1]! }) };
    // "note: user seems to be lying, check KYC": words about the user, meant for colleagues.
    if (LOOKS_LIKE_NOTE.test(raw) || ABOUT_THE_USER.test(raw))
      return { ok: false, text: this.ctx.desk('looksLikeNote') };
    // "@ Bob can you take this one? I'm off shift": meant for a colleague (agent-guard.ts).
    if (meantForColleague(raw, t.user)) return { ok: false, text: this.ctx.desk('forColleague') };
    // A reply staff never send is held, the seniors told in the case (an insider, a hijacked
    // agent account, a careless agent), the agent told why. Checked as the user would read it:
    // what is sent, and that with look-alikes read as what they look like (guardForms) — a
    // zero-width space inside "seed" had passed the check and been stripped for sending.
    const forms = guardForms(raw);
    const held = this.heldReply(forms, t.user.username);
    if (held) {
      await this.deskSync.announce(
        t,
        this.ctx.desk(held.notice, { id: t.id, agent: event.agent.displayName, ...held.vars }),
        log,
        !held.light,
      );
      return { ok: false, text: this.ctx.desk(held.feedback, held.vars) };
    }
    // A code or password the user sent (masked on the case), written back ("is your code
    // 482913?"): held, never sent nor kept in the transcript.
    const conv = await this.ctx.repo.conversation(t.userAddress.platform, t.user.userId);
    const salt = printSalt(t.userAddress.platform, t.user.userId);
    if (conv?.secretPrints && echoesUserSecret(forms.join('\n'), conv.secretPrints, salt)) {
      await this.deskSync.announce(
        t,
        this.ctx.desk('secretEchoHeld', { id: t.id, agent: event.agent.displayName }),
        log,
        true,
      );
      return { ok: false, text: this.ctx.desk('echoesSecret') };
    }
    // Agents' words reach the user unaltered, except a real secret value (and the agent is told).
    const masked = maskAgentText(forms[0]!);
    // A recovery phrase or a key in an agent's words (the user's own, pasted back): held, not
    // sent with its words cut out ("I see you sent [recovery phrase removed] your funds" had
    // lost the instruction around it) — the seniors see it like any reply staff never send.
    // (Also written with look-alike letters: "lеgal winnеr …" with a Cyrillic е.)
    const phrase = (found: readonly string[]) =>
      found.some((k) => k === 'recovery_phrase' || k === 'private_key');
    if (phrase(masked.found) || forms.slice(1).some((f) => phrase(maskAgentText(f).found))) {
      await this.deskSync.announce(
        t,
        this.ctx.desk('phraseSendHeld', { id: t.id, agent: event.agent.displayName }),
        log,
        true,
      );
      return { ok: false, text: this.ctx.desk('containsPhrase') };
    }
    const text = masked.text;
    if (!text && files.length === 0) {
      return {
        ok: false,
        text: rejected.length
          ? this.ctx.desk('notSent', { reasons: rejected.join(', ') })
          : this.ctx.desk('nothingToSend'),
      };
    }
    const r = agentReply(t, event.agent, text, files, this.ctx.now(), {
      // (A correction under the edited message's id: its next edit is compared with it.)
      messageId: event.type === 'reply' && event.editOf ? event.editOf : event.messageId,
      ...(edited ? { edited: true as const } : {}),
    });
    if (!r.ok) return this.refusal(t, r);
    this.ctx.counters.agentReplies++;
    const claimedNow = t.status === 'open';
    t = remember(r.ticket);
    if (claimedNow) t = await this.deskSync.saveAndSync(t, log);
    else await this.ctx.repo.saveTicket(t);
    // (Not delivered: the agent is told below — no second notice in the case.)
    const delivered = await this.outbox.deliverAgentReplies(t, log, false);
    // (The card says the user cannot be reached.)
    if (delivered.unreachable) await this.deskSync.sync(delivered.ticket, log);
    const other = this.otherLanguage(t, text);
    const note =
      (rejected.length ? this.ctx.desk('filesRefused', { n: rejected.length }) : '') +
      (masked.found.length
        ? `\n${this.ctx.desk('agentTextMasked', { what: masked.found.join(', ').replace(/_/g, ' ') })}`
        : '') +
      (other ? `\n${other}` : '');
    return delivered.unreachable
      ? { ok: false, text: this.ctx.desk('notDelivered', { note }) }
      : delivered.pending
        ? { ok: false, text: this.ctx.desk('queued', { note }) }
        : { ok: true, text: this.ctx.desk('delivered', { note }), quiet: !note };
  }

  /**
   * A reply in another language or script than the user's (English to a Chinese user, Simplified
   * to a Taiwan or Hong Kong user): delivered as written, the agent told (desk-shift review: sent
   * with no word to the agent). Snippets are in the user's language already.
   */
  private otherLanguage(t: Ticket, text: string): string | undefined {
    // (Links, ids and amounts are in no language: "https://wallet.example/help" alone is not English.)
    // (Only Latin letters and digits go with a number: "您的500USDT已发出" keeps its Chinese.)
    const words = text.replace(/\bhttps?:\/\/\S+|\bwww\.\S+|[\w.-]*\d[\w.-]*/g, ' ');
    const han = words.match(/\p{Script=Han}/gu)?.length ?? 0;
    const latinWords = words.match(/\b[A-Za-z]{2,}\b/g)?.length ?? 0;
    const user = readingOf(t.lang, t.script);
    // Chinese whose characters tell no script is only "other" to an English reader.
    const script = han >= 4 ? detectScript(text) : undefined;
    const wrote: Reading | undefined =
      han >= 4
        ? script === 'Hans'
          ? 'Simplified'
          : script || t.lang === 'en'
            ? 'Traditional'
            : undefined
        : han === 0 && latinWords >= 3
          ? 'English'
          : undefined;
    return wrote && wrote !== user
      ? this.ctx.desk('otherLanguage', {
          user: this.ctx.desk(`lang${user}`),
          reply: this.ctx.desk(`lang${wrote}`),
        })
      : undefined;
  }

  /** The whole case as a file (its transcript chunks read from the store) and the line for it. */
  private async transcript(t: Ticket): Promise<{ text: string; file: OutboundFile }> {
    const entries = await this.ctx.repo.transcript(t);
    const before = await this.ctx.repo.beforeCase(t);
    return {
      // ("1 entries" read wrong: one has its own line.)
      text: this.ctx.desk(entries.length === 1 ? 'transcriptReadyOne' : 'transcriptReady', {
        id: t.id,
        n: entries.length,
      }),
      file: transcriptFile(
        t,
        entries,
        this.ctx.deps.catalog,
        this.ctx.texts,
        this.ctx.deskLocale,
        before,
      ),
    };
  }

  /**
   * The user's other case still open, which their messages go to: reopening this one would leave
   * it unreachable (the agent asks, the answer lands on the other case).
   */
  private async otherOpenCase(t: Ticket): Promise<string | undefined> {
    const conv = await this.ctx.repo.conversation(t.userAddress.platform, t.user.userId);
    if (conv?.phase !== 'handed_off' || !conv.ticketId || conv.ticketId === t.id) return undefined;
    const other = await this.ctx.repo.ticket(conv.ticketId);
    return other && other.status !== 'closed' ? other.id : undefined;
  }

  /** Why a transition was refused, said to the agent ("already yours" is not a failure). */
  private refusal(t: Ticket, r: Exclude<TransitionResult, { ok: true }>): AgentFeedback {
    return {
      ok: r.reason === 'already_yours',
      text:
        r.reason === 'claimed_by_other'
          ? this.ctx.desk('claimedByOther', { id: t.id, holder: r.holder })
          : r.reason === 'closed'
            ? this.ctx.desk('closedUseReopen', { id: t.id })
            : r.reason === 'not_closed'
              ? this.ctx.desk('notClosed', { id: t.id })
              : r.reason === 'not_claimed'
                ? this.ctx.desk('notClaimed', { id: t.id })
                : this.ctx.desk('alreadyYours', { id: t.id }),
    };
  }

  /** "⬆️ T-… is escalated…", and that nobody was notified when no senior tier is set up. */
  private escalatedNotice(t: Ticket, again?: { reason: string }): string {
    const text = again
      ? this.ctx.desk('escalatedAgain', {
          ...escalatedVars(t, this.ctx),
          reason: again.reason ? this.ctx.deskAside(again.reason) : '',
        })
      : this.ctx.desk('escalated', escalatedVars(t, this.ctx));
    // (Chinese sentences follow each other without a space: "优先级：高。尚未…".)
    const gap = this.ctx.deskLocale === 'en' ? ' ' : '';
    return this.ctx.deps.desk?.hasSeniors === false
      ? `${text}${gap}${this.ctx.desk('noSeniors')}`
      : text;
  }

  /**
   * Moves a case to the senior tier: priority at least high, SLA targets of the new priority from
   * now, the seniors called in the case, the card and title marked, the user told.
   */
  async escalateCase(t0: Ticket, by: string, reason: string, log: Logger): Promise<Ticket> {
    const now = this.ctx.now();
    let t = escalate(t0, by, reason || undefined, now);
    // (Called again, the priority stays: its targets are not pushed back.)
    if (!t0.escalated) t = { ...t, sla: restartSla(t, this.ctx.clock, now) };
    t = await this.deskSync.saveAndSync(t, log);
    await this.deskSync.announce(
      t,
      this.escalatedNotice(t, t0.escalated ? { reason } : undefined),
      log,
      true,
    );
    log.info({ ticket: t.id, by, again: !!t0.escalated }, 'ticket escalated');
    // Escalated again (the seniors called once more): the user has been told already.
    if (t0.escalated) return t;
    await this.ctx.sendToUser(
      t.userAddress,
      {
        // Nobody was called when no senior tier is set up: the user is not promised one.
        text: this.ctx.texts.get(
          localeOf(t.lang, t.script),
          this.ctx.deps.desk?.hasSeniors === false ? 'say.seniorReview' : 'say.seniorTakingOver',
          { id: t.id },
        ),
      },
      log,
    );
    return t;
  }

  /** Whether one of `ids` is another case of the same user (open or closed). */
  private async anotherOwnCase(t: Ticket, ids: string[]): Promise<boolean> {
    for (const id of ids) {
      const other = await this.ctx.repo.ticket(id);
      if (other?.user.platform === t.user.platform && other.user.userId === t.user.userId)
        return true;
    }
    return false;
  }

  /** Open cases, most urgent first, oldest first within a priority, with time left to target. */
  private async queue(): Promise<AgentFeedback> {
    const now = this.ctx.now();
    const open = await this.outbox.openTickets();
    if (!open.length) return { ok: true, text: this.ctx.desk('queueEmpty') };
    const rank = { urgent: 0, high: 1, normal: 2, low: 3 } as const;
    open.sort((a, b) => rank[a.priority] - rank[b.priority] || a.createdAt - b.createdAt);
    const say = (ms: number) => sayDuration(Math.abs(ms), this.ctx.deskLocale);
    const lines = open.slice(0, 40).map((t) => {
      const first = !t.firstResponseAt && t.sla?.firstResponseDueAt;
      const due = first ? t.sla!.firstResponseDueAt! : t.sla?.resolutionDueAt;
      const kind = this.ctx.desk(first ? 'kindFirst' : 'kindResolution');
      // The user's messages since the last agent's answer, once a first one was given (before,
      // the first answer's target says it).
      const since = t.firstResponseAt !== undefined ? unansweredSince(t) : undefined;
      const said = saidByUser(t);
      const waiting =
        (since !== undefined
          ? ` · ${this.ctx.desk('userWaiting', { left: say(now - since) })}`
          : '') +
        (said ? ` · ${this.ctx.desk(said === 'solved' ? 'userSolved' : 'userCancel')}` : '');
      return `${this.ctx.desk('queueLine', {
        mark: `${PRIORITY_MARK[t.priority]}${t.escalated ? '⬆️' : ''}`,
        id: t.id,
        intent: t.intent,
        age: say(now - t.createdAt),
        assignee: t.assignee?.displayName ?? this.ctx.desk('unassigned'),
        due:
          due === undefined
            ? this.ctx.desk('noTarget')
            : due >= now
              ? this.ctx.desk('dueIn', { kind, left: say(due - now) })
              : this.ctx.desk('overdue', { kind, left: say(now - due) }),
      })}${waiting}`;
    });
    return {
      ok: true,
      text: [this.ctx.desk('queueHeader', { n: open.length }), ...lines].join('\n'),
    };
  }

  /**
   * Why a reply must not reach the user, if it must not: it asks for a recovery phrase, key, code
   * or password, or gives one (staff never do, and the user was told so), asks them to move or
   * pay funds to an address, takes them to another app, a personal number or a site not among
   * AGENT_LINK_DOMAINS, or gives them a handle, phone number or e-mail address not among
   * AGENT_CONTACTS (or the user's own, `userHandle`). `forms`: the reply as it is sent, and as
   * the user reads it (guardForms).
   */
  private heldReply(
    forms: readonly string[],
    userHandle?: string,
  ): { notice: string; feedback: string; vars?: Record<string, string>; light?: true } | undefined {
    const any = (check: (text: string) => boolean) => forms.some(check);
    const all = (find: (text: string) => string[]) => [...new Set(forms.flatMap(find))].join(', ');
    if (any(asksForSecret) || any(asksInOtherWords))
      return { notice: 'secretRequestHeld', feedback: 'asksForSecret' };
    if (any(givesSecret)) return { notice: 'secretSendHeld', feedback: 'givesSecret' };
    // "move your funds to this safe address 0x…", "send 50 USDT verification deposit to T…".
    if (any(movesFunds)) return { notice: 'fundsRequestHeld', feedback: 'movesFunds' };
    if (any(asksForRemoteAccess))
      return {
        notice: 'offPlatformHeld',
        feedback: 'remoteAccess',
        vars: { what: this.ctx.desk('remoteApp') },
      };
    const suspect = all(suspectLinks);
    if (suspect)
      return {
        notice: 'offPlatformHeld',
        feedback: 'suspectLink',
        vars: { what: suspect, hosts: suspect },
      };
    const domains = this.ctx.deps.linkDomains;
    const allowed = { contacts: this.ctx.deps.agentContacts, domains, user: userHandle };
    // (An e-mail address is a contact, judged below: its domain is no link.)
    const links = domains ? all((text) => outsideLinks(withoutEmails(text), domains)) : '';
    if (links)
      return {
        ...unlistedNotice(forms, links, allowed),
        feedback: 'outsideLink',
        vars: { what: links, hosts: links },
      };
    if (any((text) => takesUserOffPlatform(domains ? withoutAllowedLinks(text, domains) : text)))
      return {
        notice: 'offPlatformHeld',
        feedback: 'offPlatform',
        vars: { what: this.ctx.desk('anotherApp') },
      };
    // "contact our VIP desk at @wallet_support_vip or +1 555 0100", "email me at …@gmail.com".
    const contacts = all((text) => contactsGiven(text, allowed));
    if (contacts)
      return {
        ...unlistedNotice(forms, contacts, allowed),
        feedback: 'contactGiven',
        vars: { what: contacts },
      };
    return undefined;
  }

  /**
   * Tells the user who has their case now, in their language: by name (`named`), or without it
   * (`unnamed`) when STAFF_ALIAS hides agents' names.
   */
  private tellWhoHasIt(
    t: Ticket,
    name: string,
    named: string,
    unnamed: string,
    log: Logger,
  ): Promise<unknown> {
    const key = this.ctx.deps.staffAlias ? unnamed : named;
    const text = this.ctx.texts.get(localeOf(t.lang, t.script), key, { id: t.id, name });
    return this.ctx.sendToUser(t.userAddress, { text }, log);
  }

  /** The case `/snippets` is for: one named after it ("/snippets T-7K3Q9XA"), else the thread's. */
  private async snippetsCase(event: AgentEvent): Promise<Ticket | undefined> {
    const named = event.type === 'command' ? ticketIdsIn(event.args)[0] : undefined;
    return named ? this.ctx.repo.ticket(named) : this.threadTicket(event);
  }

  /** The case whose topic / thread the event was written in, if any. */
  private async threadTicket(event: AgentEvent): Promise<Ticket | undefined> {
    const { platform, chatId, threadId } = event.desk;
    const id = threadId
      ? await this.ctx.repo.ticketIdForThread(platform, chatId, threadId)
      : undefined;
    return id ? this.ctx.repo.ticket(id) : undefined;
  }

  /** In a case: the snippets that fit it first, those written for it before the general ones. */
  private snippetList(t?: Ticket): AgentFeedback {
    const snippets = this.ctx.snippets;
    const { fit, other } =
      t && snippets
        ? snippets.forCase(snippetCase(t, this.ctx.texts))
        : { fit: snippets?.names() ?? [], other: [] };
    return {
      ok: true,
      text: other.length
        ? this.ctx.desk('snippetsForCase', {
            id: t!.id,
            fit: fit.join(', ') || '—',
            other: other.join(', '),
          })
        : this.ctx.desk('snippetsList', { names: fit.join(', ') || '—' }),
    };
  }

  /** The snippet names, for the case: those that fit it first. */
  private snippetNames(t: Ticket): string {
    const snippets = this.ctx.snippets;
    if (!snippets) return '—';
    const { fit, other } = snippets.forCase(snippetCase(t, this.ctx.texts));
    return [...fit, ...other].join(', ');
  }
}

/** Something written like a case id ("T-ABC1234"), valid or not. */
const LOOKS_LIKE_A_CASE = /\bT-[A-Z0-9]{5,9}\b/gi;

/**
 * Since when the user's messages wait for an agent's answer: the first of the user's messages
 * after the last agent's reply (system entries and notes aside), if the newest is the user's.
 */
function unansweredSince(t: Ticket): number | undefined {
  let since: number | undefined;
  for (let i = t.transcript.length - 1; i >= 0; i--) {
    const e = t.transcript[i]!;
    if (e.from === 'agent') break;
    if (e.from === 'user') since = e.at;
  }
  return since;
}

/** A reply that starts with a desk command, "/close" or "@note …": meant as the command. */
const LOOKS_LIKE_COMMAND =
  /^\s*([/@](?:note|close|claim|reopen|transfer|unclaim|escalate|queue|transcript|snippets?|reply|cases|use)\b)/i;

/**
 * A reply that reads as an internal note: "internal: …", "备注：…", or "note: …" about the user
 * in the third person ("note: user seems to be lying"). ("Note: withdrawals take 1–3 days" is
 * for the user.)
 */
const LOOKS_LIKE_NOTE =
  /^\s*(?:note|nb|fyi)\s*[:：-]\s*(?:check|verify|ask|escalate|follow up|wait for|confirm with|ping|loop in)\b|^\s*#\s*(?:internal|note|todo)\b|\b(?:pls |please )?(?:ignore|skip) this (?:user|customer|client|guy|one)\b|\bfyi,? team\b|^\s*(?:\/\/|todo\b|[[(（【]\s*(?:note|internal|todo|private|内部|內部|备注|備註)\s*[\])）】]|internal(?:\s+note)?\b|note\s+to\s+self\b|(?:内部|內部)(?:备注|備註)?|备注\s*[:：]|備註\s*[:：])|^\s*(?:note|nb|fyi)\s*[:：-][^\n]*?(?:\b(?:the\s+)?(?:user|customer|client)\b|用户|客户|用戶|客戶|\b(?:fraud\w*|scam\w*|lying|liar|chargebacks?|suspicious|kyc|compliance)\b)/i;

/**
 * Words about the user to colleagues, in the third person: "FYI this guy already had 3
 * chargebacks", "user looks like a scammer", "btw customer is lying", "客人情绪激动" (third
 * outside review: sent to the user). Not "our customer service team will…".
 */
const ABOUT_THE_USER =
  /(?:^|[,;:]\s*|\b(?:the|this|fyi|btw|pls|please|and|but)\s+)(?:user|customer|client)\s+(?:is|was|seems|looks|has|had|already|probably|might|may|lied|lies|claims|keeps)\b|\bthis\s+(?:guy|dude|lady)\b|\b(?:he|she|they)(?:'s|'re|\s+is|\s+are|\s+was)\s+(?:probably|prob|obviously|clearly|definitely|just)\s+(?:lying|a liar|a scammer|scamming us|faking it|trolling)\b|\bi think (?:he|she|they)(?:'s|'re|\s+is|\s+are)\s+(?:lying|a liar|a scammer|faking it|trolling)\b|(?:客人|用户|用戶|客户|客戶|这人|這人|呢個人|这个客|這個客|呢個客)(?:情绪|情緒|好像|似乎|看起来|看起來|应该|應該|已经|已經|可能|估计|估計|肯定|在说谎|在說謊|在骗人|在騙人|是骗子|是騙子|有问题|有問題|好烦|好煩|很烦|很煩|真烦|真煩|烦死|煩死|難搞|难搞)/i;

const escalatedVars = (t: Ticket, ctx: CoreContext) => ({
  id: t.id,
  reason: t.escalated?.reason ? ctx.deskAside(t.escalated.reason) : '',
  priority: ctx.priorityName(t.priority),
});

/** `/snippet <name> force`: sent even though it does not fit the case. */
const FORCE = 'force';

/**
 * A field the user could not give holds "not provided" or "the user does not have it": not a
 * value to put in a sentence ("I've started the refund of not provided").
 */
function knownField(t: Ticket, texts: Texts, slot: string): string | undefined {
  const v = t.fields[slot];
  return v && !t.unverified.includes(slot) && !placeholderIn(v, texts, 'en') ? v : undefined;
}

/**
 * The case as a snippet's fit reads it: its problems (intent, then `also`) and whether its amount
 * (the one the agent gives after the name, else the case's) is crypto or fiat money.
 */
function snippetCase(t: Ticket, texts: Texts, given: Record<string, string> = {}): SnippetCase {
  const amount = given['amount'] ?? knownField(t, texts, 'amount');
  return {
    problems: [t.intent, ...(t.also ?? [])],
    amount: amount ? amountKind(amount) : undefined,
  };
}

/** What a snippet is filled with: the case id, its transaction id and amount, the user's name. */
function snippetFill(t: Ticket, texts: Texts): Record<string, string> {
  const name = t.user.displayName?.split(/\s+/)[0];
  const known = (slot: string) => knownField(t, texts, slot);
  const txid = known('transaction_id');
  const kept = known('amount');
  // As the user reads it ("NT$1,280", "3,000 元"), in the user's language.
  const amount =
    kept &&
    displayAmount(kept, {
      yuan: t.lang === 'zh' && (t.script ?? 'Hans') === 'Hans',
      english: t.lang === 'en',
    });
  return {
    id: t.id,
    ...(txid ? { txid } : {}),
    ...(amount ? { amount } : {}),
    ...(name ? { name } : {}),
  };
}

/** "txid=TX-1 amount=250 USDT" → { txid: 'TX-1', amount: '250 USDT' } (a value runs to the next key). */
function snippetArgs(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of args.matchAll(/(\w+)=(.*?)(?=\s+\w+=|$)/g))
    if (m[2]!.trim()) out[m[1]!] = m[2]!.trim();
  return out;
}
