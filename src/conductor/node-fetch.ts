/**
 * The HTTP client's default `fetch`, built on node:http/https. The global fetch loads undici
 * on first use (~30 ms, a quarter of `workflow status`; issue 6 benchmark) and reads a body
 * through web streams: a 1.9 MB definitions list took ~50 ms with it against ~19 ms here
 * (plan reads two such lists). It implements only what conductor/http.ts reads:
 * status, headers.get, text(), and abort through init.signal. Errors keep Node's codes
 * (ECONNREFUSED…), which api-errors.ts classifies.
 */
import type { IncomingMessage } from 'node:http';

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export const nodeFetch: FetchLike = async (url, init) => {
  const target = new URL(url);
  const { request } = target.protocol === 'https:' ? await import('node:https') : await import('node:http');
  // conductor/http.ts passes a plain object (new Headers() would load undici too).
  const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
  const body = typeof init.body === 'string' ? init.body : undefined;
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = request(target, { method: init.method ?? 'GET', headers, ...(init.signal ? { signal: init.signal } : {}) }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve(toResponse(res, Buffer.concat(chunks).toString('utf8'))));
    });
    req.on('error', (error) => reject(init.signal?.aborted ? (init.signal.reason ?? error) : error));
    req.end(body);
  });
};

function toResponse(res: IncomingMessage, text: string): Response {
  const get = (name: string): string | null => {
    const value = res.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  // Only the members conductor/http.ts uses; a real Response would load undici.
  return { status: res.statusCode ?? 0, ok: (res.statusCode ?? 0) < 300, headers: { get }, text: async () => text } as unknown as Response;
}
