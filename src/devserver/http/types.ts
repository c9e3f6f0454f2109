/**
 * The dev server's extension frame: the types a route module is written against.
 *
 * STABLE API (part 2 — executions, queues, search — plugs in here; change only additively):
 * - A `RouteModule` is `{ name, create(deps) → Route[] }`. Add one by appending it to the ONE
 *   list in src/devserver/routes/index.ts. `create` runs once at start-up, after the
 *   database is open and migrated, before the server listens. It may start timers through
 *   `deps.timers` (they stop on close) and keep state in closures.
 * - A `Route` is `{ method, path, handler }`. `path` is absolute, e.g.
 *   `/api/workflow/{workflowId}/pause`; `{x}` matches one non-empty segment (URL-decoded)
 *   into `req.params.x`. A literal segment beats a `{param}` at the same position, as in
 *   Spring, so `/api/metadata/workflow/names` shadows `/api/metadata/workflow/{name}`.
 *   Two routes with the same method and pattern are a start-up error.
 * - A handler returns an `ApiResponse` (build it with http/responses.ts: `json`, `text`,
 *   `empty`, `html`) or throws an `ApiError` (http/api-error.ts) for a Conductor-shaped
 *   error body. Any other exception becomes a 500 ErrorResponse; the server never crashes.
 * - NON_NULL output: leave absent bean properties `undefined`; `null` inside maps (inputs,
 *   outputs) is written, as the real server's Jackson config does (see http/responses.ts).
 * - Writes go through `deps.db` (better-sqlite3, synchronous): wrap each API write in ONE
 *   `deps.db.transaction(...)`, so an acknowledged write is durable and a failed one leaves
 *   no trace. Schema changes are migrations (see store/migrations.ts).
 */
import type { Database } from 'better-sqlite3';
import type { IncomingHttpHeaders } from 'node:http';
import type { MetadataStore } from '../store/metadata-store.js';
import type { Clock, Timers } from '../timers.js';
import type { Logger } from '../logger.js';
import type { TokenAuthority } from '../auth/token-authority.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';

export interface ApiRequest {
  method: HttpMethod;
  /** The decoded path without the query string, e.g. `/api/metadata/taskdefs/x`. */
  path: string;
  /** Path variables from `{name}` segments, URL-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body ('' when none was sent). Already checked against the size limit. */
  bodyText: string;
  /** Whether the client sent any body bytes. */
  hasBody: boolean;
  /**
   * The body parsed as JSON, with the real server's failure codes: no body or malformed JSON
   * throws a 500 ApiError (Spring's HttpMessageNotReadableException falls in the mapper's
   * catch-all); a non-JSON Content-Type throws 500 too (HttpMediaTypeNotSupportedException).
   */
  json(): unknown;
  /**
   * Aborted when the client disconnects before the response is written (added for part 2's
   * long polls, issue 5). Optional so hand-built requests in tests need not set it.
   */
  signal?: AbortSignal;
}

export interface ApiResponse {
  status: number;
  /** Already-serialized body; absent for an empty response. */
  body?: string | Buffer;
  /** Content-Type; absent with an empty body (void methods answer without one). */
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;

export interface Route {
  method: HttpMethod;
  path: string;
  handler: Handler;
}

/** What a route module gets at start-up. */
export interface ServerDeps {
  /** The open, migrated SQLite database (WAL, synchronous=FULL). */
  db: Database;
  /** Task and workflow definitions (part 2 reads defs from here when starting executions). */
  metadata: MetadataStore;
  clock: Clock;
  /** Intervals and timeouts that are cancelled when the server closes. */
  timers: Timers;
  logger: Logger;
  /** Facts about this server instance, for home page and status routes. */
  info: ServerInfo;
  /** Present when the server was started with auth (Orkes mode); absent in OSS mode. */
  auth?: TokenAuthority;
}

export interface ServerInfo {
  version: string;
  dataDir: string;
  /** Epoch ms when start-up began. */
  startedAt: number;
  authEnabled: boolean;
}

export interface RouteModule {
  /** Short name, used in logs and start-up errors. */
  name: string;
  create(deps: ServerDeps): Route[];
}
