import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { foldText } from './text.ts';

/** Problem words per intent (data/lexicon.json): features the model weighs, never rules. */
export const LEXICON_FILE = fileURLToPath(new URL('./data/lexicon.json', import.meta.url));

type RawLexicon = Record<string, { en: string[]; zh: string[] } | string>;

export interface Lexicon {
  /** First stem → phrases (stem sequences) starting with it and the group they name. */
  en: Map<string, Array<{ stems: string[]; group: string }>>;
  /** First character → Chinese entries starting with it and their group. */
  zh: Map<string, Array<{ word: string; group: string }>>;
}

/** `stemWords` turns an entry into the same stem sequence the feature extractor sees. */
export function loadLexicon(stemWords: (text: string) => string[], file = LEXICON_FILE): Lexicon {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawLexicon;
  const lex: Lexicon = { en: new Map(), zh: new Map() };
  for (const [group, entry] of Object.entries(raw)) {
    if (typeof entry === 'string') continue; // "_about"
    for (const phrase of entry.en) {
      const stems = stemWords(phrase);
      if (!stems.length) continue;
      const list = lex.en.get(stems[0]!) ?? [];
      if (!list.some((p) => p.group === group && p.stems.join(' ') === stems.join(' ')))
        list.push({ stems, group });
      lex.en.set(stems[0]!, list);
    }
    for (const entry_ of entry.zh) {
      const word = foldText(entry_);
      const list = lex.zh.get(word[0]!) ?? [];
      list.push({ word, group });
      lex.zh.set(word[0]!, list);
    }
  }
  return lex;
}
