/* db.c - the worker's read-only database: one connection, every statement
 * prepared once at open, reset after each use. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "schema-version.h"	/* QUIRE_SCHEMA_VERSION (Makefile) */
#include "unicode.h"

/* The language a request shows (db_set_lang()): every listing, feed,
 * term, search and the sitemap read one language's rows. */
#define LANG(p) " " p ".lang = ?" LANG_PARAM " "
/* Its parameter's number: above every other's, so that it does not
 * renumber them. */
#define LANG_PARAM "9"
/* A page is visible when not a draft, published and not expired. */
#define VISIBLE(p) " " p ".draft = 0 AND " p ".publish_at <= ?1 AND (" \
	p ".expire_at IS NULL OR " p ".expire_at > ?1) "
/* Not a section's own page (schema.h's PAGE_SECTION): search finds
 * pages, not listings. */
#define NOT_SECTION(p) " " p ".kind <> 2 "
/* The listing figures of page p (schema/005-card-order.sql). */
#define CARD " JOIN page_card c ON c.page_id = p.id "
/* The columns a row is read from, by name, each list X(column, type,
 * field of struct db_page) in the order read_row() reads them: a list
 * entry (db.h's DB_ENTRY_FIELDS) of page_card or page_term, as c; the
 * sitemap adds the source (which ends the order of Q_SITEMAP), the kind
 * and the lastmod; a whole page adds what only page (p) holds.
 * Each set ends in a comma: a statement selects one set, then the body
 * (or '', or a search hit's snippet). */
#define ITEM_FIELDS(X) X(source, text, source)
#define SITEMAP_FIELDS(X) \
	X(kind, kind, kind) \
	X(has_lastmod, int, has_lastmod) \
	X(lastmod, int64, lastmod.t) \
	X(lastmod_offset, int, lastmod.offset)
#define PAGE_FIELDS(X) \
	X(id, int64, id) \
	X(description, text, description) \
	X(layout, text, layout) \
	X(lang, text, lang) \
	X(tkey, text, tkey) \
	X(markup, markup, markup)
#define CARD_COLUMN(name, type, field) " c." #name ","
#define PAGE_COLUMN(name, type, field) " p." #name ","
#define LIST_COLUMNS DB_ENTRY_FIELDS(CARD_COLUMN)
#define ITEM_COLUMNS LIST_COLUMNS ITEM_FIELDS(CARD_COLUMN)
#define ALL_COLUMNS ITEM_COLUMNS SITEMAP_FIELDS(CARD_COLUMN)
/* A whole page's place in the listing order, from its card (schema/025):
 * its neighbours are found from it. */
#define PAGE_CARD_FIELDS(X) X(worder, int64, worder)
#define PAGE_COLUMNS ALL_COLUMNS PAGE_FIELDS(PAGE_COLUMN) \
	PAGE_CARD_FIELDS(CARD_COLUMN)
/* Hugo's default order (DefaultPageSort): weight, an unset one last
 * (worder, schema/025), then date newest first, title and file; the key
 * order of page_card and page_term after what a list is of, so that no
 * list is sorted. */
#define CARD_ORDER " ORDER BY c.worder, c.date DESC, c.title, c.source "
/* CARD_ORDER backwards, and one row. */
#define NEWER_ORDER " ORDER BY c.worder DESC, c.date, c.title DESC, " \
	"c.source DESC LIMIT 1"
/* Which of those sets a statement selects, each holding the one before. */
enum row_set {
	ROW_LIST,
	ROW_ALL,
	ROW_PAGE,
};

/* For the bodies of a list (full-text feeds), in the card's order. */
#define CARD_PAGE " page_card c JOIN page p ON p.id = c.page_id "
/* A feed item's columns (struct db_item), of page_card or page_term
 * (which copies the card's lastmod, schema/009): what orders the items
 * (CARD_ORDER's columns of the result: date, title, source, worder),
 * then what an item shows. */
#define ITEM_HEAD " c.date, c.title, c.source, c.date_offset, c.url, " \
	"c.summary, c.page_id, c.author, c.has_lastmod, c.lastmod, " \
	"c.lastmod_offset, c.worder,"
/* An instant after every other (the largest SQLite integer). */
#define NEVER "9223372036854775807"
/* The page of id ?6 is listed: its card is visible (schema/026). */
#define LISTED " EXISTS (SELECT 1 FROM page_card k WHERE k.page_id = ?6 " \
	"AND k.draft = 0) "
/* The worder of a page without a weight, after every other (025). */
#define UNWEIGHTED "9223372036854775807"

enum query {
	Q_SITE,
	Q_LISTED_SECTIONS,
	Q_LIST_MAIN,
	Q_ENTRIES_MAIN,
	Q_ENTRIES_TERM,
	Q_ENTRIES_COUNT,
	Q_ITEMS_TERM,
	Q_ITEMS_TERM_BODY,
	Q_PAGE_BY_URL,
	Q_PAGE_TERMS,
	Q_TERMS,
	Q_TERM_BY_SLUG,
	Q_STATE,
	Q_ALIAS,
	Q_ITEMS_MAIN,
	Q_ITEMS_PAGES,
	Q_ITEMS_MAIN_BODY,
	Q_ITEMS_PAGES_BODY,
	Q_SITEMAP,
	Q_SEARCH_HITS,
	Q_SEARCH,
	Q_TERM_DATES,
	Q_NEWER,
	Q_OLDER,
	Q_RELATED,
	Q_FRAGMENTS,
	Q_FEEDLESS,
	Q_PAGE_FRAMES,
	Q_PAGE_COVER,
	Q_PAGE_OG_IMAGES,
	Q_SECTION_PAGE,
	Q_SECTION_LIST_URL,
	Q_SECTION_AT,
	Q_TAXONOMY_ITEMS,
	Q_TERM_OLDEST,
	Q_TRANSLATIONS,
	Q_LANG_DATES,
	Q_LISTING_IN,
	Q_TRANSLATIONS_AT,
	Q_FILE,
	Q__MAX
};

/* struct db keeps one bit per query. */
_Static_assert(Q__MAX <= 64, "too many queries for db->used");

