import { createHmac } from 'node:crypto';
import { alertDeliveries, type Db } from '@switchboard/db';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { type AlertMessage, emailOf, teamsCard, webhookPayload } from './message.ts';

/** A channel as the sender needs it. */
export interface Channel {
  id: number;
  kind: string;
  target: string;
  secret: string | null;
}

export interface DeliveryOptions {
  /** smtp://user:pass@host:port (SMTP_URL); e-mail channels fail with a clear error without it. */
  smtpUrl?: string | undefined;
  smtpFrom?: string | undefined;
  /** Per attempt. */
  timeoutMs?: number;
  /** Waits before the 2nd, 3rd, … attempt; its length + 1 is the most attempts. */
  backoffMs?: readonly number[];
  /** Injectable for tests (a fake clock); default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Aborted when the API stops: no further attempts. */
  signal?: AbortSignal;
}

export const DEFAULT_BACKOFF_MS = [5_000, 30_000, 120_000] as const;
const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_ERROR = 500;

/** The signature header of a generic webhook: hex HMAC-SHA256 of `<timestamp>.<body>` with the channel's secret. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Sends one message once; throws with a short reason on failure. */
async function sendOnce(channel: Channel, message: AlertMessage, options: DeliveryOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (channel.kind === 'email') {
    if (!options.smtpUrl) throw new Error('e-mail is not configured: set SMTP_URL');
    const transport = nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    } as SMTPTransport.Options);
    try {
      const mail = emailOf(message);
      await transport.sendMail({
        from: options.smtpFrom ?? 'Switchboard <switchboard@localhost>',
        to: channel.target,
        subject: mail.subject,
        text: mail.text,
      });
    } finally {
      transport.close();
    }
    return;
  }
  const body = JSON.stringify(channel.kind === 'teams' ? teamsCard(message) : webhookPayload(message));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Switchboard-Alerts/1',
  };
  if (channel.kind === 'webhook' && channel.secret) {
    const timestamp = String(Math.floor(Date.parse(message.sentAt) / 1000));
    headers['x-switchboard-timestamp'] = timestamp;
    headers['x-switchboard-signature'] = signature(channel.secret, timestamp, body);
  }
  const response = await fetch(channel.target, {
    method: 'POST',
    headers,
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  // Read (and discard) the body so the connection is released.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

/** Waits, or less if the signal aborts (so a stopping API does not wait out a back-off). */
function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

const reasonOf = (error: unknown) => {
  const text = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${text}${cause}`.slice(0, MAX_ERROR);
};

/**
 * Delivers a message to a channel, retrying with back-off; every attempt is written to alert_deliveries.
 * Returns whether it got through.
 */
export async function deliver(
  db: Db,
  channel: Channel,
  message: AlertMessage,
  options: DeliveryOptions = {},
): Promise<{ ok: boolean; attempts: number; error?: string }> {
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const sleep = options.sleep ?? ((ms: number) => abortableSleep(ms, options.signal));
  let error: string | undefined;
  for (let attempt = 1; attempt <= backoff.length + 1; attempt++) {
    if (attempt > 1) await sleep(backoff[attempt - 2] ?? 0);
    if (options.signal?.aborted) break;
    try {
      await sendOnce(channel, message, options);
      await log(db, channel, message, attempt, 'sent', null);
      return { ok: true, attempts: attempt };
    } catch (failure) {
      error = reasonOf(failure);
      await log(db, channel, message, attempt, 'failed', error);
    }
  }
  return { ok: false, attempts: backoff.length + 1, error: error ?? 'stopped before sending' };
}

async function log(
  db: Db,
  channel: Channel,
  message: AlertMessage,
  attempt: number,
  status: 'sent' | 'failed',
  error: string | null,
) {
  await db.insert(alertDeliveries).values({
    ruleId: message.rule.id || null,
    channelId: channel.id,
    subject: message.subject,
    state: message.state,
    attempt,
    status,
    error,
  });
}
