/** Words for the incident model, shown on every incident surface. */
export const INCIDENT_TYPE_LABEL = {
  business_continuity: 'Business continuity incident',
  critical: 'Critical incident',
  major: 'Major incident',
} as const;

export const STAGE_LABEL = {
  declared: 'Declared',
  active: 'Active',
  monitoring: 'Monitoring',
  stood_down: 'Stood down',
  closed: 'Closed',
  cancelled: 'Cancelled',
} as const;

/** Where a manager may move an incident next (the API checks the same rule). */
export const NEXT_STAGES = {
  declared: ['active', 'monitoring', 'stood_down', 'cancelled'],
  active: ['monitoring', 'stood_down', 'cancelled'],
  monitoring: ['active', 'stood_down', 'cancelled'],
  stood_down: ['closed', 'active'],
  closed: [],
  cancelled: [],
} as const;
