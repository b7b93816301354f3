import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Page not found' };

/** An address that matches no page at all. */
export default function NotFound() {
  return (
    <main id="main-content" tabIndex={-1} className="mx-auto max-w-2xl px-4 py-12">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Weighbook</p>
      <h1 className="mb-4 text-3xl font-bold">Page not found</h1>
      <p className="mb-4">There is nothing at this address. Check it, or start again from your home page.</p>
      <p>
        {/* A plain link: the home page loads afresh, and next/link's code is not shipped with every page for this. */}
        <a href="/" className="font-semibold text-brand-700 underline">
          Go to your home page
        </a>
      </p>
    </main>
  );
}
