import type { WallboardFigures } from '@switchboard/contracts';

const STATE = {
  up: { word: 'UP', symbol: '✓' },
  degraded: { word: 'DEGRADED', symbol: '!' },
  down: { word: 'DOWN', symbol: '✕' },
  unknown: { word: 'NO SIGNAL', symbol: '?' },
} as const;

/**
 * Each system the board's sites depend on, worst state first per system, in words as well as colour. While
 * the screen is not live the states are only the last known ones: grey, and said so (never a green "UP").
 */
export function SystemsStrip({
  systems,
  drift,
  greyed = false,
}: {
  systems: WallboardFigures['systems'];
  drift: { x: number; y: number };
  greyed?: boolean;
}) {
  const byName = new Map<string, WallboardFigures['systems'][number]>();
  for (const s of systems) {
    const current = byName.get(s.name);
    const rank = { down: 3, degraded: 2, unknown: 1, up: 0 } as const;
    if (!current || rank[s.status] > rank[current.status]) byName.set(s.name, s);
  }
  const list = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section
      className="app-wb__systems"
      aria-label="Systems"
      data-testid="wb-systems"
      style={{ transform: `translate(${drift.y}px, ${-drift.x}px)` }}
    >
      {list.length === 0 ? (
        <span className="app-wb-system app-wb-system--unknown">No systems are tracked for these sites</span>
      ) : (
        list.map((s) => (
          <span
            key={s.name}
            className={`app-wb-system app-wb-system--${greyed ? 'stale' : s.status}`}
            data-status={greyed ? 'stale' : s.status}
          >
            <span aria-hidden="true">{STATE[s.status].symbol}</span> {s.name} {STATE[s.status].word}
            {greyed ? ' (last known)' : ''}
          </span>
        ))
      )}
    </section>
  );
}
