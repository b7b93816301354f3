import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReportMarkdown, formatReportText, judge, runApprovalScenarios, submitApprovalTests, type ApprovalReport } from './approval-report';
import { approvalScenario, approvalScenarios } from './approval-scenarios';
import { createDwtClient, type CreateMovementOutcome } from './client';
import { startDwtSandbox, type DwtSandbox } from './sandbox/server';
import { silentLogger } from './test-support';

let sandbox: DwtSandbox;
let report: ApprovalReport;
let client: ReturnType<typeof createDwtClient>;

beforeAll(async () => {
  sandbox = await startDwtSandbox({ port: 0, clientSecret: 'never-printed' });
  client = createDwtClient(
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

describe('submitApprovalTests (--submit) against the sandbox', () => {
  it('posts the twelve pairs of the movements it created, once, and DWT passes each', async () => {
    sandbox.resetStats();
    const submitted = await submitApprovalTests({ client, report });
    expect(sandbox.stats().requests['POST /production-approval-tests']).toEqual({ 200: 1 });
    expect(submitted.submission).toMatchObject({ outcome: 'assessed', allPassed: true });
    expect(submitted.submission?.submitted).toEqual(['R01', 'R02', 'R03', 'R04', 'R05', 'R07', 'C02', 'B01', 'P01', 'H01', 'H03', 'X01']);
    for (const r of submitted.results) {
      if (['C01', 'H02'].includes(r.id)) expect(r.dwt, r.id).toBeUndefined();
      else expect(r.dwt, r.id).toEqual({ status: 'Pass', message: '' });
    }
    // Our own verdicts are untouched.
    expect(submitted.results.map(({ dwt: _dwt, ...r }) => r)).toEqual(report.results);
  });

  it("shows DWT's Fail and message when a stored movement does not show its scenario", async () => {
    const r02 = report.results.find((r) => r.id === 'R02')!;
    const stored = sandbox.movements.get(r02.wasteTrackingId!)!;
    const original = stored.body;
    stored.body = { ...(original as object), wasteItems: [(original as { wasteItems: unknown[] }).wasteItems[0]] };
    try {
      const submitted = await submitApprovalTests({ client, report });
      expect(submitted.results.find((r) => r.id === 'R02')?.dwt).toEqual({ status: 'Fail', message: 'Expected more than 1 waste item for R02, found 1' });
      expect(submitted.submission?.allPassed).toBe(false);
      const text = formatReportText(submitted);
      expect(text).toMatch(/^R02 +Several waste items +created +created +\w+ +as expected +Fail$/m);
      expect(text).toContain('DWT: Expected more than 1 waste item for R02, found 1');
      expect(text).toMatch(/DWT's assessment \(submission [0-9a-f]+\): 11 Pass, 1 Fail of 12 scenarios submitted\./);
    } finally {
      stored.body = original;
    }
  });

  it('says why there is no verdict when DWT refuses the request or cannot be reached', async () => {
    const gone = { ...report, results: report.results.map((r) => (r.id === 'R01' ? { ...r, wasteTrackingId: '26NOSUCH' } : r)) };
    const refused = await submitApprovalTests({ client, report: gone });
    expect(refused.submission).toMatchObject({ outcome: 'rejected', allPassed: false });
    expect(refused.submission?.note).toContain('Could not find waste input(s) for the following id(s): 26NOSUCH');
    expect(refused.results.every((r) => r.dwt === undefined)).toBe(true);
    expect(formatReportText(refused)).toMatch(/^DWT's assessment: none \(rejected\)\. DWT refused the request: wasteTrackingId: Could not find/m);

    await sandbox.setKnobs({ down: '503' });
    try {
      const oneTry = createDwtClient(
        { environment: 'sandbox', apiBaseUrl: sandbox.baseUrl, authUrl: sandbox.authUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
        { logger: silentLogger, retry: { maxAttempts: 1 } },
      );
      const down = await submitApprovalTests({ client: oneTry, report });
      expect(down.submission).toMatchObject({ outcome: 'unavailable', allPassed: false });
      expect(formatReportText(down)).toMatch(/^R01 .* as expected +-$/m);
    } finally {
      await sandbox.setKnobs({ down: false });
    }
  });
});

describe('formatting with DWT’s assessment', () => {
  const assessed: ApprovalReport = {
    environment: 'test',
    apiBaseUrl: 'https://dwt.example',
    apiCode: 'b74cbf3c-e9e2-43f3-bd6b-009d37a8d677',
    startedAt: '2026-11-23T09:30:00.000Z',
    finishedAt: '2026-11-23T09:30:05.000Z',
    allAsExpected: true,
    results: [
      {
        id: 'R01',
        title: 'Single waste item',
        description: 'One skip.',
        expected: 'created',
        outcome: 'created',
        asExpected: true,
        wasteTrackingId: '26AAAAAA',
        warnings: [],
        errors: [],
        dwt: { status: 'Pass', message: '' },
      },
      {
        id: 'R02',
        title: 'Several waste items',
        description: 'Two.',
        expected: 'created',
        outcome: 'created',
        asExpected: true,
        wasteTrackingId: '26BBBBBB',
        warnings: [],
        errors: [],
        dwt: { status: 'Fail', message: 'x | y' },
      },
      {
        id: 'C01',
        title: 'No carrier registration',
        description: 'Refused.',
        expected: 'rejected',
        outcome: 'rejected',
        asExpected: true,
        warnings: [],
        errors: [{ key: 'carrier.reasonForNoRegistrationNumber', errorType: 'NotProvided', message: 'required' }],
      },
    ],
    submission: { outcome: 'assessed', submissionId: 'abc123', submitted: ['R01', 'R02'], allPassed: false },
  };

  it('text: a DWT column after ours, DWT’s message under a Fail, and a closing count', () => {
    const text = formatReportText(assessed);
    expect(text).toMatch(/^ID +Scenario +Expected +Outcome +Waste tracking ID +Result +DWT$/m);
    expect(text).toMatch(/^R01 +Single waste item +created +created +26AAAAAA +as expected +Pass$/m);
    expect(text).toMatch(/^R02 +Several waste items +created +created +26BBBBBB +as expected +Fail$/m);
    expect(text).toMatch(/^ +DWT: x \| y$/m);
    expect(text).toMatch(/^C01 +No carrier registration +rejected +rejected +- +as expected +not assessed$/m);
    expect(text).toContain("DWT's assessment (submission abc123): 1 Pass, 1 Fail of 2 scenarios submitted.");
  });

  it('Markdown: an eighth column whose cells DWT’s text cannot break', () => {
    const md = formatReportMarkdown(assessed);
    expect(md).toContain("| Result | DWT's assessment |");
    const row = (id: string) => md.split('\n').find((line) => line.startsWith(`| ${id} `))!;
    expect(row('R01').endsWith('| as expected | Pass |')).toBe(true);
    expect(row('R02')).toContain('| **Fail**: x \\| y |');
    expect(row('R02').split(/(?<!\\)\|/)).toHaveLength(10);
    expect(row('C01').endsWith('| not assessed |')).toBe(true);
  });

  it('without --submit, no DWT column at all', () => {
    const { submission: _none, ...plain } = assessed;
    const bare = { ...plain, results: plain.results.map(({ dwt: _dwt, ...r }) => r) };
    expect(formatReportText(bare)).toMatch(/^ID +Scenario +Expected +Outcome +Waste tracking ID +Result$/m);
    expect(formatReportMarkdown(bare)).not.toContain("DWT's assessment");
  });

  it('JSON carries DWT’s verdicts and the submission', () => {
    const json = JSON.parse(JSON.stringify(assessed)) as ApprovalReport;
    expect(json.submission?.submissionId).toBe('abc123');
    expect(json.results[1]?.dwt).toEqual({ status: 'Fail', message: 'x | y' });
  });
});
