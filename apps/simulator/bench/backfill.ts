// The 28-day, 10-site backfill `npm start` loads: how long generating it takes (no posting).
// Run: npm run bench -w @switchboard/simulator
import { simulate } from '../src/generate.ts';

const DAY_MS = 86_400_000;
const sites = Array.from({ length: 10 }, (_, i) => ({ id: `site-${String(i + 1).padStart(2, '0')}` }));
const to = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const from = new Date(to.getTime() - 28 * DAY_MS);
const started = performance.now();
let items = 0;
let largest = 0;
for (const batch of simulate({ sites, from, to, scenario: 'cas-outage', seed: 51 })) {
  const size = batch.events.length + batch.snapshots.length + batch.statuses.length;
  items += size;
  largest = Math.max(largest, size);
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `28-day backfill of 10 sites: ${items.toLocaleString('en-GB')} items in ${seconds.toFixed(1)} s ` +
    `(${Math.round(items / seconds).toLocaleString('en-GB')} items/s); largest hourly batch ${largest.toLocaleString('en-GB')} items`,
);
