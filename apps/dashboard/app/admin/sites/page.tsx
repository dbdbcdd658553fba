import type { Metadata } from 'next';
import { RequireRole } from '../../../components/admin/RequireRole.tsx';
import { SitesAdmin } from '../../../components/admin/SitesAdmin.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sites and systems' };

export default function Page() {
  return (
    <RequireRole roles={['admin']}>
      <h1 className="nhsuk-heading-l">Sites and systems</h1>
      <p className="nhsuk-body">The NHS 111 call centres and the systems their call handlers depend on.</p>
      <SitesAdmin />
    </RequireRole>
  );
}
