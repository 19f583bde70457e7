import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SendProgress, sendKey } from '../../../src/adapters/common/resume.ts';
import { createStore } from '../../../src/store.ts';

describe('SendProgress', () => {
  it('resumes after the last step that went through, and forgets a send once it is complete', async () => {
    const progress = new SendProgress();
    const calls: string[] = [];
    let failB = true;
    const steps = [
      async () => void calls.push('a'),
      async () => {
        if (failB) throw new Error('429');
        calls.push('b');
      },
      async () => void calls.push('c'),
    ];
    await expect(progress.run(() => 'k', steps)).rejects.toThrow('429');
    failB = false;
    await progress.run(() => 'k', steps);
    await progress.run(() => 'k', steps);
    expect(calls).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('is shared through the store: another instance (or a restart) resumes the half-sent message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsb-progress-'));
    const url = process.env['REDIS_URL'] ?? `sqlite://${join(dir, 's.sqlite')}`;
    const store = await createStore(url, { namespace: `progress${Date.now()}` });
    try {
      const calls: string[] = [];
      const steps = (instance: string, failAt?: number) =>
        ['photo', 'part 1', 'part 2'].map((what, i) => async () => {
          if (i === failAt) throw new Error('429');
          calls.push(`${instance}: ${what}`);
        });
      await expect(new SendProgress(store).run(() => 'k', steps('A', 2))).rejects.toThrow('429');
      await new SendProgress(store).run(() => 'k', steps('B'));
      expect(calls).toEqual(['A: photo', 'A: part 1', 'B: part 2']);
      // Complete: the record is gone, the same message later is a new send.
      await new SendProgress(store).run(() => 'k', steps('C'));
      expect(calls.slice(3)).toEqual(['C: photo', 'C: part 1', 'C: part 2']);
    } finally {
      await store.clear?.();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells messages apart by place, text, buttons and files', () => {
    const file = { fileName: 'a.png', mimeType: 'image/png', bytes: new Uint8Array(3) };
    const keys = new Set([
      sendKey('tg:1', 'hi'),
      sendKey('tg:2', 'hi'),
      sendKey('tg:1', 'hi!'),
      sendKey('tg:1', 'hi', { choices: [{ id: '3:solved' }] }),
      sendKey('tg:1', 'hi', { files: [file] }),
    ]);
    expect(keys.size).toBe(5);
  });
});
