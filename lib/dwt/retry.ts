// Back-off arithmetic for the DWT client, kept pure so it can be tested without a clock.

export interface RetryPolicy {
  /** Requests per call, the first included. */
  maxAttempts: number;
  /** Ceiling of the first back-off; it doubles with each attempt. */
  baseDelayMs: number;
  /** Ceiling of any one back-off computed here (a server's Retry-After may ask for longer). */
  maxDelayMs: number;
  /** Total time a call may spend waiting between attempts; a wait that would pass it is not taken. */
  maxTotalDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxTotalDelayMs: 10_000,
};

/**
 * "Full jitter" back-off: a uniformly random wait between 0 and the exponential ceiling, so clients
 * that failed together do not retry together. `attempt` is the number of the attempt that failed (1+).
 */
export function fullJitterDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Milliseconds a Retry-After header asks for: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable; a date in the past means "now".
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month; this also keeps Date.parse from reading "-5" as a year.
  const at = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * The wait before the next attempt: what the server asked for (plus a little jitter, so clients told
 * the same thing do not return in step), otherwise full-jitter back-off.
 */
export function nextDelay(attempt: number, retryAfterMs: number | undefined, policy: RetryPolicy, random: () => number): number {
  if (retryAfterMs === undefined) return fullJitterDelay(attempt, policy, random);
  return retryAfterMs + Math.floor(random() * policy.baseDelayMs);
}
