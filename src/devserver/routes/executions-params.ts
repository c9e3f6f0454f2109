/**
 * Query-parameter and body parsing for the execution routes, with Spring's failure codes: a
 * value of the wrong type is a 500 (MethodArgumentTypeMismatchException falls in the real
 * mapper's catch-all), a missing JSON body is a 500 too.
 */
import { ApiError } from '../http/api-error.js';
import type { ApiRequest } from '../http/types.js';
import { isPlainObject, type JsonMap } from '../engine/model.js';

export function queryInt(req: ApiRequest, name: string): number | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw new ApiError(500, `Failed to convert value of type 'java.lang.String' to required type 'int'; For input string: "${raw}"`);
  return Number(raw.trim());
}

export function queryBool(req: ApiRequest, name: string, fallback: boolean): boolean {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return fallback;
  return raw.toLowerCase() === 'true';
}

export function queryString(req: ApiRequest, name: string): string | undefined {
  const raw = req.query.get(name);
  return raw === null || raw === '' ? undefined : raw;
}

/** The JSON body as an object (500 when absent or not JSON, as the real server). */
export function bodyObject(req: ApiRequest): JsonMap {
  const body = req.json();
  if (!isPlainObject(body)) throw new ApiError(500, 'JSON parse error: the request body must be a JSON object');
  return body;
}

/** An optional JSON object body: `{}` when nothing was sent. */
export function optionalBodyObject(req: ApiRequest): JsonMap {
  if (!req.hasBody || req.bodyText.trim() === '') return {};
  return bodyObject(req);
}

/** A JSON array of workflow ids for the bulk endpoints (1..1000, else 400). */
export function bulkIds(req: ApiRequest): string[] {
  const body = req.json();
  if (!Array.isArray(body)) throw new ApiError(500, 'JSON parse error: expected an array of workflow ids');
  if (body.length === 0 || body.length > 1000) {
    throw new ApiError(400, 'Validation failed, check below errors for detail.', {
      validationErrors: [{ path: 'workflowIds', message: 'Cannot process more than 1000 workflows. Please use multiple requests.' }],
    });
  }
  return body.map(String);
}

export function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isPlainObject(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}
