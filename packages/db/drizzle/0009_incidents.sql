CREATE TYPE "public"."incident_stage" AS ENUM('declared', 'active', 'monitoring', 'stood_down', 'closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."incident_type" AS ENUM('business_continuity', 'critical', 'major');--> statement-breakpoint
CREATE TABLE "incident_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"stage" "incident_stage",
	"note" text,
	"detail" jsonb,
	"actor" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opel_levels" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"level" smallint NOT NULL,
	"note" text,
	"set_by" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opel_levels_level_range" CHECK ("opel_levels"."level" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "paper_periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"incident_id" integer,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"note" text,
	"set_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "paper_periods_end_after_start" CHECK ("paper_periods"."ended_at" > "paper_periods"."started_at")
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "type" "incident_type" NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "eprr_level" smallint;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "stage" "incident_stage" DEFAULT 'declared' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "declared_at" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "declared_by" text NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "active_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "monitoring_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "stood_down_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "incident_updates" ADD CONSTRAINT "incident_updates_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opel_levels" ADD CONSTRAINT "opel_levels_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_periods" ADD CONSTRAINT "paper_periods_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_periods" ADD CONSTRAINT "paper_periods_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_updates_incident_idx" ON "incident_updates" USING btree ("incident_id","at");--> statement-breakpoint
CREATE INDEX "opel_levels_site_idx" ON "opel_levels" USING btree ("site_id","set_at");--> statement-breakpoint
CREATE INDEX "paper_periods_site_idx" ON "paper_periods" USING btree ("site_id","started_at");--> statement-breakpoint
ALTER TABLE "incidents" DROP COLUMN "severity";--> statement-breakpoint
ALTER TABLE "incidents" DROP COLUMN "continuity_mode";--> statement-breakpoint
ALTER TABLE "incidents" DROP COLUMN "ended_at";--> statement-breakpoint
ALTER TABLE "incidents" DROP COLUMN "notes";--> statement-breakpoint
ALTER TABLE "incidents" DROP COLUMN "created_at";--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_eprr_level_range" CHECK ("incidents"."eprr_level" between 1 and 4);--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_stood_down_after_start" CHECK ("incidents"."stood_down_at" >= "incidents"."started_at");