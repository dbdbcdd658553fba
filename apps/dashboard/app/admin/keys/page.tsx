import type { Metadata } from 'next';
import { KeysAdmin } from '../../../components/admin/KeysAdmin.tsx';
import { RequireRole } from '../../../components/admin/RequireRole.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Feed keys' };

export default function Page() {
  return (
    <RequireRole roles={['admin']}>
      <h1 className="nhsuk-heading-l">Feed keys</h1>
      <p className="nhsuk-body">
        Keys that telephony, clinical-system and probe feeds send their data with. A revoked key is refused at
        once.
      </p>
      <KeysAdmin />
    </RequireRole>
  );
}
