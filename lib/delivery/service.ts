// Delivery of saved loads to DWT, split by job: sending a queued load and settling its outcome
// (send.ts, with the outcome table in its header), a manager's decision on a load that needs a check
// (check-needed.ts), the delivery page's status (status.ts), and apiCode holds as people see them
// (api-codes.ts). The outbox itself is queue.ts, the holds holds.ts. Import from here.
import 'server-only';

export * from './send';
export * from './check-needed';
export * from './status';
export * from './api-codes';
