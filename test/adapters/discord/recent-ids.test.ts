import { describe, expect, it } from 'vitest';
import { RecentIds } from '../../../src/adapters/discord/recent-ids.ts';

describe('RecentIds', () => {
  it('reports a repeat within the window', () => {
    const ids = new RecentIds(1_000);
    expect(ids.add('m1', 0)).toBe(true);
    expect(ids.add('m1', 500)).toBe(false);
  });

  it('forgets ids after the window', () => {
    const ids = new RecentIds(1_000);
    ids.add('m1', 0);
    expect(ids.add('m2', 2_000)).toBe(true);
    expect(ids.add('m1', 2_001)).toBe(true);
  });
});
