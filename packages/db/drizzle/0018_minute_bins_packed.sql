-- Minute answer bins move into the minute rows (packed like the five-minute level's), and call_events
-- loses its foreign key to sites (ingestion and import check the site first; sites are never deleted).
-- Both for bulk import speed: see apps/api/bench/csv.ts.
ALTER TABLE "call_minute_rollups" ADD COLUMN "answer_bins" smallint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "call_minute_rollups" ADD COLUMN "answer_bin_calls" integer[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
UPDATE "call_minute_rollups" AS r SET "answer_bins" = p.bins, "answer_bin_calls" = p.calls
FROM (
  SELECT "minute", "site_id", "queue", array_agg("bin" ORDER BY "bin") AS bins, array_agg("calls" ORDER BY "bin") AS calls
  FROM "call_minute_answer_bins" GROUP BY 1, 2, 3
) AS p
WHERE r."minute" = p."minute" AND r."site_id" = p."site_id" AND r."queue" = p."queue";--> statement-breakpoint
DROP TABLE "call_minute_answer_bins";--> statement-breakpoint
ALTER TABLE "call_events" DROP CONSTRAINT "call_events_site_id_sites_id_fk";
