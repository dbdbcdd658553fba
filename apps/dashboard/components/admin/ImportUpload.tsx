'use client';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { SelectField } from './TextField.tsx';

/** The API's largest upload (apps/api/src/import/http.ts); a larger history goes through the CLI. */
const MAX_BYTES = 256 * 1024 * 1024;

type Outcome = { rows: number; accepted: number; duplicates: number };
type Phase = { kind: 'idle' } | { kind: 'sending'; sent: number; total: number } | { kind: 'storing' };

/**
 * Upload a CSV of call events for one site: sent with a progress bar (the API reads it as it arrives),
 * then the import's answer — how many events were stored, or the line of the first bad row.
 */
export function ImportUpload() {
  const trpc = useTRPC();
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const [siteId, setSiteId] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const site = siteId || sites[0]?.id || '';

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    const chosen = file.current?.files?.[0];
    const problems: FieldError[] = [];
    if (!site) problems.push({ field: 'import-site', message: 'Choose the site the calls belong to' });
    if (!chosen) problems.push({ field: 'import-file', message: 'Choose a CSV file of call events' });
    else if (chosen.size > MAX_BYTES)
      problems.push({
        field: 'import-file',
        message: 'The file is larger than 256 MB: split it, or use npm run import on the server',
      });
    setErrors(problems);
    if (problems.length > 0 || !chosen) return;
    const request = new XMLHttpRequest();
    request.open('POST', `/import/calls.csv?siteId=${encodeURIComponent(site)}`);
    request.setRequestHeader('content-type', 'text/csv');
    request.upload.onprogress = (e) =>
      setPhase({ kind: 'sending', sent: e.loaded, total: e.total || chosen.size });
    request.upload.onload = () => setPhase({ kind: 'storing' });
    request.onerror = () => {
      setPhase({ kind: 'idle' });
      setErrors([
        { field: 'import-file', message: 'The upload failed: the dashboard is not reachable. Try again' },
      ]);
    };
    request.onload = () => {
      setPhase({ kind: 'idle' });
      let body: { error?: { message?: string } } & Partial<Outcome> = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {}
      if (request.status === 200) setOutcome(body as Outcome);
      else
        setErrors([
          { field: 'import-file', message: body.error?.message ?? `The import failed (${request.status})` },
        ]);
    };
    setPhase({ kind: 'sending', sent: 0, total: chosen.size });
    request.send(chosen);
  }

  const busy = phase.kind !== 'idle';
  const fileError = errors.find((e) => e.field === 'import-file')?.message;
  return (
    <>
      <ErrorSummary errors={errors} />
      {outcome ? (
        <div className="nhsuk-inset-text" role="status" data-testid="import-result">
          <p>
            Imported {outcome.accepted.toLocaleString('en-GB')} events from{' '}
            {outcome.rows.toLocaleString('en-GB')} rows ({outcome.duplicates.toLocaleString('en-GB')} were
            already there). Rollups are up to date.
          </p>
        </div>
      ) : null}
      <form onSubmit={onSubmit} noValidate aria-label="Import call history">
        <SelectField
          id="import-site"
          label="Site"
          value={site}
          onChange={(e) => setSiteId(e.target.value)}
          options={sites.map((s) => ({ value: s.id, label: s.name }))}
        />
        <div className={`nhsuk-form-group${fileError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="import-file">
            CSV file of call events
          </label>
          <div className="nhsuk-hint" id="import-file-hint">
            Up to 256 MB. Larger histories:{' '}
            <code>npm run import -- calls --site &lt;id&gt; &lt;file.csv&gt;</code>
          </div>
          {fileError ? (
            <span className="nhsuk-error-message" id="import-file-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {fileError}
            </span>
          ) : null}
          <input
            className="nhsuk-file-upload"
            id="import-file"
            name="import-file"
            type="file"
            accept=".csv,text/csv"
            ref={file}
            aria-describedby={`import-file-hint${fileError ? ' import-file-error' : ''}`}
          />
        </div>
        <button className="nhsuk-button" type="submit" disabled={busy}>
          Import
        </button>
      </form>
      {busy ? (
        <div className="nhsuk-form-group" data-testid="import-progress">
          <label className="nhsuk-label" htmlFor="import-progress-bar">
            {phase.kind === 'sending'
              ? `Sending and checking: ${Math.round((100 * phase.sent) / Math.max(phase.total, 1))}%`
              : 'Storing the events and updating rollups…'}
          </label>
          <progress
            id="import-progress-bar"
            className="app-progress"
            max={phase.kind === 'sending' ? Math.max(phase.total, 1) : undefined}
            value={phase.kind === 'sending' ? phase.sent : undefined}
          />
        </div>
      ) : null}
    </>
  );
}
