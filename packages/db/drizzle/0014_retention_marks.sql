CREATE TABLE "retention_marks" (
	"name" text PRIMARY KEY NOT NULL,
	"before" timestamp with time zone NOT NULL
);
