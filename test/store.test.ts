import type { KeyValueStore } from '../src/core/ports.ts';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../src/core/errors.ts';
import { createStore, redactUrl } from '../src/store.ts';

/**
 * One contract, every backend (botbuilder's storageBaseTests): SQLite on a temp file always;
 * the real Redis when REDIS_URL is set (.ci/run sets it), PostgreSQL when POSTGRES_URL is set.
 */
const dir = mkdtempSync(join(tmpdir(), 'wsb-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const backends: Array<[string, string | undefined]> = [
  ['sqlite', `sqlite://${join(dir, 'contract.sqlite')}`],
  ['redis', process.env['REDIS_URL']],
  ['postgres', process.env['POSTGRES_URL']],
];

for (const [name, url] of backends) {
  describe.skipIf(!url)(`store contract: ${name}`, () => {
    const ns = `test${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
    let store: KeyValueStore;
    const open = async () => (store ??= await createStore(url!, { namespace: ns }));
    afterAll(async () => {
      await store?.clear?.();
      await store?.close();
    });

    it('reads back what it wrote, objects included', async () => {
      const s = await open();
      const value = {
        phase: 'collecting',
        values: { amount: '100 USDT' },
        recent: ['a', 'b'],
        n: 3,
      };
      await s.set('conv:v1:x:1', value);
      expect(await s.get('conv:v1:x:1')).toEqual(value);
    });

    it('answers undefined for a key never written', async () => {
      expect(await (await open()).get('nope:v1:missing')).toBeUndefined();
    });

    it('overwrites and deletes', async () => {
      const s = await open();
      await s.set('k:v1:1', 'a');
      await s.set('k:v1:1', 'b');
      expect(await s.get('k:v1:1')).toBe('b');
      await s.delete('k:v1:1');
      expect(await s.get('k:v1:1')).toBeUndefined();
    });

    it('keeps Chinese text and emoji intact', async () => {
      const s = await open();
      await s.set('t:v1:zh', '我的提现三天了还没到账 😡');
      expect(await s.get('t:v1:zh')).toBe('我的提现三天了还没到账 😡');
    });

    it('expires a key written with a ttl', async () => {
      const s = await open();
      await s.set('ttl:v1:1', 'x', 50);
      await new Promise((r) => setTimeout(r, 120));
      expect(await s.get('ttl:v1:1')).toBeUndefined();
    });

    it("keeps text that starts with ':' (an emoticon) as written", async () => {
      const s = await open();
      await s.set('t:v1:colon', { text: ':) thanks', more: '::' });
      expect(await s.get('t:v1:colon')).toEqual({ text: ':) thanks', more: '::' });
      // In an array, first in an object, as the whole value; a quote-colon inside a text; a key
      // that ends in ':'.
      const tricky = {
        a: [':first', 'x', ':second'],
        b: { c: ':c' },
        d: 'he wrote ,": and [":',
        'key:': 'plain',
        e: ':',
      };
      await s.set('t:v1:tricky', tricky);
      expect(await s.get('t:v1:tricky')).toEqual(tricky);
      await s.set('t:v1:bare', ':bare');
      expect(await s.get('t:v1:bare')).toBe(':bare');
      await s.set('t:v1:none', { d: 'he wrote ,": here', n: [1, '2'] });
      expect(await s.get('t:v1:none')).toEqual({ d: 'he wrote ,": here', n: [1, '2'] });
    });

    it('clears its own namespace only', async () => {
      if (name === 'sqlite') {
        // One process holds a SQLite file at a time: the namespaces take turns on their own file.
        const file = `sqlite://${join(dir, 'namespaces.sqlite')}`;
        const kept = await createStore(file, { namespace: `${ns}x` });
        await kept.set('k:v1:kept', 1);
        await kept.close();
        const cleared = await createStore(file, { namespace: ns });
        await cleared.set('k:v1:gone', 1);
        await cleared.clear!();
        expect(await cleared.get('k:v1:gone')).toBeUndefined();
        await cleared.close();
        const again = await createStore(file, { namespace: `${ns}x` });
        expect(await again.get('k:v1:kept')).toBe(1);
        await again.close();
        return;
      }
      const s = await open();
      const other = await createStore(url!, { namespace: `${ns}x` });
      try {
        await other.set('k:v1:kept', 1);
        await s.set('k:v1:gone', 1);
        await s.clear!();
        expect(await s.get('k:v1:gone')).toBeUndefined();
        expect(await other.get('k:v1:kept')).toBe(1);
      } finally {
        await other.clear!();
        // @keyv/postgres shares one pool per URL: closing this one would end the suite's too.
        if (name !== 'postgres') await other.close();
      }
    });

    it('handles many writes in flight', async () => {
      const s = await open();
      await Promise.all(Array.from({ length: 200 }, (_, i) => s.set(`many:v1:${i}`, { i })));
      const back = await Promise.all(
        Array.from({ length: 200 }, (_, i) => s.get<{ i: number }>(`many:v1:${i}`)),
      );
      expect(back.map((b) => b?.i)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    });
  });
}

