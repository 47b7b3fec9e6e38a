-- Events take their feed position when they are written (under the `head` row lock) instead of from the
-- relay, and publishing advances the `published` cursor instead of marking each row. Rows the old relay
-- had not sequenced yet get the next positions in id order, as it would have given them.
CREATE TABLE "outbox_positions" (
	"name" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
UPDATE "events" SET "seq" = "pending"."base" + "pending"."n"
FROM (
	SELECT "id", row_number() OVER (ORDER BY "id") AS "n",
		(SELECT coalesce(max("seq"), 0) FROM "events") AS "base"
	FROM "events" WHERE "seq" IS NULL
) AS "pending"
WHERE "events"."id" = "pending"."id";--> statement-breakpoint
INSERT INTO "outbox_positions" ("name", "seq")
SELECT 'head', coalesce(max("seq"), 0) FROM "events";--> statement-breakpoint
INSERT INTO "outbox_positions" ("name", "seq")
SELECT 'published', coalesce(
	(SELECT min("seq") - 1 FROM "events" WHERE "published_at" IS NULL),
	(SELECT max("seq") FROM "events"),
	0);--> statement-breakpoint
DROP INDEX "events_unsequenced";--> statement-breakpoint
DROP INDEX "events_unpublished";--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "published_at";
