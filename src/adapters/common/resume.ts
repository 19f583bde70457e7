import type { KeyValueStore } from '../../core/ports.ts';
import { createHash } from 'node:crypto';
import type { OutboundFile } from '../../core/types.ts';

/**
 * A long message goes out as several platform calls (files, then text parts). When one of them
 * fails for good, the core retries the whole message later (the outbox, on whichever instance
 * runs it next, after a restart too); this remembers how many calls of that message already went
 * through, so the retry resumes instead of sending the first parts twice. Kept in the store the
 * instances share (an hour), or in memory without one; a message of one call needs no record.
 */
export class SendProgress {
  private readonly done = new Map<string, { steps: number; at: number }>();

  constructor(
    /** The core's store (KeyValueStore port), shared by every instance. */
    private readonly store?: KeyValueStore,
    private readonly ttlMs = 60 * 60_000,
    private readonly max = 10_000,
  ) {}

  /**
   * Runs `steps` in order, skipping those an earlier failed attempt of the same send finished.
   * `sendKey` names the send (see sendKey()); it is computed only for a send of several steps.
   * Answers what each step answered (the messages sent), or undefined for a resumed send, whose
   * first steps' answers are gone.
   */
  async run<T>(sendKey: () => string, steps: Array<() => Promise<T>>): Promise<T[] | undefined> {
    if (steps.length <= 1) return steps.length ? [await steps[0]!()] : [];
    const key = sendKey();
    let i = await this.get(key);
    const resumed = i > 0;
    const results: T[] = [];
    try {
      for (; i < steps.length; i++) results.push(await steps[i]!());
      if (resumed) await this.forget(key);
      return resumed ? undefined : results;
    } catch (err) {
      if (i > 0) await this.set(key, i).catch(() => undefined);
      throw err;
    }
  }

  private async get(key: string): Promise<number> {
    if (this.store)
      // The store out of reach: send from the start (a resume is a nicety, the message is not).
      return (await this.store.get<number>(`sendprogress:v1:${key}`).catch(() => 0)) ?? 0;
    this.prune();
    return this.done.get(key)?.steps ?? 0;
  }

  private async set(key: string, steps: number): Promise<void> {
    if (this.store) await this.store.set(`sendprogress:v1:${key}`, steps, this.ttlMs);
    else this.done.set(key, { steps, at: Date.now() });
  }

  private async forget(key: string): Promise<void> {
    if (this.store) await this.store.delete(`sendprogress:v1:${key}`).catch(() => undefined);
    else this.done.delete(key);
  }

  private prune(): void {
    const now = Date.now();
    for (const [key, v] of this.done) {
      if (this.done.size <= this.max && now - v.at < this.ttlMs) break;
      this.done.delete(key);
    }
  }
}

/** Identifies one message to one place: where, what it says, which buttons and files it has. */
export function sendKey(
  where: string,
  text: string,
  extra: { choices?: Array<{ id: string }>; files?: OutboundFile[] } = {},
): string {
  const h = createHash('sha256').update(where).update('\0').update(text);
  for (const c of extra.choices ?? []) h.update('\0c').update(c.id);
  for (const f of extra.files ?? [])
    h.update('\0f').update(f.fileName).update(String(f.bytes.length));
  return h.digest('hex');
}
