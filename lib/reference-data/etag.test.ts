import { describe, expect, it } from 'vitest';
import { bundledReferenceData, type ReferenceData } from './catalogue';
import { ifNoneMatchMatches, referenceDataPayload } from './etag';

describe('reference data payload', () => {
  it('is the five lists as JSON with a strong, quoted ETag', () => {
    const { body, etag } = referenceDataPayload(bundledReferenceData);
    expect(JSON.parse(body)).toEqual(bundledReferenceData);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
  });

  it('has the same ETag for the same content in another object, and a different one when a list changes', () => {
    const { etag } = referenceDataPayload(bundledReferenceData);
    expect(referenceDataPayload({ ...bundledReferenceData }).etag).toBe(etag);
    const changed: ReferenceData = { ...bundledReferenceData, containerTypes: bundledReferenceData.containerTypes.slice(1) };
    expect(referenceDataPayload(changed).etag).not.toBe(etag);
  });

  it('leaves out anything beyond the five lists', () => {
    const withExtra = { ...bundledReferenceData, fetchedAt: 'yesterday' } as ReferenceData;
    expect(referenceDataPayload(withExtra).body).toBe(referenceDataPayload(bundledReferenceData).body);
  });
});

describe('If-None-Match', () => {
  const etag = '"abc"';

  it('matches our tag, alone, in a list, or weakly', () => {
    expect(ifNoneMatchMatches('"abc"', etag)).toBe(true);
    expect(ifNoneMatchMatches('"old", "abc"', etag)).toBe(true);
    expect(ifNoneMatchMatches('W/"abc"', etag)).toBe(true);
    expect(ifNoneMatchMatches('*', etag)).toBe(true);
  });

  it('does not match a missing header or other tags', () => {
    expect(ifNoneMatchMatches(null, etag)).toBe(false);
    expect(ifNoneMatchMatches('', etag)).toBe(false);
    expect(ifNoneMatchMatches('"abcd", "ab"', etag)).toBe(false);
    expect(ifNoneMatchMatches('abc', etag)).toBe(false);
  });
});
