/** The systems an NHS 111 call handler depends on, and which of them ride on which. */
export const SYSTEM_IDS = ['cas', 'gp-booking', 'ambulance-cad', 'patient-record', 'telephony'] as const;
export type SystemId = (typeof SYSTEM_IDS)[number];

export interface SystemInfo {
  id: SystemId;
  name: string;
  /** Systems this one reaches the call handler through: when they fail, it fails too. */
  dependsOn: readonly SystemId[];
}

export const SYSTEMS: Readonly<Record<SystemId, SystemInfo>> = {
  cas: { id: 'cas', name: 'Clinical assessment system (e.g. Adastra)', dependsOn: [] },
  'gp-booking': { id: 'gp-booking', name: 'GP appointment booking (via the CAS)', dependsOn: ['cas'] },
  'ambulance-cad': { id: 'ambulance-cad', name: 'Ambulance CAD link', dependsOn: [] },
  'patient-record': { id: 'patient-record', name: 'Patient record (e.g. Carenotes)', dependsOn: ['cas'] },
  telephony: { id: 'telephony', name: 'Telephony / ACD', dependsOn: [] },
};

export function isSystemId(value: string): value is SystemId {
  return (SYSTEM_IDS as readonly string[]).includes(value);
}

/** The given systems and every system that depends on them, directly or not, in SYSTEM_IDS order. */
export function withDependents(ids: readonly SystemId[]): SystemId[] {
  const out = new Set<SystemId>(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const id of SYSTEM_IDS) {
      if (!out.has(id) && SYSTEMS[id].dependsOn.some((d) => out.has(d))) {
        out.add(id);
        grew = true;
      }
    }
  }
  return SYSTEM_IDS.filter((id) => out.has(id));
}
