// next-auth (v4) configuration: email + password, JWT sessions that expire, a custom sign-in page.
// The JWT carries only the user id and session version; roles and sites are read from Postgres on
// every request (lib/auth/session.ts), so a change of role or a disabled account takes effect at once,
// and signing out bumps the session version so a copied cookie stops working on the server too.
import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { endSessions, SIGN_IN_FAILED_MESSAGE, verifySignIn } from '@/lib/users/service';
import { clientAddress } from './client-address';
import { signInSchema } from './schema';

/** Secure cookies (and HSTS, next.config.js) whenever people reach the app over https. */
export function servedOverHttps(): boolean {
  return (env().NEXTAUTH_URL ?? '').startsWith('https://');
}

export function authOptions(): NextAuthOptions {
  const maxAge = Math.round(env().SESSION_MAX_AGE_HOURS * 3600);
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge, updateAge: 15 * 60 },
    jwt: { maxAge },
    useSecureCookies: servedOverHttps(),
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, req) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) throw new Error(SIGN_IN_FAILED_MESSAGE);
          // Unknown email, wrong password, disabled and throttled all answer the same.
          const result = await verifySignIn({ input: parsed.data, address: clientAddress(req?.headers) }).catch((error: unknown) => {
            // Even a failure on our side (a database under a flood of attempts) answers the same.
            logger.error('sign-in could not be checked', { error: error instanceof Error ? error.message : String(error) });
            return { status: 'invalid' as const };
          });
          if (result.status !== 'ok') throw new Error(SIGN_IN_FAILED_MESSAGE);
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
    events: {
      async signOut({ token }) {
        if (token?.sub) await endSessions({ userId: token.sub, sessionVersion: Number(token.sv ?? 0) });
      },
    },
    logger: {
      error: (code, metadata) => logger.error('next-auth error', { code, metadata }),
      warn: (code) => logger.warn('next-auth warning', { code }),
      debug: () => undefined,
    },
  };
}
