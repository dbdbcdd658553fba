import type { AlertRuleKind, AlertWebhookPayload } from '@switchboard/contracts';

/** One alert notification, whatever the channel. */
export interface AlertMessage {
  rule: { id: number; kind: AlertRuleKind; name: string | null };
  state: 'firing' | 'resolved' | 'test';
  subject: string;
  siteId: string | null;
  systemId: string | null;
  measure: string | null;
  /** Since when it has held (ISO), null for a test. */
  since: string | null;
  /** One line: what, where, since when. */
  summary: string;
  /** The page to open. */
  url: string;
  sentAt: string;
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

/** "27 Nov, 14:02 GMT" */
export const londonTime = (iso: string) => LONDON.format(new Date(iso));

/** The page an alert links to: the site, the systems page or the incident. */
export function pageFor(
  publicUrl: string,
  kind: AlertRuleKind,
  siteId: string | null,
  subject: string,
): string {
  const base = publicUrl.replace(/\/+$/, '');
  if (kind === 'incident')
    return `${base}/incidents/${encodeURIComponent(subject.replace(/^incident:|#.*$/g, ''))}`;
  if (kind === 'system_down') return `${base}/systems${siteId ? `?site=${encodeURIComponent(siteId)}` : ''}`;
  return siteId ? `${base}/sites/${encodeURIComponent(siteId)}` : base;
}

const HEADLINE = { firing: 'ALERT', resolved: 'RESOLVED', test: 'TEST' } as const;

/** The text line every channel carries: "ALERT: Adastra (CAS) down at Leeds since 27 Nov, 14:02 GMT". */
export function textOf(message: AlertMessage): string {
  const since = message.since ? ` since ${londonTime(message.since)}` : '';
  const tail = message.state === 'resolved' ? ` (resolved ${londonTime(message.sentAt)})` : '';
  return `${HEADLINE[message.state]}: ${message.summary}${message.state === 'resolved' ? '' : since}${tail}`;
}

/** The generic webhook's JSON body. */
export function webhookPayload(message: AlertMessage): AlertWebhookPayload {
  return {
    rule: message.rule.id,
    ruleKind: message.rule.kind,
    ruleName: message.rule.name,
    state: message.state,
    siteId: message.siteId,
    systemId: message.systemId,
    measure: message.measure,
    since: message.since,
    text: textOf(message),
    url: message.url,
    sentAt: message.sentAt,
  };
}

/**
 * A Teams message with an Adaptive Card (what a Teams Workflows "send webhook alerts to a channel" webhook
 * and an incoming webhook both accept; the older MessageCard connectors were retired in 2026): the alert line
 * (red when firing, green when resolved), its facts, and a button to the page.
 */
export function teamsCard(message: AlertMessage) {
  const facts = [
    message.siteId ? { title: 'Site', value: message.siteId } : null,
    message.systemId ? { title: 'System', value: message.systemId } : null,
    message.measure ? { title: 'Measure', value: message.measure } : null,
    message.since ? { title: 'Since', value: londonTime(message.since) } : null,
    { title: 'Rule', value: message.rule.name ?? `${message.rule.kind} #${message.rule.id}` },
  ].filter((fact) => fact !== null);
  return {
    type: 'message',
    summary: textOf(message),
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: textOf(message),
              weight: 'Bolder',
              size: 'Medium',
              wrap: true,
              color:
                message.state === 'firing' ? 'Attention' : message.state === 'resolved' ? 'Good' : 'Accent',
            },
            { type: 'FactSet', facts },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Open in Switchboard', url: message.url }],
        },
      },
    ],
  };
}

/** The e-mail: subject line and plain text body. */
export function emailOf(message: AlertMessage) {
  const lines = [
    textOf(message),
    '',
    message.siteId ? `Site: ${message.siteId}` : null,
    message.systemId ? `System: ${message.systemId}` : null,
    message.measure ? `Measure: ${message.measure}` : null,
    message.since ? `Since: ${londonTime(message.since)}` : null,
    `Rule: ${message.rule.name ?? `${message.rule.kind} #${message.rule.id}`}`,
    '',
    `Open: ${message.url}`,
  ].filter((line) => line !== null);
  return { subject: `[Switchboard] ${textOf(message)}`.slice(0, 250), text: lines.join('\n') };
}
