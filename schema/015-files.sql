-- 015-files.sql: the site's own files (page-bundle resources, the files
-- under static/). Their bytes are not in this database, which each
-- import copies: they live in the content-addressed store beside it
-- (NAME.files/ for NAME.db), a file's bytes at NAME.files/HH/REST where
-- HHREST is its hash. A store file is written once and never changed;
-- one no row names any more is removed after the import that dropped it.
CREATE TABLE file (
	url TEXT PRIMARY KEY,		-- route under the base path, decoded, as page.url
	source TEXT NOT NULL,		-- path under the site folder, for messages and re-import
	hash TEXT NOT NULL,		-- lower-case hex SHA-256 of the bytes
	size INTEGER NOT NULL,		-- in bytes
	mtime INTEGER NOT NULL,		-- the source file's modification time, unix seconds
	media_type TEXT NOT NULL	-- by extension from /etc/mime.types, as nginx does
) WITHOUT ROWID;
