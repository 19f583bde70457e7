import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTENTS_DIR } from './nlu/corpus.ts';
import { findAmount, isCryptoCurrency } from './nlu/amounts.ts';
import { readYaml, type ReadYaml } from './yaml-files.ts';
import type { Traditionalizer } from './script.ts';
import { isTraditional, type Locale } from './texts.ts';

export class SnippetFileError extends Error {
  override readonly name = 'SnippetFileError';
}

/** What a snippet may be filled with, from the case. */
export const SNIPPET_FIELDS = ['id', 'txid', 'amount', 'name'] as const;
type Fill = Partial<Record<(typeof SNIPPET_FIELDS)[number], string>>;
const PLACEHOLDER = /\{([a-zA-Z_]+)\}/g;

/** Coins and tokens (USDT, BTC, ETH …) or money of a country (USD, TWD, 元 …). */
export type AmountKind = 'crypto' | 'fiat';
const AMOUNT_KINDS: readonly AmountKind[] = ['crypto', 'fiat'];

/** The cases a snippet is written for (en.yaml); a snippet without one fits every case. */
export interface SnippetFit {
  /** Problems (intents/ ids): the case's intent or one of its `also` must be among them. */
  intents?: readonly string[];
  /** The kind of the case's amount, when the case has one with a currency. */
  amount?: AmountKind;
}
const ENTRY_KEYS = ['text', 'intents', 'amount'];

/** What a case is, for a snippet: its problems (intent, then `also`) and its amount's kind. */
export interface SnippetCase {
  problems: readonly string[];
  amount?: AmountKind | undefined;
}

/** Why a snippet does not fit a case: the problems it is for, or the amount kind it is for. */
export type SnippetMisfit = { intents: readonly string[] } | { amount: AmountKind };

/** "500 USDT" → crypto, "NT$3,000" / "1280 TWD" / "3,000 元" → fiat; no currency → undefined. */
export function amountKind(text: string): AmountKind | undefined {
  const currency = findAmount(text)?.currency;
  if (!currency) return undefined;
  return isCryptoCurrency(currency) ? 'crypto' : 'fiat';
}

/** The problem intents of intents/ (each file is named by its id; `kind: problem`). */
function problemIntents(dir: string): Set<string> {
  const ids = new Set<string>();
  for (const f of readdirSync(dir)) {
    const id = /^(.+)\.ya?ml$/.exec(f)?.[1];
    if (id && /^kind:\s*problem\s*$/m.test(readFileSync(join(dir, f), 'utf8'))) ids.add(id);
  }
  return ids;
}

/**
 * Agents' canned replies, one YAML file per language (`snippets/en.yaml`, `snippets/zh.yaml`):
 * the same names in both, only known placeholders — checked at start like intents/. What a
 * snippet fits (`intents`, `amount`) is declared once, in en.yaml, for both languages.
 */
export class Snippets {
  private constructor(
    private readonly table: { en: Map<string, string>; zh: Map<string, string> },
    private readonly fits: ReadonlyMap<string, SnippetFit>,
    private readonly traditional: Traditionalizer,
  ) {}

