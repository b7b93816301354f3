'use client';
import { useEffect, useRef } from 'react';
import { Button } from '@/components/forms/button';

/** Something failed on the server while showing a signed-in page: said plainly, inside the layout. */
export default function SignedInError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div role="alert">
      <h1 ref={heading} tabIndex={-1} className="mb-4 text-3xl font-bold">
        Something went wrong
      </h1>
      <p className="mb-4">
        This page could not be shown. Nothing you saved has been lost. Try again; if it keeps happening, tell your administrator
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
    </div>
  );
}
