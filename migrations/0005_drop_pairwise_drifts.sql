-- Drifts were one row per pair of wordings (key slug|kind|value|value, no variants). They are now one row
-- per disagreement with every variant (key slug|kind|compared). The old rows are dropped; matching writes the
-- new ones the next time a claim's evidence changes (or at `claimwatch rematch`).
DELETE FROM "drifts" WHERE "variants" = '[]'::jsonb;
