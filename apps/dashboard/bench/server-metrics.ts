/** What an API instance's Prometheus metrics say of a load run (prom-client's text format). */
export interface ServerFigures {
  /** Call-event batches the API stored, and how many took at most 25 ms and 50 ms inside the API. */
  batches: number;
  within25ms: number;
  within50ms: number;
  /** Event-loop delay: its 99th centile and its maximum, in ms. */
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  /** Young-generation collections (scavenges): how many, and the time the process stood still for them. */
  minorGcs: number;
  minorGcMs: number;
}

/** The value of the first sample of `name` whose labels include every one of `labels` (NaN when none). */
function sample(text: string, name: string, labels: readonly string[] = []): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const open = line.indexOf('{');
    const labelText = open >= 0 && open < line.indexOf(' ') ? line.slice(open + 1, line.indexOf('}')) : '';
    if (labels.every((label) => labelText.split(',').includes(label)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return Number.NaN;
}

export function serverFigures(text: string): ServerFigures {
  const bucket = (le: string) =>
    sample(text, 'switchboard_ingest_batch_seconds_bucket', [`le="${le}"`, 'stream="call_events"']);
  const gc = (what: 'sum' | 'count') =>
    sample(text, `switchboard_nodejs_gc_duration_seconds_${what}`, ['kind="minor"']);
  return {
    batches: bucket('+Inf'),
    within25ms: bucket('0.025'),
    within50ms: bucket('0.05'),
    loopLagP99Ms: sample(text, 'switchboard_nodejs_eventloop_lag_p99_seconds') * 1000,
    loopLagMaxMs: sample(text, 'switchboard_nodejs_eventloop_lag_max_seconds') * 1000,
    minorGcs: gc('count'),
    minorGcMs: gc('sum') * 1000,
  };
}
