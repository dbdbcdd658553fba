DROP INDEX "call_day_answer_bins_day_idx";--> statement-breakpoint
DROP INDEX "call_hour_answer_bins_hour_idx";--> statement-breakpoint
DROP INDEX "call_minute_answer_bins_minute_idx";--> statement-breakpoint
DROP INDEX "call_day_rollups_day_idx";--> statement-breakpoint
DROP INDEX "call_hour_rollups_hour_idx";--> statement-breakpoint
DROP INDEX "call_minute_rollups_minute_idx";--> statement-breakpoint
DROP INDEX "queue_day_rollups_day_idx";--> statement-breakpoint
DROP INDEX "queue_hour_rollups_hour_idx";--> statement-breakpoint
DROP INDEX "queue_minute_rollups_minute_idx";--> statement-breakpoint
ALTER TABLE "call_day_answer_bins" DROP CONSTRAINT "call_day_answer_bins_site_id_day_bin_pk";--> statement-breakpoint
ALTER TABLE "call_hour_answer_bins" DROP CONSTRAINT "call_hour_answer_bins_site_id_hour_bin_pk";--> statement-breakpoint
ALTER TABLE "call_minute_answer_bins" DROP CONSTRAINT "call_minute_answer_bins_site_id_minute_queue_bin_pk";--> statement-breakpoint
ALTER TABLE "call_day_rollups" DROP CONSTRAINT "call_day_rollups_site_id_day_pk";--> statement-breakpoint
ALTER TABLE "call_hour_rollups" DROP CONSTRAINT "call_hour_rollups_site_id_hour_pk";--> statement-breakpoint
ALTER TABLE "call_minute_rollups" DROP CONSTRAINT "call_minute_rollups_site_id_minute_queue_pk";--> statement-breakpoint
ALTER TABLE "queue_day_rollups" DROP CONSTRAINT "queue_day_rollups_site_id_day_queue_pk";--> statement-breakpoint
ALTER TABLE "queue_hour_rollups" DROP CONSTRAINT "queue_hour_rollups_site_id_hour_queue_pk";--> statement-breakpoint
ALTER TABLE "queue_minute_rollups" DROP CONSTRAINT "queue_minute_rollups_site_id_minute_queue_pk";--> statement-breakpoint
ALTER TABLE "call_day_answer_bins" ADD CONSTRAINT "call_day_answer_bins_day_site_id_bin_pk" PRIMARY KEY("day","site_id","bin");--> statement-breakpoint
ALTER TABLE "call_hour_answer_bins" ADD CONSTRAINT "call_hour_answer_bins_hour_site_id_bin_pk" PRIMARY KEY("hour","site_id","bin");--> statement-breakpoint
ALTER TABLE "call_minute_answer_bins" ADD CONSTRAINT "call_minute_answer_bins_minute_site_id_queue_bin_pk" PRIMARY KEY("minute","site_id","queue","bin");--> statement-breakpoint
ALTER TABLE "call_day_rollups" ADD CONSTRAINT "call_day_rollups_day_site_id_pk" PRIMARY KEY("day","site_id");--> statement-breakpoint
ALTER TABLE "call_hour_rollups" ADD CONSTRAINT "call_hour_rollups_hour_site_id_pk" PRIMARY KEY("hour","site_id");--> statement-breakpoint
ALTER TABLE "call_minute_rollups" ADD CONSTRAINT "call_minute_rollups_minute_site_id_queue_pk" PRIMARY KEY("minute","site_id","queue");--> statement-breakpoint
ALTER TABLE "queue_day_rollups" ADD CONSTRAINT "queue_day_rollups_day_site_id_queue_pk" PRIMARY KEY("day","site_id","queue");--> statement-breakpoint
ALTER TABLE "queue_hour_rollups" ADD CONSTRAINT "queue_hour_rollups_hour_site_id_queue_pk" PRIMARY KEY("hour","site_id","queue");--> statement-breakpoint
ALTER TABLE "queue_minute_rollups" ADD CONSTRAINT "queue_minute_rollups_minute_site_id_queue_pk" PRIMARY KEY("minute","site_id","queue");