/**
 * The HTTP client grammY calls the Bot API with (its `client.fetch` option): the part of `fetch`
 * grammY uses — a POST with a JSON string or a multipart stream as the body, an abort signal, a
 * keep-alive agent — on node:http directly, and a response whose `json()` parses the body.
 *
 * Why not grammY's default (node-fetch 2): per call it builds a Request, Headers, a Body wrapping
 * a PassThrough stream and a Response, and pipes the answer through that stream; under load that
 * was the largest single allocator of the bot (measured with `npm run bench -- load --profile`).
 * Here one call is one `http.request` and the answer is read as a Buffer.
 *
 * What node-fetch did that grammY relied on is kept: the promise settles with any status (the Bot
 * API answers errors as JSON with `ok: false`, grammY reads them); a body that is not JSON fails
 * in `json()`; an abort (grammY's timeout, the runner's stop) destroys the request and rejects
 * with an `AbortError`; a compressed answer is decompressed.
 * @see https://grammy.dev/ref/core/apiclientoptions#fetch
 * @see https://nodejs.org/api/http.html#httprequesturl-options-callback
 */
import {
  request as httpRequest,
  type Agent,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export interface BotApiInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Readable;
  signal?: AbortSignal | null;
  agent?: Agent;
}

export interface BotApiResponse {
  status: number;
  ok: boolean;
  json(): Promise<unknown>;
}

function abortError(): Error {
  const err = new Error('The operation was aborted.');
  err.name = 'AbortError';
  return err;
}

function decoded(res: IncomingMessage): Readable {
  switch (res.headers['content-encoding']) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(createGunzip());
    case 'deflate':
      return res.pipe(createInflate());
    case 'br':
      return res.pipe(createBrotliDecompress());
    default:
      return res;
  }
}

/**
 * The request options of a URL, parsed once: grammY calls the same few URLs (`<root>/bot<token>/
 * <method>`) all the time, and node:http would parse the string again on every call.
 */
const parsedUrls = new Map<string, { https: boolean; options: RequestOptions }>();

function parsed(url: string): { https: boolean; options: RequestOptions } {
  let p = parsedUrls.get(url);
  if (!p) {
    const u = new URL(url);
    p = {
      https: u.protocol === 'https:',
      options: {
        protocol: u.protocol,
        hostname: u.hostname.replace(/^\[|\]$/g, ''), // an IPv6 literal without its brackets
        port: u.port,
        path: u.pathname + u.search,
        ...(u.username || u.password
          ? { auth: `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}` }
          : {}),
      },
    };
    if (parsedUrls.size >= 200) parsedUrls.clear(); // a file URL per download: keep it small
    parsedUrls.set(url, p);
  }
  return p;
}

export function botApiFetch(url: string, init: BotApiInit = {}): Promise<BotApiResponse> {
  const { signal, body } = init;
  if (signal?.aborted) return Promise.reject(abortError());
  return new Promise((resolve, reject) => {
    const { https, options } = parsed(url);
    const headers: Record<string, string | number> = { ...init.headers };
    if (typeof body === 'string') headers['content-length'] = Buffer.byteLength(body);
    const req = (https ? httpsRequest : httpRequest)({
      ...options,
      method: init.method ?? 'GET',
      headers,
      ...(init.agent ? { agent: init.agent } : {}),
    });
    const onAbort = () => req.destroy(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    req.on('error', (err) => {
      done();
      reject(err);
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const read = new Promise<string>((ok, fail) => {
        const chunks: Buffer[] = [];
        const stream = decoded(res);
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          done();
          ok(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString());
        });
        stream.on('error', (err) => {
          done();
          fail(err);
        });
        // An abort after the headers arrived ends the body with an error on the request.
        req.on('error', fail);
      });
      // Not read (a caller that only wanted the status): no unhandled rejection.
      read.catch(() => undefined);
      resolve({
        status,
        ok: status >= 200 && status < 300,
        json: async () => JSON.parse(await read) as unknown,
      });
    });
    if (body instanceof Readable) {
      body.on('error', (err) => req.destroy(err));
      body.pipe(req);
    } else req.end(body);
  });
}
