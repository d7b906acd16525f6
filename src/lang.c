/* lang.c - the language of a content file, as Hugo 0.111 decides it:
 * the contentDir it lies in, else its NAME.LANG.md suffix, else the
 * default language (importer only). */
#include <string.h>

#include "lang.h"
#include "site.h"
#include "url.h"

/* Appends the folder of contentDir d relative to content/ (see
 * lang_content_prefix()). */
static void
dir_prefix(const char *d, struct buf *out)
{
	size_t n;

	while (d[0] == '.' && d[1] == '/')
		d += 2;
	n = strlen(d);
	while (n > 0 && d[n - 1] == '/')
		n--;
	if (n == 0 || (n == 7 && strncmp(d, "content", 7) == 0))
		return;
	if (strncmp(d, "content/", 8) == 0)
		buf_printf(out, "%.*s/", (int)(n - 8), d + 8);
	else
		buf_printf(out, "../%.*s/", (int)n, d);
}

void
lang_site_prefix(const struct site *s, struct buf *out)
{
	if (s->content_dir != NULL)
		dir_prefix(s->content_dir, out);
}

int
lang_content_prefix(const struct site *s, const char *lang,
    struct buf *out)
{
	const struct site_lang *l = site_lang_find(s, lang);
	struct buf own = BUF_INIT, site = BUF_INIT;
	int is_own;

	lang_site_prefix(s, &site);
	if (l != NULL && *l->content_dir != '\0')
		dir_prefix(l->content_dir, &own);
	is_own = l != NULL && *l->content_dir != '\0' &&
	    strcmp(buf_cstr(&own), buf_cstr(&site)) != 0;
	buf_puts(out, buf_cstr(is_own ? &own : &site));
	buf_free(&own);
	buf_free(&site);
	return is_own;
}

/* Is code one of the site's languages (the default one counts when the
 * config declares none)? */
static int
is_language(const struct site *s, const char *code, size_t len)
{
	size_t i;

	if (s->nlangs == 0)
		return strlen(s->default_lang) == len &&
		    strncmp(s->default_lang, code, len) == 0;
	for (i = 0; i < s->nlangs; i++)
		if (strlen(s->langs[i].code) == len &&
		    strncmp(s->langs[i].code, code, len) == 0)
			return 1;
	return 0;
}

const char *
lang_of_file(const struct site *s, const char *source, struct buf *path)
{
	struct buf prefix = BUF_INIT;
	const char *lang = s->default_lang, *rest = source, *base, *dot;
	const char *end;
	size_t i, ext, best = 0;
	int found = 0;

	/* The longest contentDir holding the file; of languages sharing
	 * one (the site's contentDir, which each language naming none
	 * has), the default language, else the first (Hugo 0.111). */
	if (s->nlangs == 0) {
		lang_site_prefix(s, &prefix);
		if (strncmp(source, buf_cstr(&prefix), prefix.len) == 0)
			best = prefix.len;
	}
	for (i = 0; i < s->nlangs; i++) {
		buf_reset(&prefix);
		lang_content_prefix(s, s->langs[i].code, &prefix);
		if (strncmp(source, buf_cstr(&prefix), prefix.len) != 0 ||
		    (found && prefix.len < best) || (found &&
		    prefix.len == best && strcmp(s->langs[i].code,
		    s->default_lang) != 0))
			continue;
		found = 1;
		best = prefix.len;
		lang = s->langs[i].code;
	}
	buf_free(&prefix);
	rest = source + best;
	/* "NAME.LANG.EXT", EXT one of the content extensions
	 * (url_content_ext()): the last dot before it. */
	base = strrchr(rest, '/');
	base = base ? base + 1 : rest;
	end = base + strlen(base);
	if ((ext = url_content_ext(base)) > 0) {
		end -= ext;
		for (dot = end; dot > base && dot[-1] != '.'; dot--)
			;
		if (dot > base + 1 && is_language(s, dot, (size_t)(end - dot))) {
			buf_add(path, rest, (size_t)(dot - 1 - rest));
			buf_puts(path, end);
			for (i = 0; i < s->nlangs; i++)
				if (strlen(s->langs[i].code) ==
				    (size_t)(end - dot) &&
				    strncmp(s->langs[i].code, dot,
				    (size_t)(end - dot)) == 0)
					return s->langs[i].code;
			return s->default_lang;
		}
	}
	buf_puts(path, rest);
	return lang;
}

void
lang_site_path(struct buf *out, const char *source, size_t n)
{
	if (n >= 3 && strncmp(source, "../", 3) == 0)
		buf_add(out, source + 3, n - 3);
	else {
		buf_puts(out, "content/");
		buf_add(out, source, n);
	}
}
