/**
 * The HTTP client's default `fetch`, built on node:http/https. The global fetch loads undici
 * on first use (~30 ms, a quarter of `workflow status`; issue 6 benchmark) and reads a body
 * through web streams: a 1.9 MB definitions list took ~50 ms with it against ~19 ms here
 * (plan reads two such lists). It implements only what conductor/http.ts reads:
 * status, headers.get, text(), and abort through init.signal. Errors keep Node's codes
 * (ECONNREFUSED…), which api-errors.ts classifies. Like fetch, it asks for compressed answers
 * and decompresses them: a bulk definitions list shrinks ~10x, which is most of a plan's time
 * against a remote server behind a compressing gateway.
 */
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export const nodeFetch: FetchLike = async (url, init) => {
  const target = new URL(url);
  const { request } = target.protocol === 'https:' ? await import('node:https') : await import('node:http');
  // conductor/http.ts passes a plain object (new Headers() would load undici too).
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br', ...(init.headers as Record<string, string> | undefined) };
  const body = typeof init.body === 'string' ? init.body : undefined;
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = request(target, { method: init.method ?? 'GET', headers, ...(init.signal ? { signal: init.signal } : {}) }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        decode(Buffer.concat(chunks), res.headers['content-encoding']).then((bytes) => resolve(toResponse(res, bytes.toString('utf8'))), reject);
      });
    });
    req.on('error', (error) => reject(init.signal?.aborted ? (init.signal.reason ?? error) : error));
    req.end(body);
  });
};

/** The body without its Content-Encoding (zlib loaded only when an answer is compressed). */
async function decode(bytes: Buffer, encoding: string | undefined): Promise<Buffer> {
  const name = encoding?.trim().toLowerCase();
  if (!name || name === 'identity' || bytes.length === 0) return bytes;
  const zlib = await import('node:zlib');
  if (name === 'gzip' || name === 'x-gzip') return promisify(zlib.gunzip)(bytes);
  if (name === 'br') return promisify(zlib.brotliDecompress)(bytes);
  // "deflate" is zlib-wrapped by the standard, raw in some servers: accept both, as fetch does.
  if (name === 'deflate') return promisify(zlib.inflate)(bytes).catch(() => promisify(zlib.inflateRaw)(bytes));
  return bytes; // an encoding nobody asked for: passed on as is (the body then reads as text)
}

function toResponse(res: IncomingMessage, text: string): Response {
  const get = (name: string): string | null => {
    const value = res.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  // Only the members conductor/http.ts uses; a real Response would load undici.
  return { status: res.statusCode ?? 0, ok: (res.statusCode ?? 0) < 300, headers: { get }, text: async () => text } as unknown as Response;
}
