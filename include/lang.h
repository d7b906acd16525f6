/* lang.h - which language a content file is in, as Hugo 0.111 decides
 * (importer only): its language's contentDir, else a NAME.LANG.md suffix
 * naming a configured language, else the default language. */
#ifndef QUIRE_LANG_H
#define QUIRE_LANG_H

#include "buf.h"

struct site;

/* Works out the language of the content file source (its path relative
 * to content/: "posts/a.fr.md", or "../content-de/posts/a.md" for a
 * contentDir beside content/; any of url_content_ext()'s extensions).
 * Returns the language code (owned by s: a language's code, or
 * s->default_lang) and appends to path the file's path in its
 * language's content tree, less a language suffix ("posts/a.md",
 * "posts/_index.markdown"): what its URL, section and translations
 * follow. A suffix naming no configured language stays
 * ("posts/a.fa.md"). */
const char *lang_of_file(const struct site *s, const char *source,
	struct buf *path);

/* Appends the folder (relative to content/, ending in '/') that holds
 * the language lang's content when it is not content/ itself: "en/" for
 * "content/en", "../content-de/" for "content-de"; appends nothing for
 * content/. A language that names no contentDir has the site's (the
 * top-level contentDir, content/ by default), as in Hugo. Returns 1 when
 * the folder is the language's own, 0 when it is the site's, which every
 * language naming none shares. */
int lang_content_prefix(const struct site *s, const char *lang,
	struct buf *out);

/* Appends the folder (as lang_content_prefix() does) of the site's own
 * content: its top-level contentDir, content/ by default. */
void lang_site_prefix(const struct site *s, struct buf *out);

/* Appends the first n bytes of source (a path relative to content/, as
 * lang_of_file() takes it) as a path relative to the site's folder:
 * "posts/a.md" is "content/posts/a.md", "../content-de/a.md" is
 * "content-de/a.md". */
void lang_site_path(struct buf *out, const char *source, size_t n);

#endif
