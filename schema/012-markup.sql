-- 012-markup.sql: how each page's body is written (schema.h's enum
-- page_markup): 0 Markdown, rendered by the worker with cmark-gfm, as
-- every page was before; 1 HTML (content/**/*.html, *.htm), which Hugo
-- serves as written and the worker copies out unchanged.
ALTER TABLE page ADD COLUMN markup INTEGER NOT NULL DEFAULT 0;
