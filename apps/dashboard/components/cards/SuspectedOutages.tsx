'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useNames } from '../../lib/names.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';

/**
 * "Adastra down at Leeds for 12 min — declare an incident?": systems down or unknown for 5 minutes or more
 * that no open incident covers, each with a button that declares one prefilled (then opens it).
 */
export function SuspectedOutages({ siteId, canOperate }: { siteId?: string; canOperate: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const names = useNames();
  const { data } = useQuery(trpc.incidents.suspected.queryOptions(undefined, { refetchInterval: 30_000 }));
  const declare = useMutation(
    trpc.incidents.declare.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries();
        router.push(`/incidents/${id}`);
      },
    }),
  );
  const list = (data ?? []).filter((s) => siteId === undefined || s.siteId === siteId);
  if (list.length === 0) return null;
  return (
    <section
      className="nhsuk-card nhsuk-card--feature"
      data-testid="suspected-outages"
      aria-labelledby="suspected-title"
    >
      <div className="nhsuk-card__content nhsuk-card__content--feature">
        <h2 className="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m" id="suspected-title">
          Possible outages
        </h2>
        <ul className="nhsuk-list">
          {list.map((s) => (
            <li key={`${s.systemId}|${s.siteId}`} className="app-suspected">
              <strong>
                {s.systemName} {s.status} at {names.site(s.siteId)} for {s.minutes} min
              </strong>{' '}
              {canOperate ? ' — declare an incident? ' : ' — a manager can declare an incident.'}
              {canOperate ? (
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                  disabled={declare.isPending}
                  onClick={() => declare.mutate(s.declaration)}
                >
                  Declare an incident<span className="nhsuk-u-visually-hidden">: {s.declaration.title}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        {declare.error ? <p className="nhsuk-error-message">{declare.error.message}</p> : null}
      </div>
    </section>
  );
}
