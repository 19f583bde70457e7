import type { Logger } from 'pino';
import type { CoreContext } from './context.ts';
import { DeliveryError } from './errors.ts';
import type { CaseCard, DeskRef } from './types.ts';
import { keys } from './repo.ts';
import { buildCard, cardOverflow } from './tickets/card.ts';
import {
  DESK_POSTS_KEPT,
  transcriptLength,
  type Ticket,
  type TranscriptEntry,
} from './tickets/ticket.ts';
import { entryLine, userEntryText } from './tickets/transcript.ts';

/** Waiting user messages are merged into one desk post up to this size (one Discord message). */
const MERGED_POST_MAX = 1800;

/** Desk sync: keeps a ticket's topic / thread on the agent desk in step with the ticket. */
export class DeskSync {
  constructor(private readonly ctx: CoreContext) {}

  /**
   * Brings the desk up to date with a ticket: opens its case if it has none, posts the user
   * messages it has not seen, and — when the ticket is marked `deskStale` — closes or reopens the
   * topic / thread to match the ticket and edits the card. A deleted topic / thread is re-created
   * with the whole history. On any other failure the ticket goes to the outbox and is retried.
   */
  async sync(t: Ticket, log: Logger): Promise<{ ticket: Ticket; ok: boolean }> {
    const desk = this.ctx.deps.desk;
    if (!desk) {
      await this.ctx.updateIndex(keys.outbox(), [t.id], []);
      return { ticket: t, ok: false };
    }
    let ticket = t;
    try {
      if (!ticket.desk || ticket.deskCardPending) {
        // The topic / thread id is stored the moment it exists (linked for agents who write at
        // once, and on the ticket): a restart after a kill between the topic and its card adopts
        // that topic instead of opening a second one.
        const missing = { count: 0 };
        const files = await this.ctx.readFiles(ticket.evidence, missing);
        const opening = ticket;
        const created = async (r: DeskRef) => {
          await this.ctx.repo.linkThread(r.platform, r.chatId, r.threadId, opening.id);
          await this.ctx.repo.saveTicket({ ...opening, desk: r, deskCardPending: true });
        };
        const ref = await desk.openCase(
          this.card(ticket),
          files,
          created,
          ticket.deskCardPending ? ticket.desk : undefined,
        );
        await this.ctx.repo.linkThread(ref.platform, ref.chatId, ref.threadId, ticket.id);
        const { deskCardPending: _done, ...rest } = ticket;
        ticket = {
          ...rest,
          desk: ref,
          // Entry 0 is the card itself; it needs a post only when the card shortened something.
          deskSynced: cardOverflow(ticket, this.ctx.texts, this.ctx.deskLocale) ? 0 : 1,
          deskClosed: false,
          deskStale: ticket.status === 'closed',
        };
        await this.ctx.repo.saveTicket(ticket);
        log.info({ ticket: ticket.id, thread: ref.threadId }, 'case opened on the desk');
        if (missing.count)
          await this.announce(ticket, this.ctx.desk('filesMissing', { n: missing.count }), log);
      }
      const ref = ticket.desk!;
      // Entries are counted over the whole transcript; those before `base` are in chunks, read
      // only when a re-created topic / thread replays the history.
      const base = ticket.transcriptBase ?? 0;
      const all = ticket.deskSynced < base ? await this.ctx.repo.transcript(ticket) : undefined;
      const entryAt = (i: number): TranscriptEntry | undefined =>
        all ? all[i] : ticket.transcript[i - base];
      // Reopened (by an agent, or by the user's "still not solved" with their words to post): the
      // topic / thread opens before anything is posted into it; a close waits for the last post.
      if (ticket.deskStale && ticket.status !== 'closed' && ticket.deskClosed) {
        const card = this.card(ticket);
        await desk.reopenCase(ref, card);
        ticket = { ...ticket, deskStale: false, deskClosed: false };
        await this.ctx.repo.saveTicket(ticket);
      }
      // Entries the desk does not get (the bot's replies, notes, events): counted, and written
      // with the next post or once at the end — not a write each.
      let unsaved = false;
      while (ticket.deskSynced < transcriptLength(ticket)) {
        const e = entryAt(ticket.deskSynced)!;
        if (ticket.deskSynced > 0 && e.from !== 'user' && !ticket.replayHistory) {
          ticket = { ...ticket, deskSynced: ticket.deskSynced + 1 };
          unsaved = true;
          continue;
        }
        if (ticket.deskSynced === 0) {
          // Entry 0 (the user's first words and files) is the card itself; what the card had to
          // shorten is posted in full under it.
          const overflow = cardOverflow(ticket, this.ctx.texts, this.ctx.deskLocale);
          if (overflow)
            await desk.post(ref, {
              from: 'user',
              text: overflow,
              ...(ticket.user.displayName ? { authorName: ticket.user.displayName } : {}),
            });
        } else if (e.from === 'user') {
          // Several text messages waiting (a flood, an outage) go to the desk as one post.
          // (Each marked as the desk reads it: "↪️ Forwarded from …", "✏️ Edited: …".)
          const words = (x: TranscriptEntry) =>
            userEntryText(x, this.ctx.texts, this.ctx.deskLocale);
          let n = 1;
          let text = words(e);
          // Only while it stays one platform message, so a retried post is the same post.
          while (!e.files?.length && n < 20) {
            const next = entryAt(ticket.deskSynced + n);
            // The bot's reply between two of them ("still waiting?" told the wait) is not posted:
            // passed over, the texts still one post (it had split a burst in two).
            if (next?.from === 'bot' && !ticket.replayHistory) {
              n++;
              continue;
            }
            if (!next || next.from !== 'user' || next.files?.length) break;
            const more = words(next);
            if (text.length + 1 + more.length > MERGED_POST_MAX) break;
            text += `\n${more}`;
            n++;
          }
          const missing = { count: 0 };
          const files = await this.ctx.readFiles(e.files, missing);
          const ids = await desk.post(ref, {
            from: 'user',
            text,
            ...(ticket.user.displayName ? { authorName: ticket.user.displayName } : {}),
            ...(files.length ? { files } : {}),
          });
          // After the post it belongs to: a retried post does not repeat the note.
          if (missing.count)
            await this.announce(ticket, this.ctx.desk('filesMissing', { n: missing.count }), log);
          // Which messages carry these entries, should their words be masked later (redact).
          const posted =
            ids?.length && !e.files?.length
              ? [...(ticket.deskPosts ?? []), { from: ticket.deskSynced, n, ids }].slice(
                  -DESK_POSTS_KEPT,
                )
              : ticket.deskPosts;
          ticket = {
            ...ticket,
            deskSynced: ticket.deskSynced + n - 1,
            ...(posted ? { deskPosts: posted } : {}),
          };
        } else if (ticket.replayHistory) {
          const history = this.ctx.texts.get(this.ctx.deskLocale, 'transcript.history');
          await desk.post(ref, {
            from: 'system',
            text: `[${history} ${new Date(e.at).toISOString()}] ${entryLine(e, this.ctx.texts, this.ctx.deskLocale)}`,
          });
        }
        ticket = { ...ticket, deskSynced: ticket.deskSynced + 1 };
        await this.ctx.repo.saveTicket(ticket);
        unsaved = false;
      }
      if (unsaved) await this.ctx.repo.saveTicket(ticket);
      if (ticket.replayHistory) {
        const { replayHistory: _replayed, ...rest } = ticket;
        ticket = rest;
        await this.ctx.repo.saveTicket(ticket);
      }
      if (ticket.deskStale) {
        const card = this.card(ticket);
        const closed = ticket.status === 'closed';
        // closeCase edits the card too (see the AgentDesk port); a reopen was done above.
        if (closed && !ticket.deskClosed) await desk.closeCase(ref, card);
        else await desk.updateCard(ref, card);
        ticket = { ...ticket, deskStale: false, deskClosed: closed };
        await this.ctx.repo.saveTicket(ticket);
      }
      return { ticket, ok: true };
    } catch (err) {
      if (err instanceof DeliveryError && err.code === 'thread_gone' && ticket.desk) {
        log.warn({ ticket: ticket.id }, 'desk thread is gone; re-creating it with the history');
        const { desk: _gone, ...rest } = ticket;
        // Remembered on the ticket: a re-creation interrupted half-way still replays the history.
        ticket = { ...rest, deskSynced: 0, replayHistory: true };
        await this.ctx.repo.saveTicket(ticket);
        return this.sync(ticket, log);
      }
      log.warn({ err, ticket: ticket.id }, 'desk not updated; queued for retry');
      await this.ctx.updateIndex(keys.outbox(), [ticket.id], []);
      return { ticket, ok: false };
    }
  }

