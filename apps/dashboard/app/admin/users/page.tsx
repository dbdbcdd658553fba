import type { Metadata } from 'next';
import { RequireRole } from '../../../components/admin/RequireRole.tsx';
import { UsersAdmin } from '../../../components/admin/UsersAdmin.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'People' };

export default function Page() {
  return (
    <RequireRole roles={['admin']}>
      <h1 className="nhsuk-heading-l">People</h1>
      <p className="nhsuk-body">
        Who may sign in, in which role and for which sites. Invited people sign in with a one-time link, then
        by single sign-on or a password.
      </p>
      <UsersAdmin />
    </RequireRole>
  );
}
