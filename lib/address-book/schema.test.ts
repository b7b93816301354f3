import { describe, expect, it } from 'vitest';
import {
  MAX_VEHICLES_PER_SAVE,
  matchKey,
  mergeVehicleRegistrations,
  normalisePartyRegistrationNumber,
  savePartySchema,
  searchPartiesSchema,
  SEARCH_DEFAULT_LIMIT,
  SEARCH_MAX_LIMIT,
  type SavePartyInput,
} from './schema';

const siteId = '3f0c6d1e-8e0b-4c55-9d7a-0123456789ab';
const carrier = (overrides: Record<string, unknown> = {}) => ({
  siteId,
  kind: 'CARRIER',
  organisationName: 'Acme Haulage Ltd',
  registrationNumber: 'CBDU123456',
  ...overrides,
});
const broker = (overrides: Record<string, unknown> = {}) => ({ siteId, kind: 'BROKER_DEALER', organisationName: 'Acme Brokers', ...overrides });

/** Field path → messages, or the parsed entry. */
function parse(input: unknown) {
  const result = savePartySchema.safeParse(input);
  if (result.success) return { ok: true as const, data: result.data };
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[issue.path.join('.')] ??= []).push(issue.message);
  return { ok: false as const, errors };
}

describe('matchKey', () => {
  it('keeps only letters and digits, upper case', () => {
    for (const typed of ['ab12 cde', 'AB12CDE', ' Ab12-Cde ', 'ab12\tcde']) expect(matchKey(typed)).toBe('AB12CDE');
    expect(matchKey('WCR/R/1234567')).toBe('WCRR1234567');
    expect(matchKey('ROC UT 12345')).toBe('ROCUT12345');
  });

  it('drops letters outside A–Z rather than guess at them, as the database does', () => {
    expect(matchKey('Straße 1')).toBe('STRAE1');
    expect(matchKey('%_&')).toBe('');
  });
});

describe('normalisePartyRegistrationNumber', () => {
  it('tidies as DWT does', () => {
    expect(normalisePartyRegistrationNumber(' cbdu123456 ')).toBe('CBDU123456');
    expect(normalisePartyRegistrationNumber('roc  ut   12345')).toBe('ROC UT 12345');
    expect(normalisePartyRegistrationNumber('wcr/r/1234567')).toBe('WCR/R/1234567');
  });

  it('drops stray spaces only when that makes a number DWT accepts', () => {
    expect(normalisePartyRegistrationNumber('CBDU 123 456')).toBe('CBDU123456');
    expect(normalisePartyRegistrationNumber('sco 123456')).toBe('SCO 123456');
  });
});

describe('mergeVehicleRegistrations', () => {
  it('adds only vehicles not already known, however spaced, keeping the first spelling and the order', () => {
    expect(mergeVehicleRegistrations(['AB12 CDE'], ['AB12CDE', 'XY70 ZZZ', 'xy70zzz', '', 'AA11 AAA'])).toEqual(['AB12 CDE', 'XY70 ZZZ', 'AA11 AAA']);
  });
});

