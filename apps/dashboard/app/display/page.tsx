import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { DisplayApp } from '../../components/display/DisplayApp.tsx';
import { DISPLAY_COOKIE } from '../../lib/proxy/credentials.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Display' };

type Params = Promise<Record<string, string | string[] | undefined>>;

const CLAIM_ERRORS: Record<string, string> = {
  invalid: 'This display link is not valid: it was revoked, or mistyped. Ask a manager for a new one.',
  unreachable:
    'Switchboard is not answering, so this display link could not be checked. Open it again in a minute.',
};

/** A wallboard screen: no sign-in, no navigation; it reads as the display its link named. */
export default async function DisplayPage({ searchParams }: { searchParams: Params }) {
  const error = (await searchParams).error;
  const claimed = (await cookies()).has(DISPLAY_COOKIE);
  const message = typeof error === 'string' ? (CLAIM_ERRORS[error] ?? CLAIM_ERRORS.invalid) : null;
  return (
    <div className="nhsuk-width-container-fluid app-container">
      <main className="nhsuk-main-wrapper nhsuk-main-wrapper--s" id="maincontent">
        {message || !claimed ? (
          <>
            <h1 className="nhsuk-heading-l">Switchboard display</h1>
            <p className="nhsuk-body" data-testid="display-error">
              {message ??
                'This screen is not set up as a display. Open the display link a manager created for it.'}
            </p>
          </>
        ) : (
          <DisplayApp />
        )}
      </main>
    </div>
  );
}
