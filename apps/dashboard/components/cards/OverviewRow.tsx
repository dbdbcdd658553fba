import type { OverviewSite } from '@switchboard/contracts';
import Link from 'next/link';
import { count, duration, percent, ukWhen } from '../../lib/format.ts';
import { Figure, StaleNotice, SystemBadges } from './Figures.tsx';
import { OpelBadge, type OpelEntry } from './OpelBadge.tsx';
import { SiteSparkline } from './SiteSparkline.tsx';

const cell = 'nhsuk-table__cell';
const numeric = 'nhsuk-table__cell nhsuk-table__cell--numeric';

/** One site: current queue, the last 60 minutes against thresholds, the answer-time trend, systems down. */
export function OverviewRow({
  site,
  now,
  query,
  opel,
  paperSince,
}: {
  site: OverviewSite;
  now: string;
  query: string;
  opel?: OpelEntry | undefined;
  /** When the site went on paper, if it is. */
  paperSince?: string | undefined;
}) {
  const m = site.last60m;
  return (
    <tr className={`nhsuk-table__row${site.stale ? ' app-stale' : ''}`} data-site={site.siteId}>
      <th className="nhsuk-table__header" scope="row">
        <Link href={`/sites/${encodeURIComponent(site.siteId)}${query}`} prefetch={false}>
          {site.name}
        </Link>
        {opel ? (
          <>
            <br />
            <OpelBadge opel={opel} now={now} />
          </>
        ) : null}
        {paperSince ? (
          <>
            <br />
            <strong className="nhsuk-tag nhsuk-tag--orange" data-paper="open">
              On paper since {ukWhen(paperSince, now)}
            </strong>
          </>
        ) : null}
      </th>
      {site.stale ? (
        <td className={cell} colSpan={10}>
          <StaleNotice site={site} now={now} />
        </td>
      ) : (
        <>
          <td className={numeric} data-measure="callsWaiting">
            <Figure value={site.callsWaiting} format={count} />
          </td>
          <td className={numeric} data-measure="longestWait">
            <Figure value={site.longestWaitMs} format={duration} />
          </td>
          <td className={numeric} data-measure="agentsAvailable">
            <Figure value={site.agentsAvailable} format={count} />
          </td>
          <td className={numeric} data-measure="offered">
            <Figure value={m.offered} format={count} />
          </td>
          <td className={numeric} data-measure="within60">
            <Figure value={m.answeredWithin60sPct} format={percent} measure="answeredWithin60sPct" />
          </td>
          <td className={numeric} data-measure="abandoned30">
            <Figure value={m.abandonedPct} format={percent} measure="abandonedPct" />
          </td>
          <td className={numeric} data-measure="abandonedAll">
            <Figure value={m.abandonedAllPct} format={percent} measure="abandonedAllPct" />
          </td>
          <td className={numeric} data-measure="meanAnswer">
            <Figure value={m.meanAnswerMs} format={duration} measure="meanAnswerMs" />
          </td>
          <td className={numeric} data-measure="p95Answer">
            <Figure value={m.p95AnswerMs} format={duration} />
          </td>
          <td className={cell}>
            <SiteSparkline siteId={site.siteId} siteName={site.name} />
          </td>
        </>
      )}
      <td className={cell} data-measure="systems">
        <SystemBadges systems={site.systemsDown} now={now} />
      </td>
    </tr>
  );
}
