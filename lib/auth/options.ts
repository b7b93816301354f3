// next-auth (v4) configuration: email + password, JWT sessions that expire, a custom sign-in page.
// The JWT carries only the user id and session version; roles and sites are read from Postgres on
// every request (lib/auth/session.ts), so a change of role or a disabled account takes effect at once.
import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { verifySignIn } from '@/lib/users/service';
import { signInSchema } from './schema';

export function authOptions(): NextAuthOptions {
  const maxAge = Math.round(env().SESSION_MAX_AGE_HOURS * 3600);
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge, updateAge: 15 * 60 },
    jwt: { maxAge },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) throw new Error('Enter your email address and password.');
          const result = await verifySignIn({ input: parsed.data });
          if (result.status === 'locked') {
            logger.warn('sign-in refused: account locked');
            throw new Error(
              `Too many failed sign-ins. This account is locked for ${result.retryAfterMinutes} more minute${result.retryAfterMinutes === 1 ? '' : 's'}.`,
            );
          }
          if (result.status === 'invalid') throw new Error('The email address or password is not right.');
          return { id: result.userId, sessionVersion: result.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub, sv: token.sv } as typeof session;
      },
    },
    logger: {
      error: (code, metadata) => logger.error('next-auth error', { code, metadata }),
      warn: (code) => logger.warn('next-auth warning', { code }),
      debug: () => undefined,
    },
  };
}
