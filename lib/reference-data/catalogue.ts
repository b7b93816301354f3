// DWT reference data: the bundled copy of the five lists, and (re-exported) the lookups over them.
// Server code and tests import from here. Browser code imports ./lookups instead: importing this module
// puts the 288 kB bundled EWC list in the JavaScript bundle even when only a function is used.

import containerTypesJson from './bundled/container-types.json';
import disposalOrRecoveryCodesJson from './bundled/disposal-or-recovery-codes.json';
import ewcCodesJson from './bundled/ewc-codes.json';
import hazardousPropertyCodesJson from './bundled/hazardous-property-codes.json';
import popNamesJson from './bundled/pop-names.json';
import { createLookups, type ReferenceData, type ReferenceLookups } from './lookups';

export * from './lookups';

/** The lists as DWT returned them when the contract was captured; the fallback when DWT is unreachable. */
export const bundledReferenceData: ReferenceData = {
  ewcCodes: ewcCodesJson,
  hazardousPropertyCodes: hazardousPropertyCodesJson,
  disposalOrRecoveryCodes: disposalOrRecoveryCodesJson,
  containerTypes: containerTypesJson,
  popNames: popNamesJson,
};

let bundled: ReferenceLookups | undefined;

/** Built on first use and shared: the maps cost a few milliseconds, not worth rebuilding per request. */
export function bundledLookups(): ReferenceLookups {
  bundled ??= createLookups(bundledReferenceData);
  return bundled;
}
