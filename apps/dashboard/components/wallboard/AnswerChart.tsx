'use client';
import { useQuery } from '@tanstack/react-query';
import { duration } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ROLLING_REFRESH_MS } from '../../lib/trpc/query-client.ts';

/** Mean answer time over the last 4 hours (15-min points), gaps left as gaps, with the 20 s target line. */
export function AnswerChart({ sites, greyed }: { sites: 'all' | string[]; greyed: boolean }) {
  const trpc = useTRPC();
  const series = useQuery({
    ...trpc.metrics.series.queryOptions({ last: '4h', siteIds: sites === 'all' ? [] : sites, maxPoints: 16 }),
    refetchInterval: ROLLING_REFRESH_MS,
  });
  const points = series.data?.points ?? [];
  const values = points.map((p) => p.meanAnswerMs);
  const max = Math.max(30_000, ...values.filter((v): v is number => v !== null));
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
  return (
    <figure className={`app-wb__chart${greyed ? ' app-wb__chart--grey' : ''}`} data-testid="wb-chart">
      <figcaption className="app-wb-tile__label">
        Mean answer time <span className="app-wb-tile__window">last 4 h</span>
        {last !== null ? ` · latest ${duration(last)}` : ' · no answered calls'}
      </figcaption>
      <svg
        viewBox={`0 0 ${w} ${h}`}
        preserveAspectRatio="none"
        role="img"
        aria-label="Mean answer time, last 4 hours"
      >
        <line x1="0" x2={w} y1={y(20_000)} y2={y(20_000)} className="app-wb__chart-target" />
        {runs.map((r) => (
          <polyline key={r} points={r} className="app-wb__chart-line" />
        ))}
      </svg>
    </figure>
  );
}
