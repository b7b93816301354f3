import type { ReactNode } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { roleLabels } from '@/lib/auth/permissions';
import { NavLinks } from './nav-links';
import { navigationFor } from './navigation';
import { SignOutButton } from './sign-out-button';

/** `notices`: what every page of this person shows above its content (e.g. DWT refusing an apiCode). */
export function AppShell({ actor, children, notices }: { actor: Actor; children: ReactNode; notices?: ReactNode }) {
  return (
    <>
      <header className="no-print bg-brand-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2">
          <p className="text-xl font-bold">Weighbook</p>
          <div className="flex items-center gap-3 text-sm">
            <p>
              <span className="font-semibold">{actor.name}</span> <span>({actor.roles.map((r) => roleLabels[r]).join(', ')})</span>
            </p>
            <SignOutButton />
          </div>
        </div>
        <nav aria-label="Main" className="mx-auto max-w-6xl px-2 pb-1">
          <NavLinks items={navigationFor(actor.roles)} />
        </nav>
      </header>
      {notices}
      <main id="main-content" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}

export function PageHeading({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-3xl font-bold">{children}</h1>
      {lead && <p className="mt-2 max-w-3xl text-lg text-slate-700">{lead}</p>}
    </div>
  );
}
