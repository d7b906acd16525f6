/* ignore.h - which files of the content folders Hugo 0.111 does not
 * read: its own rule for names, and the site's ignoreFiles (importer
 * only). */
#ifndef QUIRE_IGNORE_H
#define QUIRE_IGNORE_H

#include "buf.h"

/* Does Hugo skip a file or folder of this base name whatever the
 * configuration says: one starting with '.' or '#', or ending in '~'
 * (an editor's backup)? Returns 1 or 0. */
int ignore_name(const char *base);

/* Compiles pattern (Go's regexp syntax, as ignoreFiles holds it) with
 * PCRE2 to check it: returns 0, or -1 with PCRE2's reason and the
 * offset appended to why. */
int ignore_check(const char *pattern, struct buf *why);

/* The compiled ignoreFiles patterns of a site. */
struct ignore;

/* Compiles the patterns of list, one a line (site.h's ignore_files):
 * returns a set that ignore_free() frees, or NULL when list holds none
 * or a pattern does not compile (the site's loader refused those). */
struct ignore *ignore_new(const char *list);
/* Does path (a file's or folder's absolute path, as Hugo 0.111 matches
 * ignoreFiles) match one of set's patterns? set may be NULL (none). */
int ignore_match(const struct ignore *set, const char *path);
void ignore_free(struct ignore *set);

#endif