  /**
   * The case card for the desk, with what it had to shorten marked where the post right under
   * it (`cardOverflow`, posted when the case opens) has it in full — only where that post holds
   * the shortened text, so a desk that shows a pointer instead of the excerpt hides nothing.
   */
  private card(t: Ticket): CaseCard {
    const { texts, deskLocale } = this.ctx;
    const card = buildCard(t, this.ctx.deps.catalog, texts, deskLocale);
    const overflow = cardOverflow(t, texts, deskLocale);
    if (!overflow) return card;
    const below = (shown: string, prefix = '') =>
      shown.endsWith('…') && overflow.includes(prefix + shown.slice(0, -1));
    return {
      ...card,
      ...(below(card.userWords) ? { wordsInFullBelow: true as const } : {}),
      fields: card.fields.map((f) =>
        below(f.value, `${f.label}: `) ? { ...f, inFullBelow: true as const } : f,
      ),
      ...(card.labels
        ? { labels: { ...card.labels, inFullBelow: texts.get(deskLocale, 'card.inFullBelow') } }
        : {}),
    };
  }

  /**
   * Rewrites the desk's user posts that carried `entries` (transcript indexes whose words were
   * masked after they were posted: a recovery phrase typed in parts) with the masked words.
   * Answers whether every such post is rewritten; false leaves it to the agents (the desk
   * cannot edit, a post it does not know, an edit refused, the desk out of reach).
   */
  async redactPosts(t: Ticket, entries: readonly number[], log: Logger): Promise<boolean> {
    const desk = this.ctx.deps.desk;
    if (!desk?.redactPost || !t.desk) return false;
    const base = t.transcriptBase ?? 0;
    const posts = (t.deskPosts ?? []).filter((p) =>
      entries.some((i) => i >= p.from && i < p.from + p.n),
    );
    const covered = entries.every((i) => posts.some((p) => i >= p.from && i < p.from + p.n));
    let all = covered;
    for (const p of posts) {
      const lines = t.transcript.slice(p.from - base, p.from - base + p.n);
      if (p.from < base || lines.length !== p.n) {
        all = false; // moved to a chunk already: not this case (parts are the newest entries)
        continue;
      }
      try {
        await desk.redactPost(t.desk, p.ids, {
          from: 'user',
          text: lines
            .filter((e) => e.from === 'user')
            .map((e) => userEntryText(e, this.ctx.texts, this.ctx.deskLocale))
            .join('\n'),
          ...(t.user.displayName ? { authorName: t.user.displayName } : {}),
        });
      } catch (err) {
        log.warn({ err, ticket: t.id }, 'desk post with phrase parts not rewritten');
        all = false;
      }
    }
    return all;
  }

  /** Saves a ticket whose card / open-closed state changed, then brings the desk in line. */
  async saveAndSync(t: Ticket, log: Logger): Promise<Ticket> {
    const ticket = { ...t, deskStale: true };
    await this.ctx.repo.saveTicket(ticket);
    return (await this.sync(ticket, log)).ticket;
  }

  /**
   * A status line in the case (transfer, escalation, SLA): posted if the case has its topic /
   * thread, otherwise left to the card (the outbox retries card updates, not these lines).
   */
  async announce(t: Ticket, text: string, log: Logger, mentionSeniors = false): Promise<void> {
    const desk = this.ctx.deps.desk;
    if (!desk || !t.desk) return;
    await desk
      .post(t.desk, { from: 'system', text, ...(mentionSeniors ? { mentionSeniors: true } : {}) })
      .catch((err: unknown) => log.warn({ err, ticket: t.id }, 'desk notice not posted'));
  }
}
