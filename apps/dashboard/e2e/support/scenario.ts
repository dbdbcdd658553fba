import { sameLocalTimeWeeksBefore } from '@switchboard/metrics';
import { answeredCall, snapshot, status, type TestApi } from './api.ts';

/**
 * Leeds over the last hour: three calls a minute, answered in ~20 s until Adastra (CAS) goes down from 40
 * to 25 minutes ago, when answer times climb past two minutes; no data at all from 50 to 46 minutes ago
 * (a gap, not a zero). Queue snapshots every minute; CAS probes every minute except while it is down.
 * Times count back from the middle of the current minute, so every call of a minute (offered up to 12 s
 * before it, answered up to 25 s after) falls in that minute's bucket and the gap is exactly the four whole
 * minutes, whatever second the seed runs at.
 */
export async function seedOutageHour(api: TestApi, siteId = 'leeds'): Promise<void> {
  const now = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
  const events = [];
  const snapshots = [];
  const statuses = [];
  for (let m = 60; m >= 1; m--) {
    const outage = m <= 40 && m > 25;
    if (m <= 50 && m > 46) continue;
    for (let c = 0; c < 3; c++) {
      const wait = outage ? 90 + ((m * 7 + c * 13) % 60) : 12 + ((m + c * 5) % 14);
      events.push(...answeredCall(siteId, `o-${m}-${c}`, m + c / 10, wait, now));
    }
    snapshots.push(snapshot(siteId, m, outage ? 12 + (m % 4) : 2 + (m % 3), outage ? 150 : 25, now));
    if (!outage && m !== 25) statuses.push(status('cas', siteId, m, 'up', now));
    statuses.push(status('gp-booking', siteId, m, 'up', now));
  }
  statuses.push(status('cas', siteId, 40, 'down', now), status('cas', siteId, 25, 'up', now));
  await api.ingest('callEvents', { events });
  await api.ingest('queueSnapshots', { snapshots });
  await api.ingest('systemStatus', { statuses });
}

/**
 * A normal hour at the same time 1–4 weeks before the last hour (the baseline), so the impact panel and the
 * normal band have earlier weeks: three calls a minute answered in 14–51 s, slower each week back (the band
 * has a width).
 */
export async function seedBaselineWeeks(api: TestApi, siteId = 'leeds', now = Date.now()): Promise<void> {
  const events = [];
  for (let week = 1; week <= 4; week++) {
    for (let m = 75; m >= -15; m--) {
      const at = sameLocalTimeWeeksBefore(now - m * 60_000, week);
      for (let c = 0; c < 3; c++) {
        const offered = at + c * 15_000;
        const waitS = 8 + week * 6 + ((((m * 3 + c * 7) % 20) + 20) % 20);
        const callId = `b${week}-${m}-${c}`;
        events.push(
          { siteId, callId, kind: 'offered', at: new Date(offered).toISOString(), queue: 'main' },
          {
            siteId,
            callId,
            kind: 'answered',
            at: new Date(offered + waitS * 1000).toISOString(),
            waitMs: waitS * 1000,
            queue: 'main',
          },
        );
      }
    }
  }
  await api.ingest('callEvents', { events });
}
