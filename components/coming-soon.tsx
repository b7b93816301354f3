import type { ReactNode } from 'react';
import { PageHeading } from './app-shell';

/** A page whose permission check is real but whose content a later piece of work fills in. */
export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <div className="max-w-3xl border-l-4 border-brand-600 bg-white p-4">{children}</div>
    </>
  );
}
