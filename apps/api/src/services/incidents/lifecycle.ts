import type { IncidentStage } from '@switchboard/contracts';

/**
 * The incident lifecycle: declared → active → monitoring → stood_down → closed, or cancelled before it is
 * closed. Stages may be skipped forwards (a short outage goes straight to stood_down); an incident in
 * monitoring may go back to active, and a stood-down one may be reopened (active) if the fault returns.
 */
export const TRANSITIONS: Record<IncidentStage, readonly IncidentStage[]> = {
  declared: ['active', 'monitoring', 'stood_down', 'cancelled'],
  active: ['monitoring', 'stood_down', 'cancelled'],
  monitoring: ['active', 'stood_down', 'cancelled'],
  stood_down: ['closed', 'active'],
  closed: [],
  cancelled: [],
};

export function canMove(from: IncidentStage, to: IncidentStage): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The milestone column each stage sets (declared is set at declaration). */
export const MILESTONE = {
  active: 'activeAt',
  monitoring: 'monitoringAt',
  stood_down: 'stoodDownAt',
  closed: 'closedAt',
  cancelled: 'cancelledAt',
} as const satisfies Partial<Record<IncidentStage, string>>;

export type Milestones = {
  startedAt: Date;
  activeAt: Date | null;
  monitoringAt: Date | null;
  stoodDownAt: Date | null;
  closedAt: Date | null;
};

/**
 * Why a stage change at `at` would break the milestone order, or null when it is fine: nothing may be
 * before the start, a stand-down not before the incident went active or into monitoring, a close not
 * before the stand-down.
 */
export function milestoneProblem(m: Milestones, stage: IncidentStage, at: Date): string | null {
  const iso = (d: Date) => d.toISOString();
  if (at < m.startedAt) return `must not be before the incident started (${iso(m.startedAt)})`;
  if (stage === 'stood_down' || stage === 'closed' || stage === 'monitoring') {
    const earlier =
      stage === 'monitoring'
        ? [m.activeAt]
        : stage === 'stood_down'
          ? [m.activeAt, m.monitoringAt]
          : [m.stoodDownAt];
    for (const e of earlier) if (e && at < e) return `must not be before an earlier milestone (${iso(e)})`;
  }
  return null;
}

/** Open incidents affect service: they show as a banner and are shaded on charts. */
export function isOpen(stage: IncidentStage): boolean {
  return stage === 'declared' || stage === 'active' || stage === 'monitoring';
}

/** The end of an incident's impact window: its stand-down or cancellation, else null (still open). */
export function windowEnd(i: {
  stoodDownAt: Date | null;
  cancelledAt: Date | null;
  closedAt: Date | null;
}): Date | null {
  return i.stoodDownAt ?? i.cancelledAt ?? i.closedAt;
}
