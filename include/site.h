/* site.h - the site configuration: read by the importer from Hugo's YAML
 * config file, stored in the database, read back by the worker. */
#ifndef QUIRE_SITE_H
#define QUIRE_SITE_H

#include "buf.h"

struct permalink {
	char *section;
	char *pattern;
};

/* Every setting quire reads of a Hugo site. Strings are malloc'd and never
 * NULL after site_init(). */
struct site {
	char *title;
	char *base_url;		/* always ends in '/' */
	char *base_path;	/* path part of base_url: "/" or "/blog/" */
	char *author;
	char *description;
	char *timezone;
	char *main_section;
	long paginate;
	long rss_limit;		/* -1: all */
	char *language;		/* languageCode, "" when unset */
	int unsafe;		/* markup.goldmark.renderer.unsafe */
	int full_feed;		/* params.ShowFullTextinRSS (PaperMod) */
	struct permalink *permalinks;
	size_t npermalinks;
};

#define SITE_DEFAULT_BASE_URL "http://localhost/"

/* Fills s with Hugo's defaults. Free with site_free(). */
void site_init(struct site *s);
void site_free(struct site *s);
/* Reads Hugo's YAML config file at path into s (over its current values).
 * Returns 0, or -1 with "PATH:LINE: what" appended to err. */
int site_load_file(struct site *s, const char *path, struct buf *err);
/* Sets the base URL (http or https, trailing '/' added) and its path.
 * Returns 0, or -1 with a message in err. */
int site_set_base_url(struct site *s, const char *url, struct buf *err);
/* Sets one setting from its stored key/value form (see db.c); unknown
 * keys are ignored so older workers read newer databases. */
void site_set(struct site *s, const char *key, const char *value);
/* Calls put(key, value, arg) for every setting in stored form. */
void site_each(const struct site *s,
	void (*put)(const char *key, const char *value, void *arg), void *arg);

#endif
