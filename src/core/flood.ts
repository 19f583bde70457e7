/**
 * Per-user flood guard: a sliding window of message times. Over the limit, messages are still
 * kept (on the ticket, or as details of the case being collected) but the bot stops answering
 * each one and says once per window that it reads them all.
 */
export class FloodGuard {
  private readonly hits = new Map<string, number[]>();
  private readonly noticed = new Map<string, number>();
  private checks = 0;

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 10_000,
  ) {}

  /** 'ok' under the limit; 'notice' for the first message over it in a window; 'quiet' after. */
  check(key: string, now: number): 'ok' | 'notice' | 'quiet' {
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
