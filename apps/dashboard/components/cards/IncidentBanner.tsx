'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ukWhen } from '../../lib/format.ts';
import { INCIDENT_TYPE_LABEL, STAGE_LABEL } from '../../lib/incidents.ts';
import { useNames } from '../../lib/names.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';

/** Open incidents, on every page: what, where, since when, and a link to the impact. Refreshed live. */
export function IncidentBanner() {
  const trpc = useTRPC();
  const names = useNames();
  const { data } = useQuery(trpc.incidents.list.queryOptions({ status: 'open' }));
  if (!data || data.length === 0) return null;
  const now = Date.now();
  return (
    <section className="nhsuk-warning-callout" data-testid="incident-banner" aria-label="Open incidents">
      <h2 className="nhsuk-warning-callout__label">
        <span>
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {data.length === 1 ? 'Open incident' : `${data.length} open incidents`}
        </span>
      </h2>
      <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
        {data.map((i) => (
          <li key={i.id}>
            <Link href={`/incidents/${i.id}`}>
              {i.reference}: {i.title}
            </Link>{' '}
            — {INCIDENT_TYPE_LABEL[i.type]}
            {i.eprrLevel ? `, EPRR level ${i.eprrLevel}` : ''}, {STAGE_LABEL[i.stage].toLowerCase()}, since{' '}
            {ukWhen(i.startedAt, now)} at {i.siteIds.map(names.site).join(', ')}
          </li>
        ))}
      </ul>
    </section>
  );
}
