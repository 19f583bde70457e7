/**
 * Updates received by long polling, kept on disk until handled.
 *
 * Telegram forgets an update once a later getUpdates call passes an `offset` above its id, and
 * @grammyjs/runner asks for the next batch (confirming this one) while the updates of this batch
 * are still being handled: a crash in between would lose them. So every batch is appended here
 * before the runner can confirm it, each update is marked done once handled (or durably kept by
 * the core's spool during a store outage), and a start replays what the previous run left
 * undone, in order. The file is written with plain appends: it survives a killed process (the
 * kernel holds the data), not a power cut.
 *
 * Telegram delivers again what was not confirmed when the process died; the ids written here are
 * remembered so such a re-delivery is dropped instead of handled twice. Ids are not compared by
 * size: after a week without updates Telegram may restart them at a random value.
 * @see https://core.telegram.org/bots/api#getupdates
 * @see https://grammy.dev/plugins/runner#sequential-processing-where-necessary
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { Update } from 'grammy/types';

/** Ids of handled updates remembered across a compaction (Telegram re-delivers at most 100). */
const KEEP_SEEN = 500;
/** The file is rewritten with only what is still pending once it grows past this. */
const COMPACT_BYTES = 1 << 20;

type Line = { u: Update } | { d: number } | { r: number } | { seen: number[] };

export class UpdateJournal {
  /** Received and not yet handled, in arrival order. */
  private readonly pending = new Map<number, Update>();
  /** Pending updates whose turn already sent its replies (the crash came later in the turn). */
  private readonly answered = new Set<number>();
  /** Ids of the pending updates per chat, in arrival order (see queuedAfter). */
  private readonly perChat = new Map<number, number[]>();
  /** Every id written here (handled or not), oldest first, bounded. */
  private readonly seen = new Set<number>();
  private bytes = 0;
  /** Done marks not yet written (see done()), and the write scheduled for them. */
  private doneMarks = '';
  private flushTimer: NodeJS.Immediate | undefined;
  /** Stopped (release()): marks are written at once, no longer at the end of the loop turn. */
  private released = false;
  /** Opened on the first append: one write per batch and per update handled. */
  private fd: number | undefined;
  /** The lock file this process holds (see lock()). */
  private locked: string | undefined;

  constructor(private readonly file: string) {}

