'use client';
import type { ImpactScope, WindowMeasures } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type ReactNode, useState } from 'react';
import { actorLabel, count, duration, percent, ukDate, ukTime } from '../../lib/format.ts';
import { INCIDENT_TYPE_LABEL, NEXT_STAGES, STAGE_LABEL } from '../../lib/incidents.ts';
import { useNames } from '../../lib/names.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';

const when = (at: string) => `${ukDate(at)} ${ukTime(at)}`;
const num = (v: number | null, f: (x: number) => string) => (v === null ? '–' : f(v));
const ms = (v: number) => duration(v);
const signed = (v: number | null, f: (x: number) => string) =>
  v === null ? '–' : `${v > 0 ? '+' : ''}${f(v)}`;

const ROWS: [string, keyof WindowMeasures, (x: number) => string][] = [
  ['Calls offered', 'offered', count],
  ['Answered within 60 s', 'answeredWithin60sPct', percent],
  ['Mean time to answer', 'meanAnswerMs', ms],
  ['95th-centile time to answer', 'p95AnswerMs', ms],
  ['Abandoned (all)', 'abandoned', count],
  ['Abandoned after 30 s', 'abandonedAfter30s', count],
];

/** An incident: its state, its impact against a normal day (live while open) and its timeline. */
export function IncidentView({ id, canOperate }: { id: number; canOperate: boolean }) {
  const trpc = useTRPC();
  const names = useNames();
  const { data: incident, error } = useQuery(trpc.incidents.get.queryOptions({ id }));
  const { data: impact } = useQuery(trpc.incidents.impact.queryOptions({ id }));
  if (!incident) return <p>{error ? `This incident could not be loaded: ${error.message}` : 'Loading…'}</p>;
  return (
    <>
      <span className="nhsuk-caption-l">{incident.reference}</span>
      <h1 className="nhsuk-heading-l">{incident.title}</h1>
      <dl className="nhsuk-summary-list">
        {(
          [
            [
              'Type',
              `${INCIDENT_TYPE_LABEL[incident.type]}${incident.eprrLevel ? `, EPRR level ${incident.eprrLevel}` : ''}`,
            ],
            ['Stage', STAGE_LABEL[incident.stage]],
            [
              'Sites',
              incident.siteIds.map((siteId, i) => (
                <span key={siteId}>
                  {i > 0 ? ', ' : ''}
                  <Link href={`/sites/${encodeURIComponent(siteId)}`} prefetch={false}>
                    {names.site(siteId)}
                  </Link>
                </span>
              )),
            ],
            ['Systems', incident.systemIds.map(names.system).join(', ') || '–'],
            ['Started (UK time)', when(incident.startedAt)],
            ['Declared', `${when(incident.declaredAt)} by ${actorLabel(incident.declaredBy)}`],
            ['Stood down', incident.stoodDownAt ? when(incident.stoodDownAt) : 'not yet'],
          ] as [string, ReactNode][]
        ).map(([k, v]) => (
          <div key={k} className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">{k}</dt>
            <dd className="nhsuk-summary-list__value">{v}</dd>
          </div>
        ))}
      </dl>
      {canOperate ? <StageControls id={id} stage={incident.stage} /> : null}
      {impact ? <ImpactPanel impact={impact} siteName={names.site} /> : <p>Loading the impact…</p>}
      <h2 className="nhsuk-heading-m">Timeline</h2>
      <ol className="nhsuk-list app-timeline" data-testid="timeline">
        {incident.timeline.map((e) => (
          <li key={e.id}>
            <strong>{when(e.at)}</strong> —{' '}
            {e.kind === 'note' ? e.note : e.stage ? STAGE_LABEL[e.stage] : e.kind}{' '}
            <span className="nhsuk-body-s">({actorLabel(e.actor)})</span>
          </li>
        ))}
      </ol>
    </>
  );
}

function ImpactPanel({
  impact,
  siteName,
}: {
  impact: ImpactScope & { live: boolean; sites: ImpactScope[] };
  siteName: (id: string) => string;
}) {
  const scopes = [impact, ...(impact.sites.length > 1 ? impact.sites : [])];
  return (
    <section data-testid="impact" aria-labelledby="impact-title">
      <h2 className="nhsuk-heading-m" id="impact-title">
        Impact against a normal day{' '}
        <span className="nhsuk-caption-m app-window">
          {when(impact.window.from)} to {impact.live ? 'now' : when(impact.window.to)}; baseline: the same
          weekday and time over the 4 weeks before ({impact.baselineWeeks} of 4 weeks had data)
        </span>
      </h2>
      <ul className="nhsuk-list">
        <li>
          Extra calls that waited over 60 s: <strong>{signed(impact.extraOver60s, count)}</strong>
        </li>
        <li>
          Extra calls abandoned: <strong>{signed(impact.extraAbandoned, count)}</strong>
        </li>
        <li>
          Extra caller-hours of waiting: <strong>{signed(impact.extraWaitHours, (h) => h.toFixed(1))}</strong>
        </li>
      </ul>
      {scopes.map((scope) => (
        <table key={scope.siteId ?? 'all'} className="nhsuk-table app-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            {scope.siteId === null ? 'All affected sites' : siteName(scope.siteId)}
            {scope.missingWeeks > 0 ? ` — ${scope.missingWeeks} baseline week(s) missing` : ''}
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {['Measure', 'During the incident', 'Normal day'].map((h) => (
                <th key={h} className="nhsuk-table__header" scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {ROWS.map(([label, key, f]) => (
              <tr key={key} className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="row">
                  {label}
                </th>
                <td className="nhsuk-table__cell">{num(scope.current[key], f)}</td>
                <td className="nhsuk-table__cell">{num(scope.baseline[key], f)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

function StageControls({ id, stage }: { id: number; stage: keyof typeof NEXT_STAGES }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const update = useMutation(
    trpc.incidents.update.mutationOptions({
      onSuccess: async () => {
        setNote('');
        await queryClient.invalidateQueries();
      },
    }),
  );
  const next = NEXT_STAGES[stage];
  return (
    <form
      className="nhsuk-u-margin-bottom-5"
      onSubmit={(e) => {
        e.preventDefault();
        if (note.trim()) update.mutate({ id, note: note.trim() });
      }}
    >
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="incident-note">
          Add a note to the timeline
        </label>
        <textarea
          className="nhsuk-textarea"
          id="incident-note"
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <div className="nhsuk-button-group">
        <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={update.isPending}>
          Add note
        </button>
        {next.map((s) => (
          <button
            key={s}
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={update.isPending}
            onClick={() => update.mutate({ id, stage: s, ...(note.trim() ? { note: note.trim() } : {}) })}
          >
            Move to {STAGE_LABEL[s].toLowerCase()}
          </button>
        ))}
      </div>
      {update.error ? <p className="nhsuk-error-message">{update.error.message}</p> : null}
    </form>
  );
}
