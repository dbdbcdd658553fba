'use client';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldMessage } from '../../lib/admin/errors.ts';
import { EXPORT_KINDS, exportFormHref, type ExportForm as Form } from '../../lib/export-form.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { SelectField, TextField } from '../admin/TextField.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';

const ukToday = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const firstOfMonth = (date: string) => `${date.slice(0, 8)}01`;

/** Choose an export, its days and sites, then download it (a plain link: the browser saves the file). */
export function ExportForm() {
  const trpc = useTRPC();
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const today = ukToday();
  const [form, setForm] = useState<Form>({
    kind: 'iuc-adc',
    from: firstOfMonth(today),
    to: today,
    period: 'month',
    interval: '1h',
    view: 'summary',
    bySite: true,
    sites: [],
    profile: 'excel',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [href, setHref] = useState<string | null>(null);
  const set = (patch: Partial<Form>) => {
    setForm((current) => ({ ...current, ...patch }));
    setHref(null);
  };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = exportFormHref(form);
    if ('errors' in result) {
      setErrors(result.errors);
      setHref(null);
    } else {
      setErrors([]);
      setHref(result.href);
    }
  }

  const siteError = fieldMessage(errors, 'export-sites');
  return (
    <>
      <ErrorSummary errors={errors} />
      <form onSubmit={onSubmit} noValidate aria-label="Choose an export">
        <div className="nhsuk-form-group">
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Export</legend>
            <div className="nhsuk-radios">
              {EXPORT_KINDS.map((kind) => (
                <div className="nhsuk-radios__item" key={kind.value}>
                  <input
                    className="nhsuk-radios__input"
                    id={`export-kind-${kind.value}`}
                    name="export-kind"
                    type="radio"
                    checked={form.kind === kind.value}
                    onChange={() => set({ kind: kind.value })}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={`export-kind-${kind.value}`}>
                    {kind.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <TextField
          id="export-from"
          label="First day (UK)"
          type="date"
          width={10}
          value={form.from}
          onChange={(e) => set({ from: e.target.value })}
          error={fieldMessage(errors, 'export-from')}
        />
        <TextField
          id="export-to"
          label="Last day (UK, included)"
          type="date"
          width={10}
          value={form.to}
          onChange={(e) => set({ to: e.target.value })}
          error={fieldMessage(errors, 'export-to')}
        />
        {form.kind === 'iuc-adc' ? (
          <SelectField
            id="export-period"
            label="Reporting period"
            value={form.period}
            onChange={(e) => set({ period: e.target.value as Form['period'] })}
            options={[
              { value: 'month', label: 'Month (the national return)' },
              { value: 'day', label: 'Day (UK calendar days)' },
            ]}
          />
        ) : null}
        {form.kind === 'intervals' ? (
          <>
            <SelectField
              id="export-interval"
              label="Interval"
              value={form.interval}
              onChange={(e) => set({ interval: e.target.value as Form['interval'] })}
              options={[
                { value: '15m', label: '15 minutes' },
                { value: '1h', label: '1 hour' },
                { value: '1d', label: '1 day (UK days)' },
              ]}
            />
            <div className="nhsuk-form-group">
              <div className="nhsuk-checkboxes">
                <div className="nhsuk-checkboxes__item">
                  <input
                    className="nhsuk-checkboxes__input"
                    id="export-by-site"
                    type="checkbox"
                    checked={form.bySite}
                    onChange={(e) => set({ bySite: e.target.checked })}
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="export-by-site">
                    A row per site (otherwise the chosen sites together)
                  </label>
                </div>
              </div>
            </div>
          </>
        ) : null}
        {form.kind === 'availability' ? (
          <SelectField
            id="export-view"
            label="Rows"
            value={form.view}
            onChange={(e) => set({ view: e.target.value as Form['view'] })}
            options={[
              { value: 'summary', label: 'One per system and site (availability over the range)' },
              { value: 'intervals', label: 'One per status interval' },
            ]}
          />
        ) : null}
        <div className={`nhsuk-form-group${siteError ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby="export-sites-hint">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Sites</legend>
            <div className="nhsuk-hint" id="export-sites-hint">
              {form.kind === 'calls' ? 'Choose one site.' : 'None chosen: every site you may see.'}
            </div>
            {siteError ? (
              <span className="nhsuk-error-message" id="export-sites">
                <span className="nhsuk-u-visually-hidden">Error:</span> {siteError}
              </span>
            ) : null}
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
              {sites.map((site) => (
                <div className="nhsuk-checkboxes__item" key={site.id}>
                  <input
                    className="nhsuk-checkboxes__input"
                    id={`export-site-${site.id}`}
                    type="checkbox"
                    checked={form.sites.includes(site.id)}
                    onChange={(e) =>
                      set({
                        sites: e.target.checked
                          ? [...form.sites, site.id]
                          : form.sites.filter((id) => id !== site.id),
                      })
                    }
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`export-site-${site.id}`}>
                    {site.name}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <SelectField
          id="export-profile"
          label="Format"
          value={form.profile}
          onChange={(e) => set({ profile: e.target.value as Form['profile'] })}
          options={[
            { value: 'excel', label: 'Excel (UK local times, byte-order mark)' },
            { value: 'raw', label: 'Raw (UTC ISO 8601 times, for scripts)' },
          ]}
        />
        <button className="nhsuk-button" type="submit">
          Prepare download
        </button>
      </form>
      {href ? (
        <div className="nhsuk-inset-text" data-testid="export-ready">
          <p>
            <a href={href} download data-testid="export-download">
              Download CSV
            </a>
          </p>
          <p className="nhsuk-body-s">
            The same address works from a script or Power Query with an export token:{' '}
            <code className="app-secret">{href}</code>
          </p>
        </div>
      ) : null}
    </>
  );
}
