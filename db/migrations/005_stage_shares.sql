-- Each stage's share of the final score (서면 30 % + 발표 70 %, say). When no stage has a
-- share, the last stage decides alone.
ALTER TABLE stages
    ADD COLUMN final_share double precision NOT NULL DEFAULT 0 CHECK (final_share BETWEEN 0 AND 100);
