import { describe, expect, it } from 'vitest';
import { fullJitterDelay, nextDelay, parseRetryAfter, type RetryPolicy } from './retry';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, maxTotalDelayMs: 5_000 };

describe('fullJitterDelay', () => {
  it('draws between 0 and a ceiling that doubles per attempt up to maxDelayMs', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => fullJitterDelay(attempt, policy, top))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(fullJitterDelay(3, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(200);
  });
});

describe('nextDelay', () => {
  it('waits what Retry-After asks, plus at most one base delay of jitter', () => {
    expect(nextDelay(1, 3_000, policy, () => 0)).toBe(3_000);
    expect(nextDelay(1, 3_000, policy, () => 0.5)).toBe(3_050);
  });

  it('falls back to full jitter without Retry-After', () => {
    expect(nextDelay(2, undefined, policy, () => 0.5)).toBe(100);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date, and a past one means now', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
