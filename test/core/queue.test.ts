import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/core/queue.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KeyedQueue', () => {
  it('runs tasks of one key one at a time, in order', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    await Promise.all([
      q.run('a', async () => {
        log.push('1 start');
        await sleep(20);
        log.push('1 end');
      }),
      q.run('a', async () => {
        log.push('2 start');
      }),
    ]);
    expect(log).toEqual(['1 start', '1 end', '2 start']);
  });

  it('runs tasks of different keys concurrently', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    await Promise.all([
      q.run('a', async () => {
        await sleep(20);
        log.push('a');
      }),
      q.run('b', async () => {
        log.push('b');
      }),
    ]);
    expect(log).toEqual(['b', 'a']);
  });

  it('keeps going after a task fails', async () => {
    const q = new KeyedQueue();
    await expect(q.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(q.run('a', async () => 'ok')).resolves.toBe('ok');
  });

  it('drains running work and forgets finished keys', async () => {
    const q = new KeyedQueue();
    void q.run('a', () => sleep(20));
    expect(q.size).toBe(1);
    expect(await q.drain(1_000)).toBe(true);
    expect(q.size).toBe(0);
  });
});
