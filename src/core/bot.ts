import { AgentCommands } from './agent.ts';
import { CoreContext, type SupportBotDeps } from './context.ts';
import { DeskSync } from './desk-sync.ts';
import { Intake } from './intake.ts';
import { Housekeeping } from './housekeeping.ts';
import { findDate } from './nlu/entities.ts';
import { Outbox } from './outbox.ts';
import { Timers } from './timers.ts';
import type { SupportCore } from './ports.ts';
import { keys, OPEN_SHARDS, type Repo } from './repo.ts';
import type { Ticket } from './tickets/ticket.ts';
import { UserTurns } from './turn.ts';
import type { AgentEvent, AgentFeedback, UserEvent } from './types.ts';

export type { SupportBotDeps } from './context.ts';

/**
 * The core behind one entry point per side: `handleUser` for users, `handleAgent` for agents.
 * A thin facade over one file per job:
 *   turn.ts       a user turn (dedup, flood guard, the conversation step, persist, deliver)
 *   intake.ts     text cleaning and masking, attachments into the evidence store
 *   desk-sync.ts  the ticket's topic / thread on the agent desk kept in step
 *   agent.ts      agent commands and replies
 *   outbox.ts     delivery retries and recovery after a crash
 */
export class SupportBot implements SupportCore {
  readonly repo: Repo;
  private readonly ctx: CoreContext;
  private readonly turns: UserTurns;
  private readonly agents: AgentCommands;
  private readonly outbox: Outbox;
  readonly housekeeping: Housekeeping;
  readonly timers: Timers;

  constructor(deps: SupportBotDeps) {
    this.ctx = new CoreContext(deps);
    this.repo = this.ctx.repo;
    const intake = new Intake(this.ctx);
    const deskSync = new DeskSync(this.ctx);
    this.outbox = new Outbox(this.ctx, deskSync);
    this.turns = new UserTurns(this.ctx, intake, deskSync);
    this.agents = new AgentCommands(this.ctx, intake, deskSync, this.outbox);
    this.housekeeping = new Housekeeping(this.ctx, deps.retentionDays ?? 0);
    this.timers = new Timers(this.ctx, deskSync, this.outbox);
  }

  /** Delivers whatever a previous run left undelivered and starts the outbox retry loop. */
  async start(): Promise<void> {
    await this.turns.outage.recover();
    await this.outbox.start();
    this.housekeeping.start();
    this.timers.start();
  }

  /**
   * Builds what is otherwise built on the first message (word vectors, the date parser's
   * regular expressions, which V8 compiles to machine code on their second use: ~150 ms), so the
   * first user does not wait for it. Only a speed-up, so not part of start(): main.ts runs it
   * once the platforms are polling (ready ~250 ms sooner), one piece per task, so a message that
   * arrives meanwhile waits for one piece, not all of them. A failure is logged; the first
   * message then builds what is missing. Resolves with the ms it took.
   * @see https://v8.dev/blog/regexp-tier-up (a regular expression runs as bytecode first, and is
   *   compiled to machine code when it runs again)
   */
  async warmUp(): Promise<number> {
    const started = performance.now();
    // English only: the Chinese tables (OpenCC, ~30 MB) load with the first Chinese message.
    const { classifier } = this.ctx.deps;
    const now = this.ctx.now();
    const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));
    try {
      for (const text of [
        'my withdrawal has been pending for 3 days since last friday',
        'paid 250 usdt yesterday evening at 9pm and it failed',
      ]) {
        await nextTask();
        classifier.classify(text, 'en');
        await nextTask();
        findDate(text, now, this.ctx.clock.timeZone);
      }
    } catch (err) {
      this.ctx.log.warn({ err }, 'warm-up failed');
    }
    return performance.now() - started;
  }

  /** Stops the retry loop and waits for turns in progress. */
  async stop(): Promise<void> {
    this.outbox.stop();
    this.housekeeping.stop();
    this.timers.stop();
    this.turns.outage.stop();
    await this.turns.postAllPutOff();
    await this.ctx.queue.idle();
    // Turns that were still running may have put off theirs meanwhile.
    await this.turns.postAllPutOff();
  }

  handleUser(event: UserEvent): Promise<void> {
    return this.turns.handle(event);
  }

  handleAgent(event: AgentEvent): Promise<AgentFeedback> {
    return this.agents.handle(event);
  }

  /** Replays messages spooled during a store outage now, if the store answers (ops, tests). */
  flushSpool(): Promise<boolean> {
    return this.turns.outage.replayIfBack();
  }

  /** Retries undelivered desk posts, card updates and agent replies now. */
  flushOutbox(): Promise<void> {
    return this.outbox.flush();
  }

  /** Queues again the open tickets a crash left behind (see Outbox.recover). */
  recover(): Promise<void> {
    return this.outbox.recover();
  }

  /**
   * Figures for /metrics: counted from the id indexes, never by loading tickets, so a scrape costs
   * the same with 5 or 5,000 open cases.
   */
  async stats(): Promise<{
    openTickets: number;
    outbox: number;
    counters: CoreContext['counters'];
  }> {
    const shards = await Promise.all(
      Array.from({ length: OPEN_SHARDS }, (_, i) => this.repo.listIds(keys.openTickets(i))),
    );
    const outbox = await this.repo.listIds(keys.outbox());
    return {
      openTickets: shards.reduce((n, ids) => n + ids.length, 0),
      outbox: outbox.length,
      counters: this.ctx.counters,
    };
  }

  /** Open and claimed tickets, newest first (terminal desk, health checks). */
  openTickets(): Promise<Ticket[]> {
    return this.outbox.openTickets();
  }
}
