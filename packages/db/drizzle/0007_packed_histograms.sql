ALTER TABLE "call_day_rollups" ADD COLUMN "answer_bins" smallint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "call_day_rollups" ADD COLUMN "answer_bin_calls" integer[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "call_hour_rollups" ADD COLUMN "answer_bins" smallint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "call_hour_rollups" ADD COLUMN "answer_bin_calls" integer[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "call_minute_rollups" ADD COLUMN "answer_bins" smallint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "call_minute_rollups" ADD COLUMN "answer_bin_calls" integer[] DEFAULT '{}' NOT NULL;