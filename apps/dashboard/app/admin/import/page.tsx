import type { Metadata } from 'next';
import { ImportUpload } from '../../../components/admin/ImportUpload.tsx';
import { RequireRole } from '../../../components/admin/RequireRole.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Import call history' };

export default function Page() {
  return (
    <RequireRole roles={['admin']}>
      <h1 className="nhsuk-heading-l">Import call history</h1>
      <p className="nhsuk-body">
        Load call events exported from your telephony (ACD) system, so baselines and reports reach back before
        Switchboard. The file needs a header row with <code>callId,kind,at,waitMs,queue,agentId</code>; times
        without an offset are read as UK time. A bad row stops the import, names its line, and nothing is
        stored. Importing the same file twice stores each event once.
      </p>
      <ImportUpload />
    </RequireRole>
  );
}
