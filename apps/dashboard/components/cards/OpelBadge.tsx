import { actorLabel, ukWhen } from '../../lib/format.ts';
import { OPEL_TAG } from '../../lib/opel.ts';

export interface OpelEntry {
  siteId: string;
  level: number;
  setBy: string;
  setAt: string;
  note: string | null;
}

/** A site's current OPEL level as a tag, with who set it and when. */
export function OpelBadge({ opel, now }: { opel: OpelEntry | undefined; now: string | number }) {
  if (!opel) return null;
  return (
    <span className="app-opel" data-opel={opel.level}>
      <strong className={`nhsuk-tag ${OPEL_TAG[opel.level] ?? 'nhsuk-tag--grey'}`}>OPEL {opel.level}</strong>{' '}
      <span className="nhsuk-body-s app-opel__by">
        set by {actorLabel(opel.setBy)}, {ukWhen(opel.setAt, now)}
      </span>
    </span>
  );
}
