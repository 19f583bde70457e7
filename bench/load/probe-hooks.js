/** Module hooks of bench/load/probe.js: appends the URL of every module resolved to a file. */
import { appendFileSync } from 'node:fs';

/** @type {string | undefined} */
let file;

/** @param {{ file: string }} data */
export function initialize(data) {
  file = data.file;
}

/**
 * @param {string} specifier
 * @param {unknown} context
 * @param {(s: string, c: unknown) => Promise<{ url: string }>} next
 */
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (file) appendFileSync(file, `${result.url}\n`);
  return result;
}
