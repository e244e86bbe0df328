CREATE TABLE "benchmark_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"suite" text DEFAULT 'pass1' NOT NULL,
	"preset" text NOT NULL,
	"task" text NOT NULL,
	"seed" integer NOT NULL,
	"stage" text NOT NULL,
	"commit" text NOT NULL,
	"dirty" text NOT NULL,
	"date" timestamp with time zone NOT NULL,
	"tag" text,
	"quick" boolean NOT NULL,
	"spec_hash" text,
	"pass1" double precision,
	"format" double precision,
	"language" double precision,
	"problems" integer,
	"samples_per_problem" integer,
	"wall_seconds" double precision,
	"cached" boolean,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "benchmark_results_source_uq" ON "benchmark_results" USING btree ("source","preset","seed","stage");--> statement-breakpoint
CREATE INDEX "benchmark_results_series_idx" ON "benchmark_results" USING btree ("preset","task","seed","stage","date");