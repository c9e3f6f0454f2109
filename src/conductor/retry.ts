/**
 * Retry policy: exponential backoff with full jitter (delay = random × min(cap, base × 2^n),
 * the AWS "full jitter" scheme), so many concurrent apply workers hitting a struggling server
 * spread out instead of retrying in lock-step. Pure: the random source is passed in.
 */

export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 4, baseDelayMs: 250, maxDelayMs: 8_000 };

/** Delay before retry number `retry` (0-based). `random` returns [0, 1). */
export function computeBackoffMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * A 429/503 `Retry-After` header in seconds (the HTTP-date form is ignored), capped by the
 * policy so a hostile value cannot stall an apply.
 */
export function parseRetryAfterMs(header: string | null, policy: RetryPolicy): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Math.min(Number(header.trim()) * 1000, policy.maxDelayMs);
}

/** Statuses worth retrying for an idempotent call: rate limiting and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
