'use client';
import { useQuery } from '@tanstack/react-query';
import { ukDateTime } from '../../../lib/format-date.ts';
import { useTRPC } from '../../../lib/trpc/client.tsx';

/** Alerts holding now (fired, not yet resolved), refreshed every 15 s. */
export function FiringNow() {
  const trpc = useTRPC();
  const firing = useQuery({ ...trpc.alerts.firing.queryOptions(), refetchInterval: 15_000 });
  return (
    <section aria-labelledby="firing-heading">
      <h2 className="nhsuk-heading-m" id="firing-heading">
        Firing now
      </h2>
      {firing.data?.length === 0 ? (
        <p className="nhsuk-body">No alert is firing.</p>
      ) : firing.data ? (
        <ul className="nhsuk-list nhsuk-list--bullet" data-testid="alerts-firing">
          {firing.data.map((alert) => (
            <li key={`${alert.ruleId}-${alert.subject}`} data-subject={alert.subject}>
              <strong>{alert.description}</strong>, since {ukDateTime(alert.since)}; last sent{' '}
              {ukDateTime(alert.lastSentAt)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="nhsuk-body">{firing.error ? firing.error.message : 'Loading…'}</p>
      )}
    </section>
  );
}
