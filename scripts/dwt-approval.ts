// `npm run dwt:approval [-- --submit] [-- --markdown | --json]`: submits every DWT production approval
// scenario to the configured DWT test environment (DWT_* settings) with the production client, and
// prints a report to email to DEFRA. With --submit it then asks DWT to assess the twelve movements
// (POST /production-approval-tests) and prints DWT's Pass/Fail and message beside our own verdict.
// With no DWT_* connection settings it starts the built-in sandbox for the run. The apiCode is
// DWT_API_CODE (one of DWT's dummy test codes), or the sandbox's first.
// Exit status: 0 when every scenario behaved as expected (and, with --submit, DWT passed all twelve),
// 1 when one did not, 2 when it could not run.
// Runs with `--conditions=react-server` so the server-only client can be imported.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatReportMarkdown, formatReportText, runApprovalScenarios, submitApprovalTests } from '../lib/dwt/approval-report';
import { approvalScenarios } from '../lib/dwt/approval-scenarios';
import { createDwtClient } from '../lib/dwt/client';
import { resolveDwtConfig, type DwtConfig } from '../lib/dwt/config';
import { startDwtSandbox, type DwtSandbox } from '../lib/dwt/sandbox/server';
import { env } from '../lib/env';
import { logger, type Logger } from '../lib/logger';

function stop(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** Retries and failures still reach stderr; stdout is kept for the report. */
function warningsOnly(log: Logger): Logger {
  return { debug: () => {}, info: () => {}, warn: log.warn, error: log.error, child: (b) => warningsOnly(log.child(b)) };
}

const { values } = parseArgs({ options: { json: { type: 'boolean' }, markdown: { type: 'boolean' }, submit: { type: 'boolean' } } });
if (values.json && values.markdown) stop('Choose one of --json and --markdown.');

// Settings may live in .env, as for `npm start`; real environment variables win.
const dotEnv = path.join(import.meta.dirname, '..', '.env');
if (existsSync(dotEnv)) process.loadEnvFile(dotEnv);

let settings: ReturnType<typeof env>;
let configured: DwtConfig;
try {
  settings = env();
  configured = resolveDwtConfig(settings);
} catch (error) {
  stop((error as Error).message);
}
if (configured.environment === 'production') {
  stop("Approval scenarios are submitted to DWT's test environment, but DWT_ENVIRONMENT is production. Use the test settings.");
}

let sandbox: DwtSandbox | undefined;
let config = configured;
if (settings.DWT_API_BASE_URL === undefined) {
  sandbox = await startDwtSandbox({ port: 0 });
  config = { ...configured, apiBaseUrl: sandbox.baseUrl, authUrl: sandbox.authUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret };
}
const apiCode = config.apiCode ?? stop("Set DWT_API_CODE to one of DWT's dummy test apiCodes (see the Receipt API landing page).");

try {
  const client = createDwtClient(config, { logger: warningsOnly(logger.child({ script: 'dwt-approval' })) });
  const created = await runApprovalScenarios({ client, scenarios: approvalScenarios, apiCode });
  const report = values.submit ? await submitApprovalTests({ client, report: created }) : created;
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : values.markdown ? formatReportMarkdown(report) : formatReportText(report));
  process.exitCode = report.allAsExpected && (report.submission?.allPassed ?? true) ? 0 : 1;
} finally {
  await sandbox?.close();
}
