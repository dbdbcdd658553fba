/** PostgreSQL error codes worth one more try: deadlock detected, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);

function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE.has(code)) return code;
  }
  return undefined;
}

/**
 * Runs a statement again when PostgreSQL aborted it as a deadlock victim (two batches upserting the same
 * rollup rows). Safe because ingestion is idempotent and the aborted statement changed nothing.
 */
export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !codeOf(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}
