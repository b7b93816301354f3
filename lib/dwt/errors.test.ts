import { describe, expect, it } from 'vitest';
import { bundledLookups } from '../reference-data/catalogue';
import { FORM_ERROR_KEY } from '../errors';
import { DWT_ERROR_TYPES, dwtErrorsToFieldErrors, isDwtErrorType, normaliseDwtKey } from './errors';
import { validateReceiveMovement } from './schema';

describe('dwtErrorsToFieldErrors', () => {
  it('groups messages under the DWT dotted key, which is also the form field name', () => {
    expect(
      dwtErrorsToFieldErrors([
        { key: 'wasteItems.0.ewcCodes.1', errorType: 'InvalidValue', message: 'EWC code 999999 is not in the List of Wastes' },
        { key: 'receiver.authorisationNumber', errorType: 'InvalidFormat', message: 'Site authorisation number must be in a valid UK format' },
        { key: 'receiver.authorisationNumber', errorType: 'NotProvided', message: 'Site authorisation number is required' },
      ]),
    ).toEqual({
      'wasteItems.0.ewcCodes.1': ['EWC code 999999 is not in the List of Wastes'],
      'receiver.authorisationNumber': ['Site authorisation number must be in a valid UK format', 'Site authorisation number is required'],
    });
  });

  it('shows a repeated message once', () => {
    const error = { key: 'carrier.vehicleRegistration', errorType: 'BusinessRuleViolation', message: 'Vehicle registration is required' };
    expect(dwtErrorsToFieldErrors([error, error])).toEqual({ 'carrier.vehicleRegistration': ['Vehicle registration is required'] });
  });

  it("takes DWT's own variations: bracket indices, quoted keys, unknown error types", () => {
    expect(
      dwtErrorsToFieldErrors([
        { key: 'wasteItems[0].disposalOrRecoveryCodes', errorType: 'NotProvided', message: 'A' },
        { key: '"wasteItems[1].ewcCodes[2]"', errorType: 'Required', message: 'B' },
      ]),
    ).toEqual({ 'wasteItems.0.disposalOrRecoveryCodes': ['A'], 'wasteItems.1.ewcCodes.2': ['B'] });
  });

  it('files errors without a usable key against the whole form, and never drops a message', () => {
    expect(dwtErrorsToFieldErrors([{ key: '', message: 'Request body invalid' }, { message: '' }, { key: null, message: null }])).toEqual({
      [FORM_ERROR_KEY]: ['Request body invalid', 'This answer was not accepted by DWT.'],
    });
  });

  it('maps our own validation result the same way', () => {
    const result = validateReceiveMovement({ apiCode: 'x' }, bundledLookups());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const fieldErrors = dwtErrorsToFieldErrors(result.errors);
      expect(Object.keys(fieldErrors)).toEqual(['apiCode', 'dateTimeReceived', 'wasteItems', 'carrier', 'receiver', 'receipt']);
      expect(fieldErrors.apiCode?.[0]).toMatch(/^API code "x" must be a UUID/);
    }
  });
});

describe('keys and error types', () => {
  it('normalises keys', () => {
    expect(normaliseDwtKey('wasteItems.0.ewcCodes.1')).toBe('wasteItems.0.ewcCodes.1');
    expect(normaliseDwtKey('wasteItems[10].pops.components[0].code')).toBe('wasteItems.10.pops.components.0.code');
    expect(normaliseDwtKey(undefined)).toBe(FORM_ERROR_KEY);
  });

  it('knows the seven DWT error types, and the UnexpectedError live DWT gives for a Joi error it has no category for', () => {
    expect(DWT_ERROR_TYPES).toHaveLength(8);
    expect(isDwtErrorType('UnexpectedError')).toBe(true);
    expect(isDwtErrorType('BusinessRuleViolation')).toBe(true);
    expect(isDwtErrorType('Required')).toBe(false);
  });
});
