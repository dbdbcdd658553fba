'use client';
import { ALERT_MEASURES, type AlertMeasure, type AlertRuleKind } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiErrors, fieldMessage } from '../../../lib/admin/errors.ts';
import { useTRPC } from '../../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../../forms/ErrorSummary.tsx';
import { SelectField, TextField } from '../TextField.tsx';

const KINDS: { value: AlertRuleKind; label: string }[] = [
  { value: 'system_down', label: 'A system down or unknown at a site' },
  { value: 'off_target', label: 'A site off target on a measure' },
  { value: 'feed_stale', label: "A site's feed stale" },
  { value: 'incident', label: 'An incident declared, changed stage or stood down' },
  { value: 'opel', label: 'OPEL raised at a site (level 3 or above)' },
];
const MEASURE_LABEL: Record<AlertMeasure, string> = {
  answeredWithin60sPct: '% answered within 60 s (off target below)',
  abandonedAllPct: '% abandoned (off target above)',
  abandonedPct: '% abandoned after 30 s (off target above)',
  meanAnswerMs: 'Mean time to answer, ms (off target above)',
  p95AnswerMs: '95th centile time to answer, ms (off target above)',
};
const KIND_TEXT = Object.fromEntries(KINDS.map((k) => [k.value, k.label]));

/** Alert rules: what to watch, for how long, and which channels hear about it. */
export function AlertRules() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.alerts.listRules.queryOptions());
  const channels = useQuery(trpc.alerts.listChannels.queryOptions()).data ?? [];
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const systems = useQuery(trpc.systems.list.queryOptions()).data ?? [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alerts.listRules.queryKey() });
  const [kind, setKind] = useState<AlertRuleKind>('system_down');
  const [minutes, setMinutes] = useState('5');
  const [siteId, setSiteId] = useState('');
  const [systemId, setSystemId] = useState('');
  const [measure, setMeasure] = useState<AlertMeasure>('answeredWithin60sPct');
  const [threshold, setThreshold] = useState('80');
  const [repeat, setRepeat] = useState('');
  const [chosen, setChosen] = useState<number[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const fields = [
    'kind',
    'minutes',
    'siteIds',
    'systemIds',
    'measure',
    'threshold',
    'channelIds',
    'repeatMinutes',
  ];
  const create = useMutation(
    trpc.alerts.createRule.mutationOptions({
      onSuccess: () => {
        setErrors([]);
        void refresh();
      },
      onError: (error) => setErrors(apiErrors(error, 'rule', fields)),
    }),
  );
  const remove = useMutation(trpc.alerts.deleteRule.mutationOptions({ onSuccess: () => void refresh() }));

  function onCreate(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    const wait = Number(minutes);
    if (kind !== 'incident' && !(Number.isInteger(wait) && wait >= 0 && wait <= 1440))
      problems.push({ field: 'rule-minutes', message: 'Enter whole minutes from 0 to 1440' });
    if (kind === 'off_target' && !(threshold.trim() !== '' && Number(threshold) >= 0))
      problems.push({ field: 'rule-threshold', message: 'Enter the threshold, like 80' });
    if (repeat.trim() !== '' && !(Number.isInteger(Number(repeat)) && Number(repeat) >= 1))
      problems.push({ field: 'rule-repeatMinutes', message: 'Enter whole minutes, or leave it empty' });
    if (chosen.length === 0)
      problems.push({
        field: 'rule-channelIds',
        message: 'Choose at least one channel (add one above first)',
      });
    setErrors(problems);
    if (problems.length > 0) return;
    create.mutate({
      kind,
      ...(kind === 'incident' ? {} : { minutes: wait }),
      siteIds: siteId ? [siteId] : [],
      systemIds: systemId && kind === 'system_down' ? [systemId] : [],
      ...(kind === 'off_target' ? { measure, threshold: Number(threshold) } : {}),
      channelIds: chosen,
      repeatMinutes: repeat.trim() === '' ? null : Number(repeat),
    });
  }

  const siteName = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const channelName = Object.fromEntries(channels.map((c) => [c.id, c.name]));
  return (
    <section aria-labelledby="rules-heading">
      <h2 className="nhsuk-heading-m" id="rules-heading">
        Rules
      </h2>
      <ErrorSummary errors={errors} />
      <form onSubmit={onCreate} noValidate aria-label="Add a rule">
        <SelectField
          id="rule-kind"
          label="Alert when"
          options={KINDS}
          value={kind}
          onChange={(e) => setKind(e.target.value as AlertRuleKind)}
        />
        {kind === 'incident' ? null : (
          <TextField
            id="rule-minutes"
            label="For at least (minutes)"
            inputMode="numeric"
            width={10}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            error={fieldMessage(errors, 'rule-minutes')}
          />
        )}
        <SelectField
          id="rule-site"
          label="Site"
          options={[
            { value: '', label: 'Every site' },
            ...sites.map((s) => ({ value: s.id, label: s.name })),
          ]}
          value={siteId}
          onChange={(e) => setSiteId(e.target.value)}
        />
        {kind === 'system_down' ? (
          <SelectField
            id="rule-system"
            label="System"
            options={[
              { value: '', label: 'Every system' },
              ...systems.map((s) => ({ value: s.id, label: s.name })),
            ]}
            value={systemId}
            onChange={(e) => setSystemId(e.target.value)}
          />
        ) : null}
        {kind === 'off_target' ? (
          <>
            <SelectField
              id="rule-measure"
              label="Measure"
              options={(Object.keys(ALERT_MEASURES) as AlertMeasure[]).map((m) => ({
                value: m,
                label: MEASURE_LABEL[m],
              }))}
              value={measure}
              onChange={(e) => setMeasure(e.target.value as AlertMeasure)}
            />
            <TextField
              id="rule-threshold"
              label="Threshold"
              inputMode="decimal"
              width={10}
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
              error={fieldMessage(errors, 'rule-threshold')}
            />
          </>
        ) : null}
        <TextField
          id="rule-repeatMinutes"
          label="Repeat every (minutes, optional)"
          hint="While it holds; leave empty to send once and then when it clears"
          inputMode="numeric"
          width={10}
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={fieldMessage(errors, 'rule-repeatMinutes')}
        />
        <div
          className={`nhsuk-form-group${fieldMessage(errors, 'rule-channelIds') ? ' nhsuk-form-group--error' : ''}`}
        >
          <fieldset className="nhsuk-fieldset" id="rule-channelIds">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Send to</legend>
            {fieldMessage(errors, 'rule-channelIds') ? (
              <span className="nhsuk-error-message">
                <span className="nhsuk-u-visually-hidden">Error:</span>{' '}
                {fieldMessage(errors, 'rule-channelIds')}
              </span>
            ) : null}
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
              {channels.map((channel) => (
                <div className="nhsuk-checkboxes__item" key={channel.id}>
                  <input
                    className="nhsuk-checkboxes__input"
                    id={`rule-channel-${channel.id}`}
                    type="checkbox"
                    checked={chosen.includes(channel.id)}
                    onChange={(e) =>
                      setChosen((c) =>
                        e.target.checked ? [...c, channel.id] : c.filter((id) => id !== channel.id),
                      )
                    }
                  />
                  <label
                    className="nhsuk-label nhsuk-checkboxes__label"
                    htmlFor={`rule-channel-${channel.id}`}
                  >
                    {channel.name}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <button className="nhsuk-button" type="submit" disabled={create.isPending}>
          Add rule
        </button>
      </form>
      {rules.data?.length === 0 ? (
        <p className="nhsuk-body">No rules yet.</p>
      ) : rules.data ? (
        <div className="nhsuk-table-container">
          <table className="nhsuk-table app-table" data-testid="alert-rules">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Alert rules</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                {['Rule', 'Where', 'Send to', ''].map((h, i) => (
                  <th className="nhsuk-table__header" scope="col" key={h || i}>
                    {h || <span className="nhsuk-u-visually-hidden">Actions</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {rules.data.map((rule) => (
                <tr className="nhsuk-table__row" key={rule.id}>
                  <th className="nhsuk-table__cell" scope="row">
                    {KIND_TEXT[rule.kind] ?? rule.kind}
                    <span className="nhsuk-body-s app-subline">
                      {rule.kind === 'off_target' && rule.measure
                        ? `${MEASURE_LABEL[rule.measure as AlertMeasure] ?? rule.measure}, threshold ${rule.threshold}; `
                        : ''}
                      {rule.kind === 'incident' ? 'at once' : `for ${rule.minutes} min`}
                      {rule.repeatMinutes ? `, repeated every ${rule.repeatMinutes} min` : ''}
                      {rule.enabled ? '' : ' (off)'}
                    </span>
                  </th>
                  <td className="nhsuk-table__cell">
                    {rule.siteIds.length
                      ? rule.siteIds.map((id) => siteName[id] ?? id).join(', ')
                      : 'Every site'}
                    {rule.systemIds.length ? ` · ${rule.systemIds.join(', ')}` : ''}
                  </td>
                  <td className="nhsuk-table__cell">
                    {rule.channelIds.map((id) => channelName[id] ?? `#${id}`).join(', ')}
                  </td>
                  <td className="nhsuk-table__cell">
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--small nhsuk-button--warning nhsuk-u-margin-bottom-0"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate({ id: rule.id })}
                    >
                      Delete<span className="nhsuk-u-visually-hidden"> rule {rule.id}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="nhsuk-body">{rules.error ? rules.error.message : 'Loading…'}</p>
      )}
    </section>
  );
}
