'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { actorLabel } from '../../lib/format.ts';
import { ukDateTime } from '../../lib/format-date.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ukInputToIso, ukInputValue } from '../../lib/uk-input.ts';

/**
 * Paper mode (business continuity) for a site: whether it is on paper and since when (figures from the
 * clinical system are partial then), earlier periods, and for managers the start/end form.
 */
export function PaperPanel({ siteId, canOperate }: { siteId: string; canOperate: boolean }) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.incidents.paper.list.queryOptions({ siteIds: [siteId] }));
  const periods = data ?? [];
  const open = periods.find((p) => p.open);
  return (
    <section aria-labelledby="paper-title" data-testid="paper">
      <h2 className="nhsuk-heading-m" id="paper-title">
        Paper mode
      </h2>
      {open ? (
        <div className="nhsuk-warning-callout" data-testid="paper-open">
          <h3 className="nhsuk-warning-callout__label">
            <span>
              <span className="nhsuk-u-visually-hidden">Important: </span>On paper since{' '}
              {ukDateTime(open.startedAt)}
            </span>
          </h3>
          <p>
            <strong className="nhsuk-tag nhsuk-tag--orange">Partial</strong> Figures that come only from the
            clinical system (cases, callbacks, dispositions) are partial while the site works on paper. Call
            figures from the telephony are complete. Counts kept on paper are entered below as manual tallies
            and shown apart, marked <strong className="nhsuk-tag nhsuk-tag--purple">Manual</strong>.
          </p>
          <p className="nhsuk-body-s">
            Set by {actorLabel(open.setBy)}
            {open.note ? ` — ${open.note}` : ''}
          </p>
        </div>
      ) : (
        <p className="nhsuk-body">This site is not on paper.</p>
      )}
      {canOperate ? open ? <EndForm id={open.id} /> : <StartForm siteId={siteId} /> : null}
      {periods.filter((p) => !p.open).length > 0 ? (
        <table className="nhsuk-table app-table" data-testid="paper-periods">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            Earlier paper periods (UK time)
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {['From', 'To', 'Set by'].map((h) => (
                <th key={h} className="nhsuk-table__header" scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {periods
              .filter((p) => !p.open)
              .slice(0, 20)
              .map((p) => (
                <tr key={p.id} className="nhsuk-table__row">
                  <td className="nhsuk-table__cell">{ukDateTime(p.startedAt)}</td>
                  <td className="nhsuk-table__cell">{ukDateTime(p.endedAt)}</td>
                  <td className="nhsuk-table__cell">{actorLabel(p.setBy)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries();
}

function StartForm({ siteId }: { siteId: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [from, setFrom] = useState(() => ukInputValue(Date.now()));
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const start = useMutation(trpc.incidents.paper.start.mutationOptions());
  const end = useMutation(trpc.incidents.paper.end.mutationOptions());
  const busy = start.isPending || end.isPending;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        const startedAt = ukInputToIso(from);
        const endedAt = to ? ukInputToIso(to) : null;
        if (!startedAt) return setProblem('Start: enter a UK date and time that exists');
        if (to && !endedAt) return setProblem('End: enter a UK date and time that exists');
        setProblem(null);
        try {
          const period = await start.mutateAsync({ siteId, startedAt });
          if (endedAt) await end.mutateAsync({ id: period.id, endedAt });
        } catch (error) {
          setProblem(error instanceof Error ? error.message : 'Something went wrong. Try again');
        }
        await refresh();
      }}
    >
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="paper-from">
          On paper from (UK time)
        </label>
        <input
          className="nhsuk-input nhsuk-input--width-20"
          type="datetime-local"
          id="paper-from"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="paper-to">
          Until (UK time)
        </label>
        <div className="nhsuk-hint" id="paper-to-hint">
          Leave empty while the site is still on paper.
        </div>
        <input
          className="nhsuk-input nhsuk-input--width-20"
          type="datetime-local"
          id="paper-to"
          aria-describedby="paper-to-hint"
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
      </div>
      {problem ? <p className="nhsuk-error-message">{problem}</p> : null}
      <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy}>
        Mark this site on paper
      </button>
    </form>
  );
}

function EndForm({ id }: { id: number }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [at, setAt] = useState(() => ukInputValue(Date.now()));
  const [problem, setProblem] = useState<string | null>(null);
  const end = useMutation(trpc.incidents.paper.end.mutationOptions({ onSuccess: () => refresh() }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const endedAt = ukInputToIso(at);
        if (!endedAt) return setProblem('End: enter a UK date and time that exists');
        setProblem(null);
        end.mutate({ id, endedAt });
      }}
    >
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="paper-end">
          Back on the clinical system at (UK time)
        </label>
        <input
          className="nhsuk-input nhsuk-input--width-20"
          type="datetime-local"
          id="paper-end"
          value={at}
          onChange={(e) => setAt(e.target.value)}
        />
      </div>
      {problem || end.error ? <p className="nhsuk-error-message">{problem ?? end.error?.message}</p> : null}
      <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={end.isPending}>
        End paper mode
      </button>
    </form>
  );
}
