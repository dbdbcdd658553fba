import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { status } from './support/api.ts';
import { screenshot, seriousViolations } from './support/browser.ts';
import { type Stack, startStack, text } from './support/stack.ts';

describe('alerts and maintenance', () => {
  let stack: Stack;
  let receiver: ReturnType<typeof createServer>;
  let receiverUrl: string;

  beforeAll(async () => {
    // A webhook receiver on 127.0.0.1 that always answers 500, so every delivery fails.
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.statusCode = 500;
        response.end('broken');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    stack = await startStack();
    // Adastra has been down at Leeds for 10 minutes: a 5-minute rule fires at the API's next evaluation.
    await stack.api.ingest('systemStatus', { statuses: [status('cas', 'leeds', 10, 'down')] });
  });
  afterAll(async () => {
    await stack?.close();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  it('creates a channel and a rule, and a failed test delivery shows in the log', async () => {
    const page = await stack.open('/admin/alerts');
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
    // A bad URL is refused with a message at the field.
    await page.getByLabel('Kind').selectOption('webhook');
    await page.getByLabel('Name', { exact: true }).fill('On-call bridge');
    await page.getByLabel('Webhook URL').fill('not a url');
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.locator('.nhsuk-error-summary').waitFor({ timeout: 30_000 });
    expect(await text(page.locator('.nhsuk-error-summary'))).toContain('http(s) URL');
    await page.getByLabel('Webhook URL').fill(receiverUrl);
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.getByTestId('secret-value').waitFor({ timeout: 30_000 });
    const channels = page.getByTestId('alert-channels');
    await channels.getByRole('rowheader', { name: 'On-call bridge' }).waitFor({ timeout: 30_000 });

    await page.getByLabel('Alert when').selectOption('system_down');
    await page.getByLabel('For at least (minutes)').fill('5');
    await page.getByLabel('Site', { exact: true }).selectOption('leeds');
    await page.getByRole('checkbox', { name: 'On-call bridge' }).check();
    await page.getByRole('button', { name: 'Add rule' }).click();
    const rules = page.getByTestId('alert-rules');
    await rules.waitFor({ timeout: 30_000 });
    expect(await text(rules)).toMatch(
      /A system down or unknown at a site.*for 5 min.*Leeds NHS 111.*On-call bridge/,
    );

    // The API's own evaluator (every 15 s) fires the rule; the receiver answers 500, so the log shows a failure.
    const log = page.getByTestId('delivery-log');
    await log.locator('tr[data-status="failed"]', { hasText: 'firing' }).first().waitFor({ timeout: 90_000 });
    const said = /Adastra \(CAS\) at Leeds NHS 111 — system down or unknown for 5 min \(rule \d+\)/;
    expect(await text(log)).toMatch(new RegExp(`On-call bridge.*Firing: ${said.source}.*Failed.*HTTP 500`));
    expect(await log.locator('td[data-subject="cas@leeds"]').count()).toBeGreaterThan(0);

    const firing = page.getByTestId('alerts-firing').locator('li[data-subject="cas@leeds"]');
    await firing.waitFor({ timeout: 30_000 });
    expect(await text(firing)).toMatch(
      new RegExp(`^${said.source}, since \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2}`),
    );

    await channels.getByRole('button', { name: 'Send test to On-call bridge' }).click();
    await page.getByText('Test failed: HTTP 500').waitFor({ timeout: 30_000 });
    await log.locator('tr[data-status="failed"]', { hasText: 'Test' }).first().waitFor({ timeout: 30_000 });
    expect(await text(log)).toMatch(/On-call bridge.*Test.*Failed.*HTTP 500/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-alerts');
    await page.close();
  });

  it('plans maintenance on /systems and shows it on the timeline with a key', async () => {
    const page = await stack.open('/systems?last=24h');
    await page.getByTestId('systems').waitFor({ timeout: 30_000 });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(new Date()),
    );
    // Two hours that ended before now (or the day before's late evening just after midnight).
    const [date, from, to] =
      hour >= 3
        ? [today, `${String(hour - 3).padStart(2, '0')}:00`, `${String(hour - 1).padStart(2, '0')}:00`]
        : [today, '00:00', `${String(hour).padStart(2, '0')}:00`];
    await page.getByLabel('System', { exact: true }).selectOption('cas');
    await page.getByLabel('Site', { exact: true }).selectOption('leeds');
    await page.getByLabel('Date').fill(date);
    await page.getByLabel('Starts (UK time, HH:MM)').fill(from);
    await page.getByLabel(/^Ends \(UK time/).fill(to === '00:00' ? '00:30' : to);
    await page.getByLabel('Note (optional)').fill('Adastra upgrade');
    await page.getByRole('button', { name: 'Plan maintenance' }).click();
    const list = page.getByTestId('maintenance');
    await list.getByText('Adastra upgrade').waitFor({ timeout: 30_000 });
    await page
      .locator('tr[data-system="cas"] [data-state="maintenance"]')
      .first()
      .waitFor({ state: 'attached', timeout: 30_000 });
    expect(await text(page.getByLabel('Key: timeline'))).toContain('Planned maintenance');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'systems-maintenance');
    await page.close();
  });
});