static const char *const query_sql[Q__MAX] = {
	[Q_SITE] = "SELECT key, value FROM site",
	/* Does any section list itself at a url of its own? Most sites
	 * have none, and their requests then skip Q_SECTION_AT. */
	[Q_LISTED_SECTIONS] = "SELECT EXISTS (SELECT 1 FROM page WHERE "
	    "list_url IS NOT NULL)",
	/* Listings never show the body: '' keeps its column in place. The
	 * archives' (PaperMod's GroupByPublishDate): by date alone, newest
	 * first, pages of one date in listing order. The posts without a
	 * weight, most or all, are in that order in page_card's key
	 * (schema/025); only the weighted ones are sorted, and SQLite merges
	 * the two (sorting them all made the archives 40% slower at 1,000
	 * posts, in callgrind). */
	[Q_LIST_MAIN] = "SELECT" LIST_COLUMNS " '', c.source, c.worder FROM "
	    "page_card c WHERE" LANG("c") "AND c.kind = 0 AND c.worder = "
	    UNWEIGHTED " AND" VISIBLE("c") "UNION ALL SELECT" LIST_COLUMNS " '', "
	    "c.source, c.worder FROM page_card c WHERE" LANG("c") "AND "
	    "c.kind = 0 AND c.worder < " UNWEIGHTED " AND" VISIBLE("c") "ORDER BY "
	    "c.date DESC, c.worder, c.title, c.source LIMIT ?2 OFFSET ?3",
	/* A listing's entries, written by the importer into the rows that
	 * order the list (009); NULL only in a damaged file. */
	[Q_ENTRIES_MAIN] = "SELECT c.entry FROM page_card c WHERE" LANG("c")
	    "AND c.kind = 0 AND" VISIBLE("c") CARD_ORDER "LIMIT ?2 OFFSET ?3",
	[Q_ENTRIES_TERM] = "SELECT c.entry FROM page_term c WHERE "
	    "c.term_id = ?4 AND" LANG("c") "AND" VISIBLE("c") CARD_ORDER "LIMIT ?2 OFFSET ?3",
	/* Only a section with sections counts its pages (its listing shows
	 * them after its pages). */
	[Q_ENTRIES_COUNT] = "SELECT count(*) FROM page_term c WHERE "
	    "c.term_id = ?2 AND" LANG("c") "AND" VISIBLE("c"),
	[Q_PAGE_BY_URL] = "SELECT" PAGE_COLUMNS " p.body FROM page p" CARD "WHERE "
	    "p.url = ?2 AND" VISIBLE("p"),
	[Q_PAGE_TERMS] = "SELECT m.id, m.slug, m.name, 0 FROM page_term t "
	    "JOIN term m ON m.id = t.term_id WHERE t.page_id = ?1 AND "
	    "m.taxonomy = ?2 ORDER BY t.position",
	[Q_TERMS] = "SELECT m.id, m.slug, m.name, count(*) FROM term m "
	    "JOIN page_term t ON t.term_id = m.id WHERE m.taxonomy = ?2 AND"
	    LANG("t") "AND" VISIBLE("t") "GROUP BY m.id ORDER BY m.slug",
	/* A term exists while one of its pages is visible; its count is not
	 * needed, and counting would read all of them. */
	[Q_TERM_BY_SLUG] = "SELECT m.id, m.slug, m.name, 0 FROM term m WHERE "
	    "m.taxonomy = ?2 AND m.slug = ?3 AND EXISTS (SELECT 1 FROM "
	    "page_term t WHERE t.term_id = m.id AND" LANG("t") "AND"
	    VISIBLE("t") ")",
	/* The last scheduled change at or before now, and the next one after
	 * it: until then the state stays the same. */
	[Q_STATE] = "SELECT max(coalesce((SELECT max(publish_at) FROM page "
	    "WHERE publish_at <= ?1), 0), coalesce((SELECT max(expire_at) FROM "
	    "page WHERE expire_at <= ?1), 0)), min(coalesce((SELECT "
	    "min(publish_at) FROM page WHERE publish_at > ?1), " NEVER "), "
	    "coalesce((SELECT min(expire_at) FROM page WHERE expire_at > ?1), "
	    NEVER "))",
	[Q_ALIAS] = "SELECT p.url FROM alias a JOIN page p ON p.id = a.page_id "
	    "WHERE a.path = ?2 AND" VISIBLE("p"),
	/* A feed's items: ITEM_HEAD, then the body and its markup, or '',
	 * 0. SQLite merges each kind's range of page_card by the result's
	 * date, title and source rather than sorting; page_term holds a
	 * term's pages in listing order (schema/006). */
	[Q_ITEMS_TERM] = "SELECT" ITEM_HEAD " '', 0 FROM page_term c WHERE "
	    "c.term_id = ?3 AND" LANG("c") "AND" VISIBLE("c") CARD_ORDER
	    "LIMIT ?2",
	[Q_ITEMS_TERM_BODY] = "SELECT" ITEM_HEAD " p.body, p.markup FROM "
	    "page_term c JOIN page p ON p.id = c.page_id WHERE c.term_id = ?3 AND"
	    LANG("c") "AND" VISIBLE("c") CARD_ORDER "LIMIT ?2",
	[Q_ITEMS_MAIN] = "SELECT" ITEM_HEAD " '', 0 FROM page_card c WHERE"
	    LANG("c") "AND c.kind = 0 AND" VISIBLE("c") CARD_ORDER "LIMIT ?2",
	[Q_ITEMS_PAGES] = "SELECT" ITEM_HEAD " '', 0 FROM page_card c WHERE"
	    LANG("c") "AND c.kind = 0 AND" VISIBLE("c") "UNION ALL SELECT"
	    ITEM_HEAD " '', 0 FROM page_card c WHERE" LANG("c") "AND c.kind = 1 "
	    "AND" VISIBLE("c") CARD_ORDER "LIMIT ?2",
	[Q_ITEMS_MAIN_BODY] = "SELECT" ITEM_HEAD " p.body, p.markup FROM"
	    CARD_PAGE "WHERE" LANG("c") "AND c.kind = 0 AND" VISIBLE("c") CARD_ORDER
	    "LIMIT ?2",
	[Q_ITEMS_PAGES_BODY] = "SELECT" ITEM_HEAD " p.body, p.markup FROM"
	    CARD_PAGE "WHERE" LANG("c") "AND c.kind = 0 AND" VISIBLE("c")
	    "UNION ALL SELECT" ITEM_HEAD " p.body, p.markup FROM" CARD_PAGE
	    "WHERE" LANG("c") "AND c.kind = 1 AND" VISIBLE("c") CARD_ORDER "LIMIT ?2",
	/* The sitemap: every kind, with the kind and the lastmod (and
	 * worder, which CARD_ORDER merges the kinds by). */
	[Q_SITEMAP] = "SELECT" ALL_COLUMNS " '', c.worder FROM page_card c "
	    "WHERE" LANG("c") "AND c.kind = 0 AND" VISIBLE("c") "UNION ALL "
	    "SELECT" ALL_COLUMNS " '', c.worder FROM page_card c WHERE"
	    LANG("c") "AND "
	    "c.kind = 1 AND" VISIBLE("c")
	    CARD_ORDER,
	/* Every visible hit, its bm25 (title, then tags, then text) and
	 * date, in one pass: db_search_hits() counts them and keeps the
	 * page asked for. Visibility, date and length come from page_hit
	 * (schema/018), one seek a hit: page's own row holds them behind the
	 * body, in overflow pages (5x slower on a 10,000-post site). */
	/* CROSS JOIN keeps the full-text match first: with the language
	 * in the WHERE, SQLite would otherwise walk a language's pages by
	 * page_listing and run the match once per page (10x slower). */
	[Q_SEARCH_HITS] = "SELECT h.id, quire_bm25(page_fts, h.size, 10.0, 5.0, "
	    "1.0), h.date FROM page_fts CROSS JOIN page_hit h ON h.id = "
	    "page_fts.rowid WHERE page_fts MATCH ?2 AND" LANG("h") "AND"
	    NOT_SECTION("h") "AND" VISIBLE("h"),
	/* The page of hits ?3 (a JSON array of ids, best first) with their
	 * cards and snippets. The match runs once over the ids' range ?4..?5:
	 * run once per id (rowid = ?), FTS5 would merge a prefix's doclists
	 * anew for each, 10 ms apiece for "the"* on 10,000 posts. Only the
	 * page's rows get a snippet, which tokenizes a post's whole text. */
	[Q_SEARCH] = "WITH want(pos, id) AS MATERIALIZED (SELECT key, value "
	    "FROM json_each(?3)) SELECT" LIST_COLUMNS " snippet(page_fts, 2, "
	    "x'01', x'02', '\xE2\x80\xA6', 24) FROM page_fts CROSS JOIN want w "
	    "ON w.id = page_fts.rowid JOIN page_card c ON c.page_id = w.id "
	    "WHERE page_fts MATCH ?2 AND page_fts.rowid BETWEEN ?4 AND ?5 "
	    "ORDER BY w.pos",
	/* The bare max() picks the date and offset of the same row. */
	[Q_TERM_DATES] = "SELECT m.taxonomy, m.slug, max(p.date), p.date_offset "
	    "FROM term m JOIN page_term t ON t.term_id = m.id JOIN page p ON "
	    "p.id = t.page_id WHERE" LANG("p") "AND" VISIBLE("p") "GROUP BY m.id "
	    "ORDER BY m.taxonomy, m.slug",
	/* The neighbours in CARD_ORDER of the post whose card's worder,
	 * date, title and source are ?5, ?2, ?3, ?4: first among the posts
	 * of its weight, from its date on (a seek), else the nearest of
	 * another weight. None for (and none is) a page Hugo does not list
	 * (schema/026): ?6 is its id. */
	[Q_NEWER] = "SELECT * FROM (SELECT * FROM (SELECT c.url, c.title "
	    "FROM page_card c WHERE" LANG("c") "AND c.kind = 0 AND c.worder = "
	    "?5 AND c.date >= ?2 AND (c.date > ?2 OR c.title < ?3 OR "
	    "(c.title = ?3 AND c.source < ?4)) AND" VISIBLE("c") NEWER_ORDER ") UNION ALL "
	    "SELECT * FROM (SELECT c.url, c.title FROM page_card c WHERE"
	    LANG("c") "AND c.kind = 0 AND c.worder < ?5 AND" VISIBLE("c")
	    NEWER_ORDER ") LIMIT 1) WHERE" LISTED,
	[Q_OLDER] = "SELECT * FROM (SELECT * FROM (SELECT c.url, c.title "
	    "FROM page_card c WHERE" LANG("c") "AND c.kind = 0 AND c.worder = "
	    "?5 AND c.date <= ?2 AND (c.date < ?2 OR c.title > ?3 OR "
	    "(c.title = ?3 AND c.source > ?4)) AND" VISIBLE("c") CARD_ORDER "LIMIT 1) UNION ALL "
	    "SELECT * FROM (SELECT c.url, c.title FROM page_card c WHERE"
	    LANG("c") "AND c.kind = 0 AND c.worder > ?5 AND" VISIBLE("c")
	    CARD_ORDER "LIMIT 1) LIMIT 1) WHERE" LISTED,
	/* A page's related posts as the importer ranked them (related.h),
	 * those visible now. */
	[Q_RELATED] = "SELECT r.url, r.title FROM page_related r WHERE "
	    "r.page_id = ?2 AND r.publish_at <= ?1 AND (r.expire_at IS NULL "
	    "OR r.expire_at > ?1) ORDER BY r.rank LIMIT ?3",
	/* A page's fragments, each list in its order (the primary key's). */
	/* The other sites a page frames (schema/014). */
	[Q_PAGE_FRAMES] = "SELECT frames FROM page WHERE id = ?1",
	/* An article's cover and OpenGraph image (schema 016). */
	[Q_PAGE_COVER] = "SELECT single, og_image FROM page_cover WHERE "
	    "page_id = ?1",
	/* A page's OpenGraph images when it has no cover (schema 020). */
	[Q_PAGE_OG_IMAGES] = "SELECT value, resource FROM page_og_image "
	    "WHERE page_id = ?1 ORDER BY ordinal LIMIT 6",
	/* The pages PaperMod's rss.xml leaves out (schema 024). */
	[Q_FEEDLESS] = "SELECT id FROM page WHERE layout IN ('search', "
	    "'archives')",
	[Q_FRAGMENTS] = "SELECT kind, ordinal, html FROM page_fragment "
	    "WHERE page_id = ?1",
	/* A section's own page (its _index.md), by the section's route. */
	[Q_SECTION_PAGE] = "SELECT p.title, p.description, p.body, p.markup, "
	    "p.id "
	    "FROM page p "
	    "WHERE p.url = ?2 AND p.kind = 2 AND" VISIBLE("p"),
	/* Where a section's listing is published, when its own page's url
	 * says (schema 017), by the section's route; and the reverse. */
	[Q_SECTION_LIST_URL] = "SELECT p.list_url FROM page p WHERE "
	    "p.url = ?2 AND p.kind = 2 AND p.list_url IS NOT NULL AND"
	    VISIBLE("p"),
	[Q_SECTION_AT] = "SELECT p.url, p.lang FROM page p WHERE "
	    "p.list_url = ?2 AND p.kind = 2 AND" VISIBLE("p")
	    "ORDER BY p.url LIMIT 1",
	/* A taxonomy's feed: its terms, each dated by its newest visible
	 * page (the bare max() picks that row's offset), newest first, then
	 * by name as Hugo sorts titles (case aside). */
	[Q_TAXONOMY_ITEMS] = "SELECT m.id, m.slug, m.name, max(t.date), "
	    "t.date_offset FROM term m JOIN page_term t ON t.term_id = m.id "
	    "WHERE m.taxonomy = ?2 AND" LANG("t") "AND" VISIBLE("t") "GROUP BY "
	    "m.id ORDER BY 4 DESC, lower(m.name), m.slug LIMIT ?3",
	/* A term's visible pages oldest first, whatever their weight (a
	 * series' parts): sorted, page_term's order being the weight's
	 * first (schema/025). */
	[Q_TERM_OLDEST] = "SELECT c.page_id, c.url, c.title FROM page_term c "
	    "WHERE c.term_id = ?2 AND" LANG("c") "AND" VISIBLE("c") "ORDER BY "
	    "c.date, c.title DESC, c.source DESC",
	/* A page's visible translations, in no order (the caller sorts
	 * them by the site's languages). */
	[Q_TRANSLATIONS] = "SELECT p.lang, p.url, p.title FROM page p WHERE "
	    "p.tkey = ?2 AND p.lang <> ?3 AND" VISIBLE("p"),
	/* Which languages have a visible page, with the newest one's date
	 * and offset (the bare column is max()'s row's), for the sitemap
	 * index. */
	[Q_LANG_DATES] = "SELECT c.lang, max(c.date), c.date_offset FROM "
	    "page_card c WHERE" VISIBLE("c") "GROUP BY c.lang",
	/* The visible translations of the page at URL ?2, as
	 * Q_TRANSLATIONS's (the sitemap's rows have no tkey). */
	[Q_TRANSLATIONS_AT] = "SELECT t.lang, t.url, t.title FROM page p "
	    "JOIN page t ON t.tkey = p.tkey AND t.lang <> p.lang WHERE "
	    "p.url = ?2 AND" VISIBLE("t"),
	/* Whether language ?4 has a visible page in the term ?3 of
	 * taxonomy ?2 (a section: TAXONOMY_SECTIONS), or in any of its
	 * terms when ?3 is NULL: that language has the listing. */
	[Q_LISTING_IN] = "SELECT 1 FROM term m JOIN page_term t ON t.term_id "
	    "= m.id WHERE m.taxonomy = ?2 AND (?3 IS NULL OR m.slug = ?3) AND "
	    "t.lang = ?4 AND" VISIBLE("t") "LIMIT 1",
	/* A stored file by its URL (schema/015): the primary key's seek. */
	[Q_FILE] = "SELECT hash, size, mtime, media_type, variant FROM file "
	    "WHERE url = ?1",
};

