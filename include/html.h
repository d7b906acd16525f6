/* html.h - the one module that writes markup: every byte of data that
 * reaches a page goes through one of the escaping writers below. */
#ifndef QUIRE_HTML_H
#define QUIRE_HTML_H

#include <stddef.h>

#include "buf.h"

/* Appends literal markup written in the source code. Never pass data. */
static inline void
html(struct buf *b, const char *markup)
{
	buf_puts(b, markup);
}
/* Appends data as HTML text: & < > " ' become entities, control bytes
 * other than tab and newline are dropped. */
void html_text(struct buf *b, const char *s);
/* As html_text() for n bytes of s (which need not be NUL-terminated). */
void html_textn(struct buf *b, const char *s, size_t n);
/* As html_text(), but the bytes \x01 and \x02 (SQLite's snippet()
 * markers, see db.c) become <mark> and </mark>. */
void html_text_marked(struct buf *b, const char *s);
/* Appends data for a quoted attribute value (same rules as html_text). */
void html_attr(struct buf *b, const char *s);
/* Appends a URL path: bytes outside the unreserved and path-safe set are
 * percent-encoded, so the result is safe in an attribute and in a Location
 * header. A leading scheme is impossible: callers pass paths that start
 * with '/'. */
void html_url_path(struct buf *b, const char *s);
/* Appends the href of a site route ("/posts/a/", decoded) for a site
 * mounted at base_path ("/" or "/blog/"): the base path, then the route,
 * each percent-encoded; never "//host", which names another site. */
void html_href(struct buf *b, const char *base_path, const char *route);
/* Appends the absolute URL of a site route under base_url (which ends in
 * '/' and holds the base path), escaped for HTML or XML text. */
void html_abs_url(struct buf *b, const char *base_url, const char *route);
/* As html_abs_url(), but the URL itself, escaped for no markup: give it
 * to an escaping writer (html_json_value()) before it reaches a page. */
void html_abs_url_plain(struct buf *b, const char *base_url,
	const char *route);
/* Appends a query-string value: every byte but [A-Za-z0-9-._~] is
 * percent-encoded. */
void html_url_arg(struct buf *b, const char *s);
/* Appends a raw query string as a valid one: what RFC 3986 allows in a
 * query (well-formed %XX escapes included) is kept, every other byte
 * ('"', '<', '#', a '%' without two hex digits, non-ASCII) is
 * percent-encoded. */
void html_url_query(struct buf *b, const char *s);
/* Appends data as a JSON string literal, quotes included, safe inside a
 * <script type="application/ld+json"> block: besides JSON's own escapes,
 * < > & and U+2028/U+2029 are written as \uXXXX, so "</script>" cannot
 * end the block. */
void html_json_string(struct buf *b, const char *s);
/* Appends data as a JSON string literal for a JSON document (a JSON
 * Feed): JSON's own escapes, U+2028/U+2029 as \uXXXX, and each byte that
 * does not start valid UTF-8 as \ufffd (html_json_string() does the same
 * on top of its own), so the output is valid JSON whatever s holds. */
void html_json_value(struct buf *b, const char *s);
/* Appends a decimal integer. */
void html_int(struct buf *b, long long n);

/* Appends s to out with HTML character references decoded (numeric ones
 * and the named ones HTML renderers emit: amp, lt, gt, quot, apos, nbsp,
 * the typographer's quotes and dashes, hellip, laquo, raquo, copy, reg,
 * trade). Unknown references are kept as written. Go's
 * html.UnescapeString, as Hugo's htmlUnescape, for what renderers write. */
void html_unescape(struct buf *out, const char *s, size_t n);

/* The references other renderers write for & < > " ' (their escaping,
 * copied byte for byte): NULL leaves the character as it is. */
struct html_refs {
	const char *amp, *lt, *gt, *quot, *apos;
};
/* Go's html.EscapeString (Chroma's HTML formatter). */
extern const struct html_refs html_refs_go;
/* cmark-gfm's code and text escaping (' kept). */
extern const struct html_refs html_refs_cmark;
/* Appends n bytes of s with & < > " ' replaced by refs'. */
void html_escape_refs(struct buf *out, const char *s, size_t n,
	const struct html_refs *refs);

/* Go's html/template escapers, for markup the importer writes as Hugo's
 * templates do (shortcode output): the text or quoted-attribute escaper
 * (& < > " ' + become &amp; &lt; &gt; &#34; &#39; &#43;, NUL U+FFFD). */
void html_gotmpl(struct buf *b, const char *s);
/* A URL in an attribute as html/template writes it: when it starts the
 * attribute (filter), a scheme other than http, https or mailto gives
 * "#ZgotmplZ"; bytes outside RFC 3986's unreserved and reserved sets
 * are percent-encoded (lower-case hex, as Go), then html_gotmpl(). */
void html_gotmpl_url(struct buf *b, const char *s, int filter);

#endif
