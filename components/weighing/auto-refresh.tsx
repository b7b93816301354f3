'use client';
// Keeps a server-rendered page up to date by itself (the On site now board): refreshed every few
// seconds while the tab is visible; what has focus stays focused.
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

export function AutoRefresh({ everyMs = 10_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}

/** Digits 1–9 (outside a text box) open the weigh-out of the board's first nine vehicles: one keystroke. */
export function WeighOutKeys({ hrefs }: { hrefs: string[] }) {
  const router = useRouter();
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      if (event.ctrlKey || event.metaKey || event.altKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      const n = Number(event.key);
      if (!Number.isInteger(n) || n < 1 || n > 9 || !hrefs[n - 1]) return;
      event.preventDefault();
      router.push(hrefs[n - 1]!);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router, hrefs]);
  return null;
}