  static load(
    dir: string,
    traditional: Traditionalizer,
    readFile: ReadYaml = readYaml,
    opts: { intentsDir?: string } = {},
  ): Snippets {
    const errors: string[] = [];
    const fits = new Map<string, SnippetFit>();
    let problems: Set<string> | undefined;
    const known = (): Set<string> => {
      const intentsDir = opts.intentsDir ?? INTENTS_DIR;
      try {
        problems ??= problemIntents(intentsDir);
      } catch (err) {
        errors.push(`${intentsDir}: ${(err as Error).message}`);
        problems = new Set();
      }
      return problems;
    };
    /** en.yaml's `name: { text, intents, amount }`: the fit, checked; the text. */
    const fitOf = (path: string, name: string, entry: Record<string, unknown>): unknown => {
      for (const key of Object.keys(entry))
        if (!ENTRY_KEYS.includes(key))
          errors.push(`${path}: "${name}" has "${key}"; known: ${ENTRY_KEYS.join(', ')}`);
      const fit: { intents?: string[]; amount?: AmountKind } = {};
      if ('intents' in entry) {
        const list = entry['intents'];
        if (!Array.isArray(list) || !list.length || !list.every((i) => typeof i === 'string'))
          errors.push(`${path}: "${name}": intents must be a list of intent ids`);
        else {
          for (const id of list as string[])
            if (!known().has(id))
              errors.push(
                `${path}: "${name}": intents: "${id}" is no problem in intents/; known: ${[...known()].sort().join(', ')}`,
              );
          fit.intents = list as string[];
        }
      }
      if ('amount' in entry) {
        const kind = entry['amount'];
        if (!AMOUNT_KINDS.includes(kind as AmountKind))
          errors.push(
            `${path}: "${name}": amount: ${JSON.stringify(kind)}; known: ${AMOUNT_KINDS.join(', ')}`,
          );
        else fit.amount = kind as AmountKind;
      }
      if (fit.intents || fit.amount) fits.set(name, fit);
      return entry['text'];
    };
    const read = (lang: 'en' | 'zh') => {
      const path = join(dir, `${lang}.yaml`);
      const map = new Map<string, string>();
      try {
        const raw = (readFile(path) ?? {}) as Record<string, unknown>;
        for (const [name, entry] of Object.entries(raw)) {
          if (!/^[a-z][a-z0-9_]*$/.test(name))
            errors.push(`${path}: "${name}" — names are lower_case_with_underscores`);
          const isEntry = typeof entry === 'object' && entry !== null && !Array.isArray(entry);
          if (isEntry && lang !== 'en') {
            errors.push(
              `${path}: "${name}" must be a text: what a snippet fits is declared once, in en.yaml`,
            );
            continue;
          }
          const text = isEntry ? fitOf(path, name, entry as Record<string, unknown>) : entry;
          if (typeof text !== 'string' || !text.trim()) {
            errors.push(`${path}: "${name}" must be a text${isEntry ? ' (text: …)' : ''}`);
            continue;
          }
          for (const m of text.matchAll(PLACEHOLDER))
            if (!(SNIPPET_FIELDS as readonly string[]).includes(m[1]!))
              errors.push(
                `${path}: "${name}" uses {${m[1]}}; known: {${SNIPPET_FIELDS.join('}, {')}}`,
              );
          map.set(name, text);
        }
      } catch (err) {
        errors.push(`${path}: ${(err as Error).message}`);
      }
      return map;
    };
    const en = read('en');
    const zh = read('zh');
    for (const name of en.keys())
      if (!zh.has(name))
        errors.push(`${join(dir, 'zh.yaml')}: missing "${name}" (it is in en.yaml)`);
    for (const name of zh.keys())
      if (!en.has(name))
        errors.push(`${join(dir, 'en.yaml')}: missing "${name}" (it is in zh.yaml)`);
    if (errors.length)
      throw new SnippetFileError(`Invalid snippets in ${dir}:\n${errors.join('\n')}`);
    return new Snippets({ en, zh }, fits, traditional);
  }

  names(): string[] {
    return [...this.table.en.keys()].sort();
  }

  /** What the snippet is declared for (nothing: every case). */
  fit(name: string): SnippetFit {
    return this.fits.get(name) ?? {};
  }

  /**
   * Why the snippet does not fit the case, or undefined when it does. An amount without a
   * currency (or none) fits either kind.
   */
  misfit(name: string, c: SnippetCase): SnippetMisfit | undefined {
    const fit = this.fit(name);
    if (fit.intents && !c.problems.some((p) => fit.intents!.includes(p)))
      return { intents: fit.intents };
    if (fit.amount && c.amount && c.amount !== fit.amount) return { amount: fit.amount };
    return undefined;
  }

  /**
   * The snippets for the case: those that fit it, the ones written for it (declared fits) before
   * the ones for any case; and the others.
   */
  forCase(c: SnippetCase): { fit: string[]; other: string[] } {
    const fit: string[] = [];
    const other: string[] = [];
    for (const name of this.names()) (this.misfit(name, c) ? other : fit).push(name);
    const declared = (n: string) => (this.fits.has(n) ? 0 : 1);
    return { fit: fit.sort((a, b) => declared(a) - declared(b)), other };
  }

  /** The snippet in the user's language, filled from the case; undefined for an unknown name. */
  render(name: string, locale: Locale, fill: Fill): string | undefined {
    const text = (locale === 'en' ? this.table.en : this.table.zh).get(name);
    if (text === undefined) return undefined;
    const filled = text.replace(PLACEHOLDER, (m, key: string) => {
      const v = fill[key as keyof Fill];
      return v ?? (key === 'name' ? '' : m);
    });
    const tidy = filled.replace(/\s+([,，])/g, '$1').replace(/^[,，]\s*/, '');
    return isTraditional(locale) ? this.traditional.convert(tidy, locale === 'zh-HK') : tidy;
  }
}
