/* db.h - the worker's read-only queries (db.c): the pages, lists, terms
 * and search hits a request shows. The importer's writes are dbw.h's. */
#ifndef QUIRE_DB_H
#define QUIRE_DB_H

#include "buf.h"
#include "dates.h"
#include "fragments.h"
#include "schema.h"
#include "site.h"

/* Results: a row, no (more) rows, or an error to answer with 503. */
enum db_rc {
	DB_ROW = 1,
	DB_DONE = 0,
	DB_ERROR = -1,
};

/* A page as the worker reads it. Strings point into SQLite's row and stay
 * valid until the next call of the same function or db_end_request(). */
struct db_page {
	long long id;
	enum page_kind kind;
	const char *url;
	const char *title;
	const char *description;
	const char *author;
	const char *layout;
	const char *body;
	enum page_markup markup;	/* how body is written */
	const char *summary;
	const char *source;	/* file path under content/ */
	const char *lang;	/* its language (a whole page's only) */
	const char *tkey;	/* what its translations share (ditto) */
	int has_date, has_lastmod;
	struct qdate date, lastmod;
	int truncated;
	long words;
	long minutes;
	const char *cover;	/* a list entry's figure (schema 016) */
	long long worder;	/* its place by weight (schema 025; a whole
				 * page's only) */
};

/* The fields of a list entry (entry.h), each a column of page_card and
 * of page_term (schema/008) read by name into the field of struct
 * db_page: X(column, type, field), type one of text, int, int64, long as
 * the field is. The worker's statements select these columns and its
 * reader fills the fields from this one list; a new field is a column (a
 * migration), a line here, its value in the importer's card statement,
 * and, when listings show it, a line of entry.c (the importer writes
 * each entry's markup into the column entry of page_card and page_term,
 * schema/009). */
#define DB_ENTRY_FIELDS(X) \
	X(url, text, url) \
	X(title, text, title) \
	X(author, text, author) \
	X(summary, text, summary) \
	X(has_date, int, has_date) \
	X(date, int64, date.t) \
	X(date_offset, int, date.offset) \
	X(truncated, int, truncated) \
	X(words, long, words) \
	X(minutes, long, minutes) \
	X(cover, text, cover)

/* A taxonomy term; strings as in db_page. */
struct db_term {
	long long id;
	const char *slug;
	const char *name;
	long count;
};

struct db;

/* Opens the database file read-only and loads the site settings (the
 * statements are prepared as requests first need them). Anything but a
 * regular file is refused, and so is a file of an older schema than this
 * worker reads (its queries would fail), with "run quire import"; no open
 * of this process's SQLite ever waits (a FIFO). Returns NULL and a message
 * naming path in err on failure. */
struct db *db_open(const char *path, struct buf *err);
/* What the worker should log once about an open database, or NULL: a file
 * of a newer schema, written by a newer quire than this worker, is served
 * as far as its queries allow. */
const char *db_note(const struct db *db);
/* Tells SQLite that one thread alone uses it, before its first use: no
 * mutex around each of the hundreds of calls a page makes. Call it once,
 * first thing, in a single-threaded process. */
void db_single_thread(void);
/* Closes db (NULL is fine). */
void db_close(struct db *db);
/* Appends the SQL of the worker's statement number i (0, 1, ...) to sql
 * and SQLite's plan of it (EXPLAIN QUERY PLAN's details, one a line) to
 * plan, for tests to check how each list is read. Returns 0, 1 past the
 * last statement, -1 when SQLite could not explain it (why, in plan). */
int db_plan(struct db *db, size_t i, struct buf *sql, struct buf *plan);
/* Returns non-zero when db should be opened afresh: path is not the file
 * db has open, or that file was replaced (the importer renamed a new one
 * over it), changed in place, or is gone. */
int db_replaced(const struct db *db, const char *path);
/* Holds db's file for one request, shared (flock), when it is still the
 * live file at path: 0. Else -1, and db is to be opened afresh. An import
 * writes in place only the file it swapped out (publish.h), and waits for
 * this hold to end first. */
int db_hold(struct db *db, const char *path);
/* Ends db_hold()'s hold (NULL is fine). */
void db_release(struct db *db);
/* The site settings read at open. */
const struct site *db_site(const struct db *db);
/* The last SQLite error message. */
const char *db_errmsg(const struct db *db);

