import { afterEach, describe, expect, it } from 'vitest';
import { keys, OPEN_SHARDS } from '../src/core/repo.ts';
import { renderMetrics } from '../src/http.ts';
import { makeTestCore, type TestCore } from './support/core.ts';

const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose();
});

describe('/metrics', () => {
  it('counts 500 open cases from the indexes without reading a single ticket', async () => {
    const t = await makeTestCore({ channels: [] });
    cores.push(t);
    const ids = Array.from({ length: 500 }, (_, i) => `T-${String(i).padStart(7, '0')}`);
    for (let s = 0; s < OPEN_SHARDS; s++)
      await t.store.set(
        keys.openTickets(s),
        ids.filter((_, i) => i % OPEN_SHARDS === s),
      );
    const read: string[] = [];
    const get = t.store.get.bind(t.store);
    t.store.get = <T>(key: string): Promise<T | undefined> => {
      read.push(key);
      return get<T>(key);
    };
    const text = await renderMetrics(t.core);
    expect(text).toMatch(/^support_open_tickets 500$/m);
    expect(read.filter((k) => k.startsWith('ticket:'))).toEqual([]);
  });
});
