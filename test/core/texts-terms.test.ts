import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEXTS_DIR } from '../../src/app.ts';

const file = (name: string) => readFileSync(join(TEXTS_DIR, name), 'utf8');

describe('one name for one thing in each language (texts/)', () => {
  it('the senior tier: "senior agent", 高级客服 (Simplified), 資深客服 (Traditional) — a user and an agent had read two names for it in Simplified, and "a senior review" in English where Chinese said the case went to a senior agent', () => {
    expect(file('zh-Hans.yaml')).not.toMatch(/资深客服/);
    expect(file('zh-Hans.yaml')).toMatch(/高级客服/);
    expect(file('zh-Hant.yaml')).not.toMatch(/高級客服/);
    expect(file('en.yaml')).not.toMatch(/senior review/);
  });
});
