'use client';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { EXPORT_KINDS, exportFormHref, type ExportForm as Form } from '../../lib/export-form.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { Checkbox, toggled } from '../admin/kit/Checkbox.tsx';
import { SubmitButton } from '../admin/kit/SubmitButton.tsx';
import { useAdminForm } from '../admin/kit/useAdminForm.ts';
import { SelectField, TextField } from '../admin/TextField.tsx';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';

const ukToday = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const firstOfMonth = (date: string) => `${date.slice(0, 8)}01`;
const PERIODS = [
  { value: 'month', label: 'Month (the national return)' },
  { value: 'day', label: 'Day (UK calendar days)' },
];
const INTERVALS = [
  { value: '15m', label: '15 minutes' },
  { value: '1h', label: '1 hour' },
  { value: '1d', label: '1 day (UK days)' },
];
const VIEWS = [
  { value: 'summary', label: 'One per system and site (availability over the range)' },
  { value: 'intervals', label: 'One per status interval' },
];
const PROFILES = [
  { value: 'excel', label: 'Excel (UK local times, byte-order mark)' },
  { value: 'raw', label: 'Raw (UTC ISO 8601 times, for scripts)' },
];

/** Choose an export, its days and sites, then download it (a plain link: the browser saves the file). */
export function ExportForm() {
  const trpc = useTRPC();
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const today = ukToday();
  const form = useAdminForm<Form>('export', {
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
  const { values, set } = form;
  // The link stands only for the choices it was prepared from: any change takes it away.
  const [prepared, setPrepared] = useState<{ from: Form; href: string } | null>(null);
  const href = prepared?.from === values ? prepared.href : null;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = exportFormHref(values);
    form.setErrors('errors' in result ? result.errors : []);
    setPrepared('errors' in result ? null : { from: values, href: result.href });
  }

  const siteError = form.message('export-sites');
  return (
    <>
      <ErrorSummary errors={form.errors} />
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
                    checked={values.kind === kind.value}
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
        <TextField label="First day (UK)" type="date" width={10} {...form.bind('from')} />
        <TextField label="Last day (UK, included)" type="date" width={10} {...form.bind('to')} />
        {values.kind === 'iuc-adc' ? (
          <SelectField label="Reporting period" options={PERIODS} {...form.bind('period')} />
        ) : null}
        {values.kind === 'intervals' ? (
          <>
            <SelectField label="Interval" options={INTERVALS} {...form.bind('interval')} />
            <div className="nhsuk-form-group">
              <div className="nhsuk-checkboxes">
                <Checkbox
                  id="export-by-site"
                  label="A row per site (otherwise the chosen sites together)"
                  checked={values.bySite}
                  onChange={(bySite) => set({ bySite })}
                />
              </div>
            </div>
          </>
        ) : null}
        {values.kind === 'availability' ? (
          <SelectField label="Rows" options={VIEWS} {...form.bind('view')} />
        ) : null}
        <div className={`nhsuk-form-group${siteError ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby="export-sites-hint">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Sites</legend>
            <div className="nhsuk-hint" id="export-sites-hint">
              {values.kind === 'calls' ? 'Choose one site.' : 'None chosen: every site you may see.'}
            </div>
            {siteError ? (
              <span className="nhsuk-error-message" id="export-sites">
                <span className="nhsuk-u-visually-hidden">Error:</span> {siteError}
              </span>
            ) : null}
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
              {sites.map((site) => (
                <Checkbox
                  key={site.id}
                  id={`export-site-${site.id}`}
                  label={site.name}
                  checked={values.sites.includes(site.id)}
                  onChange={(on) => set((v) => ({ sites: toggled(v.sites, site.id, on) }))}
                />
              ))}
            </div>
          </fieldset>
        </div>
        <SelectField label="Format" options={PROFILES} {...form.bind('profile')} />
        <SubmitButton>Prepare download</SubmitButton>
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
