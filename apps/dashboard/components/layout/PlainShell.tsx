import type { ReactNode } from 'react';
import { Footer } from './Footer.tsx';
import { Header } from './Header.tsx';

/** Header without navigation or live state (sign-in, errors), the page, the footer. */
export function PlainShell({ children }: { children: ReactNode }) {
  return (
    <>
      <Header />
      <div className="nhsuk-width-container-fluid app-container">
        <main className="nhsuk-main-wrapper" id="maincontent">
          {children}
        </main>
      </div>
      <Footer />
    </>
  );
}
