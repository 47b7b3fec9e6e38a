-- API keys (issue 14): the secret is stored only as an scrypt hash; `subjects` holds the subject prefixes a
-- key is confined to (null: every subject). The admin key of ADMIN_KEY is configuration, not a row.
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"secret_hash" text NOT NULL,
	"role" text NOT NULL,
	"subjects" jsonb,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
