// Loads: the master copy, split by job — saving (./save.ts: committed to PostgreSQL, with its audit entry
// and its queued send, before anything is sent; lib/delivery sends afterwards) and what the forms and
// pages read (./reads.ts). The load's history is in ./history.ts; lib/data-rights finds and erases
// people on loads (lib/data-rights/loads.ts). Import from here.
import 'server-only';

export * from './save';
export * from './reads';
