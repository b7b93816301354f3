// `npm start`: everything Weighbook needs, on embedded defaults, in one command.
//  1. settings validated (a bad one is named and the app stops);
//  2. PostgreSQL: DATABASE_URL when set, otherwise an embedded server with its data in WEIGHBOOK_DATA_DIR;
//  3. migrations applied;
//  4. the built-in DWT sandbox started unless real DWT settings are given;
//  5. the first accounts: the demo site and users (embedded database), ADMIN_EMAIL/ADMIN_PASSWORD, or a
//     one-time set-up code for /setup;
//  6. `next build` when the sources changed since the last build, then Next's server (scripts/serve.mjs).
// Runs with `--conditions=react-server` so server-only modules can be imported here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { migrateWithBackup } from '../lib/backup/upgrade';
import { WAL_ARCHIVE_FLAGS } from '../lib/backup/wal-archive';
import { decodeSecretsKey, env, EnvError, resetEnvCache, type Env } from '../lib/env';
import { logger } from '../lib/logger';
import { lockDataDir } from '../lib/postgres/data-dir-lock';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../lib/postgres/embedded';
import { describeError, portIsFree, portProblem, StartError } from '../lib/postgres/ports';

const root = path.resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
const say = (line = '') => process.stdout.write(line + '\n');

async function persistentSecret(dataDir: string, name: string, bytes: number): Promise<string> {
  const file = path.join(dataDir, name);
  try {
    const v = (await readFile(file, 'utf8')).trim();
    if (v) return v;
  } catch {
    // not yet created
  }
  const v = randomBytes(bytes).toString('base64url');
  await writeFile(file, v + '\n', { mode: 0o600 });
  return v;
}

const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
  'prisma/schema.prisma',
];

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  async function walk(rel: string): Promise<void> {
    const abs = path.join(root, rel);
    if (!existsSync(abs) || rel.startsWith('lib/generated')) return;
    if ((await stat(abs)).isDirectory()) {
      for (const name of (await readdir(abs)).sort()) {
        if (name.endsWith('.test.ts')) continue;
        await walk(path.join(rel, name));
      }
      return;
    }
    hash
      .update(rel)
      .update('\0')
      .update(await readFile(abs))
      .update('\0');
  }
  for (const p of BUILD_INPUTS) await walk(p);
  return hash.digest('hex');
}