struct db {
	sqlite3 *conn;
	sqlite3_stmt *stmt[Q__MAX];
	unsigned long long used;	/* bit q: stmt[q] ran this request */
	long long version;		/* site 'version' */
	long long imported_at;		/* site 'imported_at' */
	/* db_state()'s last answer, good for instants in [from, until). */
	long long state_changed, state_from, state_until;
	int state_known;
	char *path;
	struct stat st;		/* of the file when opened */
	/* The same file, for flock(2): shared while a request reads it,
	 * so that no import writes it in place meanwhile (publish.h). */
	int lock_fd;
	unsigned char counter[4];	/* SQLite's file change counter then */
	struct site site;
	char fault[320];	/* what went wrong beyond SQLite's own message
				 * (a bind, a NULL column), for db_errmsg() */
	char lang[32];		/* the language queries read (?9) */
	int listed_sections;	/* Q_LISTED_SECTIONS' answer */
	long long *feedless;	/* Q_FEEDLESS' pages (malloc'd) */
	size_t nfeedless;
	char *note;		/* db_note() (malloc'd), or NULL */
	/* The search under way, from db_search_hits() to db_search_end():
	 * the thread's CPU time (ns) it must end by, and whether it did
	 * not (search_progress()). */
	long long search_ms;	/* DB_SEARCH_MS, or QUIRE_SEARCH_MS */
	long long search_until;
	int search_spent;
};

const char *
db_note(const struct db *db)
{
	return db != NULL ? db->note : NULL;
}

const char *
db_errmsg(const struct db *db)
{
	if (db != NULL && db->fault[0] != '\0')
		return db->fault;
	return db && db->conn ? sqlite3_errmsg(db->conn) : "no database";
}

static long long search_budget(void);
static sqlite3_stmt *stmt_of(struct db *db, enum query q);

/* What quire_bm25() works out once per query: per phrase, its IDF, and
 * room for its frequency in the row at hand; the mean row length. */
struct bm25_query {
	int phrases;
	double avgdl;
	double *idf;
	double *freq;
};

static int
bm25_count(const Fts5ExtensionApi *api, Fts5Context *fts, void *arg)
{
	(*(long long *)arg)++;
	return SQLITE_OK;
}

/* The query's IDFs and mean length, made at its first row. */
static int
bm25_query(const Fts5ExtensionApi *api, Fts5Context *fts,
    struct bm25_query **out)
{
	struct bm25_query *b = api->xGetAuxdata(fts, 0);
	sqlite3_int64 rows = 0, tokens = 0;
	int rc = SQLITE_OK, i, n;

	if (b != NULL) {
		*out = b;
		return SQLITE_OK;
	}
	n = api->xPhraseCount(fts);
	b = sqlite3_malloc64(sizeof(*b) + 2 * (size_t)n * sizeof(double));
	if (b == NULL)
		return SQLITE_NOMEM;
	b->phrases = n;
	b->idf = (double *)(b + 1);
	b->freq = b->idf + n;
	if ((rc = api->xRowCount(fts, &rows)) == SQLITE_OK)
		rc = api->xColumnTotalSize(fts, -1, &tokens);
	b->avgdl = rows > 0 ? (double)tokens / (double)rows : 1.0;
	for (i = 0; rc == SQLITE_OK && i < n; i++) {
		long long hits = 0;

		rc = api->xQueryPhrase(fts, i, &hits, bm25_count);
		/* Okapi BM25's IDF, and FTS5's floor for a phrase in more
		 * than half the rows. */
		b->idf[i] = log(((double)rows - (double)hits + 0.5) /
		    ((double)hits + 0.5));
		if (b->idf[i] <= 0.0)
			b->idf[i] = 1e-6;
	}
	if (rc == SQLITE_OK)
		rc = api->xSetAuxdata(fts, b, sqlite3_free);
	else
		sqlite3_free(b);
	*out = rc == SQLITE_OK ? b : NULL;
	return rc;
}

/* quire_bm25(page_fts, SIZE, W...): FTS5's bm25(page_fts, W...) (k1 1.2,
 * b 0.75, each column's matches weighted by its W), but the row's length
 * in tokens is SIZE, page_hit's copy of it, not a lookup in page_fts's
 * docsize for every hit (a third of a search's time on 10,000 posts);
 * NULL asks FTS5. Its terms are summed as bm25() sums them, so that the
 * ranks are the same doubles; the weights, whole numbers, add up
 * exactly in any order. */
