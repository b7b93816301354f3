import type { ReactNode } from 'react';
import { ButtonLink } from '@/components/forms/button-link';

export function Panel({ title, children }: { title: string; children: ReactNode }) {
  // An id without spaces: aria-labelledby takes a space-separated list of ids.
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="mb-6 border border-slate-300 bg-white p-5">
      <h2 id={id} className="mb-3 text-xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function ActionLink({ href, children }: { href: string; children: ReactNode }) {
  return <ButtonLink href={href}>{children}</ButtonLink>;
}
