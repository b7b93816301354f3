// `npm run dwt:approval -- --submit` end to end: the real script, in its own process, against a real
// sandbox over HTTP. DWT's side must say Pass for the twelve scenarios that create a movement, and
// C01 and H02 must be rejected for exactly their fault.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalReport } from '@/lib/dwt/approval-report';
import { startDwtSandbox, type DwtSandbox } from '@/lib/dwt/sandbox/server';
import { dwtEnvFor } from '@/test/dwt-env';

const root = path.resolve(import.meta.dirname, '..');

function runScript(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Only what the script needs: no DWT_* settings of this process leak into the child.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const key of Object.keys(childEnv)) if (key.startsWith('DWT_')) delete childEnv[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/dwt-approval.ts', ...args], {
      cwd: root,
      env: { ...childEnv, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let sandbox: DwtSandbox;
beforeAll(async () => {
  sandbox = await startDwtSandbox({ port: 0, clientSecret: 'approval-secret-never-printed' });
});
afterAll(() => sandbox.close());

describe('npm run dwt:approval -- --submit', () => {
  it('creates the scenarios, posts the twelve pairs once, and DWT passes all twelve; C01 and H02 are rejected', async () => {
    const { code, stdout, stderr } = await runScript(['--submit', '--json'], dwtEnvFor(sandbox));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as ApprovalReport;

    expect(report.allAsExpected).toBe(true);
    expect(report.submission).toMatchObject({ outcome: 'assessed', allPassed: true, submissionId: expect.any(String) });
    expect(report.submission?.submitted).toEqual(['R01', 'R02', 'R03', 'R04', 'R05', 'R07', 'C02', 'B01', 'P01', 'H01', 'H03', 'X01']);
    const byId = new Map(report.results.map((r) => [r.id, r]));
    for (const id of report.submission!.submitted) {
      expect(byId.get(id)?.dwt, id).toEqual({ status: 'Pass', message: '' });
    }
    expect(byId.get('C01')).toMatchObject({ outcome: 'rejected', asExpected: true, errors: [{ key: 'carrier.reasonForNoRegistrationNumber' }] });
    expect(byId.get('H02')).toMatchObject({ outcome: 'rejected', asExpected: true, errors: [{ key: 'reasonForNoConsignmentCode' }] });
    expect(byId.get('C01')?.dwt).toBeUndefined();
    expect(byId.get('H02')?.dwt).toBeUndefined();

    // Over HTTP, through the production client: fourteen POSTs of movements, one assessment request.
    const stats = sandbox.stats();
    expect(stats.postAttempts).toBe(14);
    expect(stats.requests['POST /production-approval-tests']).toEqual({ 200: 1 });
    expect(stdout).not.toContain('approval-secret-never-printed');
  }, 60_000);

  it('prints DWT’s verdict beside ours in the text report', async () => {
    const { code, stdout } = await runScript(['--submit'], dwtEnvFor(sandbox));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^R02 +Several waste items +created +created +\w+ +as expected +Pass$/m);
    expect(stdout).toMatch(/^C01 .* as expected +not assessed$/m);
    expect(stdout).toMatch(/DWT's assessment \(submission [0-9a-f]+\): 12 Pass, 0 Fail of 12 scenarios submitted\./);
  }, 60_000);
});
