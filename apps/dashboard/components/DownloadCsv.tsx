'use client';
import { createContext, type ReactNode, useContext } from 'react';

/** The export behind the charts of a view (null: the viewer may not export, so no links are drawn). */
const ExportLink = createContext<string | null>(null);

/** Gives every chart inside the same CSV link (the intervals export holds every measure of the view). */
export function ExportLinkProvider({ href, children }: { href: string | null; children: ReactNode }) {
  return <ExportLink.Provider value={href}>{children}</ExportLink.Provider>;
}

/**
 * A plain "Download CSV" link (the browser saves the file; the dashboard proxies /export/* with the
 * session cookie). `what` names the figure for screen readers; without `href` it uses the view's export.
 */
export function DownloadCsv({ what, href }: { what: string; href?: string | null }) {
  const fromView = useContext(ExportLink);
  const target = href === undefined ? fromView : href;
  if (!target) return null;
  return (
    <p className="nhsuk-body-s app-download">
      <a href={target} download data-testid="download-csv">
        Download CSV<span className="nhsuk-u-visually-hidden"> of {what}</span>
      </a>
    </p>
  );
}
