import { describe, expect, it } from 'vitest';
import { bundledLookups } from './catalogue';
import { EWC_SYNONYMS, synonymCodes } from './ewc-synonyms';

const lookups = bundledLookups();
const first = (query: string, preferred?: string[]) => lookups.searchEwc(query, 20, preferred)[0]?.code;

describe('EWC search knows everyday words', () => {
  it('maps the words clerks use to their codes', () => {
    expect(first('plasterboard')).toBe('170802');
    expect(first('hardcore')).toBe('170107');
    expect(first('sofa')).toBe('200307');
    expect(first('Mattress')).toBe('200307');
    expect(first('cardboard')).toBe('150101');
    expect(first('green waste')).toBe('200201');
    expect(first('tyres')).toBe('160103');
    expect(first('fridge')).toBe('200123');
    expect(first('asbestos')).toBe('170605');
    expect(first('plaster')).toBe('170802');
  });

  it('then still finds descriptions (cardboard: 15 01 01 before 03 03 07)', () => {
    const codes = lookups.searchEwc('cardboard', 20).map((r) => r.code);
    expect(codes.indexOf('150101')).toBeLessThan(codes.indexOf('030307'));
    expect(codes).toContain('030307');
  });

  it('ranks the site’s most used codes first within a group', () => {
    const codes = lookups.searchEwc('17 05', 6, ['170506', '170503']).map((r) => r.code);
    expect(codes.slice(0, 2)).toEqual(['170506', '170503']);
    expect(first('soil and stones', ['170503'])).toBe('170503');
  });

  it('holds only real codes, and many everyday words', () => {
    for (const { codes } of EWC_SYNONYMS) for (const code of codes) expect(lookups.isKnownEwcCode(code), code).toBe(true);
    expect(EWC_SYNONYMS.flatMap((s) => s.terms).length).toBeGreaterThan(200);
    expect(EWC_SYNONYMS.length).toBeGreaterThan(60);
  });

  it('leaves several-word description searches and short queries alone', () => {
    expect(synonymCodes('cardboard packaging')).toEqual([]);
    expect(synonymCodes('so')).toEqual([]);
  });
});
