'use client';
import { Button } from '@/components/forms/button';

/** A failure outside the signed-in pages (sign-in, set-up, invitation links). */
export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main-content" tabIndex={-1} className="mx-auto max-w-2xl px-4 py-12" role="alert">
      <h1 className="mb-4 text-3xl font-bold">Something went wrong</h1>
      <p className="mb-4">
        This page could not be shown. Try again; if it keeps happening, tell your administrator
        {error.digest ? (
          <>
            {' '}
            and quote the reference <code>{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <p className="flex gap-4">
        <Button onClick={reset}>Try again</Button>
        {/* A plain link: the home page loads afresh, and next/link's code is not shipped with every page for this. */}
        <a href="/" className="self-center font-semibold text-brand-700 underline">
          Go to your home page
        </a>
      </p>
    </main>
  );
}
