import { cpSync, mkdtempSync, readdirSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INTENTS_DIR, loadNlu } from '../../../src/core/nlu/index.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the cached classifier', () => {
  it('is written on the first start, read on the next, and classifies exactly as the trained one', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'wsb-nlu-'));
    dirs.push(cacheDir);
    const first = loadNlu(INTENTS_DIR, { cacheDir });
    const second = loadNlu(INTENTS_DIR, { cacheDir });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    for (const text of [
      'card declined again wtf',
      '我的提现三天了还没到账',
      'what is the weather',
      'refund pls order 88231',
    ])
      expect(second.classifier.distribution(text)).toEqual(first.classifier.distribution(text));
  });

  it('is trained again when an intent file changes', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'wsb-nlu-'));
    const intents = mkdtempSync(join(tmpdir(), 'wsb-int-'));
    dirs.push(cacheDir, intents);
    cpSync(INTENTS_DIR, intents, { recursive: true });
    loadNlu(intents, { cacheDir });
    appendFileSync(join(intents, 'greeting.yaml'), '\n# changed\n');
    expect(loadNlu(intents, { cacheDir }).cached).toBe(false);
    // A model and a validated catalog for each version of intents/.
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('nlu-'))).toHaveLength(2);
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('intents-'))).toHaveLength(2);
  });
});
