// The users domain, split by job: signing in (sign-in.ts), administration (admin.ts), invitations and
// reset links (invitations.ts), and look-ups for other domains (directory.ts). Import from here.
import 'server-only';

export * from './sign-in';
export * from './admin';
export * from './invitations';
export * from './directory';
