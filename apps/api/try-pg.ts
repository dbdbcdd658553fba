import { createDb } from '@switchboard/db';
import { startCluster } from './test/process/cluster.ts';
import { apiProcess, readiness } from './test/process/api.ts';
import { seed } from './test/process/checks.ts';
import { startFeeder } from './test/process/feeder.ts';
const c = await startCluster();
const d = await createDb({ url: c.url, poolSize: 2 });
const { key } = await seed(d);
const a = await apiProcess({ DATABASE_URL: c.url, DB_POOL_SIZE: '4' });
const f = startFeeder({ targets: () => [a.url], key, siteId: 'leeds', batchSize: 200, concurrency: 4, retry: true });
await new Promise(r=>setTimeout(r,3000));
console.log('ready', await readiness(a.url), f.acked());
await c.stop();
for (let i=0;i<10;i++){ const t=Date.now(); console.log('down', await readiness(a.url), Date.now()-t, f.acked(), f.failedAttempts()); await new Promise(r=>setTimeout(r,500)); }
console.log(a.output().split('\n').filter(l=>!l.startsWith(' ')).slice(-30).join('\n'));
await c.start();
for (let i=0;i<3;i++){ const t=Date.now(); console.log('up', await readiness(a.url), Date.now()-t, f.acked(), f.failedAttempts()); }
const log = await f.stop(); console.log(log.samples);
await a.stop(); await d.close(); await c.destroy();
