CREATE TABLE "metric_blocks" (
	"stage_id" uuid NOT NULL,
	"key" text NOT NULL,
	"block" integer NOT NULL,
	"count" integer NOT NULL,
	"sum" double precision NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	"first_step" integer NOT NULL,
	CONSTRAINT "metric_blocks_stage_id_key_block_pk" PRIMARY KEY("stage_id","key","block")
);
--> statement-breakpoint
ALTER TABLE "metric_blocks" ADD CONSTRAINT "metric_blocks_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Existing points get their blocks.
INSERT INTO "metric_blocks" ("stage_id", "key", "block", "count", "sum", "min", "max", "first_step")
SELECT "stage_id", "key", floor("step" / 256.0)::int, count(*)::int, sum("value"), min("value"), max("value"), min("step")
FROM "metrics" GROUP BY "stage_id", "key", floor("step" / 256.0)::int;