describe('a carrier', () => {
  it('is tidied: trimmed, registration number and postcode in DWT’s form, vehicles upper case with single spaces', () => {
    const result = parse(
      carrier({
        organisationName: '  Acme  ',
        registrationNumber: ' cbdu123456 ',
        postcode: 'w127zl',
        fullAddress: ' 1 Road, Leeds ',
        vehicleRegistrations: [' ab12  cde ', 'AB12CDE', '', 'yx70abc'],
      }),
    );
    expect(result).toEqual({
      ok: true,
      data: {
        siteId,
        kind: 'CARRIER',
        organisationName: 'Acme',
        registrationNumber: 'CBDU123456',
        postcode: 'W12 7ZL',
        fullAddress: '1 Road, Leeds',
        vehicleRegistrations: ['AB12 CDE', 'YX70ABC'],
      },
    });
  });

  it('takes "" and null as not given, so form values and stored entries both save', () => {
    const blanks = { fullAddress: '', postcode: null, emailAddress: '', phoneNumber: null, meansOfTransport: '', vehicleRegistrations: null };
    const parsed = parse(carrier(blanks));
    expect(parsed).toEqual({ ok: true, data: expect.objectContaining({ vehicleRegistrations: [] }) });
    const data: Record<string, unknown> = parsed.ok ? parsed.data : {};
    for (const key of Object.keys(blanks).filter((k) => k !== 'vehicleRegistrations')) expect(data[key]).toBeUndefined();
  });

  it('parses its own output to the same value, as the action and then the service do', () => {
    const once = savePartySchema.parse(carrier({ registrationNumber: 'cbdu 123 456', vehicleRegistrations: ['ab12 cde'], emailAddress: 'a@b.co' }));
    expect(savePartySchema.parse(once satisfies SavePartyInput)).toEqual(once);
  });

  it('needs a name', () => {
    expect(parse(carrier({ organisationName: '   ' }))).toMatchObject({ ok: false, errors: { organisationName: ['Enter the carrier’s name'] } });
    expect(parse(carrier({ organisationName: undefined }))).toMatchObject({ ok: false, errors: { organisationName: ['Enter the carrier’s name'] } });
  });

  it('needs a registration number in one of DWT’s formats, or a reason for having none, not both', () => {
    for (const number of ['CBDU123456', 'CBDL123', 'WCR/R/1234567', 'SCO/123456', 'PCT-A-123', 'ROC UT 12345', 'ROCLT1']) {
      expect(parse(carrier({ registrationNumber: number })).ok).toBe(true);
    }
    expect(parse(carrier({ registrationNumber: 'CBDU12' }))).toMatchObject({
      ok: false,
      errors: { registrationNumber: [expect.stringContaining('"CBDU12" is not in a recognised format')] },
    });
    expect(parse(carrier({ registrationNumber: '', reasonForNoRegistrationNumber: 'ONE_OFF' }))).toMatchObject({ ok: true });
    expect(parse(carrier({ registrationNumber: null, reasonForNoRegistrationNumber: '' }))).toMatchObject({
      ok: false,
      errors: { reasonForNoRegistrationNumber: ['Give the carrier’s registration number, or a reason for not having one'] },
    });
    expect(parse(carrier({ reasonForNoRegistrationNumber: 'ONE_OFF' }))).toMatchObject({
      ok: false,
      errors: { reasonForNoRegistrationNumber: ['Give either a carrier registration number or a reason for not having one, not both'] },
    });
    expect(parse(carrier({ registrationNumber: '', reasonForNoRegistrationNumber: 'Because' }))).toMatchObject({
      ok: false,
      errors: { reasonForNoRegistrationNumber: ['Choose a reason for the carrier having no registration number'] },
    });
  });

  it('takes a UK postcode or an Irish Eircode', () => {
    expect(parse(carrier({ postcode: 'd02 x285' }))).toMatchObject({ ok: true, data: { postcode: 'D02 X285' } });
    expect(parse(carrier({ postcode: 'EC1A1BB' }))).toMatchObject({ ok: true, data: { postcode: 'EC1A 1BB' } });
    expect(parse(carrier({ postcode: '12345' }))).toMatchObject({
      ok: false,
      errors: { postcode: ['Carrier postcode "12345" is not a UK postcode (like W12 7ZL) or an Irish Eircode (like D02 X285)'] },
    });
  });

  it('checks the email address and the means of transport', () => {
    expect(parse(carrier({ emailAddress: ' ops@acme.example ' }))).toMatchObject({ ok: true, data: { emailAddress: 'ops@acme.example' } });
    expect(parse(carrier({ emailAddress: 'ops at acme' }))).toMatchObject({
      ok: false,
      errors: { emailAddress: ['Carrier email address must be an email address, like name@example.co.uk'] },
    });
    expect(parse(carrier({ meansOfTransport: 'Road' }))).toMatchObject({ ok: true, data: { meansOfTransport: 'Road' } });
    expect(parse(carrier({ meansOfTransport: 'road' }))).toMatchObject({ ok: false, errors: { meansOfTransport: ['Choose a means of transport'] } });
  });

  it('keeps vehicle registrations within DWT’s 10 characters, counted once tidied', () => {
    expect(parse(carrier({ vehicleRegistrations: ['AB12   CDE'] }))).toMatchObject({ ok: true, data: { vehicleRegistrations: ['AB12 CDE'] } });
    expect(parse(carrier({ vehicleRegistrations: ['OK1', 'ABCDEFGHIJK'] }))).toMatchObject({
      ok: false,
      errors: { 'vehicleRegistrations.1': ['Vehicle registration "ABCDEFGHIJK" must be 10 characters or fewer'] },
    });
    expect(parse(carrier({ vehicleRegistrations: ['12-d-12345', "AB12'CDE", 'ÅB12 CDE'] }))).toMatchObject({
      ok: false,
      errors: {
        'vehicleRegistrations.1': ['Vehicle registration "AB12\'CDE" can only have letters, numbers, spaces and hyphens'],
        'vehicleRegistrations.2': ['Vehicle registration "ÅB12 CDE" can only have letters, numbers, spaces and hyphens'],
      },
    });
    expect(parse(carrier({ vehicleRegistrations: ['--'] }))).toMatchObject({
      ok: false,
      errors: { 'vehicleRegistrations.0': ['Vehicle registration "--" must contain letters or numbers'] },
    });
    expect(parse(carrier({ vehicleRegistrations: Array.from({ length: MAX_VEHICLES_PER_SAVE + 1 }, (_, i) => `V${i}`) })).ok).toBe(false);
  });

  it('shows every field’s problem at once', () => {
    const result = parse(carrier({ organisationName: '', postcode: 'nope', emailAddress: 'nope', vehicleRegistrations: ['ABCDEFGHIJK'] }));
    expect(result.ok ? [] : Object.keys(result.errors).sort()).toEqual(['emailAddress', 'organisationName', 'postcode', 'vehicleRegistrations.0']);
  });
});

