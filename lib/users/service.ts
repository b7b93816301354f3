// The users domain, split by job: signing in (sign-in.ts), administration (admin.ts), invitations and
// reset links (invitations.ts), look-ups for other domains (directory.ts), and the demo's accounts
// (demo-accounts.ts). Import from here.
import 'server-only';

export * from './sign-in';
export * from './admin';
export * from './invitations';
export * from './directory';
export { countDemoAccounts, prepareDemoSeeding, removeDemoAccounts, DEMO_EMAIL_DOMAIN, NO_REAL_ADMIN_MESSAGE } from './demo-accounts';
