/**
 * Response bodies as Conductor sends them (conductor-api.md §1): JSON for most calls, bare
 * text/plain ids for starts and a few others (the Accept header is ignored), and 200 with an
 * empty body and no Content-Type for `void` methods. Some servers label a bare id as JSON
 * or send a JSON string; both are accepted.
 */

/** JSON value, raw text, or undefined for an empty body. */
export function parseResponseBody(text: string, contentType: string | null): unknown {
  if (text.length === 0) return undefined;
  const type = (contentType ?? '').toLowerCase();
  const looksJson = /^\s*[[{"]/.test(text) || /^\s*(true|false|null|-?\d)/.test(text);
  if (type.includes('json') || (!type.includes('text/plain') && looksJson)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** An id answer: text/plain `abc`, JSON `"abc"`, or empty. */
export function readTextAnswer(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body.trim();
  return String(body);
}
