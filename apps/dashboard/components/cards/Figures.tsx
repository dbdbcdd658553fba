import type { OverviewSite } from '@switchboard/contracts';
import { type Rag, ragStatus } from '@switchboard/metrics';
import { ukWhen } from '../../lib/format.ts';
import { STATE_STYLE } from '../charts/theme.ts';

/** A missing figure: a dash on screen, "no data" to a screen reader. */
export function NoData() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="nhsuk-u-visually-hidden">no data</span>
    </>
  );
}

const RAG_TEXT: Record<Exclude<Rag, 'none'>, { text: string; tag: string }> = {
  green: { text: 'On target', tag: 'nhsuk-tag--green' },
  amber: { text: 'Near target', tag: 'nhsuk-tag--yellow' },
  red: { text: 'Off target', tag: 'nhsuk-tag--red' },
};

/** A figure and, when it has a threshold, its red/amber/green status in words, colour and a symbol. */
export function Figure({
  value,
  format,
  measure,
}: {
  value: number | null;
  format: (value: number) => string;
  measure?: string;
}) {
  if (value === null) return <NoData />;
  const rag = measure ? ragStatus(measure, value) : 'none';
  return (
    <>
      <span className="app-figure">{format(value)}</span>
      {rag === 'none' ? null : (
        <strong className={`nhsuk-tag ${RAG_TEXT[rag].tag} app-rag app-rag--${rag}`} data-rag={rag}>
          {RAG_TEXT[rag].text}
        </strong>
      )}
    </>
  );
}

/** The systems a site has lost right now, as badges ("None" when all are up). */
export function SystemBadges({ systems, now }: { systems: OverviewSite['systemsDown']; now: string }) {
  if (systems.length === 0) return <span>None</span>;
  return (
    <ul className="app-badges" aria-label="Systems not up">
      {systems.map((s) => (
        <li key={s.systemId}>
          <strong className={`nhsuk-tag ${STATE_STYLE[s.status].tag}`} data-system-badge={s.systemId}>
            {s.name}: {STATE_STYLE[s.status].label.toLowerCase()}
            {s.since ? ` since ${ukWhen(s.since, now)}` : ''}
          </strong>
        </li>
      ))}
    </ul>
  );
}

/** "No data since 09:14" for a stale feed, instead of figures that would mislead. */
export function StaleNotice({ site, now }: { site: OverviewSite; now: string }) {
  return (
    <p className="nhsuk-u-margin-bottom-0" data-stale={site.siteId}>
      {site.lastEventAt ? (
        <>
          <strong>No data since {ukWhen(site.lastEventAt, now)}</strong>
          <span className="nhsuk-body-s">
            {' '}
            — the feed from this site has stopped, so its figures are hidden.
          </span>
        </>
      ) : (
        <>
          <strong>No data received yet</strong>
          <span className="nhsuk-body-s"> — this site's feed has not sent anything.</span>
        </>
      )}
    </p>
  );
}
