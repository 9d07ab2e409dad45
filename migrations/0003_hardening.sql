CREATE TABLE "deliveries" (
	"platform" text NOT NULL,
	"delivery_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deliveries_pk" PRIMARY KEY("platform","delivery_id")
);
--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "reveal_error" text;--> statement-breakpoint
CREATE INDEX "deliveries_expires_idx" ON "deliveries" USING btree ("expires_at");