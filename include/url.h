/* url.h - Hugo 0.111's URL rules: urlize for tags and slugs, and the URL
 * of each page from its file, front matter and the site's permalinks. */
#ifndef QUIRE_URL_H
#define QUIRE_URL_H

#include "buf.h"
#include "dates.h"

struct site;

/* Appends Hugo's urlize of s (UnicodeSanitize, then lower case), not yet
 * percent-encoded: "Café Crème" gives "café-crème". */
void url_urlize(struct buf *out, const char *s);

/* Appends the slug of a taxonomy term (a tag): urlize, with '/' and '\\'
 * made '-' so that a term page stays one path segment (Hugo would give
 * "a/b" two). Appends nothing for a term that can have no page, as in
 * Hugo 0.111: one whose urlize is empty (emoji, punctuation, spaces) or
 * only dots (".", ".."). */
void url_term_slug(struct buf *out, const char *name);

/* Appends the route Hugo gives the content path ref (a menu entry's
 * pageRef: "/posts", "about.md", "/posts/x/index.md") when the page sets
 * no slug or url and no permalink pattern applies: "/posts/", "/about/",
 * "/posts/x/"; lower case, as Hugo makes paths. The importer replaces it
 * with the page's stored URL when ref names a page. */
void url_ref_route(struct buf *out, const char *ref);

/* Hugo's Markdown file extensions (hugofs/files): ".md", ".markdown",
 * ".mdown", compared with case. Returns the length of name's one, dot
 * included, or 0. */
size_t url_markdown_ext(const char *name);
/* The content file extensions quire reads: Markdown's, and ".html",
 * ".htm" (HTML content, which Hugo serves as written). Returns the length
 * of name's one, dot included, or 0. */
size_t url_content_ext(const char *name);
/* Is base (a file name) a bundle's index: "index.EXT" (a page bundle,
 * branch 0) or "_index.EXT" (a section's own page, branch 1), with a
 * content EXT (url_content_ext())? */
int url_is_index(const char *base, int branch);
/* The length of the top-level section of path (under content/): its
 * first folder ("posts/a.md" gives 5), 0 at the root of content/. A leaf
 * bundle's index stands for its folder, as Hugo places the page:
 * "posts/trip/index.md" is in posts, "about/index.md" at the root. */
size_t url_top_section(const char *path);

/* What a page's URL depends on. */
struct url_page {
	const char *path;	/* file path under content/, "posts/a/b.md" */
	const char *title;	/* may be NULL */
	const char *slug;	/* front-matter slug, may be NULL */
	const char *url;	/* front-matter url, may be NULL */
	const struct qdate *date;	/* may be NULL */
	/* The folders under content/ that hold an _index.md (nested
	 * sections, for :sections); may be NULL. */
	const char *const *sections;
	size_t nsections;
};

/* The permalinks pattern of the page at path under content/: its top
 * folder's, or the root key's ("/") for a top-level page; NULL if none. */
const char *url_permalink_for(const struct site *site, const char *path);

/* Checks a permalinks pattern as Hugo 0.111 does before building:
 * returns 0, or -1 with why appended to err (an empty segment, an
 * attribute it does not know, or a zone name quire does not keep). */
int url_permalink_check(const char *pattern, struct buf *err);

/* Appends the page's URL path ("/posts/name/"), decoded, as Hugo would
 * give it under site's permalinks, with runs of '/' collapsed. Returns 0,
 * or -1 when the URL holds a "." or ".." segment or control bytes. */
int url_page(struct buf *out, const struct site *site,
	const struct url_page *page);

/* Does Hugo write the list at route ("/essays/2023/", "/tags/go/",
 * "/page/2/", under the language's home lang_root) at an ugly URL? With
 * uglyURLs true, every list but a home page; with a map of sections,
 * those sections' lists (nested ones too). */
int url_list_is_ugly(const struct site *s, const char *route);
/* Appends the URL of the list at route as Hugo writes it: route itself,
 * or under uglyURLs ("/essays/2023/") "/essays/2023.html". */
void url_list(struct buf *out, const struct site *s, const char *route);

/* Appends the URL path (less its outer slashes) of the section whose
 * folder is the n bytes of name ("Notes" gives "notes", as Hugo's
 * /notes/; "essays/2023" gives "essays/2023"). Returns 0, or -1 (nothing
 * appended) when it would be no path or hold an empty segment. */
int url_section(struct buf *out, const char *name, size_t n);

/* Appends the route of alias a of the page at url as Hugo writes it: a
 * relative alias is relative to the folder holding the page, and under
 * uglyURLs for every page "/old/" is "/old.html". Returns 0, or -1 when
 * a is not a usable path on the site (a URL, a query, "..", a control
 * character). */
int url_alias(struct buf *out, const struct site *s, const char *url,
	const char *a);

/* Does in start with a URL scheme ("https:")? Its length then, else 0. */
size_t url_scheme_len(const char *in);
/* Appends Hugo's absURL of in under base_url (ending in '/'): a URL with
 * a scheme or "//host..." as it is, a path from the root under the host
 * of base_url, any other under base_url. Not escaped. Worker and
 * importer (PaperMod's covers and OpenGraph images). */
void url_abs(struct buf *out, const char *base_url, const char *in);

/* The value of the hexadecimal digit c (either case), or -1: a percent
 * escape's, for the worker's request parser and the importer's image
 * routes alike. */
int url_hex_digit(char c);

#endif
