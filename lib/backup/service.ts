// Backups of the embedded database, split by job: the admin's settings and the schedule (settings.ts),
// taking, proving and pruning backups (runs.ts), and what the pages show (status.ts). With DATABASE_URL
// the database is someone else's to back up: the page says so and shows what the app can see. Import
// from here.
import 'server-only';

export * from './settings';
export * from './runs';
export * from './status';
