/**
 * nodeFetch, the HTTP client's transport, against a real node:http server: it asks for
 * compressed answers and decodes every encoding fetch decodes (gzip, br, zlib and raw
 * deflate), leaves plain answers alone, and never follows a redirect.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFetch } from '../../../src/conductor/node-fetch.js';

const body = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ name: `task_${i}`, description: 'é ✓ 𝄞' })));
const encoders: Record<string, (bytes: Buffer) => Buffer> = {
  gzip: gzipSync,
  br: brotliCompressSync,
  deflate: deflateSync,
  'raw-deflate': deflateRawSync,
};

let server: Server;
let base: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    const kind = (req.url ?? '/').slice(1);
    if (kind === 'moved') {
      res.writeHead(308, { location: 'https://elsewhere.example/' }).end();
      return;
    }
    const encode = encoders[kind];
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (encode) headers['content-encoding'] = kind === 'raw-deflate' ? 'deflate' : kind;
    res.writeHead(200, headers).end(encode ? encode(Buffer.from(body)) : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('nodeFetch', () => {
  it.each(['plain', 'gzip', 'br', 'deflate', 'raw-deflate'])('reads a %s answer as the same text', async (kind) => {
    const response = await nodeFetch(`${base}/${kind}`, { method: 'GET', headers: { Accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(body);
    expect(seen.at(-1)!['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('returns a redirect as it is, without following it', async () => {
    const response = await nodeFetch(`${base}/moved`, { method: 'GET', headers: {} });
    expect(response.status).toBe(308);
    expect(response.headers.get('Location')).toBe('https://elsewhere.example/');
  });
});