/* What a response depends on: the content version (bumped by each import)
 * and the last instant at or before now when a page appeared or expired. */
struct db_state {
	long long version;
	long long changed;	/* unix seconds: the later of the import and
				 * the last scheduled change */
};

/* Reads the state at instant now. */
enum db_rc db_state(struct db *db, long long now, struct db_state *state);

/* Resets every query; call at the end of each request. Rows returned
 * by db_page_by_url() and db_term_by_slug() stay valid until then. */
void db_end_request(struct db *db);

/* A run of rows being read, the caller's own, so that a page can read two
 * lists at once. The functions that start one step to its first row and
 * return it (DB_ROW), or DB_DONE for none, or DB_ERROR; the matching
 * *_next() gives the next. A row's strings stay valid until the next
 * step. End every cursor with db_cursor_end(), also after DB_DONE or
 * DB_ERROR (it is then a no-op). */
struct db_cursor {
	struct db *db;
	void *stmt;		/* the statement read; NULL once ended */
	int set;		/* the columns a row holds (db.c) */
	int own;		/* stmt was prepared for this cursor alone */
};

void db_cursor_end(struct db_cursor *cur);

/* Lists the visible posts of the main section at instant now, newest
 * first, from offset, at most limit (-1: all), without body. */
enum db_rc db_list(struct db *db, struct db_cursor *cur, long long now,
	long limit, long offset, struct db_page *page);
/* Lists the entries (the markup of entry.h, as the importer wrote it) of
 * the visible posts of the main section (term_id 0) or of the visible
 * pages with term term_id, newest first, from offset, at most limit: the
 * listing pages copy them. */
enum db_rc db_entries(struct db *db, struct db_cursor *cur, long long now,
	long long term_id, long limit, long offset, const char **html,
	size_t *len);
/* Counts into *n the visible pages with term term_id (in the language
 * shown). Returns DB_ROW or DB_ERROR. */
enum db_rc db_entries_count(struct db *db, long long now, long long term_id,
	long *n);
enum db_rc db_entries_next(struct db_cursor *cur, const char **html,
	size_t *len);
/* The next row of db_list() or db_list_sitemap(). */
enum db_rc db_list_next(struct db_cursor *cur, struct db_page *page);
/* A feed's item: what an RSS, Atom or JSON Feed item shows of a page,
 * and the body when asked for (else ""). Strings as in db_page. */
struct db_item {
	long long page_id;
	struct qdate date;
	int has_lastmod;
	struct qdate lastmod;
	const char *title;
	const char *url;
	const char *author;	/* "": the site's */
	const char *summary;
	const char *body;
	enum page_markup markup;	/* how body is written */
};

/* Lists the items of a feed, newest first, at most limit (-1: no limit):
 * of the visible pages with term term_id, or (term_id 0) of every
 * visible page when all, else of the main section's posts; with bodies
 * when body is set (reading bodies is most of the cost of a long list). */
enum db_rc db_items(struct db *db, struct db_cursor *cur, long long now,
	long long term_id, int all, int body, long limit, struct db_item *item);
enum db_rc db_items_next(struct db_cursor *cur, struct db_item *item);
/* Sets *ids to the n pages no feed lists, those of layout search or
 * archives (PaperMod's rss.xml), as read when db was opened (db owns
 * them). */
void db_feedless_pages(struct db *db, const long long **ids, size_t *n);
/* Lists every visible page of every kind for the sitemap, newest first;
 * rows carry a list entry's columns, the kind and the lastmod (no id,
 * description, layout or body). */
enum db_rc db_list_sitemap(struct db *db, struct db_cursor *cur,
	long long now, struct db_page *page);
/* Finds the visible page at route url. */
enum db_rc db_page_by_url(struct db *db, long long now, const char *url,
	struct db_page *page);
/* Lists the terms of taxonomy of page page_id, in the page's order. */
enum db_rc db_page_terms(struct db *db, struct db_cursor *cur,
	long long page_id, const char *taxonomy, struct db_term *term);
/* Lists every term of taxonomy with its count of visible pages, by name. */
enum db_rc db_terms(struct db *db, struct db_cursor *cur, long long now,
	const char *taxonomy, struct db_term *term);
/* The next row of db_page_terms() or db_terms(). */
enum db_rc db_terms_next(struct db_cursor *cur, struct db_term *term);
/* Finds a term by taxonomy and slug (decoded) with at least one visible
 * page. */
