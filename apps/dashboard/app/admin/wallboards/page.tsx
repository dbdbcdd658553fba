import type { Metadata } from 'next';
import { RequireRole } from '../../../components/admin/RequireRole.tsx';
import { WallboardsAdmin } from '../../../components/admin/WallboardsAdmin.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Wallboards' };

export default function Page() {
  return (
    <RequireRole roles={['admin', 'manager']}>
      <h1 className="nhsuk-heading-l">Wallboards</h1>
      <p className="nhsuk-body">
        Boards for the TVs on the floor: which sites, and on each page up to six figures with their window.
        Thresholds are the national targets. Pair a TV with a board in Admin › Displays.
      </p>
      <WallboardsAdmin />
    </RequireRole>
  );
}
