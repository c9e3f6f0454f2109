/**
 * Server URL handling. Users give the server as `http://host:8080` or `http://host:8080/api`
 * (the official CLI appends `/api` when it is missing, conductor-api.md §1); every request
 * path in this module is relative to the `/api` base. Credentials embedded in a URL
 * (`http://user:pass@host`) are stripped from anything shown to a person, and so are the
 * values of secret-looking query parameters (`?access_token=`), issue 4 item 12.
 */
import { UsageError } from '../errors.js';

/** Query parameters whose values are never shown (tokens some gateways take in the URL). */
const SECRET_PARAM = /(token|secret|key|password|passwd|auth|signature|sig|credential)/i;

/** `http://h:8080`, `http://h:8080/`, `http://h:8080/api/` → `http://h:8080/api`. */
export function normalizeBaseUrl(serverUrl: string): string {
  const trimmed = serverUrl.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new UsageError(`invalid server URL: ${displayUrl(trimmed)}`, { code: 'SERVER_URL_INVALID' });
  }
  // Request paths are appended to the base, so a query or fragment would end up in the
  // middle of every URL (and a token in it would be printed in messages). Refuse it.
  if (url.search !== '' || url.hash !== '') {
    throw new UsageError(`the server URL ${url.origin}${url.pathname} must not have a query string or fragment`, {
      code: 'SERVER_URL_INVALID',
      hint: 'give credentials with --auth-key/--auth-secret or --auth-token, not in the URL',
    });
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

/** The URL without user info and with secret-looking query values masked, for messages. Never throws. */
export function displayUrl(url: string): string {
  const withoutUser = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, '$1');
  return withoutUser.replace(/([?&])([^=&#]*)=([^&#]*)/g, (whole, sep: string, name: string) =>
    SECRET_PARAM.test(decodeName(name)) ? `${sep}${name}=****` : whole,
  );
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
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
