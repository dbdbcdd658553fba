-- Fills abandoned_after_60s (added by 0016) from the stored call events, with the rules of
-- apps/api/src/services/rollups/call-rollups-sql.ts: an abandoned call whose wait_ms > 60000 counts in the
-- UTC minute it was offered (at − wait_ms), and the five-minute, hour and London-day rows add up those
-- minutes. Exact wherever the raw events are kept. Events pruned by retention (before the `raw` retention
-- mark) are gone, so the split is unknown before that mark: it is recorded as the mark `abandoned_after_60s`
-- (the IUC ADC export leaves B04 and B05 empty for periods that start before it; see the README).
INSERT INTO "retention_marks" ("name", "before")
SELECT 'abandoned_after_60s', "before" FROM "retention_marks" WHERE "name" = 'raw'
ON CONFLICT ("name") DO NOTHING;
--> statement-breakpoint
WITH "after_60s" AS (
  SELECT site_id, queue, date_trunc('minute', at - wait_ms * interval '1 millisecond', 'UTC') AS minute,
    count(*)::int AS n
  FROM "call_events" WHERE kind = 'abandoned' AND wait_ms > 60000 GROUP BY 1, 2, 3
), "minutes" AS (
  UPDATE "call_minute_rollups" r SET "abandoned_after_60s" = a.n FROM "after_60s" a
  WHERE r.minute = a.minute AND r.site_id = a.site_id AND r.queue = a.queue RETURNING 1
), "buckets" AS (
  UPDATE "call_5min_rollups" r SET "abandoned_after_60s" = a.n
  FROM (SELECT site_id, date_bin('5 minutes', minute, timestamptz '2000-01-01T00:00:00Z') AS bucket,
          sum(n)::int AS n FROM "after_60s" GROUP BY 1, 2) a
  WHERE r.bucket = a.bucket AND r.site_id = a.site_id RETURNING 1
), "hours" AS (
  UPDATE "call_hour_rollups" r SET "abandoned_after_60s" = a.n
  FROM (SELECT site_id, date_trunc('hour', minute, 'UTC') AS hour, sum(n)::int AS n
        FROM "after_60s" GROUP BY 1, 2) a
  WHERE r.hour = a.hour AND r.site_id = a.site_id RETURNING 1
), "days" AS (
  UPDATE "call_day_rollups" r SET "abandoned_after_60s" = a.n
  FROM (SELECT site_id, (minute AT TIME ZONE 'Europe/London')::date AS day, sum(n)::int AS n
        FROM "after_60s" GROUP BY 1, 2) a
  WHERE r.day = a.day AND r.site_id = a.site_id RETURNING 1
)
SELECT (SELECT count(*) FROM "minutes") + (SELECT count(*) FROM "buckets") + (SELECT count(*) FROM "hours")
  + (SELECT count(*) FROM "days") AS "rows_filled";
