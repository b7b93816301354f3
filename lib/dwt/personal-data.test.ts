import { describe, expect, it } from 'vitest';
import { bundledLookups } from '@/lib/reference-data/catalogue';
import { PLACEHOLDERS, protectPersonalData } from './personal-data';
import { validateReceiveMovement } from './schema';
import { sampleMovement } from './test-support';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('protectPersonalData', () => {
  it('replaces every personal field with a placeholder outside production', () => {
    const sent = protectPersonalData(sampleMovement(), 'test');

    expect(sent.carrier).toEqual({
      registrationNumber: 'CBDU123456',
      organisationName: PLACEHOLDERS.name,
      address: { fullAddress: PLACEHOLDERS.fullAddress, postcode: PLACEHOLDERS.postcode },
      emailAddress: PLACEHOLDERS.email,
      phoneNumber: PLACEHOLDERS.phone,
      meansOfTransport: 'Road',
      vehicleRegistration: PLACEHOLDERS.vehicleRegistration,
    });
    expect(sent.brokerOrDealer).toEqual({
      organisationName: PLACEHOLDERS.name,
      address: { fullAddress: PLACEHOLDERS.fullAddress, postcode: PLACEHOLDERS.postcode },
      emailAddress: PLACEHOLDERS.email,
      phoneNumber: PLACEHOLDERS.phone,
    });
    expect(sent.receiver).toEqual({
      siteName: 'Oak Lane Transfer Station',
      authorisationNumber: 'EPR/AB1234CD',
      emailAddress: PLACEHOLDERS.email,
      phoneNumber: PLACEHOLDERS.phone,
    });
    expect(sent.wasteItems[0]?.wasteDescription).toBe(`Soil and stones; questions to ${PLACEHOLDERS.email} or ${PLACEHOLDERS.phone}`);
    expect(sent.specialHandlingRequirements).toBe(`Ring the driver on ${PLACEHOLDERS.phone} before tipping`);
  });

  it('leaves nothing personal anywhere in the body sent', () => {
    const original = sampleMovement();
    const sent = JSON.stringify(protectPersonalData(original, 'sandbox'));
    for (const personal of [
      'Jane Smith',
      'jane@smith-haulage.co.uk',
      '07700 900456',
      '2 Home Lane',
      'LS1 4AB',
      'YX19 ABC',
      'John Broker',
      'john@broker.ie',
      '+353 1 234 5678',
      'D02 AF30',
      'site.manager@oaklane.co.uk',
      '0113 496 0000',
      'dave@example.org',
      '07700 900123',
      '7700 900789',
    ]) {
      expect(sent).not.toContain(personal);
    }
  });

  it('sends a body DWT still accepts', () => {
    const result = validateReceiveMovement(protectPersonalData(sampleMovement(), 'test'), bundledLookups());
    expect(result).toMatchObject({ ok: true });
  });

  it('keeps what is not personal: codes, quantities, references, the site and its address', () => {
    const original = sampleMovement();
    const sent = protectPersonalData(original, 'test');
    expect(sent.wasteItems[0]?.ewcCodes).toEqual(original.wasteItems[0]?.ewcCodes);
    expect(sent.wasteItems[0]?.weight).toEqual(original.wasteItems[0]?.weight);
    expect(sent.yourUniqueReference).toBe(original.yourUniqueReference);
    expect(sent.receipt).toEqual(original.receipt);
    expect(sent.apiCode).toBe(original.apiCode);
  });

  it('does not add fields that were absent or empty', () => {
    const original = sampleMovement({
      carrier: { registrationNumber: '', reasonForNoRegistrationNumber: 'ONE_OFF', organisationName: 'A', meansOfTransport: 'Rail' },
      brokerOrDealer: undefined,
      receiver: { siteName: 'Site', authorisationNumber: 'EPR/AB1234CD' },
    });
    const sent = protectPersonalData(original, 'test');
    expect(sent.carrier).toEqual({ ...original.carrier, organisationName: PLACEHOLDERS.name });
    expect(sent.receiver).toEqual(original.receiver);
    expect(sent.brokerOrDealer).toBeUndefined();
  });

  it('never mutates its input', () => {
    const original = deepFreeze(sampleMovement());
    const copy = structuredClone(original);
    expect(() => protectPersonalData(original, 'test')).not.toThrow();
    expect(original).toEqual(copy);
  });

  it('sends production bodies untouched', () => {
    const original = sampleMovement();
    const sent = protectPersonalData(original, 'production');
    expect(sent).toBe(original);
    expect(sent).toEqual(sampleMovement());
  });
});
