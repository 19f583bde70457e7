import type { DistributedLock } from './ports.ts';
import { StoreError } from './errors.ts';
/**
 * One turn at a time per key (a user, a ticket): calls with the same key run in arrival order,
 * different keys run concurrently. A failing call never blocks the ones behind it.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Resolves when every queued turn has finished (clean shutdown). */
  async idle(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }

  /** Waits for queued work, at most `timeoutMs`; resolves false if it had to stop waiting. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.idle().then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  get size(): number {
    return this.tails.size;
  }
}

/**
 * One turn at a time per key across every instance: in this process by the keyed queue (which
 * also keeps arrival order), between processes by the shared lock when the store has one.
 */
export class TurnQueue {
  private readonly local = new KeyedQueue();

  constructor(private readonly shared?: DistributedLock) {}

  /**
   * Runs `task` once the key is ours. `unavailable` runs instead, in the same place in the local
   * order, when the shared lock cannot be had because the store does not answer (the user turn
   * spools the message); `waitMs` bounds the wait for a lock another instance holds.
   */
  run<T>(
    key: string,
    task: () => Promise<T>,
    options: { unavailable?: (err: StoreError) => Promise<T>; waitMs?: number } = {},
  ): Promise<T> {
    const shared = this.shared;
    if (!shared) return this.local.run(key, task);
    return this.local.run(key, async () => {
      let release: () => Promise<void>;
      try {
        release = await shared.acquire(key, options.waitMs);
      } catch (err) {
        if (options.unavailable && err instanceof StoreError) return options.unavailable(err);
        throw err;
      }
      try {
        return await task();
      } finally {
        await release().catch(() => undefined); // it expires by itself
      }
    });
  }

  /** Runs `task` in this process's order for `key`, without the shared lock. */
  runLocal<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.local.run(key, task);
  }

  idle(): Promise<void> {
    return this.local.idle();
  }
}
