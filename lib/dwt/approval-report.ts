// Runs DWT's production approval scenarios through the production client and reports them in a form
// operators can email to DEFRA: plain text, Markdown or JSON. Used by scripts/dwt-approval.ts.
// With --submit, the twelve movements are then sent to DWT's own assessment (POST
// /production-approval-tests) and DWT's Pass/Fail is printed beside our verdict.
import { isAssessedScenarioId } from './approval-checks';
import type { ApprovalOutcome, ApprovalScenario } from './approval-scenarios';
import type { ApprovalTestsOutcome, CreateMovementOutcome, DwtClient } from './client';
import { normaliseDwtKey } from './errors';
import type { DwtIssue } from './responses';

export interface ApprovalResult {
  id: string;
  title: string;
  description: string;
  expected: ApprovalOutcome;
  /** The client's outcome kind: created, rejected, ambiguous, unavailable, ... */
  outcome: CreateMovementOutcome['kind'];
  asExpected: boolean;
  /** Why it was not as expected, or what went wrong when DWT gave no verdict. */
  note?: string;
  wasteTrackingId?: string;
  warnings: DwtIssue[];
  errors: DwtIssue[];
  /** DWT's own assessment of the movement (with --submit): "Pass" or "Fail" and DWT's message. */
  dwt?: { status: string; message: string };
}

/** What came of asking DWT to assess the scenarios (with --submit). */
export interface ApprovalSubmission {
  /** 'assessed', or why DWT gave no verdict ('rejected', 'unavailable', ...). */
  outcome: ApprovalTestsOutcome['kind'];
  submissionId?: string;
  /** What went wrong when DWT gave no verdict (its errors, or the failure). */
  note?: string;
  /** Scenario ids sent, in order. */
  submitted: string[];
  /** Every scenario that should have a movement was sent, and DWT passed each one. */
  allPassed: boolean;
}

export interface ApprovalReport {
  environment: string;
  apiBaseUrl: string;
  apiCode: string;
  startedAt: string;
  finishedAt: string;
  results: ApprovalResult[];
  allAsExpected: boolean;
  /** Present when the scenarios were submitted to DWT for assessment. */
  submission?: ApprovalSubmission;
}

const EXPECTED_LABELS: Record<ApprovalOutcome, string> = {
  created: 'created',
  'created-with-warning': 'created with warning',
  rejected: 'rejected',
};

const missingKeys = (expected: readonly string[], issues: readonly DwtIssue[]) => {
  const present = new Set(issues.map((issue) => normaliseDwtKey(issue.key)));
  return expected.filter((key) => !present.has(normaliseDwtKey(key)));
};

/** What DWT said, or failed to say, when it gave no verdict on the movement. */
function detailOf(outcome: CreateMovementOutcome | ApprovalTestsOutcome): string | undefined {
  switch (outcome.kind) {
    case 'ambiguous':
    case 'unavailable':
      return outcome.reason;
    case 'not-authorised':
      return `HTTP ${outcome.status}: ${outcome.message}`;
    case 'payment-required':
      return `HTTP 402: ${outcome.message}`;
    case 'api-code-refused':
      return `HTTP 400 on apiCode: ${outcome.message}`;
    case 'unexpected':
      return `HTTP ${outcome.status}: ${outcome.body.slice(0, 200)}`;
    case 'rate-limited':
      return 'DWT kept answering 429 (too many requests)';
    default:
      return undefined;
  }
}

/** Whether DWT's answer is the one the scenario is about, and if not, why. */
export function judge(scenario: ApprovalScenario, outcome: CreateMovementOutcome): Pick<ApprovalResult, 'asExpected' | 'note'> {
  const expectedKind = scenario.expectedOutcome === 'rejected' ? 'rejected' : 'created';
  if (outcome.kind !== expectedKind) {
    const detail = detailOf(outcome);
    return { asExpected: false, note: `expected ${EXPECTED_LABELS[scenario.expectedOutcome]}${detail ? `; ${detail}` : ''}` };
  }
  if (outcome.kind === 'rejected') {
    const missing = missingKeys(scenario.expectedErrorKeys, outcome.errors);
    if (missing.length) return { asExpected: false, note: `rejected, but not for ${missing.join(', ')}` };
  }
  if (outcome.kind === 'created' && scenario.expectedOutcome === 'created-with-warning') {
    if (outcome.warnings.length === 0) return { asExpected: false, note: 'created without the expected warning' };
    const missing = missingKeys(scenario.expectedWarningKeys, outcome.warnings);
    if (missing.length) return { asExpected: false, note: `created, but with no warning for ${missing.join(', ')}` };
  }
  return { asExpected: true };
}

