import { describe, expect, it } from 'vitest';
import { backoff, networkReason } from '../../../src/adapters/common/reach.ts';

describe('start-up backoff', () => {
  it('starts at 1 s, doubles, and stays at 30 s', () => {
    const mid = () => 0.5; // no jitter
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((n) => backoff(n, 1_000, 30_000, mid))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('jitters by up to 20 % either way', () => {
    expect(backoff(1, 1_000, 30_000, () => 0)).toBe(1_600);
    expect(backoff(1, 1_000, 30_000, () => 0.999999)).toBe(2_400);
  });
});

describe('networkReason', () => {
  it('finds the system error code where the HTTP client nested it', () => {
    // undici (discord.js): TypeError('fetch failed') with the socket error as `cause`.
    const undici = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });
    expect(networkReason(undici)).toBe('ECONNREFUSED');
    // node-fetch (grammY): FetchError with `code`.
    expect(networkReason(Object.assign(new Error('request failed'), { code: 'ENOTFOUND' }))).toBe(
      'ENOTFOUND',
    );
    // Happy eyeballs: an AggregateError of several attempts.
    const aggregate = new AggregateError([
      Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }),
    ]);
    expect(networkReason(new TypeError('fetch failed', { cause: aggregate }))).toBe('ETIMEDOUT');
  });

  it('says timeout for an aborted or timed-out request', () => {
    expect(networkReason(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe(
      'timeout',
    );
    expect(networkReason(new Error("Request to 'getMe' timed out after 10 seconds"))).toBe(
      'timeout',
    );
    expect(networkReason(new Error('socket hang up'))).toBe('network error');
  });
});
