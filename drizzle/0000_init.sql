CREATE SEQUENCE "public"."schema_ids" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "configs" (
	"subject" text PRIMARY KEY NOT NULL,
	"compatibility_level" text,
	"compatibility_policy" text,
	"normalize" boolean,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"seq" bigint,
	"event_type" text NOT NULL,
	"subject" text,
	"data" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "events_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "modes" (
	"subject" text PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schema_references" (
	"schema_id" bigint NOT NULL,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "schema_references_schema_id_name_pk" PRIMARY KEY("schema_id","name")
);
--> statement-breakpoint
CREATE TABLE "schemas" (
	"id" bigint PRIMARY KEY DEFAULT nextval('schema_ids') NOT NULL,
	"schema_type" text NOT NULL,
	"schema" text NOT NULL,
	"fingerprint" text NOT NULL,
	"references" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metadata" jsonb,
	"rule_set" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schemas_fingerprint_unique" UNIQUE("fingerprint")
);
--> statement-breakpoint
CREATE TABLE "subject_versions" (
	"subject" text NOT NULL,
	"version" integer NOT NULL,
	"schema_id" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subject_versions_subject_version_pk" PRIMARY KEY("subject","version")
);
--> statement-breakpoint
ALTER TABLE "schema_references" ADD CONSTRAINT "schema_references_schema_id_schemas_id_fk" FOREIGN KEY ("schema_id") REFERENCES "public"."schemas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_versions" ADD CONSTRAINT "subject_versions_schema_id_schemas_id_fk" FOREIGN KEY ("schema_id") REFERENCES "public"."schemas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_unsequenced" ON "events" USING btree ("id") WHERE "events"."seq" is null;--> statement-breakpoint
CREATE INDEX "events_unpublished" ON "events" USING btree ("seq") WHERE "events"."seq" is not null and "events"."published_at" is null;--> statement-breakpoint
CREATE INDEX "events_subject_seq" ON "events" USING btree ("subject","seq");--> statement-breakpoint
CREATE INDEX "schema_references_target" ON "schema_references" USING btree ("subject","version");--> statement-breakpoint
CREATE INDEX "subject_versions_schema_id" ON "subject_versions" USING btree ("schema_id");