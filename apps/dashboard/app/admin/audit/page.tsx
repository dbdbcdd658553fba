import type { Metadata } from 'next';
import { AuditLog } from '../../../components/admin/AuditLog.tsx';
import { RequireRole } from '../../../components/admin/RequireRole.tsx';
import { auditFilterFromParams } from '../../../lib/admin/audit-filter.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

type Params = Promise<Record<string, string | string[] | undefined>>;

export default async function Page({ searchParams }: { searchParams: Params }) {
  const filter = auditFilterFromParams(await searchParams);
  return (
    <RequireRole roles={['admin']}>
      <h1 className="nhsuk-heading-l">Audit log</h1>
      <p className="nhsuk-body">
        Every change to people, keys, sites, systems and displays: who, what, when, from where.
      </p>
      <AuditLog filter={filter} />
    </RequireRole>
  );
}
