import type { DistributedLock, KeyValueStore } from './core/ports.ts';
import { mkdirSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { dirname, resolve } from 'node:path';
import Keyv, { type DeserializedData, type KeyvStoreAdapter } from 'keyv';
import { defaultDeserialize } from '@keyv/serialize';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { LockBusy, StoreError } from './core/errors.ts';

export interface StoreOptions {
  /** Per-call bound (default 3 s): a store that hangs fails the turn instead of stalling it. */
  timeoutMs?: number;
  /** keyv namespace; keys inside are versioned by the callers (`conv:v1:…`). */
  namespace?: string;
  /** How long a turn waits for another instance to finish the same user's turn (Redis). */
  lockWaitMs?: number;
  /** Expiry of a turn lock that is not extended (its holder died); extended while held. */
  lockTtlMs?: number;
}

/**
 * Runs one call to the store: any failure becomes a StoreError naming `what`, and a call with no
 * answer in `timeoutMs` fails as `store_timeout` instead of holding the turn (0: no timer, for
 * a local SQLite file, which answers synchronously; busy_timeout bounds its locks).
 */
function bounded<T>(what: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
  const unavailable = (err: unknown): never => {
    if (err instanceof StoreError) throw err;
    throw new StoreError('store_unavailable', `${what} failed: ${(err as Error)?.message ?? err}`, {
      cause: err,
    });
  };
  if (timeoutMs <= 0) return run().catch(unavailable);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StoreError('store_timeout', `${what}: no answer in ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([run(), timeout])
    .catch(unavailable)
    .finally(() => clearTimeout(timer));
}

/**
 * Deep-freezes a record kept in RecordCache and returns about how many bytes it takes in memory
 * (strings two per character, a little per value and per property): one object is handed to
 * every reader, so a reader that changed it in place would change what the others read. Frozen,
 * such a change throws (ES modules are strict) where it is made, in tests first.
 */
function freezeAndMeasure(value: unknown): number {
  if (typeof value === 'string') return 16 + 2 * value.length;
  if (value === null || typeof value !== 'object') return 8;
  Object.freeze(value);
  let bytes = 32;
  if (Array.isArray(value)) for (const v of value) bytes += 8 + freezeAndMeasure(v);
  else
    for (const k in value)
      bytes += 8 + k.length + freezeAndMeasure((value as Record<string, unknown>)[k]);
  return bytes;
}

/**
 * The records of a store that only this process writes (SQLite, whose file the process holds
 * exclusively; the in-memory store), as parsed objects, the longest kept evicted first past a
 * byte budget: a read that hits costs a map lookup instead of a SQLite read and a
 * JSON.parse, and allocates nothing. Relaying a message reads its conversation and its ticket;
 * parsing them was a tenth of a relayed message's CPU, and their garbage a good part of the GC's
 * (bench/load.ts --profile). Never for a store other instances write (Redis, PostgreSQL): a kept
 * record would hide their writes.
 */
class RecordCache {
  private readonly entries = new Map<
    string,
    { value: unknown; expires: number | undefined; bytes: number }
  >();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    /** A larger record (a long transcript chunk read once for an export) is not kept. */
    private readonly maxRecordBytes: number,
  ) {}

  /** The kept record, `undefined` if not kept (or expired, then forgotten). */
  get(key: string): { value: unknown } | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires !== undefined && e.expires <= Date.now()) {
      this.forget(key);
      return undefined;
    }
    return e;
  }

  set(key: string, value: unknown, expires: number | undefined): void {
    this.forget(key); // re-added at the end: the most recently used
    const bytes = freezeAndMeasure(value);
    if (bytes > this.maxRecordBytes) return;
    this.entries.set(key, { value, expires, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  /** Forgets `key`; with `value`, only if it still holds that one (a write of it that failed). */
  forget(key: string, value?: unknown): void {
    const e = this.entries.get(key);
    if (!e || (value !== undefined && e.value !== value)) return;
    this.entries.delete(key);
    this.bytes -= e.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

/** RecordCache's budget: the conversations and tickets of a few thousand users at once. */
const CACHE_BYTES = 16 * 1024 * 1024;
const CACHE_RECORD_BYTES = 256 * 1024;

class KeyvStore implements KeyValueStore {
  /** Parsed records, for a store no other process writes (see RecordCache). */
  private readonly cache: RecordCache | undefined;

  constructor(
    private readonly keyv: Keyv,
    readonly kind: string,
    private readonly timeoutMs: number,
    private readonly onClose: () => Promise<void>,
    readonly lock?: DistributedLock,
    soleWriter = false,
  ) {
    if (soleWriter) this.cache = new RecordCache(CACHE_BYTES, CACHE_RECORD_BYTES);
  }

  private bounded<T>(op: string, key: string, run: () => Promise<T>): Promise<T> {
    return bounded(`${this.kind} ${op} ${key}`, this.timeoutMs, run);
  }

  get<T>(key: string): Promise<T | undefined> {
    const hit = this.cache?.get(key);
    if (hit) return Promise.resolve(hit.value as T);
    return this.bounded('get', key, async () => {
      const raw = await this.keyv.get<T>(key, { raw: true });
      if (!raw) return undefined;
      this.cache?.set(key, raw.value, raw.expires ?? undefined);
      return raw.value ?? undefined;
    });
  }

  set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.cache?.set(key, value, ttlMs ? Date.now() + ttlMs : undefined);
    return this.bounded('set', key, async () => {
      const ok = await this.keyv.set(key, value, ttlMs);
      if (ok === false) throw new Error('the store refused the write');
    }).catch((err: unknown) => {
      // Not written: the next read goes to the store, which holds what was there before.
      this.cache?.forget(key, value);
      throw err;
    });
  }

  delete(key: string): Promise<void> {
    this.cache?.forget(key);
    return this.bounded('delete', key, async () => {
      await this.keyv.delete(key);
    });
  }

  clear(): Promise<void> {
    this.cache?.clear();
    return this.bounded('clear', '*', async () => {
      await this.keyv.clear();
    });
  }

  close(): Promise<void> {
    this.cache?.clear();
    return this.onClose();
  }
}

/**
 * Values are written in keyv's own format (`{"value": …, "expires": …}`, a string that starts
 * with ':' escaped as '::'), so instances of earlier versions read them during a rolling update,
 * but marked `"v":2`, and `"e":1` only when something had to be escaped: such records (nearly all)
 * are read back with a plain JSON.parse, a quarter of the cost of keyv's reviver, which walks
 * every value (measured: 6 vs 23 µs for a ticket). Unmarked records go through keyv's own.
 */
function serialize(d: DeserializedData<unknown>): string {
  // The marks are the envelope's last keys, so the record ends with `,"v":2}` as a reader
  // expects; written in one JSON.stringify (no copy of the text to append them).
  const envelope = d.expires
    ? { value: d.value, expires: d.expires, v: 2 }
    : { value: d.value, v: 2 };
  const text = JSON.stringify(envelope);
  // A string value that starts with ':' shows as `":` right after the `:`, `,` or `[` before
  // its opening quote (a quote inside a string is `\"`; a key's closing quote follows the key).
  // Nearly no record has one: those are written again with the escaping replacer, the others
  // skip it (a replacer makes JSON.stringify call back into JS for every value).
  if (!STRING_STARTING_WITH_COLON.test(text)) return text;
  return JSON.stringify({ ...envelope, e: 1 }, (_k, x: unknown) =>
    typeof x === 'string' && x.charCodeAt(0) === 58 /* ':' */ ? `:${x}` : x,
  );
}

const STRING_STARTING_WITH_COLON = /[:,[]":/;

function deserialize<T>(raw: string): DeserializedData<T> | undefined {
  const marked = raw.endsWith(',"v":2}');
  if (!marked) return defaultDeserialize<DeserializedData<T>>(raw);
  const parsed = JSON.parse(raw) as { value?: T; expires?: number };
  return parsed.expires
    ? { value: parsed.value as T, expires: parsed.expires }
    : { value: parsed.value as T };
}

/**
 * keyv storage adapter on better-sqlite3: synchronous prepared statements on one connection, a
 * quarter of the CPU per read and write of the asynchronous sqlite3 binding behind @keyv/sqlite
 * (measured: 32 vs 124 µs per get + set of a ticket). Same table as @keyv/sqlite (`kv`: key,
 * value TEXT), so files written by earlier versions open as they are.
 * @see https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md
 * @see https://sqlite.org/wal.html
 */
class SqliteAdapter extends EventEmitter {
  namespace?: string | undefined;
  readonly opts = { dialect: 'sqlite' };
  private readonly getStmt: Statement<[string], string>;
  private readonly setStmt: Statement<[string, string]>;
  private readonly deleteStmt: Statement<[string]>;
  private readonly clearStmt: Statement<[string]>;
  private readonly commit: (entries: Array<[string, string]>) => void;

  constructor(private readonly db: Database.Database) {
    super();
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit survives a crash of the process (not of the machine's power).
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // One process owns the file (README: SQLite is for one process; several instances share
    // Redis or PostgreSQL). Held from the first write below until close: the WAL index lives in
    // the process's memory and a read takes no file lock (measured here: 8 vs 1.5–2.3 µs per
    // read of a record), and a second bot started on the same file fails at once with
    // SqliteInUse instead of both writing into it.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS kv (key VARCHAR(255) PRIMARY KEY, value TEXT)');
    db.exec('BEGIN IMMEDIATE; COMMIT');
    this.getStmt = db.prepare<[string], string>('SELECT value FROM kv WHERE key = ?').pluck();
    this.setStmt = db.prepare<[string, string]>(
      'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM kv WHERE key = ?');
    this.clearStmt = db.prepare<[string]>("DELETE FROM kv WHERE key LIKE ? ESCAPE '\\'");
    this.commit = db.transaction((entries: Array<[string, string]>) => {
      for (const [k, v] of entries) this.setStmt.run(k, v);
    });
  }

  async get(key: string): Promise<string | undefined> {
    return this.batch.get(key) ?? this.getStmt.get(key);
  }

  /**
   * Writes of one event-loop turn are committed together, in one transaction, when the turn
   * ends; each promise settles after that commit (a turn that awaits its write still sees it on
   * disk before it goes on). Under load dozens of turns write in the same loop turn: one commit
   * writes each page once instead of once per record (measured here: 31 µs per write one by
   * one, 11 µs in tens). Reads see the writes still waiting.
   */
  set(key: string, value: string): Promise<boolean> {
    this.batch.delete(key); // the latest value, in the order of the latest write
    this.batch.set(key, value);
    this.flushAt ??= setImmediate(() => this.flush());
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private readonly batch = new Map<string, string>();
  private waiting: Array<{ resolve: (ok: boolean) => void; reject: (err: unknown) => void }> = [];
  private flushAt: NodeJS.Immediate | undefined;

  /** Commits the waiting writes (at the end of the loop turn, or before a delete or a close). */
  private flush(): void {
    if (this.flushAt) clearImmediate(this.flushAt);
    this.flushAt = undefined;
    if (!this.batch.size) return;
    const entries = [...this.batch];
    const waiting = this.waiting;
    this.batch.clear();
    this.waiting = [];
    try {
      this.commit(entries);
    } catch (err) {
      for (const w of waiting) w.reject(err);
      return;
    }
    for (const w of waiting) w.resolve(true);
  }

  async delete(key: string): Promise<boolean> {
    this.flush();
    return this.deleteStmt.run(key).changes > 0;
  }

  async clear(): Promise<void> {
    this.flush();
    const prefix = (this.namespace ? `${this.namespace}:` : '').replace(/[\\%_]/g, '\\$&');
    this.clearStmt.run(`${prefix}%`);
  }

  async disconnect(): Promise<void> {
    this.flush();
    this.db.close();
  }
}

/**
 * keyv factory from STORE_URL: `sqlite://./data/support.sqlite` (default; WAL journal),
 * `redis://host:port`, `postgres://…`, or `memory://` (tests and the terminal chat when asked).
 */
export async function createStore(url: string, options: StoreOptions = {}): Promise<KeyValueStore> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const namespace = options.namespace ?? 'wsb';
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();

  const wrap = (
    adapter: KeyvStoreAdapter | Map<unknown, unknown>,
    kind: string,
    close: () => Promise<void>,
    lock?: DistributedLock,
    soleWriter = false,
  ) => {
    const keyv = new Keyv({
      store: adapter,
      namespace,
      throwOnErrors: true,
      useKeyPrefix: true,
      serialize,
      deserialize,
    });
    return new KeyvStore(keyv, kind, kind === 'sqlite' ? 0 : timeoutMs, close, lock, soleWriter);
  };

  switch (scheme) {
    case 'sqlite': {
      const { default: Database } = await import('better-sqlite3');
      const file = url.replace(/^sqlite:\/\//i, '');
      if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
      let adapter: SqliteAdapter;
      let db: Database.Database | undefined;
      try {
        db = new Database(file);
        adapter = new SqliteAdapter(db);
      } catch (err) {
        db?.close();
        const busy = (err as { code?: string }).code === 'SQLITE_BUSY';
        throw new StoreError(
          'store_unavailable',
          busy
            ? `SQLite file ${file} is in use by another process (another bot on the same file?). ` +
                'SQLite is for one process: stop the other one, or run several instances on ' +
                'STORE_URL=redis://… or postgres://…'
            : `cannot open SQLite file ${file}: ${(err as Error).message}`,
          { cause: err },
        );
      }
      return wrap(
        adapter as unknown as KeyvStoreAdapter,
        'sqlite',
        () => adapter.disconnect(),
        undefined,
        true,
      );
    }
    case 'redis':
    case 'rediss': {
      const { default: KeyvRedis } = await import('@keyv/redis');
      const adapter = new KeyvRedis(
        {
          url,
          // Fail commands at once while disconnected instead of queueing them (a turn would hang).
          disableOfflineQueue: true,
          socket: {
            connectTimeout: timeoutMs,
            reconnectStrategy: (retries: number) => Math.min(retries * 200, 2000),
          },
        },
        { throwOnConnectError: true, throwOnErrors: true, connectionTimeout: timeoutMs },
      );
      try {
        await adapter.getClient();
      } catch (err) {
        throw new StoreError(
          'store_unavailable',
          `cannot reach Redis at ${redactUrl(url)}: ${(err as Error).message}`,
          { cause: err },
        );
      }
      const client = (await adapter.getClient()) as unknown as RedisLockClient;
      return wrap(
        adapter as unknown as KeyvStoreAdapter,
        'redis',
        () => adapter.disconnect(),
        new RedisLock(
          client,
          `${namespace}:lock:`,
          options.lockWaitMs ?? 60_000,
          options.lockTtlMs,
          timeoutMs,
        ),
      );
    }
    case 'postgres':
    case 'postgresql': {
      const { default: KeyvPostgres } = await import('@keyv/postgres');
      const adapter = new KeyvPostgres({ uri: url, table: 'kv' });
      return wrap(adapter as unknown as KeyvStoreAdapter, 'postgres', () => adapter.disconnect());
    }
    case 'memory':
      return wrap(new Map(), 'memory', async () => {}, undefined, true);
    default:
      throw new StoreError(
        'store_unavailable',
        `STORE_URL scheme "${scheme}" is not supported (sqlite://, redis://, postgres://, memory://)`,
      );
  }
}

/** `redis://user:secret@host` → `redis://user:***@host`, for error messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

interface RedisLockClient {
  set(key: string, value: string, options: object): Promise<string | null>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Deletes the lock only if it is still ours (it may have expired and been taken meanwhile). */
/** Extends the lock only if it is still ours. */
const EXTEND =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * SET NX PX with a random token, retried with a short backoff; released by compare-and-delete.
 * The expiry (10 s, extended every 3 s while held) frees the key soon after a process dies holding it. Every call to Redis is bounded
 * (the store's timeout): a Redis that stopped answering fails the turn with a StoreError, which
 * spools the message, instead of holding it forever.
 */
class RedisLock implements DistributedLock {
  constructor(
    private readonly client: RedisLockClient,
    private readonly prefix: string,
    private readonly waitMs: number,
    private readonly ttlMs = 10_000,
    private readonly callTimeoutMs = 3_000,
  ) {}

  private call<T>(what: string, run: () => Promise<T>): Promise<T> {
    return bounded(`redis ${what}`, this.callTimeoutMs, run);
  }

  async acquire(key: string, waitMs = this.waitMs): Promise<() => Promise<void>> {
    const name = this.prefix + key;
    const token = randomUUID();
    const deadline = Date.now() + waitMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      const ok = await this.call('lock', () =>
        this.client.set(name, token, {
          condition: 'NX',
          expiration: { type: 'PX', value: this.ttlMs },
        }),
      ).catch((err: unknown) => {
        // A SET that got no answer may still run when Redis wakes up (it is queued on the same
        // connection): the delete queued behind it frees the lock at once instead of leaving
        // the user locked out until it expires.
        this.client.eval(RELEASE, { keys: [name], arguments: [token] }).catch(() => undefined);
        throw err;
      });
      if (ok === 'OK') {
        // Held as long as the turn runs (downloads, a slow desk): extended while we still own it.
        const watchdog = setInterval(() => {
          this.call('lock extension', () =>
            this.client.eval(EXTEND, { keys: [name], arguments: [token, String(this.ttlMs)] }),
          ).catch(() => undefined);
        }, this.ttlMs / 3);
        watchdog.unref();
        return async () => {
          clearInterval(watchdog);
          await this.call('unlock', () =>
            this.client.eval(RELEASE, { keys: [name], arguments: [token] }),
          );
        };
      }
      if (Date.now() > deadline)
        throw new LockBusy(`turn lock ${key} still busy after ${waitMs} ms`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
