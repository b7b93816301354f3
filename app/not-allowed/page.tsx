import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Not allowed' };

export default function NotAllowedPage() {
  return (
    <main id="main-content" tabIndex={-1} className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="mb-4 text-3xl font-bold">You are not allowed to see that page</h1>
      <p className="mb-4">Your account does not have the role that page needs. If you think it should, ask your site’s administrator.</p>
      <p>
        <Link href="/" className="font-semibold text-brand-700 underline">
          Go to your home page
        </Link>
      </p>
    </main>
  );
}
