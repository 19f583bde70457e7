import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIntents, PROBLEM_INTENTS } from '../../src/core/intents.ts';
import { INTENTS_DIR } from '../../src/core/nlu/index.ts';

describe('intents/', () => {
  it('loads the real folder: the ten problems, out_of_scope and small talk', () => {
    const catalog = loadIntents(INTENTS_DIR);
    expect([...catalog.problems.keys()].sort()).toEqual([...PROBLEM_INTENTS].sort());
    expect(catalog.priorityOf('unknown_transaction')).toBe('urgent');
    expect(catalog.priorityOf('account_locked')).toBe('urgent');
    for (const p of catalog.problems.values()) {
      expect(p.examples.en.length, p.id).toBeGreaterThanOrEqual(40);
      expect(p.examples.zh.length, p.id).toBeGreaterThanOrEqual(40);
    }
  });

  it('never asks users for secrets', () => {
    const catalog = loadIntents(INTENTS_DIR);
    for (const p of catalog.problems.values())
      for (const slot of p.collect)
        expect(slot.slot, p.id).not.toMatch(/password|cvv|otp|card_number|pin/);
  });

  it('names the file and the field of a broken intent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsb-intents-'));
    try {
      cpSync(INTENTS_DIR, dir, { recursive: true });
      writeFileSync(
        join(dir, 'refund.yaml'),
        'id: refund\nkind: problem\npriority: sometimes\nlabel: {en: Refund, zh: 退款}\nexamples: {en: [a], zh: [b]}\nself_help: {en: [x], zh: [y]}\ncollect: [{slot: reason, type: text}]\n',
      );
      expect(() => loadIntents(dir)).toThrow(/refund\.yaml: priority: /);
      expect(() => loadIntents(dir)).toThrow(/refund\.yaml: examples\.en: .*at least 40/);
      expect(() => loadIntents(dir)).toThrow(
        /refund\.yaml: collect\.0\.prompt: a text slot needs a prompt/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a self_help_skip of a step that is not there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsb-intents-'));
    try {
      cpSync(INTENTS_DIR, dir, { recursive: true });
      const file = join(dir, 'refund.yaml');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          /self_help_skip:\n {2}- step: 1/,
          'self_help_skip:\n  - step: 9',
        ),
      );
      expect(() => loadIntents(dir)).toThrow(
        /refund\.yaml: self_help_skip: step 9 is not among the 6 steps of self_help\.en/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which required intent is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsb-intents-'));
    try {
      cpSync(INTENTS_DIR, dir, { recursive: true });
      rmSync(join(dir, 'complaint.yaml'));
      expect(() => loadIntents(dir)).toThrow(/complaint\.yaml: missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
