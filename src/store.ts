import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import { StoreError } from './core/errors.ts';

/**
 * Storage behind read / write / delete (grammY's StorageAdapter shape). Every call is bounded by a
 * timeout and fails with a `StoreError` instead of answering "nothing stored" (keyv's default
 * swallows errors, which makes an outage look like a brand-new user — PLATFORM-NOTES).
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
  /** 'sqlite' | 'redis' | 'postgres' | 'memory' — for logs and benchmarks. */
  readonly kind: string;
}

export interface StoreOptions {
  /** Per-call bound (default 3 s): a store that hangs fails the turn instead of stalling it. */
  timeoutMs?: number;
  /** keyv namespace; keys inside are versioned by the callers (`conv:v1:…`). */
  namespace?: string;
}

class KeyvStore implements KeyValueStore {
  constructor(
    private readonly keyv: Keyv,
    readonly kind: string,
    private readonly timeoutMs: number,
    private readonly onClose: () => Promise<void>,
  ) {}

  private bounded<T>(op: string, key: string, run: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new StoreError(
              'store_timeout',
              `${this.kind} ${op} ${key}: no answer in ${this.timeoutMs} ms`,
            ),
          ),
        this.timeoutMs,
      );
    });
    return Promise.race([run(), timeout])
      .catch((err: unknown) => {
        if (err instanceof StoreError) throw err;
        throw new StoreError(
          'store_unavailable',
          `${this.kind} ${op} ${key} failed: ${(err as Error)?.message ?? err}`,
          { cause: err },
        );
      })
      .finally(() => clearTimeout(timer));
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.bounded('get', key, async () => (await this.keyv.get<T>(key)) ?? undefined);
  }

  set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    return this.bounded('set', key, async () => {
      const ok = await this.keyv.set(key, value, ttlMs);
      if (ok === false) throw new Error('the store refused the write');
    });
  }

  delete(key: string): Promise<void> {
    return this.bounded('delete', key, async () => {
      await this.keyv.delete(key);
    });
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

/**
 * keyv factory from STORE_URL: `sqlite://./data/support.sqlite` (default; WAL journal, which takes
 * it from ~300 to ~3,000 turns/s here), `redis://host:port`, `postgres://…`, or `memory://`
 * (tests and the terminal chat when asked).
 */
export async function createStore(url: string, options: StoreOptions = {}): Promise<KeyValueStore> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const namespace = options.namespace ?? 'wsb';
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();

  const wrap = (
    adapter: KeyvStoreAdapter | Map<unknown, unknown>,
    kind: string,
    close: () => Promise<void>,
  ) => {
    const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true, useKeyPrefix: true });
    return new KeyvStore(keyv, kind, timeoutMs, close);
  };

  switch (scheme) {
    case 'sqlite': {
      const { default: KeyvSqlite } = await import('@keyv/sqlite');
      const file = url.replace(/^sqlite:\/\//i, '');
      if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
      const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, table: 'kv', busyTimeout: 5000 });
      await adapter.query('PRAGMA journal_mode=WAL');
      await adapter.query('PRAGMA synchronous=NORMAL');
      return wrap(adapter as unknown as KeyvStoreAdapter, 'sqlite', () => adapter.disconnect());
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
      return wrap(adapter as unknown as KeyvStoreAdapter, 'redis', () => adapter.disconnect());
    }
    case 'postgres':
    case 'postgresql': {
      const { default: KeyvPostgres } = await import('@keyv/postgres');
      const adapter = new KeyvPostgres({ uri: url, table: 'kv' });
      return wrap(adapter as unknown as KeyvStoreAdapter, 'postgres', () => adapter.disconnect());
    }
    case 'memory':
      return wrap(new Map(), 'memory', async () => {});
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
