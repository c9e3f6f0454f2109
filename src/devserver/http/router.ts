/**
 * Matches a method and path against the routes of every module. Patterns are split into
 * segments; `{name}` matches one non-empty segment. When several patterns match, the one
 * with a literal at the first differing position wins (Spring's "more specific pattern"),
 * so `/api/metadata/workflow/names` shadows `/api/metadata/workflow/{name}`.
 */
import type { Handler, HttpMethod, Route } from './types.js';

interface CompiledRoute {
  method: HttpMethod;
  pattern: string;
  /** A literal segment, or null for a `{param}` segment. */
  literals: (string | null)[];
  paramNames: (string | null)[];
  handler: Handler;
}

export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  /** The path exists but not for this method (405 with the allowed methods). */
  | { kind: 'method-not-allowed'; allowed: HttpMethod[] }
  | { kind: 'not-found' };

export class Router {
  private readonly routes: CompiledRoute[] = [];

  /** Adds routes; throws when a method+pattern pair is registered twice. */
  add(routes: Route[], owner: string): void {
    for (const route of routes) {
      const segments = splitPath(route.path);
      const literals = segments.map((s) => (isParam(s) ? null : s));
      const paramNames = segments.map((s) => (isParam(s) ? s.slice(1, -1) : null));
      const shape = literals.map((l) => l ?? '{}').join('/');
      const duplicate = this.routes.find((r) => r.method === route.method && r.literals.map((l) => l ?? '{}').join('/') === shape);
      if (duplicate) throw new Error(`route ${route.method} ${route.path} of module ${owner} duplicates ${duplicate.pattern}`);
      this.routes.push({ method: route.method, pattern: route.path, literals, paramNames, handler: route.handler });
    }
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    let best: { route: CompiledRoute; params: Record<string, string> } | undefined;
    const allowed = new Set<HttpMethod>();
    for (const route of this.routes) {
      const params = matchSegments(route, segments);
      if (!params) continue;
      // HEAD is served by GET handlers, as servlet containers do.
      const methodOk = route.method === method || (method === 'HEAD' && route.method === 'GET');
      if (!methodOk) {
        allowed.add(route.method);
        continue;
      }
      if (!best || moreSpecific(route, best.route)) best = { route, params };
    }
    if (best) return { kind: 'found', handler: best.route.handler, params: best.params };
    if (allowed.size > 0) return { kind: 'method-not-allowed', allowed: [...allowed] };
    return { kind: 'not-found' };
  }
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

/**
 * Raw segments of a path (still URL-encoded). A trailing slash leaves an empty last segment
 * that matches nothing, as Spring 6 no longer matches trailing slashes.
 */
function splitPath(path: string): string[] {
  return path.slice(1).split('/');
}

function matchSegments(route: CompiledRoute, segments: string[]): Record<string, string> | undefined {
  if (route.literals.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const raw = segments[i]!;
    const literal = route.literals[i];
    if (literal !== null && literal !== undefined) {
      if (literal !== raw) return undefined;
      continue;
    }
    if (raw === '') return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    params[route.paramNames[i]!] = decoded;
  }
  return params;
}

function moreSpecific(a: CompiledRoute, b: CompiledRoute): boolean {
  for (let i = 0; i < a.literals.length; i++) {
    const aLit = a.literals[i] !== null;
    const bLit = b.literals[i] !== null;
    if (aLit !== bLit) return aLit;
  }
  return false;
}
