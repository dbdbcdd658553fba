CREATE TYPE "public"."call_event_kind" AS ENUM('offered', 'answered', 'abandoned', 'ended', 'callback_requested', 'callback_made', 'transferred');--> statement-breakpoint
CREATE TYPE "public"."status_source" AS ENUM('heartbeat', 'probe', 'manual');--> statement-breakpoint
CREATE TYPE "public"."system_status_value" AS ENUM('up', 'degraded', 'down', 'unknown');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"secret_hash" text NOT NULL,
	"feed" text NOT NULL,
	"site_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "call_events" (
	"site_id" text NOT NULL,
	"call_id" text NOT NULL,
	"kind" "call_event_kind" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"wait_ms" integer,
	"queue" text DEFAULT 'default' NOT NULL,
	"agent_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_events_site_id_call_id_kind_pk" PRIMARY KEY("site_id","call_id","kind")
);
--> statement-breakpoint
CREATE TABLE "call_minute_rollups" (
	"site_id" text NOT NULL,
	"queue" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"offered" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"answered_within_60s" integer DEFAULT 0 NOT NULL,
	"abandoned" integer DEFAULT 0 NOT NULL,
	"abandoned_after_30s" integer DEFAULT 0 NOT NULL,
	"answer_ms_sum" bigint DEFAULT 0 NOT NULL,
	"answer_hist" integer[] DEFAULT '{}'::integer[] NOT NULL,
	CONSTRAINT "call_minute_rollups_site_id_queue_minute_pk" PRIMARY KEY("site_id","queue","minute")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"severity" text DEFAULT 'major' NOT NULL,
	"system_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"site_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"continuity_mode" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "manual_tallies" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"incident_id" integer,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"measure" text NOT NULL,
	"count" integer NOT NULL,
	"entered_by" text NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "queue_snapshots" (
	"site_id" text NOT NULL,
	"queue" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"calls_waiting" integer NOT NULL,
	"longest_wait_ms" integer NOT NULL,
	"agents_available" integer NOT NULL,
	"agents_on_call" integer NOT NULL,
	"agents_wrap_up" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "queue_snapshots_site_id_queue_at_pk" PRIMARY KEY("site_id","queue","at")
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region" text,
	"timezone" text DEFAULT 'Europe/London' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_status" (
	"system_id" text NOT NULL,
	"site_id" text,
	"at" timestamp with time zone NOT NULL,
	"status" "system_status_value" NOT NULL,
	"source" "status_source" NOT NULL,
	"detail" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_status_report_key" UNIQUE NULLS NOT DISTINCT("system_id","site_id","at","source")
);
--> statement-breakpoint
CREATE TABLE "site_systems" (
	"site_id" text NOT NULL,
	"system_id" text NOT NULL,
	CONSTRAINT "site_systems_site_id_system_id_pk" PRIMARY KEY("site_id","system_id")
);
--> statement-breakpoint
CREATE TABLE "systems" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "call_events" ADD CONSTRAINT "call_events_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_minute_rollups" ADD CONSTRAINT "call_minute_rollups_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_tallies" ADD CONSTRAINT "manual_tallies_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_tallies" ADD CONSTRAINT "manual_tallies_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_snapshots" ADD CONSTRAINT "queue_snapshots_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_status" ADD CONSTRAINT "system_status_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_status" ADD CONSTRAINT "system_status_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_systems" ADD CONSTRAINT "site_systems_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_systems" ADD CONSTRAINT "site_systems_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "call_events_site_at_idx" ON "call_events" USING btree ("site_id","at");--> statement-breakpoint
CREATE INDEX "call_events_at_brin" ON "call_events" USING brin ("at");--> statement-breakpoint
CREATE INDEX "incidents_started_at_idx" ON "incidents" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "manual_tallies_site_period_idx" ON "manual_tallies" USING btree ("site_id","period_start");--> statement-breakpoint
CREATE INDEX "queue_snapshots_site_at_idx" ON "queue_snapshots" USING btree ("site_id","at");--> statement-breakpoint
CREATE INDEX "queue_snapshots_at_brin" ON "queue_snapshots" USING brin ("at");--> statement-breakpoint
CREATE INDEX "system_status_system_site_at_idx" ON "system_status" USING btree ("system_id","site_id","at");--> statement-breakpoint
CREATE INDEX "system_status_at_idx" ON "system_status" USING btree ("at");