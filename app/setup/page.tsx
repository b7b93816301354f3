import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SetupForm } from '@/components/setup-form';
import { countAdmins } from '@/lib/users/service';

export const metadata: Metadata = { title: 'Set up Weighbook' };
export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  if ((await countAdmins()) > 0) redirect('/sign-in');
  return (
    <main id="main-content" tabIndex={-1} className="mx-auto max-w-lg px-4 py-12">
      <h1 className="mb-2 text-3xl font-bold">Set up Weighbook</h1>
      <p className="mb-6">Create the first administrator. They can then add sites and people.</p>
      <SetupForm />
    </main>
  );
}
