// Runs DWT's production approval scenarios through the production client and reports them in a form
// operators can email to DEFRA: plain text, Markdown or JSON. Used by scripts/dwt-approval.ts.
import type { ApprovalOutcome, ApprovalScenario } from './approval-scenarios';
import type { CreateMovementOutcome, DwtClient } from './client';
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
}

export interface ApprovalReport {
  environment: string;
  apiBaseUrl: string;
  apiCode: string;
  startedAt: string;
  finishedAt: string;
  results: ApprovalResult[];
  allAsExpected: boolean;
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
function detailOf(outcome: CreateMovementOutcome): string | undefined {
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

const utc = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;
const summary = (report: ApprovalReport) => `${report.results.filter((r) => r.asExpected).length} of ${report.results.length} scenarios behaved as expected.`;
const issueLines = (result: ApprovalResult) => [
  ...result.warnings.map((w) => `warning ${w.key}: ${w.message}`),
  ...result.errors.map((e) => `error ${e.key}: ${e.message}`),
];

export function formatReportText(report: ApprovalReport): string {
  const head = ['ID', 'Scenario', 'Expected', 'Outcome', 'Waste tracking ID', 'Result'];
  const rows = report.results.map((r) => [
    r.id,
    r.title,
    EXPECTED_LABELS[r.expected],
    r.outcome,
    r.wasteTrackingId ?? '-',
    r.asExpected ? 'as expected' : 'NOT AS EXPECTED',
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
  });
  out.push('', summary(report));
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
    '| ID | Scenario | Expected | Outcome | Waste tracking ID | DWT warnings and errors | Result |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of report.results) {
    const issues = issueLines(r).map(cell).join('<br>') || '-';
    const result = r.asExpected ? 'as expected' : `**not as expected**: ${cell(r.note ?? '')}`;
    out.push(
      `| ${r.id} | **${cell(r.title)}**<br>${cell(r.description)} | ${EXPECTED_LABELS[r.expected]} | ${r.outcome} | ` +
        `${r.wasteTrackingId ?? '-'} | ${issues} | ${result} |`,
    );
  }
  out.push('', summary(report));
  return out.join('\n') + '\n';
}
