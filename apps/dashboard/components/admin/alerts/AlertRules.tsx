'use client';
import { ALERT_MEASURES, type AlertMeasure, type AlertRuleKind } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTRPC } from '../../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../../forms/ErrorSummary.tsx';
import { AdminRow, AdminTable, Cell } from '../kit/AdminTable.tsx';
import { Checkbox, toggled } from '../kit/Checkbox.tsx';
import { RemoveButton } from '../kit/RowButton.tsx';
import { SubmitButton } from '../kit/SubmitButton.tsx';
import { useAdminForm, useAdminMutation } from '../kit/useAdminForm.ts';
import { choices, SelectField, TextField } from '../TextField.tsx';

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

const MEASURES = (Object.keys(ALERT_MEASURES) as AlertMeasure[]).map((m) => ({
  value: m,
  label: MEASURE_LABEL[m],
}));
const FIELDS = [
  'kind',
  'minutes',
  'siteIds',
  'systemIds',
  'measure',
  'threshold',
  'channelIds',
  'repeatMinutes',
];

/** Alert rules: what to watch, for how long, and which channels hear about it. */
export function AlertRules() {
  const trpc = useTRPC();
  const rules = useQuery(trpc.alerts.listRules.queryOptions());
  const channels = useQuery(trpc.alerts.listChannels.queryOptions()).data ?? [];
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const systems = useQuery(trpc.systems.list.queryOptions()).data ?? [];
  const invalidate = [trpc.alerts.listRules.queryKey()];
  const form = useAdminForm('rule', {
    kind: 'system_down' as AlertRuleKind,
    minutes: '5',
    site: '',
    system: '',
    measure: 'answeredWithin60sPct' as AlertMeasure,
    threshold: '80',
    repeatMinutes: '',
    channelIds: [] as number[],
  });
  const { kind, minutes, threshold, repeatMinutes: repeat, channelIds: chosen } = form.values;
  const create = useAdminMutation(trpc.alerts.createRule.mutationOptions(), {
    invalidate,
    onSuccess: () => form.setErrors([]),
    onError: form.apiError(FIELDS),
  });
  const remove = useAdminMutation(trpc.alerts.deleteRule.mutationOptions(), { invalidate });

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
    form.setErrors(problems);
    if (problems.length > 0) return;
    const { site, system, measure } = form.values;
    create.mutate({
      kind,
      ...(kind === 'incident' ? {} : { minutes: wait }),
      siteIds: site ? [site] : [],
      systemIds: system && kind === 'system_down' ? [system] : [],
      ...(kind === 'off_target' ? { measure, threshold: Number(threshold) } : {}),
      channelIds: chosen,
      repeatMinutes: repeat.trim() === '' ? null : Number(repeat),
    });
  }

  const siteName = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const channelName = Object.fromEntries(channels.map((c) => [c.id, c.name]));
  const channelError = form.message('rule-channelIds');
  return (
    <section aria-labelledby="rules-heading">
      <h2 className="nhsuk-heading-m" id="rules-heading">
        Rules
      </h2>
      <ErrorSummary errors={form.errors} />
      <form onSubmit={onCreate} noValidate aria-label="Add a rule">
        <SelectField label="Alert when" options={KINDS} {...form.bind('kind')} />
        {kind === 'incident' ? null : (
          <TextField
            label="For at least (minutes)"
            inputMode="numeric"
            width={10}
            {...form.bind('minutes')}
          />
        )}
        <SelectField label="Site" options={choices('Every site', sites)} {...form.bind('site')} />
        {kind === 'system_down' ? (
          <SelectField label="System" options={choices('Every system', systems)} {...form.bind('system')} />
        ) : null}
        {kind === 'off_target' ? (
          <>
            <SelectField label="Measure" options={MEASURES} {...form.bind('measure')} />
            <TextField label="Threshold" inputMode="decimal" width={10} {...form.bind('threshold')} />
          </>
        ) : null}
        <TextField
          label="Repeat every (minutes, optional)"
          hint="While it holds; leave empty to send once and then when it clears"
          inputMode="numeric"
          width={10}
          {...form.bind('repeatMinutes')}
        />
        <div className={`nhsuk-form-group${channelError ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" id="rule-channelIds">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Send to</legend>
            {channelError ? (
              <span className="nhsuk-error-message">
                <span className="nhsuk-u-visually-hidden">Error:</span> {channelError}
              </span>
            ) : null}
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
              {channels.map((channel) => (
                <Checkbox
                  key={channel.id}
                  id={`rule-channel-${channel.id}`}
                  label={channel.name}
                  checked={chosen.includes(channel.id)}
                  onChange={(on) => form.set((v) => ({ channelIds: toggled(v.channelIds, channel.id, on) }))}
                />
              ))}
            </div>
          </fieldset>
        </div>
        <SubmitButton pending={create.isPending}>Add rule</SubmitButton>
      </form>
      <AdminTable
        testId="alert-rules"
        caption="Alert rules"
        columns={['Rule', 'Where', 'Send to', '']}
        query={rules}
        empty="No rules yet."
      >
        {(rule) => (
          <AdminRow
            key={rule.id}
            head={
              <>
                {KIND_TEXT[rule.kind] ?? rule.kind}
                <span className="nhsuk-body-s app-subline">
                  {rule.kind === 'off_target' && rule.measure
                    ? `${MEASURE_LABEL[rule.measure as AlertMeasure] ?? rule.measure}, threshold ${rule.threshold}; `
                    : ''}
                  {rule.kind === 'incident' ? 'at once' : `for ${rule.minutes} min`}
                  {rule.repeatMinutes ? `, repeated every ${rule.repeatMinutes} min` : ''}
                  {rule.enabled ? '' : ' (off)'}
                </span>
              </>
            }
          >
            <Cell>
              {rule.siteIds.length ? rule.siteIds.map((id) => siteName[id] ?? id).join(', ') : 'Every site'}
              {rule.systemIds.length ? ` · ${rule.systemIds.join(', ')}` : ''}
            </Cell>
            <Cell>{rule.channelIds.map((id) => channelName[id] ?? `#${id}`).join(', ')}</Cell>
            <Cell>
              <RemoveButton action={remove} input={{ id: rule.id }} what={`rule ${rule.id}`} />
            </Cell>
          </AdminRow>
        )}
      </AdminTable>
    </section>
  );
}
