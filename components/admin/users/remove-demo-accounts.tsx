'use client';
// "Remove demo accounts": the embedded demo's clerk, manager and admin must not stay a way into a real
// installation. Shown to admins while any demo account exists; refused until a real admin exists.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/forms/button';
import { removeDemoAccountsAction } from '@/lib/users/actions';

export function RemoveDemoAccounts({ count }: { count: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setProblem(null);
    const result = await removeDemoAccountsAction({});
    setBusy(false);
    if (!result.ok) return setProblem(result.formError ?? 'Something went wrong.');
    router.refresh();
  }

  return (
    <section aria-labelledby="demo-heading" className="mb-8 max-w-3xl border-l-4 border-danger-700 bg-white p-4">
      <h2 id="demo-heading" className="mb-2 text-xl font-bold">
        Demo accounts
      </h2>
      <p className="mb-3">
        This installation still has {count} demo {count === 1 ? 'account' : 'accounts'} (at demo.weighbook.test), whose passwords were printed when Weighbook
        started. Remove them once you have your own administrator account; they are removed by themselves when the first real administrator is created.
      </p>
      {problem && (
        <p role="alert" className="mb-3 border-4 border-danger-700 bg-white p-3 font-semibold text-danger-700">
          {problem}
        </p>
      )}
      <Button variant="warning" size="sm" onClick={remove} disabled={busy}>
        {busy ? 'Removing…' : 'Remove demo accounts'}
      </Button>
    </section>
  );
}
