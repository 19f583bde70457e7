/**
 * Request parameters as the Bot API accepts them: query string, JSON, urlencoded or multipart
 * (files referenced as `attach://<name>`), coerced the way Telegram does (numbers sent as text).
 * @see https://core.telegram.org/bots/api#making-requests
 */
import type { IncomingMessage } from 'node:http';
import { errors } from './api-error.ts';
import { multipartBoundary, parseMultipart, type MultipartPart } from './multipart.ts';

export class Params {
  constructor(
    readonly values: Record<string, unknown>,
    readonly files: Map<string, MultipartPart> = new Map(),
  ) {}

  has(name: string): boolean {
    return this.values[name] !== undefined && this.values[name] !== null;
  }

  int(name: string): number {
    const v = this.optInt(name);
    if (v === undefined) throw errors.badRequest(`${name} is required`);
    return v;
  }

  optInt(name: string): number | undefined {
    const raw = this.values[name];
    if (raw === undefined || raw === null || raw === '') return undefined;
    const n = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isInteger(n)) throw errors.badRequest(`invalid ${name}`);
    return n;
  }

  str(name: string): string {
    const v = this.optStr(name);
    if (v === undefined) throw errors.badRequest(`${name} is required`);
    return v;
  }

  optStr(name: string): string | undefined {
    const raw = this.values[name];
    if (raw === undefined || raw === null) return undefined;
    return typeof raw === 'string' ? raw : String(raw);
  }

  bool(name: string): boolean {
    const raw = this.values[name];
    return raw === true || raw === 'true' || raw === 1 || raw === '1';
  }

  /** An object/array parameter, sent as JSON text in multipart and urlencoded requests. */
  json<T>(name: string): T | undefined {
    const raw = this.values[name];
    if (raw === undefined || raw === null || raw === '') return undefined;
    if (typeof raw !== 'string') return raw as T;
    try {
      return JSON.parse(raw) as T;
    } catch {
      throw errors.badRequest(`can't parse ${name} JSON object`);
    }
  }
}

export async function readParams(req: IncomingMessage, query: URLSearchParams): Promise<Params> {
  const values: Record<string, unknown> = Object.fromEntries(query.entries());
  const body = await readBody(req);
  const type = req.headers['content-type'];
  if (body.length === 0) return new Params(values);
  const boundary = multipartBoundary(type);
  if (boundary) {
    const files = new Map<string, MultipartPart>();
    for (const part of parseMultipart(body, boundary)) {
      if (part.filename !== undefined) files.set(part.name, part);
      else values[part.name] = part.data.toString('utf8');
    }
    return new Params(values, files);
  }
  if (type?.startsWith('application/json')) {
    try {
      Object.assign(values, JSON.parse(body.toString('utf8')) as Record<string, unknown>);
    } catch {
      throw errors.badRequest('invalid JSON body');
    }
    return new Params(values);
  }
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) values[k] = v;
  return new Params(values);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