  /**
   * One process per journal (`<file>.lock` holds its pid): a second one on the same DATA_DIR (a
   * rolling update that overlaps) waits until the first has stopped instead of replaying updates
   * the first is still handling. A lock whose process is gone is taken over.
   */
  async lock(signal: AbortSignal, onWait: () => void): Promise<void> {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const lock = `${this.file}.lock`;
    for (let told = false; !signal.aborted;) {
      try {
        writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
        this.locked = lock;
        this.released = false;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = Number(readFileSync(lock, 'utf8').trim());
      if (!alive(holder)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (!told) onWait();
      told = true;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  /** Reads what a previous run left; answers the updates it did not finish, in order. */
  recover(): Update[] {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    if (!existsSync(this.file)) return [];
    const text = readFileSync(this.file, 'utf8');
    for (const raw of text.split('\n')) {
      if (!raw) continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        continue; // a line cut by the kill: its batch was not confirmed, Telegram sends it again
      }
      if ('u' in line) {
        this.pending.set(line.u.update_id, line.u);
        this.remember(line.u.update_id);
      } else if ('d' in line) {
        this.pending.delete(line.d);
        this.answered.delete(line.d);
      } else if ('r' in line) this.answered.add(line.r);
      else for (const id of line.seen) this.remember(id);
    }
    for (const u of this.pending.values()) this.track(u);
    this.compact();
    return [...this.pending.values()];
  }

  /** Writes a fetched batch before anything confirms it; answers the updates not seen before. */
  received(updates: Update[]): Update[] {
    const fresh = updates.filter((u) => !this.seen.has(u.update_id));
    if (fresh.length === 0) return fresh;
    // With the done marks still waiting: one write.
    this.append(this.takeMarks() + fresh.map((u) => JSON.stringify({ u })).join('\n') + '\n');
    for (const u of fresh) {
      this.pending.set(u.update_id, u);
      this.track(u);
      this.remember(u.update_id);
    }
    if (this.bytes > COMPACT_BYTES) this.compact();
    return fresh;
  }

  /** The turn of this update sent its replies: a replay must not send them again. */
  repliesSent(id: number): void {
    if (!this.pending.has(id) || this.answered.has(id)) return;
    this.answered.add(id);
    this.append(`{"r":${id}}\n`);
  }

  /** Whether a pending update's turn already sent its replies (see repliesSent). */
  wasAnswered(id: number): boolean {
    return this.answered.has(id);
  }

  /**
   * The update was handled (or kept by the core): a restart does not replay it. The marks of one
   * event-loop turn go out in one write (a burst handles dozens per turn). One lost to a kill in
   * that instant only means a replay, which the core drops as a message it already has.
   */
  done(id: number): void {
    this.answered.delete(id);
    const u = this.pending.get(id);
    if (!u) return;
    this.pending.delete(id);
    this.untrack(u);
    this.doneMarks += `{"d":${id}}\n`;
    // Once stopping, at once: the process may exit before the end of this loop turn.
    if (this.released) this.flush();
    else this.flushTimer ??= setImmediate(() => this.flush());
  }

  /**
   * Writes the done marks waiting for the end of this event-loop turn. A failed write (a full
   * disk) keeps them for the next one: until then they only mean a replay after a restart.
   */
  private flush(): void {
    const marks = this.takeMarks();
    if (!marks) return;
    try {
      this.append(marks);
    } catch {
      this.doneMarks = marks + this.doneMarks;
      return;
    }
    if (this.bytes > COMPACT_BYTES) this.compact();
  }

  /** The done marks not written yet (cleared: the caller writes them). */
  private takeMarks(): string {
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = undefined;
    const marks = this.doneMarks;
    this.doneMarks = '';
    return marks;
  }

  /**
   * How many updates from the same chat arrived after this pending one and wait their turn
   * (updates of one chat are handled in order). The core leaves a relayed message's desk post to
   * the last of them, so a user's burst reaches the agents as one post.
   */
  queuedAfter(u: Update): number {
    const p = this.place(u);
    return p ? p.ids.length - 1 - p.at : 0;
  }

  /** Where a pending update is listed under its chat, if it is. */
  private place(u: Update): { chat: number; ids: number[]; at: number } | undefined {
    const chat = chatOf(u);
    const ids = chat === undefined ? undefined : this.perChat.get(chat);
    const at = ids?.indexOf(u.update_id) ?? -1;
    return at < 0 ? undefined : { chat: chat!, ids: ids!, at };
  }

  /** Lists a pending update under its chat (see queuedAfter). */
  private track(u: Update): void {
    const chat = chatOf(u);
    if (chat === undefined) return;
    const ids = this.perChat.get(chat);
    if (ids) ids.push(u.update_id);
    else this.perChat.set(chat, [u.update_id]);
  }

  private untrack(u: Update): void {
    const p = this.place(u);
    if (!p) return;
    p.ids.splice(p.at, 1);
    if (!p.ids.length) this.perChat.delete(p.chat);
  }

  get size(): number {
    return this.pending.size;
  }

  private remember(id: number): void {
    this.seen.delete(id);
    this.seen.add(id);
    if (this.seen.size > KEEP_SEEN) this.seen.delete(this.seen.values().next().value!);
  }

  private append(text: string): void {
    this.fd ??= openSync(this.file, 'a', 0o600);
    this.bytes += writeSync(this.fd, text);
  }

  /** Closes the file (stop) after the done marks still waiting; a later append opens it again. */
  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Stop: closes the file and frees the lock. */
  release(): void {
    this.released = true;
    this.close();
    if (this.locked) rmSync(this.locked, { force: true });
    this.locked = undefined;
  }

  /** Rewrites the file with the remembered ids and the pending updates only (atomic rename). */
  private compact(): void {
    // Done marks are already reflected in `pending`: nothing waiting needs writing.
    this.takeMarks();
    const lines = [JSON.stringify({ seen: [...this.seen] })];
    for (const u of this.pending.values()) lines.push(JSON.stringify({ u }));
    for (const id of this.answered) lines.push(JSON.stringify({ r: id }));
    const text = lines.join('\n') + '\n';
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    this.close();
    renameSync(tmp, this.file);
    this.bytes = Buffer.byteLength(text);
  }
}

function chatOf(u: Update): number | undefined {
  return (u.message ?? u.edited_message ?? u.callback_query?.message)?.chat.id;
}

/** Whether another live process has this pid (ours is not "another": a stale lock from before). */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
