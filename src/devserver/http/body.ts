/**
 * Reads a request body with a size limit and parses JSON the way the real server fails:
 * Spring's HttpMessageNotReadableException (no body, malformed JSON) and
 * HttpMediaTypeNotSupportedException (non-JSON Content-Type) are not in
 * ApplicationExceptionMapper's table, so both answer 500.
 */
import type { IncomingMessage } from 'node:http';
import { ApiError, serverError } from './api-error.js';

/** Default request body limit: 8 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/** Reads the whole body; rejects with a 413 ApiError as soon as it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
      failed = true;
    });
  });
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, `Request body exceeds the dev server's limit of ${limit} bytes`);
}

/** Whether a Content-Type header names JSON (`application/json`, `application/*+json`), or is absent. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined || header.trim() === '') return true;
  const type = header.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

export function parseJsonBody(text: string, contentType: string | undefined, hasBody: boolean): unknown {
  if (!hasBody || text.trim() === '') throw serverError('Required request body is missing');
  if (!isJsonContentType(contentType)) {
    throw serverError(`Content-Type '${contentType ?? ''}' is not supported`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw serverError(`JSON parse error: ${error instanceof Error ? error.message : String(error)}`);
  }
}
