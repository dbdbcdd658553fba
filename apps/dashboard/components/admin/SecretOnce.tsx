/**
 * A secret the API shows once (a feed key, a display link, a one-time sign-in link): in full, selectable,
 * with the warning that it cannot be shown again.
 */
export function SecretOnce({
  title,
  value,
  children,
  kept = 'only its hash is kept',
}: {
  title: string;
  value: string;
  children?: React.ReactNode;
  /** What the server keeps of it (a webhook's signing secret must be kept to sign with). */
  kept?: string;
}) {
  return (
    <div
      className="nhsuk-notification-banner nhsuk-notification-banner--success"
      role="status"
      data-testid="secret"
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title">{title}</h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        {children}
        <code className="app-secret" data-testid="secret-value">
          {value}
        </code>
        <p className="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
          Copy it now: it is shown only once, and {kept}.
        </p>
      </div>
    </div>
  );
}
