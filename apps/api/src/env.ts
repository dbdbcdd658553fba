import { resolve } from 'node:path';
import { READ_LIMITS } from '@switchboard/contracts';
import { z } from 'zod';

/** An optional variable; set but empty counts as unset. */
const optional = <T extends z.ZodType>(inner: T) =>
  inner.optional().or(z.literal('').transform(() => undefined));
/** A comma-separated list. */
const list = (item: z.ZodType<string, string>) =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

/** The API's configuration, read and validated here and nowhere else. */
const schema = z.object({
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The embedded database folder; a relative path is from where the command was run (see INIT_CWD). */
  DATA_DIR: z.string().min(1).default('.data'),
  /**
   * Where npm was run (npm sets it; `npm run -w` itself runs in the package's folder): relative DATA_DIR and
   * file arguments of the CLIs are taken from here, so `npm run keys` at the top uses the demo's `.data`.
   */
  INIT_CWD: z.string().default(''),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** A site's feed is stale after this many seconds without an event or snapshot. */
  STALE_AFTER_S: z.coerce.number().int().min(10).max(86_400).default(120),
  /** An up/degraded heartbeat holds this long; after it the system's status is unknown. */
  HEARTBEAT_TIMEOUT_S: z.coerce.number().int().min(5).max(86_400).default(90),
  /** Memory budget of the series cache, in MB (least recently used series go first). */
  SERIES_CACHE_MB: z.coerce.number().int().min(1).max(4_096).default(64),
  /** Most live subscriptions (SSE) one instance serves; the next is refused with a clear error. */
  MAX_SUBSCRIBERS: z.coerce.number().int().min(1).max(100_000).default(READ_LIMITS.maxSubscribers),
  /**
   * On SIGTERM, how long /readyz answers 503 while the instance still serves, so the load balancer takes it
   * out first (set it to the balancer's check interval × its failure count; 0 without a balancer).
   */
  SHUTDOWN_DRAIN_S: z.coerce.number().int().min(0).max(300).default(0),
  /** On SIGTERM, the longest wait for requests in flight before live streams and the rest are cut. */
  SHUTDOWN_TIMEOUT_S: z.coerce.number().int().min(1).max(600).default(15),
  /** Who runs a CLI command, for the audit log (a CLI's --actor wins). */
  USER: z.string().default('unknown'),

  // Access (see src/auth/). Secrets are read here and never logged.
  /** Signs session cookies (≥ 32 characters). Required with DATABASE_URL; on PGlite kept in DATA_DIR. */
  BETTER_AUTH_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  /** The origin people open (the dashboard, which proxies /api/auth/*): sign-in links and redirects use it. */
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  /** Other origins allowed to call the API with credentials (CORS) and to post sign-in forms, comma separated. */
  TRUSTED_ORIGINS: list(z.url({ protocol: /^https?$/, error: 'must be http(s) origins' })),
  /** Peers whose X-Forwarded-For is believed (the dashboard's proxy), comma separated. */
  TRUSTED_PROXIES: z
    .string()
    .default('127.0.0.1,::1,::ffff:127.0.0.1')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Absolute lifetime of a person's session. */
  SESSION_TTL_H: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** How long a one-time sign-in link stays valid. */
  SIGN_IN_LINK_TTL_S: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(3600),
  /** Failed sign-ins allowed per account and per address within SIGN_IN_WINDOW_S; then 429. */
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(10),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(50),
  SIGN_IN_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Ingestion requests allowed per feed key per second (bursts above it answer 429 with Retry-After). */
  INGEST_MAX_REQUESTS_PER_S: z.coerce.number().int().min(1).max(100_000).default(200),
  /** Bearer token for Prometheus /metrics; without it /metrics answers only on loopback. */
  METRICS_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  // Single sign-on (Microsoft Entra ID / NHSmail or any OpenID Connect provider): on when a client id is set.
  /** The OIDC issuer, e.g. https://login.microsoftonline.com/<tenant>/v2.0 (or give SSO_TENANT_ID). */
  SSO_ISSUER: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  /** An Entra ID tenant id (never "common"): the issuer is derived from it. */
  SSO_TENANT_ID: optional(
    z.string().regex(/^[0-9a-f-]{36}$|^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a tenant id (GUID) or domain'),
  ),
  SSO_CLIENT_ID: optional(z.string().min(1)),
  SSO_CLIENT_SECRET: optional(z.string().min(1)),
  /** The provider id in URLs (/api/auth/callback/<id>) and the button's label. */
  SSO_PROVIDER_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .default('entra'),
  // Alerts (see services/alerts/). E-mail channels need an SMTP server.
  /** smtp://user:password@host:587 or smtps://…:465; without it e-mail alerts fail with a clear log entry. */
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })),
  /** The From of alert e-mails. */
  SMTP_FROM: z.string().min(3).max(200).default('Switchboard <switchboard@localhost>'),
  /** Set to 0 to not run the alert evaluator on this instance (it is safe to run on every instance). */
  ALERTS_ENABLED: z.enum(['0', '1']).default('1'),
  SSO_LABEL: z.string().min(1).max(60).default('NHSmail'),
  /**
   * Days of raw call events and queue snapshots kept (whole London days); older ones are deleted in small
   * batches by a job on every instance. Rollups, incidents and statuses are kept whatever it says.
   * 0 keeps raw data forever. Default 90: every screen, export and the national return read rollups.
   */
  RETENTION_RAW_DAYS: z.coerce.number().int().min(0).max(36_500).default(90),
});
export type Env = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = { ...parsed.data, DATA_DIR: resolve(parsed.data.INIT_CWD, parsed.data.DATA_DIR) };
  if (env.SSO_CLIENT_ID && !env.SSO_ISSUER && !env.SSO_TENANT_ID)
    throw new Error(
      'Invalid configuration:\n  SSO_ISSUER: give SSO_ISSUER or SSO_TENANT_ID with SSO_CLIENT_ID',
    );
  if (env.SSO_CLIENT_ID && !env.SSO_CLIENT_SECRET)
    throw new Error('Invalid configuration:\n  SSO_CLIENT_SECRET: is required with SSO_CLIENT_ID');
  if (env.SSO_TENANT_ID?.toLowerCase() === 'common')
    throw new Error('Invalid configuration:\n  SSO_TENANT_ID: use your tenant id, never "common"');
  return env;
}

/** A path given on a command line, from where the command was run. */
export const fromWhereRun = (env: Env, path: string) => resolve(env.INIT_CWD, path);
