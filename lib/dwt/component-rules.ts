// DWT's cross-field rules for a waste item's POP and hazardous details (DEFRA/waste-movement-utils
// src/schemas/waste.js), with DWT's keys. Each runs where DWT runs it: on the components list, or on
// the pops/hazardous object once everything inside it is valid.

import { isNonEmptyArray, isRecord, issue, type Check } from './rules';

type Kind = 'pops' | 'hazardous';
const KIND = {
  pops: { contains: 'containsPops', noun: 'POP', what: 'contains POPs' },
  hazardous: { contains: 'containsHazardous', noun: 'hazardous', what: 'has hazardous properties' },
} as const;

/** On the components list: none when the source is "not provided", none when contains* is false. */
export function componentsAllowed(kind: Kind): Check {
  return (value, path, ancestors) => {
    const item = ancestors[1];
    if (!isRecord(item) || !isNonEmptyArray(value)) return [];
    const detail = isRecord(item[kind]) ? item[kind] : {};
    const { contains, noun, what } = KIND[kind];
    if (item[contains] === true && detail.sourceOfComponents === 'NOT_PROVIDED') {
      return [issue(path, 'BusinessRuleViolation', `Leave out ${noun} components when their source is "not provided", or choose another source`)];
    }
    if (item[contains] === false) {
      return [issue(path, 'BusinessRuleViolation', `Leave out ${noun} components when the waste does not say it ${what}`)];
    }
    return [];
  };
}

/** On the pops/hazardous object: a source is needed, and components for GUIDANCE / OWN_TESTING. */
export function detailComplete(kind: Kind): Check {
  return (value, path, ancestors) => {
    const item = ancestors[0];
    const { contains, noun, what } = KIND[kind];
    if (!isRecord(item) || !isRecord(value) || item[contains] !== true) return [];
    const { sourceOfComponents: source, components } = value;
    if (!source) return [issue([...path, 'sourceOfComponents'], 'BusinessRuleViolation', `Source of ${noun} components is required when the waste ${what}`)];
    if ((source === 'GUIDANCE' || source === 'OWN_TESTING') && (components === undefined || components === null)) {
      return [
        issue(
          [...path, 'components'],
          'BusinessRuleViolation',
          `List the ${noun} components when they were determined from ${source === 'GUIDANCE' ? 'guidance' : 'your own testing'}`,
        ),
      ];
    }
    return [];
  };
}

/** On the hazardous object: HP codes once a source is given for hazardous waste (key: the object). */
export const hazCodesGiven: Check = (value, path, ancestors) => {
  const item = ancestors[0];
  if (!isRecord(item) || !isRecord(value) || !item.containsHazardous || !value.sourceOfComponents || isNonEmptyArray(value.hazCodes)) return [];
  return [issue(path, 'BusinessRuleViolation', 'Give at least one hazardous property code (HP_1 to HP_15 or HP_POP) when the waste has hazardous properties')];
};
