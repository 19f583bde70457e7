/**
 * `npm run --silent classify`: lines on stdin (plain text, or JSON objects with a "text" field)
 * → one JSON object per line on stdout: {"text","intent","confidence","lang"}, flushed as it goes.
 *
 * `intent` is in the classify contract's vocabulary: the ten problems or out_of_scope
 * (security_report is printed as unknown_transaction, small talk such as greeting or thanks as
 * out_of_scope, with the probability that the message is none of the problems). The trained model
 * is cached in `$DATA_DIR/cache` (default ./data/cache, as the bot does), so only the first run
 * after a change of intents/ trains (~2 s).
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CONTRACT_INTENTS, OUT_OF_SCOPE, toContractIntent } from '../core/intents.ts';
import type { Classification } from '../core/nlu/classifier.ts';
import { loadClassifier } from '../core/nlu/index.ts';

// A closed pipe (`… | head`) ends the program quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) =>
  process.exit(err.code === 'EPIPE' ? 0 : 1),
);

const cacheDir = join(process.env['DATA_DIR']?.trim() || './data', 'cache');
const { classifier } = loadClassifier(undefined, { cacheDir });
const contract = new Set(CONTRACT_INTENTS);

/** The answer in the contract's vocabulary (see the header). */
function contractAnswer(c: Classification): { intent: string; confidence: number } {
  const intent = toContractIntent(c.intent);
  // Small talk is out of scope, as sure as the model is that it is small talk.
  return { intent: contract.has(intent) ? intent : OUT_OF_SCOPE, confidence: c.confidence };
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
const out: string[] = [];
let scheduled = false;
const flush = () => {
  scheduled = false;
  if (out.length) process.stdout.write(out.splice(0).join(''));
};

for await (const line of rl) {
  if (!line.trim()) continue;
  let text = line;
  if (line.trimStart().startsWith('{')) {
    try {
      const obj = JSON.parse(line) as { text?: unknown };
      if (typeof obj.text === 'string') text = obj.text;
    } catch {
      // Not JSON after all: classify the line as text.
    }
  }
  const c = classifier.classify(text);
  const { intent, confidence } = contractAnswer(c);
  out.push(
    JSON.stringify({
      text,
      intent,
      confidence: Math.round(confidence * 1e4) / 1e4,
      lang: c.lang,
    }) + '\n',
  );
  // Flush on the next tick: one write per burst of input lines, yet nothing waits for EOF.
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}
flush();
