/**
 * A test proxy on 127.0.0.1 (port 0) that forwards to a Conductor server and misbehaves on
 * command: a rule can answer a request itself (e.g. 503) or forward it and then drop the
 * connection, so the client never sees the answer the server did act on (a lost answer).
 * It can also hold requests until released, to stop a client at a known point.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  body: string;
}

export type RuleAction =
  | { kind: 'respond'; status: number; body?: unknown }
  | { kind: 'drop-after-forward' }
  /** Never forwarded, never answered. */
  | { kind: 'hold' }
  /** Forwarded (the server acts on it), but the answer is never delivered. */
  | { kind: 'forward-then-hold' };

export type Rule = (request: ProxiedRequest) => RuleAction | undefined;

export interface FailingProxy {
  /** Base URL with /api. */
  url: string;
  requests: ProxiedRequest[];
  rules: Rule[];
  /** Resolves when a request is held. */
  nextHeld(): Promise<ProxiedRequest>;
  close(): Promise<void>;
}

export async function startFailingProxy(targetApiUrl: string): Promise<FailingProxy> {
  const target = new URL(targetApiUrl);
  const requests: ProxiedRequest[] = [];
  const rules: Rule[] = [];
  const heldWaiters: ((request: ProxiedRequest) => void)[] = [];
  const held: ProxiedRequest[] = [];
  const announce = (request: ProxiedRequest) => {
    const waiter = heldWaiters.shift();
    if (waiter) waiter(request);
    else held.push(request);
  };
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const proxied: ProxiedRequest = { method: incoming.method ?? 'GET', url: incoming.url ?? '/', body: Buffer.concat(chunks).toString('utf8') };
      requests.push(proxied);
      const action = rules.map((rule) => rule(proxied)).find((a) => a !== undefined);
      if (action?.kind === 'respond') {
        outgoing.writeHead(action.status, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify(action.body ?? { status: action.status, message: 'injected by the test proxy' }));
      } else if (action?.kind === 'hold') {
        announce(proxied);
      } else if (action?.kind === 'forward-then-hold') {
        forward(target, incoming, proxied, outgoing, 'hold', () => announce(proxied));
      } else {
        forward(target, incoming, proxied, outgoing, action?.kind === 'drop-after-forward' ? 'drop' : 'deliver');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    rules,
    nextHeld: () => (held.length > 0 ? Promise.resolve(held.shift()!) : new Promise((resolve) => heldWaiters.push(resolve))),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function forward(
  target: URL,
  incoming: IncomingMessage,
  proxied: ProxiedRequest,
  outgoing: ServerResponse,
  answerMode: 'deliver' | 'drop' | 'hold',
  onAnswered?: () => void,
): void {
  const upstream = httpRequest(
    { host: target.hostname, port: target.port, method: proxied.method, path: proxied.url, headers: { ...incoming.headers, host: target.host } },
    (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        onAnswered?.();
        if (answerMode === 'hold') return;
        if (answerMode === 'drop') {
          outgoing.socket?.destroy();
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        outgoing.end(Buffer.concat(chunks));
      });
    },
  );
  upstream.on('error', () => outgoing.socket?.destroy());
  upstream.end(proxied.body);
}
