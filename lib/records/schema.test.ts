import { describe, expect, it } from 'vitest';
import { filtersToSearchParams, parseRecordFilters, recordFiltersSchema } from './schema';

describe('record filters', () => {
  it('refuses dates that do not exist, which Date.parse would roll over', () => {
    expect(recordFiltersSchema.safeParse({ from: '2026-02-30' }).success).toBe(false);
    expect(recordFiltersSchema.safeParse({ from: '2026-13-01' }).success).toBe(false);
    expect(recordFiltersSchema.safeParse({ from: '2028-02-29' }).success).toBe(true);
  });

  it('gives one message per bad filter field, and falls back on a bad sort, page or page size', () => {
    expect(parseRecordFilters({ ewc: '17', from: '2026-02-30' })).toEqual({
      ok: false,
      fieldErrors: { ewc: 'Enter a 6-digit EWC code, like 17 01 01', from: 'Enter a real date' },
    });
    const parsed = parseRecordFilters({ sort: 'nonsense', page: 'x', pageSize: '7', status: 'pending' });
    expect(parsed).toEqual({ ok: true, filters: { sort: 'received', dir: 'desc', page: 1, pageSize: 50, status: 'pending' } });
    expect(parseRecordFilters({ from: '2026-11-20', to: '2026-11-19' })).toMatchObject({ ok: false, fieldErrors: { to: expect.stringContaining('"To"') } });
  });

  it('reads people’s EWC codes and round-trips through the URL without defaults', () => {
    const parsed = parseRecordFilters({ ewc: '17 05 04*', q: ' AB12 ', page: '2' });
    expect(parsed).toMatchObject({ ok: true, filters: { ewc: '170504', q: 'AB12', page: 2 } });
    if (parsed.ok) expect(filtersToSearchParams(parsed.filters).toString()).toBe('ewc=170504&q=AB12&page=2');
  });
});
