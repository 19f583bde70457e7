import type { KeyValueStore } from './ports.ts';

type Verdict = 'ok' | 'notice' | 'quiet';

/**
 * Per-user flood guard: a sliding window of message times. Over the limit, messages are still
 * kept (on the ticket, or as details of the case being collected) but the bot stops answering
 * each one and says once per window that it reads them all.
 *
 * With a store shared by several instances (Redis), the window lives there (`flood:v1:<user>`,
 * expiring with the window), so a user whose messages reach two instances is counted once; the
 * caller holds the user's turn lock, which makes the read-modify-write safe. A single-process
 * store keeps it in memory.
 */
export class FloodGuard {
  private readonly hits = new Map<string, number[]>();
  private readonly noticed = new Map<string, number>();
  private checks = 0;

  constructor(
    private readonly shared?: KeyValueStore,
    private readonly limit = 10,
    private readonly windowMs = 10_000,
  ) {}

  async check(key: string, now: number): Promise<Verdict> {
    if (!this.shared) return this.checkLocal(key, now);
    const k = `flood:v1:${key}`;
    const stored = await this.shared.get<{ hits: number[]; noticed?: number }>(k);
    const hits = (stored?.hits ?? []).filter((t) => now - t < this.windowMs);
    hits.push(now);
    let verdict: Verdict = 'ok';
    let noticed = stored?.noticed;
    if (hits.length > this.limit) {
      verdict = noticed !== undefined && now - noticed < this.windowMs ? 'quiet' : 'notice';
      if (verdict === 'notice') noticed = now;
    }
    await this.shared.set(k, noticed === undefined ? { hits } : { hits, noticed }, this.windowMs);
    return verdict;
  }

  /** 'ok' under the limit; 'notice' for the first message over it in a window; 'quiet' after. */
  private checkLocal(key: string, now: number): Verdict {
    if (++this.checks % 1000 === 0) this.sweep(now);
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    recent.push(now);
    this.hits.set(key, recent);
    if (recent.length <= this.limit) return 'ok';
    const last = this.noticed.get(key);
    if (last !== undefined && now - last < this.windowMs) return 'quiet';
    this.noticed.set(key, now);
    return 'notice';
  }

  private sweep(now: number): void {
    for (const [key, times] of this.hits)
      if (now - times[times.length - 1]! >= this.windowMs) this.hits.delete(key);
    for (const [key, at] of this.noticed) if (now - at >= this.windowMs) this.noticed.delete(key);
  }
}
