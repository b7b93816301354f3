// `npm test`: every check, on a fresh machine, in one command.
//   formatting → lint (ESLint, with the domain graph's rules) → type check → unit + integration tests
//   (vitest) → browser tests (Playwright + Debian chromium).
// It starts one embedded PostgreSQL for the run (a fresh temporary cluster), installs chromium from
// Debian's packages when it is missing, and ends with one line: "tests: N passed, N failed".
// Subsets: `--only=format,lint,types,unit,integration,e2e` (comma-separated). Extra args after `--` go to Playwright.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../lib/postgres/embedded';
import { migrate } from '../lib/postgres/migrate';
import { freePort } from '../test/free-port';

const root = path.resolve(import.meta.dirname, '..');
const say = (line: string) => process.stdout.write(line + '\n');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = new Set((onlyArg?.slice('--only='.length) ?? 'format,lint,types,unit,integration,e2e').split(','));
// npm swallows the first `--`, so `npm run test:e2e -- e2e/x.spec.ts` arrives without it: every argument
// that is not ours goes to Playwright, with or without a `--` before it.
const passthrough = process.argv.includes('--')
  ? process.argv.slice(process.argv.indexOf('--') + 1)
  : process.argv.slice(2).filter((a) => !a.startsWith('--only='));
// Paths under e2e/ (and options, when only the browser tests run) go to Playwright; other paths filter
// Vitest's files: `npm run test:integration -- lib/delivery`.
const forVitest =
  only.has('e2e') && !(only.has('unit') || only.has('integration')) ? [] : passthrough.filter((a) => !a.startsWith('e2e/') && !a.startsWith('-'));
const forPlaywright = only.has('unit') || only.has('integration') ? passthrough.filter((a) => a.startsWith('e2e/')) : passthrough;

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function ensureChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error('Chromium is missing. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).');
  }
  say('Installing Debian chromium for the browser tests…');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], env) !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium'], env) !== 0) {
    throw new Error('apt-get could not install chromium');
  }
  return '/usr/bin/chromium';
}

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

async function main() {
  const work = await mkdtemp(path.join(os.tmpdir(), 'weighbook-test-'));
  let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  try {
    if (only.has('format')) {
      say('\n== Formatting (Prettier)');
      if (run(process.execPath, [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level=warn', '.']) !== 0) {
        failures.push('formatting (run: npx prettier --write .)');
        tally.failed += 1;
      }
    }

    if (only.has('lint')) {
      say('\n== Lint (ESLint: TypeScript, React hooks, accessibility, import cycles and the domain graph)');
      if (run(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings=0', '.']) !== 0) {
        failures.push('lint (run: npm run lint)');
        tally.failed += 1;
      }
    }

    if (only.has('types')) {
      say('\n== Type check');
      if (run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.']) !== 0) {
        failures.push('type check');
        tally.failed += 1;
      }
    }

    const needDb = only.has('integration') || only.has('e2e');
    if (needDb) {
      pg = await startEmbeddedPostgres({ dataDir: path.join(work, 'pg'), port: await freePort(), password: 'test' });
      await pg.createDatabase('weighbook_integration');
      await pg.createDatabase('weighbook_e2e');
    }

    const projects = ['unit', 'integration'].filter((p) => only.has(p));
    if (projects.length > 0) {
      say(`\n== Vitest (${projects.join(', ')})`);
      const out = path.join(work, 'vitest.json');
      const code = run(
        process.execPath,
        [
          path.join(root, 'node_modules/vitest/vitest.mjs'),
          'run',
          ...projects.flatMap((p) => ['--project', p]),
          '--reporter=default',
          '--reporter=json',
          `--outputFile.json=${out}`,
          ...forVitest,
        ],
        pg ? { TEST_DATABASE_URL: pg.url('weighbook_integration') } : {},
      );
      const report = JSON.parse(await readFile(out, 'utf8').catch(() => '{}')) as {
        numPassedTests?: number;
        numFailedTests?: number;
        numPendingTests?: number;
        numTodoTests?: number;
      };
      tally.passed += report.numPassedTests ?? 0;
      tally.failed += report.numFailedTests ?? 0;
      tally.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
      if (code !== 0) {
        failures.push('vitest');
        if (!report.numFailedTests) tally.failed += 1; // a crash before any test ran still fails the run
      }
    }

    if (only.has('e2e') && pg) {
      say('\n== Browser tests (Playwright)');
      const chromium = ensureChromium();
      const e2eUrl = pg.url('weighbook_e2e');
      await migrate(e2eUrl, path.join(root, 'prisma', 'migrations'));
      const out = path.join(work, 'playwright.json');
      const code = run(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--reporter=list,json', ...forPlaywright], {
        CHROMIUM_PATH: chromium,
        E2E_DATABASE_URL: e2eUrl,
        E2E_DATA_DIR: path.join(work, 'e2e-data'),
        E2E_PORT: String(await freePort()),
        // Fixtures seed data through the services, in this process: same database, server-only allowed.
        DATABASE_URL: e2eUrl,
        PASSWORD_HASH_COST: '4',
        NODE_OPTIONS: '--conditions=react-server',
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
      });
      const report = JSON.parse(await readFile(out, 'utf8').catch(() => '{}')) as {
        stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
      };
      tally.passed += (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0);
      tally.failed += report.stats?.unexpected ?? 0;
      tally.skipped += report.stats?.skipped ?? 0;
      if (code !== 0) {
        failures.push('playwright');
        if (!report.stats?.unexpected) tally.failed += 1;
      }
    }
  } finally {
    await pg?.stop().catch(() => undefined);
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
  say('');
  if (failures.length > 0) say(`Failed: ${failures.join(', ')}`);
  say(`tests: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
  process.exit(failures.length > 0 || tally.failed > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm test could not run: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
