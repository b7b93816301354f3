import Link from 'next/link';
import type { ReactNode } from 'react';

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
  return (
    <Link href={href} className="inline-block bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-900">
      {children}
    </Link>
  );
}
