'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { Checkbox, toggled } from './kit/Checkbox.tsx';

export type SiteScope = 'all' | string[];

/** Which sites something may see: all of them (today's and future ones), or a chosen few. */
export function SitesField({
  id,
  legend,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  value: SiteScope;
  onChange(value: SiteScope): void;
  error?: string;
}) {
  const trpc = useTRPC();
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const chosen = value === 'all' ? [] : value;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {error ? (
          <span className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        ) : null}
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
          <Checkbox
            id={id}
            label="All sites"
            checked={value === 'all'}
            onChange={(all) => onChange(all ? 'all' : [])}
          />
          {value === 'all'
            ? null
            : sites.map((site) => (
                <Checkbox
                  key={site.id}
                  id={`${id}-${site.id}`}
                  label={site.name}
                  checked={chosen.includes(site.id)}
                  onChange={(on) => onChange(toggled(chosen, site.id, on))}
                />
              ))}
        </div>
      </fieldset>
    </div>
  );
}

/** A scope in words, for tables. */
export function scopeText(sites: SiteScope, names: Record<string, string> = {}): string {
  if (sites === 'all') return 'All sites';
  if (sites.length === 0) return 'No sites';
  return sites.map((id) => names[id] ?? id).join(', ');
}
