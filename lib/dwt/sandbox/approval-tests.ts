// The sandbox's `POST /production-approval-tests` (README "Production approval, self-service"): the
// body is `[{scenarioId, wasteTrackingId}]`, each scenarioId once; every id must be a movement it
// stored, else 400 naming the missing ids and nothing is assessed; otherwise 200
// `{submissionId, results: [{scenarioId, wasteTrackingId, status: "Pass" | "Fail", message}]}`, one
// result per pair in the order sent, each judged by DWT's content checks (lib/dwt/approval-checks.ts)
// on the body it stored for that id (after PUTs, the latest).
//
// Live DWT also refuses ids that belong to another client; the sandbox has a single client id, so every
// movement it stored is the caller's.
import { randomBytes } from 'node:crypto';
import { ASSESSED_SCENARIO_IDS, checkApprovalScenario, isAssessedScenarioId } from '../approval-checks';

type Issue = { key: string; errorType: string; message: string };
export type ApprovalTestsAnswer = { status: 200 | 400; body: Record<string, unknown> };

const MAX_PAIRS = 100;
const ALLOWED_KEYS = new Set(['scenarioId', 'wasteTrackingId']);

const refused = (errors: Issue[]): ApprovalTestsAnswer => ({ status: 400, body: { validation: { errors } } });

/** The payload's problems, keyed like DWT's (`0.scenarioId`); empty when it is well formed. */
function payloadIssues(body: unknown): Issue[] {
  if (!Array.isArray(body) || body.length === 0) {
    return [{ key: '', errorType: 'InvalidType', message: '"ProductionApprovalTestRequest" must be an array of at least 1 item' }];
  }
  if (body.length > MAX_PAIRS)
    return [{ key: '', errorType: 'OutOfRange', message: `"ProductionApprovalTestRequest" must contain at most ${MAX_PAIRS} items` }];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  body.forEach((pair: unknown, i) => {
    if (!pair || typeof pair !== 'object' || Array.isArray(pair)) {
      issues.push({ key: `${i}`, errorType: 'InvalidType', message: `"[${i}]" must be of type object` });
      return;
    }
    const { scenarioId, wasteTrackingId } = pair as Record<string, unknown>;
    for (const key of Object.keys(pair)) {
      if (!ALLOWED_KEYS.has(key)) issues.push({ key: `${i}.${key}`, errorType: 'NotAllowed', message: `"[${i}].${key}" is not allowed` });
    }
    if (scenarioId === undefined) issues.push({ key: `${i}.scenarioId`, errorType: 'NotProvided', message: `"[${i}].scenarioId" is required` });
    else if (!isAssessedScenarioId(scenarioId)) {
      issues.push({ key: `${i}.scenarioId`, errorType: 'InvalidValue', message: `"[${i}].scenarioId" must be one of [${ASSESSED_SCENARIO_IDS.join(', ')}]` });
    } else if (seen.has(scenarioId)) {
      issues.push({ key: `${i}`, errorType: 'InvalidValue', message: '"ProductionApprovalTestRequest" contains a duplicate scenarioId value' });
    } else seen.add(scenarioId);
    if (wasteTrackingId === undefined) issues.push({ key: `${i}.wasteTrackingId`, errorType: 'NotProvided', message: `"[${i}].wasteTrackingId" is required` });
    else if (typeof wasteTrackingId !== 'string' || wasteTrackingId === '') {
      issues.push({ key: `${i}.wasteTrackingId`, errorType: 'InvalidType', message: `"[${i}].wasteTrackingId" must be a non-empty string` });
    }
  });
  return issues;
}

export function assessApprovalTests(body: unknown, movements: ReadonlyMap<string, { body: unknown }>): ApprovalTestsAnswer {
  const issues = payloadIssues(body);
  if (issues.length > 0) return refused(issues);
  const pairs = body as { scenarioId: string; wasteTrackingId: string }[];
  const missing = [...new Set(pairs.map((p) => p.wasteTrackingId))].filter((id) => !movements.has(id));
  if (missing.length > 0) {
    return refused([
      { key: 'wasteTrackingId', errorType: 'InvalidValue', message: `Could not find waste input(s) for the following id(s): ${missing.join(', ')}` },
    ]);
  }
  const results = pairs.map(({ scenarioId, wasteTrackingId }) => ({
    scenarioId,
    wasteTrackingId,
    ...checkApprovalScenario(scenarioId as (typeof ASSESSED_SCENARIO_IDS)[number], movements.get(wasteTrackingId)?.body),
  }));
  return { status: 200, body: { submissionId: randomBytes(12).toString('hex'), results } };
}
