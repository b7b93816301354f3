import { describe, expect, it } from 'vitest';
import { errorAt, formFieldName, toErrorTree } from './form-errors';
import { FORM_ERROR_KEY } from '@/lib/errors';

describe('form errors', () => {
  it('puts a code’s error on its item’s combobox', () => {
    expect(formFieldName('wasteItems.0.ewcCodes.3')).toBe('wasteItems.0.ewcCodes');
    expect(formFieldName('wasteItems.1.hazardous.hazCodes.0')).toBe('wasteItems.1.hazardous.hazCodes');
    expect(formFieldName('carrier.address.postcode')).toBe('carrier.address.postcode');
  });

  it('builds a tree react-hook-form reads, first message per field', () => {
    const tree = toErrorTree({
      'wasteItems.0.ewcCodes.1': ['EWC code 999999 is not in the List of Wastes'],
      'wasteItems.0.ewcCodes.2': ['second'],
      'carrier.reasonForNoRegistrationNumber': ['Give a reason'],
      _form: ['form-wide'],
    });
    expect(errorAt(tree, 'wasteItems.0.ewcCodes')).toBe('EWC code 999999 is not in the List of Wastes');
    expect(errorAt(tree, 'carrier.reasonForNoRegistrationNumber')).toBe('Give a reason');
    expect(errorAt(tree, 'carrier.organisationName')).toBeUndefined();
    expect(errorAt(tree, FORM_ERROR_KEY)).toBeUndefined();
  });
});
