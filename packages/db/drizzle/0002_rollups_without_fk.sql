ALTER TABLE "call_day_answer_bins" DROP CONSTRAINT "call_day_answer_bins_site_id_sites_id_fk";
--> statement-breakpoint
ALTER TABLE "call_hour_answer_bins" DROP CONSTRAINT "call_hour_answer_bins_site_id_sites_id_fk";
--> statement-breakpoint
ALTER TABLE "call_minute_answer_bins" DROP CONSTRAINT "call_minute_answer_bins_site_id_sites_id_fk";
--> statement-breakpoint
ALTER TABLE "call_day_rollups" DROP CONSTRAINT "call_day_rollups_site_id_sites_id_fk";
--> statement-breakpoint
ALTER TABLE "call_hour_rollups" DROP CONSTRAINT "call_hour_rollups_site_id_sites_id_fk";
--> statement-breakpoint
ALTER TABLE "call_minute_rollups" DROP CONSTRAINT "call_minute_rollups_site_id_sites_id_fk";
--> statement-breakpoint
ALTER TABLE "queue_day_rollups" DROP CONSTRAINT "queue_day_rollups_site_id_sites_id_fk";
--> statement-breakpoint
ALTER TABLE "queue_hour_rollups" DROP CONSTRAINT "queue_hour_rollups_site_id_sites_id_fk";
--> statement-breakpoint
ALTER TABLE "queue_minute_rollups" DROP CONSTRAINT "queue_minute_rollups_site_id_sites_id_fk";
