DROP TABLE "call_day_answer_bins" CASCADE;--> statement-breakpoint
DROP TABLE "call_hour_answer_bins" CASCADE;--> statement-breakpoint
DROP TABLE "call_minute_answer_bins" CASCADE;