import { describe, expect, it } from 'vitest';
import { formatWeight, formatWeightWords, parseWeight } from './weights';

describe('parseWeight', () => {
  it('reads plain numbers and thousands separators', () => {
    expect(parseWeight('8100', 'Kilograms')).toBe(8100);
    expect(parseWeight('8,100', 'Kilograms')).toBe(8100);
    expect(parseWeight('14 320', 'Kilograms')).toBe(14320);
    expect(parseWeight('1,234,567.5', 'Kilograms')).toBe(1234567.5);
    expect(parseWeight(' 6.22 ', 'Tonnes')).toBe(6.22);
    expect(parseWeight('.5', 'Tonnes')).toBe(0.5);
  });

  it('reads a unit that is the field’s or converts to it exactly', () => {
    expect(parseWeight('8,100 kg', 'Kilograms')).toBe(8100);
    expect(parseWeight('8,100kg', 'Tonnes')).toBe(8.1);
    expect(parseWeight('8.1 t', 'Kilograms')).toBe(8100);
    expect(parseWeight('8.1 tonnes', 'Tonnes')).toBe(8.1);
    expect(parseWeight('500 g', 'Kilograms')).toBe(0.5);
  });

  it('is blank for blank and NaN for what it would have to guess', () => {
    expect(parseWeight('', 'Tonnes')).toBeUndefined();
    expect(parseWeight('   ', 'Tonnes')).toBeUndefined();
    for (const bad of ['8,1', '8.100,5', '81,00', 'abc', '8 stone', '1.2.3', '8,100 kg kg', '9'.repeat(60)]) {
      expect(parseWeight(bad, 'Tonnes'), bad).toBeNaN();
    }
  });

  it('is quick on hostile input (bounded, linear patterns)', () => {
    const start = performance.now();
    parseWeight(`${'1,'.repeat(20_000)}x`, 'Tonnes');
    expect(performance.now() - start).toBeLessThan(100);
  });
});

describe('formatWeight', () => {
  it('shows separators and the unit', () => {
    expect(formatWeight(14320, 'Kilograms')).toBe('14,320 kg');
    expect(formatWeight(6.22, 'Tonnes')).toBe('6.22 t');
    expect(formatWeightWords(14320, 'Tonnes')).toBe('14,320 tonnes');
    expect(formatWeightWords(1, 'Tonnes')).toBe('1 tonne');
  });
});
