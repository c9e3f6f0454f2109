/**
 * Server URL handling. Users give the server as `http://host:8080` or `http://host:8080/api`
 * (the official CLI appends `/api` when it is missing, conductor-api.md §1); every request
 * path in this module is relative to the `/api` base. Credentials embedded in a URL
 * (`http://user:pass@host`) are stripped from anything shown to a person.
 */

/** `http://h:8080`, `http://h:8080/`, `http://h:8080/api/` → `http://h:8080/api`. */
export function normalizeBaseUrl(serverUrl: string): string {
  const trimmed = serverUrl.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new TypeError(`invalid server URL: ${displayUrl(trimmed)}`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/api') ? path : `${path}/api`;
  return url.toString().replace(/\/+$/, '');
}

export type QueryValue = string | number | boolean | undefined;

/** Joins the base, a path (`/metadata/taskdefs`) and query parameters (undefined ones left out). */
export function buildUrl(baseUrl: string, path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, String(value));
  }
  const search = params.toString();
  return `${baseUrl}${path.startsWith('/') ? path : `/${path}`}${search ? `?${search}` : ''}`;
}

/** The URL without user info, for messages. Never throws. */
export function displayUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** `http://host:8080` of a URL, for "cannot reach" messages. */
export function originOf(url: string): string {
  try {
    return new URL(displayUrl(url)).origin;
  } catch {
    return displayUrl(url);
  }
}

/** Encodes one path segment (definition names may contain spaces or slashes). */
export function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}
