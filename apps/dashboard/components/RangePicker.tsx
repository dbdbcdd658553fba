import Link from 'next/link';
import { msToUkLocal, type Range, RELATIVE_RANGES, rangeBounds } from '../lib/range.ts';

/**
 * The time range, kept in the URL so it survives a reload and can be shared: relative ranges as links,
 * an absolute range as a GET form in UK time. Works without JavaScript.
 */
export function RangePicker({ path, range, now }: { path: string; range: Range; now: number }) {
  const bounds = rangeBounds(range, now);
  return (
    <nav className="app-range" aria-label="Time range">
      <ul className="app-range__relative">
        {RELATIVE_RANGES.map((r) => {
          const current = range.kind === 'relative' && range.last === r.last;
          return (
            <li key={r.last}>
              <Link href={`${path}?range=${r.last}`} aria-current={current ? 'true' : undefined}>
                Last {r.short}
              </Link>
            </li>
          );
        })}
      </ul>
      <form className="app-range__absolute" method="get" action={path}>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-label--s" htmlFor="range-from">
            From (UK time)
          </label>
          <input
            className="nhsuk-input"
            id="range-from"
            name="from"
            type="datetime-local"
            defaultValue={msToUkLocal(bounds.from)}
            required
          />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-label--s" htmlFor="range-to">
            To (UK time)
          </label>
          <input
            className="nhsuk-input"
            id="range-to"
            name="to"
            type="datetime-local"
            defaultValue={msToUkLocal(bounds.to)}
            required
          />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
          Show this range
        </button>
      </form>
    </nav>
  );
}
