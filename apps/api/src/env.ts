import { READ_LIMITS } from '@switchboard/contracts';
import { z } from 'zod';

/** The API's configuration, read and validated here and nowhere else. */
const schema = z.object({
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
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
  /** Who runs a CLI command, for the audit log. */
  USER: z.string().default('unknown'),
});
export type Env = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
