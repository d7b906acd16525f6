-- 014-frames.sql: the hosts a page's embedded videos (youtube, vimeo
-- shortcodes) are framed from, as schema.h's PAGE_FRAME_* bits; the
-- worker widens that page's Content-Security-Policy frame-src to exactly
-- those hosts. 0: the page frames nothing from another site.
ALTER TABLE page ADD COLUMN frames INTEGER NOT NULL DEFAULT 0;
