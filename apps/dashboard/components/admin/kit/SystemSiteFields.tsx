'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../lib/trpc/client.tsx';
import { choices, SelectField } from '../TextField.tsx';

/** The systems and sites, with their names and a "System, site" label for a record of either. */
export function useSystemsAndSites() {
  const trpc = useTRPC();
  const systems = useQuery(trpc.systems.list.queryOptions()).data ?? [];
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const siteNames: Record<string, string> = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const systemNames: Record<string, string> = Object.fromEntries(systems.map((s) => [s.id, s.name]));
  return {
    systems,
    sites,
    siteNames,
    systemNames,
    /** "Adastra, Leeds", or with `national` for a record of no one site. */
    label: (systemId: string, siteId: string | null | undefined, national: string) =>
      `${systemNames[systemId] ?? systemId}, ${siteId ? (siteNames[siteId] ?? siteId) : national}`,
  };
}

type Bound = { id: string; value: string; onChange(e: { target: { value: string } }): void; error?: string };

/** A system select, then a select of the sites that system serves (first: `national`). */
export function SystemSiteFields({
  system,
  site,
  national,
}: {
  system: Bound;
  site: Bound;
  national: string;
}) {
  const { systems, siteNames } = useSystemsAndSites();
  const siteIds = systems.find((s) => s.id === system.value)?.siteIds ?? [];
  return (
    <>
      <SelectField label="System" options={choices('Choose a system', systems)} {...system} />
      <SelectField
        label="Site"
        options={choices(
          national,
          siteIds.map((id) => ({ id, name: siteNames[id] ?? id })),
        )}
        {...site}
      />
    </>
  );
}
