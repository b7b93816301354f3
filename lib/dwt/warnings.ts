// DWT's warnings: what the live service stores but flags in `validation.warnings` (DEFRA/waste-movement-
// utils src/validation-warnings/), in DWT's order and with its keys, so the clerk sees them before
// sending:
// 1. a waste item with no disposal or recovery code            wasteItems.N.disposalOrRecoveryCodes
// 2. POP / hazardous components not listed (unless NOT_PROVIDED)  wasteItems.N.pops.components
// 3. a POP / hazardous component without a concentration          wasteItems.N.hazardous.components.M.concentration
// 4. no carrier registration number and a blank reason            carrier.reasonForNoRegistrationNumber
// Pure; reads the body as sent.

import type { DwtValidationError } from './errors';
import { isNonEmptyArray, isRecord } from './rules';

type Warning = DwtValidationError;

const warning = (key: string, message: string): Warning => ({ key, errorType: 'NotProvided', message });
const itemLabel = (index: number) => `Waste item ${index + 1}`;

function wasteItemsOf(body: unknown): unknown[] {
  return isRecord(body) && Array.isArray(body.wasteItems) ? body.wasteItems : [];
}

function disposalWarnings(items: unknown[]): Warning[] {
  return items.flatMap((item, index) => {
    const codes = isRecord(item) ? item.disposalOrRecoveryCodes : undefined;
    if (!isNonEmptyArray(codes)) {
      return [
        warning(
          `wasteItems.${index}.disposalOrRecoveryCodes`,
          `${itemLabel(index)}: No disposal or recovery code yet. DWT will accept the load with a warning; send an update with the code within two working days`,
        ),
      ];
    }
    const out: Warning[] = [];
    const each = (test: (code: Record<string, unknown>, weight: Record<string, unknown> | undefined) => boolean, field: string, message: string) =>
      codes.forEach((code, codeIndex) => {
        const entry = isRecord(code) ? code : {};
        const weight = isRecord(entry.weight) ? entry.weight : entry.weight ? {} : undefined;
        if (test(entry, weight)) out.push(warning(`wasteItems.${index}.disposalOrRecoveryCodes.${codeIndex}.${field}`, `${itemLabel(index)}: ${message}`));
      });
    each((entry) => !entry.code, 'code', 'a disposal or recovery code is missing');
    each((_, weight) => !weight, 'weight', 'the weight for a disposal or recovery code is missing');
    each((_, weight) => weight !== undefined && !weight.metric, 'weight.metric', 'the unit of a disposal or recovery weight is missing');
    each((_, weight) => weight !== undefined && !weight.amount, 'weight.amount', 'the amount of a disposal or recovery weight is missing');
    each(
      (_, weight) => weight !== undefined && weight.isEstimate !== true && weight.isEstimate !== false,
      'weight.isEstimate',
      'say whether a disposal or recovery weight is an estimate',
    );
    return out;
  });
}

function componentWarnings(items: unknown[], kind: 'pops' | 'hazardous'): Warning[] {
  const contains = kind === 'pops' ? 'containsPops' : 'containsHazardous';
  const noun = kind === 'pops' ? 'POP' : 'hazardous';
  const listed: Warning[] = [];
  const concentrations: Warning[] = [];
  items.forEach((item, index) => {
    if (!isRecord(item) || !item[kind]) return;
    const detail = isRecord(item[kind]) ? item[kind] : {};
    if (item[contains] === false || detail.sourceOfComponents === 'NOT_PROVIDED') return;
    const components = detail.components;
    if (!isNonEmptyArray(components)) {
      listed.push(warning(`wasteItems.${index}.${kind}.components`, `${itemLabel(index)}: no ${noun} components listed; add them if you know them`));
      return;
    }
    components.forEach((component, componentIndex) => {
      const value = isRecord(component) ? component.concentration : undefined;
      if (value === undefined || value === null) {
        concentrations.push(
          warning(
            `wasteItems.${index}.${kind}.components.${componentIndex}.concentration`,
            `${itemLabel(index)}: ${noun} component ${componentIndex + 1} has no concentration; add it if you know it`,
          ),
        );
      }
    });
  });
  // DWT runs its "components listed" check over every item, then its concentration check per item.
  return interleavePerItem(listed, concentrations);
}

/** DWT's order: for each item, the "listed" warning then the concentration warnings. */
function interleavePerItem(listed: Warning[], concentrations: Warning[]): Warning[] {
  const itemOf = (w: Warning) => Number(w.key.split('.')[1]);
  return [...listed, ...concentrations].sort((a, b) => itemOf(a) - itemOf(b));
}

function registrationReasonWarnings(body: unknown): Warning[] {
  const carrier = isRecord(body) && isRecord(body.carrier) ? body.carrier : undefined;
  if (!carrier) return [];
  const blank = (value: unknown) => value === null || value === '';
  if (blank(carrier.registrationNumber) && blank(carrier.reasonForNoRegistrationNumber)) {
    return [warning('carrier.reasonForNoRegistrationNumber', 'The carrier has no registration number and no reason is given; give the reason if you can')];
  }
  return [];
}

/** DWT's warnings for a body it accepts, in DWT's order. */
export function movementWarnings(body: unknown): Warning[] {
  const items = wasteItemsOf(body);
  return [...disposalWarnings(items), ...componentWarnings(items, 'pops'), ...componentWarnings(items, 'hazardous'), ...registrationReasonWarnings(body)];
}
