'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from './trpc/client.tsx';

/** Site and system names by id (from sites.list and systems.list), the id itself until they load. */
export function useNames(): { site(id: string): string; system(id: string): string } {
  const trpc = useTRPC();
  const sites = useQuery(trpc.sites.list.queryOptions(undefined, { staleTime: 300_000 }));
  const systems = useQuery(trpc.systems.list.queryOptions(undefined, { staleTime: 300_000 }));
  const siteNames = new Map((sites.data ?? []).map((s) => [s.id, s.name]));
  const systemNames = new Map((systems.data ?? []).map((s) => [s.id, s.name]));
  return {
    site: (id) => siteNames.get(id) ?? id,
    system: (id) => systemNames.get(id) ?? id,
  };
}
