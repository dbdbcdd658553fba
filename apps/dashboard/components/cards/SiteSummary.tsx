'use client';
import { useQuery } from '@tanstack/react-query';
import { count, duration, percent } from '../../lib/format.ts';
import { spanLabel } from '../../lib/range.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ROLLING_REFRESH_MS } from '../../lib/trpc/query-client.ts';
import { Figure, StaleNotice, SystemBadges } from './Figures.tsx';

/** The site's figures now and over the last 60 minutes, as tiles (the overview's row, larger). */
export function SiteSummary({ siteId }: { siteId: string }) {
  const trpc = useTRPC();
  const { data } = useQuery(
    trpc.metrics.overview.queryOptions(undefined, { refetchInterval: ROLLING_REFRESH_MS }),
  );
  // Paper mode: the same query as the paper panel, so both change together.
  const paper = useQuery(trpc.incidents.paper.list.queryOptions({ siteIds: [siteId] }));
  const onPaper = (paper.data ?? []).some((p) => p.open);
  const site = data?.sites.find((s) => s.siteId === siteId);
  if (!data || !site) return null;
  const m = site.last60m;
  // `window`: a count of calls over the last 60 min, which on paper is the telephony's part only (what was
  // handled on paper is in the manual tallies): labelled partial while the site is on paper.
  const tiles = [
    { label: 'Calls waiting now', node: <Figure value={site.callsWaiting} format={count} /> },
    { label: 'Longest wait now', node: <Figure value={site.longestWaitMs} format={duration} /> },
    { label: 'Agents available now', node: <Figure value={site.agentsAvailable} format={count} /> },
    { label: 'Calls offered', window: true, node: <Figure value={m.offered} format={count} /> },
    {
      label: 'Answered within 60 s',
      window: true,
      node: <Figure value={m.answeredWithin60sPct} format={percent} measure="answeredWithin60sPct" />,
    },
    {
      label: 'Abandoned after 30 s',
      window: true,
      node: <Figure value={m.abandonedPct} format={percent} measure="abandonedPct" />,
    },
    {
      label: 'Abandoned, all',
      window: true,
      node: <Figure value={m.abandonedAllPct} format={percent} measure="abandonedAllPct" />,
    },
    {
      label: 'Mean answer',
      window: true,
      node: <Figure value={m.meanAnswerMs} format={duration} measure="meanAnswerMs" />,
    },
    { label: '95th centile answer', window: true, node: <Figure value={m.p95AnswerMs} format={duration} /> },
  ];
  return (
    <section aria-labelledby="summary-title" data-testid="summary">
      <h2 className="nhsuk-heading-m" id="summary-title">
        Now and last 60 min <span className="nhsuk-body-s app-window">({spanLabel(m.from, m.to)})</span>
      </h2>
      <div className="app-summary-systems">
        <strong>Systems not up:</strong>
        <SystemBadges systems={site.systemsDown} now={data.asOf} />
      </div>
      {onPaper ? (
        <p className="nhsuk-body-s" data-testid="partial-note">
          On paper: the call figures marked partial count the telephony only; what was handled on paper is in
          the manual tallies below, kept apart.
        </p>
      ) : null}
      {site.stale ? (
        <StaleNotice site={site} now={data.asOf} />
      ) : (
        <ul className="app-tiles">
          {tiles.map((tile) => (
            <li key={tile.label} className="app-tile">
              <span className="nhsuk-body-s">{tile.label}</span>
              <span className="app-tile__value">{tile.node}</span>
              {onPaper && tile.window ? (
                <strong className="nhsuk-tag nhsuk-tag--orange app-partial" data-partial="paper">
                  Partial (paper mode)
                </strong>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
