'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ukDate, ukTime } from '../../lib/format.ts';
import { INCIDENT_TYPE_LABEL, STAGE_LABEL } from '../../lib/incidents.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';

/** Every incident, newest first: reference, what, where, stage and window (UK time). */
export function IncidentList() {
  const trpc = useTRPC();
  const { data, error } = useQuery(trpc.incidents.list.queryOptions({ status: 'all' }));
  if (!data) return <p>{error ? 'The Switchboard API is not answering. Retrying…' : 'Loading…'}</p>;
  if (data.length === 0) return <p>No incidents have been declared.</p>;
  const when = (at: string | null) => (at ? `${ukDate(at)} ${ukTime(at)}` : 'ongoing');
  const cell = 'nhsuk-table__cell';
  return (
    <table className="nhsuk-table app-table" data-testid="incidents">
      <caption className="nhsuk-table__caption nhsuk-table__caption--m">Declared incidents</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          {['Incident', 'Type', 'Sites', 'Stage', 'Started (UK time)', 'Stood down'].map((h) => (
            <th key={h} className="nhsuk-table__header" scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {data.map((i) => (
          <tr key={i.id} className="nhsuk-table__row">
            <td className={cell}>
              <Link href={`/incidents/${i.id}`}>
                {i.reference}: {i.title}
              </Link>
            </td>
            <td className={cell}>
              {INCIDENT_TYPE_LABEL[i.type]}
              {i.eprrLevel ? ` (EPRR ${i.eprrLevel})` : ''}
            </td>
            <td className={cell}>{i.siteIds.join(', ')}</td>
            <td className={cell}>{STAGE_LABEL[i.stage]}</td>
            <td className={cell}>{when(i.startedAt)}</td>
            <td className={cell}>{when(i.window.to)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
