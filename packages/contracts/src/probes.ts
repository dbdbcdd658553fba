import { z } from 'zod';
import { idField, textField } from './fields.ts';

/** Bounds of probes: how many, how often, how long. */
export const PROBE_LIMITS = {
  /** Most probes stored (each instance runs its share of them). */
  maxProbes: 2_000,
  minIntervalS: 10,
  maxIntervalS: 86_400,
  minTimeoutMs: 100,
  maxTimeoutMs: 60_000,
  maxRetries: 5,
  targetLength: 2_000,
  /** Most points of one response-time series. */
  maxPoints: 5_000,
  /** Longest range of a response-time series, in hours. */
  maxRangeHours: 24 * 31,
} as const;

export const PROBE_KINDS = ['http', 'tcp', 'statuspage'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/** An http(s) URL without credentials. */
const isHttpUrl = (target: string) => {
  try {
    const url = new URL(target);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
};
/** host:port with a port 1–65535. */
export const parseHostPort = (target: string): { host: string; port: number } | null => {
  const match = HOST_PORT.exec(target);
  const port = Number(match?.[3]);
  if (!match?.[1] || !(port >= 1 && port <= 65_535)) return null;
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
};

const intIn = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

const probeFields = {
  target: textField('target', PROBE_LIMITS.targetLength).min(1, 'target must not be empty'),
  component: textField('component', 200).min(1, 'component must not be empty').optional(),
  intervalS: intIn('intervalS', PROBE_LIMITS.minIntervalS, PROBE_LIMITS.maxIntervalS),
  timeoutMs: intIn('timeoutMs', PROBE_LIMITS.minTimeoutMs, PROBE_LIMITS.maxTimeoutMs),
  retries: intIn('retries', 0, PROBE_LIMITS.maxRetries),
  expectStatus: intIn('expectStatus', 100, 599).optional(),
  expectKeyword: textField('expectKeyword', 200).min(1, 'expectKeyword must not be empty').optional(),
  expectJsonPath: z
    .string({ error: 'expectJsonPath must be a string' })
    .max(200, 'expectJsonPath must be at most 200 characters')
    .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'expectJsonPath must be a dotted path such as status.db')
    .optional(),
  expectJsonValue: textField('expectJsonValue', 200).optional(),
  degradedMs: intIn('degradedMs', 1, PROBE_LIMITS.maxTimeoutMs).optional(),
  enabled: z.boolean({ error: 'enabled must be true or false' }).optional(),
};

type TargetFields = {
  kind: ProbeKind;
  target: string;
  component?: string | undefined;
  expectJsonPath?: string | undefined;
  expectJsonValue?: string | undefined;
};
/** The rules between fields: the target fits the kind; a Statuspage probe names its component. */
function checkTarget(value: TargetFields, ctx: z.RefinementCtx) {
  if (value.kind === 'tcp' ? !parseHostPort(value.target) : !isHttpUrl(value.target)) {
    ctx.addIssue({
      code: 'custom',
      path: ['target'],
      message:
        value.kind === 'tcp'
          ? 'target must be host:port (port 1–65535) for a tcp probe'
          : `target must be an http:// or https:// URL without credentials for a ${value.kind} probe`,
    });
  }
  if (value.kind === 'statuspage' && !value.component)
    ctx.addIssue({
      code: 'custom',
      path: ['component'],
      message: 'component is required for a statuspage probe',
    });
  if ((value.expectJsonPath === undefined) !== (value.expectJsonValue === undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['expectJsonValue'],
      message: 'expectJsonPath and expectJsonValue go together',
    });
}

export const createProbeInput = z
  .strictObject({
    systemId: idField('systemId'),
    siteId: idField('siteId').optional(),
    kind: z.enum(PROBE_KINDS, { error: `kind must be one of ${PROBE_KINDS.join(', ')}` }),
    ...probeFields,
  })
  .superRefine(checkTarget);
export type CreateProbeInput = z.infer<typeof createProbeInput>;

const probeId = idField('id');

/** Changes to a probe (its system, site and kind stay). Optional fields may be cleared with null. */
export const updateProbeInput = z.strictObject({
  id: probeId,
  target: probeFields.target.optional(),
  component: probeFields.component.nullable(),
  intervalS: probeFields.intervalS.optional(),
  timeoutMs: probeFields.timeoutMs.optional(),
  retries: probeFields.retries.optional(),
  expectStatus: probeFields.expectStatus.nullable(),
  expectKeyword: probeFields.expectKeyword.nullable(),
  expectJsonPath: probeFields.expectJsonPath.nullable(),
  expectJsonValue: probeFields.expectJsonValue.nullable(),
  degradedMs: probeFields.degradedMs.nullable(),
  enabled: probeFields.enabled,
});
export type UpdateProbeInput = z.infer<typeof updateProbeInput>;

export const probeIdInput = z.strictObject({ id: probeId });

/** Response times of one probe over the last `hours` (at most PROBE_LIMITS.maxRangeHours). */
export const probeSeriesInput = z.strictObject({
  id: probeId,
  hours: intIn('hours', 1, PROBE_LIMITS.maxRangeHours).default(24),
});
export type ProbeSeriesInput = z.infer<typeof probeSeriesInput>;

/** Validates a changed probe as a whole (the rules between fields), for updates. */
export const probeTargetRules = z
  .object({
    kind: z.enum(PROBE_KINDS),
    target: z.string(),
    component: z.string().optional(),
    expectJsonPath: z.string().optional(),
    expectJsonValue: z.string().optional(),
  })
  .superRefine(checkTarget);

/** A stream's heartbeat expectation: how often it reports and the grace after that (site omitted: national). */
export const setExpectationInput = z.strictObject({
  systemId: idField('systemId'),
  siteId: idField('siteId').optional(),
  periodS: intIn('periodS', 5, 86_400),
  graceS: intIn('graceS', 0, 86_400),
});
export type SetExpectationInput = z.infer<typeof setExpectationInput>;
export const streamInput = z.strictObject({
  systemId: idField('systemId'),
  siteId: idField('siteId').optional(),
});