static void
quire_bm25(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_context *ctx, int nargs, sqlite3_value **args)
{
	const double k1 = 1.2, b = 0.75;
	struct bm25_query *q;
	Fts5PhraseIter it;
	double score = 0.0, len;
	int rc, i, col, off, size;

	if (nargs < 1) {
		sqlite3_result_error(ctx, "quire_bm25: no size", -1);
		return;
	}
	if ((rc = bm25_query(api, fts, &q)) != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	for (i = 0; i < q->phrases; i++) {
		q->freq[i] = 0.0;
		rc = api->xPhraseFirst(fts, i, &it, &col, &off);
		for (; rc == SQLITE_OK && col >= 0;
		    api->xPhraseNext(fts, &it, &col, &off))
			q->freq[i] += col + 1 < nargs ?
			    sqlite3_value_double(args[col + 1]) : 1.0;
		if (rc != SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
	}
	if (sqlite3_value_type(args[0]) != SQLITE_NULL) {
		len = (double)sqlite3_value_int64(args[0]);
	} else if ((rc = api->xColumnSize(fts, -1, &size)) == SQLITE_OK) {
		len = (double)size;
	} else {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	for (i = 0; i < q->phrases; i++)
		score += q->idf[i] * ((q->freq[i] * (k1 + 1.0)) /
		    (q->freq[i] + k1 * (1 - b + b * len / q->avgdl)));
	sqlite3_result_double(ctx, -1.0 * score);
}

/* Gives conn's FTS5 the function quire_bm25(); 0 or -1. */
static int
add_bm25(sqlite3 *conn)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(conn, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL || api->iVersion < 2)
		return -1;
	return api->xCreateFunction(api, "quire_bm25", NULL, quire_bm25,
	    NULL) == SQLITE_OK ? 0 : -1;
}

/* SQLite's open(2) in this process: never waits. Opening a FIFO for
 * reading waits for a writer, for ever, so every open is non-blocking
 * (which changes nothing for a regular file) and a FIFO is refused: a
 * path that turns into one after db_open() looked at it fails too. */
static int
open_nowait(const char *path, int flags, int mode)
{
	struct stat st;
	int fd = open(path, flags | O_NONBLOCK, mode);

	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) {
		close(fd);
		errno = ENXIO;
		return -1;
	}
	return fd;
}

/* The schema this worker reads against the file's (PRAGMA user_version,
 * set by each migration the importer applies): an older file lacks
 * columns the queries read, and would answer 503 naming a query, so it is
 * refused with what to do; a newer one is read with a note, as far as
 * its queries still prepare (stmt_of()). 0, or -1 and why in err. */
static int
check_schema(struct db *db, struct buf *err)
{
	sqlite3_stmt *st;
	int version = -1;

	if (sqlite3_prepare_v2(db->conn, "PRAGMA user_version", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version < 0) {
		buf_printf(err, "cannot read database %s: %s", db->path,
		    sqlite3_errmsg(db->conn));
		return -1;
	}
	if (version == 0) {
		buf_printf(err, "cannot read database %s: not a quire "
		    "database (no schema): write it with quire import",
		    db->path);
		return -1;
	}
	if (version < QUIRE_SCHEMA_VERSION) {
		buf_printf(err, "cannot read database %s: its schema is "
		    "version %d, this worker reads %d: run quire import to "
		    "upgrade it", db->path, version, QUIRE_SCHEMA_VERSION);
		return -1;
	}
	if (version > QUIRE_SCHEMA_VERSION) {
		struct buf note = BUF_INIT;

		buf_printf(&note, "database %s: its schema is version %d, "
		    "newer than this worker's %d: restart the workers with the "
		    "quire that wrote it", db->path, version,
		    QUIRE_SCHEMA_VERSION);
		db->note = xstrdup(buf_cstr(&note));
		buf_free(&note);
	}
	return 0;
}

/* db_open() once: NULL with *moved set when the file at path changed
 * while it was being opened (an import's swap), to be tried again. */
static struct db *
open_once(const char *path, int *moved, struct buf *err)
{
	static int nowait;
	struct db *db = xmalloc(sizeof(*db));
	struct buf uri = BUF_INIT;
	struct stat st, now;
	sqlite3_stmt *st_site;
	int i, rc;

	memset(db, 0, sizeof(*db));
	db->lock_fd = -1;
	*moved = 0;
	site_init(&db->site);
	db->path = xstrdup(path);
	db->search_ms = search_budget();
	if (!nowait) {
		sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);

		if (vfs != NULL && vfs->iVersion >= 3 &&
		    vfs->xSetSystemCall != NULL)
			vfs->xSetSystemCall(vfs, "open",
			    (sqlite3_syscall_ptr)open_nowait);
		nowait = 1;
	}
	if (stat(path, &st) != 0) {
		buf_printf(err, "cannot open database %s: no such file", path);
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		buf_printf(err, "cannot open database %s: not a regular file",
		    path);
		goto fail;
	}
	/* Held shared while the settings are read; an import holds the
	 * file it writes exclusive, and that file is no longer at path. */
	db->lock_fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (db->lock_fd < 0 || fstat(db->lock_fd, &st) != 0) {
		buf_printf(err, "cannot open database %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		buf_printf(err, "cannot open database %s: not a regular file",
		    path);
		goto fail;
	}
	if (flock(db->lock_fd, LOCK_SH | LOCK_NB) != 0) {
		*moved = errno == EWOULDBLOCK;
		buf_printf(err, "cannot open database %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	/* Bumped by every transaction that writes the file: a file swapped
	 * out, rewritten and swapped back keeps its inode, not this. */
	if (pread(db->lock_fd, db->counter, sizeof(db->counter), 24) !=
	    (ssize_t)sizeof(db->counter)) {
		buf_printf(err, "cannot open database %s: not a database",
		    path);
		goto fail;
	}
	db->st = st;
	/* The live file is never written (an import writes the spare and
	 * swaps the names; publish.h), and a request holds it shared, so
	 * immutable=1 is sound and skips SQLite's locking. */
	buf_puts(&uri, "file:");
	for (i = 0; path[i] != '\0'; i++) {
		if (path[i] == '?' || path[i] == '#' || path[i] == '%')
			buf_printf(&uri, "%%%02X", (unsigned char)path[i]);
		else
			buf_putc(&uri, path[i]);
	}
	buf_puts(&uri, "?mode=ro&immutable=1");
	rc = sqlite3_open_v2(buf_cstr(&uri), &db->conn,
	    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	buf_free(&uri);
	if (rc != SQLITE_OK) {
		buf_printf(err, "cannot open database %s: %s", path,
		    db->conn ? sqlite3_errmsg(db->conn) : sqlite3_errstr(rc));
		goto fail;
	}
	/* Sorts in memory: Debian's SQLite would spill them to /var/tmp,
	 * which the worker may neither have nor be allowed to create. */
	if (sqlite3_exec(db->conn, "PRAGMA temp_store=MEMORY", NULL, NULL,
	    NULL) != SQLITE_OK) {
		buf_printf(err, "cannot open database %s: PRAGMA temp_store: "
		    "%s", path, sqlite3_errmsg(db->conn));
		goto fail;
	}
	if (add_bm25(db->conn) != 0) {
		buf_printf(err, "cannot open database %s: its SQLite has no "
		    "FTS5 (sqlite3 compiled without it)", path);
		goto fail;
	}
	if (check_schema(db, err) != 0)
		goto fail;
	/* Statements are prepared on their first use (stmt_of()): these
	 * three now, the rest as requests need them. */
	if ((st_site = stmt_of(db, Q_SITE)) == NULL ||
	    stmt_of(db, Q_LISTED_SECTIONS) == NULL ||
	    stmt_of(db, Q_FEEDLESS) == NULL) {
		buf_printf(err, "cannot read database %s: %s", path,
		    db_errmsg(db));
		goto fail;
	}
	while ((rc = sqlite3_step(st_site)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st_site, 0);

		if (k == NULL)
			continue;	/* only a damaged file has one */

		if (strcmp(k, "version") == 0)
			db->version = sqlite3_column_int64(st_site, 1);
		else if (strcmp(k, "imported_at") == 0)
			db->imported_at = sqlite3_column_int64(st_site, 1);
		else
			site_set(&db->site, k,
			    (const char *)sqlite3_column_text(st_site, 1));
	}
	sqlite3_reset(st_site);
	if (rc == SQLITE_DONE) {
		sqlite3_stmt *st_listed = db->stmt[Q_LISTED_SECTIONS];

		if ((rc = sqlite3_step(st_listed)) == SQLITE_ROW) {
			db->listed_sections = sqlite3_column_int(st_listed, 0);
			rc = SQLITE_DONE;
		}
		sqlite3_reset(st_listed);
	}
	/* The file is never written in place while open (publish.h): what
	 * every feed leaves out is read once, as the listed sections are. */
	if (rc == SQLITE_DONE) {
		sqlite3_stmt *st_feedless = db->stmt[Q_FEEDLESS];

		while ((rc = sqlite3_step(st_feedless)) == SQLITE_ROW) {
			db->feedless = xrealloc(db->feedless,
			    (db->nfeedless + 1) * sizeof(*db->feedless));
			db->feedless[db->nfeedless++] =
			    sqlite3_column_int64(st_feedless, 0);
		}
		sqlite3_reset(st_feedless);
	}
	site_lang_roots(&db->site);
	site_copyright_html(&db->site);
	db_set_lang(db, db->site.default_lang);
	if (rc != SQLITE_DONE) {
		buf_printf(err, "cannot read database %s: %s", path,
		    sqlite3_errmsg(db->conn));
		goto fail;
	}
	/* SQLite opened path by name: the file this lock holds, unless an
	 * import swapped the names in between. */
	if (stat(path, &now) != 0 || now.st_ino != st.st_ino ||
	    now.st_dev != st.st_dev) {
		*moved = 1;
		buf_printf(err, "cannot open database %s: replaced while "
		    "opened", path);
		goto fail;
	}
	flock(db->lock_fd, LOCK_UN);
	return db;
fail:
	db_close(db);
	return NULL;
}

/* Tries again when an import's swap came in between: swaps are a
 * commit apart, so a second try finds the names still. */
struct db *
db_open(const char *path, struct buf *err)
{
	struct db *db;
	int moved, tries;

	for (tries = 0; tries < 3; tries++) {
		buf_reset(err);
		if ((db = open_once(path, &moved, err)) != NULL || !moved)
			return db;
	}
	return NULL;
}

void
db_single_thread(void)
{
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int
db_plan(struct db *db, size_t i, struct buf *sql, struct buf *plan)
{
	struct buf explain = BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc = -1, s;

	if (i >= Q__MAX)
		return 1;
	buf_puts(sql, query_sql[i]);
	buf_printf(&explain, "EXPLAIN QUERY PLAN %s", query_sql[i]);
	if (sqlite3_prepare_v2(db->conn, buf_cstr(&explain), -1, &st, NULL) !=
	    SQLITE_OK) {
		buf_printf(plan, "%s\n", sqlite3_errmsg(db->conn));
		goto out;
	}
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		buf_printf(plan, "%s\n", (const char *)sqlite3_column_text(st,
		    3));
	if (s == SQLITE_DONE)
		rc = 0;
	else
		buf_printf(plan, "%s\n", sqlite3_errmsg(db->conn));
out:
	sqlite3_finalize(st);
	buf_free(&explain);
	return rc;
}

void
db_close(struct db *db)
{
	int i;

	if (db == NULL)
		return;
	for (i = 0; i < Q__MAX; i++)
		sqlite3_finalize(db->stmt[i]);
	/* Every cursor ends its own statement; were one left, close_v2
	 * would close the file when it is finalized (sqlite3_close would
	 * fail and keep it open for good). Statements FTS5 holds are its
	 * own to finalize. */
	sqlite3_close_v2(db->conn);
	if (db->lock_fd >= 0)
		close(db->lock_fd);
	site_free(&db->site);
	free(db->feedless);
	free(db->note);
	free(db->path);
	free(db);
}

int
db_replaced(const struct db *db, const char *path)
{
	struct stat st;

	if (strcmp(path, db->path) != 0 || stat(db->path, &st) != 0)
		return 1;
	/* Another file at path (the importer's swap, publish.h), or the
	 * same file written in place (a backup restored with cp): either way
	 * the open connection no longer shows what is there. */
	return st.st_ino != db->st.st_ino || st.st_dev != db->st.st_dev ||
	    st.st_size != db->st.st_size ||
	    st.st_mtim.tv_sec != db->st.st_mtim.tv_sec ||
	    st.st_mtim.tv_nsec != db->st.st_mtim.tv_nsec ||
	    st.st_ctim.tv_sec != db->st.st_ctim.tv_sec ||
	    st.st_ctim.tv_nsec != db->st.st_ctim.tv_nsec;
}

int
db_hold(struct db *db, const char *path)
{
	unsigned char counter[4];

	if (flock(db->lock_fd, LOCK_SH | LOCK_NB) != 0)
		return -1;
	if (db_replaced(db, path) || pread(db->lock_fd, counter,
	    sizeof(counter), 24) != (ssize_t)sizeof(counter) ||
	    memcmp(counter, db->counter, sizeof(counter)) != 0) {
		flock(db->lock_fd, LOCK_UN);
		return -1;
	}
	return 0;
}

void
db_release(struct db *db)
{
	if (db != NULL)
		flock(db->lock_fd, LOCK_UN);
}

const struct site *
db_site(const struct db *db)
{
	return &db->site;
}

/* Resets query q for a new use. Rows of other queries stay valid. */
/* Binds the request's language to st's ?9, if it has one. */
static void
bind_lang(struct db *db, sqlite3_stmt *st)
{
	if (sqlite3_bind_parameter_count(st) >= atoi(LANG_PARAM))
		sqlite3_bind_text(st, atoi(LANG_PARAM), db->lang, -1,
		    SQLITE_TRANSIENT);
}

/* Query q's statement, prepared on its first use and kept for the
 * worker's later requests: a CGI request prepares only the queries its
 * page reads (all of them took half of an article's instructions as
 * CGI). NULL, with db->fault saying why, when SQLite cannot prepare it
 * (a file of another schema): its query then fails as an error does,
 * and the request answers 503 with a log line. */
static sqlite3_stmt *
stmt_of(struct db *db, enum query q)
{
	if (db->stmt[q] == NULL && sqlite3_prepare_v3(db->conn, query_sql[q],
	    -1, SQLITE_PREPARE_PERSISTENT, &db->stmt[q], NULL) != SQLITE_OK) {
		snprintf(db->fault, sizeof(db->fault), "cannot prepare query "
		    "%d: %s", (int)q, sqlite3_errmsg(db->conn));
		sqlite3_finalize(db->stmt[q]);
		db->stmt[q] = NULL;
	}
	return db->stmt[q];
}

static sqlite3_stmt *
start(struct db *db, enum query q)
{
	sqlite3_stmt *st = stmt_of(db, q);

	if (st == NULL)
		return NULL;
	db->used |= 1ULL << q;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	bind_lang(db, st);
	return st;
}

void
db_set_lang(struct db *db, const char *lang)
{
	snprintf(db->lang, sizeof(db->lang), "%s", lang);
}

/* Records that st gave no row where one was due, for db_errmsg(). */
static enum db_rc
no_row(struct db *db, sqlite3_stmt *st, enum db_rc rc)
{
	if (rc == DB_DONE && db->fault[0] == '\0')
		snprintf(db->fault, sizeof(db->fault), "no row from: %.200s",
		    sqlite3_sql(st));
	return DB_ERROR;
}

/* Records a failed bind in db->fault, naming the parameter and the
 * statement (Fossil's db_prepare wrappers keep the SQL for this). */
static int
bound(struct db *db, sqlite3_stmt *st, int i, int rc)
{
	if (rc == SQLITE_OK)
		return 0;
	if (db->fault[0] == '\0')
		snprintf(db->fault, sizeof(db->fault), "cannot bind ?%d (%s) "
		    "of: %.200s", i, sqlite3_errstr(rc), sqlite3_sql(st));
	return -1;
}

/* Binders: 0, or -1 with db->fault set. Text is copied unless it lives
 * as long as the statement's use (SQLITE_STATIC where the caller says). */
static int
bind_int64(struct db *db, sqlite3_stmt *st, int i, long long v)
{
	return bound(db, st, i, sqlite3_bind_int64(st, i, v));
}

static int
bind_text(struct db *db, sqlite3_stmt *st, int i, const char *v)
{
	return bound(db, st, i, sqlite3_bind_text(st, i, v, -1,
	    SQLITE_TRANSIENT));
}

/* Steps *cursor; at the end resets it and clears *cursor. */
static enum db_rc
step(sqlite3_stmt **cursor)
{
	int rc;

	if (*cursor == NULL)
		return DB_DONE;
	rc = sqlite3_step(*cursor);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	sqlite3_reset(*cursor);
	*cursor = NULL;
	return rc == SQLITE_DONE ? DB_DONE : DB_ERROR;
}

/* Starts cur on query q, whose rows hold the columns of set: the
 * prepared statement, or a statement of the cursor's own when another
 * cursor is reading that one (two lists at once). */
static sqlite3_stmt *
cursor_begin(struct db *db, struct db_cursor *cur, enum query q,
    enum row_set set)
{
	memset(cur, 0, sizeof(*cur));
	cur->db = db;
	cur->set = (int)set;
	if (!sqlite3_stmt_busy(db->stmt[q])) {
		cur->stmt = start(db, q);
	} else if (sqlite3_prepare_v2(db->conn, query_sql[q], -1,
	    (sqlite3_stmt **)&cur->stmt, NULL) == SQLITE_OK) {
		cur->own = 1;
		bind_lang(db, cur->stmt);
	} else {
		cur->stmt = NULL;
	}
	return cur->stmt;
}

/* Steps cur to its next row; ends it at the last one or on an error. */
static enum db_rc
cursor_step(struct db_cursor *cur)
{
	int rc;

	if (cur->stmt == NULL)
		return DB_DONE;
	rc = sqlite3_step(cur->stmt);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	db_cursor_end(cur);
	return rc == SQLITE_DONE ? DB_DONE : DB_ERROR;
}

void
db_cursor_end(struct db_cursor *cur)
{
	if (cur->stmt == NULL)
		return;
	if (cur->own)
		sqlite3_finalize(cur->stmt);
	else
		sqlite3_reset(cur->stmt);
	cur->stmt = NULL;
}

void
db_end_request(struct db *db)
{
	int i;

	for (i = 0; i < Q__MAX; i++)
		if (db->used & (1ULL << i))
			sqlite3_reset(db->stmt[i]);
	db->used = 0;
	db->fault[0] = '\0';
	db_search_end(db);
}

static const char *
text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	return s ? s : "";
}


/* Readers of one column into a field, by the types the lists of columns
 * name. A text column that holds NULL, which the schema forbids (only a
 * damaged file has one), reads as "" and returns non-zero. */
static int
get_text(sqlite3_stmt *st, int col, const char **out)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	*out = s != NULL ? s : "";
	return s == NULL;
}

static int
get_int(sqlite3_stmt *st, int col, int *out)
{
	*out = sqlite3_column_int(st, col);
	return 0;
}

static int
get_kind(sqlite3_stmt *st, int col, enum page_kind *out)
{
	int k = sqlite3_column_int(st, col);

	*out = k == PAGE_POST ? PAGE_POST : k == PAGE_SECTION ? PAGE_SECTION :
	    PAGE_STANDALONE;
	return 0;
}

static int
get_markup(sqlite3_stmt *st, int col, enum page_markup *out)
{
	*out = sqlite3_column_int(st, col) == MARKUP_HTML ? MARKUP_HTML :
	    MARKUP_MARKDOWN;
	return 0;
}

static int
get_int64(sqlite3_stmt *st, int col, long long *out)
{
	*out = sqlite3_column_int64(st, col);
	return 0;
}

static int
get_long(sqlite3_stmt *st, int col, long *out)
{
	*out = (long)sqlite3_column_int64(st, col);
	return 0;
}

#define READ_COLUMN(name, type, field) \
	if (get_##type(st, col++, &p->field)) \
		null = #name;

/* Reads a row of LIST_COLUMNS, ITEM_COLUMNS, ALL_COLUMNS or PAGE_COLUMNS
 * (set) into p, by the lists of columns above; what the set lacks stays
 * empty. Returns the next column (the body's, or a hit's snippet), or -1
 * with db->fault set when a column was NULL: a damaged row is an error
 * (503), never an entry with empty fields. */
static int
read_row(struct db *db, sqlite3_stmt *st, enum row_set set, struct db_page *p)
{
	const char *null = NULL;
	int col = 0;

	memset(p, 0, sizeof(*p));
	p->source = p->description = p->layout = p->body = "";
	DB_ENTRY_FIELDS(READ_COLUMN)
	if (set >= ROW_ALL) {
		ITEM_FIELDS(READ_COLUMN)
		SITEMAP_FIELDS(READ_COLUMN)
	}
	if (set >= ROW_PAGE) {
		PAGE_FIELDS(READ_COLUMN)
		PAGE_CARD_FIELDS(READ_COLUMN)
	}
	if (null != NULL) {
		snprintf(db->fault, sizeof(db->fault), "column %s is NULL in "
		    "a row of: %.160s", null, sqlite3_sql(st));
		return -1;
	}
	return col;
}

#undef READ_COLUMN

/* read_row(), then the body. */
static enum db_rc
read_page(struct db *db, sqlite3_stmt *st, enum row_set set,
    struct db_page *p)
{
	int col = read_row(db, st, set, p);

	if (col < 0)
		return DB_ERROR;
	p->body = text(st, col);
	return DB_ROW;
}

/* Binds now, and then each of the n values in rest, as ?1, ?2, ...;
 * ends cur and returns -1 when st is NULL or a bind failed. */
static int
bind_all(struct db_cursor *cur, sqlite3_stmt *st, long long now, int n,
    const long long *rest)
{
	int i;

	if (st == NULL || bind_int64(cur->db, st, 1, now) != 0)
		goto fail;
	for (i = 0; i < n; i++)
		if (bind_int64(cur->db, st, i + 2, rest[i]) != 0)
			goto fail;
	return 0;
fail:
	db_cursor_end(cur);
	return -1;
}

enum db_rc
db_list_next(struct db_cursor *cur, struct db_page *page)
{
	enum db_rc rc = cursor_step(cur);

	if (rc == DB_ROW && read_page(cur->db, cur->stmt, cur->set, page) ==
	    DB_ERROR) {
		db_cursor_end(cur);
		rc = DB_ERROR;
	}
	return rc;
}

enum db_rc
db_list(struct db *db, struct db_cursor *cur, long long now, long limit,
    long offset, struct db_page *page)
{
	const long long rest[2] = { limit, offset };
	sqlite3_stmt *st = cursor_begin(db, cur, Q_LIST_MAIN, ROW_LIST);

	if (bind_all(cur, st, now, 2, rest) != 0)
		return DB_ERROR;
	return db_list_next(cur, page);
}

enum db_rc
db_entries_next(struct db_cursor *cur, const char **html, size_t *len)
{
	enum db_rc rc = cursor_step(cur);

	if (rc != DB_ROW)
		return rc;
	*html = (const char *)sqlite3_column_text(cur->stmt, 0);
	*len = (size_t)sqlite3_column_bytes(cur->stmt, 0);
	if (*html == NULL) {
		snprintf(cur->db->fault, sizeof(cur->db->fault), "a row has "
		    "no entry (column entry is NULL) in: %.200s",
		    sqlite3_sql(cur->stmt));
		db_cursor_end(cur);
		return DB_ERROR;
	}
	return DB_ROW;
}

enum db_rc
db_entries(struct db *db, struct db_cursor *cur, long long now,
    long long term_id, long limit, long offset, const char **html,
    size_t *len)
{
	const long long rest[3] = { limit, offset, term_id };
	sqlite3_stmt *st = cursor_begin(db, cur, term_id == 0 ?
	    Q_ENTRIES_MAIN : Q_ENTRIES_TERM, ROW_LIST);

	if (bind_all(cur, st, now, term_id != 0 ? 3 : 2, rest) != 0)
		return DB_ERROR;
	return db_entries_next(cur, html, len);
}

enum db_rc
db_entries_count(struct db *db, long long now, long long term_id, long *n)
{
	sqlite3_stmt *st = start(db, Q_ENTRIES_COUNT);
	sqlite3_stmt *cur = st;
	enum db_rc rc;

	*n = 0;
	if (bind_int64(db, st, 1, now) != 0 ||
	    bind_int64(db, st, 2, term_id) != 0)
		return DB_ERROR;
	rc = step(&cur);
	if (rc == DB_ROW) {
		*n = (long)sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return rc == DB_ERROR ? DB_ERROR : DB_ROW;
}

enum db_rc
db_items_next(struct db_cursor *cur, struct db_item *item)
{
	enum db_rc rc = cursor_step(cur);
	sqlite3_stmt *st = cur->stmt;

	if (rc != DB_ROW)
		return rc;
	if (get_int64(st, 0, &item->date.t) || get_text(st, 1, &item->title) ||
	    get_int(st, 3, &item->date.offset) || get_text(st, 4, &item->url) ||
	    get_text(st, 5, &item->summary)) {
		snprintf(cur->db->fault, sizeof(cur->db->fault), "a NULL column "
		    "in a row of: %.200s", sqlite3_sql(st));
		db_cursor_end(cur);
		return DB_ERROR;
	}
	item->page_id = sqlite3_column_int64(st, 6);
	item->author = text(st, 7);
	item->has_lastmod = sqlite3_column_int(st, 8);
	item->lastmod.t = sqlite3_column_int64(st, 9);
	item->lastmod.offset = sqlite3_column_int(st, 10);
	item->body = text(st, 12);
	get_markup(st, 13, &item->markup);
	return DB_ROW;
}

enum db_rc
db_items(struct db *db, struct db_cursor *cur, long long now,
    long long term_id, int all, int body, long limit, struct db_item *item)
{
	const long long rest[2] = { limit, term_id };
	enum query q = term_id != 0 ? (body ? Q_ITEMS_TERM_BODY :
	    Q_ITEMS_TERM) : all ? (body ? Q_ITEMS_PAGES_BODY : Q_ITEMS_PAGES) :
	    (body ? Q_ITEMS_MAIN_BODY : Q_ITEMS_MAIN);
	sqlite3_stmt *st = cursor_begin(db, cur, q, ROW_LIST);

	if (bind_all(cur, st, now, term_id != 0 ? 2 : 1, rest) != 0)
		return DB_ERROR;
	return db_items_next(cur, item);
}

void
db_feedless_pages(struct db *db, const long long **ids, size_t *n)
{
	*ids = db->feedless;
	*n = db->nfeedless;
}

enum db_rc
db_list_sitemap(struct db *db, struct db_cursor *cur, long long now,
    struct db_page *page)
{
	sqlite3_stmt *st = cursor_begin(db, cur, Q_SITEMAP, ROW_ALL);

	if (bind_all(cur, st, now, 0, NULL) != 0)
		return DB_ERROR;
	return db_list_next(cur, page);
}

/* Runs q, a statement of one row at most, with ?1 the instant now and
 * ?2 key; leaves the row in *st. Returns DB_ROW, DB_DONE or DB_ERROR. */
static enum db_rc
lookup(struct db *db, enum query q, long long now, const char *key,
    sqlite3_stmt **st)
{
	sqlite3_stmt *cur;

	*st = cur = start(db, q);
	if (bind_int64(db, cur, 1, now) != 0 || bind_text(db, cur, 2, key) != 0)
		return DB_ERROR;
	return step(&cur);
}

enum db_rc
db_page_by_url(struct db *db, long long now, const char *url,
    struct db_page *page)
{
	sqlite3_stmt *st;
	enum db_rc rc = lookup(db, Q_PAGE_BY_URL, now, url, &st);

	if (rc == DB_ROW)
		rc = read_page(db, st, ROW_PAGE, page);
	return rc;
}

static void
read_term(sqlite3_stmt *st, struct db_term *term)
{
	term->id = sqlite3_column_int64(st, 0);
	term->slug = text(st, 1);
	term->name = text(st, 2);
	term->count = (long)sqlite3_column_int64(st, 3);
}

enum db_rc
db_terms_next(struct db_cursor *cur, struct db_term *term)
{
	enum db_rc rc = cursor_step(cur);

	if (rc == DB_ROW)
		read_term(cur->stmt, term);
	return rc;
}

/* Starts cur on q, a statement of a taxonomy's terms: ?1 is n, ?2 the
 * taxonomy. */
static enum db_rc
terms_begin(struct db *db, struct db_cursor *cur, enum query q,
    long long n, const char *taxonomy, struct db_term *term)
{
	sqlite3_stmt *st = cursor_begin(db, cur, q, ROW_LIST);

	if (bind_all(cur, st, n, 0, NULL) != 0)
		return DB_ERROR;
	if (bind_text(db, st, 2, taxonomy) != 0) {
		db_cursor_end(cur);
		return DB_ERROR;
	}
	return db_terms_next(cur, term);
}

enum db_rc
db_page_terms(struct db *db, struct db_cursor *cur, long long page_id,
    const char *taxonomy, struct db_term *term)
{
	return terms_begin(db, cur, Q_PAGE_TERMS, page_id, taxonomy, term);
}

enum db_rc
db_terms(struct db *db, struct db_cursor *cur, long long now,
    const char *taxonomy, struct db_term *term)
{
	return terms_begin(db, cur, Q_TERMS, now, taxonomy, term);
}

enum db_rc
db_term_by_slug(struct db *db, long long now, const char *taxonomy,
    const char *slug, struct db_term *term)
{
	sqlite3_stmt *st = start(db, Q_TERM_BY_SLUG);
	sqlite3_stmt *cur = st;
	enum db_rc rc;

	if (bind_int64(db, st, 1, now) != 0 ||
	    bind_text(db, st, 2, taxonomy) != 0 ||
	    bind_text(db, st, 3, slug) != 0)
		return DB_ERROR;
	rc = step(&cur);
	if (rc == DB_ROW)
		read_term(st, term);
	return rc;
}

enum db_rc
db_section_page(struct db *db, long long now, const char *route,
    const char **title, const char **description, const char **body,
    enum page_markup *markup, long long *page_id)
{
	sqlite3_stmt *st;
	enum db_rc rc = lookup(db, Q_SECTION_PAGE, now, route, &st);

	*title = *description = *body = "";
	*markup = MARKUP_MARKDOWN;
	if (page_id != NULL)
		*page_id = 0;
	if (rc == DB_ROW) {
		*title = text(st, 0);
		*description = text(st, 1);
		*body = text(st, 2);
		get_markup(st, 3, markup);
		if (page_id != NULL)
			*page_id = sqlite3_column_int64(st, 4);
	}
	return rc;
}

enum db_rc
db_section_list_url(struct db *db, long long now, const char *route,
    struct buf *out)
{
	sqlite3_stmt *st;
	enum db_rc rc = lookup(db, Q_SECTION_LIST_URL, now, route, &st);

	if (rc == DB_ROW)
		buf_puts(out, text(st, 0));
	return rc;
}

enum db_rc
db_section_at(struct db *db, long long now, const char *url,
    struct buf *route, struct buf *lang)
{
	sqlite3_stmt *st;
	enum db_rc rc;

	if (!db->listed_sections)
		return DB_DONE;
	if ((rc = lookup(db, Q_SECTION_AT, now, url, &st)) == DB_ROW) {
		buf_puts(route, text(st, 0));
		buf_puts(lang, text(st, 1));
	}
	return rc;
}

enum db_rc
db_page_frames(struct db *db, long long page_id, unsigned *frames)
{
	sqlite3_stmt *st = start(db, Q_PAGE_FRAMES), *cur = st;
	enum db_rc rc;

	*frames = 0;
	if (bind_int64(db, st, 1, page_id) != 0)
		return DB_ERROR;
	rc = step(&cur);
	if (rc == DB_ROW)
		*frames = (unsigned)sqlite3_column_int64(st, 0);
	if (cur != NULL)
		sqlite3_reset(cur);
	return rc == DB_ERROR ? DB_ERROR : DB_ROW;
}

enum db_rc
db_page_cover(struct db *db, long long page_id, struct buf *single,
    struct buf *og_image)
{
	sqlite3_stmt *st = start(db, Q_PAGE_COVER), *cur = st;
	const char *a, *b;
	enum db_rc rc;

	if (bind_int64(db, st, 1, page_id) != 0)
		return DB_ERROR;
	rc = step(&cur);
	if (rc == DB_ROW) {
		a = (const char *)sqlite3_column_text(st, 0);
		b = (const char *)sqlite3_column_text(st, 1);
		if (a == NULL || b == NULL)
			rc = DB_ERROR;
		else {
			buf_puts(single, a);
			buf_puts(og_image, b);
		}
	}
	if (cur != NULL)
		sqlite3_reset(cur);
	return rc;
}

enum db_rc
db_page_og_images(struct db *db, long long page_id, struct buf *values,
    size_t *n, unsigned *resources)
{
	sqlite3_stmt *st = start(db, Q_PAGE_OG_IMAGES), *cur = st;
	enum db_rc rc;

	*n = 0;
	*resources = 0;
	if (bind_int64(db, st, 1, page_id) != 0)
		return DB_ERROR;
	while ((rc = step(&cur)) == DB_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		if (v == NULL || *n >= DB_OG_IMAGES) {
			rc = DB_ERROR;
			break;
		}
		buf_puts(values, v);
		buf_putc(values, '\0');
		if (sqlite3_column_int(st, 1) != 0)
			*resources |= 1u << *n;
		(*n)++;
	}
	if (cur != NULL)
		sqlite3_reset(cur);
	return rc == DB_ERROR ? DB_ERROR : DB_DONE;
}

enum db_rc
db_page_fragments(struct db *db, long long page_id, struct fragments *f)
{
	sqlite3_stmt *st = start(db, Q_FRAGMENTS), *cur = st;
	enum db_rc rc;

	memset(f, 0, sizeof(*f));
	if (bind_int64(db, st, 1, page_id) != 0)
		return DB_ERROR;
	while ((rc = step(&cur)) == DB_ROW) {
		long long kind = sqlite3_column_int64(st, 0);
		long long ordinal = sqlite3_column_int64(st, 1);
		size_t have = kind == FRAGMENT_CODE ? f->ncode :
		    kind == FRAGMENT_IMAGE ? f->nimages : f->nshortcodes;

		/* The importer writes each list from 0 without a gap: any
		 * other row is a damaged file, not a page to show wrong. */
		if ((kind != FRAGMENT_CODE && kind != FRAGMENT_SHORTCODE &&
		    kind != FRAGMENT_IMAGE) ||
		    ordinal != (long long)have) {
			snprintf(db->fault, sizeof(db->fault), "page %lld has "
			    "fragment %lld of kind %lld where %zu was due",
			    page_id, ordinal, kind, have);
			rc = DB_ERROR;
			break;
		}
		fragments_add(f, (enum fragment_kind)kind, text(st, 2),
		    (size_t)sqlite3_column_bytes(st, 2));
	}
	if (cur != NULL)
		sqlite3_reset(cur);
	if (rc == DB_ERROR) {
		fragments_free(f);
		return DB_ERROR;
	}
	return DB_ROW;
}

enum db_rc
db_taxonomy_items_next(struct db_cursor *cur, struct db_term *term,
    struct qdate *date)
{
	enum db_rc rc = cursor_step(cur);

	if (rc == DB_ROW) {
		term->id = sqlite3_column_int64(cur->stmt, 0);
		term->slug = text(cur->stmt, 1);
		term->name = text(cur->stmt, 2);
		term->count = 0;
		date->t = sqlite3_column_int64(cur->stmt, 3);
		date->offset = sqlite3_column_int(cur->stmt, 4);
	}
	return rc;
}

enum db_rc
db_taxonomy_items(struct db *db, struct db_cursor *cur, long long now,
    const char *taxonomy, long limit, struct db_term *term,
    struct qdate *date)
{
	sqlite3_stmt *st = cursor_begin(db, cur, Q_TAXONOMY_ITEMS, ROW_LIST);

	if (bind_all(cur, st, now, 0, NULL) != 0)
		return DB_ERROR;
	if (bind_text(db, st, 2, taxonomy) != 0 ||
	    bind_int64(db, st, 3, limit) != 0) {
		db_cursor_end(cur);
		return DB_ERROR;
	}
	return db_taxonomy_items_next(cur, term, date);
}

enum db_rc
db_term_oldest_next(struct db_cursor *cur, long long *page_id,
    const char **url, const char **title)
{
	enum db_rc rc = cursor_step(cur);

	if (rc == DB_ROW) {
		*page_id = sqlite3_column_int64(cur->stmt, 0);
		*url = text(cur->stmt, 1);
		*title = text(cur->stmt, 2);
	}
	return rc;
}

enum db_rc
db_term_oldest(struct db *db, struct db_cursor *cur, long long now,
    long long term_id, long long *page_id, const char **url,
    const char **title)
{
	sqlite3_stmt *st = cursor_begin(db, cur, Q_TERM_OLDEST, ROW_LIST);
	const long long rest[1] = { term_id };

	if (bind_all(cur, st, now, 1, rest) != 0)
		return DB_ERROR;
	return db_term_oldest_next(cur, page_id, url, title);
}

enum db_rc
db_state(struct db *db, long long now, struct db_state *state)
{
	sqlite3_stmt *st;
	sqlite3_stmt *cur;
	enum db_rc rc;

	/* The file never changes under an open connection, so the answer
	 * holds until the next scheduled publication or expiry. */
	if (!db->state_known || now < db->state_from ||
	    now >= db->state_until) {
		st = start(db, Q_STATE);
		cur = st;
		if (bind_int64(db, st, 1, now) != 0)
			return DB_ERROR;
		if ((rc = step(&cur)) != DB_ROW)
			return no_row(db, st, rc);
		db->state_changed = sqlite3_column_int64(st, 0);
		db->state_until = sqlite3_column_int64(st, 1);
		db->state_from = now;
		db->state_known = 1;
		sqlite3_reset(st);
	}
	state->version = db->version;
	state->changed = db->state_changed > db->imported_at ?
	    db->state_changed : db->imported_at;
	return DB_ROW;
}

enum db_rc
db_alias(struct db *db, long long now, const char *path, struct buf *url)
{
	sqlite3_stmt *st;
	enum db_rc rc = lookup(db, Q_ALIAS, now, path, &st);

	if (rc == DB_ROW) {
		buf_puts(url, text(st, 0));
		sqlite3_reset(st);
	}
	return rc;
}

/* Reads the rows of Q_TRANSLATIONS or Q_TRANSLATIONS_AT (lang, url,
 * title) into links, as db_translations() says. */
static enum db_rc
read_translations(struct db *db, sqlite3_stmt *st,
    struct db_translation *links, size_t max, size_t *n)
{
	const struct site *s = &db->site;
	enum db_rc rc;
	size_t i, j;

	*n = 0;
	while ((rc = step(&st)) == DB_ROW) {
		const char *lang = text(st, 0);
		struct db_translation l;

		/* In the site's order of languages; one of a language
		 * (Hugo keeps one), and none of a language no longer
		 * configured. */
		for (i = 0; i < s->nlangs; i++)
			if (strcmp(s->langs[i].code, lang) == 0)
				break;
		for (j = 0; j < *n; j++)
			if (strcmp(links[j].lang, lang) == 0)
				break;
		if (i == s->nlangs || j < *n || *n == max)
			continue;
		l.lang = s->langs[i].code;
		l.url = xstrdup(text(st, 1));
		l.title = xstrdup(text(st, 2));
		l.rank = i;
		for (j = *n; j > 0 && links[j - 1].rank > l.rank; j--)
			links[j] = links[j - 1];
		links[j] = l;
		(*n)++;
	}
	if (st != NULL)
		sqlite3_reset(st);
	return rc == DB_DONE ? DB_DONE : DB_ERROR;
}

enum db_rc
db_translations(struct db *db, long long now, const struct db_page *page,
    struct db_translation *links, size_t max, size_t *n)
{
	sqlite3_stmt *st = start(db, Q_TRANSLATIONS);

	*n = 0;
	if (bind_int64(db, st, 1, now) != 0 ||
	    bind_text(db, st, 2, page->tkey) != 0 ||
	    bind_text(db, st, 3, page->lang) != 0)
		return DB_ERROR;
	return read_translations(db, st, links, max, n);
}

enum db_rc
db_translations_at(struct db *db, long long now, const char *url,
    struct db_translation *links, size_t max, size_t *n)
{
	sqlite3_stmt *st = start(db, Q_TRANSLATIONS_AT);

	*n = 0;
	if (bind_int64(db, st, 1, now) != 0 || bind_text(db, st, 2, url) != 0)
		return DB_ERROR;
	return read_translations(db, st, links, max, n);
}

void
db_translations_free(struct db_translation *links, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(links[i].url);
		free(links[i].title);
	}
}

enum db_rc
db_lang_dates(struct db *db, long long now, const char *lang,
    struct qdate *date, int *any)
{
	sqlite3_stmt *st = start(db, Q_LANG_DATES);
	enum db_rc rc;

	*any = 0;
	if (bind_int64(db, st, 1, now) != 0)
		return DB_ERROR;
	while ((rc = step(&st)) == DB_ROW)
		if (strcmp(text(st, 0), lang) == 0) {
			date->t = sqlite3_column_int64(st, 1);
			date->offset = sqlite3_column_int(st, 2);
			*any = 1;
		}
	return rc == DB_DONE ? DB_DONE : DB_ERROR;
}

enum db_rc
db_listing_in(struct db *db, long long now, const char *taxonomy,
    const char *slug, const char *lang)
{
	sqlite3_stmt *st = start(db, Q_LISTING_IN);
	enum db_rc rc;

	if (bind_int64(db, st, 1, now) != 0 ||
	    bind_text(db, st, 2, taxonomy) != 0 ||
	    bind_text(db, st, 3, slug) != 0 ||
	    bind_text(db, st, 4, lang) != 0)
		return DB_ERROR;
	rc = step(&st);
	if (rc == DB_ROW)
		sqlite3_reset(st);
	return rc;
}

/* One search hit: the order of the results is rank, then newest, then
 * lowest id (a total order: ids are unique). */
struct hit {
	double rank;
	long long date;
	long long id;
};

/* Whether a comes before b in the results. */
static int
hit_before(const struct hit *a, const struct hit *b)
{
	if (a->rank != b->rank)
		return a->rank < b->rank;
	if (a->date != b->date)
		return a->date > b->date;
	return a->id < b->id;
}

static int
hit_cmp(const void *a, const void *b)
{
	return hit_before(a, b) ? -1 : hit_before(b, a) ? 1 : 0;
}

/* Moves heap[i] down to its place in a heap of n whose root is the hit
 * that comes last. */
static void
hit_sift(struct hit *heap, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, last = i;
		struct hit t;

		if (l < n && hit_before(&heap[last], &heap[l]))
			last = l;
		if (r < n && hit_before(&heap[last], &heap[r]))
			last = r;
		if (last == i)
			return;
		t = heap[i];
		heap[i] = heap[last];
		heap[last] = t;
		i = last;
	}
}

/* The budget QUIRE_SEARCH_MS sets in the process's environment, or
 * DB_SEARCH_MS when it is unset or not a number of 1 to 60000. */
static long long
search_budget(void)
{
	const char *env = getenv("QUIRE_SEARCH_MS");
	char *end;
	long ms;

	if (env == NULL || *env == '\0')
		return DB_SEARCH_MS;
	ms = strtol(env, &end, 10);
	return *end == '\0' && ms >= 1 && ms <= 60000 ? ms : DB_SEARCH_MS;
}

static long long
thread_ns(void)
{
	struct timespec t;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
		return 0;
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* SQLite's progress handler during a search: interrupts the statement
 * once the thread has spent the search's CPU time. */
static int
search_progress(void *arg)
{
	struct db *db = arg;

	if (thread_ns() < db->search_until)
		return 0;
	db->search_spent = 1;
	return 1;
}

/* SQLite calls the progress handler every this many steps of its
 * virtual machine: a few microseconds apart on a plain query, less than
 * a millisecond on a query of dozens of words (each step of the hits'
 * query ranks a row against every word). */
#define SEARCH_PROGRESS_STEPS 1000

enum db_rc
db_search_hits(struct db *db, long long now, const char *match, long limit,
    long offset, struct db_hits *hits)
{
	sqlite3_stmt *st = start(db, Q_SEARCH_HITS);
	struct hit *heap = NULL, h;
	size_t n = 0, cap = 0, keep, i;
	enum db_rc rc;
	long count = 0;
	int src;

	memset(hits, 0, sizeof(*hits));
	db->search_spent = 0;
	db->search_until = thread_ns() + db->search_ms * 1000000LL;
	sqlite3_progress_handler(db->conn, SEARCH_PROGRESS_STEPS,
	    search_progress, db);
	if (limit < 1 || offset < 0)
		return DB_ERROR;
	keep = offset > LONG_MAX - limit ? (size_t)LONG_MAX :
	    (size_t)(offset + limit);
	if (bind_int64(db, st, 1, now) != 0 || bind_text(db, st, 2, match) != 0)
		return DB_ERROR;
	/* The best keep hits in a heap whose root is the worst of them. */
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		h.id = sqlite3_column_int64(st, 0);
		h.rank = sqlite3_column_double(st, 1);
		h.date = sqlite3_column_int64(st, 2);
		count++;
		if (n < keep) {
			if (n == cap) {
				cap = cap ? 2 * cap : 64;
				heap = xrealloc(heap, cap * sizeof(*heap));
			}
			heap[n++] = h;
			for (i = n - 1; i > 0 &&
			    hit_before(&heap[(i - 1) / 2], &heap[i]); i = (i - 1) / 2) {
				struct hit t = heap[i];

				heap[i] = heap[(i - 1) / 2];
				heap[(i - 1) / 2] = t;
			}
		} else if (hit_before(&h, &heap[0])) {
			heap[0] = h;
			hit_sift(heap, n, 0);
		}
	}
	sqlite3_reset(st);
	if (src != SQLITE_DONE) {
		rc = DB_ERROR;
		goto out;
	}
	if (n > 1)
		qsort(heap, n, sizeof(*heap), hit_cmp);
	hits->count = count;
	if ((size_t)offset < n) {
		hits->n = n - (size_t)offset;
		hits->ids = xmalloc(hits->n * sizeof(*hits->ids));
		for (i = 0; i < hits->n; i++)
			hits->ids[i] = heap[(size_t)offset + i].id;
	}
	rc = DB_ROW;
out:
	free(heap);
	return rc;
}

enum db_rc
db_search_next(struct db_cursor *cur, struct db_page *page,
    const char **snippet)
{
	enum db_rc rc = cursor_step(cur);
	int col;

	if (rc == DB_ROW) {
		if ((col = read_row(cur->db, cur->stmt, ROW_LIST, page)) < 0) {
			db_cursor_end(cur);
			return DB_ERROR;
		}
		*snippet = text(cur->stmt, col);
	}
	return rc;
}

enum db_rc
db_search(struct db *db, struct db_cursor *cur, const char *match,
    const struct db_hits *hits, struct db_page *page, const char **snippet)
{
	struct buf ids = BUF_INIT;
	long long lo, hi;
	sqlite3_stmt *st;
	size_t i;
	int bad;

	if (hits->n == 0) {
		memset(cur, 0, sizeof(*cur));
		cur->db = db;
		return DB_DONE;
	}
	st = cursor_begin(db, cur, Q_SEARCH, ROW_LIST);
	if (st == NULL)
		return DB_ERROR;
	lo = hi = hits->ids[0];
	buf_putc(&ids, '[');
	for (i = 0; i < hits->n; i++) {
		buf_printf(&ids, "%s%lld", i > 0 ? "," : "", hits->ids[i]);
		if (hits->ids[i] < lo)
			lo = hits->ids[i];
		if (hits->ids[i] > hi)
			hi = hits->ids[i];
	}
	buf_putc(&ids, ']');
	bad = bind_text(db, st, 2, match) != 0 ||
	    bind_text(db, st, 3, buf_cstr(&ids)) != 0 ||
	    bind_int64(db, st, 4, lo) != 0 || bind_int64(db, st, 5, hi) != 0;
	buf_free(&ids);
	if (bad) {
		db_cursor_end(cur);
		return DB_ERROR;
	}
	return db_search_next(cur, page, snippet);
}

int
db_search_spent(const struct db *db)
{
	return db->search_spent;
}

void
db_search_end(struct db *db)
{
	sqlite3_progress_handler(db->conn, 0, NULL, NULL);
}

void
db_hits_free(struct db_hits *hits)
{
	free(hits->ids);
	memset(hits, 0, sizeof(*hits));
}

enum db_rc
db_lastmod_next(struct db_cursor *cur, const char **taxonomy,
    const char **slug, struct qdate *date)
{
	enum db_rc rc = cursor_step(cur);

	if (rc == DB_ROW) {
		*taxonomy = text(cur->stmt, 0);
		*slug = text(cur->stmt, 1);
		date->t = sqlite3_column_int64(cur->stmt, 2);
		date->offset = sqlite3_column_int(cur->stmt, 3);
	}
	return rc;
}

enum db_rc
db_term_dates(struct db *db, struct db_cursor *cur, long long now,
    const char **taxonomy, const char **slug, struct qdate *date)
{
	sqlite3_stmt *st = cursor_begin(db, cur, Q_TERM_DATES, ROW_LIST);

	if (bind_all(cur, st, now, 0, NULL) != 0)
		return DB_ERROR;
	return db_lastmod_next(cur, taxonomy, slug, date);
}

/* Appends an FTS5 query that finds pages holding every word of q: each
 * word a quoted string (so FTS5 operators and syntax are just text), the
 * last one also as a prefix. Words without a letter or digit are dropped.
 * Returns the number of words used. */
int
db_fts_query(struct buf *out, const char *q)
{
	size_t n = strlen(q), i = 0, len;
	unsigned long cp;
	size_t last = 0;
	int words = 0;

	while (i < n) {
		size_t start, end;
		int alnum = 0;

		while (i < n && (len = uni_next(q + i, n - i, &cp)) &&
		    uni_is_space(cp))
			i += len;
		start = i;
		while (i < n && (len = uni_next(q + i, n - i, &cp)) &&
		    !uni_is_space(cp)) {
			if (uni_is_letter(cp) || uni_is_digit(cp))
				alnum = 1;
			i += len;
		}
		end = i;
		if (end == start || !alnum)
			continue;
		if (words++ > 0)
			buf_putc(out, ' ');
		last = end - start;
		buf_putc(out, '"');
		for (; start < end; start++) {
			if (q[start] == '"')
				buf_putc(out, '"');
			buf_putc(out, q[start]);
		}
		buf_putc(out, '"');
	}
	if (words > 0 && last >= 3)
		buf_putc(out, '*');	/* the last word may be unfinished */
	return words;
}

void
db_link_free(struct db_link *l)
{
	free(l->url);
	free(l->title);
	l->url = l->title = NULL;
}

/* Runs a neighbour query for p; copies its row, if any, into link. */
static enum db_rc
neighbour(struct db *db, enum query q, long long now,
    const struct db_page *p, struct db_link *link)
{
	sqlite3_stmt *st = start(db, q);
	sqlite3_stmt *cur = st;
	enum db_rc rc;

	link->url = link->title = NULL;
	if (bind_int64(db, st, 1, now) != 0 ||
	    bind_int64(db, st, 2, p->date.t) != 0 ||
	    bind_text(db, st, 3, p->title) != 0 ||
	    bind_text(db, st, 4, p->source) != 0 ||
	    bind_int64(db, st, 5, p->worder) != 0 ||
	    bind_int64(db, st, 6, p->id) != 0)
		return DB_ERROR;
	rc = step(&cur);
	if (rc == DB_ROW) {
		link->url = xstrdup(text(st, 0));
		link->title = xstrdup(text(st, 1));
		sqlite3_reset(st);
	}
	return rc;
}

enum db_rc
db_neighbours(struct db *db, long long now, const struct db_page *p,
    struct db_link *newer, struct db_link *older)
{
	if (neighbour(db, Q_NEWER, now, p, newer) == DB_ERROR ||
	    neighbour(db, Q_OLDER, now, p, older) == DB_ERROR) {
		db_link_free(newer);
		return DB_ERROR;
	}
	return DB_ROW;
}

enum db_rc
db_related(struct db *db, long long now, long long page_id,
    struct db_link *links, size_t max, size_t *n)
{
	sqlite3_stmt *st = start(db, Q_RELATED), *cur = st;
	enum db_rc rc = DB_DONE;

	*n = 0;
	if (bind_int64(db, st, 1, now) != 0 ||
	    bind_int64(db, st, 2, page_id) != 0 ||
	    bind_int64(db, st, 3, (long long)max) != 0)
		return DB_ERROR;
	while (*n < max && (rc = step(&cur)) == DB_ROW) {
		links[*n].url = xstrdup(text(st, 0));
		links[*n].title = xstrdup(text(st, 1));
		(*n)++;
	}
	if (cur != NULL)
		sqlite3_reset(cur);
	if (rc == DB_ERROR) {
		while (*n > 0)
			db_link_free(&links[--*n]);
		return DB_ERROR;
	}
	return DB_ROW;
}


enum db_rc
db_file_by_url(struct db *db, const char *url, struct db_file *f)
{
	sqlite3_stmt *st = start(db, Q_FILE), *cur = st;
	enum db_rc rc;

	memset(f, 0, sizeof(*f));
	f->hash = f->media_type = "";
	if (bind_text(db, st, 1, url) != 0)
		return DB_ERROR;
	rc = step(&cur);
	if (rc == DB_ROW) {
		/* A NULL hash reads as "", which store_path() refuses: a
		 * damaged row, not a crash. */
		get_text(st, 0, &f->hash);
		f->size = sqlite3_column_int64(st, 1);
		f->mtime = sqlite3_column_int64(st, 2);
		get_text(st, 3, &f->media_type);
		f->variant = sqlite3_column_int(st, 4) != 0;
	}
	return rc;
}