describe('SQLite files written by earlier versions (@keyv/sqlite, keyv serializer)', () => {
  it('open as they are: records are read, and new ones written next to them', async () => {
    const file = join(dir, 'legacy.sqlite');
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file);
    // The table and the value format @keyv/sqlite 4 and @keyv/serialize wrote ('::' escapes a
    // leading ':').
    db.exec('CREATE TABLE kv(key VARCHAR(255) PRIMARY KEY, value TEXT )');
    db.prepare('INSERT INTO kv (key, value) VALUES (?, ?)').run(
      'wsb:conv:v1:telegram:1',
      JSON.stringify({ value: { phase: 'handed_off', last: '::) ok' }, expires: null }),
    );
    db.close();
    const store = await createStore(`sqlite://${file}`);
    try {
      expect(await store.get('conv:v1:telegram:1')).toEqual({
        phase: 'handed_off',
        last: ':) ok',
      });
      await store.set('conv:v1:telegram:2', { last: ':) new' });
      expect(await store.get('conv:v1:telegram:2')).toEqual({ last: ':) new' });
    } finally {
      await store.close();
    }
    // And an earlier version (keyv's own deserializer) reads what this one wrote.
    const { defaultDeserialize } = await import('@keyv/serialize');
    const again = new Database(file);
    const raw = again
      .prepare('SELECT value FROM kv WHERE key = ?')
      .pluck()
      .get('wsb:conv:v1:telegram:2') as string;
    again.close();
    expect((defaultDeserialize(raw) as { value: unknown }).value).toEqual({ last: ':) new' });
  });
});

