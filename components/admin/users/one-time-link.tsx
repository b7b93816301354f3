'use client';
// A one-time invitation or reset link, shown once to the admin to copy and send. Only its hash is
// kept, so it cannot be shown again: a lost link is replaced by issuing a new one.
import { useEffect, useState } from 'react';
import { Button } from '@/components/forms/button';

export function OneTimeLink({ path, heading, children }: { path: string; heading: string; children?: React.ReactNode }) {
  const [url, setUrl] = useState(path);
  const [copied, setCopied] = useState(false);
  useEffect(() => setUrl(`${window.location.origin}${path}`), [path]);
  return (
    <div role="status" className="mb-5 border-l-4 border-brand-600 bg-brand-50 p-3">
      <h3 className="font-bold">{heading}</h3>
      {children}
      <label htmlFor="one-time-link" className="mt-2 block font-semibold">
        One-time link (works for 7 days; shown only now)
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id="one-time-link"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full max-w-md border-2 border-slate-700 bg-white px-2 py-1.5 font-mono text-sm"
        />
        <Button
          variant="secondary"
          size="sm"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(url);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          Copy link
        </Button>
      </div>
      {copied && <p className="mt-1 text-sm">Copied.</p>}
    </div>
  );
}
