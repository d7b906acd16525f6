/* dbw.h - the importer's writes (db-import.c): schema migrations, site
 * settings, pages and their terms, all in one transaction on a working
 * copy of the database. The worker's reads are db.h's. */
#ifndef QUIRE_DBW_H
#define QUIRE_DBW_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "cover.h"
#include "dates.h"
#include "fragments.h"
#include "images.h"
#include "schema.h"
#include "site.h"

struct dbw;
struct site_file;
struct section_tally;

/* A page as the importer writes it. */
/* dbw_page's unlisted: Hugo's _build list never and local. */
enum { DBW_LIST_NEVER = 1, DBW_LIST_LOCAL = 2 };

struct dbw_page {
	const char *source;
	const char *hash;
	enum page_kind kind;
	const char *layout;
	const char *url;
	const char *title;
	const char *description;
	const char *author;
	int has_date, has_lastmod;
	struct qdate date, lastmod;
	long long publish_at;
	int has_expiry;
	long long expire_at;
	int draft;		/* schema.h's PAGE_SHOWN, PAGE_DRAFT or
				 * PAGE_UNRENDERED */
	int unlisted;		/* 0: listed; DBW_LIST_NEVER: in its terms'
				 * listings only; DBW_LIST_LOCAL: in its
				 * section's and terms' (Hugo's _build list) */
	int no_resources;	/* publishResources: false */
	const char *cascade;	/* a section's cascade of _build, as
				 * dbw_cascade_get() gives it back, or NULL */
	long long weight;	/* Hugo's weight, 0 when unset */
	const char *body;
	size_t body_len;
	enum page_markup markup;	/* how body is written */
	const struct fragments *fragments;	/* the HTML body refers to
						 * (NULL: none) */
	const char *summary;
	int truncated;
	long words;
	long minutes;
	/* Its terms: of each of ntaxonomies taxonomies (plurals[i],
	 * "tags"), terms[i] holds nterms[i] names as written. */
	char *const *plurals;
	char **const *terms;
	const size_t *nterms;
	size_t ntaxonomies;
	const char *section;	/* its section's URL path (the term of
				 * TAXONOMY_SECTIONS), or NULL */
	const char *parent_section;	/* a nested section's own page: its
					 * parent's URL path (the term of
					 * TAXONOMY_SUBSECTIONS), or NULL */
	const char *list_url;	/* a section's own page: where its listing
				 * is published when its url says so
				 * ("/blog/"), or NULL: at its url */
	const char *search_text;	/* plain text, entities decoded */
	char *const *aliases;		/* routes, decoded, normalised */
	size_t naliases;
	const char *lang;		/* the page's language code */
	const char *tkey;		/* what its translations share */
	const char *lang_order;		/* " en fr de ": the site's codes in
					 * Hugo's order, for aliases that
					 * translations share */
};

/* dbw_open()'s flags. */
enum {
	DBW_RECORD = 1,		/* record the changes for dbw_commit() to
				 * write (the spare replays them) */
	DBW_IN_PLACE = 2	/* the file is the spare, updated in place:
				 * its transactions need no quick_check */
};
/* Opens (creating if needed) the working copy at path, migrates its
 * schema, and begins the import transaction. An import that migrates
 * records nothing: a changeset carries rows, not schema changes. */
struct dbw *dbw_open(const char *path, unsigned flags, struct buf *err);
/* Loads the stored site settings into site (keeps site's values for keys
 * not stored). Returns 0 if any were stored, 1 if none, -1 on error. */
int dbw_site_load(struct dbw *w, struct site *site, struct buf *err);
/* Replaces the stored site settings. */
int dbw_site_store(struct dbw *w, const struct site *site, struct buf *err);
/* Marks source as present in this import (for mirroring). */
int dbw_seen(struct dbw *w, const char *source, struct buf *err);
/* Deletes the pages under prefix (a folder path under content/, "" for
 * all) that were not marked seen. Sets *removed. */
int dbw_remove_unseen(struct dbw *w, const char *prefix, long *removed,
	struct buf *err);
