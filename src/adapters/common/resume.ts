import { createHash } from 'node:crypto';
import type { OutboundFile } from '../../core/types.ts';

/**
 * A long message goes out as several platform calls (files, then text parts). When one of them
 * fails for good, the core retries the whole message later; this remembers how many calls of that
 * message already went through, so the retry resumes instead of sending the first parts twice.
 * In memory: retries come from the same process (the outbox runs every few seconds).
 */
export class SendProgress {
  private readonly done = new Map<string, { steps: number; at: number }>();

  constructor(
    private readonly ttlMs = 60 * 60_000,
    private readonly max = 10_000,
  ) {}

  /** Runs `steps` in order, skipping those an earlier failed attempt of the same send finished. */
  async run(key: string, steps: Array<() => Promise<unknown>>): Promise<void> {
    this.prune();
    let i = this.done.get(key)?.steps ?? 0;
    try {
      for (; i < steps.length; i++) await steps[i]!();
      this.done.delete(key);
    } catch (err) {
      if (i > 0) this.done.set(key, { steps: i, at: Date.now() });
      throw err;
    }
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