export async function runApprovalScenarios(input: {
  client: DwtClient;
  scenarios: readonly ApprovalScenario[];
  apiCode: string;
  now?: () => Date;
}): Promise<ApprovalReport> {
  const now = input.now ?? (() => new Date());
  const startedAt = now();
  const results: ApprovalResult[] = [];
  // One at a time, in the README's order: the report reads in that order and DWT is not rushed.
  for (const scenario of input.scenarios) {
    const outcome = await input.client.createMovement(scenario.build({ apiCode: input.apiCode, now: startedAt }));
    results.push({
      id: scenario.id,
      title: scenario.title,
      description: scenario.description,
      expected: scenario.expectedOutcome,
      outcome: outcome.kind,
      ...judge(scenario, outcome),
      ...(outcome.kind === 'created' ? { wasteTrackingId: outcome.wasteTrackingId } : {}),
      warnings: outcome.kind === 'created' ? outcome.warnings : [],
      errors: outcome.kind === 'rejected' ? outcome.errors : [],
    });
  }
  return {
    environment: input.client.environment,
    apiBaseUrl: input.client.apiBaseUrl,
    apiCode: input.apiCode,
    startedAt: startedAt.toISOString(),
    finishedAt: now().toISOString(),
    results,
    allAsExpected: results.every((result) => result.asExpected),
  };
}

/** What the assessment call came to when DWT gave no verdict. */
function submissionNote(outcome: Exclude<ApprovalTestsOutcome, { kind: 'assessed' }>): string {
  if (outcome.kind === 'rejected') return `DWT refused the request: ${outcome.errors.map((e) => `${e.key}: ${e.message}`).join('; ')}`;
  return detailOf(outcome) ?? outcome.kind;
}

/**
 * Asks DWT to assess the movements the run created (`POST /production-approval-tests`, each scenarioId
 * once) and puts DWT's Pass/Fail and message beside each of our verdicts.
 */
export async function submitApprovalTests(input: { client: DwtClient; report: ApprovalReport }): Promise<ApprovalReport> {
  const { report } = input;
  const shouldExist = report.results.filter((r) => isAssessedScenarioId(r.id));
  const pairs = shouldExist.flatMap((r) => (r.wasteTrackingId ? [{ scenarioId: r.id, wasteTrackingId: r.wasteTrackingId }] : []));
  const submitted = pairs.map((p) => p.scenarioId);
  if (pairs.length === 0) {
    return {
      ...report,
      submission: { outcome: 'rejected', submitted, note: 'No scenario created a movement, so there was nothing to assess', allPassed: false },
    };
  }
  const outcome = await input.client.runProductionApprovalTests(pairs);
  if (outcome.kind !== 'assessed') {
    return { ...report, submission: { outcome: outcome.kind, submitted, note: submissionNote(outcome), allPassed: false } };
  }
  const verdicts = new Map(outcome.results.map((r) => [`${r.scenarioId} ${r.wasteTrackingId}`, { status: r.status, message: r.message }]));
  const results = report.results.map((r) => {
    const verdict = r.wasteTrackingId ? verdicts.get(`${r.id} ${r.wasteTrackingId}`) : undefined;
    return verdict ? { ...r, dwt: verdict } : r;
  });
  const allPassed = shouldExist.length > 0 && shouldExist.every((r) => results.find((x) => x.id === r.id)?.dwt?.status === 'Pass');
  return { ...report, results, submission: { outcome: 'assessed', submissionId: outcome.submissionId, submitted, allPassed } };
}

const utc = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;
const summary = (report: ApprovalReport) => `${report.results.filter((r) => r.asExpected).length} of ${report.results.length} scenarios behaved as expected.`;

