/* db-import.c - the importer's writes: schema migrations, site settings,
 * pages and terms, all inside one transaction on a working copy. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The session extension's declarations: Debian's SQLite is built with
 * it (publish.h records and replays an import's changes). */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include "dbw.h"
#include "entry.h"
#include "files.h"
#include "related.h"
#include "section.h"
#include "url.h"

/* schema.c, generated from schema/NNN-*.sql; NULL-terminated. */

/* The page size of every database the importer writes: a card row with
 * its entry (schema/009) fits a b-tree page of 8 KiB, where a 4 KiB one
 * would put most entries on an overflow page, read with a second page
 * for every row of a listing. */
#define PAGE_SIZE "8192"

enum wquery {
	W_SITE_GET,
	W_SITE_CLEAR,
	W_SITE_PUT,
	W_SITE_VALUE,
	W_SEEN,
	W_HASH,
	W_URL_OWNER,
	W_PAGE_DROP,
	W_ALIAS_DROP,
	W_PAGE_PUT,
	W_PAGE_ID,
	W_TERMS_CLEAR,
	W_TERM_PUT,
	W_TERM_ID,
	W_PAGE_TERM_PUT,
	W_ALIAS_CLEAR,
	W_ALIAS_PUT,
	W_FRAGMENTS_CLEAR,
	W_FRAGMENT_PUT,
	W_CARD_PUT,
	W_SECTION_PAGES,
	W_PAGE_REF,
	W_PAGE_FRAMES,
	W_PAGE_LANG,
	W_PAGE_AT,
	W_RESOURCES_AT,
	W_CASCADE_GET,
	W_CARD_UNLIST,
	W_HIT_UNLIST,
	W_FILE_EACH,
	W_FILE_CLEAR,
	W_FILE_PUT,
	W_FILE_PAGE,
	W_STAT_GET,
	W_STAT_PUT,
	W_OG_IMAGES_CLEAR,
	W_OG_IMAGE_PUT,
	W_PAGE_IMAGES_CLEAR,
	W_PAGE_IMAGE_PUT,
	W__MAX
};

static const char *const wquery_sql[W__MAX] = {
	[W_SITE_GET] = "SELECT key, value FROM site",
	[W_SITE_CLEAR] = "DELETE FROM site WHERE key NOT IN ('version', "
	    "'imported_at', 'entry_stamp', 'related_inputs')",
	[W_SITE_PUT] = "INSERT OR REPLACE INTO site (key, value) VALUES (?1, ?2)",
	[W_SITE_VALUE] = "SELECT value FROM site WHERE key = ?1",
	[W_SEEN] = "INSERT OR IGNORE INTO temp.seen (source) VALUES (?1)",
	[W_HASH] = "SELECT hash FROM page WHERE source = ?1",
	/* An alias a translation declares too is not a clash: Hugo writes
	 * both, the later language last (W_ALIAS_PUT). */
	[W_URL_OWNER] = "SELECT source, 0 FROM page WHERE url = ?1 AND "
	    "source <> ?2 UNION ALL SELECT p.source, 1 FROM alias a JOIN page p "
	    "ON p.id = a.page_id WHERE a.path = ?1 AND p.source <> ?2 AND "
	    "(p.tkey <> ?3 OR p.lang = ?4) LIMIT 1",
	[W_PAGE_DROP] = "DELETE FROM page WHERE source = ?1",
	[W_ALIAS_DROP] = "DELETE FROM alias WHERE path = ?1",
	[W_PAGE_PUT] = "INSERT INTO page (source, hash, kind, layout, url, "
	    "title, description, author, has_date, date, date_offset, "
	    "has_lastmod, lastmod, lastmod_offset, publish_at, expire_at, "
	    "draft, body, search_text, search_tags, lang, tkey, markup, list_url, "
	    "resources, cascade) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14, ?15, ?16, ?17, ?18, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30) "
	    "ON CONFLICT (source) DO "
	    "UPDATE SET "
	    "hash = ?2, kind = ?3, layout = ?4, url = ?5, title = ?6, "
	    "description = ?7, author = ?8, has_date = ?9, date = ?10, "
	    "date_offset = ?11, has_lastmod = ?12, lastmod = ?13, "
	    "lastmod_offset = ?14, publish_at = ?15, expire_at = ?16, "
	    "draft = ?17, body = ?18, search_text = ?23, search_tags = ?24, "
	    "lang = ?25, tkey = ?26, markup = ?27, list_url = ?28, "
	    "resources = ?29, cascade = ?30",
	[W_PAGE_ID] = "SELECT id FROM page WHERE source = ?1",
	[W_TERMS_CLEAR] = "DELETE FROM page_term WHERE page_id = ?1",
	[W_TERM_PUT] = "INSERT OR IGNORE INTO term (taxonomy, slug, name) "
	    "VALUES (?1, ?2, ?3)",
	[W_TERM_ID] = "SELECT id FROM term WHERE taxonomy = ?1 AND slug = ?2",
	/* What a list of the term shows comes from the page's card (006,
	 * 008); its draft from the page (not the card: Hugo lists a page of
	 * _build list: never in its terms, schema/026) or ?5 if not NULL. */
	[W_PAGE_TERM_PUT] = "INSERT OR IGNORE INTO page_term (term_id, lang, "
	    "worder, kind, date, title, source, page_id, position, name, "
	    "draft, publish_at, expire_at, url, author, summary, has_date, "
	    "date_offset, truncated, words, minutes, has_lastmod, lastmod, "
	    "lastmod_offset, cover) "
	    "SELECT ?2, lang, worder, kind, date, title, source, page_id, ?3, "
	    "?4, coalesce(?5, (SELECT p.draft FROM page p WHERE p.id = ?1)), "
	    "publish_at, expire_at, url, author, summary, has_date, "
	    "date_offset, truncated, words, minutes, has_lastmod, lastmod, "
	    "lastmod_offset, cover FROM page_card WHERE page_id = ?1",
	[W_ALIAS_CLEAR] = "DELETE FROM alias WHERE page_id = ?1",
	[W_FRAGMENTS_CLEAR] = "DELETE FROM page_fragment WHERE page_id = ?1",
	[W_FRAGMENT_PUT] = "INSERT INTO page_fragment (page_id, kind, ordinal, "
	    "html) VALUES (?1, ?2, ?3, ?4)",
	/* Among translations declaring one alias, the page of the later
	 * language (?3: the codes in Hugo's order, each between spaces)
	 * keeps it, as Hugo's last write does. */
	[W_ALIAS_PUT] = "INSERT INTO alias (path, page_id) VALUES (?1, ?2) "
	    "ON CONFLICT (path) DO UPDATE SET page_id = ?2 WHERE (SELECT "
	    "instr(?3, ' ' || lang || ' ') FROM page WHERE id = alias.page_id) "
	    "<= (SELECT instr(?3, ' ' || lang || ' ') FROM page WHERE id = ?2)",
	/* The card copies the listing's columns from the page row just
	 * stored: one statement, so the two cannot disagree (005); what
	 * page does not hold is bound. Its entry is NULL until
	 * dbw_entries() writes it. */
	/* A card links a section's own page where its url lists it (017). */
	/* The weight ?6 leads the order as worder (schema/025): a negative
	 * one as it is, a positive one less 1, and 0 (unset) after all. */
	[W_CARD_PUT] = "INSERT OR REPLACE INTO page_card (lang, kind, worder, "
	    "date, title, "
	    "source, page_id, draft, publish_at, expire_at, has_lastmod, "
	    "lastmod, lastmod_offset, url, author, summary, has_date, "
	    "date_offset, truncated, words, minutes) SELECT lang, kind, CASE "
	    "WHEN ?6 < 0 THEN ?6 WHEN ?6 > 0 THEN ?6 - 1 ELSE "
	    "9223372036854775807 END, date, "
	    "title, "
	    "source, id, draft, publish_at, expire_at, has_lastmod, lastmod, "
	    "lastmod_offset, coalesce(list_url, url), author, ?2, has_date, "
	    "date_offset, ?3, ?4, ?5 FROM page WHERE id = ?1",
	/* Pages this import keeps but does not read again, counted for
	 * Hugo's default main section: published ones, by section. (From
	 * the listing index, which holds every field asked: a few MB to
	 * read, not the pages' or the cards' rows.) */
	[W_SECTION_PAGES] = "SELECT substr(source, 1, instr(source, '/') - 1),"
	    " count(*) FROM page INDEXED BY page_listing WHERE "
	    "instr(source, '/') > 1 AND "
	    "kind <> 2 AND draft = 0 "
	    "AND publish_at <= ?1 AND (expire_at IS NULL OR expire_at > ?1) "
	    "AND source NOT IN (SELECT source FROM temp.seen) GROUP BY 1",
	/* The video hosts the body of the page at source ?1 frames
	 * (schema/014). */
	[W_PAGE_FRAMES] = "UPDATE page SET frames = ?2 WHERE source = ?1",
	/* Every page of language ?1 but drafts, with its URL (a section's
	 * where its url lists it, 017) and kind: what a ref names (ref.c). */
	[W_PAGE_LANG] = "SELECT source, coalesce(list_url, url), kind FROM page "
	    "WHERE lang = ?1 AND draft = 0 ORDER BY source",
	/* The URL of the page at source ?1 (without case), but a draft; a
	 * section's, where its url lists it (017). */
	[W_PAGE_AT] = "SELECT coalesce(list_url, url) FROM page WHERE lower(source) = lower(?1) "
	    "AND draft = 0",
	/* Where the files of the bundle of the page at source ?1 go: a
	 * page Hugo does not render publishes them too (schema/026). */
	[W_RESOURCES_AT] = "SELECT coalesce(list_url, url) FROM page WHERE "
	    "lower(source) = lower(?1) AND draft IN (0, 2) AND resources = 1",
	/* The listing rows of a page Hugo does not list (schema/026). */
	[W_CARD_UNLIST] = "UPDATE page_card SET draft = 3 WHERE page_id = ?1 "
	    "AND draft = 0",
	[W_HIT_UNLIST] = "UPDATE page_hit SET draft = 3 WHERE id = ?1 AND "
	    "draft = 0",
	/* A menu entry's pageRef: the page at source ?1, published at ?3
	 * (Hugo builds no draft or future page to link), else whether any
	 * page lies under the folder ?2 (a section); without case, as
	 * Hugo's GetPage. A menu has a few entries: a scan each is cheap. */
	[W_PAGE_REF] = "SELECT coalesce(list_url, url), title FROM page WHERE lower(source) = "
	    "lower(?1) AND draft = 0 AND publish_at <= ?3 AND (expire_at IS "
	    "NULL OR expire_at > ?3) UNION ALL SELECT NULL, NULL WHERE EXISTS "
	    "(SELECT 1 FROM page WHERE lower(substr(source, 1, length(?2))) = "
	    "lower(?2)) LIMIT 1",
	/* The site's files (015): the rows as they were, the mirror rule's
	 * delete (?1: a source prefix; '' for all) and the new rows. */
	[W_FILE_EACH] = "SELECT url, source, hash, size, mtime FROM file",
	[W_FILE_CLEAR] = "DELETE FROM file WHERE substr(source, 1, "
	    "length(?1)) = ?1",
	[W_FILE_PUT] = "INSERT OR REPLACE INTO file (url, source, hash, size, "
	    "mtime, media_type, variant) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	/* A page that Hugo writes where a file would go: at its URL, or
	 * the index.html of it. (Two values of url, so that its index
	 * answers: a file would otherwise cost a scan of every page.) */
	[W_FILE_PAGE] = "SELECT source FROM page WHERE draft = 0 AND "
	    "url IN (?1, CASE WHEN substr(?1, -10) = 'index.html' THEN "
	    "substr(?1, 1, length(?1) - 10) END) LIMIT 1",
	/* A page's file as it was last read (schema 021), when it is still
	 * what the walk saw (?2..?6) under the settings ?7: whether the
	 * page is published at ?8 (for Hugo's default main section), and
	 * whether it is expanded again on every import (its hash ends in
	 * "r": it calls ref or relref). */
	[W_STAT_GET] = "SELECT p.draft = 0 AND p.publish_at <= ?8 AND "
	    "(p.expire_at IS NULL OR p.expire_at > ?8), "
	    "substr(p.hash, -1) = 'r' FROM page_stat s "
	    "JOIN page p ON p.source = s.source WHERE s.source = ?1 AND "
	    "s.dev = ?2 AND s.ino = ?3 AND s.size = ?4 AND s.mtime_ns = ?5 "
	    "AND s.ctime_ns = ?6 AND s.settings = ?7",
	/* A section page's stored cascade (schema/026), when its file is
	 * still what the walk saw (?2..?6): whatever the settings, as a
	 * cascade depends on the file alone. */
	[W_CASCADE_GET] = "SELECT p.cascade FROM page_stat s JOIN page p ON "
	    "p.source = s.source WHERE s.source = ?1 AND s.dev = ?2 AND "
	    "s.ino = ?3 AND s.size = ?4 AND s.mtime_ns = ?5 AND s.ctime_ns = "
	    "?6 AND (p.cascade IS NULL OR p.cascade <> '?')",
	[W_STAT_PUT] = "INSERT OR REPLACE INTO page_stat (source, dev, ino, "
	    "size, mtime_ns, ctime_ns, settings) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7)",
	/* A page's front matter images (schema 020), written again with
	 * the page: its og:image and twitter:image values, in order. */
	[W_OG_IMAGES_CLEAR] = "DELETE FROM page_og_image WHERE page_id = "
	    "(SELECT id FROM page WHERE source = ?1)",
	[W_OG_IMAGE_PUT] = "INSERT INTO page_og_image (page_id, ordinal, "
	    "value, resource) SELECT id, ?2, ?3, 0 FROM page WHERE source = ?1",
	/* The images its body shows (schema 016), for responsive copies. */
	[W_PAGE_IMAGES_CLEAR] = "DELETE FROM page_image WHERE page_id = "
	    "(SELECT id FROM page WHERE source = ?1)",
	[W_PAGE_IMAGE_PUT] = "INSERT OR REPLACE INTO page_image (page_id, "
	    "ordinal, url, title, alt) SELECT id, ?2, ?3, ?4, ?5 FROM page "
	    "WHERE source = ?1",
};

