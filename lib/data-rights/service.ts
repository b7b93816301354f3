// Customers' data rights, for the admin acting on a request, split by job: finding everything held about
// a person or organisation at every site (find.ts), exporting it for them (export.ts), erasing it
// (erase.ts), and the retention after which sent loads' personal fields are anonymised (retention.ts).
// SQL over loads that only data requests need is in loads.ts; the pure anonymising rules in anonymise.ts.
// Import from here.
import 'server-only';

export { findPersonalData } from './find';
export { exportPersonalData, exportToCsv, type PersonalDataExport } from './export';
export { erasePersonalData } from './erase';
export { anonymiseExpiredLoads, getRetention, monthsBefore, saveRetention } from './retention';
