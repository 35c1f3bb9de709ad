-- The revision a case had when its latest version was submitted. While the case is still
-- at that revision its working copy is the submitted version, so the team's page can say so
-- without reading the version back. Every change to a case moves its revision on.
ALTER TABLE cases ADD COLUMN submitted_revision integer NOT NULL DEFAULT 0;

UPDATE cases c SET submitted_revision = c.revision
FROM case_versions v
WHERE v.case_id = c.id AND v.version = c.submitted_version AND v.submitted_at = c.updated_at;
