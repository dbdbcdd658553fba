import type { Metadata } from 'next';
import { SignInForm } from '../../components/auth/SignInForm.tsx';
import { PlainShell } from '../../components/layout/PlainShell.tsx';
import { readEnv } from '../../env.ts';
import { safeNextPath } from '../../lib/auth/next-path.ts';
import { errorFromQuery } from '../../lib/auth/sign-in-errors.ts';
import { fetchSignInOptions } from '../../lib/auth/sign-in-options.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

type Params = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Sign in: single sign-on when configured, email and password always (local and break-glass accounts). */
export default async function SignInPage({ searchParams }: { searchParams: Params }) {
  const params = await searchParams;
  const next = safeNextPath(one(params.next));
  const options = await fetchSignInOptions(readEnv().API_URL);
  return (
    <PlainShell>
      <div className="app-sign-in">
        <SignInForm
          next={next}
          sso={options.sso}
          initialError={errorFromQuery(one(params.error))}
          signedOut={one(params.signedOut) === '1'}
        />
      </div>
    </PlainShell>
  );
}
