import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { sanitizeUserText } from './nlu/text.ts';
import { maskSensitive } from './sensitive/index.ts';
import { KeyedQueue } from './queue.ts';
import type { InboundAttachment, UserEvent } from './types.ts';

/** One spooled user event: plain data (masked text, attachment bytes in files beside it). */
interface SpooledEvent {
  event: Omit<UserEvent, 'attachments'> & { type: UserEvent['type'] };
  attachments?: Array<{
    kind: 'photo' | 'document';
    fileName?: string;
    mimeType?: string;
    path: string;
  }>;
}

/**
 * A local, durable queue of user events that arrived while the store was unreachable (DATA_DIR/
 * spool, one JSON-lines file per user, 0600). The event is masked before it touches disk and its
 * attachments are downloaded now (platform links expire). `replay` hands them back to the core in
 * order, per user, once the store answers again; the core drops a message it already handled.
 */
export class Spool {
  readonly dir: string;
  /** One operation at a time per spool file: an append never lands in a file being taken away. */
  private readonly files = new KeyedQueue();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'spool');
  }

  private fileOf(userKey: string): string {
    return join(
      this.dir,
      `${createHash('sha256').update(userKey).digest('hex').slice(0, 32)}.jsonl`,
    );
  }

  /** Keeps an event durably (fsync) before the platform is told it was received. */
  async append(userKey: string, event: UserEvent): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const record: SpooledEvent = { event: { ...event } as SpooledEvent['event'] };
    delete (record.event as { attachments?: unknown }).attachments;
    if (event.type === 'message') {
      (record.event as unknown as { text: string }).text = maskSensitive(
        sanitizeUserText(event.text),
      ).text;
      const files: NonNullable<SpooledEvent['attachments']> = [];
      for (const a of event.attachments.slice(0, 10)) {
        const bytes = await a.fetch().catch(() => undefined);
        if (!bytes) continue;
        const path = join(this.dir, `${createHash('sha256').update(bytes).digest('hex')}.bin`);
        await writeFile(path, bytes, { mode: 0o600 });
        files.push({
          kind: a.kind,
          ...(a.fileName ? { fileName: a.fileName } : {}),
          ...(a.mimeType ? { mimeType: a.mimeType } : {}),
          path,
        });
      }
      if (files.length) record.attachments = files;
    }
    const path = this.fileOf(userKey);
    await this.files.run(path, async () => {
      const handle = await open(path, 'a', 0o600);
      try {
        await handle.appendFile(JSON.stringify({ userKey, ...record }) + '\n');
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
  }

  /**
   * Hands every spooled event back, oldest first per user. A user's file is renamed before it is
   * read, so events that arrive meanwhile start a new file and follow in the next round.
   */
  async replay(handle: (event: UserEvent) => Promise<void>, log: Logger): Promise<number> {
    let n = 0;
    for (;;) {
      const names = (await readdir(this.dir).catch(() => [] as string[])).filter((x) =>
        x.endsWith('.jsonl'),
      );
      if (!names.length) break;
      for (const name of names) {
        const path = join(this.dir, name);
        const taken = await this.take(path);
        if (!taken) continue; // gone meanwhile (an earlier round of this replay took it)
        const lines = (await readFile(taken, 'utf8')).split('\n').filter(Boolean);
        const used: string[] = [];
        for (const [i, line] of lines.entries()) {
          const r = JSON.parse(line) as SpooledEvent;
          const attachments: InboundAttachment[] = (r.attachments ?? []).map((a) => {
            used.push(a.path);
            return {
              kind: a.kind,
              ...(a.fileName ? { fileName: a.fileName } : {}),
              ...(a.mimeType ? { mimeType: a.mimeType } : {}),
              fetch: async () => new Uint8Array(await readFile(a.path)),
            };
          });
          const event = (
            r.event.type === 'message' ? { ...r.event, attachments } : r.event
          ) as UserEvent;
          try {
            await handle(event);
          } catch (err) {
            // Not handled (the store went away again): this line and the ones after it go back
            // in front of whatever was spooled meanwhile, so the order holds for the next replay.
            await this.putBack(path, taken, lines.slice(i).join('\n') + '\n');
            throw err;
          }
          n++;
        }
        await rm(taken, { force: true });
        for (const p of used) await rm(p, { force: true });
      }
    }
    if (n) log.info({ events: n }, 'spooled messages replayed');
    return n;
  }

  /** Files a crash left half-replayed go back in line (the core drops what it already handled). */
  async recover(): Promise<void> {
    for (const name of (await readdir(this.dir).catch(() => [] as string[])).sort())
      if (name.endsWith('.replaying')) {
        const taken = join(this.dir, name);
        const path = join(this.dir, name.replace(/\.jsonl\.\d+\.replaying$/, '.jsonl'));
        await this.putBack(path, taken, await readFile(taken, 'utf8'));
      }
  }

  /** Moves a user's spool file aside to replay it; undefined if it is gone. */
  private take(path: string): Promise<string | undefined> {
    const taken = `${path}.${Date.now()}.replaying`;
    return this.files.run(path, () =>
      rename(path, taken).then(
        () => taken,
        () => undefined,
      ),
    );
  }

  /**
   * Writes `lines` (older) in front of what the user's spool file holds now (newer), then drops
   * the file they were taken from: written to a temporary file and renamed, under the file's turn.
   */
  private putBack(path: string, taken: string, lines: string): Promise<void> {
    return this.files.run(path, async () => {
      const newer = await readFile(path, 'utf8').catch(() => '');
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, lines + newer, { mode: 0o600 });
      await rename(tmp, path);
      await rm(taken, { force: true });
    });
  }

  async pending(): Promise<boolean> {
    return (await readdir(this.dir).catch(() => [] as string[])).some((n) => n.endsWith('.jsonl'));
  }
}
