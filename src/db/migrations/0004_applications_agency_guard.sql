ALTER TABLE "applications" DROP CONSTRAINT "applications_agency_id_agencies_id_fk";
--> statement-breakpoint
CREATE FUNCTION "agencies_keep_applications"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "applications" WHERE "agency_id" = OLD."id") THEN
    RAISE EXCEPTION '机关（编号 %）已有政府信息公开申请，不能删除', OLD."id";
  END IF;
  RETURN OLD;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "agencies_keep_applications" BEFORE DELETE ON "agencies" FOR EACH ROW EXECUTE FUNCTION "agencies_keep_applications"();
