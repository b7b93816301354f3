// The anonymisation follows lib/dwt/personal-data.ts's definition of a movement's personal fields.
import { describe, expect, it } from 'vitest';
import { protectPersonalData } from '@/lib/dwt/personal-data';
import { emptyLoadForm, toMovement } from '@/lib/loads/schema';
import {
  ERASED,
  FORM_PARTY_PERSONAL_FIELDS,
  anonymiseFormValues,
  anonymiseMovement,
  isPersonalLoadAuditKey,
  needlesOf,
  scrubAuditChanges,
  isSystemAuditKey,
  scrubText,
} from './anonymise';

function filledForm() {
  const f = emptyLoadForm({ dateTimeReceived: '2026-11-20T09:15', yourUniqueReference: '000123' });
  const party = {
    organisationName: 'Jo Bloggs',
    registrationNumber: 'CBDU123456',
    emailAddress: 'jo@example.org',
    phoneNumber: '07700 900123',
    address: { fullAddress: '1 High St', postcode: 'LS1 4AB' },
  };
  f.carrier = { ...f.carrier, ...party, vehicleRegistration: 'YX70 ABC', addressBookId: 'x' };
  f.hasBrokerOrDealer = true;
  f.brokerOrDealer = { ...f.brokerOrDealer, ...party };
  f.specialHandlingRequirements = 'Call jo@example.org or 07700 900123';
  f.wasteItems[0] = { ...f.wasteItems[0]!, ewcCodes: ['170504'], wasteDescription: 'Soil, ring 07700 900123' };
  return f;
}

/** Dotted paths of every leaf where two JSON values differ. */
function diffPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => diffPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix];
}

describe('anonymising a load', () => {
  it('changes exactly the movement fields that personal-data.ts withholds from a test environment', () => {
    const movement = toMovement(filledForm());
    // An address is removed whole where personal-data.ts replaces its two lines.
    const withheld = [...new Set(diffPaths(movement, protectPersonalData(movement, 'test')).map((p) => p.replace(/\.address\..*$/, '.address')))].sort();
    const anonymised = diffPaths(movement, anonymiseMovement(movement, ['carrier', 'brokerOrDealer'])).sort();
    expect(anonymised).toEqual(withheld);
    // and the form's twin list names the same fields of a party
    const partyFields = diffPaths(movement, protectPersonalData(movement, 'test'))
      .filter((p) => p.startsWith('carrier.'))
      .map((p) => p.slice('carrier.'.length))
      .sort();
    expect(partyFields).toEqual([...FORM_PARTY_PERSONAL_FIELDS].sort());
  });

  it('keeps codes, weights and references, and only the roles asked for', () => {
    const form = filledForm();
    const movement = toMovement(form) as Record<string, unknown>;
    const out = anonymiseMovement(movement, ['carrier']) as typeof movement & { carrier: Record<string, unknown>; brokerOrDealer: Record<string, unknown> };
    expect(out.wasteItems).toEqual((movement.wasteItems as Record<string, unknown>[]).map((i) => ({ ...i, wasteDescription: `Soil, ring ${ERASED}` })));
    expect(out.carrier).toEqual({ organisationName: ERASED, registrationNumber: 'CBDU123456', vehicleRegistration: 'ERASED', meansOfTransport: 'Road' });
    expect(out.brokerOrDealer).toEqual(movement.brokerOrDealer);
    // A plate that happens to equal personal-data.ts's placeholder is still erased.
    const plate = anonymiseMovement({ carrier: { organisationName: 'X', vehicleRegistration: 'AB12 CDE' } }, ['carrier']) as { carrier: object };
    expect(plate.carrier).toEqual({ organisationName: ERASED, vehicleRegistration: 'ERASED' });
    const f = anonymiseFormValues(form, ['carrier']) as typeof form;
    expect(f.carrier).toMatchObject({
      organisationName: ERASED,
      emailAddress: '',
      phoneNumber: '',
      address: { fullAddress: '', postcode: '' },
      addressBookId: '',
    });
    expect(f.brokerOrDealer).toEqual(form.brokerOrDealer);
    expect(f.specialHandlingRequirements).toBe(`Call ${ERASED} or ${ERASED}`);
  });
});

describe('scrubbing erased values', () => {
  const needles = needlesOf({ texts: ['Jo Bloggs', 'jo@example.org', 'ab'], phones: ['+44 7700 900123'] });
  it('replaces names in any case and phone numbers in any spacing', () => {
    expect(needles.texts).toEqual(['jo@example.org', 'Jo Bloggs']);
    expect(scrubText('JO BLOGGS on (0)7700-900-123 or 07700900123', needles)).toBe(`${ERASED} on ${ERASED} or ${ERASED}`);
    expect(scrubText('Ticket 000123, 18.4 t', needles)).toBe('Ticket 000123, 18.4 t');
  });
  it('removes personal audit fields by key and values anywhere', () => {
    const changes = {
      'carrier.phoneNumber': { from: '', to: '0113 496 0000' },
      'wasteItems.0.ewcCodes': { from: [], to: ['170504'] },
      note: { to: 'for Jo Bloggs' },
    };
    expect(scrubAuditChanges(changes, needles, (k) => isPersonalLoadAuditKey(k))).toEqual({
      'carrier.phoneNumber': { erased: true },
      'wasteItems.0.ewcCodes': { from: [], to: ['170504'] },
      note: { to: `for ${ERASED}` },
    });
    expect(scrubAuditChanges({ status: { to: 'SENT' } }, needles)).toBeNull();
  });
});

describe('scrubbing erased values out of text (issue 11)', () => {
  it('replaces whole words only: erasing "Smith" leaves "Goldsmith Ltd" alone', () => {
    const needles = needlesOf({ texts: ['Smith', 'Jo Bloggs'] });
    expect(scrubText('Smith brought it; Goldsmith Ltd paid; JO BLOGGS signed; Smithfield', needles)).toBe(
      'Erased brought it; Goldsmith Ltd paid; Erased signed; Smithfield',
    );
  });
});

describe('what an erasure never rewrites in an audit entry (issue 11)', () => {
  it('leaves statuses, codes and ids alone even when a party is named like one', () => {
    const needles = needlesOf({ texts: ['Sent', 'CBDU123456'] });
    const changes = {
      status: { from: 'DRAFT', to: 'SENT' },
      'carrier.addressBookId': { to: 'Sent' },
      'wasteItems.0.ewcCodes': { to: ['170504'] },
      note: { to: 'Sent by Goldsent Ltd' },
    };
    expect(scrubAuditChanges(changes, needles)).toEqual({ ...changes, note: { to: `${ERASED} by Goldsent Ltd` } });
    expect(isSystemAuditKey('status')).toBe(true);
    expect(isSystemAuditKey('carrier.organisationName')).toBe(false);
  });
});