async function buildIfStale(childEnv: NodeJS.ProcessEnv): Promise<void> {
  const marker = path.join(root, '.next', 'weighbook-source-hash');
  const current = await sourceHash();
  const previous = await readFile(marker, 'utf8').catch(() => '');
  if (previous === current && existsSync(path.join(root, '.next', 'BUILD_ID'))) return;
  say('Building the app (first start, or the code changed)…');
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    env: { ...childEnv, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('next build failed');
  await writeFile(marker, current);
  say(`Built in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
}

async function waitForHealth(port: number, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('The web server stopped while starting');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('The web server did not become healthy in time');
}

function dwtConfigured(e: Env): boolean {
  return Boolean(e.DWT_API_BASE_URL || e.DWT_AUTH_URL || e.DWT_CLIENT_ID || e.DWT_CLIENT_SECRET);
}

async function main(): Promise<void> {
  // Settings may live in .env (see .env.example); real environment variables win.
  if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));
  let e: Env;
  try {
    e = env();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
  const dataDir = path.resolve(root, e.WEIGHBOOK_DATA_DIR);
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  // The key that encrypts stored secrets (lib/crypto/keys.ts): required for production DWT, otherwise
  // generated once into the data folder so `npm start` needs no settings.
  const { secretsKeyProblem, GENERATED_KEY_FILE } = await import('../lib/crypto/keys');
  const keyProblem = secretsKeyProblem({ keyFromEnvironment: Boolean(e.WEIGHBOOK_SECRETS_KEY), envDwtEnvironment: e.DWT_ENVIRONMENT });
  if (keyProblem) {
    process.stderr.write(`${keyProblem}\nSee .env.example for every setting.\n`);
    process.exit(1);
  }
  if (!e.WEIGHBOOK_SECRETS_KEY) await persistentSecret(dataDir, GENERATED_KEY_FILE, 32);
  // The web app's port first: a taken one is named now, not after a build.
  if (!(await portIsFree(e.PORT, undefined))) {
    process.stderr.write(`${new StartError(`Port ${e.PORT} (PORT) is already in use by another program: stop it, or set PORT to a free port.`).message}\n`);
    process.exit(1);
  }
  const unlock = await lockDataDir(dataDir);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, WEIGHBOOK_DATA_DIR: dataDir };
  // The react-server condition is for this launcher only; the web server resolves React normally.
  delete childEnv.NODE_OPTIONS;
  const cleanups: (() => Promise<void>)[] = [];

  // 2. PostgreSQL
  let pg: EmbeddedPostgresHandle | undefined;
  let databaseUrl = e.DATABASE_URL;
  const embedded = !databaseUrl;
  if (!databaseUrl) {
    const t0 = Date.now();
    const { chooseEmbeddedPort } = await import('../lib/postgres/ports');
    pg = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: () => chooseEmbeddedPort({ dataDir, configured: e.EMBEDDED_PG_PORT }),
      password: await persistentSecret(dataDir, 'postgres-password', 18),
      onLog: (line) => logger.debug('postgres', { line }),
      extraFlags: WAL_ARCHIVE_FLAGS, // continuous WAL archiving into the backup folder (lib/backup)
    });
    await pg.createDatabase('weighbook');
    databaseUrl = pg.url('weighbook');
    cleanups.push(() => pg!.stop());
    logger.info('embedded PostgreSQL started', { port: pg.port, dataDir: path.join(dataDir, 'postgres'), ms: Date.now() - t0 });
  }
  childEnv.DATABASE_URL = databaseUrl;

  // 3. Migrations, after a backup when there are new ones (lib/backup/upgrade.ts says how to go back)
  const migrated = await migrateWithBackup(databaseUrl, path.join(root, 'prisma', 'migrations'), {
    embedded,
    dataDir,
    key: e.WEIGHBOOK_BACKUP_KEY ? decodeSecretsKey(e.WEIGHBOOK_BACKUP_KEY) : undefined,
    say,
  });
  logger.info('migrations', { applied: migrated.applied, alreadyApplied: migrated.alreadyApplied });

  // Session secret: generated once per installation unless given.
  childEnv.NEXTAUTH_SECRET = e.NEXTAUTH_SECRET ?? (await persistentSecret(dataDir, 'auth-secret', 32));
  childEnv.NEXTAUTH_URL = e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`;

  // 4. The DWT sandbox, unless real DWT settings are given.
  if (!dwtConfigured(e)) {
    const { startDwtSandbox } = await import('../lib/dwt/sandbox/server');
    const sandbox = await startDwtSandbox({
      port: e.DWT_SANDBOX_PORT,
      clientId: 'weighbook-sandbox',
      clientSecret: await persistentSecret(dataDir, 'sandbox-client-secret', 24),
    }).catch((error: unknown) => {
      throw portProblem(error, e.DWT_SANDBOX_PORT, 'DWT_SANDBOX_PORT');
    });
    Object.assign(childEnv, {
      DWT_ENVIRONMENT: 'sandbox',
      DWT_API_BASE_URL: sandbox.baseUrl,
      DWT_AUTH_URL: sandbox.authUrl,
      DWT_CLIENT_ID: sandbox.clientId,
      DWT_CLIENT_SECRET: sandbox.clientSecret,
    });
    cleanups.unshift(() => sandbox.close());
    // Its knobs (outages, 429s, latency) for browser tests and benchmarks, on the next port.
    const { startSandboxControl } = await import('../lib/dwt/sandbox/control');
    const control = await startSandboxControl(sandbox, { port: e.DWT_SANDBOX_PORT + 1 }).catch((error: unknown) => {
      throw portProblem(error, e.DWT_SANDBOX_PORT + 1, 'DWT_SANDBOX_PORT (its control port is the next one)');
    });
    cleanups.unshift(() => control.close());
    logger.info('built-in DWT sandbox started', { baseUrl: sandbox.baseUrl, control: control.url });
  }

  // Services below read settings through env(); give them the values the app will run with.
  Object.assign(process.env, childEnv);
  resetEnvCache();

  // Production DWT settings saved on the DWT connection page need WEIGHBOOK_SECRETS_KEY too.
  const savedKeyProblem = await (await import('../lib/dwt-settings/service')).secretsKeyStartProblem();
  if (savedKeyProblem) {
    for (const c of cleanups) await c().catch(() => undefined);
    await unlock();
    process.stderr.write(`${savedKeyProblem}\nSee .env.example for every setting.\n`);
    process.exit(1);
  }

  // Reference data from DWT into Postgres, in the background: an unreachable DWT never delays the start
  // (the stored or bundled lists are used meanwhile).
  const referenceSync = (async () => {
    const [{ syncReferenceData }, { dwtClientFor }, { dwtConfigInUse }] = await Promise.all([
      import('../lib/reference-data/service'),
      import('../lib/dwt-settings/client'),
      import('../lib/dwt-settings/service'),
    ]);
    const report = await syncReferenceData({ client: dwtClientFor(await dwtConfigInUse()) });
    return report.failed.length === 0
      ? 'synced from DWT'
      : `kept stored copies of ${report.failed.map((f) => f.name).join(', ')} (DWT: ${report.failed[0]!.reason})`;
  })().catch((error: unknown) => `not synced (${(error as Error).message})`);

  // Loads saved before the reporting deadline was stored get theirs (a no-op once done).
  const filledDueDates = await (await import('../lib/deadline/service')).fillMissingDueDates();
  if (filledDueDates > 0) logger.info('reporting deadlines filled in', { loads: filledDueDates });

  // 5. First accounts
  const signIns: string[] = [];
  let demoRetired = false;
  if (e.DEMO_DATA === 'on' || (embedded && e.DEMO_DATA !== 'off')) {
    const { seedDemo } = await import('../lib/demo/seed');
    const demo = await seedDemo(dataDir);
    if (demo === 'retired') demoRetired = true;
    else for (const s of demo) signIns.push(`  ${s.role.padEnd(8)} ${s.email.padEnd(30)} password: ${s.password}`);
    // The demo site's weighbridge reads a simulated indicator (Toledo continuous over TCP), so a newcomer
    // sees weights arrive. A real indicator: see README, "Wiring a real indicator".
    const { startIndicatorSimulator } = await import('../lib/weighbridge/simulator');
    try {
      const sim = await startIndicatorSimulator({ port: e.INDICATOR_SIM_PORT });
      cleanups.unshift(() => sim.close());
      // And a simulated camera (HTTP snapshots, as IP cameras serve them) on any free port.
      const { startCameraSimulator } = await import('../lib/weighbridge/camera-sim');
      const camera = await startCameraSimulator().catch(() => null);
      if (camera) cleanups.unshift(() => camera.close());
      const { findSiteByName } = await import('../lib/sites/service');
      const { DEMO_SITE_NAME } = await import('../lib/demo/seed');
      const site = await findSiteByName(DEMO_SITE_NAME);
      if (site) await (await import('../lib/weighbridge/service')).ensureDemoWeighbridge({ siteId: site.id, port: sim.port, cameraUrl: camera?.url ?? null });
      logger.info('indicator simulator started', { port: sim.port, camera: camera?.url ?? null });
    } catch (error) {
      logger.warn('indicator simulator not started', { port: e.INDICATOR_SIM_PORT, error: (error as Error).message });
    }
  }
  const users = await import('../lib/users/service');
  if (e.ADMIN_EMAIL && e.ADMIN_PASSWORD) {
    const { systemActor } = await import('../lib/auth/actor');
    const { created } = await users.ensureUser({
      actor: systemActor(),
      input: { name: 'Administrator', email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD, roles: ['ADMIN'] },
    });
    if (created) say(`Created the first administrator, ${e.ADMIN_EMAIL}.`);
  }
  let setupCode: string | null = null;
  if ((await users.countAdmins()) === 0) {
    const { issueSetupCode } = await import('../lib/users/setup-code');
    setupCode = await issueSetupCode();
  }

  // 6. Build and serve
  if (!dev) await buildIfStale(childEnv);
  // scripts/serve.mjs: Next behind a plain Node server that tells the app each request's client address.
  const next = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), ...(dev ? ['--dev'] : [])], {
    cwd: root,
    env: { ...childEnv, PORT: String(e.PORT), NODE_ENV: dev ? 'development' : 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'inherit',
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (next.exitCode === null) {
      next.kill('SIGTERM');
      await new Promise((r) => {
        next.once('exit', r);
        setTimeout(r, 10_000);
      });
    }
    for (const c of cleanups) {
      await Promise.race([c().catch(() => undefined), new Promise((r) => setTimeout(r, 15_000))]);
    }
    await unlock();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  next.on('exit', (code) => {
    if (!stopping) {
      logger.error('web server exited', { code });
      void stop(code ?? 1);
    }
  });

  await waitForHealth(e.PORT, next);
  const url = childEnv.NEXTAUTH_URL;
  say('');
  say(`Weighbook is running at ${url}`);
  say(`  Database: ${embedded ? `embedded PostgreSQL, data in ${path.join(dataDir, 'postgres')}` : 'DATABASE_URL'}`);
  const dwtInUse = await (await import('../lib/dwt-settings/service')).dwtConfigInUse().then(
    (c) => `${c.environment} (${c.apiBaseUrl})`,
    (error: unknown) => `cannot be used: ${(error as Error).message}`,
  );
  say(`  DWT: ${dwtInUse}${dwtConfigured(e) ? '' : `; built-in sandbox at ${childEnv.DWT_API_BASE_URL}`}`);
  if (signIns.length > 0) {
    say('  Demo sign-ins (this installation only; removed as soon as you create your own administrator,');
    say('  or with "Remove demo accounts" on the Users page):');
    for (const s of signIns) say(s);
  }
  if (demoRetired) say('  Demo accounts: removed (this installation has its own administrator).');
  say(`  Reference data: ${await Promise.race([referenceSync, new Promise((r) => setTimeout(() => r('still syncing in the background'), 5_000))])}`);
  if (setupCode) say(`  No administrator yet: open ${url}/setup and enter the set-up code ${setupCode}`);
  say('Press Ctrl+C to stop.');
}

main().catch((error: unknown) => {
  logger.error('could not start Weighbook', { error: describeError(error) });
  process.stderr.write(`\nWeighbook could not start: ${describeError(error)}\nSee .env.example for every setting.\n`);
  process.exit(1);
});
