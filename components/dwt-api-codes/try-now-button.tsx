'use client';
// "We have paid – try now" (or "Try this apiCode again now"): ends the hold on an apiCode and sends at once.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/forms/button';
import { tryApiCodeNowAction } from '@/lib/delivery/actions';

/** Stays mounted once the hold has ended (`label` null), so what DWT said stays on the page. */
export function TryApiCodeNowButton({ apiCode, label }: { apiCode: string; label: string | null }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  return (
    <div>
      {label && (
        <Button
          disabled={pending}
          onClick={() =>
            start(async () => {
              const result = await tryApiCodeNowAction({ apiCode });
              setMessage(
                result.ok ? { text: result.data.message, problem: result.data.held } : { text: result.formError ?? 'That did not work.', problem: true },
              );
              router.refresh();
            })
          }
        >
          {pending ? 'Trying…' : label}
        </Button>
      )}
      <p role="status" className={message ? `mt-2 border-l-4 bg-white p-2 ${message.problem ? 'border-danger-700' : 'border-brand-600'}` : 'sr-only'}>
        {message?.text}
      </p>
    </div>
  );
}
