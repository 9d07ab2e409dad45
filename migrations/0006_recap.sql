CREATE TABLE "recaps" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recaps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"channel_id" integer NOT NULL,
	"slot" text NOT NULL,
	"status" text DEFAULT 'claimed' NOT NULL,
	"lease_until" timestamp with time zone,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"posted_at" timestamp with time zone,
	"image_posted" boolean,
	"message_ref" text,
	"last_error" text,
	"data" jsonb
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "recap_day" text;--> statement-breakpoint
ALTER TABLE "recaps" ADD CONSTRAINT "recaps_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recaps_channel_slot_uq" ON "recaps" USING btree ("channel_id","slot");--> statement-breakpoint
CREATE INDEX "recaps_channel_posted_idx" ON "recaps" USING btree ("channel_id","posted_at") WHERE "recaps"."status" = 'posted';