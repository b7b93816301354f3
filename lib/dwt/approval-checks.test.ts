import { describe, expect, it } from 'vitest';
import { ASSESSED_SCENARIO_IDS, checkApprovalScenario } from './approval-checks';
import { APPROVAL_SCENARIO_IDS, approvalScenario, type ApprovalScenarioContext } from './approval-scenarios';
import type { ReceiveMovement } from './schema';

const ctx: ApprovalScenarioContext = { apiCode: 'b74cbf3c-e9e2-43f3-bd6b-009d37a8d677', now: new Date('2026-03-02T10:15:00Z') };
/** A scenario's body as DWT stores it (JSON, so undefined fields are gone). */
const stored = (id: Parameters<typeof approvalScenario>[0]): ReceiveMovement => JSON.parse(JSON.stringify(approvalScenario(id).build(ctx)));

describe("DWT's content checks", () => {
  it('assess the twelve scenarios that create a movement, and not C01 or H02', () => {
    expect(ASSESSED_SCENARIO_IDS).toEqual(APPROVAL_SCENARIO_IDS.filter((id) => approvalScenario(id).expectedOutcome !== 'rejected'));
  });

  it.each(ASSESSED_SCENARIO_IDS)('pass our %s body', (id) => {
    expect(checkApprovalScenario(id, stored(id))).toEqual({ status: 'Pass', message: '' });
  });

  it('fail a body that does not show its scenario, with DWT’s message', () => {
    const r01 = stored('R01');
    const cases: [Parameters<typeof checkApprovalScenario>[0], unknown, string][] = [
      ['R01', { ...r01, wasteItems: [r01.wasteItems[0], r01.wasteItems[0]] }, 'Expected exactly 1 waste item for R01, found 2'],
      ['R01', stored('R04'), 'Expected the waste item to have at least one disposal or recovery code for R01'],
      ['R01', stored('P01'), 'Expected the waste item to not contain POPs for R01'],
      ['R01', stored('H01'), 'Expected the waste item to not contain hazardous components for R01'],
      ['R02', r01, 'Expected more than 1 waste item for R02, found 1'],
      ['R03', { ...r01, carrier: { meansOfTransport: 'Rail' } }, 'Expected carrier.meansOfTransport to be "Road" for R03, found "Rail"'],
      ['R03', { ...r01, carrier: { meansOfTransport: 'Road' } }, 'Expected carrier.vehicleRegistration to be provided for R03 road transport'],
      [
        'R04',
        { wasteItems: [stored('R04').wasteItems[0], r01.wasteItems[0]] },
        'Expected no disposal or recovery codes for R04, found codes on waste item(s) at index 1',
      ],
      ['R05', r01, 'Expected at least one waste item to have multiple disposal or recovery codes for R05'],
      ['R07', r01, 'Expected at least one waste item to have at least 2 EWC codes for R07'],
      ['C02', r01, 'Expected carrier.reasonForNoRegistrationNumber to be given for C02'],
      ['B01', r01, 'No broker or dealer involvement in the movement'],
      ['P01', stored('H01'), 'Expected one or more waste items to have multiple POPs components'],
      ['H01', r01, 'Expected one or more waste items to have multiple hazardous components'],
      ['H03', stored('H01'), 'Expected reasonForNoConsignmentCode to be given for H03'],
      ['X01', stored('P01'), 'Expected one or more waste items to have POPs and Hazardous components'],
    ];
    for (const [id, body, message] of cases) expect(checkApprovalScenario(id, body), id).toEqual({ status: 'Fail', message });
  });

  it('read a body of any shape without throwing', () => {
    for (const id of ASSESSED_SCENARIO_IDS) {
      for (const body of [undefined, null, 'x', [], { wasteItems: 'no' }, { wasteItems: [null] }, { carrier: null }]) {
        // R04 passes a body with no waste item at all, as DWT's check does (no item has codes).
        expect(checkApprovalScenario(id, body).status, `${id} ${JSON.stringify(body)}`).toBe(id === 'R04' ? 'Pass' : 'Fail');
      }
    }
  });

  it('R07 passes with two EWC codes (DWT once required exactly two, now at least two)', () => {
    expect(stored('R07').wasteItems[0]?.ewcCodes).toHaveLength(2);
  });
});