/* Dates each section's own page that has no date of its own by the
 * newest page published at now in its folder and below (Hugo's
 * section .Date), as the entry its parent's listing shows and orders by;
 * the entries of the pages changed are written again by dbw_entries().
 * Returns 0 or -1 (err set). */
int dbw_section_dates(struct dbw *w, long long now, struct buf *err);
/* Counts into t, by section, the published pages (at now) that this
 * import keeps without reading them again: those not marked seen. */
int dbw_section_pages(struct dbw *w, long long now, struct section_tally *t,
	struct buf *err);
/* Looks up what a menu entry's pageRef names: the page stored from
 * source, published now (its URL and title are appended to url and
 * title: returns 2),
 * else, when folder is not NULL, a section: some page under folder
 * ("posts/": returns 1); else nothing (0); -1 on error. */
int dbw_page_ref(struct dbw *w, const char *source, const char *folder,
	struct buf *url, struct buf *title, struct buf *err);
/* Appends the URL of the page stored from source (compared without
 * case; drafts are none, pages published later are) to url: returns 1,
 * or 0 when there is none, -1 on error. */
int dbw_page_at(struct dbw *w, const char *source, struct buf *url,
	struct buf *err);
/* dbw_page_at() for the files of the bundle of the page stored from
 * source: a page Hugo does not render (headless) has its URL too, and
 * one whose publishResources is false has none (0). */
int dbw_resources_at(struct dbw *w, const char *source, struct buf *url,
	struct buf *err);
/* Calls fn with the source, URL (a section's where its url lists it)
 * and kind (schema.h's page_kind) of each page of language lang but
 * drafts, by source; 0, or -1 with err set. */
int dbw_pages_of_lang(struct dbw *w, const char *lang,
	void (*fn)(void *arg, const char *source, const char *url, int kind),
	void *arg, struct buf *err);
/* Stores the hosts the page of source frames (schema.h's PAGE_FRAME_*;
 * 0: none), after dbw_put_page(). */
int dbw_page_frames(struct dbw *w, const char *source, unsigned frames,
	struct buf *err);
/* The stored hash of source, copied to out (empty when absent). */
int dbw_hash(struct dbw *w, const char *source, struct buf *out,
	struct buf *err);
/* What a page's file looked like when it was read (stat(2)'s). */
struct dbw_stat {
	unsigned long long dev, ino;
	long long size;
	long long mtime_ns, ctime_ns;	/* since the epoch */
};
/* The cascade stored with the page of source (dbw_page's) when its
 * file is unchanged since it was read (its stored stat is s, whatever
 * the settings): returns 1, the cascade appended to out (nothing when
 * it has none); 0 when it must be read from the file; -1 on error. */
int dbw_cascade_get(struct dbw *w, const char *source,
	const struct dbw_stat *s, struct buf *out, struct buf *err);
/* Is the file of the page of source unchanged since it was read: its
 * stored stat (dbw_stat_put) is s, under the settings hash settings?
 * Returns 1, setting *published to whether the stored page is published
 * at now and *refs to whether it is expanded again on every import (it
 * calls ref or relref); 0 when not; -1 on error. */
int dbw_stat_same(struct dbw *w, const char *source, const struct dbw_stat *s,
	unsigned long long settings, long long now, int *published, int *refs,
	struct buf *err);
/* Stores s as what the file of the stored page of source looked like
 * when it was read under the settings hash settings. */
int dbw_stat_put(struct dbw *w, const char *source, const struct dbw_stat *s,
	unsigned long long settings, struct buf *err);
/* The source of another page than source whose URL or alias is url,
 * copied to out (empty: none), its URL before its aliases; *by_alias is
 * set when url is that page's alias. An alias of a translation of the
 * page (tkey the same, lang another) does not count. */
int dbw_url_owner(struct dbw *w, const char *url, const char *source,
	const char *tkey, const char *lang,
	struct buf *out, int *by_alias, struct buf *err);
