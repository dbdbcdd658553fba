-- Fills the five-minute rollups (added by 0005) from the minute rollups already stored, so charts of data
-- ingested before this release have no gap. Exact: the minute rollups hold the same counts and bins.
-- Written in key order, so that a time range is a run of neighbouring pages.
INSERT INTO "call_5min_rollups" ("bucket", "site_id", "offered", "answered", "answered_within_60s", "abandoned",
  "abandoned_after_30s", "answer_ms_sum", "answer_bins", "answer_bin_calls")
SELECT counted.*, coalesce(packed.bins, '{}'), coalesce(packed.calls, '{}')
FROM (
  SELECT date_bin('5 minutes', minute, timestamptz '2000-01-01T00:00:00Z') AS bucket, site_id,
    sum(offered)::int, sum(answered)::int, sum(answered_within_60s)::int, sum(abandoned)::int,
    sum(abandoned_after_30s)::int, sum(answer_ms_sum)::bigint
  FROM "call_minute_rollups" GROUP BY 1, 2
) counted
LEFT JOIN (
  SELECT bucket, site_id, array_agg(bin ORDER BY bin) AS bins, array_agg(calls ORDER BY bin) AS calls
  FROM (
    SELECT date_bin('5 minutes', minute, timestamptz '2000-01-01T00:00:00Z') AS bucket, site_id, bin,
      sum(calls)::int AS calls
    FROM "call_minute_answer_bins" GROUP BY 1, 2, 3
  ) per_bin
  GROUP BY 1, 2
) packed USING (bucket, site_id)
ORDER BY 1, 2
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "queue_5min_rollups" ("site_id", "queue", "bucket", "samples", "waiting_sum", "waiting_max",
  "longest_wait_max_ms", "agents_available_sum")
SELECT site_id, queue, date_bin('5 minutes', minute, timestamptz '2000-01-01T00:00:00Z'), sum(samples)::int,
  sum(waiting_sum)::int, max(waiting_max), max(longest_wait_max_ms), sum(agents_available_sum)::int
FROM "queue_minute_rollups" GROUP BY 1, 2, 3
ORDER BY 3, 1, 2
ON CONFLICT DO NOTHING;
