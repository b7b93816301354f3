import { describe, expect, it } from 'vitest';
import { fieldLabel, formatValue } from './field-labels';

describe('field labels', () => {
  it('names a load’s fields the way the form does', () => {
    expect(fieldLabel('wasteItems.0.weight.amount')).toBe('Waste item 1: weight');
    expect(fieldLabel('wasteItems.1.weighbridge.gross')).toBe('Waste item 2: gross weight');
    expect(fieldLabel('wasteItems.0.disposalOrRecoveryCodes.1.weight.amount')).toBe('Waste item 1: disposal or recovery code 2 weight');
    expect(fieldLabel('wasteItems.0.ewcCodes.0')).toBe('Waste item 1: EWC code 1');
    expect(fieldLabel('carrier.organisationName')).toBe('Carrier: name');
    expect(fieldLabel('carrier.address.postcode')).toBe('Carrier: postcode');
    expect(fieldLabel('brokerOrDealer.registrationNumber')).toBe('Broker or dealer: registration number');
    expect(fieldLabel('otherReferencesForMovement.0.label')).toBe('Other reference 1 label');
    expect(fieldLabel('yourUniqueReference')).toBe('Weighbridge ticket number');
    expect(fieldLabel('status')).toBe('Status');
  });

  it('falls back to words for keys it does not know', () => {
    expect(fieldLabel('wasteItems.0.somethingNew')).toBe('Waste item 1: something new');
    expect(fieldLabel('brandNewField')).toBe('Brand new field');
  });

  it('formats values plainly', () => {
    expect(formatValue('')).toBe('(empty)');
    expect(formatValue(null)).toBe('(empty)');
    expect(formatValue(true)).toBe('Yes');
    expect(formatValue(['170504', '170503*'])).toBe('170504, 170503*');
    expect(formatValue('2.0')).toBe('2.0');
  });
});
