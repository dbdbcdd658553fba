import type { Metadata } from 'next';
import { ExportForm } from '../../../components/exports/ExportForm.tsx';
import { ExportTokens } from '../../../components/exports/ExportTokens.tsx';
import { currentUser } from '../../../lib/auth/current-user.ts';
import { canExport } from '../../../lib/auth/roles.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Exports' };

/** CSV exports for analysts: the IUC ADC return, the larger exports, and tokens for scripts. */
export default async function ExportsPage() {
  if (!canExport((await currentUser())?.role)) {
    return (
      <>
        <h1 className="nhsuk-heading-l">Exports are for analysts</h1>
        <p className="nhsuk-body">
          Ask your Switchboard administrator for the analyst role if you need them.
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="nhsuk-heading-l">Exports</h1>
      <p className="nhsuk-body">
        CSV files for Excel, Power BI and the monthly IUC ADC return. Times are UK local time in the Excel
        format; a period without data is an empty cell, never 0, and <code>data_complete</code> says whether
        every minute had data.
      </p>
      <ExportForm />
      <h2 className="nhsuk-heading-m">Export tokens</h2>
      <p className="nhsuk-body">
        A token lets Power Query or a scheduled script download the same addresses. It reads exports only,
        with your sites, and stops working if you lose the analyst role.
      </p>
      <ExportTokens />
    </>
  );
}
