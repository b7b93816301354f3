import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptInvitationForm } from '@/components/admin/users/accept-invitation-form';
import { findLink } from '@/lib/users/service';

export const metadata: Metadata = { title: 'Choose your password', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

/** Public: the page behind an invitation or password reset link. The link itself is the guard. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await findLink({ token });
  return (
    <main id="main-content" tabIndex={-1} className="mx-auto max-w-lg px-4 py-12">
      {link ? (
        <>
          <h1 className="mb-2 text-3xl font-bold">{link.kind === 'INVITATION' ? 'Welcome to Weighbook' : 'Choose a new password'}</h1>
          <p className="mb-6">
            {link.name}, choose a password for {link.email}. You will then sign in with it.
          </p>
          <AcceptInvitationForm token={token} />
        </>
      ) : (
        <>
          <h1 className="mb-2 text-3xl font-bold">This link cannot be used</h1>
          <p className="mb-4">It has expired or has already been used. Ask an administrator for a new one.</p>
          <Link href="/sign-in" className="font-semibold text-brand-700 underline">
            Sign in
          </Link>
        </>
      )}
    </main>
  );
}
