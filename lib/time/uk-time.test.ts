import { describe, expect, it } from 'vitest';
import { formatUkDateTime, instantToUkLocal, ukLocalToInstant } from './uk-time';

describe('UK time', () => {
  it('reads winter times as GMT and summer times as BST', () => {
    expect(ukLocalToInstant('2026-11-22T09:15')?.toISOString()).toBe('2026-11-22T09:15:00.000Z');
    expect(ukLocalToInstant('2026-07-01T09:15')?.toISOString()).toBe('2026-07-01T08:15:00.000Z');
  });

  it('handles the clock changes', () => {
    // 25 Oct 2026 01:30 happens twice; the first (BST) is taken.
    expect(ukLocalToInstant('2026-10-25T01:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // 29 Mar 2026 01:30 does not exist; it is read as 02:30 BST, like the clocks.
    expect(ukLocalToInstant('2026-03-29T01:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses what is not a date and time', () => {
    for (const bad of ['', 'yesterday', '2026-02-31T10:00', '2026-13-01T10:00', '2026-01-01T24:00']) {
      expect(ukLocalToInstant(bad)).toBeNull();
    }
  });

  it('round-trips for the form and formats for people', () => {
    const instant = new Date('2026-07-01T08:15:00Z');
    expect(instantToUkLocal(instant)).toBe('2026-07-01T09:15');
    expect(formatUkDateTime(instant)).toBe('1 Jul 2026, 09:15 BST');
  });
});
