/**
 * The live subscribers of the load benchmark, in a process of their own so that the feed's timing is not
 * the subscribers' event loop: SUBSCRIBERS wallboard-like clients spread over DASHBOARDS (comma-separated
 * URLs), each on the live stream with the display cookie COOKIE, refetching the overview after every
 * change (one refetch at a time, then once more if changes came meanwhile). Prints `connected` once all are,
 * and on SIGTERM one JSON line: counts, error samples, and per subscriber the times it heard a change.
 */
const dashboards = (process.env.DASHBOARDS ?? '').split(',');
const cookie = process.env.COOKIE ?? '';
const count = Number(process.env.SUBSCRIBERS ?? 0);
const stop = new AbortController();
const totals = { errors: 0, changes: 0, refetches: 0, refetchErrors: 0 };
const errorSamples: string[] = [];
const sample = (what: string) => {
  if (errorSamples.length < 10) errorSamples.push(what.slice(0, 300));
};
const heard: number[][] = [];

async function subscribe(index: number): Promise<void> {
  const base = dashboards[index % dashboards.length];
  const times: number[] = [];
  heard.push(times);
  let refetching = false;
  let again = false;
  const refetch = async (): Promise<void> => {
    if (refetching) {
      again = true;
      return;
    }
    refetching = true;
    do {
      again = false;
      try {
        // No abort signal: a refetch is short, and the process exits on SIGTERM. (Undici keeps a listener on
        // a signal until the request is collected: one shared signal would gather thousands, and Node's
        // warnings about them would cost the CPU this benchmark measures.)
        const reply = await fetch(`${base}/display/trpc/metrics.overview?input=${encodeURIComponent('{}')}`, {
          headers: { cookie },
        });
        await reply.arrayBuffer();
        totals.refetches += 1;
        if (!reply.ok) {
          totals.refetchErrors += 1;
          sample(`refetch ${reply.status}`);
        }
      } catch (error) {
        if (!stop.signal.aborted) {
          totals.refetchErrors += 1;
          sample(`refetch ${(error as Error).message}`);
        }
      }
    } while (again && !stop.signal.aborted);
    refetching = false;
  };
  const reply = await fetch(`${base}/display/trpc/live.changes?input=${encodeURIComponent('{}')}`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: stop.signal,
  });
  if (!reply.ok || !reply.body) throw new Error(`live.changes answered ${reply.status}`);
  const reader = reply.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) {
        if (!stop.signal.aborted) {
          totals.errors += 1;
          sample('live stream ended early');
        }
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (/^event: serialized-error/m.test(message)) {
          totals.errors += 1;
          sample(message);
        } else if (message.includes('"siteIds"')) {
          times.push(Date.now());
          totals.changes += 1;
          void refetch();
        }
      }
    }
  })();
}

await Promise.all(Array.from({ length: count }, (_, i) => subscribe(i)));
console.log('connected');
process.once('SIGTERM', () => {
  stop.abort();
  process.stdout.write(`${JSON.stringify({ ...totals, errorSamples, heard })}\n`, () => process.exit(0));
});
