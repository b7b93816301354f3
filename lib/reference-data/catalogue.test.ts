import { describe, expect, it } from 'vitest';
import { bundledLookups, bundledReferenceData, createLookups, formatEwcCode, normaliseEwcCode, type ReferenceData } from './catalogue';

const lookups = bundledLookups();

describe('bundled reference data', () => {
  it('holds the five lists with the shapes DWT returns', () => {
    expect(bundledReferenceData.ewcCodes).toHaveLength(842);
    expect(bundledReferenceData.containerTypes.map((c) => c.code)).toContain('SKI');
    expect(bundledReferenceData.hazardousPropertyCodes.map((c) => c.code)).toContain('HP_POP');
    expect(bundledReferenceData.disposalOrRecoveryCodes.map((c) => c.code)).toEqual(expect.arrayContaining(['R1', 'R13', 'D1', 'D15']));
    expect(bundledReferenceData.popNames.map((c) => c.code)).toContain('PFOS');
  });

  it('lists only six-digit entry codes, without spaces, asterisks or chapter headings', () => {
    for (const entry of bundledReferenceData.ewcCodes) expect(entry.code).toMatch(/^\d{6}$/);
  });

  it('is memoised', () => {
    expect(bundledLookups()).toBe(lookups);
  });
});

describe('lookups', () => {
  it('knows EWC codes exactly as DWT wants them', () => {
    expect(lookups.isKnownEwcCode('170504')).toBe(true);
    expect(lookups.isKnownEwcCode('17 05 04')).toBe(false);
    expect(lookups.isKnownEwcCode('170503*')).toBe(false);
    expect(lookups.isKnownEwcCode('17')).toBe(false);
    expect(lookups.isKnownEwcCode('999999')).toBe(false);
  });

  it('tells hazardous from non-hazardous entries, mirror pairs included', () => {
    expect(lookups.isHazardousEwcCode('170503')).toBe(true);
    expect(lookups.isHazardousEwcCode('170504')).toBe(false);
    expect(lookups.isHazardousEwcCode('999999')).toBe(false);
  });

  it('describes codes', () => {
    expect(lookups.ewcDescription('150101')).toBe('Paper and cardboard packaging');
    expect(lookups.ewcDescription('999999')).toBeUndefined();
    expect(lookups.ewcEntry('160601')?.isHazardous).toBe(true);
  });

  it('checks the other code lists case-sensitively', () => {
    expect(lookups.isContainerType('SKI')).toBe(true);
    expect(lookups.isContainerType('ski')).toBe(false);
    expect(lookups.isHpCode('HP_14')).toBe(true);
    expect(lookups.isHpCode('HP14')).toBe(false);
    expect(lookups.isHpCode('HP_16')).toBe(false);
    expect(lookups.isPopName('DECABDE')).toBe(true);
    expect(lookups.isPopName('decabde')).toBe(false);
    expect(lookups.isDisposalOrRecoveryCode('R13')).toBe(true);
    expect(lookups.isDisposalOrRecoveryCode('r1')).toBe(false);
    expect(lookups.isDisposalOrRecoveryCode('R14')).toBe(false);
  });

  it('are built from whatever data it is given (e.g. a fresher copy fetched from DWT)', () => {
    const data: ReferenceData = {
      ewcCodes: [
        {
          code: '010101',
          isHazardous: false,
          entryTypeDesc: 'Absolute non-hazardous',
          chapter: 'Mining',
          subChapter: 'Excavation',
          description: 'Wastes from mineral metalliferous excavation',
        },
      ],
      hazardousPropertyCodes: [{ code: 'HP_1', shortDesc: 'Explosive', longDesc: '' }],
      disposalOrRecoveryCodes: [{ code: 'R1', isNotRecoveryToFinalProduct: true, description: 'Fuel' }],
      containerTypes: [{ code: 'BAG', description: 'Bag' }],
      popNames: [{ code: 'END', chemicalName: 'Endosulfan' }],
    };
    const small = createLookups(data);
    expect(small.isKnownEwcCode('010101')).toBe(true);
    expect(small.isKnownEwcCode('170504')).toBe(false);
    expect(small.isContainerType('SKI')).toBe(false);
    expect(small.data).toBe(data);
  });
});

describe('searchEwc', () => {
  const codes = (query: string, limit?: number) => lookups.searchEwc(query, limit).map((r) => r.code);

  it('finds a code written without or with spaces, or with the hazard asterisk', () => {
    expect(codes('170504')[0]).toBe('170504');
    expect(codes('17 05 04')[0]).toBe('170504');
    expect(codes('17 05 03*')[0]).toBe('170503');
  });

  it('matches code prefixes, codes first and in catalogue order', () => {
    const found = codes('1705', 50);
    const codeMatches = found.filter((code) => code.startsWith('1705'));
    expect(found.slice(0, codeMatches.length)).toEqual(codeMatches);
    expect(codeMatches).toEqual(['170503', '170504', '170505', '170506', '170507', '170508']);
    expect(codes('17 05', 6)).toEqual(codeMatches);
  });

  it('puts code matches before descriptions that merely mention the code', () => {
    // 17 05 04's description mentions "17 05 03".
    expect(codes('17 05 03', 5).slice(0, 2)).toEqual(['170503', '170504']);
  });

  it('matches every word of the description, case-insensitively', () => {
    const results = lookups.searchEwc('CARDBOARD packaging');
    expect(results).toEqual([{ code: '150101', description: 'Paper and cardboard packaging', isHazardous: false }]);
    expect(codes('packaging cardboard')).toEqual(['150101']);
    expect(codes('cardboard asbestos')).toEqual([]);
  });

  it('reports whether each result is hazardous', () => {
    const batteries = lookups.searchEwc('lead batteries');
    expect(batteries).toContainEqual({ code: '160601', description: 'Lead batteries', isHazardous: true });
  });

  it('honours the limit and ignores empty queries', () => {
    expect(codes('17', 3)).toHaveLength(3);
    expect(codes('waste', 7)).toHaveLength(7);
    expect(codes('')).toEqual([]);
    expect(codes('   ')).toEqual([]);
    expect(codes('soil', 0)).toEqual([]);
    expect(lookups.searchEwc('17').length).toBe(20);
  });

  it('returns nothing for nonsense', () => {
    expect(codes('zzzqqq')).toEqual([]);
    expect(codes('99')).toEqual([]);
  });
});

describe('EWC code helpers', () => {
  it('normalises the printed form to six digits', () => {
    expect(normaliseEwcCode('17 05 04')).toBe('170504');
    expect(normaliseEwcCode(' 17 05 03* ')).toBe('170503');
    expect(normaliseEwcCode('17-05-04')).toBe('170504');
    expect(normaliseEwcCode(' soil ')).toBe('soil');
    expect(normaliseEwcCode('1705')).toBe('1705');
  });

  it('formats six digits the way paperwork prints them', () => {
    expect(formatEwcCode('170503', true)).toBe('17 05 03*');
    expect(formatEwcCode('170504')).toBe('17 05 04');
    expect(formatEwcCode('1705')).toBe('1705');
  });
});
