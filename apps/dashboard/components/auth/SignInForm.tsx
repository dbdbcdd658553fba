'use client';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { SIGN_IN_ERRORS, tooManyAttempts } from '../../lib/auth/sign-in-errors.ts';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';

interface Props {
  next: string;
  sso: { providerId: string; label: string } | null;
  initialError: string | null;
  signedOut: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the fields before anything is sent: NHS wording, one message per field. */
function validate(email: string, password: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!email) errors.push({ field: 'email', message: SIGN_IN_ERRORS.emailMissing });
  else if (!EMAIL.test(email)) errors.push({ field: 'email', message: SIGN_IN_ERRORS.emailFormat });
  if (!password) errors.push({ field: 'password', message: SIGN_IN_ERRORS.passwordMissing });
  return errors;
}

/** What a failed answer from POST /api/auth/sign-in/email means for the person signing in. */
async function failure(response: Response): Promise<string> {
  if (response.status === 429) return tooManyAttempts(response.headers.get('retry-after'));
  if (response.status >= 500) return SIGN_IN_ERRORS.unreachable;
  const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
  if (response.status === 403 || /BANNED|DISABLED/i.test(body?.code ?? '')) return SIGN_IN_ERRORS.disabled;
  return SIGN_IN_ERRORS.wrong;
}

/** The sign-in form: posts to the same-origin better-auth proxy, then goes on to the page asked for. */
export function SignInForm({ next, sso, initialError, signedOut }: Props) {
  const [errors, setErrors] = useState<FieldError[]>(
    initialError ? [{ field: 'email', message: initialError }] : [],
  );
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const fieldError = (field: string) => errors.find((e) => e.field === field && e.fieldLevel !== false);

  useEffect(() => {
    if (errors.length > 0) summary.current?.focus();
  }, [errors]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const invalid = validate(email, password);
    if (invalid.length > 0) return setErrors(invalid);
    setBusy(true);
    try {
      const response = await fetch('/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password, callbackURL: next, rememberMe: true }),
      });
      if (response.ok) {
        window.location.assign(next);
        return;
      }
      setErrors([{ field: 'email', message: await failure(response), fieldLevel: false }]);
    } catch {
      setErrors([{ field: 'email', message: SIGN_IN_ERRORS.unreachable, fieldLevel: false }]);
    }
    setBusy(false);
  }

  async function onSso() {
    if (!sso) return;
    setBusy(true);
    try {
      // better-auth 1.7 serves generic OIDC providers through the standard social sign-in endpoint.
      const response = await fetch('/api/auth/sign-in/social', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          provider: sso.providerId,
          callbackURL: next,
          errorCallbackURL: `/sign-in?error=sso&next=${encodeURIComponent(next)}`,
        }),
      });
      const body = (await response.json().catch(() => null)) as { url?: string } | null;
      if (response.ok && body?.url) {
        window.location.assign(body.url);
        return;
      }
      setErrors([{ field: 'sso', message: SIGN_IN_ERRORS.sso, fieldLevel: false }]);
    } catch {
      setErrors([{ field: 'sso', message: SIGN_IN_ERRORS.unreachable, fieldLevel: false }]);
    }
    setBusy(false);
  }

  const emailError = fieldError('email');
  const passwordError = fieldError('password');
  return (
    <>
      {signedOut && errors.length === 0 ? (
        <div className="nhsuk-inset-text" data-testid="signed-out">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>You have signed out.</p>
        </div>
      ) : null}
      <ErrorSummary ref={summary} errors={errors} />
      <h1 className="nhsuk-heading-l">Sign in to Switchboard</h1>
      {sso ? (
        <>
          <button
            type="button"
            className="nhsuk-button"
            data-module="nhsuk-button"
            onClick={onSso}
            disabled={busy}
            id="sso"
          >
            Sign in with {sso.label}
          </button>
          <p className="app-divider">Or sign in with your email address and password</p>
        </>
      ) : null}
      <form onSubmit={onSubmit} noValidate method="post" aria-label="Sign in with email and password">
        <div className={`nhsuk-form-group${emailError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="email">
            Email address
          </label>
          {emailError ? (
            <span className="nhsuk-error-message" id="email-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {emailError.message}
            </span>
          ) : null}
          <input
            className={`nhsuk-input${emailError ? ' nhsuk-input--error' : ''}`}
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            aria-describedby={emailError ? 'email-error' : undefined}
          />
        </div>
        <div className={`nhsuk-form-group${passwordError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="password">
            Password
          </label>
          {passwordError ? (
            <span className="nhsuk-error-message" id="password-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {passwordError.message}
            </span>
          ) : null}
          <input
            className={`nhsuk-input${passwordError ? ' nhsuk-input--error' : ''}`}
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            aria-describedby={passwordError ? 'password-error' : undefined}
          />
        </div>
        <button className="nhsuk-button" type="submit" disabled={busy} data-module="nhsuk-button">
          Sign in
        </button>
      </form>
      <p className="nhsuk-body-s">
        No account, or locked out? Ask your Switchboard administrator: they can send you a one-time sign-in
        link.
      </p>
    </>
  );
}
