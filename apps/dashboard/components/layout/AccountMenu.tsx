import type { SessionUser } from '../../lib/auth/session.ts';

const ROLE_LABEL: Record<string, string> = {
  viewer: 'Viewer',
  analyst: 'Analyst',
  manager: 'Manager',
  admin: 'Administrator',
};

export const roleLabel = (role: string): string => ROLE_LABEL[role] ?? role;

/** Who is signed in, in what role, and a sign-out button (a plain form: works before the page hydrates). */
export function AccountMenu({ user }: { user: SessionUser }) {
  return (
    <nav className="nhsuk-header__account app-account" aria-label="Account">
      <ul className="nhsuk-header__account-list">
        <li className="nhsuk-header__account-item" data-testid="account">
          <span className="app-account__name">{user.name}</span>
          <span className="app-account__role" data-testid="account-role">
            {roleLabel(user.role)}
          </span>
        </li>
        <li className="nhsuk-header__account-item">
          <form className="nhsuk-header__account-form" action="/sign-out" method="post">
            <button className="nhsuk-header__account-button" type="submit">
              Sign out
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}
