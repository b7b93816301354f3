import { describe, expect, it } from 'vitest';
import { approvalScenario, type ApprovalScenarioContext } from '../approval-scenarios';
import { assessApprovalTests } from './approval-tests';

const ctx: ApprovalScenarioContext = { apiCode: 'b74cbf3c-e9e2-43f3-bd6b-009d37a8d677', now: new Date('2026-03-02T10:15:00Z') };
const movements = new Map<string, { body: unknown }>([
  ['26AAAAAA', { body: approvalScenario('R01').build(ctx) }],
  ['26BBBBBB', { body: approvalScenario('R02').build(ctx) }],
]);

describe('the sandbox’s POST /production-approval-tests', () => {
  it('judges each pair on the body stored for its id, in the order sent, with a submission id', () => {
    const answer = assessApprovalTests(
      [
        { scenarioId: 'R02', wasteTrackingId: '26BBBBBB' },
        { scenarioId: 'R01', wasteTrackingId: '26AAAAAA' },
        { scenarioId: 'B01', wasteTrackingId: '26AAAAAA' },
      ],
      movements,
    );
    expect(answer).toEqual({
      status: 200,
      body: {
        submissionId: expect.stringMatching(/^[0-9a-f]{24}$/),
        results: [
          { scenarioId: 'R02', wasteTrackingId: '26BBBBBB', status: 'Pass', message: '' },
          { scenarioId: 'R01', wasteTrackingId: '26AAAAAA', status: 'Pass', message: '' },
          { scenarioId: 'B01', wasteTrackingId: '26AAAAAA', status: 'Fail', message: 'No broker or dealer involvement in the movement' },
        ],
      },
    });
  });

  it('refuses ids it does not hold, naming them, and assesses nothing', () => {
    const answer = assessApprovalTests(
      [
        { scenarioId: 'R01', wasteTrackingId: '26AAAAAA' },
        { scenarioId: 'R02', wasteTrackingId: '26ZZZZZZ' },
      ],
      movements,
    );
    expect(answer).toEqual({
      status: 400,
      body: {
        validation: {
          errors: [{ key: 'wasteTrackingId', errorType: 'InvalidValue', message: 'Could not find waste input(s) for the following id(s): 26ZZZZZZ' }],
        },
      },
    });
  });

  it.each([
    ['not an array', { scenarioId: 'R01', wasteTrackingId: '26AAAAAA' }, ''],
    ['an empty array', [], ''],
    [
      'a scenario twice',
      [
        { scenarioId: 'R01', wasteTrackingId: '26AAAAAA' },
        { scenarioId: 'R01', wasteTrackingId: '26BBBBBB' },
      ],
      '1',
    ],
    ['a rejection scenario', [{ scenarioId: 'C01', wasteTrackingId: '26AAAAAA' }], '0.scenarioId'],
    ['no scenario id', [{ wasteTrackingId: '26AAAAAA' }], '0.scenarioId'],
    ['no waste tracking id', [{ scenarioId: 'R01' }], '0.wasteTrackingId'],
    ['an unknown field', [{ scenarioId: 'R01', wasteTrackingId: '26AAAAAA', apiCode: 'x' }], '0.apiCode'],
  ])('refuses a payload with %s', (_what, body, key) => {
    const answer = assessApprovalTests(body, movements);
    expect(answer.status).toBe(400);
    expect((answer.body as { validation: { errors: { key: string }[] } }).validation.errors.map((e) => e.key)).toEqual([key]);
  });
});
