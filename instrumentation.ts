// Runs once when the web server starts: hourly housekeeping, the in-app delivery worker and the backup
// scheduler (Node.js runtime only; imported here, not above, so the edge runtime never loads them).
// NEXT_RUNTIME is set by Next itself, so it is read here rather than through lib/env.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Production DWT without WEIGHBOOK_SECRETS_KEY: refuse to serve (npm start checks this first too).
  await (await import('./lib/dwt-settings/service')).refuseToStartWithoutSecretsKey();
  // Hourly housekeeping (retention of personal fields), whether or not this process delivers.
  const { startPeriodicTasks } = await import('./lib/data-rights/periodic');
  startPeriodicTasks();
  const { startInAppWorker } = await import('./lib/delivery/in-app');
  startInAppWorker();
  // The nightly backup of the embedded database (one process runs it: lib/backup/scheduler.ts).
  (await import('./lib/backup/scheduler')).startBackupScheduler();
}
