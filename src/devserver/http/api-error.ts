/**
 * Errors a handler throws to produce a Conductor ErrorResponse
 * (common/.../validation/ErrorResponse.java). The status codes follow the real mapper
 * (rest/.../controllers/ApplicationExceptionMapper.java), which looks the exception class up
 * exactly and falls back to 500: NotFound 404, Conflict 409, IllegalArgument 400,
 * NoResourceFound 404, FileStorage 413, AccessForbidden 403, method not supported 405,
 * everything else (malformed JSON, unknown enum, IllegalState…) 500.
 */

export interface ValidationErrorItem {
  path?: string;
  message: string;
  invalidValue?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly validationErrors?: ValidationErrorItem[];
  readonly retryable: boolean;
  /** Extra members of the JSON body (Orkes' `error` on 401), replacing the ErrorResponse shape. */
  readonly customBody?: Record<string, unknown>;

  constructor(
    status: number,
    message: string,
    options: { validationErrors?: ValidationErrorItem[]; retryable?: boolean; customBody?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.retryable = options.retryable ?? false;
    if (options.validationErrors) this.validationErrors = options.validationErrors;
    if (options.customBody) this.customBody = options.customBody;
  }
}

/** NotFoundException → 404. */
export function notFound(message: string): ApiError {
  return new ApiError(404, message);
}

/** ConflictException → 409. */
export function conflict(message: string): ApiError {
  return new ApiError(409, message);
}

/** IllegalArgumentException → 400. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}

/** Anything outside the mapper's table (IllegalStateException, parse errors…) → 500. */
export function serverError(message: string): ApiError {
  return new ApiError(500, message);
}

/**
 * ConstraintViolationException → 400 from ValidationExceptionMapper: fixed message, no
 * `instance`, and the list of violations.
 */
export function validationFailed(errors: ValidationErrorItem[]): ApiError {
  return new ApiError(400, 'Validation failed, check below errors for detail.', { validationErrors: errors });
}
