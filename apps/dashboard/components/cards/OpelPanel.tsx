'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { actorLabel } from '../../lib/format.ts';
import { ukDateTime } from '../../lib/format-date.ts';
import { OPEL_LABEL } from '../../lib/opel.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { OpelBadge } from './OpelBadge.tsx';

/** A site's OPEL level: the current one with who set it and when, a form for managers, and the history. */
export function OpelPanel({ siteId, canOperate }: { siteId: string; canOperate: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.incidents.opel.current.queryOptions());
  const history = useQuery(trpc.incidents.opel.history.queryOptions({ siteId }));
  const [level, setLevel] = useState('');
  const [note, setNote] = useState('');
  const set = useMutation(
    trpc.incidents.opel.set.mutationOptions({
      onSuccess: async () => {
        setLevel('');
        setNote('');
        await queryClient.invalidateQueries();
      },
    }),
  );
  const opel = current.data?.find((o) => o.siteId === siteId);
  return (
    <section aria-labelledby="opel-title" data-testid="opel">
      <h2 className="nhsuk-heading-m" id="opel-title">
        OPEL level
      </h2>
      {opel ? (
        <p className="nhsuk-body">
          <OpelBadge opel={opel} now={Date.now()} /> {OPEL_LABEL[opel.level]}
          {opel.note ? ` — ${opel.note}` : ''}
        </p>
      ) : (
        <p className="nhsuk-body">No OPEL level has been set for this site.</p>
      )}
      {canOperate ? (
        <form
          className="app-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (level)
              set.mutate({ siteId, level: Number(level), ...(note.trim() ? { note: note.trim() } : {}) });
          }}
        >
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="opel-level">
              Set the OPEL level
            </label>
            <select
              className="nhsuk-select"
              id="opel-level"
              value={level}
              onChange={(e) => setLevel(e.target.value)}
            >
              <option value="">Choose a level</option>
              {[1, 2, 3, 4].map((l) => (
                <option key={l} value={l}>
                  {OPEL_LABEL[l]}
                </option>
              ))}
            </select>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="opel-note">
              Note (optional)
            </label>
            <input
              className="nhsuk-input nhsuk-input--width-30"
              id="opel-note"
              value={note}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <button
            type="submit"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={!level || set.isPending}
          >
            Set OPEL level
          </button>
          {set.error ? <p className="nhsuk-error-message">{set.error.message}</p> : null}
        </form>
      ) : null}
      {history.data && history.data.length > 0 ? (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">OPEL history ({history.data.length})</span>
          </summary>
          <div className="nhsuk-details__text">
            <table className="nhsuk-table app-table" data-testid="opel-history">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">
                OPEL levels set for this site, newest first (UK time)
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  {['Set at', 'Level', 'By', 'Note'].map((h) => (
                    <th key={h} className="nhsuk-table__header" scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {history.data.map((h) => (
                  <tr key={`${h.setAt}-${h.level}-${h.setBy}`} className="nhsuk-table__row">
                    <td className="nhsuk-table__cell">{ukDateTime(h.setAt)}</td>
                    <td className="nhsuk-table__cell">{OPEL_LABEL[h.level]}</td>
                    <td className="nhsuk-table__cell">{actorLabel(h.setBy)}</td>
                    <td className="nhsuk-table__cell">{h.note ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}