enum db_rc db_term_by_slug(struct db *db, long long now, const char *taxonomy,
	const char *slug, struct db_term *term);

/* Finds the own page (_index.md) of the section at route ("/notes/"):
 * its title, description (Markdown) and body, written in *markup, valid
 * until db_end_request(); all "" and DB_DONE when it has none. */
enum db_rc db_section_page(struct db *db, long long now, const char *route,
	const char **title, const char **description, const char **body,
	enum page_markup *markup, long long *page_id);
/* Appends the URL the section at route ("/post/", "/fr/post/") is
 * published at when its _index.md's url moves it ("/blog/", schema
 * 017). Returns DB_ROW, DB_DONE (at its route) or DB_ERROR. */
enum db_rc db_section_list_url(struct db *db, long long now,
	const char *route, struct buf *out);
/* The section published at url by its _index.md's url: appends its
 * route ("/post/") and its language's code. Returns DB_ROW, DB_DONE or
 * DB_ERROR. */
enum db_rc db_section_at(struct db *db, long long now, const char *url,
	struct buf *route, struct buf *lang);
/* Sets *frames to the other sites page_id frames (schema.h's
 * PAGE_FRAME_*; 0 for none or no such page). Returns DB_ROW or DB_ERROR. */
enum db_rc db_page_frames(struct db *db, long long page_id,
	unsigned *frames);
/* Appends page_id's article cover (PaperMod's figure, as the importer
 * made it, schema 016) to single and its OpenGraph image (an absolute
 * URL, not escaped) to og_image. Returns DB_ROW, DB_DONE when it has no
 * cover, or DB_ERROR. */
enum db_rc db_page_cover(struct db *db, long long page_id, struct buf *single,
	struct buf *og_image);
/* The most OpenGraph images a page has (PaperMod's "first 6"). */
#define DB_OG_IMAGES 6
/* Appends page_id's OpenGraph images when it has no cover (schema 020)
 * to values, each ended by a NUL, *n of them: front-matter images as
 * written (for absURL), or one bundle resource's route, whose bit of
 * *resources (1 << i) is set. Returns DB_DONE, or DB_ERROR. */
enum db_rc db_page_og_images(struct db *db, long long page_id,
	struct buf *values, size_t *n, unsigned *resources);
/* Loads page_id's fragments (fragments.h) into f (which it initialises;
 * free it with fragments_free()). Returns DB_ROW, or DB_ERROR (also for
 * stored ordinals that do not run 0, 1, 2...). */
enum db_rc db_page_fragments(struct db *db, long long page_id,
	struct fragments *f);
/* Lists the terms of taxonomy that have visible pages for its feed, each
 * with its newest page's date, newest first, at most limit (-1: all). */
enum db_rc db_taxonomy_items(struct db *db, struct db_cursor *cur,
	long long now, const char *taxonomy, long limit, struct db_term *term,
	struct qdate *date);
enum db_rc db_taxonomy_items_next(struct db_cursor *cur,
	struct db_term *term, struct qdate *date);
/* Lists the visible pages of term term_id oldest first (a series in its
 * order): the id, URL and title of each. */
enum db_rc db_term_oldest(struct db *db, struct db_cursor *cur,
	long long now, long long term_id, long long *page_id, const char **url,
	const char **title);
enum db_rc db_term_oldest_next(struct db_cursor *cur, long long *page_id,
	const char **url, const char **title);
/* Makes every later listing, feed, term, search and sitemap query read
 * the pages of language lang (at open: the default language). */
void db_set_lang(struct db *db, const char *lang);

/* A translation of a page: its language (the site's code), URL, title. */
struct db_translation {
	const char *lang;	/* owned by the site settings */
	char *url;
	char *title;
	size_t rank;		/* the language's place in the site's order */
};
/* Fills links (up to max) with the visible translations of page (a whole
 * page: db_page_by_url()), in the site's order of languages; *n says how
 * many. Free them with db_translations_free(). */
enum db_rc db_translations(struct db *db, long long now,
	const struct db_page *page, struct db_translation *links, size_t max,
	size_t *n);
/* db_translations() of the page at route url (the sitemap's rows). */
enum db_rc db_translations_at(struct db *db, long long now, const char *url,
	struct db_translation *links, size_t max, size_t *n);
