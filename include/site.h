/* site.h - the site configuration: read by the importer from Hugo's YAML
 * config file, stored in the database, read back by the worker. */
#ifndef QUIRE_SITE_H
#define QUIRE_SITE_H

#include "buf.h"

struct permalink {
	char *section;
	char *pattern;
};

/* An entry of Hugo's menu.main. */
struct menu_item {
	char *name;
	char *url;		/* a site route ("/archives/") or an absolute URL */
	long weight;
};

/* PaperMod's theme options quire honours; -1 while unset (a default
 * applies, see site_flag()). */
enum site_flag {
	FLAG_READING_TIME,	/* params.ShowReadingTime */
	FLAG_WORD_COUNT,	/* params.ShowWordCount */
	FLAG_TOC,		/* params.ShowToc */
	FLAG_TOC_OPEN,		/* params.TocOpen */
	FLAG_BREADCRUMBS,	/* params.ShowBreadCrumbs */
	FLAG_POST_NAV,		/* params.ShowPostNavLinks */
	FLAG_RELATED,		/* params.ShowRelated (quire's own) */
	FLAG_CODE_COPY,		/* reserved */
	FLAG__MAX
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
	char *default_theme;	/* params.defaultTheme: auto, light, dark */
	char *home_title;	/* params.homeInfoParams.Title */
	char *home_content;	/* params.homeInfoParams.Content (Markdown) */
	int flags[FLAG__MAX];
	struct menu_item *menu;	/* menu.main, by weight then name */
	size_t nmenu;
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
/* Returns the value of a theme option: as set, else quire's default (on
 * for everything but TocOpen, so that an unconfigured site shows the
 * reading time, word count, table of contents, breadcrumbs, post links
 * and related posts). */
int site_flag(const struct site *s, enum site_flag f);
/* Calls put(key, value, arg) for every setting in stored form. */
void site_each(const struct site *s,
	void (*put)(const char *key, const char *value, void *arg), void *arg);

#endif
