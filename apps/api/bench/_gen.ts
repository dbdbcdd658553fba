import { sqlModel } from './traffic.ts';
const { minute, wait } = sqlModel(40);
const W = (i: number) => `case when answered >= ${i} then ${wait(String(i))} end`;
const from = "timestamptz '2026-01-01'", to = "timestamptz '2026-01-31'";
console.log(`\\timing on
set synchronous_commit = off; set work_mem = '256MB';
truncate call_minute_rollups, call_minute_answer_bins;
explain analyze insert into call_minute_rollups (site_id, queue, minute, offered, answered, answered_within_60s, abandoned, abandoned_after_30s, answer_ms_sum)
select 'site-' || lpad(s::text, 2, '0'), 'main', m, offered, answered,
  (coalesce(w1,999999) <= 60000)::int + (coalesce(w2,999999) <= 60000)::int + (coalesce(w3,999999) <= 60000)::int + (coalesce(w4,999999) <= 60000)::int + (coalesce(w5,999999) <= 60000)::int,
  abandoned, abandoned_after_30s, coalesce(w1,0)::bigint + coalesce(w2,0) + coalesce(w3,0) + coalesce(w4,0) + coalesce(w5,0)
from generate_series(${from}, ${to} - interval '1 minute', interval '1 minute') m cross join generate_series(0, 39) s
${minute}
cross join lateral (select ${W(1)} as w1, ${W(2)} as w2, ${W(3)} as w3, ${W(4)} as w4, ${W(5)} as w5 offset 0) w;
explain analyze insert into call_minute_answer_bins (site_id, queue, minute, bin, calls)
select 'site-' || lpad(s::text, 2, '0'), 'main', m, least(600, ${wait('i')} / 1000), 1
from generate_series(${from}, ${to} - interval '1 minute', interval '1 minute') m cross join generate_series(0, 39) s
${minute}
cross join generate_series(1, answered) i;
select count(*), sum(offered), sum(answered), sum(abandoned), max(offered), avg(answer_ms_sum::float8/nullif(answered,0)) from call_minute_rollups;
select count(*), sum(calls) from call_minute_answer_bins;
`);
