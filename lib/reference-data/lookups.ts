// Fast lookups over DWT reference data (the five GET /reference-data/* lists). Pure and isomorphic:
// used by the zod schema on the server and by forms in the browser. Holds no data itself, so browser
// code imports from here: the bundled copy of the lists (./catalogue) would put the 288 kB EWC list in
// the JavaScript bundle, since the bundler does not drop unused JSON imports.
//
// EWC codes: the DWT list holds only six-digit entry codes ("170504"), never chapters ("17") or
// sub-chapters ("17 05"); chapter and sub-chapter are descriptive fields on each entry. Codes carry
// no spaces and no asterisk: hazard is the `isHazardous` flag, and a mirror entry pair (e.g. 17 05 03*
// / 17 05 04) is two separate codes. DWT rejects anything but the bare six digits, so lookups are
// exact; only search and `normaliseEwcCode` accept the printed "17 05 04*" form people copy from
// paperwork.

import { synonymCodes } from './ewc-synonyms';

export interface EwcCodeEntry {
  code: string;
  isHazardous: boolean;
  entryTypeDesc: string;
  chapter: string;
  subChapter: string;
  description: string;
}

export interface HazardousPropertyCodeEntry {
  code: string;
  shortDesc: string;
  longDesc: string;
}

export interface DisposalOrRecoveryCodeEntry {
  code: string;
  isNotRecoveryToFinalProduct: boolean;
  description: string;
}

export interface ContainerTypeEntry {
  code: string;
  description: string;
}

export interface PopNameEntry {
  code: string;
  chemicalName: string;
}

export interface ReferenceData {
  ewcCodes: readonly EwcCodeEntry[];
  hazardousPropertyCodes: readonly HazardousPropertyCodeEntry[];
  disposalOrRecoveryCodes: readonly DisposalOrRecoveryCodeEntry[];
  containerTypes: readonly ContainerTypeEntry[];
  popNames: readonly PopNameEntry[];
}

export interface EwcSearchResult {
  code: string;
  description: string;
  isHazardous: boolean;
}

export interface ReferenceLookups {
  /** The data the lookups were built from (for pick lists). */
  readonly data: ReferenceData;
  /** Exact six-digit code, as DWT wants it ("170504"). */
  isKnownEwcCode(code: string): boolean;
  /** False for unknown codes. */
  isHazardousEwcCode(code: string): boolean;
  ewcDescription(code: string): string | undefined;
  ewcEntry(code: string): EwcCodeEntry | undefined;
  isContainerType(code: string): boolean;
  isHpCode(code: string): boolean;
  isPopName(code: string): boolean;
  isDisposalOrRecoveryCode(code: string): boolean;
  /**
   * Code-prefix matches first ("17", "1705", "17 05 04", "17 05 03*"), then the codes an everyday
   * word stands for ("plasterboard", "sofa": ./ewc-synonyms.ts), then entries whose description
   * contains every word of the query (case-insensitive). Within each group the `preferred` codes (the
   * site's most used, most used first) come first, then catalogue order.
   */
  searchEwc(query: string, limit?: number, preferred?: readonly string[]): EwcSearchResult[];
}

export const DEFAULT_EWC_SEARCH_LIMIT = 20;

export { formatEwcCode, normaliseEwcCode } from './ewc-format';

export function createLookups(data: ReferenceData): ReferenceLookups {
  const ewcByCode = new Map(data.ewcCodes.map((entry) => [entry.code, entry]));
  const containerTypes = new Set(data.containerTypes.map((entry) => entry.code));
  const hpCodes = new Set(data.hazardousPropertyCodes.map((entry) => entry.code));
  const popNames = new Set(data.popNames.map((entry) => entry.code));
  const disposalOrRecoveryCodes = new Set(data.disposalOrRecoveryCodes.map((entry) => entry.code));
  // Lower-cased once so each keystroke of a search is a plain scan of 842 short strings.
  const searchable = data.ewcCodes.map((entry) => ({
    entry,
    description: entry.description.toLowerCase(),
  }));

  const toResult = (entry: EwcCodeEntry): EwcSearchResult => ({
    code: entry.code,
    description: entry.description,
    isHazardous: entry.isHazardous,
  });

  return {
    data,
    isKnownEwcCode: (code) => ewcByCode.has(code),
    isHazardousEwcCode: (code) => ewcByCode.get(code)?.isHazardous === true,
    ewcDescription: (code) => ewcByCode.get(code)?.description,
    ewcEntry: (code) => ewcByCode.get(code),
    isContainerType: (code) => containerTypes.has(code),
    isHpCode: (code) => hpCodes.has(code),
    isPopName: (code) => popNames.has(code),
    isDisposalOrRecoveryCode: (code) => disposalOrRecoveryCodes.has(code),
    searchEwc(query, limit = DEFAULT_EWC_SEARCH_LIMIT, preferred = []) {
      const trimmed = query.trim().toLowerCase().slice(0, 200);
      if (trimmed === '' || limit <= 0) return [];

      const results: EwcSearchResult[] = [];
      const seen = new Set<string>();
      const rank = new Map(preferred.map((code, i) => [code, i]));
      // One group of matches, the site's usual codes first (a stable sort keeps catalogue order otherwise).
      const addGroup = (entries: EwcCodeEntry[]) => {
        const ordered = rank.size === 0 ? entries : [...entries].sort((a, b) => (rank.get(a.code) ?? Infinity) - (rank.get(b.code) ?? Infinity));
        for (const entry of ordered) {
          if (results.length >= limit) return;
          if (!seen.has(entry.code)) {
            seen.add(entry.code);
            results.push(toResult(entry));
          }
        }
      };

      // A query made only of digits once spaces, dots, dashes and the hazard asterisk are removed
      // is (part of) a code.
      const compact = trimmed.replace(/[\s.*-]/g, '');
      if (/^\d{1,6}$/.test(compact)) addGroup(searchable.filter(({ entry }) => entry.code.startsWith(compact)).map(({ entry }) => entry));
      if (results.length >= limit) return results;

      // Everyday words, in the curated order (most likely first), not re-ranked: "cardboard" is 15 01 01.
      for (const code of synonymCodes(trimmed)) {
        const entry = ewcByCode.get(code);
        if (entry) addGroup([entry]);
      }
      if (results.length >= limit) return results;

      const words = trimmed.split(/\s+/).filter((word) => word !== '');
      addGroup(searchable.filter(({ description }) => words.every((word) => description.includes(word))).map(({ entry }) => entry));
      return results;
    },
  };
}
