CREATE TABLE "alert_channels" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"target" text NOT NULL,
	"secret" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule_id" integer,
	"channel_id" integer NOT NULL,
	"subject" text,
	"state" text NOT NULL,
	"attempt" integer NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"minutes" integer DEFAULT 5 NOT NULL,
	"site_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"system_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"measure" text,
	"threshold" real,
	"channel_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"repeat_minutes" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_states" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule_id" integer NOT NULL,
	"subject" text NOT NULL,
	"site_id" text,
	"system_id" text,
	"since" timestamp with time zone NOT NULL,
	"last_sent_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "maintenance_windows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"system_id" text NOT NULL,
	"site_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"date" text,
	"weekday" integer,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_states" ADD CONSTRAINT "alert_states_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_deliveries_at_idx" ON "alert_deliveries" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_states_rule_subject_idx" ON "alert_states" USING btree ("rule_id","subject");