/* Deletes the page of source (its terms, aliases and card with it). */
int dbw_drop_page(struct dbw *w, const char *source, struct buf *err);
/* Deletes the alias at path, whichever page holds it. */
int dbw_drop_alias(struct dbw *w, const char *path, struct buf *err);
/* Inserts or updates a page and its terms. */
int dbw_put_page(struct dbw *w, const struct dbw_page *p, struct buf *err);
/* Writes the list entry (entry.h) of every page that lacks one, with
 * site's settings, as the page's language shows them (its month
 * names, its author); first drops them all when stamp (what the entries
 * depend on: the settings and the import's rules) differs from the one
 * they were written with. */
int dbw_entries(struct dbw *w, const struct site *site, const char *stamp,
	struct buf *err);
/* Ranks every page's related posts (related.h) as seen at instant now
 * and stores them in page_related, replacing what was there. */
int dbw_related(struct dbw *w, long long now, struct buf *err);
/* Finishes the import: term names and orphans, the content version,
 * the generation (a name for this database's content, publish.h),
 * commit, then PRAGMA quick_check unless DBW_IN_PLACE. When the changes
 * were recorded whole and changes is not NULL, writes them there (a
 * SQLite changeset) before the commit and sets *recorded to 1, else 0.
 * Closes w in all cases. */
int dbw_commit(struct dbw *w, const char *generation, FILE *changes,
	int *recorded, struct buf *err);
/* Calls fn with each row of the file table (schema 015). */
int dbw_files_each(struct dbw *w, void (*fn)(void *arg, const char *url,
	const char *source, const char *hash, long long size,
	long long mtime), void *arg, struct buf *err);
/* Deletes the file rows whose source starts with prefix ("" : all). */
int dbw_files_clear(struct dbw *w, const char *prefix, struct buf *err);
/* Inserts f (its hash known) at its URL, replacing the row there;
 * variant 1 for a resized copy quire made, whose URL changes with its
 * bytes (schema 020), else 0. */
int dbw_file_put(struct dbw *w, const struct site_file *f,
	const char *media_type, int variant, struct buf *err);
/* Appends to source the source of a page Hugo writes at the file URL
 * url (the page's URL, or its index.html), but a draft: returns 1, or 0
 * when there is none, -1 on error. */
int dbw_file_page(struct dbw *w, const char *url, struct buf *source,
	struct buf *err);
/* Rolls back and closes w: 0 when this rollback undid the import's open
 * transaction, else -1 (SQLite ended it itself after an I/O error, or
 * the rollback failed: the file may hold part of the import). */
int dbw_abort(struct dbw *w);

/* Copies the live database file to path (the import's working copy)
 * with SQLite's backup API; says why not on log. Returns 0 or -1. */
int dbw_copy(const char *live, const char *path, FILE *log);
/* Sets gen to the generation dbw_commit() stored in the database at path
 * ("" if none: written before there were any). 0, or -1 with err. */
int dbw_generation(const char *path, struct buf *gen, struct buf *err);
/* Replays on the database at path the changeset read from changes, in
 * one transaction, its triggers off; any row not as expected undoes it
 * all. 0, or -1 with err. */
int dbw_apply(const char *path, FILE *changes, struct buf *err);

/* Covers and images (schema 016; cover.h, responsive.h). */

/* A row of the file table. */
struct dbw_file {
	const char *url, *source, *hash, *media_type;
	long long size, mtime;
};
/* Stores the cover front matter of the page at source (NULL: it has
 * none); its markup is made later, by dbw_cover_set(). */
int dbw_cover_put(struct dbw *w, const char *source,
	const struct cover_fm *c, struct buf *err);
/* A page with a cover, as dbw_covers() lists it; strings valid during
 * the call. */
struct dbw_cover_row {
	long long page_id;
	const char *source, *url;
	struct cover_fm fm;	/* its strings are the row's */
};
/* Calls fn with each page that has a cover (stops at fn's nonzero). */
int dbw_covers(struct dbw *w, int (*fn)(void *arg,
	const struct dbw_cover_row *r), void *arg, struct buf *err);
/* Calls fn with each file row whose source starts with source_prefix and
 * whose URL starts with url_prefix, by URL. */
int dbw_files_under(struct dbw *w, const char *source_prefix,
	const char *url_prefix, void (*fn)(void *arg,
	const struct dbw_file *f), void *arg, struct buf *err);
