import type { Logger } from 'pino';
import type { CoreContext } from './context.ts';
import type { StoreError } from './errors.ts';
import { langFromCode } from './nlu/text.ts';
import { scriptFromCode } from './script.ts';
import { localeOf } from './texts.ts';
import type { UserEvent } from './types.ts';

/**
 * A store outage, seen from the user turns: what a user sends while the store does not answer is
 * kept on disk (spool.ts) in their order and answered once with "give me a moment"; the store is
 * probed every 2 s, and once it answers the spool is replayed, in order, through the normal turn.
 * The start of an outage is logged once, its end with how long it lasted.
 */
export class StoreOutage {
  /** When it began (undefined: the store answers). */
  private since: number | undefined;
  /** Users with messages waiting on disk: their next ones queue behind them. */
  private readonly spooled = new Set<string>();
  /** Users told "one moment" during this outage (once each). */
  private readonly told = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** The spool replay under way, if any (one at a time). */
  private replaying: Promise<boolean> | undefined;

  /**
   * `replay` runs one spooled message as a turn, in its user's order; a store error it throws
   * ends the replay (the rest stays in the spool).
   */
  constructor(
    private readonly ctx: CoreContext,
    private readonly replay: (event: UserEvent) => Promise<void>,
  ) {}

  /** Whether the messages of `key`'s user wait on disk (a new one must go behind them). */
  isSpooling(key: string): boolean {
    return this.spooled.has(key);
  }

  /** Whether messages can be kept on disk at all (DATA_DIR has a spool). */
  get canSpool(): boolean {
    return this.ctx.spool !== undefined;
  }

  /** Replays what a previous run left in the spool (a crash during an outage). */
  async recover(): Promise<void> {
    const spool = this.ctx.spool;
    if (!spool) return;
    await spool.recover();
    if (await spool.pending()) this.watch();
  }

  /**
   * The store did not answer (for the turn, or for the user's turn lock): the message is kept on
   * disk; the start of an outage is logged once.
   */
  async unreachable(key: string, event: UserEvent, err: StoreError, log: Logger): Promise<void> {
    if (this.since === undefined)
      log.error({ err }, 'store unreachable: user messages are spooled to disk until it is back');
    await this.keep(key, event);
  }

  /** Keeps a message on disk behind the user's others; the user is told once per outage. */
  async keep(key: string, event: UserEvent): Promise<void> {
    const spool = this.ctx.spool!;
    await spool.append(key, event);
    this.spooled.add(key);
    this.watch();
    if (!this.told.has(key)) {
      this.told.add(key);
      const code = event.user.languageCode;
      const loc = localeOf(langFromCode(code) ?? 'en', scriptFromCode(code));
      await this.ctx.sendToUser(
        event.address,
        { text: this.ctx.texts.get(loc, 'say.oneMoment') },
        this.ctx.log,
      );
    }
  }

  /** While the store is down: probe it every 2 s; once it answers, replay the spool in order. */
  private watch(): void {
    if (this.timer) return;
    this.since ??= this.ctx.now();
    this.timer = setInterval(() => {
      this.replayIfBack().catch((err: unknown) =>
        this.ctx.log.warn({ err }, 'spool replay failed'),
      );
    }, this.ctx.deps.outageProbeMs ?? 2_000);
    this.timer.unref();
  }

  /** If the store answers again: replay the spool in order; answers whether it was back. */
  async replayIfBack(): Promise<boolean> {
    if (!this.ctx.spool) return true;
    // One replay at a time: a probe tick while a (slow) replay runs waits for it.
    this.replaying ??= this.replayOnce().finally(() => (this.replaying = undefined));
    return this.replaying;
  }

  private async replayOnce(): Promise<boolean> {
    try {
      await this.ctx.deps.store.get('health:v1:probe');
    } catch {
      return false; // still down
    }
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.ctx.log.info(
      { downMs: this.ctx.now() - (this.since ?? this.ctx.now()) },
      'store reachable again; replaying the spool',
    );
    try {
      await this.ctx.spool!.replay(this.replay, this.ctx.log);
    } catch (err) {
      // Gone again half-way: what was not replayed is back in the spool, in order.
      this.ctx.log.warn({ err }, 'store lost again during the spool replay');
      this.watch();
      return false;
    }
    this.spooled.clear();
    this.told.clear();
    this.since = undefined;
    return true;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
