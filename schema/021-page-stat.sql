-- 021-page-stat.sql: what a page's file looked like when the importer
-- last read it (its lstat, or its link target's stat), and the settings
-- hash it was imported under. A file whose stat and settings match its
-- row is unchanged without being opened, as git's index and make tell;
-- any difference and it is read and hashed as before, and its row
-- written again. A row is written only for a file whose mtime and ctime
-- are older than its import's start by a margin (import.c), so an edit
-- within the same clock tick is never taken for no change. Rows go with
-- their page.
CREATE TABLE page_stat (
	source TEXT PRIMARY KEY REFERENCES page (source) ON DELETE CASCADE
	    ON UPDATE CASCADE,
	dev INTEGER NOT NULL,
	ino INTEGER NOT NULL,
	size INTEGER NOT NULL,
	mtime_ns INTEGER NOT NULL,	-- nanoseconds since the epoch
	ctime_ns INTEGER NOT NULL,
	settings INTEGER NOT NULL	-- the settings hash, as a signed 64 bits
) STRICT, WITHOUT ROWID;
