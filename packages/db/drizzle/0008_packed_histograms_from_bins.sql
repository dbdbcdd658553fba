-- Moves each answer-time histogram from its bin table (a row per bin) into its rollup row (0007), before
-- 0009 drops the bin tables. Exact: the same bins and calls, in ascending bin order.
UPDATE "call_minute_rollups" r SET "answer_bins" = p.bins, "answer_bin_calls" = p.calls
FROM (
  SELECT minute, site_id, queue, array_agg(bin ORDER BY bin) AS bins, array_agg(calls ORDER BY bin) AS calls
  FROM "call_minute_answer_bins" GROUP BY 1, 2, 3
) p
WHERE r.minute = p.minute AND r.site_id = p.site_id AND r.queue = p.queue;
--> statement-breakpoint
UPDATE "call_hour_rollups" r SET "answer_bins" = p.bins, "answer_bin_calls" = p.calls
FROM (
  SELECT hour, site_id, array_agg(bin ORDER BY bin) AS bins, array_agg(calls ORDER BY bin) AS calls
  FROM "call_hour_answer_bins" GROUP BY 1, 2
) p
WHERE r.hour = p.hour AND r.site_id = p.site_id;
--> statement-breakpoint
UPDATE "call_day_rollups" r SET "answer_bins" = p.bins, "answer_bin_calls" = p.calls
FROM (
  SELECT day, site_id, array_agg(bin ORDER BY bin) AS bins, array_agg(calls ORDER BY bin) AS calls
  FROM "call_day_answer_bins" GROUP BY 1, 2
) p
WHERE r.day = p.day AND r.site_id = p.site_id;
