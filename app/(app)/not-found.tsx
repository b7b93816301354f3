import type { Metadata } from 'next';
import { PageHeading } from '@/components/app-shell';

export const metadata: Metadata = { title: 'Page not found' };

/** A record that does not exist (or is at a site the person does not work at), inside the signed-in layout. */
export default function SignedInNotFound() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p className="mb-4">There is nothing at this address, or it is at a site you do not work at. Check the address, or go back to where you were.</p>
      <p>
        {/* A plain link: the home page loads afresh, and next/link's code is not shipped with every page for this. */}
        <a href="/" className="font-semibold text-brand-700 underline">
          Go to your home page
        </a>
      </p>
    </>
  );
}