void db_translations_free(struct db_translation *links, size_t n);
/* Whether language lang has the listing of term slug of taxonomy (a
 * section's: TAXONOMY_SECTIONS), or of the taxonomy itself when slug is
 * NULL: DB_ROW when it has a visible page there, DB_DONE when not. */
enum db_rc db_listing_in(struct db *db, long long now, const char *taxonomy,
	const char *slug, const char *lang);
/* The date of the newest visible page of language lang, in its own zone,
 * into *date, and *any = 1; *any = 0 when it has none (the sitemap
 * index). */
enum db_rc db_lang_dates(struct db *db, long long now, const char *lang,
	struct qdate *date, int *any);

/* Finds the visible page an alias (decoded route) points to; copies its
 * URL to url. */
/* A stored file (schema/015's file table). Strings as in db_page. */
struct db_file {
	const char *hash;	/* lower-case hex SHA-256, as stored (check it
				 * with store_path()) */
	long long size;
	long long mtime;	/* unix seconds */
	const char *media_type;
	int variant;		/* a resized copy quire made (schema 020):
				 * its URL changes with its bytes */
};

/* Reads the file stored at url (a decoded route, as page.url) into *f.
 * Returns DB_ROW, DB_DONE (no such file) or DB_ERROR. */
enum db_rc db_file_by_url(struct db *db, const char *url, struct db_file *f);
enum db_rc db_alias(struct db *db, long long now, const char *path,
	struct buf *url);
/* Appends an FTS5 query that finds pages holding every word of the
 * user's words (any text): each word a quoted string, so FTS5 operators
 * and syntax are only text; the last one also as a prefix. Words without
 * a letter or digit are dropped. Returns the number of words used. */
int db_fts_query(struct buf *out, const char *words);
/* The CPU time one search may spend, in milliseconds, unless the
 * worker's environment sets QUIRE_SEARCH_MS (1 to 60000). */
#define DB_SEARCH_MS 250

/* One search's hits: how many pages match, and the ids of the page of
 * them asked for, best first. db_hits_free() frees ids. */
struct db_hits {
	long count;
	long long *ids;
	size_t n;
};

/* Counts the visible pages matching an FTS5 query and fills hits with
 * those ranked offset to offset + limit - 1, best first (bm25: title,
 * then tags, then text; then newest, then the lowest id). Returns
 * DB_ROW or DB_ERROR. Starts the search's budget, which lasts until
 * db_search_end(): a query that spends it fails, and db_search_spent()
 * says so (too costly to answer: the caller asks for other words). */
enum db_rc db_search_hits(struct db *db, long long now, const char *match,
	long limit, long offset, struct db_hits *hits);
/* Lists the pages of hits (from db_search_hits() with the same match)
 * in their order, each with a snippet that marks matches with \x01 ...
 * \x02. */
enum db_rc db_search(struct db *db, struct db_cursor *cur, const char *match,
	const struct db_hits *hits, struct db_page *page, const char **snippet);
enum db_rc db_search_next(struct db_cursor *cur, struct db_page *page,
	const char **snippet);
/* Whether the search failed for its budget, not for the database. */
int db_search_spent(const struct db *db);
/* Ends the search's budget: later queries run unbounded. */
void db_search_end(struct db *db);
void db_hits_free(struct db_hits *hits);

/* Lists every taxonomy term with visible pages and the newest date among
 * them (for the sitemap): its taxonomy, slug and that date. */
enum db_rc db_term_dates(struct db *db, struct db_cursor *cur, long long now,
	const char **taxonomy, const char **slug, struct qdate *date);
enum db_rc db_lastmod_next(struct db_cursor *cur, const char **taxonomy,
	const char **slug, struct qdate *date);

/* A link to another page: its URL and title, copied. */
struct db_link {
	char *url;
	char *title;
};

/* Finds the visible posts of the main section just before (newer) and
 * just after (older) p in the listing order, weight first as in Hugo; a
 * missing one has NULL fields. Free both with db_link_free(). */
enum db_rc db_neighbours(struct db *db, long long now,
	const struct db_page *p, struct db_link *newer, struct db_link *older);
/* Fills up to max links to page_id's related posts visible at now, as
 * the importer ranked them (related.h); sets *n. Free each with
 * db_link_free(). */
enum db_rc db_related(struct db *db, long long now, long long page_id,
	struct db_link *links, size_t max, size_t *n);
void db_link_free(struct db_link *l);

#endif