/* Sets page_id's list cover (on its card and term rows, dropping their
 * entry when it changed), its article cover and its OpenGraph image. */
int dbw_cover_set(struct dbw *w, long long page_id, const char *list,
	const char *single, const char *og_image, struct buf *err);
/* The page_cover row of page_id: its article figure and OpenGraph image
 * appended to single and og (the importer's tests read them). Returns
 * 1, 0 when none, -1. */
int dbw_cover_get(struct dbw *w, long long page_id, struct buf *single,
	struct buf *og, struct buf *err);
/* Calls fn with each section (its _index file's source) listed by its
 * url at a URL where another page is answered (other, its source): a
 * page at that URL, whose own is not answered (listed 0), or a section
 * listed there too that the router answers instead (listed 1). Drafts
 * are left out. */
int dbw_list_url_clashes(struct dbw *w, void (*fn)(void *arg,
	const char *section, const char *url, const char *other, int listed),
	void *arg, struct buf *err);
/* Stores the n front-matter images of the page at source (values: each
 * ended by a NUL; at most the six og:image takes), in place of any the
 * page had (schema 020). */
int dbw_og_images_put(struct dbw *w, const char *source, const char *values,
	size_t n, struct buf *err);
/* Calls fn with each bundle's page (index.* or _index.*: only those have
 * resources) that has neither a cover nor front-matter images, with its
 * bundle image's route as stored (NULL: none); stops at fn's nonzero;
 * strings valid during the call. */
int dbw_og_pages(struct dbw *w, int (*fn)(void *arg, long long page_id,
	const char *source, const char *url, const char *stored), void *arg,
	struct buf *err);
/* Sets the bundle resource (its route) that is page_id's image, or none
 * (route NULL). */
int dbw_og_resource_set(struct dbw *w, long long page_id, const char *route,
	struct buf *err);
/* What is known of the image whose bytes hash to hash: 1 with *info
 * and why (appended: "" when it can be read), 0 when nothing, -1. */
int dbw_image_get(struct dbw *w, const char *hash, struct image_info *info,
	struct buf *why, struct buf *err);
/* Records it: info, or why it cannot be read (info NULL). */
int dbw_image_put(struct dbw *w, const char *hash,
	const struct image_info *info, const char *why, struct buf *err);
/* The copy of image hash at width (WebP or its own type): its hash
 * into variant (65 bytes) and *size; 1, 0 when none, -1. */
int dbw_variant_get(struct dbw *w, const char *hash, int width, int webp,
	char *variant, long long *size, struct buf *err);
int dbw_variant_put(struct dbw *w, const char *hash, int width, int webp,
	const char *variant, long long size, struct buf *err);
/* A page's body image (md_hooks' image), its strings owned. */
struct dbw_image_ref {
	size_t ordinal;
	char *url, *title, *alt;
};

struct dbw_image_refs {
	struct dbw_image_ref *r;
	size_t n, cap;
};

/* Replaces the body images of the page at source with refs' (schema
 * 016's page_image). */
int dbw_page_images_put(struct dbw *w, const char *source,
	const struct dbw_image_refs *refs, struct buf *err);
/* A stored body image with its page's id and route; strings valid during
 * the call. */
struct dbw_page_image {
	long long page_id;
	const char *page_url;
	size_t ordinal;
	const char *url, *title, *alt;
};
/* Calls fn with every stored body image, by page then ordinal. */
int dbw_page_images(struct dbw *w, int (*fn)(void *arg,
	const struct dbw_page_image *r), void *arg, struct buf *err);
/* Reads the file row at route url into *f (strings appended to hold, a
 * buffer of the caller's, NUL-separated) : 1, 0 when none, -1. */
int dbw_file_at(struct dbw *w, const char *url, struct dbw_file *f,
	struct buf *hold, struct buf *err);
/* Replaces page_id's image fragments (kind 2) with the n of html ("":
 * cmark's own). */
int dbw_image_fragments(struct dbw *w, long long page_id, char *const *html,
	size_t n, struct buf *err);
/* Forgets the images no file row names. */
int dbw_images_prune(struct dbw *w, struct buf *err);

#endif
