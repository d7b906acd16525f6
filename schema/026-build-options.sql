-- 026-build-options.sql: Hugo's build options of a page (front matter
-- _build, headless, cascade). page.draft (and the draft of its
-- page_card, page_term and page_hit rows) now says why a row is hidden
-- (schema.h's enum page_hidden): a page Hugo does not render (render:
-- never, headless) is hidden everywhere as a draft is, and a page it
-- does not list (list: never, local) has its listing rows hidden while
-- its own page is served. resources is 0 when the page's bundle files
-- are not published (publishResources: false). cascade is a section
-- page's cascade of _build ("RENDER LIST RESOURCES", the numbers of
-- frontmatter.h's enums), NULL when it has none, '?' when not known (a
-- page stored before this): an import whose _index file is unchanged
-- reads it here rather than opening the file.
ALTER TABLE page ADD COLUMN resources INTEGER NOT NULL DEFAULT 1;
ALTER TABLE page ADD COLUMN cascade TEXT DEFAULT '?';
