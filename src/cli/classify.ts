/**
 * `npm run --silent classify`: lines on stdin (plain text, or JSON objects with a "text" field)
 * → one JSON object per line on stdout: {"text","intent","confidence","lang"}, flushed as it goes.
 */
import { createInterface } from 'node:readline';
import { loadNlu } from '../core/nlu/index.ts';

// A closed pipe (`… | head`) ends the program quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) =>
  process.exit(err.code === 'EPIPE' ? 0 : 1),
);

const { classifier } = loadNlu();
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
  out.push(
    JSON.stringify({
      text,
      intent: c.intent,
      confidence: Math.round(c.confidence * 1e4) / 1e4,
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
