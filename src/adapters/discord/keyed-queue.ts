/**
 * One task at a time per key (a DM channel, a case thread), in arrival order; different keys run
 * concurrently. The wiring does async work before it hands an event to the core (resolving a
 * thread's parent), and this keeps two messages of one conversation from overtaking each other.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.tails.size;
  }

  /** Waits for queued work, at most `timeoutMs`; resolves false if it had to stop waiting. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const done = (async () => {
      while (this.tails.size) await Promise.all(this.tails.values());
      return true;
    })();
    try {
      return await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

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
