'use client';

export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="no-print bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-900">
      Print
    </button>
  );
}