/** DWT's column: its verdict, or why there is none. */
function dwtCell(report: ApprovalReport, r: ApprovalResult): string {
  if (r.dwt) return r.dwt.status;
  if (!isAssessedScenarioId(r.id)) return 'not assessed';
  return report.submission?.outcome === 'assessed' ? 'no verdict' : '-';
}

/** The closing lines about DWT's assessment, when there was one. */
function submissionLines(report: ApprovalReport): string[] {
  const s = report.submission;
  if (!s) return [];
  if (s.outcome !== 'assessed') return [`DWT's assessment: none (${s.outcome}). ${s.note ?? ''}`.trim()];
  const assessed = report.results.filter((r) => r.dwt);
  const passed = assessed.filter((r) => r.dwt?.status === 'Pass').length;
  return [
    `DWT's assessment (submission ${s.submissionId}): ${passed} Pass, ${assessed.length - passed} Fail of ${s.submitted.length} scenarios submitted. C01 and H02 create no movement and are not assessed.`,
  ];
}
const issueLines = (result: ApprovalResult) => [
  ...result.warnings.map((w) => `warning ${w.key}: ${w.message}`),
  ...result.errors.map((e) => `error ${e.key}: ${e.message}`),
];

export function formatReportText(report: ApprovalReport): string {
  const submitted = report.submission !== undefined;
  const head = ['ID', 'Scenario', 'Expected', 'Outcome', 'Waste tracking ID', 'Result', ...(submitted ? ['DWT'] : [])];
  const rows = report.results.map((r) => [
    r.id,
    r.title,
    EXPECTED_LABELS[r.expected],
    r.outcome,
    r.wasteTrackingId ?? '-',
    r.asExpected ? 'as expected' : 'NOT AS EXPECTED',
    ...(submitted ? [dwtCell(report, r)] : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();

  const out = [
    'DWT Receipt of Waste API: production approval scenarios',
    `Environment:  ${report.environment}`,
    `Base URL:     ${report.apiBaseUrl}`,
    `apiCode:      ${report.apiCode}`,
    `Run at:       ${utc(report.startedAt)}`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
  ];
  report.results.forEach((r, i) => {
    out.push(line(rows[i]!));
    const indent = ' '.repeat(widths[0]! + 2);
    out.push(`${indent}${r.description}`);
    for (const issue of issueLines(r)) out.push(`${indent}${issue}`);
    if (r.note) out.push(`${indent}note: ${r.note}`);
    if (r.dwt?.message) out.push(`${indent}DWT: ${r.dwt.message}`);
  });
  out.push('', summary(report), ...submissionLines(report));
  return out.join('\n') + '\n';
}

/** Escapes what would break a Markdown table cell. */
const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function formatReportMarkdown(report: ApprovalReport): string {
  const out = [
    '# DWT Receipt of Waste API: production approval scenarios',
    '',
    `- **Environment:** ${report.environment}`,
    `- **Base URL:** ${report.apiBaseUrl}`,
    `- **apiCode:** ${report.apiCode}`,
    `- **Run at:** ${utc(report.startedAt)}`,
    '',
  ];
  const submitted = report.submission !== undefined;
  out.push(
    `| ID | Scenario | Expected | Outcome | Waste tracking ID | DWT warnings and errors | Result |${submitted ? " DWT's assessment |" : ''}`,
    `|---|---|---|---|---|---|---|${submitted ? '---|' : ''}`,
  );
  for (const r of report.results) {
    const issues = issueLines(r).map(cell).join('<br>') || '-';
    const result = r.asExpected ? 'as expected' : `**not as expected**: ${cell(r.note ?? '')}`;
    const dwt = submitted ? ` ${r.dwt?.status === 'Fail' ? '**Fail**' : dwtCell(report, r)}${r.dwt?.message ? `: ${cell(r.dwt.message)}` : ''} |` : '';
    out.push(
      `| ${r.id} | **${cell(r.title)}**<br>${cell(r.description)} | ${EXPECTED_LABELS[r.expected]} | ${r.outcome} | ` +
        `${r.wasteTrackingId ?? '-'} | ${issues} | ${result} |${dwt}`,
    );
  }
  out.push('', summary(report), ...submissionLines(report));
  return out.join('\n') + '\n';
}
