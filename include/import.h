/* import.h - loads Hugo Markdown files into the database, all or nothing,
 * replacing the live file atomically. */
#ifndef QUIRE_IMPORT_H
#define QUIRE_IMPORT_H

#include <stdio.h>

#include "site.h"

struct import_opts {
	const char *db;		/* the live database file */
	const char *config;	/* Hugo config file, or NULL to look for one */
	const char *base_url;	/* overrides baseURL, or NULL */
	char *const *paths;	/* files and folders to import */
	int npaths;
	int quiet;		/* no summary line */
	/* Called with each folder an import walks beyond its PATHs (a
	 * language's contentDir outside content/: "content-de"), as an
	 * absolute path, so that --watch watches it too; may be NULL. */
	void (*walked)(const char *dir, void *arg);
	void *walked_arg;
};

/* Splits the absolute path abs at its last "content" component: sets
 * *rel to what follows it ("" for the folder itself) and returns the
 * site folder (malloc'd), or NULL when abs is not under a content/
 * folder. */
char *import_split_content(const char *abs, const char **rel);

/* Is the folder abs (resolved) a Hugo site's folder: one holding
 * content/, a configuration file Hugo reads (hugo.toml ... config.json)
 * or Hugo's config/_default/ folder? Its content is then its contentDir
 * (content/) and each language's (import_run()). */
int import_is_site(const char *abs);

/* Runs one import. Messages ("FILE:LINE: ...") go to log. Returns 0 on
 * success; on failure the live database is unchanged and it returns 1. */
int import_run(const struct import_opts *opts, FILE *log);

/* One file of a site's configuration (site-load.c), and where its keys go:
 * at the top (hugo.toml, config.yaml), or under key (Hugo's config
 * folder: "params" for config/_default/params.toml). */
struct site_source {
	const char *path;
	const char *key;	/* NULL: the top level */
};

/* Reads Hugo's configuration files (YAML, TOML or JSON, by their names'
 * extension) into s, over its current values; of two files holding a key,
 * the later one's value wins, as Hugo merges them. Returns 0 (with
 * "PATH:LINE: warning: what\n" lines appended to err for what Hugo
 * accepts and quire does not honour), or -1 with "PATH:LINE: what"
 * appended to err. */
int site_load_files(struct site *s, const struct site_source *src, size_t n,
	struct buf *err);
/* The same for one file at the top level. */
int site_load_file(struct site *s, const char *path, struct buf *err);

#endif
