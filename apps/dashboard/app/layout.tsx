import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import './globals.css';
import './charts.css';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { IncidentBanner } from '../components/cards/IncidentBanner.tsx';
import { Patterns } from '../components/charts/Patterns.tsx';
import { Footer } from '../components/layout/Footer.tsx';
import { Header } from '../components/layout/Header.tsx';
import { LiveBanner } from '../components/layout/LiveBanner.tsx';
import { Providers } from './providers.tsx';

export const metadata: Metadata = {
  title: { default: 'Switchboard', template: '%s – Switchboard' },
  description: 'Live operations dashboard for NHS 111 call centres',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body>
        <a className="nhsuk-skip-link" href="#maincontent">
          Skip to main content
        </a>
        <Providers>
          <Header />
          <Patterns />
          <div className="nhsuk-width-container-fluid app-container">
            <LiveBanner />
            <IncidentBanner />
            <main className="nhsuk-main-wrapper nhsuk-main-wrapper--s" id="maincontent">
              {children}
            </main>
          </div>
          <Footer />
        </Providers>
      </body>
    </html>
  );
}
