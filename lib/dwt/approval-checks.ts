// The content checks DWT makes when asked to assess production approval scenarios (README "Production
// approval, self-service": `POST /production-approval-tests`). DWT looks up the movement stored under
// each waste tracking id and checks that it really shows the scenario, e.g. R02 needs more than one
// waste item. Mirrored rule by rule from DEFRA's backend (waste-movement-backend,
// src/services/production-approval-tests/scenarios/*), with DWT's own messages.
//
// Used twice: by the built-in sandbox's endpoint (lib/dwt/sandbox/approval-tests.ts), and by our tests,
// so each approval scenario body is known to pass before it is sent. Pure: no server imports.

/** The twelve scenarios that create a movement; C01 and H02 are rejected and have none to assess. */
export const ASSESSED_SCENARIO_IDS = ['R01', 'R02', 'R03', 'R04', 'R05', 'R07', 'C02', 'B01', 'P01', 'H01', 'H03', 'X01'] as const;
export type AssessedScenarioId = (typeof ASSESSED_SCENARIO_IDS)[number];

export const isAssessedScenarioId = (id: unknown): id is AssessedScenarioId => ASSESSED_SCENARIO_IDS.includes(id as AssessedScenarioId);

export type ApprovalCheck = { status: 'Pass'; message: '' } | { status: 'Fail'; message: string };

// The stored movement as DWT reads it: anything may be missing, so every step is optional.
interface Item {
  ewcCodes?: unknown[];
  disposalOrRecoveryCodes?: unknown[];
  containsPops?: unknown;
  containsHazardous?: unknown;
  pops?: { components?: unknown[] };
  hazardous?: { components?: unknown[] };
}
interface Movement {
  wasteItems?: Item[];
  carrier?: { meansOfTransport?: unknown; vehicleRegistration?: unknown; reasonForNoRegistrationNumber?: unknown };
  brokerOrDealer?: { organisationName?: unknown };
  reasonForNoConsignmentCode?: unknown;
}

const pass: ApprovalCheck = { status: 'Pass', message: '' };
const fail = (message: string): ApprovalCheck => ({ status: 'Fail', message });
const len = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
const itemsOf = (m: Movement): Item[] => (Array.isArray(m.wasteItems) ? m.wasteItems : []);

const CHECKS: Record<AssessedScenarioId, (m: Movement) => ApprovalCheck> = {
  R01: (m) => {
    const items = itemsOf(m);
    if (items.length !== 1) return fail(`Expected exactly 1 waste item for R01, found ${items.length}`);
    const [item] = items;
    if (!(len(item?.disposalOrRecoveryCodes) > 0)) return fail('Expected the waste item to have at least one disposal or recovery code for R01');
    if (item?.containsPops !== false) return fail('Expected the waste item to not contain POPs for R01');
    if (item?.containsHazardous !== false) return fail('Expected the waste item to not contain hazardous components for R01');
    return pass;
  },
  R02: (m) => {
    const count = itemsOf(m).length;
    return count < 2 ? fail(`Expected more than 1 waste item for R02, found ${count}`) : pass;
  },
  R03: (m) => {
    const transport = m.carrier?.meansOfTransport;
    if (transport !== 'Road')
      return fail(`Expected carrier.meansOfTransport to be "Road" for R03, found "${typeof transport === 'string' ? transport : 'undefined'}"`);
    if (!m.carrier?.vehicleRegistration) return fail('Expected carrier.vehicleRegistration to be provided for R03 road transport');
    return pass;
  },
  R04: (m) => {
    const offending = itemsOf(m).flatMap((item, index) => (len(item?.disposalOrRecoveryCodes) > 0 ? [index] : []));
    return offending.length > 0 ? fail(`Expected no disposal or recovery codes for R04, found codes on waste item(s) at index ${offending.join(', ')}`) : pass;
  },
  R05: (m) =>
    itemsOf(m).some((item) => len(item?.disposalOrRecoveryCodes) > 1)
      ? pass
      : fail('Expected at least one waste item to have multiple disposal or recovery codes for R05'),
  // DWT has asked for exactly 2 codes (a mirror pair) and, later, at least 2: our body has exactly 2.
  R07: (m) => (itemsOf(m).some((item) => len(item?.ewcCodes) >= 2) ? pass : fail('Expected at least one waste item to have at least 2 EWC codes for R07')),
  C02: (m) => (m.carrier?.reasonForNoRegistrationNumber ? pass : fail('Expected carrier.reasonForNoRegistrationNumber to be given for C02')),
  B01: (m) => (m.brokerOrDealer?.organisationName ? pass : fail('No broker or dealer involvement in the movement')),
  P01: (m) => (itemsOf(m).some((item) => len(item?.pops?.components) > 1) ? pass : fail('Expected one or more waste items to have multiple POPs components')),
  H01: (m) =>
    itemsOf(m).some((item) => len(item?.hazardous?.components) > 1) ? pass : fail('Expected one or more waste items to have multiple hazardous components'),
  H03: (m) => (m.reasonForNoConsignmentCode ? pass : fail('Expected reasonForNoConsignmentCode to be given for H03')),
  X01: (m) =>
    itemsOf(m).some((item) => len(item?.pops?.components) > 0 && len(item?.hazardous?.components) > 0)
      ? pass
      : fail('Expected one or more waste items to have POPs and Hazardous components'),
};

/** DWT's verdict on one stored movement for one scenario. */
export function checkApprovalScenario(scenarioId: AssessedScenarioId, movement: unknown): ApprovalCheck {
  const m = (movement && typeof movement === 'object' ? movement : {}) as Movement;
  return CHECKS[scenarioId](m);
}