describe('a broker or dealer', () => {
  it('may have no registration number, and has no reason, means of transport or vehicles', () => {
    expect(parse(broker({ reasonForNoRegistrationNumber: 'ONE_OFF', meansOfTransport: 'Road', vehicleRegistrations: ['AB12CDE'] }))).toEqual({
      ok: true,
      data: { siteId, kind: 'BROKER_DEALER', organisationName: 'Acme Brokers' },
    });
  });

  it('has a registration number in DWT’s format when it has one', () => {
    expect(parse(broker({ registrationNumber: 'cbdu 123456' }))).toMatchObject({ ok: true, data: { registrationNumber: 'CBDU123456' } });
    expect(parse(broker({ registrationNumber: 'X1' }))).toMatchObject({
      ok: false,
      errors: { registrationNumber: [expect.stringMatching(/^Broker or dealer registration number "X1" is not in a recognised format/)] },
    });
  });

  it('needs a name, worded for a broker or dealer', () => {
    expect(parse(broker({ organisationName: '' }))).toMatchObject({ ok: false, errors: { organisationName: ['Enter the broker or dealer’s name'] } });
  });
});

it('refuses an unknown kind of entry', () => {
  expect(parse({ siteId, kind: 'DRIVER', organisationName: 'X' })).toEqual({
    ok: false,
    errors: { kind: ['Say whether this is a carrier or a broker or dealer'] },
  });
});

describe('the search input', () => {
  it('trims the query and bounds the number of results', () => {
    expect(searchPartiesSchema.parse({ siteId, kind: 'CARRIER', query: '  acme ' })).toEqual({
      siteId,
      kind: 'CARRIER',
      query: 'acme',
      limit: SEARCH_DEFAULT_LIMIT,
    });
    expect(searchPartiesSchema.safeParse({ siteId, kind: 'CARRIER', query: 'a', limit: SEARCH_MAX_LIMIT + 1 }).success).toBe(false);
    expect(searchPartiesSchema.safeParse({ siteId: 'not-a-site', kind: 'CARRIER', query: 'a' }).success).toBe(false);
  });
});
