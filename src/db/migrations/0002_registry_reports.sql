CREATE TABLE "agency_pages" (
	"agency_id" integer NOT NULL,
	"key" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_pages_agency_id_key_pk" PRIMARY KEY("agency_id","key")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"agency_id" integer NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"decision_number" text,
	"subject" text NOT NULL,
	"decided_on" date NOT NULL,
	"published_on" date,
	"summary" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_agency_id_id_pk" PRIMARY KEY("agency_id","id")
);
--> statement-breakpoint
CREATE TABLE "disclosures" (
	"agency_id" integer NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"category" integer NOT NULL,
	"document_number" text,
	"doc_kind" text,
	"issued_on" date,
	"repealed_on" date,
	"formed_on" date NOT NULL,
	"published_on" date,
	"channels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"interpretation_of" uuid,
	"summary" text,
	"url" text,
	"status" text NOT NULL,
	"secrecy_reviewed_by" uuid,
	"secrecy_reviewed_on" date,
	"approved_by" uuid,
	"approved_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "disclosures_agency_id_id_pk" PRIMARY KEY("agency_id","id")
);
--> statement-breakpoint
CREATE TABLE "fee_collections" (
	"agency_id" integer NOT NULL,
	"id" uuid NOT NULL,
	"item" text NOT NULL,
	"collected_on" date NOT NULL,
	"amount_yuan" numeric(14, 2) NOT NULL,
	"payer" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_collections_agency_id_id_pk" PRIMARY KEY("agency_id","id")
);
--> statement-breakpoint
CREATE TABLE "matters" (
	"agency_id" integer NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"established_on" date NOT NULL,
	"abolished_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matters_agency_id_id_pk" PRIMARY KEY("agency_id","id")
);
--> statement-breakpoint
CREATE TABLE "procurements" (
	"agency_id" integer NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"contracted_on" date NOT NULL,
	"amount_yuan" numeric(16, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procurements_agency_id_id_pk" PRIMARY KEY("agency_id","id")
);
--> statement-breakpoint
CREATE TABLE "report_drafts" (
	"agency_id" integer NOT NULL,
	"year" integer NOT NULL,
	"sections" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "report_drafts_agency_id_year_pk" PRIMARY KEY("agency_id","year")
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"agency_id" integer NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"source" text NOT NULL,
	"data" jsonb NOT NULL,
	"sections" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"docx_key" text,
	"xlsx_key" text,
	"original_key" text,
	"original_name" text,
	"published_by" uuid,
	"approved_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_versions_agency_id_year_version_pk" PRIMARY KEY("agency_id","year","version")
);
--> statement-breakpoint
ALTER TABLE "agency_pages" ADD CONSTRAINT "agency_pages_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_secrecy_reviewed_by_users_id_fk" FOREIGN KEY ("secrecy_reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_drafts" ADD CONSTRAINT "report_drafts_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_drafts" ADD CONSTRAINT "report_drafts_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decisions_kind_date" ON "decisions" USING btree ("agency_id","kind","decided_on");--> statement-breakpoint
CREATE INDEX "disclosures_published" ON "disclosures" USING btree ("agency_id","published_on");--> statement-breakpoint
CREATE INDEX "disclosures_category" ON "disclosures" USING btree ("agency_id","category","published_on");--> statement-breakpoint
CREATE INDEX "disclosures_docs" ON "disclosures" USING btree ("agency_id","doc_kind","issued_on");--> statement-breakpoint
CREATE INDEX "fee_collections_date" ON "fee_collections" USING btree ("agency_id","collected_on");--> statement-breakpoint
CREATE INDEX "matters_kind" ON "matters" USING btree ("agency_id","kind");--> statement-breakpoint
CREATE INDEX "procurements_date" ON "procurements" USING btree ("agency_id","contracted_on");