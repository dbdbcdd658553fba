import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import './globals.css';
import './charts.css';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';

export const metadata: Metadata = {
  title: { default: 'Switchboard', template: '%s – Switchboard' },
  description: 'Live operations dashboard for NHS 111 call centres',
};

/**
 * The document. Every page renders per request: its scripts carry the nonce of that response's
 * Content-Security-Policy (set in proxy.ts), which a prerendered page could not.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await headers();
  return (
    <html lang="en-GB">
      <body>
        <a className="nhsuk-skip-link" href="#maincontent">
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
