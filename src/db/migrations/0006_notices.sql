CREATE TABLE "notices" (
	"agency_id" integer NOT NULL,
	"id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"text" text NOT NULL,
	"attachment_id" uuid NOT NULL,
	"issued_on" date NOT NULL,
	"issued_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notices_agency_id_id_pk" PRIMARY KEY("agency_id","id")
);
--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_agency_id_application_id_applications_agency_id_id_fk" FOREIGN KEY ("agency_id","application_id") REFERENCES "public"."applications"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_agency_id_attachment_id_attachments_agency_id_id_fk" FOREIGN KEY ("agency_id","attachment_id") REFERENCES "public"."attachments"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notices_number" ON "notices" USING btree ("agency_id","year","seq");--> statement-breakpoint
CREATE INDEX "notices_app" ON "notices" USING btree ("agency_id","application_id","issued_on");--> statement-breakpoint
-- An issued notice is frozen: its number and text are what went out, and are never changed or removed.
CREATE OR REPLACE FUNCTION notices_frozen() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '已发出的通知书不能修改或删除 (notices are frozen once issued)';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER notices_no_update BEFORE UPDATE OR DELETE ON notices FOR EACH ROW EXECUTE FUNCTION notices_frozen();
