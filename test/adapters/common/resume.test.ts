import { describe, expect, it } from 'vitest';
import { SendProgress, sendKey } from '../../../src/adapters/common/resume.ts';

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
    await expect(progress.run('k', steps)).rejects.toThrow('429');
    failB = false;
    await progress.run('k', steps);
    await progress.run('k', steps);
    expect(calls).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
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
