import type { ReactNode } from 'react';
import { AdminShell, sectionsFor } from '../../components/layout/AdminShell.tsx';
import { PlainShell } from '../../components/layout/PlainShell.tsx';
import { currentUser } from '../../lib/auth/current-user.ts';

/**
 * The admin area: administrators see everything; managers see displays. Anyone else is told so (the API
 * refuses their calls regardless: this page only spares them a screen of errors).
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user || sectionsFor(user.role).length === 0) {
    return (
      <PlainShell>
        <h1 className="nhsuk-heading-l">You cannot use the admin area</h1>
        <p className="nhsuk-body">
          It is for managers (displays) and administrators. Ask your Switchboard administrator if you need it.
        </p>
      </PlainShell>
    );
  }
  return <AdminShell user={user}>{children}</AdminShell>;
}
