import { describe, expect, it } from 'vitest';
import { createSiteSchema } from './schema';

const parse = (fields: Record<string, unknown>) => createSiteSchema.safeParse({ name: 'Site', ...fields });
const errorsOf = (fields: Record<string, unknown>) => {
  const r = parse(fields);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('site authorisation number: every permit format DWT accepts', () => {
  const accepted: [string, string][] = [
    ['England EAWML', 'EAWML123456'],
    ['England WML', 'WML12345'],
    ['England XX9999XX', 'AB1234CD'],
    ['England XX9999XX/D9999', 'AB1234CD/D1234'],
    ['England EPR/XX9999XX', 'EPR/AB1234CD'],
    ['England EPR/XX9999XX/D9999', 'EPR/AB1234CD/D1234'],
    ['England XX9999XX/D99999 (live)', 'AB1234CD/D12345'],
    ['Scotland PPC/A', 'PPC/A/1234567'],
    ['Scotland PPC/W', 'PPC/W/1234567'],
    ['Scotland PPC/A/SEPA', 'PPC/A/SEPA1234-5678'],
    ['Scotland WML/L', 'WML/L/1234567'],
    ['Scotland WML/L/SEPA', 'WML/L/SEPA1234-5678'],
    ['Scotland WML/E/../99', 'WML/E/1234567/12'],
    ['Scotland EAS/P', 'EAS/P/123456'],
    ['Wales EPR', 'EPR/AB1234CD'],
    ['Northern Ireland P9999/99X', 'P1234/56A'],
    ['Northern Ireland P9999/99X/V#', 'P1234/56A/V1'],
    ['Northern Ireland WPPC', 'WPPC 12/34'],
    ['Northern Ireland WPPC/V#', 'WPPC 12/34/V2'],
    ['Northern Ireland WML LN with suffixes', 'WML 07/61 LN/13/02/M/V2'],
    ['Northern Ireland WML/T LN', 'WML 19/36/T LN/10/35/T/M'],
    ['Northern Ireland WML PAC', 'WML 04/38 PAC/2014/WCL001'],
  ];
  for (const [label, value] of accepted) {
    it(`accepts ${label}: ${value}`, () => {
      expect(errorsOf({ authorisationNumber: value })).toEqual({});
    });
  }

  it('accepts lower case and stray spaces, storing the tidy upper-case form', () => {
    expect(parse({ authorisationNumber: '  epr/ab1234cd ' }).data?.authorisationNumber).toBe('EPR/AB1234CD');
    expect(parse({ authorisationNumber: 'wppc  12/34' }).data?.authorisationNumber).toBe('WPPC 12/34');
  });

  const refused = [
    // The spec's garbled "EXX9999XX" and "PR/XX9999XX/D9999": live DWT refuses them (issue 14).
    'EAB1234CD',
    'PR/AB1234CD/D1234',
    'EPR/AB123CD',
    'AB1234C',
    'EAWML1234',
    'WML1234567',
    'PPC/B/1234567',
    'WML/L/123456',
    'EAS/P/12345',
    'P1234/5A',
    'WPPC 1/34',
    'WML 07/61',
    'XYZ',
    'EPR AB1234CD',
  ];
  for (const value of refused) {
    it(`refuses ${value}, naming the field`, () => {
      expect(errorsOf({ authorisationNumber: value }).authorisationNumber).toMatch(/^Authorisation number must be in a permit format DWT accepts/);
    });
  }

  it('may be left blank until known', () => {
    expect(parse({}).data).toMatchObject({ authorisationNumber: '', postcode: '', apiCode: null, regulatoryPositionStatements: [] });
  });
});

describe('the other site fields', () => {
  it('normalises a UK postcode and refuses anything else', () => {
    expect(parse({ postcode: 'w127zl' }).data?.postcode).toBe('W12 7ZL');
    expect(parse({ postcode: ' ec1a  1bb' }).data?.postcode).toBe('EC1A 1BB');
    expect(errorsOf({ postcode: 'D02 X285' }).postcode).toBe('Postcode must be a UK postcode, like W12 7ZL');
    expect(errorsOf({ postcode: '12345' }).postcode).toBe('Postcode must be a UK postcode, like W12 7ZL');
  });

  it('takes regulatory position statements as positive whole numbers, typed or as a list', () => {
    expect(parse({ regulatoryPositionStatements: '123, 45 7,123' }).data?.regulatoryPositionStatements).toEqual([123, 45, 7]);
    expect(parse({ regulatoryPositionStatements: [250, 251] }).data?.regulatoryPositionStatements).toEqual([250, 251]);
    expect(parse({ regulatoryPositionStatements: '' }).data?.regulatoryPositionStatements).toEqual([]);
    for (const bad of ['0', '12, -3', '1.5', 'RPS 12', [0]]) {
      expect(errorsOf({ regulatoryPositionStatements: bad }).regulatoryPositionStatements).toMatch(/whole numbers above 0/);
    }
  });

  it('takes the DWT apiCode as a UUID, lower-cased, blank meaning not set', () => {
    expect(parse({ apiCode: '1F83215E-4B90-4785-9AB2-2614839AA2E9' }).data?.apiCode).toBe('1f83215e-4b90-4785-9ab2-2614839aa2e9');
    expect(parse({ apiCode: '  ' }).data?.apiCode).toBeNull();
    expect(errorsOf({ apiCode: 'not-a-uuid' }).apiCode).toMatch(/^DWT apiCode must be a UUID/);
  });

  it('checks contact email and phone, and requires a name and a known nation', () => {
    expect(errorsOf({ contactEmail: 'nope' }).contactEmail).toMatch(/^Contact email address must be an email address/);
    expect(errorsOf({ contactPhone: 'call me' }).contactPhone).toMatch(/^Contact phone number must be a phone number/);
    expect(parse({ contactEmail: 'Ops@Example.co.uk', contactPhone: '+44 (0)1632 960123' }).success).toBe(true);
    expect(errorsOf({ name: '  ' }).name).toBe('Enter the site name');
    expect(errorsOf({ nation: 'FRANCE' }).nation).toBe('Choose the nation the site is in');
  });
});
