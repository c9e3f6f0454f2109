/**
 * Turns a node:http request into an ApiRequest, runs the guard (auth) and the matched
 * handler, and writes the ApiResponse. Every failure becomes a JSON ErrorResponse; nothing
 * a client sends can crash the process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { ApiError } from './api-error.js';
import { parseJsonBody, readBody } from './body.js';
import { serializeJson } from './responses.js';
import type { Router } from './router.js';
import type { ApiRequest, ApiResponse, HttpMethod } from './types.js';
import type { Logger } from '../logger.js';

export interface PipelineOptions {
  router: Router;
  logger: Logger;
  bodyLimitBytes: number;
  /** Runs before routing; throws an ApiError to refuse the request (auth). */
  guard?: (req: ApiRequest) => void;
  /** Log one line per request (the CLI's foreground mode turns this on). */
  logRequests: boolean;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
/** ErrorResponse.instance: the real server puts its host id there (Utils.getServerId()). */
const INSTANCE = hostname();

export function createRequestListener(options: PipelineOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    void handle(req, res, options)
      .catch((error: unknown) => errorResponse(error, options.logger))
      .then((response) => {
        writeResponse(res, req.method === 'HEAD', response);
        if (options.logRequests) {
          options.logger.info(`${req.method ?? '?'} ${req.url ?? ''} ${response.status} ${(performance.now() - started).toFixed(1)}ms`);
        }
      });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: PipelineOptions): Promise<ApiResponse> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://dev-server.invalid');
  const body = await readBody(req, options.bodyLimitBytes);
  const bodyText = body.toString('utf8');
  const hasBody = body.length > 0;
  // Part 2 (issue 5): aborted when the client goes away before its answer is written, so a
  // long poll stops waiting and no task is handed to a worker that is gone.
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableEnded) abort.abort();
  });
  const request: ApiRequest = {
    method: (METHODS.has(method) ? method : 'GET') as HttpMethod,
    path: url.pathname,
    params: {},
    query: url.searchParams,
    headers: req.headers,
    bodyText,
    hasBody,
    json: () => parseJsonBody(bodyText, req.headers['content-type'], hasBody),
    signal: abort.signal,
  };
  if (!METHODS.has(method)) throw methodNotAllowed(method);
  options.guard?.(request);
  const match = options.router.match(method, url.pathname);
  if (match.kind === 'not-found') {
    throw new ApiError(404, `No static resource ${url.pathname.replace(/^\//, '')}.`);
  }
  if (match.kind === 'method-not-allowed') {
    const error = methodNotAllowed(method);
    return { ...errorResponse(error, options.logger), headers: { Allow: match.allowed.join(', ') } };
  }
  request.params = match.params;
  return await match.handler(request);
}

function methodNotAllowed(method: string): ApiError {
  // HttpRequestMethodNotSupportedException → 405 in ApplicationExceptionMapper.
  return new ApiError(405, `Request method '${method}' is not supported`);
}

/** The ErrorResponse body (common/.../validation/ErrorResponse.java) for any thrown value. */
export function errorResponse(error: unknown, logger: Logger): ApiResponse {
  if (error instanceof ApiError) {
    if (error.customBody) return json(error.status, error.customBody);
    if (error.validationErrors) {
      return json(error.status, {
        status: error.status,
        message: error.message,
        retryable: false,
        validationErrors: error.validationErrors,
      });
    }
    return json(error.status, { status: error.status, message: error.message, instance: INSTANCE, retryable: error.retryable });
  }
  logger.error('unexpected error while handling a request', { error: error instanceof Error ? error.stack ?? error.message : String(error) });
  const message = error instanceof Error ? error.message : String(error);
  return json(500, { status: 500, message, instance: INSTANCE, retryable: false });
}

function json(status: number, body: unknown): ApiResponse {
  return { status, body: serializeJson(body), contentType: 'application/json' };
}

function writeResponse(res: ServerResponse, isHead: boolean, response: ApiResponse): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = { ...response.headers };
  if (response.contentType) headers['Content-Type'] = response.contentType;
  const body = response.body === undefined ? undefined : Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body, 'utf8');
  headers['Content-Length'] = body?.length ?? 0;
  // A refused oversized body may still be arriving: do not reuse the connection.
  if (response.status === 413) headers['Connection'] = 'close';
  res.writeHead(response.status, headers);
  res.end(isHead ? undefined : body);
}
