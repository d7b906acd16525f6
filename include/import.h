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
};

/* Runs one import. Messages ("FILE:LINE: ...") go to log. Returns 0 on
 * success; on failure the live database is unchanged and it returns 1. */
int import_run(const struct import_opts *opts, FILE *log);

/* Reads Hugo's config file at path (YAML; site-load.c) into s, over its
 * current values. Returns 0, or -1 with "PATH:LINE: what" appended to err. */
int site_load_file(struct site *s, const char *path, struct buf *err);

#endif
