/** Ids seen within a time window (pressed button sets), pruned as it goes. */
export class RecentIds {
  private readonly seen = new Map<string, number>();
  constructor(private readonly ttlMs: number) {}

  /** Records `id`; false if it was already there (a repeat). */
  add(id: string, now = Date.now()): boolean {
    for (const [key, at] of this.seen) {
      if (now - at <= this.ttlMs) break;
      this.seen.delete(key);
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, now);
    return true;
  }
}
