import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Weighbook', template: '%s – Weighbook' },
  description: 'Log every load of waste, keep the record of truth, report it to Digital Waste Tracking.',
};

// Rendered per request: the Content-Security-Policy nonce (proxy.ts) must reach every page's scripts.
export const dynamic = 'force-dynamic';

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main-content"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
        >
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
