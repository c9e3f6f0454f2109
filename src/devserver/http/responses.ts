/**
 * Builders for handler results. The real server writes beans NON_NULL but map values
 * ALWAYS (common/.../config/ObjectMapperProvider.java: `JsonInclude.Value.construct(NON_NULL,
 * ALWAYS)`): so a handler leaves an absent bean property `undefined` (JSON.stringify drops
 * it) and keeps `null` inside maps such as inputs and outputs, which is written as null.
 */
import type { ApiResponse } from './types.js';

const JSON_TYPE = 'application/json';

export function serializeJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

export function json(value: unknown, status = 200): ApiResponse {
  return { status, body: serializeJson(value), contentType: JSON_TYPE };
}

/** A body that is already JSON text (stored definitions, concatenated rows). */
export function rawJson(body: string, status = 200): ApiResponse {
  return { status, body, contentType: JSON_TYPE };
}

/** text/plain (ids, counts, the version): the real server ignores Accept for these. */
export function text(value: string, status = 200): ApiResponse {
  return { status, body: value, contentType: 'text/plain;charset=UTF-8' };
}

export function html(value: string, status = 200): ApiResponse {
  return { status, body: value, contentType: 'text/html;charset=UTF-8' };
}

/** A Java `void` method: 200 (or 204) with no body and no Content-Type. */
export function empty(status = 200): ApiResponse {
  return { status };
}
