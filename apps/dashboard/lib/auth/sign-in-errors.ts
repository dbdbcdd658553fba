/** What the sign-in page says about each way a sign-in can fail (one place for the wording). */
export const SIGN_IN_ERRORS = {
  emailMissing: 'Enter your email address',
  emailFormat: 'Enter an email address in the correct format, like name@nhs.net',
  passwordMissing: 'Enter your password',
  wrong: 'The email address or password is not right. Check them and try again',
  disabled: 'This account has been disabled. Ask your Switchboard administrator',
  unreachable: 'Switchboard is not answering at the moment. Try again in a minute',
  sso: 'Single sign-on did not complete. Try again, or sign in with your email address and password',
  link: 'That sign-in link has expired or has already been used. Ask your administrator for a new one',
} as const;

/** Too many attempts: when to try again, from the answer's Retry-After (seconds). */
export function tooManyAttempts(retryAfter: string | null): string {
  const seconds = Number(retryAfter);
  if (!Number.isFinite(seconds) || seconds <= 0)
    return 'Too many sign-in attempts. Wait a few minutes and try again';
  const minutes = Math.ceil(seconds / 60);
  return seconds < 60
    ? `Too many sign-in attempts. Try again in ${Math.ceil(seconds)} seconds`
    : `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The message for an error named in the sign-in page's address (`?error=`: SSO, links, the API away). */
export function errorFromQuery(error: string | undefined): string | null {
  if (!error) return null;
  if (error === 'unreachable') return SIGN_IN_ERRORS.unreachable;
  if (/token|expired|link/i.test(error)) return SIGN_IN_ERRORS.link;
  if (/banned|disabled/i.test(error)) return SIGN_IN_ERRORS.disabled;
  return SIGN_IN_ERRORS.sso;
}
