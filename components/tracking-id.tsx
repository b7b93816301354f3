'use client';
// A waste tracking id as clerks read it aloud: grouped ("26 HRA 0B2"), in a face with a slashed zero,
// spelt out below ("two six, H R A, zero B two"), with a button that copies it without the spaces.
import { useState } from 'react';
import { Button } from '@/components/forms/button';
import { groupTrackingId, spellTrackingId } from '@/lib/loads/ticket';

export function TrackingId({ id, size = 'large', copy = true }: { id: string; size?: 'large' | 'medium'; copy?: boolean }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <span className="block">
      <span className={`tracking-id block font-bold break-all ${size === 'large' ? 'text-4xl' : 'text-2xl'}`} data-testid="waste-tracking-id" data-id={id}>
        {groupTrackingId(id)}
      </span>
      <span className="block text-sm text-slate-700">Say: {spellTrackingId(id)}</span>
      {copy && (
        <span className="no-print mt-2 flex flex-wrap items-center gap-3">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              navigator.clipboard.writeText(id).then(
                () => setCopied(`Copied ${id}`),
                () => setCopied('Could not copy: select the id and copy it instead'),
              );
            }}
          >
            Copy the waste tracking ID
          </Button>
          <span role="status" className="text-sm">
            {copied}
          </span>
        </span>
      )}
    </span>
  );
}
