'use client';
import { Button } from '@/components/forms/button';

export function PrintButton() {
  return (
    <Button onClick={() => window.print()} className="no-print">
      Print
    </Button>
  );
}