describe('SQLite writes of one event-loop turn, committed together', () => {
  it('keep the order written: the last write of a key wins', async () => {
    const file = join(dir, 'batched.sqlite');
    const store = await createStore(`sqlite://${file}`);
    try {
      await Promise.all([
        store.set('b:v1:1', 'first'),
        store.set('b:v1:2', 'x'),
        store.set('b:v1:1', 'second'),
      ]);
      await store.delete('b:v1:2');
      expect(await store.get('b:v1:1')).toBe('second');
      expect(await store.get('b:v1:2')).toBeUndefined();
    } finally {
      await store.close();
    }
    // On disk once each write has settled: another connection sees them.
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT key FROM kv ORDER BY key').pluck().all();
    db.close();
    expect(rows).toEqual(['wsb:b:v1:1']);
  });

  it('settle a write only once it is on disk', async () => {
    const file = join(dir, 'settled.sqlite');
    const store = await createStore(`sqlite://${file}`);
    // The process holds the file (no other connection may read it): the write-ahead log, where
    // a commit lands, grows when the write is committed.
    const wal = () => statSync(`${file}-wal`).size;
    try {
      await store.set('s:v1:0', { ok: true });
      const before = wal();
      const write = store.set('s:v1:1', { ok: true });
      expect(wal()).toBe(before);
      await write;
      expect(wal()).toBeGreaterThan(before);
    } finally {
      await store.close();
    }
    const { default: Database } = await import('better-sqlite3');
    const reader = new Database(file, { readonly: true });
    const count = reader.prepare('SELECT count(*) FROM kv').pluck().get();
    reader.close();
    expect(count).toBe(2);
  });

  it('belong to one process: a second store on the same file is refused, with what to do', async () => {
    const file = join(dir, 'owned.sqlite');
    const first = await createStore(`sqlite://${file}`);
    try {
      await first.set('o:v1:1', 'mine');
      const err = await createStore(`sqlite://${file}`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toMatch(/in use by another process.*redis:\/\//s);
      expect(await first.get('o:v1:1')).toBe('mine');
    } finally {
      await first.close();
    }
    // Free again once the owner closed it.
    const next = await createStore(`sqlite://${file}`);
    expect(await next.get('o:v1:1')).toBe('mine');
    await next.close();
  }, 15_000);
});

describe('records kept parsed in memory (a store only this process writes)', () => {
  const ticket = (n: number, text = 'my withdrawal is pending') => ({
    id: `T-${n}`,
    transcript: [{ at: n, from: 'user', text }],
  });

  it('are read without the file: the same object, frozen, and a change to it throws', async () => {
    const file = join(dir, 'cached.sqlite');
    const store = await createStore(`sqlite://${file}`);
    try {
      await store.set('ticket:v1:T-1', ticket(1));
      const read = await store.get<ReturnType<typeof ticket>>('ticket:v1:T-1');
      expect(await store.get('ticket:v1:T-1')).toBe(read);
      expect(Object.isFrozen(read!.transcript[0])).toBe(true);
      expect(() => {
        read!.transcript.push({ at: 2, from: 'user', text: 'more' });
      }).toThrow(TypeError);
      expect(await store.get('ticket:v1:T-1')).toEqual(ticket(1));
    } finally {
      await store.close();
    }
    // What a new process reads is what was written.
    const next = await createStore(`sqlite://${file}`);
    expect(await next.get('ticket:v1:T-1')).toEqual(ticket(1));
    await next.close();
  });

  it('forget a write that failed: the next read has what the store holds', async () => {
    const store = await createStore(`sqlite://${join(dir, 'failed.sqlite')}`);
    try {
      await store.set('ticket:v1:T-2', ticket(2));
      // JSON has no BigInt: this write fails when it is serialised.
      const bad = { ...ticket(2, 'second'), amount: 10n };
      await expect(store.set('ticket:v1:T-2', bad)).rejects.toThrow();
      expect(await store.get('ticket:v1:T-2')).toEqual(ticket(2));
    } finally {
      await store.close();
    }
  });

  it('expire with their ttl', async () => {
    const store = await createStore(`sqlite://${join(dir, 'ttl-cached.sqlite')}`);
    try {
      await store.set('flood:v1:u', { hits: [1] }, 50);
      expect(await store.get('flood:v1:u')).toEqual({ hits: [1] });
      await new Promise((r) => setTimeout(r, 120));
      expect(await store.get('flood:v1:u')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('stay within a memory budget: the oldest and the very large are read from the file', async () => {
    const store = await createStore(`sqlite://${join(dir, 'budget.sqlite')}`);
    try {
      // 100 KB of text each (200 KB in memory): 100 of them are past the 16 MB budget.
      const big = 'x'.repeat(100_000);
      await store.set('ticket:v1:T-0', ticket(0, big));
      const first = await store.get('ticket:v1:T-0');
      expect(await store.get('ticket:v1:T-0')).toBe(first);
      for (let n = 1; n <= 100; n++) await store.set(`ticket:v1:T-${n}`, ticket(n, big));
      const again = await store.get('ticket:v1:T-0');
      expect(again).not.toBe(first);
      expect(again).toEqual(first);
      // A record larger than 256 KB in memory is never kept.
      await store.set('transcript:v1:T-0:0', ticket(0, 'y'.repeat(200_000)));
      const huge = await store.get('transcript:v1:T-0:0');
      expect(await store.get('transcript:v1:T-0:0')).not.toBe(huge);
    } finally {
      await store.clear?.();
      await store.close();
    }
  });
});

describe.skipIf(!process.env['REDIS_URL'])('records on a store shared by instances (Redis)', () => {
  it('are read from the store every time: another instance may have written them', async () => {
    const ns = `test${Date.now()}shared`;
    const a = await createStore(process.env['REDIS_URL']!, { namespace: ns });
    const b = await createStore(process.env['REDIS_URL']!, { namespace: ns });
    try {
      await a.set('ticket:v1:T-1', ticket1('open'));
      expect(await b.get('ticket:v1:T-1')).toEqual(ticket1('open'));
      await b.set('ticket:v1:T-1', ticket1('closed'));
      expect(await a.get('ticket:v1:T-1')).toEqual(ticket1('closed'));
    } finally {
      await a.clear?.();
      await a.close();
      await b.close();
    }
  });
  const ticket1 = (status: string) => ({ id: 'T-1', status });
});

describe('a store that cannot be reached', () => {
  it('fails fast with a StoreError naming the store, instead of hanging', async () => {
    const started = Date.now();
    const err = await createStore('redis://127.0.0.1:1', { timeoutMs: 500 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses an unknown scheme with the ones it knows', async () => {
    await expect(createStore('mongodb://x')).rejects.toThrow(
      /sqlite:\/\/, redis:\/\/, postgres:\/\//,
    );
  });

  it('never shows a password from the URL', () => {
    expect(redactUrl('redis://user:s3cret@host:6379')).toBe('redis://user:***@host:6379');
  });
});

describe.skipIf(!process.env['REDIS_URL'])('the turn lock on Redis', () => {
  it('lets one holder in at a time, refuses after the wait, and frees the key on release', async () => {
    const ns = `lock${Date.now()}`;
    const a = await createStore(process.env['REDIS_URL']!, { namespace: ns, lockWaitMs: 200 });
    const b = await createStore(process.env['REDIS_URL']!, { namespace: ns, lockWaitMs: 200 });
    try {
      const release = await a.lock!.acquire('user:x');
      await expect(b.lock!.acquire('user:x')).rejects.toThrow(/still busy/);
      await release();
      const again = await b.lock!.acquire('user:x');
      await again();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('stays held past its expiry while the holder is still working (extended), then frees', async () => {
    const ns = `lockttl${Date.now()}`;
    const a = await createStore(process.env['REDIS_URL']!, { namespace: ns, lockTtlMs: 300 });
    const b = await createStore(process.env['REDIS_URL']!, { namespace: ns, lockWaitMs: 100 });
    try {
      const release = await a.lock!.acquire('user:slow');
      await new Promise((r) => setTimeout(r, 900)); // three expiries
      await expect(b.lock!.acquire('user:slow')).rejects.toThrow(/still busy/);
      await release();
      await (
        await b.lock!.acquire('user:slow')
      )();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('is absent on SQLite: one process owns the file', async () => {
    const s = await createStore(`sqlite://${join(dir, 'nolock.sqlite')}`);
    expect(s.lock).toBeUndefined();
    await s.close();
  });
});
