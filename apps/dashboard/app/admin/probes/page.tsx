import type { Metadata } from 'next';
import { HeartbeatsAdmin } from '../../../components/admin/HeartbeatsAdmin.tsx';
import { ProbesAdmin } from '../../../components/admin/ProbesAdmin.tsx';
import { RequireRole } from '../../../components/admin/RequireRole.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Probes and heartbeats' };

export default function Page() {
  return (
    <RequireRole roles={['admin']}>
      <h1 className="nhsuk-heading-l">Probes</h1>
      <p className="nhsuk-body">
        Checks Switchboard runs itself: a web address, a TCP port, or a supplier&apos;s status page. Each
        result is a status report for the system, like a heartbeat. Probes reach whatever the Switchboard API
        server can reach on your network, so only add addresses you mean it to call.
      </p>
      <ProbesAdmin />
      <HeartbeatsAdmin />
    </RequireRole>
  );
}