struct dbw {
	sqlite3 *conn;
	sqlite3_stmt *stmt[W__MAX];
	/* The import's changes, recorded for the spare (publish.h), or
	 * NULL: not asked for, or given up (record_lost). */
	sqlite3_session *session;
	int record_lost;
	int in_place;		/* the spare, updated in place (dbw_open) */
	/* The first bind that failed since use(): its parameter and code. */
	int bind_param, bind_rc;
};

static int
fail(struct dbw *w, struct buf *err, const char *what)
{
	buf_printf(err, "database: %s: %s", what, sqlite3_errmsg(w->conn));
	return -1;
}

static int
exec(struct dbw *w, const char *sql, struct buf *err)
{
	char *msg = NULL;

	if (sqlite3_exec(w->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
		buf_printf(err, "database: %s (in: %.200s)", msg ? msg : "error",
		    sql);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static sqlite3_stmt *
use(struct dbw *w, enum wquery q)
{
	sqlite3_reset(w->stmt[q]);
	sqlite3_clear_bindings(w->stmt[q]);
	w->bind_rc = SQLITE_OK;
	return w->stmt[q];
}

/* Binders: a failure is kept for run() to report, naming the parameter
 * and the statement. Text is bound SQLITE_STATIC: it must live until
 * run() returns. */
static void
bound(struct dbw *w, int i, int rc)
{
	if (rc != SQLITE_OK && w->bind_rc == SQLITE_OK) {
		w->bind_rc = rc;
		w->bind_param = i;
	}
}

static void
bind_text(struct dbw *w, sqlite3_stmt *st, int i, const char *v)
{
	bound(w, i, sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC));
}

static void
bind_textn(struct dbw *w, sqlite3_stmt *st, int i, const char *v, size_t n)
{
	bound(w, i, n > (size_t)0x7fffffff ? SQLITE_TOOBIG :
	    sqlite3_bind_text(st, i, v, (int)n, SQLITE_STATIC));
}

static void
bind_int64(struct dbw *w, sqlite3_stmt *st, int i, long long v)
{
	bound(w, i, sqlite3_bind_int64(st, i, v));
}

static void
bind_null(struct dbw *w, sqlite3_stmt *st, int i)
{
	bound(w, i, sqlite3_bind_null(st, i));
}

/* Steps st, whose parameters were bound since use(). Returns SQLITE_ROW
 * or SQLITE_DONE, or -1 with "database: WHAT: why (in: SQL)" in err. */
static int
step_any(struct dbw *w, sqlite3_stmt *st, struct buf *err, const char *what)
{
	int rc;

	if (w->bind_rc != SQLITE_OK) {
		buf_printf(err, "database: %s: cannot bind ?%d (%s) in: %.200s",
		    what, w->bind_param, sqlite3_errstr(w->bind_rc),
		    sqlite3_sql(st));
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	buf_printf(err, "database: %s: %s (in: %.200s)", what,
	    sqlite3_errmsg(w->conn), sqlite3_sql(st));
	return -1;
}

/* step_any() expecting want (SQLITE_DONE, or SQLITE_ROW: the caller reads
 * the row and resets st). Returns 0 or -1. */
static int
run(struct dbw *w, sqlite3_stmt *st, int want, struct buf *err,
    const char *what)
{
	int rc = step_any(w, st, err, what);

	if (rc < 0)
		return -1;
	if (rc != want) {
		buf_printf(err, "database: %s: %s (in: %.200s)", what,
		    rc == SQLITE_ROW ? "a row where none was expected" :
		    "no row", sqlite3_sql(st));
		return -1;
	}
	return 0;
}

/* Applies the migrations above the file's user_version; *applied says
 * how many. */
static int
migrate(struct dbw *w, int *applied, struct buf *err)
{
	sqlite3_stmt *st;
	int version = 0, i;
	char sql[64];

	if (sqlite3_prepare_v2(w->conn, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return fail(w, err, "reading the schema version");
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	for (i = 0; schema_migrations[i] != NULL; i++)
		;
	if (version > i) {
		buf_printf(err, "database: schema version %d is newer than this "
		    "quire knows (%d); upgrade quire", version, i);
		return -1;
	}
	*applied = 0;
	for (i = version; schema_migrations[i] != NULL; i++) {
		++*applied;
		if (exec(w, schema_migrations[i], err) != 0)
			return -1;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", i + 1);
		if (exec(w, sql, err) != 0)
			return -1;
	}
	return 0;
}

/* The most memory the recorded changes may take (old values of the rows
 * changed; new rows cost only their keys): past it, an import that
 * rewrites most of the site records nothing, and the next import copies
 * the live file instead of replaying the changes. */
#define RECORD_MAX_BYTES (256LL * 1024 * 1024)

/* SQLite's progress callback on the importer's connection: gives up
 * recording when it outgrows RECORD_MAX_BYTES. */
static int
record_watch(void *arg)
{
	struct dbw *w = arg;

	if (w->session != NULL && !w->record_lost &&
	    sqlite3session_memory_used(w->session) > RECORD_MAX_BYTES) {
		sqlite3session_enable(w->session, 0);
		w->record_lost = 1;
	}
	return 0;
}

struct dbw *
dbw_open(const char *path, unsigned flags, struct buf *err)
{
	struct dbw *w = xmalloc(sizeof(*w));
	int i, migrated = 0;

	memset(w, 0, sizeof(*w));
	w->in_place = (flags & DBW_IN_PLACE) != 0;
	if (sqlite3_open_v2(path, &w->conn, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		buf_printf(err, "cannot open %s: %s", path,
		    w->conn ? sqlite3_errmsg(w->conn) : "out of memory");
		goto bad;
	}
	/* The working copy is private until renamed: no journal needed for
	 * other readers, but keep one so a failed statement rolls back. */
	/* An SQLite reader still on the spare (sqlite3 opened on the live
	 * name before the swap) is waited for at the commit. */
	sqlite3_busy_timeout(w->conn, 10000);
	if (exec(w, "PRAGMA page_size = " PAGE_SIZE "; PRAGMA foreign_keys = ON; "
	    "PRAGMA temp_store = MEMORY; "
	    "PRAGMA journal_mode = MEMORY; BEGIN IMMEDIATE", err) != 0)
		goto bad;
	if (migrate(w, &migrated, err) != 0)
		goto bad;
	/* Changes made by a migration are no rows a changeset carries: the
	 * spare cannot replay them, so such an import records nothing. */
	if ((flags & DBW_RECORD) && migrated == 0) {
		if (sqlite3session_create(w->conn, "main", &w->session) !=
		    SQLITE_OK || sqlite3session_attach(w->session, NULL) !=
		    SQLITE_OK) {
			fail(w, err, "recording the import's changes");
			goto bad;
		}
		sqlite3_progress_handler(w->conn, 100000, record_watch, w);
	}
	/* The terms whose pages this import changes: only their names can
	 * change (dbw_commit), so only they are looked at again. */
	if (exec(w, "CREATE TEMP TABLE seen (source TEXT PRIMARY KEY); "
	    "CREATE TEMP TABLE touched_term (id INTEGER PRIMARY KEY); "
	    "CREATE TEMP TRIGGER page_term_added AFTER INSERT ON "
	    "main.page_term BEGIN INSERT OR IGNORE INTO touched_term VALUES "
	    "(new.term_id); END; "
	    "CREATE TEMP TRIGGER page_term_renamed AFTER UPDATE OF name, "
	    "term_id ON main.page_term BEGIN INSERT OR IGNORE INTO "
	    "touched_term VALUES (old.term_id), (new.term_id); END; "
	    "CREATE TEMP TRIGGER page_term_gone AFTER DELETE ON "
	    "main.page_term BEGIN INSERT OR IGNORE INTO touched_term VALUES "
	    "(old.term_id); END; "
	    /* And the cards whose url or title the related lists copy. */
	    "CREATE TEMP TABLE touched_card (id INTEGER PRIMARY KEY); "
	    "CREATE TEMP TRIGGER page_card_added AFTER INSERT ON "
	    "main.page_card BEGIN INSERT OR IGNORE INTO touched_card VALUES "
	    "(new.page_id); END; "
	    "CREATE TEMP TRIGGER page_card_renamed AFTER UPDATE OF url, "
	    "title ON main.page_card BEGIN INSERT OR IGNORE INTO touched_card "
	    "VALUES (new.page_id); END", err) != 0)
		goto bad;
	for (i = 0; i < W__MAX; i++)
		if (sqlite3_prepare_v3(w->conn, wquery_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &w->stmt[i], NULL) != SQLITE_OK) {
			fail(w, err, "preparing the importer's statements");
			goto bad;
		}
	return w;
bad:
	dbw_abort(w);
	return NULL;
}

int
dbw_abort(struct dbw *w)
{
	int i, rc = 0;

	if (w == NULL)
		return 0;
	for (i = 0; i < W__MAX; i++)
		sqlite3_finalize(w->stmt[i]);
	if (w->session != NULL)
		sqlite3session_delete(w->session);
	/* Clean only when this rollback undid the import: a transaction
	 * SQLite ended itself (an I/O error, a full disk) may have left
	 * part of it in the file. */
	if (w->conn == NULL || sqlite3_get_autocommit(w->conn) ||
	    sqlite3_exec(w->conn, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
		rc = -1;
	if (sqlite3_close(w->conn) != SQLITE_OK)
		rc = -1;
	free(w);
	return rc;
}

int
dbw_site_load(struct dbw *w, struct site *site, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_SITE_GET);
	int rc, any = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);

		if (k == NULL || strcmp(k, "version") == 0 ||
		    strcmp(k, "imported_at") == 0 ||
		    strcmp(k, "generation") == 0)
			continue;
		any = 1;
		site_set(site, k, (const char *)sqlite3_column_text(st, 1));
	}
	if (rc != SQLITE_DONE)
		return fail(w, err, "reading the site settings");
	site_lang_roots(site);
	return any ? 0 : 1;
}

/* Runs st expecting at most one row: copies its text column 0 to out
 * and, when second is not NULL, sets it to its integer column 1 (0 with
 * no row). */
static int
one_row(struct dbw *w, sqlite3_stmt *st, struct buf *out, int *second,
    struct buf *err)
{
	int rc = step_any(w, st, err, "reading a page");

	buf_reset(out);
	if (second != NULL)
		*second = 0;
	if (rc == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		buf_puts(out, v != NULL ? v : "");
		if (second != NULL)
			*second = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

/* Reads the site table's value of key into out ("" when none); 0 or -1. */
static int
site_value(struct dbw *w, const char *key, struct buf *out, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_SITE_VALUE);

	bind_text(w, st, 1, key);
	return one_row(w, st, out, NULL, err);
}

/* Sets the site table's value of key; 0 or -1. */
static int
site_value_set(struct dbw *w, const char *key, const char *value,
    struct buf *err)
{
	sqlite3_stmt *st = use(w, W_SITE_PUT);

	bind_text(w, st, 1, key);
	bind_text(w, st, 2, value);
	return run(w, st, SQLITE_DONE, err, "storing the site settings");
}

struct put_ctx {
	struct dbw *w;
	struct buf *err;
	int failed;
};

static void
put_setting(const char *key, const char *value, void *arg)
{
	struct put_ctx *ctx = arg;

	/* Only the first failure is told. */
	if (!ctx->failed && site_value_set(ctx->w, key, value, ctx->err) != 0)
		ctx->failed = 1;
}

int
dbw_site_store(struct dbw *w, const struct site *site, struct buf *err)
{
	struct put_ctx ctx = { w, err, 0 };

	if (run(w, use(w, W_SITE_CLEAR), SQLITE_DONE, err,
	    "clearing the site settings") != 0)
		return -1;
	site_each(site, put_setting, &ctx);
	return ctx.failed ? -1 : 0;
}

int
dbw_seen(struct dbw *w, const char *source, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_SEEN);

	bind_text(w, st, 1, source);
	return run(w, st, SQLITE_DONE, err, "recording a file");
}

int
dbw_remove_unseen(struct dbw *w, const char *prefix, long *removed,
    struct buf *err)
{
	sqlite3_stmt *st;
	struct buf folder = BUF_INIT;
	int rc;

	/* Sources under "prefix/", compared byte for byte (LIKE would ignore
	 * case, and Posts/ is not posts/). */
	if (*prefix != '\0')
		buf_printf(&folder, "%s/", prefix);
	if (sqlite3_prepare_v2(w->conn, "DELETE FROM page WHERE "
	    "substr(source, 1, length(?1)) = ?1 AND source NOT IN "
	    "(SELECT source FROM temp.seen)", -1, &st, NULL) != SQLITE_OK) {
		buf_free(&folder);
		return fail(w, err, "removing deleted files");
	}
	w->bind_rc = SQLITE_OK;
	bind_text(w, st, 1, buf_cstr(&folder));
	rc = run(w, st, SQLITE_DONE, err, "removing deleted files");
	sqlite3_finalize(st);
	buf_free(&folder);
	if (rc != 0)
		return -1;
	*removed = sqlite3_changes(w->conn);
	return 0;
}

/* Reads the text of column col, "" for NULL. */
static const char *
col_text(sqlite3_stmt *st, int col)
{
	const char *v = (const char *)sqlite3_column_text(st, col);

	return v != NULL ? v : "";
}

int
dbw_section_dates(struct dbw *w, long long now, struct buf *err)
{
	sqlite3_stmt *sec = NULL, *newest = NULL, *card = NULL, *terms = NULL;
	int rc = -1, step;

	/* Neither reads a whole table: the sections are found language by
	 * language in page_card's key (lang, kind, ...; the languages
	 * themselves one key step each), and a section's newest page is the
	 * first of its folder in one kind's date order, page_listing's
	 * (lang, kind, date DESC, title, source, draft, publish_at,
	 * expire_at): the card's key puts the weight before the date
	 * (schema/025). (At 100,000 posts the scan of the pages for their
	 * sections was 0.85 s a save.) */
	if (sqlite3_prepare_v2(w->conn, "WITH RECURSIVE langs(lang) AS "
	    "(SELECT min(lang) FROM page_card UNION ALL SELECT (SELECT "
	    "min(lang) FROM page_card WHERE lang > langs.lang) FROM langs "
	    "WHERE lang IS NOT NULL) SELECT p.id, p.source, p.lang, "
	    "c.has_date, c.date, c.date_offset FROM langs JOIN page_card c ON "
	    "c.lang = langs.lang AND c.kind = 2 JOIN page p ON p.id = "
	    "c.page_id WHERE p.has_date = 0", -1, &sec, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(w->conn, "SELECT date, date_offset FROM page "
	    "INDEXED BY page_listing WHERE lang = ?3 AND kind = ?5 AND "
	    "has_date = 1 AND "
	    "draft = 0 AND publish_at <= ?4 AND (expire_at IS NULL OR "
	    "expire_at > ?4) AND substr(source, 1, ?2) = ?1 ORDER BY date "
	    "DESC LIMIT 1", -1, &newest, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(w->conn, "UPDATE page_card SET has_date = ?2, "
	    "date = ?3, date_offset = ?4, entry = NULL WHERE page_id = ?1",
	    -1, &card, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(w->conn, "UPDATE page_term SET has_date = ?2, "
	    "date = ?3, date_offset = ?4, entry = NULL WHERE page_id = ?1",
	    -1, &terms, NULL) != SQLITE_OK) {
		fail(w, err, "preparing the sections' dates");
		goto out;
	}
	w->bind_rc = SQLITE_OK;
	while ((step = step_any(w, sec, err, "reading a section's page")) ==
	    SQLITE_ROW) {
		long long id = sqlite3_column_int64(sec, 0);
		const char *source = col_text(sec, 1);
		const char *slash = strrchr(source, '/');
		long long has = 0, date = 0, offset = 0;
		size_t k;
		int s, kind;

		/* The folder of the _index.md, its slash included. */
		k = slash != NULL ? (size_t)(slash - source) + 1 : 0;
		for (kind = PAGE_POST; kind <= PAGE_STANDALONE; kind++) {
			bind_textn(w, newest, 1, source, k);
			bind_int64(w, newest, 2, (long long)k);
			bind_text(w, newest, 3, col_text(sec, 2));
			bind_int64(w, newest, 4, now);
			bind_int64(w, newest, 5, kind);
			s = step_any(w, newest, err,
			    "finding a section's newest page");
			if (s < 0)
				goto out;
			if (s == SQLITE_ROW && (!has ||
			    sqlite3_column_int64(newest, 0) > date)) {
				has = 1;
				date = sqlite3_column_int64(newest, 0);
				offset = sqlite3_column_int64(newest, 1);
			}
			sqlite3_reset(newest);
		}
		if (has == sqlite3_column_int64(sec, 3) &&
		    date == sqlite3_column_int64(sec, 4) &&
		    offset == sqlite3_column_int64(sec, 5))
			continue;
		sqlite3_reset(card);
		sqlite3_reset(terms);
		bind_int64(w, card, 1, id);
		bind_int64(w, card, 2, has);
		bind_int64(w, card, 3, date);
		bind_int64(w, card, 4, offset);
		if (run(w, card, SQLITE_DONE, err, "dating a section") != 0)
			goto out;
		bind_int64(w, terms, 1, id);
		bind_int64(w, terms, 2, has);
		bind_int64(w, terms, 3, date);
		bind_int64(w, terms, 4, offset);
		if (run(w, terms, SQLITE_DONE, err, "dating a section") != 0)
			goto out;
	}
	if (step == SQLITE_DONE)
		rc = 0;
out:
	sqlite3_finalize(sec);
	sqlite3_finalize(newest);
	sqlite3_finalize(card);
	sqlite3_finalize(terms);
	return rc;
}

int
dbw_section_pages(struct dbw *w, long long now, struct section_tally *t,
    struct buf *err)
{
	sqlite3_stmt *st = use(w, W_SECTION_PAGES);
	int rc;

	bind_int64(w, st, 1, now);
	while ((rc = step_any(w, st, err, "counting pages by section")) ==
	    SQLITE_ROW)
		section_count(t, (const char *)sqlite3_column_text(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0),
		    (long)sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int
dbw_page_ref(struct dbw *w, const char *source, const char *folder,
    struct buf *url, struct buf *title, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_PAGE_REF);
	int rc, found = 0;

	bind_text(w, st, 1, source);
	bind_text(w, st, 2, folder);
	bind_int64(w, st, 3, (long long)time(NULL));
	rc = step_any(w, st, err, "looking up a menu entry's pageRef");
	if (rc == SQLITE_ROW) {
		found = 1;
		if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
			buf_puts(url, (const char *)sqlite3_column_text(st, 0));
			buf_puts(title, (const char *)sqlite3_column_text(st, 1));
			found = 2;
		}
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : found;
}

int
dbw_pages_of_lang(struct dbw *w, const char *lang,
    void (*fn)(void *arg, const char *source, const char *url, int kind),
    void *arg, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_PAGE_LANG);
	int rc;

	bind_text(w, st, 1, lang);
	while ((rc = step_any(w, st, err, "looking up a ref's page")) ==
	    SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    sqlite3_column_int(st, 2));
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

/* Runs the one-key statement q on key and appends its first column's
 * text to out: 1 found, 0 none, -1 with err naming what. */
static int
lookup_text(struct dbw *w, enum wquery q, const char *key, struct buf *out,
    struct buf *err, const char *what)
{
	sqlite3_stmt *st = use(w, q);
	int rc;

	bind_text(w, st, 1, key);
	rc = step_any(w, st, err, what);
	if (rc == SQLITE_ROW)
		buf_puts(out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return rc < 0 ? -1 : rc == SQLITE_ROW;
}

int
dbw_page_at(struct dbw *w, const char *source, struct buf *url,
    struct buf *err)
{
	return lookup_text(w, W_PAGE_AT, source, url, err,
	    "looking up a ref's page");
}

int
dbw_resources_at(struct dbw *w, const char *source, struct buf *url,
    struct buf *err)
{
	return lookup_text(w, W_RESOURCES_AT, source, url, err,
	    "looking up a bundle's page");
}

int
dbw_page_frames(struct dbw *w, const char *source, unsigned frames,
    struct buf *err)
{
	sqlite3_stmt *st = use(w, W_PAGE_FRAMES);
	int rc;

	bind_text(w, st, 1, source);
	bind_int64(w, st, 2, (long long)frames);
	rc = step_any(w, st, err, "storing the hosts a page frames");
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int
dbw_hash(struct dbw *w, const char *source, struct buf *out, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_HASH);

	bind_text(w, st, 1, source);
	return one_row(w, st, out, NULL, err);
}

/* Binds source and its file's stat s (?1..?6). */
static void
bind_file(struct dbw *w, sqlite3_stmt *st, const char *source,
    const struct dbw_stat *s)
{
	bind_text(w, st, 1, source);
	bind_int64(w, st, 2, (long long)s->dev);
	bind_int64(w, st, 3, (long long)s->ino);
	bind_int64(w, st, 4, s->size);
	bind_int64(w, st, 5, s->mtime_ns);
	bind_int64(w, st, 6, s->ctime_ns);
}

/* Binds source and the stat st (?1..?6) and the settings hash (?7). */
static void
bind_stat(struct dbw *w, sqlite3_stmt *st, const char *source,
    const struct dbw_stat *s, unsigned long long settings)
{
	bind_file(w, st, source, s);
	bind_int64(w, st, 7, (long long)settings);
}

int
dbw_stat_same(struct dbw *w, const char *source, const struct dbw_stat *s,
    unsigned long long settings, long long now, int *published, int *refs,
    struct buf *err)
{
	sqlite3_stmt *st = use(w, W_STAT_GET);
	int rc;

	bind_stat(w, st, source, s, settings);
	bind_int64(w, st, 8, now);
	rc = step_any(w, st, err, "reading a page's file stat");
	*published = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	*refs = rc == SQLITE_ROW && sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	return rc < 0 ? -1 : rc == SQLITE_ROW;
}

int
dbw_cascade_get(struct dbw *w, const char *source, const struct dbw_stat *s,
    struct buf *out, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_CASCADE_GET);
	int rc;

	bind_file(w, st, source, s);
	rc = step_any(w, st, err, "reading a section's cascade");
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		buf_puts(out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return rc < 0 ? -1 : rc == SQLITE_ROW;
}

int
dbw_stat_put(struct dbw *w, const char *source, const struct dbw_stat *s,
    unsigned long long settings, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_STAT_PUT);

	bind_stat(w, st, source, s, settings);
	return run(w, st, SQLITE_DONE, err, "storing a page's file stat");
}

int
dbw_url_owner(struct dbw *w, const char *url, const char *source,
    const char *tkey, const char *lang, struct buf *out, int *by_alias,
    struct buf *err)
{
	sqlite3_stmt *st = use(w, W_URL_OWNER);

	bind_text(w, st, 1, url);
	bind_text(w, st, 2, source);
	bind_text(w, st, 3, tkey);
	bind_text(w, st, 4, lang);
	return one_row(w, st, out, by_alias, err);
}

int
dbw_drop_page(struct dbw *w, const char *source, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_PAGE_DROP);

	bind_text(w, st, 1, source);
	return run(w, st, SQLITE_DONE, err, "dropping a page");
}

int
dbw_drop_alias(struct dbw *w, const char *path, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_ALIAS_DROP);

	bind_text(w, st, 1, path);
	return run(w, st, SQLITE_DONE, err, "dropping an alias");
}

static int
put_terms(struct dbw *w, long long page_id, const char *taxonomy,
    char *const *names, size_t n, struct buf *err)
{
	struct buf slug = BUF_INIT;
	sqlite3_stmt *st;
	long long term_id;
	size_t i;
	int rc = -1;

	for (i = 0; i < n; i++) {
		buf_reset(&slug);
		url_term_slug(&slug, names[i]);
		if (slug.len == 0)
			continue;
		st = use(w, W_TERM_PUT);
		bind_text(w, st, 1, taxonomy);
		bind_text(w, st, 2, buf_cstr(&slug));
		bind_text(w, st, 3, names[i]);
		if (run(w, st, SQLITE_DONE, err, "storing a term") != 0)
			goto out;
		st = use(w, W_TERM_ID);
		bind_text(w, st, 1, taxonomy);
		bind_text(w, st, 2, buf_cstr(&slug));
		if (run(w, st, SQLITE_ROW, err, "reading a term") != 0)
			goto out;
		term_id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		st = use(w, W_PAGE_TERM_PUT);
		bind_int64(w, st, 1, page_id);
		bind_int64(w, st, 2, term_id);
		bind_int64(w, st, 3, (long long)i);
		bind_text(w, st, 4, names[i]);
		if (run(w, st, SQLITE_DONE, err, "storing a page's term") != 0)
			goto out;
	}
	rc = 0;
out:
	buf_free(&slug);
	return rc;
}

/* Gives page page_id the term of taxonomy (TAXONOMY_SECTIONS or
 * TAXONOMY_SUBSECTIONS) whose slug is section (already its URL path). */
static int
put_section(struct dbw *w, long long page_id, const char *taxonomy,
    const char *section, int hidden, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_TERM_PUT);
	long long term_id;

	bind_text(w, st, 1, taxonomy);
	bind_text(w, st, 2, section);
	bind_text(w, st, 3, section);
	if (run(w, st, SQLITE_DONE, err, "storing a section") != 0)
		return -1;
	st = use(w, W_TERM_ID);
	bind_text(w, st, 1, taxonomy);
	bind_text(w, st, 2, section);
	if (run(w, st, SQLITE_ROW, err, "reading a section") != 0)
		return -1;
	term_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	st = use(w, W_PAGE_TERM_PUT);
	bind_int64(w, st, 1, page_id);
	bind_int64(w, st, 2, term_id);
	bind_int64(w, st, 3, 0);
	bind_text(w, st, 4, section);
	if (hidden)
		bind_int64(w, st, 5, PAGE_UNLISTED);
	else
		bind_null(w, st, 5);
	return run(w, st, SQLITE_DONE, err, "storing a page's section");
}

/* Stores the n fragments of list as page id's fragments of kind. */
static int
put_fragment_list(struct dbw *w, long long id, enum fragment_kind kind,
    const struct md_fragment *list, size_t n, struct buf *err)
{
	sqlite3_stmt *st;

	for (size_t i = 0; i < n; i++) {
		st = use(w, W_FRAGMENT_PUT);
		bind_int64(w, st, 1, id);
		bind_int64(w, st, 2, kind);
		bind_int64(w, st, 3, (long long)i);
		bind_textn(w, st, 4, list[i].html, list[i].len);
		if (run(w, st, SQLITE_DONE, err, "storing a page's fragment")
		    != 0)
			return -1;
	}
	return 0;
}

/* Replaces page id's fragments (fragments.h) with f's (NULL: none). */
static int
put_fragments(struct dbw *w, long long id, const struct fragments *f,
    struct buf *err)
{
	sqlite3_stmt *st = use(w, W_FRAGMENTS_CLEAR);

	bind_int64(w, st, 1, id);
	if (run(w, st, SQLITE_DONE, err, "clearing a page's fragments") != 0)
		return -1;
	if (f == NULL)
		return 0;
	if (put_fragment_list(w, id, FRAGMENT_CODE, f->code, f->ncode,
	    err) != 0)
		return -1;
	return put_fragment_list(w, id, FRAGMENT_SHORTCODE, f->shortcodes,
	    f->nshortcodes, err);
}

int
dbw_put_page(struct dbw *w, const struct dbw_page *p, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_PAGE_PUT);
	long long id;

	bind_text(w, st, 1, p->source);
	bind_text(w, st, 2, p->hash);
	bind_int64(w, st, 3, p->kind);
	bind_text(w, st, 4, p->layout ? p->layout : "");
	bind_text(w, st, 5, p->url);
	bind_text(w, st, 6, p->title ? p->title : "");
	bind_text(w, st, 7, p->description ? p->description : "");
	bind_text(w, st, 8, p->author ? p->author : "");
	bind_int64(w, st, 9, p->has_date);
	bind_int64(w, st, 10, p->date.t);
	bind_int64(w, st, 11, p->date.offset);
	bind_int64(w, st, 12, p->has_lastmod);
	bind_int64(w, st, 13, p->lastmod.t);
	bind_int64(w, st, 14, p->lastmod.offset);
	bind_int64(w, st, 15, p->publish_at);
	if (p->has_expiry)
		bind_int64(w, st, 16, p->expire_at);
	else
		bind_null(w, st, 16);
	bind_int64(w, st, 17, p->draft);
	bind_textn(w, st, 18, p->body, p->body_len);
	bind_text(w, st, 23, p->search_text ? p->search_text : "");
	bind_text(w, st, 25, p->lang);
	bind_text(w, st, 26, p->tkey);
	bind_int64(w, st, 27, p->markup);
	if (p->list_url != NULL)
		bind_text(w, st, 28, p->list_url);
	else
		bind_null(w, st, 28);
	bind_int64(w, st, 29, !p->no_resources);
	if (p->cascade != NULL)
		bind_text(w, st, 30, p->cascade);
	else
		bind_null(w, st, 30);
	{
		struct buf tags = BUF_INIT;
		size_t i, t;
		int rc;

		/* Search finds a page by its tags alone, as before. */
		for (t = 0; t < p->ntaxonomies; t++) {
			if (strcmp(p->plurals[t], "tags") != 0)
				continue;
			for (i = 0; i < p->nterms[t]; i++)
				buf_printf(&tags, "%s%s", i ? " " : "",
				    p->terms[t][i]);
		}
		bind_text(w, st, 24, buf_cstr(&tags));
		rc = run(w, st, SQLITE_DONE, err, "storing a page");
		buf_free(&tags);
		if (rc != 0)
			return -1;
	}
	st = use(w, W_PAGE_ID);
	bind_text(w, st, 1, p->source);
	if (run(w, st, SQLITE_ROW, err, "reading a page's id") != 0)
		return -1;
	id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	st = use(w, W_CARD_PUT);
	bind_int64(w, st, 1, id);
	bind_text(w, st, 2, p->summary);
	bind_int64(w, st, 3, p->truncated);
	bind_int64(w, st, 4, p->words);
	bind_int64(w, st, 5, p->minutes);
	bind_int64(w, st, 6, p->weight);
	if (run(w, st, SQLITE_DONE, err, "storing a page's listing figures")
	    != 0)
		return -1;
	/* A page Hugo does not list site-wide: its card (home, feeds,
	 * sitemap, neighbours, related) and its search row are hidden;
	 * its terms' rows copy the card's, but for put_section()'s. */
	if (p->unlisted) {
		st = use(w, W_CARD_UNLIST);
		bind_int64(w, st, 1, id);
		if (run(w, st, SQLITE_DONE, err, "hiding a page's card") != 0)
			return -1;
		st = use(w, W_HIT_UNLIST);
		bind_int64(w, st, 1, id);
		if (run(w, st, SQLITE_DONE, err, "hiding a page from search")
		    != 0)
			return -1;
	}
	st = use(w, W_TERMS_CLEAR);
	bind_int64(w, st, 1, id);
	if (run(w, st, SQLITE_DONE, err, "clearing a page's terms") != 0)
		return -1;
	for (size_t t = 0; t < p->ntaxonomies; t++)
		if (put_terms(w, id, p->plurals[t], p->terms[t], p->nterms[t],
		    err) != 0)
			return -1;
	/* Hugo's list: never leaves a page out of its section's listing
	 * (local keeps it there); its terms list it all the same. */
	if (p->section != NULL && put_section(w, id, TAXONOMY_SECTIONS,
	    p->section, p->unlisted == DBW_LIST_NEVER, err) != 0)
		return -1;
	if (p->parent_section != NULL && put_section(w, id,
	    TAXONOMY_SUBSECTIONS, p->parent_section,
	    p->unlisted == DBW_LIST_NEVER, err) != 0)
		return -1;
	st = use(w, W_ALIAS_CLEAR);
	bind_int64(w, st, 1, id);
	if (run(w, st, SQLITE_DONE, err, "clearing a page's aliases") != 0)
		return -1;
	for (size_t i = 0; i < p->naliases; i++) {
		st = use(w, W_ALIAS_PUT);
		bind_text(w, st, 1, p->aliases[i]);
		bind_int64(w, st, 2, id);
		bind_text(w, st, 3, p->lang_order);
		if (run(w, st, SQLITE_DONE, err, "storing an alias") != 0)
			return -1;
	}
	return put_fragments(w, id, p->fragments, err);
}

/* Runs put, an UPDATE of the entry (?2) of page ?1's rows. */
static int
put_entry(struct dbw *w, sqlite3_stmt *put, long long id,
    const struct buf *html, struct buf *err)
{
	sqlite3_reset(put);
	w->bind_rc = SQLITE_OK;
	bind_int64(w, put, 1, id);
	bind_textn(w, put, 2, html->data, html->len);
	return run(w, put, SQLITE_DONE, err, "storing an entry");
}

int
dbw_entries(struct dbw *w, const struct site *site, const char *stamp,
    struct buf *err)
{
	sqlite3_stmt *get = NULL, *put = NULL, *put_terms = NULL;
	struct buf html = BUF_INIT, old = BUF_INIT, url = BUF_INIT;
	long long id;
	int rc = -1, step;

	/* Entries written under other settings (or another quire) go. */
	if (site_value(w, "entry_stamp", &old, err) != 0)
		goto out;
	if (strcmp(buf_cstr(&old), stamp) != 0 && (exec(w, "UPDATE page_card "
	    "SET entry = NULL; UPDATE page_term SET entry = NULL", err) != 0 ||
	    site_value_set(w, "entry_stamp", stamp, err) != 0))
		goto out;
	/* A page_term row's entry is NULL only when its card's is: both
	 * are written anew with the page, and cleared together above. The
	 * cards are found by the index of those without an entry (schema
	 * 019), not by reading them all, and written in the tables' key
	 * order: a row grows when its entry is written, and rows grown in
	 * page_id order split pages all over page_card and page_term
	 * (half-empty pages: 342 instead of 216 of page_card at 1,000 posts,
	 * more than the worker's page cache, so every feed request read
	 * them all again). The sort holds only the rows still to be written,
	 * and has read them all before the first is updated. */
	if (sqlite3_prepare_v2(w->conn, "SELECT page_id, url, title, author, "
	    "summary, has_date, date, date_offset, truncated, words, minutes, "
	    "kind, lang, cover FROM page_card INDEXED BY page_card_unwritten "
	    "WHERE entry IS NULL ORDER BY lang, kind, worder, date DESC, title, "
	    "source",
	    -1, &get, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(w->conn, "UPDATE page_card SET "
	    "entry = ?2 WHERE page_id = ?1", -1, &put, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(w->conn, "UPDATE page_term SET entry = ?2 "
	    "WHERE page_id = ?1 AND (?3 = (SELECT taxonomy IN ('"
	    TAXONOMY_SECTIONS "', '" TAXONOMY_SUBSECTIONS "') FROM term "
	    "WHERE id = term_id))", -1, &put_terms, NULL) != SQLITE_OK) {
		fail(w, err, "preparing the entries");
		goto out;
	}
	w->bind_rc = SQLITE_OK;
	while ((step = step_any(w, get, err, "reading a card")) ==
	    SQLITE_ROW) {
		struct entry e;
		struct site view;

		/* A section's entry links its list as the site writes it
		 * (uglyURLs: "/essays/2023.html"). */
		buf_reset(&url);
		if (sqlite3_column_int(get, 11) == PAGE_SECTION)
			url_list(&url, site, col_text(get, 1));
		else
			buf_puts(&url, col_text(get, 1));
		e.url = buf_cstr(&url);
		e.title = col_text(get, 2);
		e.author = col_text(get, 3);
		e.summary = col_text(get, 4);
		e.has_date = sqlite3_column_int(get, 5);
		e.date.t = sqlite3_column_int64(get, 6);
		e.date.offset = sqlite3_column_int(get, 7);
		e.truncated = sqlite3_column_int(get, 8);
		e.words = (long)sqlite3_column_int64(get, 9);
		e.minutes = (long)sqlite3_column_int64(get, 10);
		e.cover = col_text(get, 13);
		e.tag_entry = 0;
		buf_reset(&html);
		/* As the page's language shows it: its month names. */
		site_lang_view(site, col_text(get, 12), &view);
		entry_markup(&html, &view, &e, NULL);
		id = sqlite3_column_int64(get, 0);
		/* A section's list shows the card's entry; a term's list
		 * PaperMod's tag-entry. */
		sqlite3_reset(put_terms);
		sqlite3_bind_int(put_terms, 3, 1);
		if (put_entry(w, put, id, &html, err) != 0 ||
		    put_entry(w, put_terms, id, &html, err) != 0)
			goto out;
		e.tag_entry = 1;
		buf_reset(&html);
		entry_markup(&html, &view, &e, NULL);
		sqlite3_reset(put_terms);
		sqlite3_bind_int(put_terms, 3, 0);
		if (put_entry(w, put_terms, id, &html, err) != 0)
			goto out;
	}
	if (step == SQLITE_DONE)
		rc = 0;
out:
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	sqlite3_finalize(put_terms);
	buf_free(&html);
	buf_free(&old);
	buf_free(&url);
	return rc;
}

/* A page's stored related rows, summed up: rows of page_related are
 * rewritten only for pages whose list changed, so that an import that
 * edits one post writes a few lists, not every page's (10,000 posts: 50,000
 * rows). */
struct related_kept {
	long long page;
	unsigned long long digest;	/* of its rows, related_digest() */
	int seen;			/* ranked again by this import */
};

/* Where related_rank() hands its rows: the pages it ranks, each one's
 * url and title (strings, at offsets text[i]), the page being ranked and
 * its candidates so far, and what is stored. */
struct related_sink {
	struct dbw *w;
	sqlite3_stmt *put, *drop;
	struct buf *err;
	const struct related_page *pages;
	const size_t *text;
	const struct buf *strings;
	long long page;
	size_t *cands, ncands, cap;
	struct related_kept *kept;
	size_t nkept;
};

/* FNV-1a over n bytes, from h. */
static unsigned long long
fnv(unsigned long long h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n-- > 0)
		h = (h ^ *b++) * 1099511628211ULL;
	return h;
}

/* Adds one row (what an article shows of a candidate, and when) to the
 * digest h of a page's rows. */
static unsigned long long
related_digest(unsigned long long h, long long id, long long publish_at,
    long long expire_at, const char *url, const char *title)
{
	h = fnv(h, &id, sizeof(id));
	h = fnv(h, &publish_at, sizeof(publish_at));
	h = fnv(h, &expire_at, sizeof(expire_at));
	h = fnv(h, url, strlen(url) + 1);
	return fnv(h, title, strlen(title) + 1);
}

static int
by_kept_page(const void *key, const void *elem)
{
	long long x = *(const long long *)key;
	long long y = ((const struct related_kept *)elem)->page;

	return x < y ? -1 : x > y;
}

/* Drops the stored rows of page. */
static int
drop_related(struct related_sink *rs, long long page)
{
	sqlite3_reset(rs->drop);
	rs->w->bind_rc = SQLITE_OK;
	bind_int64(rs->w, rs->drop, 1, page);
	return run(rs->w, rs->drop, SQLITE_DONE, rs->err,
	    "replacing related posts");
}

/* Stores the candidates gathered for rs->page, unless the rows stored
 * for it are the same. */
static int
flush_related(struct related_sink *rs)
{
	unsigned long long h = 14695981039346656037ULL;
	struct related_kept *k;
	size_t i;

	if (rs->ncands == 0)
		return 0;
	for (i = 0; i < rs->ncands; i++) {
		const struct related_page *c = &rs->pages[rs->cands[i]];
		const char *url = rs->strings->data + rs->text[rs->cands[i]];

		h = related_digest(h, c->id, c->publish_at, c->expire_at, url,
		    url + strlen(url) + 1);
	}
	k = rs->nkept ? bsearch(&rs->page, rs->kept, rs->nkept,
	    sizeof(*rs->kept), by_kept_page) : NULL;
	if (k != NULL)
		k->seen = 1;
	if (k != NULL && k->digest == h) {
		rs->ncands = 0;
		return 0;
	}
	if (k != NULL && drop_related(rs, rs->page) != 0)
		return -1;
	for (i = 0; i < rs->ncands; i++) {
		const struct related_page *c = &rs->pages[rs->cands[i]];
		const char *url = rs->strings->data + rs->text[rs->cands[i]];

		sqlite3_reset(rs->put);
		rs->w->bind_rc = SQLITE_OK;
		bind_int64(rs->w, rs->put, 1, rs->page);
		bind_int64(rs->w, rs->put, 2, (long long)i + 1);
		bind_int64(rs->w, rs->put, 3, c->id);
		bind_int64(rs->w, rs->put, 4, c->publish_at);
		if (c->expire_at == LLONG_MAX)
			bind_null(rs->w, rs->put, 5);
		else
			bind_int64(rs->w, rs->put, 5, c->expire_at);
		bind_text(rs->w, rs->put, 6, url);
		bind_text(rs->w, rs->put, 7, url + strlen(url) + 1);
		if (run(rs->w, rs->put, SQLITE_DONE, rs->err,
		    "storing related posts") != 0)
			return -1;
	}
	rs->ncands = 0;
	return 0;
}

/* related_rank()'s put: gathers a page's candidates, in rank order. */
static int
put_related(void *arg, long long page, long long rank, size_t candidate)
{
	struct related_sink *rs = arg;

	(void)rank;
	if (page != rs->page) {
		if (flush_related(rs) != 0)
			return -1;
		rs->page = page;
	}
	if (rs->ncands == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 16;
		rs->cands = xrealloc(rs->cands, rs->cap * sizeof(*rs->cands));
	}
	rs->cands[rs->ncands++] = candidate;
	return 0;
}

/* Reads what page_related holds into rs->kept, by page. */
static int
read_kept(struct related_sink *rs)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int step;

	if (sqlite3_prepare_v2(rs->w->conn, "SELECT page_id, related_id, "
	    "publish_at, coalesce(expire_at, 9223372036854775807), url, "
	    "title FROM page_related ORDER BY page_id, rank", -1, &st,
	    NULL) != SQLITE_OK)
		return fail(rs->w, rs->err, "reading related posts");
	rs->w->bind_rc = SQLITE_OK;
	while ((step = step_any(rs->w, st, rs->err,
	    "reading related posts")) == SQLITE_ROW) {
		long long page = sqlite3_column_int64(st, 0);
		struct related_kept *k;

		if (rs->nkept == 0 || rs->kept[rs->nkept - 1].page != page) {
			if (rs->nkept == cap) {
				cap = cap ? cap * 2 : 256;
				rs->kept = xrealloc(rs->kept,
				    cap * sizeof(*rs->kept));
			}
			k = &rs->kept[rs->nkept++];
			k->page = page;
			k->digest = 14695981039346656037ULL;
			k->seen = 0;
		}
		k = &rs->kept[rs->nkept - 1];
		k->digest = related_digest(k->digest,
		    sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
		    sqlite3_column_int64(st, 3), col_text(st, 4),
		    col_text(st, 5));
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : -1;
}

static int
by_pair(const void *a, const void *b)
{
	const struct related_pair *x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return x->term < y->term ? -1 : x->term > y->term;
}

int
dbw_related(struct dbw *w, long long now, struct buf *err)
{
	sqlite3_stmt *pages_st = NULL, *pairs_st = NULL;
	struct related_sink rs;
	struct related_page *pages = NULL;
	struct related_pair *pairs = NULL;
	struct buf strings = BUF_INIT;
	size_t *text = NULL;
	size_t n = 0, cap = 0, npairs = 0, pcap = 0;
	char **langs = NULL;
	size_t nlangs = 0;
	struct buf old = BUF_INIT;
	unsigned long long inputs = 14695981039346656037ULL;
	char stamp[40];
	int rc = -1, step;
	size_t i;

	memset(&rs, 0, sizeof(rs));
	rs.w = w;
	rs.err = err;
	rs.page = -1;
	/* Every page in related posts' listing order (newest first, then
	 * title and file: quire's own, which Hugo's weight does not change;
	 * sorted, the cards' key leading with the weight since schema 025),
	 * and the terms of the config's taxonomies (a section is no
	 * relation). */
	if (sqlite3_prepare_v2(w->conn, "SELECT page_id, publish_at, "
	    "coalesce(expire_at, 9223372036854775807), draft, lang, url, "
	    "title FROM page_card ORDER BY date DESC, title, source", -1,
	    &pages_st,
	    NULL) != SQLITE_OK || sqlite3_prepare_v2(w->conn, "SELECT "
	    "t.term_id, t.page_id FROM page_term t JOIN term m ON m.id = "
	    "t.term_id WHERE m.taxonomy NOT IN ('" TAXONOMY_SECTIONS "', '"
	    TAXONOMY_SUBSECTIONS "')", -1,
	    &pairs_st, NULL) != SQLITE_OK || sqlite3_prepare_v2(w->conn,
	    "INSERT INTO page_related (page_id, rank, related_id, "
	    "publish_at, expire_at, url, title) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7)", -1, &rs.put, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(w->conn, "DELETE FROM page_related WHERE "
	    "page_id = ?1", -1, &rs.drop, NULL) != SQLITE_OK) {
		fail(w, err, "preparing related posts");
		goto out;
	}
	w->bind_rc = SQLITE_OK;
	while ((step = step_any(w, pages_st, err, "reading the cards")) ==
	    SQLITE_ROW) {
		const char *lang = col_text(pages_st, 4);
		size_t l;

		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			pages = xrealloc(pages, cap * sizeof(*pages));
			text = xrealloc(text, cap * sizeof(*text));
		}
		/* The url and the title, each ended by its NUL. */
		text[n] = strings.len;
		buf_add(&strings, col_text(pages_st, 5),
		    strlen(col_text(pages_st, 5)) + 1);
		buf_add(&strings, col_text(pages_st, 6),
		    strlen(col_text(pages_st, 6)) + 1);
		pages[n].id = sqlite3_column_int64(pages_st, 0);
		pages[n].publish_at = sqlite3_column_int64(pages_st, 1);
		pages[n].expire_at = sqlite3_column_int64(pages_st, 2);
		pages[n].draft = sqlite3_column_int(pages_st, 3);
		/* A site has a few languages: a number for each. */
		for (l = 0; l < nlangs && strcmp(langs[l], lang) != 0; l++)
			;
		if (l == nlangs) {
			langs = xrealloc(langs, (nlangs + 1) * sizeof(*langs));
			langs[nlangs++] = xstrdup(lang);
		}
		pages[n].lang = (int)l;
		n++;
	}
	if (step != SQLITE_DONE)
		goto out;
	while ((step = step_any(w, pairs_st, err, "reading the terms")) ==
	    SQLITE_ROW) {
		if (npairs == pcap) {
			pcap = pcap ? pcap * 2 : 1024;
			pairs = xrealloc(pairs, pcap * sizeof(*pairs));
		}
		pairs[npairs].term = sqlite3_column_int64(pairs_st, 0);
		pairs[npairs].page = sqlite3_column_int64(pairs_st, 1);
		npairs++;
	}
	if (step != SQLITE_DONE)
		goto out;
	/* What the ranking reads, in order: when it is what the last
	 * import ranked, every list stands (a later instant only shows more
	 * of what each keeps, see related.h) and only the url and title
	 * copies may be stale. */
	if (npairs > 0)
		qsort(pairs, npairs, sizeof(*pairs), by_pair);
	for (i = 0; i < n; i++) {
		inputs = fnv(inputs, &pages[i].id, sizeof(pages[i].id));
		inputs = fnv(inputs, langs[pages[i].lang],
		    strlen(langs[pages[i].lang]) + 1);
		inputs = fnv(inputs, &pages[i].draft, sizeof(pages[i].draft));
		inputs = fnv(inputs, &pages[i].publish_at,
		    sizeof(pages[i].publish_at));
		inputs = fnv(inputs, &pages[i].expire_at,
		    sizeof(pages[i].expire_at));
	}
	inputs = fnv(inputs, pairs, npairs * sizeof(*pairs));
	snprintf(stamp, sizeof(stamp), "%016llx-%d", inputs, RELATED_MAX);
	if ((step = site_value(w, "related_inputs", &old, err)) < 0)
		goto out;
	if (strcmp(buf_cstr(&old), stamp) == 0) {
		/* (Of the cards this import wrote: all of them cost 113 ms
		 * a save at 10,000 posts.) */
		rc = exec(w, "UPDATE page_related SET url = c.url, title = "
		    "c.title FROM page_card c WHERE c.page_id = "
		    "page_related.related_id AND page_related.related_id IN "
		    "(SELECT id FROM touched_card) AND (page_related.url <> "
		    "c.url OR page_related.title <> c.title)", err);
		goto out;
	}
	rs.pages = pages;
	rs.text = text;
	rs.strings = &strings;
	if (read_kept(&rs) != 0)
		goto out;
	rc = related_rank(pages, n, pairs, npairs, now, put_related, &rs);
	if (rc == 0)
		rc = flush_related(&rs);
	/* Pages that have no related posts any more. */
	for (i = 0; rc == 0 && i < rs.nkept; i++)
		if (!rs.kept[i].seen)
			rc = drop_related(&rs, rs.kept[i].page);
	if (rc == 0)
		rc = site_value_set(w, "related_inputs", stamp, err);
out:
	buf_free(&old);
	sqlite3_finalize(pages_st);
	sqlite3_finalize(pairs_st);
	sqlite3_finalize(rs.put);
	sqlite3_finalize(rs.drop);
	free(rs.cands);
	free(rs.kept);
	while (nlangs > 0)
		free(langs[--nlangs]);
	free(langs);
	free(pages);
	free(text);
	buf_free(&strings);
	free(pairs);
	return rc;
}

/* Reads a blob of SQLite varints (FTS5's docsize row: each column's
 * length in tokens) into their sum; -1 when one is cut short. */
static int
docsize_sum(const unsigned char *p, int n, long long *sum)
{
	int i = 0, k;

	*sum = 0;
	while (i < n) {
		unsigned long long v = 0;

		/* Seven bits a byte while the top bit is set; a ninth byte
		 * gives all eight. */
		for (k = 0; k < 8; k++) {
			if (i >= n)
				return -1;
			v = (v << 7) | (p[i] & 0x7f);
			if ((p[i++] & 0x80) == 0)
				break;
		}
		if (k == 8) {
			if (i >= n)
				return -1;
			v = (v << 8) | p[i++];
		}
		*sum += (long long)v;
	}
	return 0;
}

/* Fills page_hit's size (schema 018) where it is NULL: a page written
 * by this import, or every page of a database migration 018 just made.
 * The worker's bm25 reads it for each hit instead of page_fts's docsize
 * (src/db.c), and it is the same count: the sum of the columns' sizes
 * FTS5 stored. A page with no docsize row keeps NULL (the worker then
 * asks FTS5). */
static int
search_sizes(struct dbw *w, struct buf *err)
{
	sqlite3_stmt *get = NULL, *put = NULL;
	long long id, size;
	int rc = -1, src;

	if (sqlite3_prepare_v2(w->conn, "SELECT h.id, d.sz FROM page_hit h "
	    "JOIN page_fts_docsize d ON d.id = h.id WHERE h.size IS NULL", -1,
	    &get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(w->conn, "UPDATE page_hit SET size = ?2 WHERE "
	    "id = ?1", -1, &put, NULL) != SQLITE_OK) {
		fail(w, err, "counting the pages' search tokens");
		goto out;
	}
	while ((src = sqlite3_step(get)) == SQLITE_ROW) {
		id = sqlite3_column_int64(get, 0);
		if (docsize_sum(sqlite3_column_blob(get, 1),
		    sqlite3_column_bytes(get, 1), &size) != 0) {
			buf_printf(err, "database: page %lld: its full-text "
			    "sizes are damaged (page_fts_docsize)", id);
			goto out;
		}
		sqlite3_bind_int64(put, 1, id);
		sqlite3_bind_int64(put, 2, size);
		if (sqlite3_step(put) != SQLITE_DONE) {
			fail(w, err, "storing a page's search tokens");
			goto out;
		}
		sqlite3_reset(put);
	}
	if (src != SQLITE_DONE) {
		fail(w, err, "counting the pages' search tokens");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	return rc;
}

/* sqlite3session_changeset_strm()'s output: appends to a FILE. */
static int
changes_out(void *arg, const void *data, int n)
{
	return fwrite(data, 1, (size_t)n, arg) == (size_t)n ? SQLITE_OK :
	    SQLITE_IOERR;
}

int
dbw_commit(struct dbw *w, const char *generation, FILE *changes,
    int *recorded, struct buf *err)
{
	sqlite3_stmt *st;
	int rc = -1, i;

	if (search_sizes(w, err) != 0)
		goto out;
	/* A term is shown as first written in file path order (Hugo), and
	 * goes when its last page goes. Its name changes only with its
	 * pages: at 10,000 posts renaming every term cost 111 ms a save.
	 * (A row's source is its page's: no look-up of each page, 5x
	 * faster for a tag of 37,000 pages.) */
	if (exec(w, "DELETE FROM term WHERE id NOT IN (SELECT term_id FROM "
	    "page_term); UPDATE term SET name = (SELECT t.name FROM page_term t "
	    "WHERE t.term_id = term.id ORDER BY t.source LIMIT 1) WHERE id IN "
	    "(SELECT id FROM touched_term); "
	    "INSERT INTO site (key, value) VALUES "
	    "('version', 1) ON CONFLICT (key) DO UPDATE SET value = "
	    "CAST(value AS INTEGER) + 1; INSERT OR REPLACE INTO site (key, "
	    "value) VALUES ('imported_at', CAST(strftime('%s', 'now') AS "
	    "INTEGER))", err) != 0)
		goto out;
	/* Who this database is, for the spare that replays its changes. */
	if (sqlite3_prepare_v2(w->conn, "INSERT OR REPLACE INTO site (key, "
	    "value) VALUES ('generation', ?1)", -1, &st, NULL) != SQLITE_OK) {
		fail(w, err, "storing the generation");
		goto out;
	}
	sqlite3_bind_text(st, 1, generation, -1, SQLITE_STATIC);
	i = sqlite3_step(st);
	sqlite3_finalize(st);
	if (i != SQLITE_DONE) {
		fail(w, err, "storing the generation");
		goto out;
	}
	*recorded = 0;
	/* FTS5 keeps the index rows of its last writes in memory until a
	 * savepoint or the commit: written out first, the changeset has
	 * them. Recording only saves the next import a copy, so a failure
	 * to write it (a full disk) fails nothing but the recording. */
	if (w->session != NULL && !w->record_lost && changes != NULL &&
	    exec(w, "SAVEPOINT fts_flush; RELEASE fts_flush", err) == 0 &&
	    sqlite3session_changeset_strm(w->session, changes_out, changes) ==
	    SQLITE_OK)
		*recorded = 1;
	buf_reset(err);
	if (w->session != NULL) {
		sqlite3session_delete(w->session);
		w->session = NULL;
	}
	if (exec(w, "COMMIT", err) != 0)
		goto out;
	/* A file changed in place changed by SQLite's own transactions; a
	 * copy made by the backup API (or VACUUM INTO) is checked whole. */
	if (w->in_place) {
		rc = 0;
		goto out;
	}
	if (sqlite3_prepare_v2(w->conn, "PRAGMA quick_check", -1, &st,
	    NULL) != SQLITE_OK) {
		fail(w, err, "checking the database");
		goto out;
	}
	if (sqlite3_step(st) != SQLITE_ROW ||
	    sqlite3_column_text(st, 0) == NULL ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
		buf_printf(err, "database: quick_check failed: %s",
		    sqlite3_column_text(st, 0) ? (const char *)
		    sqlite3_column_text(st, 0) : sqlite3_errmsg(w->conn));
		sqlite3_finalize(st);
		goto out;
	}
	sqlite3_finalize(st);
	rc = 0;
out:
	for (i = 0; i < W__MAX; i++) {
		sqlite3_finalize(w->stmt[i]);
		w->stmt[i] = NULL;
	}
	if (rc != 0) {
		dbw_abort(w);
		return rc;
	}
	if (sqlite3_close(w->conn) != SQLITE_OK) {
		buf_printf(err, "database: cannot close the working copy");
		rc = -1;
	}
	free(w);
	return rc;
}

/* The page size of the database open on conn, or -1. */
static int
page_size(sqlite3 *conn)
{
	sqlite3_stmt *st;
	int size = -1;

	if (sqlite3_prepare_v2(conn, "PRAGMA page_size", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		size = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return size;
}

/* Copies src's database into the empty file path at PAGE_SIZE, table by
 * table (VACUUM INTO): the backup API copies pages as they are. */
static int
copy_resized(sqlite3 *src, const char *path)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_exec(src, "PRAGMA page_size = " PAGE_SIZE, NULL, NULL,
	    NULL) != SQLITE_OK || sqlite3_prepare_v2(src, "VACUUM INTO ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

int
dbw_copy(const char *live, const char *path, FILE *log)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b;
	int rc = -1;

	if (sqlite3_open_v2(live, &src, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		fprintf(log, "%s: cannot copy: %s\n", live, sqlite3_errmsg(src));
		goto out;
	}
	/* A file written before schema 009 is copied once at the new size. */
	if (page_size(src) != atoi(PAGE_SIZE)) {
		if ((rc = copy_resized(src, path)) != 0)
			fprintf(log, "%s: cannot copy: %s\n", live,
			    sqlite3_errmsg(src));
		goto out;
	}
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		fprintf(log, "%s: cannot copy: %s\n", live, sqlite3_errmsg(dst));
		goto out;
	}
	b = sqlite3_backup_init(dst, "main", src, "main");
	if (b == NULL) {
		fprintf(log, "%s: cannot copy: %s\n", live, sqlite3_errmsg(dst));
		goto out;
	}
	sqlite3_backup_step(b, -1);
	if (sqlite3_backup_finish(b) != SQLITE_OK) {
		fprintf(log, "%s: cannot copy: %s\n", live, sqlite3_errmsg(dst));
		goto out;
	}
	rc = 0;
out:
	sqlite3_close(src);
	sqlite3_close(dst);
	return rc;
}

int
dbw_generation(const char *path, struct buf *gen, struct buf *err)
{
	sqlite3 *conn = NULL;
	sqlite3_stmt *st = NULL;
	int rc = -1, step;

	buf_reset(gen);
	if (sqlite3_open_v2(path, &conn, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(conn, "SELECT value FROM site "
	    "WHERE key = 'generation'", -1, &st, NULL) != SQLITE_OK) {
		buf_printf(err, "%s: %s", path, conn ? sqlite3_errmsg(conn) :
		    "out of memory");
		goto out;
	}
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		buf_puts(gen, (const char *)sqlite3_column_text(st, 0));
	else if (step != SQLITE_ROW && step != SQLITE_DONE) {
		buf_printf(err, "%s: %s", path, sqlite3_errmsg(conn));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(conn);
	return rc;
}

/* sqlite3changeset_apply_strm()'s input: reads a FILE. */
static int
changes_in(void *arg, void *data, int *n)
{
	size_t got = fread(data, 1, (size_t)*n, arg);

	*n = (int)got;
	return ferror((FILE *)arg) ? SQLITE_IOERR : SQLITE_OK;
}

/* A changeset replayed on the spare meets a row that is not as the live
 * file had it before the change: the spare is not what it was said to
 * be, and the whole replay is undone. */
static int
changes_conflict(void *arg, int kind, sqlite3_changeset_iter *it)
{
	(void)it;
	*(int *)arg = kind;
	return SQLITE_CHANGESET_ABORT;
}

int
dbw_apply(const char *path, FILE *changes, struct buf *err)
{
	sqlite3 *conn = NULL;
	int conflict = 0, off, rc = -1;

	if (sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		buf_printf(err, "%s: %s", path, conn ? sqlite3_errmsg(conn) :
		    "out of memory");
		goto out;
	}
	/* The changeset holds what the triggers wrote (the search index):
	 * firing them again would write it twice. Foreign keys are off, as
	 * on any new connection: the changeset's rows are a whole state. */
	if (sqlite3_db_config(conn, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0,
	    &off) != SQLITE_OK || sqlite3_exec(conn, "PRAGMA journal_mode = "
	    "MEMORY", NULL, NULL, NULL) != SQLITE_OK) {
		buf_printf(err, "%s: %s", path, sqlite3_errmsg(conn));
		goto out;
	}
	if (sqlite3changeset_apply_strm(conn, changes_in, changes, NULL,
	    changes_conflict, &conflict) != SQLITE_OK) {
		if (conflict != 0)
			buf_printf(err, "%s: the recorded changes do not fit "
			    "(conflict %d)", path, conflict);
		else
			buf_printf(err, "%s: cannot replay the recorded "
			    "changes: %s", path, sqlite3_errmsg(conn));
		goto out;
	}
	rc = 0;
out:
	if (sqlite3_close(conn) != SQLITE_OK)
		rc = -1;
	return rc;
}

int
dbw_files_each(struct dbw *w, void (*fn)(void *arg, const char *url,
    const char *source, const char *hash, long long size, long long mtime),
    void *arg, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_FILE_EACH);
	int rc;

	while ((rc = step_any(w, st, err, "reading the files")) == SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4));
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int
dbw_files_clear(struct dbw *w, const char *prefix, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_FILE_CLEAR);

	bind_text(w, st, 1, prefix);
	return run(w, st, SQLITE_DONE, err, "removing the files");
}

int
dbw_file_put(struct dbw *w, const struct site_file *f,
    const char *media_type, int variant, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_FILE_PUT);

	bind_text(w, st, 1, f->url);
	bind_text(w, st, 2, f->source);
	bind_text(w, st, 3, f->hash);
	bind_int64(w, st, 4, f->size);
	bind_int64(w, st, 5, f->mtime);
	bind_text(w, st, 6, media_type);
	bind_int64(w, st, 7, variant != 0);
	return run(w, st, SQLITE_DONE, err, "storing a file");
}

int
dbw_file_page(struct dbw *w, const char *url, struct buf *source,
    struct buf *err)
{
	return lookup_text(w, W_FILE_PAGE, url, source, err,
	    "looking up a file's page");
}

/* Covers and images (schema 016). Few rows an import: each statement
 * is prepared when called. */

/* Prepares sql into *st; 0, or -1 with the message in err. */
static int
prep(struct dbw *w, const char *sql, sqlite3_stmt **st, struct buf *err)
{
	w->bind_rc = SQLITE_OK;
	if (sqlite3_prepare_v2(w->conn, sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return fail(w, err, "preparing the covers' statements");
	}
	return 0;
}

/* Binds a flag that may be unset (-1: NULL). */
static void
bind_flag(struct dbw *w, sqlite3_stmt *st, int i, int v)
{
	if (v < 0)
		bind_null(w, st, i);
	else
		bind_int64(w, st, i, v);
}

static void
bind_opt(struct dbw *w, sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		bind_null(w, st, i);
	else
		bind_text(w, st, i, v);
}

int
dbw_cover_put(struct dbw *w, const char *source, const struct cover_fm *c,
    struct buf *err)
{
	sqlite3_stmt *st;
	int rc;

	if (c == NULL) {
		if (prep(w, "DELETE FROM page_cover WHERE page_id = (SELECT id "
		    "FROM page WHERE source = ?1)", &st, err) != 0)
			return -1;
		bind_text(w, st, 1, source);
	} else {
		if (prep(w, "INSERT OR REPLACE INTO page_cover (page_id, image, "
		    "alt, caption, relative, hidden, hidden_in_list, "
		    "hidden_in_single, responsive) SELECT id, ?2, ?3, ?4, ?5, "
		    "?6, ?7, ?8, ?9 FROM page WHERE source = ?1", &st, err) != 0)
			return -1;
		bind_text(w, st, 1, source);
		bind_text(w, st, 2, c->image);
		bind_opt(w, st, 3, c->alt);
		bind_opt(w, st, 4, c->caption);
		bind_flag(w, st, 5, c->relative);
		bind_flag(w, st, 6, c->hidden);
		bind_flag(w, st, 7, c->hidden_in_list);
		bind_flag(w, st, 8, c->hidden_in_single);
		bind_flag(w, st, 9, c->responsive);
	}
	rc = run(w, st, SQLITE_DONE, err, "storing a page's cover");
	sqlite3_finalize(st);
	return rc;
}

static int
col_flag(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, col);
}

static char *
col_opt(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? NULL :
	    (char *)sqlite3_column_text(st, col);
}

int
dbw_covers(struct dbw *w, int (*fn)(void *arg, const struct dbw_cover_row *r),
    void *arg, struct buf *err)
{
	sqlite3_stmt *st;
	struct dbw_cover_row r;
	int step, rc = 0;

	if (prep(w, "SELECT c.page_id, p.source, p.url, c.image, c.alt, "
	    "c.caption, c.relative, c.hidden, c.hidden_in_list, "
	    "c.hidden_in_single, c.responsive FROM page_cover c JOIN page p "
	    "ON p.id = c.page_id ORDER BY c.page_id", &st, err) != 0)
		return -1;
	while ((step = step_any(w, st, err, "reading the covers")) ==
	    SQLITE_ROW) {
		r.page_id = sqlite3_column_int64(st, 0);
		r.source = col_text(st, 1);
		r.url = col_text(st, 2);
		r.fm.image = (char *)col_text(st, 3);
		r.fm.alt = col_opt(st, 4);
		r.fm.caption = col_opt(st, 5);
		r.fm.relative = col_flag(st, 6);
		r.fm.hidden = col_flag(st, 7);
		r.fm.hidden_in_list = col_flag(st, 8);
		r.fm.hidden_in_single = col_flag(st, 9);
		r.fm.responsive = col_flag(st, 10);
		if ((rc = fn(arg, &r)) != 0)
			break;
	}
	if (step < 0)
		rc = -1;
	sqlite3_finalize(st);
	return rc;
}

int
dbw_files_under(struct dbw *w, const char *source_prefix,
    const char *url_prefix, void (*fn)(void *arg, const struct dbw_file *f),
    void *arg, struct buf *err)
{
	sqlite3_stmt *st;
	struct dbw_file f;
	int step;

	if (prep(w, "SELECT url, source, hash, size, mtime, media_type FROM "
	    "file WHERE substr(source, 1, length(?1)) = ?1 AND substr(url, 1, "
	    "length(?2)) = ?2 ORDER BY url", &st, err) != 0)
		return -1;
	bind_text(w, st, 1, source_prefix);
	bind_text(w, st, 2, url_prefix);
	while ((step = step_any(w, st, err, "reading a bundle's files")) ==
	    SQLITE_ROW) {
		f.url = col_text(st, 0);
		f.source = col_text(st, 1);
		f.hash = col_text(st, 2);
		f.size = sqlite3_column_int64(st, 3);
		f.mtime = sqlite3_column_int64(st, 4);
		f.media_type = col_text(st, 5);
		fn(arg, &f);
	}
	sqlite3_finalize(st);
	return step < 0 ? -1 : 0;
}

int
dbw_cover_set(struct dbw *w, long long page_id, const char *list,
    const char *single, const char *og_image, struct buf *err)
{
	static const char *const sql[] = {
		"UPDATE page_card SET cover = ?2, entry = NULL WHERE "
		    "page_id = ?1 AND cover <> ?2",
		"UPDATE page_term SET cover = ?2, entry = NULL WHERE "
		    "page_id = ?1 AND cover <> ?2",
		"UPDATE page_cover SET single = ?3, og_image = ?4 WHERE "
		    "page_id = ?1",
	};
	sqlite3_stmt *st;
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(sql) / sizeof(sql[0]) && rc == 0; i++) {
		if (prep(w, sql[i], &st, err) != 0)
			return -1;
		bind_int64(w, st, 1, page_id);
		bind_text(w, st, 2, list);
		if (i == 2) {
			bind_text(w, st, 3, single);
			bind_text(w, st, 4, og_image);
		}
		rc = run(w, st, SQLITE_DONE, err, "storing a page's cover");
		sqlite3_finalize(st);
	}
	return rc;
}

int
dbw_cover_get(struct dbw *w, long long page_id, struct buf *single,
    struct buf *og, struct buf *err)
{
	sqlite3_stmt *st;
	int step;

	if (prep(w, "SELECT single, og_image FROM page_cover WHERE page_id = "
	    "?1", &st, err) != 0)
		return -1;
	bind_int64(w, st, 1, page_id);
	step = step_any(w, st, err, "reading a page's cover");
	if (step == SQLITE_ROW) {
		buf_puts(single, col_text(st, 0));
		buf_puts(og, col_text(st, 1));
	}
	sqlite3_finalize(st);
	return step < 0 ? -1 : step == SQLITE_ROW;
}

int
dbw_list_url_clashes(struct dbw *w, void (*fn)(void *arg,
    const char *section, const char *url, const char *other, int listed),
    void *arg, struct buf *err)
{
	sqlite3_stmt *st;
	int step;

	/* Where the router answers each page: a section listed elsewhere at
	 * its list_url, any other page at its url. Of two sections listed
	 * at one URL, the router takes the smaller route (db.c's
	 * Q_SECTION_AT), which is the one a page there loses to. (Each
	 * side of that coalesce is looked up in its own index: a join on
	 * the expression read every page, 155 ms at 100,000 posts.) */
	if (prep(w, "SELECT s.source, s.list_url, p.source, p.list_url IS "
	    "NOT NULL FROM page s JOIN page p ON p.id <> s.id AND p.id IN "
	    "(SELECT id FROM page WHERE url = s.list_url AND list_url IS "
	    "NULL UNION ALL SELECT id FROM page WHERE list_url = s.list_url) "
	    "WHERE s.kind = 2 AND "
	    "s.list_url IS NOT NULL AND s.draft = 0 AND p.draft = 0 AND "
	    "CASE WHEN p.list_url IS NULL THEN s.url ELSE p.url END = "
	    "(SELECT min(t.url) FROM page t WHERE t.kind = 2 AND t.list_url "
	    "= s.list_url AND t.draft = 0) ORDER BY s.source, p.source", &st,
	    err) != 0)
		return -1;
	while ((step = step_any(w, st, err, "reading the sections' urls")) ==
	    SQLITE_ROW)
		fn(arg, col_text(st, 0), col_text(st, 1), col_text(st, 2),
		    sqlite3_column_int(st, 3));
	sqlite3_finalize(st);
	return step < 0 ? -1 : 0;
}

int
dbw_og_images_put(struct dbw *w, const char *source, const char *values,
    size_t n, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_OG_IMAGES_CLEAR);
	size_t i;
	int rc;

	bind_text(w, st, 1, source);
	rc = run(w, st, SQLITE_DONE, err, "clearing a page's images");
	for (i = 0; i < n && rc == 0; i++) {
		st = use(w, W_OG_IMAGE_PUT);
		bind_text(w, st, 1, source);
		bind_int64(w, st, 2, (long long)i);
		bind_text(w, st, 3, values);
		values += strlen(values) + 1;
		rc = run(w, st, SQLITE_DONE, err, "storing a page's images");
	}
	return rc;
}

int
dbw_og_pages(struct dbw *w, int (*fn)(void *arg, long long page_id,
    const char *source, const char *url, const char *stored), void *arg,
    struct buf *err)
{
	sqlite3_stmt *st;
	int step, rc = 0;

	/* (A plain page has no resources: at 10,000 posts, asking for each
	 * and clearing its row took most of a one-post import's time. The
	 * sources are matched in their index, not by reading every page:
	 * 156 ms at 100,000 posts.) */
	if (prep(w, "SELECT p.id, p.source, p.url, r.value FROM page p LEFT "
	    "JOIN page_og_image r ON r.page_id = p.id AND r.resource = 1 "
	    "WHERE p.id IN (SELECT id FROM page WHERE source LIKE 'index.%' "
	    "OR source LIKE '%/index.%' OR source LIKE '\\_index.%' ESCAPE "
	    "'\\' OR source LIKE '%/\\_index.%' ESCAPE '\\') AND NOT "
	    "EXISTS (SELECT 1 FROM "
	    "page_cover c WHERE c.page_id = p.id) AND NOT EXISTS (SELECT 1 "
	    "FROM page_og_image o WHERE o.page_id = p.id AND o.resource = 0) "
	    "ORDER BY p.id", &st, err) != 0)
		return -1;
	while ((step = step_any(w, st, err, "reading the pages' images")) ==
	    SQLITE_ROW) {
		if ((rc = fn(arg, sqlite3_column_int64(st, 0), col_text(st, 1),
		    col_text(st, 2), (const char *)sqlite3_column_text(st, 3)))
		    != 0)
			break;
	}
	if (step < 0)
		rc = -1;
	sqlite3_finalize(st);
	return rc;
}

int
dbw_og_resource_set(struct dbw *w, long long page_id, const char *route,
    struct buf *err)
{
	sqlite3_stmt *st;
	int rc;

	if (route == NULL) {
		if (prep(w, "DELETE FROM page_og_image WHERE page_id = ?1 AND "
		    "resource = 1", &st, err) != 0)
			return -1;
	} else {
		if (prep(w, "INSERT OR REPLACE INTO page_og_image (page_id, "
		    "ordinal, value, resource) VALUES (?1, 0, ?2, 1)", &st,
		    err) != 0)
			return -1;
		bind_text(w, st, 2, route);
	}
	bind_int64(w, st, 1, page_id);
	rc = run(w, st, SQLITE_DONE, err, "storing a page's image");
	sqlite3_finalize(st);
	return rc;
}

int
dbw_image_get(struct dbw *w, const char *hash, struct image_info *info,
    struct buf *why, struct buf *err)
{
	sqlite3_stmt *st;
	int step;

	if (prep(w, "SELECT type, width, height, frames, error FROM image "
	    "WHERE hash = ?1", &st, err) != 0)
		return -1;
	bind_text(w, st, 1, hash);
	step = step_any(w, st, err, "reading an image");
	if (step == SQLITE_ROW) {
		info->type = (enum image_type)sqlite3_column_int(st, 0);
		info->width = sqlite3_column_int(st, 1);
		info->height = sqlite3_column_int(st, 2);
		info->frames = sqlite3_column_int(st, 3);
		buf_puts(why, col_text(st, 4));
	}
	sqlite3_finalize(st);
	return step < 0 ? -1 : step == SQLITE_ROW;
}

int
dbw_image_put(struct dbw *w, const char *hash, const struct image_info *info,
    const char *why, struct buf *err)
{
	sqlite3_stmt *st;
	int rc;

	if (prep(w, "INSERT OR REPLACE INTO image (hash, type, width, height, "
	    "frames, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st, err) != 0)
		return -1;
	bind_text(w, st, 1, hash);
	bind_int64(w, st, 2, info != NULL ? info->type : 0);
	bind_int64(w, st, 3, info != NULL ? info->width : 0);
	bind_int64(w, st, 4, info != NULL ? info->height : 0);
	bind_int64(w, st, 5, info != NULL ? info->frames : 0);
	bind_text(w, st, 6, info != NULL ? "" : why);
	rc = run(w, st, SQLITE_DONE, err, "storing an image");
	sqlite3_finalize(st);
	return rc;
}

int
dbw_variant_get(struct dbw *w, const char *hash, int width, int webp,
    char *variant, long long *size, struct buf *err)
{
	sqlite3_stmt *st;
	int step;

	if (prep(w, "SELECT variant, size FROM image_variant WHERE hash = ?1 "
	    "AND width = ?2 AND webp = ?3", &st, err) != 0)
		return -1;
	bind_text(w, st, 1, hash);
	bind_int64(w, st, 2, width);
	bind_int64(w, st, 3, webp);
	step = step_any(w, st, err, "reading an image's copy");
	if (step == SQLITE_ROW) {
		snprintf(variant, STORE_HASH_HEX + 1, "%s", col_text(st, 0));
		*size = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return step < 0 ? -1 : step == SQLITE_ROW;
}

int
dbw_variant_put(struct dbw *w, const char *hash, int width, int webp,
    const char *variant, long long size, struct buf *err)
{
	sqlite3_stmt *st;
	int rc;

	if (prep(w, "INSERT OR REPLACE INTO image_variant (hash, width, webp, "
	    "variant, size) VALUES (?1, ?2, ?3, ?4, ?5)", &st, err) != 0)
		return -1;
	bind_text(w, st, 1, hash);
	bind_int64(w, st, 2, width);
	bind_int64(w, st, 3, webp);
	bind_text(w, st, 4, variant);
	bind_int64(w, st, 5, size);
	rc = run(w, st, SQLITE_DONE, err, "storing an image's copy");
	sqlite3_finalize(st);
	return rc;
}

int
dbw_images_prune(struct dbw *w, struct buf *err)
{
	return exec(w, "DELETE FROM image WHERE hash NOT IN (SELECT hash FROM "
	    "file)", err);
}

int
dbw_page_images_put(struct dbw *w, const char *source,
    const struct dbw_image_refs *refs, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_PAGE_IMAGES_CLEAR);
	size_t i;
	int rc;

	bind_text(w, st, 1, source);
	rc = run(w, st, SQLITE_DONE, err, "clearing a page's images");
	for (i = 0; i < refs->n && rc == 0; i++) {
		st = use(w, W_PAGE_IMAGE_PUT);
		bind_text(w, st, 1, source);
		bind_int64(w, st, 2, (long long)refs->r[i].ordinal);
		bind_text(w, st, 3, refs->r[i].url);
		bind_text(w, st, 4, refs->r[i].title);
		bind_text(w, st, 5, refs->r[i].alt);
		rc = run(w, st, SQLITE_DONE, err, "storing a page's image");
	}
	return rc;
}

int
dbw_page_images(struct dbw *w, int (*fn)(void *arg,
    const struct dbw_page_image *r), void *arg, struct buf *err)
{
	sqlite3_stmt *st;
	struct dbw_page_image r;
	int step, rc = 0;

	if (prep(w, "SELECT i.page_id, p.url, i.ordinal, i.url, i.title, "
	    "i.alt FROM page_image i JOIN page p ON p.id = i.page_id ORDER BY "
	    "i.page_id, i.ordinal", &st, err) != 0)
		return -1;
	while ((step = step_any(w, st, err, "reading the pages' images")) ==
	    SQLITE_ROW) {
		r.page_id = sqlite3_column_int64(st, 0);
		r.page_url = col_text(st, 1);
		r.ordinal = (size_t)sqlite3_column_int64(st, 2);
		r.url = col_text(st, 3);
		r.title = col_text(st, 4);
		r.alt = col_text(st, 5);
		if ((rc = fn(arg, &r)) != 0)
			break;
	}
	if (step < 0)
		rc = -1;
	sqlite3_finalize(st);
	return rc;
}

int
dbw_file_at(struct dbw *w, const char *url, struct dbw_file *f,
    struct buf *hold, struct buf *err)
{
	sqlite3_stmt *st;
	size_t off[4];
	int step, i;

	if (prep(w, "SELECT url, source, hash, media_type, size, mtime FROM "
	    "file WHERE url = ?1", &st, err) != 0)
		return -1;
	bind_text(w, st, 1, url);
	step = step_any(w, st, err, "reading a file row");
	if (step == SQLITE_ROW) {
		buf_reset(hold);
		for (i = 0; i < 4; i++) {
			off[i] = hold->len;
			buf_puts(hold, col_text(st, i));
			buf_putc(hold, '\0');
		}
		f->url = hold->data + off[0];
		f->source = hold->data + off[1];
		f->hash = hold->data + off[2];
		f->media_type = hold->data + off[3];
		f->size = sqlite3_column_int64(st, 4);
		f->mtime = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	return step < 0 ? -1 : step == SQLITE_ROW;
}

int
dbw_image_fragments(struct dbw *w, long long page_id, char *const *html,
    size_t n, struct buf *err)
{
	sqlite3_stmt *st = use(w, W_FRAGMENT_PUT);
	sqlite3_stmt *del;
	size_t i;
	int rc;

	if (prep(w, "DELETE FROM page_fragment WHERE page_id = ?1 AND kind = "
	    "?2", &del, err) != 0)
		return -1;
	bind_int64(w, del, 1, page_id);
	bind_int64(w, del, 2, FRAGMENT_IMAGE);
	rc = run(w, del, SQLITE_DONE, err, "clearing a page's images");
	sqlite3_finalize(del);
	for (i = 0; i < n && rc == 0; i++) {
		st = use(w, W_FRAGMENT_PUT);
		bind_int64(w, st, 1, page_id);
		bind_int64(w, st, 2, FRAGMENT_IMAGE);
		bind_int64(w, st, 3, (long long)i);
		bind_text(w, st, 4, html[i] != NULL ? html[i] : "");
		rc = run(w, st, SQLITE_DONE, err, "storing a page's image");
	}
	return rc;
}
