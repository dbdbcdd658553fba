import type { Metadata } from 'next';
import { DisplaysAdmin } from '../../../components/admin/DisplaysAdmin.tsx';
import { RequireRole } from '../../../components/admin/RequireRole.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Displays' };

export default function Page() {
  return (
    <RequireRole roles={['admin', 'manager']}>
      <h1 className="nhsuk-heading-l">Displays</h1>
      <p className="nhsuk-body">
        Wallboard screens. A display reads only its sites, never expires while in use, and stops at once when
        revoked.
      </p>
      <DisplaysAdmin />
    </RequireRole>
  );
}
