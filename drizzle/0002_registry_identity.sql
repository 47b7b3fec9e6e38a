-- The registry's identity: one row, written by the migration that creates it, never changed. Every event
-- envelope carries it, and the Redis channels are named after it, so that registries sharing one Redis
-- (each with its own database and its own feed positions) never take each other's events.
CREATE TABLE "registry_identity" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"registry_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_identity_one_row" CHECK ("singleton")
);
--> statement-breakpoint
INSERT INTO "registry_identity" ("registry_id") VALUES (gen_random_uuid()::text);
