/* section.h - the site's sections as Hugo 0.111 sees them: a page's
 * top-level section, its nearest (nested) section, and which sections are the main ones (listed on the
 * home page). Importer only. */
#ifndef QUIRE_SECTION_H
#define QUIRE_SECTION_H

#include <stddef.h>

/* Published regular pages per top-level section, for Hugo's default
 * mainSections. */
struct section_tally {
	struct section_count {
		char *name;
		long pages;
	} *v;
	size_t n, cap;
};

/* The length of the top-level section of source (a path under content/,
 * "posts/a/b.md" gives 5), or 0 for a page at the root of content/. */
size_t section_len(const char *source);

/* Counts n more pages in the section of name (a section name, not a
 * path; len bytes). */
void section_count(struct section_tally *t, const char *name, size_t len,
	long n);

/* Hugo's default main section: the one with the most pages, the first
 * in byte order among equals; NULL when no section has a page. The name
 * is owned by t. */
const char *section_most(const struct section_tally *t);

void section_tally_free(struct section_tally *t);

/* The length of the folder of path's section, as Hugo 0.111 nests them:
 * the longest of the n folders (each holding an _index.md) that holds
 * the folder, else its top-level folder; 0 at the root of content/. The
 * folder is path's own ("essays/2023/a.md" gives "essays/2023" when that
 * folder is a section), or, when own is 0, the one above it (for a
 * section's _index.md, whose section is its parent's). */
size_t section_of(const char *path, char *const *folders, size_t n, int own);

/* Is source in one of the n sections of names? */
int section_is_among(const char *source, char *const *names, size_t n);

#endif
