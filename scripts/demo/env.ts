import { z } from 'zod';

/** The demo's configuration, read and checked here and nowhere else. */
const schema = z.object({
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z.string().optional(),
  API_PORT: z.coerce.number().int().min(1).max(65_535).default(4000),
  DASHBOARD_PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  HOST: z.string().default('127.0.0.1'),
});
export type DemoEnv = z.infer<typeof schema>;

export function readDemoEnv(source: NodeJS.ProcessEnv = process.env): DemoEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  return { ...parsed.data, DATABASE_URL: parsed.data.DATABASE_URL || undefined };
}
