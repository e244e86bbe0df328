CREATE TABLE "run_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "metrics_stage_key_step_idx";--> statement-breakpoint
DROP INDEX "samples_stage_step_idx";--> statement-breakpoint
ALTER TABLE "samples" ADD COLUMN "idx" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "samples" ADD COLUMN "kind" text DEFAULT 'train' NOT NULL;--> statement-breakpoint
ALTER TABLE "samples" ADD COLUMN "correct" boolean;--> statement-breakpoint
ALTER TABLE "samples" ADD COLUMN "format_ok" boolean;--> statement-breakpoint
ALTER TABLE "samples" ADD COLUMN "mixed_language" boolean;--> statement-breakpoint
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "run_events_run_id_idx" ON "run_events" USING btree ("run_id","id");--> statement-breakpoint
-- Rows written before this migration: number the samples of each step and keep the newest of any
-- repeated metric point, so the unique indexes below can be built on an existing database.
UPDATE "samples" SET "idx" = n.rn FROM (SELECT "id", row_number() OVER (PARTITION BY "stage_id", "step" ORDER BY "id") - 1 AS rn FROM "samples") AS n WHERE "samples"."id" = n."id";--> statement-breakpoint
DELETE FROM "metrics" a USING "metrics" b WHERE a."stage_id" = b."stage_id" AND a."key" = b."key" AND a."step" = b."step" AND a."id" < b."id";--> statement-breakpoint
CREATE UNIQUE INDEX "metrics_stage_key_step_uq" ON "metrics" USING btree ("stage_id","key","step");--> statement-breakpoint
CREATE UNIQUE INDEX "samples_stage_step_idx_uq" ON "samples" USING btree ("stage_id","step","idx");--> statement-breakpoint
CREATE INDEX "samples_stage_prompt_idx" ON "samples" USING btree ("stage_id","prompt");