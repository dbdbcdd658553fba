/** What one check found: a status, why (for `detail`), and how long it took. */
export interface CheckResult {
  status: 'up' | 'degraded' | 'down';
  detail: string;
  responseMs: number;
}

/** The most of a response body a check reads (a keyword or JSON field beyond it is not found). */
export const MAX_BODY_BYTES = 256 * 1024;

/** A failure's reason in a few words: the error's code or message, never a stack. */
export function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError')
      return `timed out after ${timeoutMs} ms`;
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    const code = (error as Error & { code?: string }).code ?? cause?.code;
    if (code === 'ECONNREFUSED') return 'connection refused';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
    if (code) return `connection failed (${code})`;
    return (cause?.message ?? error.message).slice(0, 200);
  }
  return 'check failed';
}

/** Reads at most `max` bytes of a body as text, then cancels the rest. */
export async function readBounded(body: ReadableStream<Uint8Array> | null, max = MAX_BODY_BYTES) {
  if (!body) return { text: '', truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= max) {
      truncated = true;
      await reader.cancel().catch(() => {});
      break;
    }
  }
  const all = Buffer.concat(chunks).subarray(0, max);
  return { text: all.toString('utf8'), truncated };
}

/** Status by response time: over the threshold is degraded. */
export const bySpeed = (ms: number, degradedMs: number | null | undefined): 'up' | 'degraded' =>
  degradedMs != null && ms > degradedMs ? 'degraded' : 'up';
