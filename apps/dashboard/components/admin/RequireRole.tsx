import type { ReactNode } from 'react';
import { currentUser } from '../../lib/auth/current-user.ts';

/** A section for some roles only; anyone else reads why instead (the API refuses them regardless). */
export async function RequireRole({ roles, children }: { roles: string[]; children: ReactNode }) {
  const user = await currentUser();
  if (user && roles.includes(user.role)) return children;
  return (
    <>
      <h1 className="nhsuk-heading-l">This section is for administrators</h1>
      <p className="nhsuk-body">Ask your Switchboard administrator if you need it.</p>
    </>
  );
}
