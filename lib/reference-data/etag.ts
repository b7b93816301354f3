// The reference lists as an HTTP body with a strong ETag, so a browser that already holds them gets a
// 304 instead of ~300 kB again.
import { createHash } from 'node:crypto';
import type { ReferenceData } from './lookups';

export interface ReferenceDataPayload {
  body: string;
  /** Strong: a hash of the exact bytes of `body`. */
  etag: string;
}

// getReferenceLookups() hands out the same data object until it reloads, so serialising and hashing
// happen once per reload rather than once per request.
const payloads = new WeakMap<ReferenceData, ReferenceDataPayload>();

export function referenceDataPayload(data: ReferenceData): ReferenceDataPayload {
  let payload = payloads.get(data);
  if (!payload) {
    // Only the five lists, in a fixed order, whatever else the object carries.
    const body = JSON.stringify({
      ewcCodes: data.ewcCodes,
      hazardousPropertyCodes: data.hazardousPropertyCodes,
      disposalOrRecoveryCodes: data.disposalOrRecoveryCodes,
      containerTypes: data.containerTypes,
      popNames: data.popNames,
    } satisfies ReferenceData);
    payload = { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
    payloads.set(data, payload);
  }
  return payload;
}

/**
 * Whether an If-None-Match header lets us answer 304 (RFC 9110 §13.1.2): "*" or any listed tag equal
 * to ours under weak comparison, i.e. ignoring a "W/" prefix.
 */
export function ifNoneMatchMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const ours = opaqueTag(etag);
  return header.split(',').some((tag) => opaqueTag(tag.trim()) === ours);
}

function opaqueTag(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
