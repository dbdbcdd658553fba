import type { Metadata } from 'next';
import { IncidentList } from '../../../components/cards/IncidentList.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Incidents' };

export default function IncidentsPage() {
  return (
    <>
      <h1 className="nhsuk-heading-l">Incidents</h1>
      <IncidentList />
    </>
  );
}
