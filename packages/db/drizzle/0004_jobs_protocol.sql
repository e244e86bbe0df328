ALTER TABLE "checkpoints" ADD COLUMN "files" jsonb;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "requirements" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "options" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_open_stage_uq" ON "jobs" USING btree ("stage_id") WHERE status in ('pending', 'claimed', 'running');