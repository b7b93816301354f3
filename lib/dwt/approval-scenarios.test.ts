import { describe, expect, it } from 'vitest';
import { bundledLookups } from '../reference-data/catalogue';
import { APPROVAL_SCENARIO_IDS, approvalScenario, approvalScenarios, type ApprovalScenarioContext } from './approval-scenarios';
import { validateReceiveMovement, warningsFor } from './schema';

const lookups = bundledLookups();
const ctx: ApprovalScenarioContext = { apiCode: 'b74cbf3c-e9e2-43f3-bd6b-009d37a8d677', now: new Date('2026-03-02T10:15:00Z') };

/** Every key at every depth, to check what a body would disclose. */
function keysOf(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((entry) => keysOf(entry, found));
  else if (value && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      found.add(key);
      keysOf(entry, found);
    }
  }
  return found;
}

describe('approval scenarios', () => {
  it('cover every scenario the README lists, once each, in order', () => {
    expect(approvalScenarios.map((scenario) => scenario.id)).toEqual([...APPROVAL_SCENARIO_IDS]);
    expect(APPROVAL_SCENARIO_IDS).toEqual(['R01', 'R02', 'R03', 'R04', 'R05', 'R07', 'C01', 'C02', 'B01', 'P01', 'H01', 'H02', 'H03', 'X01']);
    expect(approvalScenario('H02').expectedOutcome).toBe('rejected');
  });

  describe.each(approvalScenarios.map((scenario) => [scenario.id, scenario] as const))('%s', (_id, scenario) => {
    const built = scenario.build(ctx);

    it(`validates to its expected outcome (${scenario.expectedOutcome})`, () => {
      const result = validateReceiveMovement(JSON.parse(JSON.stringify(built)), lookups);
      if (scenario.expectedOutcome === 'rejected') {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.map((error) => error.key)).toEqual(scenario.expectedErrorKeys);
        expect(scenario.expectedWarningKeys).toEqual([]);
      } else {
        expect(result).toMatchObject({ ok: true });
        if (result.ok) expect(warningsFor(result.value).map((warning) => warning.key)).toEqual(scenario.expectedWarningKeys);
        expect(scenario.expectedErrorKeys).toEqual([]);
        expect(scenario.expectedWarningKeys.length > 0).toBe(scenario.expectedOutcome === 'created-with-warning');
      }
    });

    it('is built for the given operator and clock, received in the past', () => {
      expect(built.apiCode).toBe(ctx.apiCode);
      expect(Date.parse(built.dateTimeReceived)).toBeLessThan(ctx.now.getTime());
      expect(built.yourUniqueReference).toBe(`WB-${scenario.id}-202603021015`);
      expect(scenario.build(ctx)).toEqual(built);
    });

    it('carries no personal data (it goes to the test environment)', () => {
      const keys = keysOf(built);
      expect(keys.has('emailAddress')).toBe(false);
      expect(keys.has('phoneNumber')).toBe(false);
    });

    it('has a description', () => {
      expect(scenario.title.length).toBeGreaterThan(5);
      expect(scenario.description.length).toBeGreaterThan(20);
    });
  });

  it('only R04 lacks disposal or recovery codes', () => {
    const without = approvalScenarios.filter((scenario) => scenario.build(ctx).wasteItems.some((item) => !item.disposalOrRecoveryCodes?.length));
    expect(without.map((scenario) => scenario.id)).toEqual(['R04']);
  });

  it('C01 and H02 are rejected for exactly their fault: fixing it makes them valid and warning-free', () => {
    const c01 = approvalScenario('C01').build(ctx);
    c01.carrier.reasonForNoRegistrationNumber = 'ONE_OFF';
    const h02 = approvalScenario('H02').build(ctx);
    h02.reasonForNoConsignmentCode = 'NO_DOC_WITH_WASTE';
    for (const fixed of [c01, h02]) {
      const result = validateReceiveMovement(fixed, lookups);
      expect(result).toMatchObject({ ok: true });
      if (result.ok) expect(warningsFor(result.value)).toEqual([]);
    }
  });

  it('show what each scenario is about', () => {
    const body = (id: Parameters<typeof approvalScenario>[0]) => approvalScenario(id).build(ctx);
    expect(body('R01').wasteItems).toHaveLength(1);
    expect(body('R02').wasteItems.length).toBeGreaterThan(1);
    expect(body('R03').carrier).toMatchObject({ meansOfTransport: 'Road', vehicleRegistration: expect.any(String) });
    expect(body('R05').wasteItems[0]?.disposalOrRecoveryCodes?.length).toBeGreaterThan(1);
    expect(body('R07').wasteItems[0]?.ewcCodes.length).toBeGreaterThan(1);
    expect(body('C01').carrier).toMatchObject({ registrationNumber: null });
    expect(body('C01').carrier.reasonForNoRegistrationNumber).toBeUndefined();
    expect(body('C02').carrier).toMatchObject({ registrationNumber: null, reasonForNoRegistrationNumber: 'ONE_OFF' });
    expect(body('B01').brokerOrDealer?.organisationName).toBeTruthy();
    expect(body('P01').wasteItems[0]?.pops?.components?.length).toBeGreaterThan(1);
    expect(body('H01').wasteItems[0]?.hazardous?.components?.length).toBeGreaterThan(1);
    for (const id of ['H02', 'H03'] as const) {
      expect(lookups.isHazardousEwcCode(body(id).wasteItems[0]?.ewcCodes[0] ?? '')).toBe(true);
      expect(body(id).hazardousWasteConsignmentCode).toBeUndefined();
    }
    expect(body('H02').reasonForNoConsignmentCode).toBeUndefined();
    expect(body('H03').reasonForNoConsignmentCode).toBeDefined();
    expect(body('X01').wasteItems[0]).toMatchObject({ containsPops: true, containsHazardous: true });
  });
});
