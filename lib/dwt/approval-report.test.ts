import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReportMarkdown, formatReportText, judge, runApprovalScenarios, type ApprovalReport } from './approval-report';
import { approvalScenario, approvalScenarios } from './approval-scenarios';
import { createDwtClient, type CreateMovementOutcome } from './client';
import { startDwtSandbox, type DwtSandbox } from './sandbox/server';
import { silentLogger } from './test-support';

let sandbox: DwtSandbox;
let report: ApprovalReport;

beforeAll(async () => {
  sandbox = await startDwtSandbox({ port: 0, clientSecret: 'never-printed' });
  const client = createDwtClient(
    {
      environment: 'sandbox',
      apiBaseUrl: sandbox.baseUrl,
      authUrl: sandbox.authUrl,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
    },
    { logger: silentLogger },
  );
  report = await runApprovalScenarios({
    client,
    scenarios: approvalScenarios,
    apiCode: sandbox.apiCodes[0]!,
    now: () => new Date('2026-11-23T09:30:00Z'),
  });
});
afterAll(() => sandbox.close());

describe('runApprovalScenarios against the sandbox', () => {
  it('submits every scenario once, and each behaves as DWT should', () => {
    expect(report.results.map((r) => r.id)).toEqual(approvalScenarios.map((s) => s.id));
    expect(report.results.filter((r) => !r.asExpected)).toEqual([]);
    expect(report.allAsExpected).toBe(true);
    expect(sandbox.stats().postAttempts).toBe(approvalScenarios.length);
  });

  it('rejects C01 and H02 with DWT errors, creates R04 with a warning, creates the rest with ids', () => {
    const byId = new Map(report.results.map((r) => [r.id, r]));
    expect(byId.get('C01')).toMatchObject({ outcome: 'rejected', errors: [{ key: 'carrier.reasonForNoRegistrationNumber' }] });
    expect(byId.get('H02')).toMatchObject({ outcome: 'rejected', errors: [{ key: 'reasonForNoConsignmentCode' }] });
    expect(byId.get('R04')).toMatchObject({ outcome: 'created', warnings: [{ key: 'wasteItems.0.disposalOrRecoveryCodes' }] });
    for (const r of report.results.filter((r) => !['C01', 'H02'].includes(r.id))) {
      expect(r.wasteTrackingId, r.id).toMatch(/^\d{2}[A-Z0-9]{6,}$/);
    }
  });
});

describe('judge', () => {
  const created: CreateMovementOutcome = { kind: 'created', wasteTrackingId: '26ABCDEF', warnings: [], attempts: 1 };

  it('fails a rejection scenario that was stored, or rejected for another reason', () => {
    expect(judge(approvalScenario('C01'), created)).toEqual({ asExpected: false, note: 'expected rejected' });
    const otherReason: CreateMovementOutcome = {
      kind: 'rejected',
      errors: [{ key: 'receipt.address.postcode', errorType: 'InvalidFormat', message: 'x' }],
      attempts: 1,
    };
    expect(judge(approvalScenario('C01'), otherReason)).toEqual({
      asExpected: false,
      note: 'rejected, but not for carrier.reasonForNoRegistrationNumber',
    });
  });

  it("accepts DWT's bracketed keys as the same field", () => {
    const bracketed: CreateMovementOutcome = {
      ...created,
      warnings: [{ key: 'wasteItems[0].disposalOrRecoveryCodes', errorType: 'NotProvided', message: 'x' }],
    };
    expect(judge(approvalScenario('R04'), bracketed)).toEqual({ asExpected: true });
    expect(judge(approvalScenario('R04'), created)).toEqual({ asExpected: false, note: 'created without the expected warning' });
  });

  it('says what went wrong when DWT gave no verdict', () => {
    expect(judge(approvalScenario('R01'), { kind: 'unavailable', reason: 'DWT answered 503', attempts: 4 })).toEqual({
      asExpected: false,
      note: 'expected created; DWT answered 503',
    });
  });
});

describe('formatting', () => {
  it('prints a header with environment, base URL and time, one row per scenario, and never the secret', () => {
    const text = formatReportText(report);
    expect(text).toContain('Environment:  sandbox');
    expect(text).toContain(`Base URL:     ${sandbox.baseUrl}`);
    expect(text).toContain('Run at:       2026-11-23 09:30:00 UTC');
    expect(text).toMatch(/^C01 +No carrier registration number and no reason +rejected +rejected +- +as expected$/m);
    expect(text).toContain('error carrier.reasonForNoRegistrationNumber: ');
    expect(text).toContain('14 of 14 scenarios behaved as expected.');
    for (const output of [text, formatReportMarkdown(report), JSON.stringify(report)]) {
      expect(output).not.toContain('never-printed');
    }
  });

  it('writes a Markdown table whose cells cannot be broken by DWT text', () => {
    const piped: ApprovalReport = {
      ...report,
      results: [{ ...report.results[0]!, errors: [{ key: 'a', errorType: 'InvalidValue', message: 'x | y\nz' }] }],
    };
    const row = formatReportMarkdown(piped)
      .split('\n')
      .find((line) => line.startsWith('| R01'));
    expect(row).toContain('error a: x \\| y z');
    expect(row?.split(/(?<!\\)\|/)).toHaveLength(9);
  });
});
