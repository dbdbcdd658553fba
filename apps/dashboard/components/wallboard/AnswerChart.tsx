'use client';
import { DEFAULT_THRESHOLDS } from '@switchboard/metrics';
import { useQuery } from '@tanstack/react-query';
import { duration, ukTime } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ROLLING_REFRESH_MS } from '../../lib/trpc/query-client.ts';

/** The national default target for the mean answer time, the same one the tiles use. */
const TARGET_MS = DEFAULT_THRESHOLDS.meanAnswerMs.target;

/**
 * Mean answer time over the last 4 hours (15-min points), gaps left as gaps, with the target line. Plain SVG
 * (light enough for weeks on a TV); the labels are HTML beside it, so the stretched SVG never distorts text:
 * the dashed line's "target 20 s" at its right end, the span's start and "now" under the line's ends.
 */
export function AnswerChart({ sites, greyed }: { sites: 'all' | string[]; greyed: boolean }) {
  const trpc = useTRPC();
  const series = useQuery({
    ...trpc.metrics.series.queryOptions({ last: '4h', siteIds: sites === 'all' ? [] : sites, maxPoints: 16 }),
    refetchInterval: ROLLING_REFRESH_MS,
  });
  const points = series.data?.points ?? [];
  const values = points.map((p) => p.meanAnswerMs);
  const max = Math.max(TARGET_MS * 1.5, ...values.filter((v): v is number => v !== null));
  const w = 1000;
  const h = 200;
  const x = (i: number) => (points.length < 2 ? 0 : (i / (points.length - 1)) * w);
  const y = (v: number) => h - (v / max) * h;
  // Separate runs of points: a missing point breaks the line.
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (run.length) runs.push(run.join(' '));
  // A point alone (its neighbours missing) still shows: as a short level stroke.
  const half = points.length > 1 ? w / (points.length - 1) / 3 : w / 2;
  for (let k = 0; k < runs.length; k++) {
    const only = runs[k] ?? '';
    if (!only.includes(' ')) {
      const [px, py] = only.split(',').map(Number) as [number, number];
      runs[k] = `${Math.max(0, px - half).toFixed(1)},${py} ${Math.min(w, px + half).toFixed(1)},${py}`;
    }
  }
  const last = [...values].reverse().find((v) => v !== null) ?? null;
  const first = points[0]?.start;
  const target = duration(TARGET_MS);
  return (
    <figure className={`app-wb__chart${greyed ? ' app-wb__chart--grey' : ''}`} data-testid="wb-chart">
      <figcaption className="app-wb-tile__label">
        Mean answer time <span className="app-wb-tile__window">last 4 h</span>
        {last !== null ? ` · latest ${duration(last)}` : ' · no answered calls'}
      </figcaption>
      <div className="app-wb__chart-body">
        <svg
          viewBox={`0 0 ${w} ${h}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`Mean answer time, last 4 hours, against the ${target} target (dashed line)`}
        >
          <line x1="0" x2={w} y1={y(TARGET_MS)} y2={y(TARGET_MS)} className="app-wb__chart-target" />
          {runs.map((r) => (
            <polyline key={r} points={r} className="app-wb__chart-line" />
          ))}
        </svg>
        <div className="app-wb__chart-key" aria-hidden="true">
          <span
            className="app-wb__chart-note app-wb__chart-target-label"
            style={{ top: `${((y(TARGET_MS) / h) * 100).toFixed(1)}%` }}
            data-testid="wb-chart-target"
          >
            <span className="app-wb__chart-dash" /> target {target}
          </span>
        </div>
        <p className="app-wb__chart-note app-wb__chart-axis">
          <span data-testid="wb-chart-from">4 h ago{first ? ` · ${ukTime(first)}` : ''}</span>
          <span>now</span>
        </p>
      </div>
    </figure>
  );
}
