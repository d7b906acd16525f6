-- 017-section-url.sql: a section's own url (its _index.md's front-matter
-- url), where Hugo 0.111 publishes its listing, pagination and feeds.
--
-- The section's page keeps its row at the section's route ("/post/",
-- "/fr/post/"), which names it to every reader of the section; list_url
-- ("/blog/") is where the router answers it, and the section's route
-- answers 404, as Hugo writes nothing there. NULL: at its route.
ALTER TABLE page ADD COLUMN list_url TEXT;
CREATE INDEX page_list_url ON page (list_url) WHERE list_url IS NOT NULL;
