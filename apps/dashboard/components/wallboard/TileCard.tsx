import type { Tile, WallboardFigures } from '@switchboard/contracts';
import { ukTimeSeconds, ukWhen } from '../../lib/format.ts';
import { RAG_TEXT, tileView } from '../../lib/wallboard/rules.ts';

/** One big figure: label, window, value (or "—" and why), RAG word and symbol, target, when it last changed. */
export function TileCard({
  tile,
  figures,
  greyed,
  now,
}: {
  tile: Tile;
  figures: WallboardFigures | undefined;
  greyed: boolean;
  now: number;
}) {
  const view = tileView(tile, figures);
  const grey = greyed || view.stale;
  const rag = grey || view.rag === 'none' ? null : RAG_TEXT[view.rag];
  return (
    <article
      className={`app-wb-tile app-wb-tile--${grey ? 'grey' : view.rag}`}
      data-testid="wb-tile"
      data-measure={tile.measure}
      data-rag={grey ? 'grey' : view.rag}
    >
      <h2 className="app-wb-tile__label">
        {view.label} <span className="app-wb-tile__window">{view.window}</span>
      </h2>
      <p className="app-wb-tile__value" data-testid="wb-value">
        {view.text}
      </p>
      {view.missing ? <p className="app-wb-tile__missing">{view.missing}</p> : null}
      <p className="app-wb-tile__status">
        {rag ? (
          <strong className="app-wb-tile__rag">
            <span aria-hidden="true">{rag.symbol}</span> {rag.word}
          </strong>
        ) : grey ? (
          <strong className="app-wb-tile__rag">NOT LIVE</strong>
        ) : null}
        {view.target ? <span className="app-wb-tile__target"> {view.target}</span> : null}
      </p>
      <p className="app-wb-tile__updated">
        {view.updatedAt
          ? `updated ${ukWhen(view.updatedAt, now) === ukWhen(now, now) ? ukTimeSeconds(view.updatedAt) : ukWhen(view.updatedAt, now)}`
          : 'no update yet'}
      </p>
    </article>
  );
}
