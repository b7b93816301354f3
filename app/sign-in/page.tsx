import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/sign-in-form';
import { safeCallback } from '@/lib/auth/safe-callback';
import { getActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  if (await getActor()) redirect(safeCallback(callbackUrl));
  return (
    <main id="main-content" tabIndex={-1} className="mx-auto max-w-lg px-4 py-12">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Weighbook</p>
      <h1 className="mb-6 text-3xl font-bold">Sign in</h1>
      <SignInForm callbackUrl={safeCallback(callbackUrl)} />
    </main>
  );
}
