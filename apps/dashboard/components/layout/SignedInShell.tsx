import type { ReactNode } from 'react';
import { Providers } from '../../app/providers.tsx';
import { currentUser } from '../../lib/auth/current-user.ts';
import { IncidentBanner } from '../cards/IncidentBanner.tsx';
import { Patterns } from '../charts/Patterns.tsx';
import { Footer } from './Footer.tsx';
import { Header } from './Header.tsx';
import { LiveBanner } from './LiveBanner.tsx';

/** Header with the signed-in person and the live state, the live banner, the page, the footer. */
export async function SignedInShell({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <Providers>
      <Header user={user} live />
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
  );
}
