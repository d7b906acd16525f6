/* ref.h - what a ref or relref shortcode links to: the imported page its
 * target names, found as Hugo 0.111 finds it. Importer only. */
#ifndef QUIRE_REF_H
#define QUIRE_REF_H

#include "buf.h"
#include "dbw.h"

/* The pages refs are looked up in, read from the database once per
 * language on its first ref (sorted lists, searched by halves), where a
 * ref used to read every page of its language. Make one when every
 * page's URL is stored and none will change; free it after the last
 * ref. */
struct ref_index;
struct ref_index *ref_index_new(const struct site *site);
void ref_index_free(struct ref_index *ix);

/* What a ref or relref resolves from: the page and the open database. */
struct ref_from {
	struct dbw *w;
	struct ref_index *index;	/* the pages of w, as read so far */
	const struct site *site;	/* its languages and contentDirs */
	const char *path;	/* the page's path in its language's content,
				 * less the language (lang_of_file()) */
	const char *lang;	/* its language's code */
};

/* shortcode.h's sc_ctx resolve, with arg a struct ref_from: sets url to
 * the URL of the page target names, as Hugo 0.111's getContentNode finds
 * it from a page, among the pages of language lang (NULL or "": the
 * page's own; one the site lacks is no page, err saying so): its content
 * path (less the language's contentDir and a NAME.LANG suffix) relative
 * to the page's folder (a bundle's: the folder holding it), then from
 * the content root (a leading '/' goes there at once), without case;
 * then, for a bare name or one under '/' alone, the one page of that
 * file name anywhere (two are Hugo's "ambiguous" error). The path names
 * a content file, or a bundle's or section's folder. Returns 1 (found),
 * 0 (no page; err may say why), or -1 with a message in err. */
int ref_resolve(void *arg, const char *target, const char *lang,
	struct buf *url, struct buf *err);

#endif
