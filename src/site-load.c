/* site-load.c - the importer's reader of Hugo's site configuration: walks
 * site_keys[] and looks each key up in the parsed files. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dates.h"
#include "frontmatter.h"
#include "ignore.h"
#include "import.h"
#include "readfile.h"
#include "site.h"
#include "url.h"
#include "yamldoc.h"

/*
 * The loader sees the parsed files only through look-ups by dotted key
 * and the node accessors of yamldoc.h, whatever their format (YAML, TOML
 * or JSON: yamldoc_load_as()). Several files make one configuration as
 * Hugo merges them: a key's value is the one of the last file that has
 * it, a file's keys lying under its site_source key when it has one.
 */

/* Finds the node at a dotted path ("params.author") in a document whose
 * keys lie under key under (NULL: at the top); NULL if absent. */
static yaml_node_t *
lookup_in(struct yamldoc *y, const char *under, const char *dotted)
{
	char part[64];
	yaml_node_t *node = yamldoc_root(y);
	const char *p = dotted;
	size_t len;

	if (under != NULL) {
		len = strlen(under);
		/* The file is the whole value of its key (languages.yaml
		 * is languages). */
		if (strcasecmp(p, under) == 0)
			return node;
		if (strncasecmp(p, under, len) != 0 || p[len] != '.')
			return NULL;
		p += len + 1;
	}
	while (node != NULL && *p != '\0') {
		size_t n = strcspn(p, ".");

		if (n >= sizeof(part))
			return NULL;
		memcpy(part, p, n);
		part[n] = '\0';
		node = yamldoc_get(y, node, part);
		p += n;
		if (*p == '.')
			p++;
	}
	return node;
}

/* Appends each scalar of the map node (under the dotted prefix) as
 * "key\x1fvalue\x1e", keys in lower case as Hugo's params are; a list,
 * or a key or value holding a separator byte, is left out. */
static void
flatten_params(struct yamldoc *y, yaml_node_t *node, const char *prefix,
    int depth, struct buf *out)
{
	size_t i;

	for (i = 0; i < yamldoc_map_len(node) && depth < 16; i++) {
		const char *key = yamldoc_scalar(yamldoc_map_key(y, node, i));
		yaml_node_t *v = yamldoc_map_value(y, node, i);
		struct buf path = BUF_INIT;
		const char *p;

		if (key == NULL || strpbrk(key, "\x1e\x1f.") != NULL)
			continue;
		buf_printf(&path, "%s%s", prefix, key);
		for (p = path.data; *p != '\0'; p++)
			path.data[p - path.data] = (char)tolower((unsigned char)*p);
		if (v->type == YAML_MAPPING_NODE) {
			buf_putc(&path, '.');
			flatten_params(y, v, buf_cstr(&path), depth + 1, out);
		} else if (yamldoc_scalar(v) != NULL &&
		    strpbrk(yamldoc_scalar(v), "\x1e\x1f") == NULL) {
			buf_printf(out, "%s\x1f%s\x1e", buf_cstr(&path),
			    yamldoc_scalar(v));
		}
		buf_free(&path);
	}
}

/* Whether v is a whole decimal number (into *n). */
static int
whole_number(const char *v, long *n)
{
	char *end;

	if (v == NULL)
		return 0;
	*n = strtol(v, &end, 10);
	return *end == '\0';
}

/* Reads the list of {name, url, weight} at node into row k's menu, as
 * the entries of language lang ("": the site's own), in place of those
 * read before. */
static int
load_menu(struct site *s, const struct site_key *k, const char *lang,
    struct yamldoc *y, yaml_node_t *node, const char *path, struct buf *err)
{
	struct buf key = BUF_INIT, v = BUF_INIT, guess = BUF_INIT;
	size_t i;
	int rc = -1;

	if (node->type != YAML_SEQUENCE_NODE) {
		buf_printf(err, "%s:%zu: '%s' must be a list of entries with "
		    "name and url", path, yamldoc_line(y, node), k->config);
		return -1;
	}
	site_menu_clear(s, lang);
	for (i = 0; i < yamldoc_seq_len(node); i++) {
		yaml_node_t *item = yamldoc_seq_item(y, node, i);
		const char *name = yamldoc_scalar(yamldoc_get(y, item, "name"));
		const char *url = yamldoc_scalar(yamldoc_get(y, item, "url"));
		const char *ref = yamldoc_scalar(yamldoc_get(y, item, "pageRef"));
		const char *w = yamldoc_scalar(yamldoc_get(y, item, "weight"));
		const char *parent = yamldoc_scalar(yamldoc_get(y, item,
		    "parent"));

		/* An entry under a parent is one of its children, which
		 * PaperMod's header does not show. */
		if (parent != NULL && *parent != '\0')
			continue;
		if (url == NULL && ref != NULL && *ref != '\0') {
			/* Hugo's pageRef: a page or section under content/,
			 * resolved by the importer once pages have URLs. */
			buf_reset(&guess);
			url_ref_route(&guess, ref);
			url = buf_cstr(&guess);
		} else {
			ref = NULL;
		}
		/* Hugo takes an entry with no name (a pageRef's takes the
		 * page's title once resolved) and one with no url: a parent
		 * of others, which PaperMod links to the language's home. */
		if (name == NULL)
			name = "";
		if (url == NULL)
			url = "";
		if (strchr(name, '\x1f') || strchr(url, '\x1f') ||
		    (ref && strchr(ref, '\x1f'))) {
			buf_printf(err, "%s:%zu: a '%s' entry holds a control "
			    "character", path, yamldoc_line(y, item), k->config);
			goto out;
		}
		buf_reset(&key);
		buf_reset(&v);
		if (*lang != '\0')
			buf_printf(&key, "%s.%s.%03zu", k->stored, lang, i);
		else
			buf_printf(&key, "%s.%03zu", k->stored, i);
		buf_printf(&v, "%ld\x1f%s\x1f%s", w ? strtol(w, NULL, 10) : 0,
		    name, url);
		if (ref != NULL)
			buf_printf(&v, "\x1f%s", ref);
		site_set(s, buf_cstr(&key), buf_cstr(&v));
	}
	rc = 0;
out:
	buf_free(&key);
	buf_free(&v);
	buf_free(&guess);
	return rc;
}

/* Reads the map of section to pattern at node into row k's permalinks. */
static int
load_permalinks(struct site *s, const struct site_key *k, struct yamldoc *y,
    yaml_node_t *node, const char *path, struct buf *err)
{
	struct buf key = BUF_INIT;
	size_t i;
	int rc = -1;

	site_reset(s, k);
	for (i = 0; i < yamldoc_map_len(node); i++) {
		const char *sect = yamldoc_scalar(yamldoc_map_key(y, node, i));
		yaml_node_t *vn = yamldoc_map_value(y, node, i);
		const char *v = yamldoc_scalar(vn);
		size_t n;

		/* Hugo trims ' ' and '/' from a key: "/" is the root's. */
		if (sect != NULL) {
			sect += strspn(sect, " /");
			for (n = strlen(sect); n > 0 && (sect[n - 1] == ' ' ||
			    sect[n - 1] == '/'); n--)
				;
		}
		if (sect == NULL || v == NULL || *v == '\0' ||
		    memchr(sect, '/', n) != NULL) {
			buf_printf(err, "%s:%zu: '%s' must map a section to a "
			    "pattern", path, yamldoc_line(y, vn), k->config);
			goto out;
		}
		buf_reset(&key);
		buf_printf(&key, "%.*s", (int)n, sect);
		if (url_permalink_check(v, &key) != 0) {
			buf_printf(err, "%s:%zu: '%s' of section '%.*s': %s", path,
			    yamldoc_line(y, vn), v, (int)n, sect,
			    buf_cstr(&key) + n);
			goto out;
		}
		buf_reset(&key);
		buf_printf(&key, "%s.%.*s", k->stored, (int)n, sect);
		site_set(s, buf_cstr(&key), v);
	}
	rc = 0;
out:
	buf_free(&key);
	return rc;
}

/* The n bytes of code in lower case, as Hugo keys languages, in out
 * (reset first). */
static const char *
lang_code(const char *code, size_t n, struct buf *out)
{
	size_t j;

	buf_reset(out);
	for (j = 0; j < n; j++)
		buf_putc(out, (char)(code[j] >= 'A' && code[j] <= 'Z' ?
		    code[j] - 'A' + 'a' : code[j]));
	return buf_cstr(out);
}

/* Reads a language's own menus (the value of languages.CODE.menus, or
 * its file menus.CODE.toml: {main: [entries]}) at node, when it holds a
 * main menu, as the entries of language code (already lower case). Hugo
 * reads "menu" as "menus". */
static int
load_lang_menus(struct site *s, const char *code, struct yamldoc *y,
    yaml_node_t *node, const char *path, struct buf *err)
{
	const struct site_key *k;
	yaml_node_t *main_menu;

	if (node == NULL || node->type != YAML_MAPPING_NODE ||
	    (main_menu = yamldoc_get(y, node, "main")) == NULL)
		return 0;
	for (k = site_keys; k->type != SITE_MENU; k++)
		;
	return load_menu(s, k, code, y, main_menu, path, err);
}

/* Hugo's list form of names (staticDir, theme, params.images), the
 * sequence at node: appends them to out, \x1f between; -1 when one is
 * no string or holds \x1f. */
static int
join_names(struct yamldoc *y, yaml_node_t *node, struct buf *out)
{
	size_t i;

	for (i = 0; i < yamldoc_seq_len(node); i++) {
		const char *item = yamldoc_scalar(yamldoc_seq_item(y, node,
		    i));

		if (item == NULL || strchr(item, '\x1f'))
			return -1;
		buf_printf(out, "%s%s", i ? "\x1f" : "", item);
	}
	return 0;
}

/* Reads the settings of language code at vn (the value of languages.CODE:
 * {languageName, languageCode, weight, title, contentDir, copyright,
 * params: {description, author, homeInfoParams, images}, menus}; NULL: an empty file,
 * every setting at its default) into row k's langs. Keys Hugo
 * reads without regard to case. */
static int
load_language(struct site *s, const struct site_key *k, struct yamldoc *y,
    const char *code, yaml_node_t *vn, const char *path, struct buf *err)
{
	static const struct { const char *config, *field; } keys[] = {
		{ "languageName", "name" }, { "languageCode", "locale" },
		{ "weight", "weight" }, { "title", "title" },
		{ "contentDir", "contentDir" },
		{ "params.description", "description" },
		{ "params.author", "author" },
		{ "params.homeInfoParams.Title", "homeInfoTitle" },
		{ "params.homeInfoParams.Content", "homeInfoContent" },
		{ "copyright", "copyright" },
		{ "params.images", "images" },
		{ "hasCJKLanguage", "hasCJKLanguage" },
	};
	struct buf key = BUF_INIT, lower = BUF_INIT;
	size_t j;
	int rc = -1;

	if (code == NULL || *code == '\0' || strpbrk(code, "/.\\ ") ||
	    (vn != NULL && vn->type != YAML_MAPPING_NODE)) {
		buf_printf(err, "%s:%zu: '%s' must map a language code to its "
		    "settings", path, vn != NULL ? yamldoc_line(y, vn) : 1,
		    k->config);
		goto out;
	}
	/* Hugo lower-cases language codes. */
	lang_code(code, strlen(code), &lower);
	for (j = 0; j < sizeof(keys) / sizeof(keys[0]); j++) {
		char part[64];
		const char *p = keys[j].config, *v;
		yaml_node_t *at = vn;

		while (at != NULL && *p != '\0') {
			size_t n = strcspn(p, ".");

			memcpy(part, p, n);
			part[n] = '\0';
			at = yamldoc_get(y, at, part);
			p += n + (p[n] == '.');
		}
		if (at == NULL && strcmp(keys[j].field, "author") == 0)
			continue;
		buf_reset(&key);
		buf_printf(&key, "%s.%s.%s", k->stored, buf_cstr(&lower),
		    keys[j].field);
		if (at != NULL && strcmp(keys[j].field, "author") == 0) {
			struct buf a = BUF_INIT;

			fm_author(y, at, &a);
			site_set(s, buf_cstr(&key), buf_cstr(&a));
			buf_free(&a);
			continue;
		}
		if (at != NULL && at->type == YAML_SEQUENCE_NODE &&
		    strcmp(keys[j].field, "images") == 0) {
			struct buf names = BUF_INIT;

			if (join_names(y, at, &names) != 0) {
				buf_printf(err, "%s:%zu: '%s' of language "
				    "'%s' must be a name or a list of names",
				    path, yamldoc_line(y, at), keys[j].config,
				    code);
				buf_free(&names);
				goto out;
			}
			site_set(s, buf_cstr(&key), buf_cstr(&names));
			buf_free(&names);
			continue;
		}
		v = at != NULL ? yamldoc_scalar(at) : NULL;
		if (at != NULL && v == NULL) {
			buf_printf(err, "%s:%zu: '%s' of language '%s' "
			    "must be a string", path,
			    yamldoc_line(y, at), keys[j].config, code);
			goto out;
		}
		/* A language's own hasCJKLanguage, as the site's (Hugo
		 * casts "true" to true): "" leaves the site's. */
		if (v != NULL && strcmp(keys[j].field, "hasCJKLanguage") == 0)
			v = strcasecmp(v, "true") == 0 ? "1" : "0";
		/* Every field is stored, so the language exists
		 * even with no settings. */
		site_set(s, buf_cstr(&key), v != NULL ? v :
		    strcmp(keys[j].field, "weight") == 0 ? "0" : "");
	}
	if (vn != NULL && (load_lang_menus(s, buf_cstr(&lower), y,
	    yamldoc_get(y, vn, "menus"), path, err) != 0 ||
	    load_lang_menus(s, buf_cstr(&lower), y, yamldoc_get(y, vn, "menu"),
	    path, err) != 0))
		goto out;
	rc = 0;
out:
	buf_free(&key);
	buf_free(&lower);
	return rc;
}

/* Reads Hugo's languages map at node: code -> its settings
 * (load_language()), in place of any read before. */
static int
load_languages(struct site *s, const struct site_key *k, struct yamldoc *y,
    yaml_node_t *node, const char *path, struct buf *err)
{
	size_t i;

	if (node->type != YAML_MAPPING_NODE) {
		buf_printf(err, "%s:%zu: '%s' must map a language code to its "
		    "settings", path, yamldoc_line(y, node), k->config);
		return -1;
	}
	site_reset(s, k);
	for (i = 0; i < yamldoc_map_len(node); i++)
		if (load_language(s, k, y, yamldoc_scalar(yamldoc_map_key(y,
		    node, i)), yamldoc_map_value(y, node, i), path, err) != 0)
			return -1;
	return 0;
}

/* mainSections: one name or a list of them. The first is the section the
 * worker lists at /NAME/; the importer marks the pages of every one as
 * posts. An empty list leaves Hugo's default (section.h) to apply. */
static int
load_sections(struct site *s, const struct site_key *k, struct yamldoc *y,
    yaml_node_t *node, const char *path, struct buf *err)
{
	size_t n = node->type == YAML_SEQUENCE_NODE ? yamldoc_seq_len(node) : 1;
	size_t i;

	for (i = 0; i < s->nmain_sections; i++)
		free(s->main_sections[i]);
	free(s->main_sections);
	s->main_sections = xmalloc((n ? n : 1) * sizeof(char *));
	s->nmain_sections = 0;
	for (i = 0; i < n; i++) {
		yaml_node_t *item = node->type == YAML_SEQUENCE_NODE ?
		    yamldoc_seq_item(y, node, i) : node;
		const char *v = yamldoc_scalar(item);

		if (v == NULL) {
			buf_printf(err, "%s:%zu: '%s' must be a section name or "
			    "a list of them", path, yamldoc_line(y, item),
			    k->config);
			return -1;
		}
		if (*v != '\0')
			s->main_sections[s->nmain_sections++] = xstrdup(v);
	}
	if (s->nmain_sections > 0)
		site_set(s, k->stored, s->main_sections[0]);
	return 0;
}

/* taxonomies: a map of singular to plural, as Hugo's (an empty map
 * declares none). Each plural is a URL segment of its own, "tags" in
 * /tags/go/; kept sorted by plural. */
static int
load_taxonomies(struct site *s, const struct site_key *k, struct yamldoc *y,
    yaml_node_t *node, const char *path, struct buf *err)
{
	size_t n = node->type == YAML_MAPPING_NODE ? yamldoc_map_len(node) : 0;
	char **sing = xmalloc((n ? n : 1) * sizeof(char *));
	char **plur = xmalloc((n ? n : 1) * sizeof(char *));
	struct buf v = BUF_INIT;
	size_t i, j, m = 0;
	int rc = -1;

	if (node->type != YAML_MAPPING_NODE &&
	    !(yamldoc_scalar(node) != NULL && *yamldoc_scalar(node) == '\0')) {
		buf_printf(err, "%s:%zu: '%s' must map each taxonomy's singular "
		    "to its plural (tag: tags)", path, yamldoc_line(y, node),
		    k->config);
		goto out;
	}
	for (i = 0; i < n; i++) {
		const char *a = yamldoc_scalar(yamldoc_map_key(y, node, i));
		yaml_node_t *vn = yamldoc_map_value(y, node, i);
		const char *b = yamldoc_scalar(vn);

		if (a == NULL || b == NULL || *a == '\0' || *b == '\0' ||
		    strpbrk(a, "/\\\x1e\x1f") != NULL ||
		    strpbrk(b, "/\\\x1e\x1f") != NULL || strcmp(b, ".") == 0 ||
		    strcmp(b, "..") == 0) {
			buf_printf(err, "%s:%zu: '%s' must map a singular to a "
			    "plural, each a name without '/' (tag: tags)", path,
			    yamldoc_line(y, vn), k->config);
			goto out;
		}
		for (j = m; j > 0 && strcmp(plur[j - 1], b) > 0; j--) {
			plur[j] = plur[j - 1];
			sing[j] = sing[j - 1];
		}
		plur[j] = (char *)b;
		sing[j] = (char *)a;
		m++;
	}
	site_taxonomies_put(&v, sing, plur, m);
	site_set(s, k->stored, buf_cstr(&v));
	rc = 0;
out:
	free(sing);
	free(plur);
	buf_free(&v);
	return rc;
}

/* uglyURLs: true or false, or a map of section to true or false (Hugo
 * 0.33 and later), kept as SITE_UGLY stores it. */
static int
load_ugly(struct site *s, const struct site_key *k, struct yamldoc *y,
    yaml_node_t *node, const char *path, struct buf *err)
{
	struct buf v = BUF_INIT;
	const char *b = yamldoc_scalar(node);
	size_t i;

	if (b != NULL) {
		if (strcasecmp(b, "true") != 0 && strcasecmp(b, "false") != 0)
			goto bad;
		site_set(s, k->stored, strcasecmp(b, "true") == 0 ? "*" : "");
		return 0;
	}
	if (node->type != YAML_MAPPING_NODE)
		goto bad;
	for (i = 0; i < yamldoc_map_len(node); i++) {
		const char *sect = yamldoc_scalar(yamldoc_map_key(y, node, i));
		const char *on = yamldoc_scalar(yamldoc_map_value(y, node, i));

		if (sect == NULL || on == NULL || strchr(sect, '\x1f') ||
		    (strcasecmp(on, "true") != 0 && strcasecmp(on, "false") != 0))
			goto bad;
		if (strcasecmp(on, "true") == 0)
			buf_printf(&v, "%s\x1f", sect);
	}
	site_set(s, k->stored, buf_cstr(&v));
	buf_free(&v);
	return 0;
bad:
	buf_free(&v);
	buf_printf(err, "%s:%zu: '%s' must be true, false or a map of section "
	    "to true or false", path, yamldoc_line(y, node), k->config);
	return -1;
}

/* disableKinds: a list of Hugo's kinds, spelt as Hugo 0.111 spells them
 * ("RSS", "robotsTXT": it compares them as written, and ignores a name
 * it knows no kind by, "rss" too), kept as SITE_KINDS stores them.
 * "taxonomyTerm", the name before Hugo 0.73, is term when taxonomy is
 * also given, else taxonomy, as Hugo reads it. */
static int
load_kinds(struct site *s, const struct site_key *k, struct yamldoc *y,
    yaml_node_t *node, const char *path, struct buf *err)
{
	static const char *const hugo[] = { "home", "page", "section",
	    "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404" };
	static const char *const kinds[] = { "home", "page", "section",
	    "taxonomy", "term", "rss", "sitemap", "robotstxt", "404" };
	struct buf v = BUF_INIT;
	const char *one = yamldoc_scalar(node);
	size_t i, j, n = one != NULL ? 1 : node->type == YAML_SEQUENCE_NODE ?
	    yamldoc_seq_len(node) : 0;
	int on[sizeof(kinds) / sizeof(kinds[0])] = { 0 }, old = 0;

	if (one == NULL && node->type != YAML_SEQUENCE_NODE) {
		buf_printf(err, "%s:%zu: '%s' must be a list of kinds of page",
		    path, yamldoc_line(y, node), k->config);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *name = yamldoc_scalar(one != NULL ? node :
		    yamldoc_seq_item(y, node, i));

		if (name != NULL && strcmp(name, "taxonomyTerm") == 0)
			old = 1;
		for (j = 0; name != NULL && j < sizeof(hugo) / sizeof(hugo[0]);
		    j++)
			if (strcmp(name, hugo[j]) == 0)
				on[j] = 1;
	}
	if (old)
		on[on[3] ? 4 : 3] = 1;	/* taxonomy given: term, else it */
	for (j = 0; j < sizeof(kinds) / sizeof(kinds[0]); j++)
		if (on[j])
			buf_printf(&v, "%s%s", v.len ? " " : "", kinds[j]);
	site_set(s, k->stored, buf_cstr(&v));
	buf_free(&v);
	return 0;	/* taxonomy alone: kinds_refused() */
}

/* Reads row k's value at node into s. Returns 0, or -1 with
 * "PATH:LINE: what" appended to err. */
static int
load_key(struct site *s, const struct site_key *k, struct yamldoc *y,
    yaml_node_t *node, const char *path, struct buf *err)
{
	const char *v = yamldoc_scalar(node);
	size_t line = yamldoc_line(y, node);
	struct buf uerr = BUF_INIT;
	long n;

	switch (k->type) {
	case SITE_STRING:
	case SITE_CHOICE:
	case SITE_ZONE:
		if (strcmp(k->config, "params.author") == 0) {
			/* A string, a list or a map: what PaperMod shows. */
			fm_author(y, node, &uerr);
			site_set(s, k->stored, buf_cstr(&uerr));
			buf_free(&uerr);
			break;
		}
		if (strcmp(k->config, "params") == 0) {
			/* Every scalar under params, for the param
			 * shortcode; a params that is no map holds none. */
			if (node->type == YAML_MAPPING_NODE)
				flatten_params(y, node, "", 0, &uerr);
			site_set(s, k->stored, buf_cstr(&uerr));
			buf_free(&uerr);
			break;
		}
		if (strcmp(k->config, "params.quire.shortcodes") == 0 &&
		    node->type == YAML_MAPPING_NODE) {
			/* A map of a site's name to quire's: stored as
			 * "name=builtin ..." pairs, as the string form. */
			size_t i;

			for (i = 0; i < yamldoc_map_len(node); i++) {
				const char *from = yamldoc_scalar(
				    yamldoc_map_key(y, node, i));
				const char *to = yamldoc_scalar(
				    yamldoc_map_value(y, node, i));

				if (from == NULL || to == NULL ||
				    strpbrk(from, " ,=\t\n") != NULL ||
				    strpbrk(to, " ,=\t\n") != NULL) {
					buf_printf(err, "%s:%zu: '%s' maps a "
					    "shortcode name onto another: both "
					    "single words", path, line, k->config);
					buf_free(&uerr);
					return -1;
				}
				buf_printf(&uerr, "%s%s=%s", i ? " " : "", from,
				    to);
			}
			site_set(s, k->stored, buf_cstr(&uerr));
			buf_free(&uerr);
			break;
		}
		if (strcmp(k->config, "ignoreFiles") == 0) {
			/* A pattern or a list of them (Go's regexp syntax),
			 * stored one a line; each must compile. */
			size_t i, count = node->type == YAML_SEQUENCE_NODE ?
			    yamldoc_seq_len(node) : 1;

			for (i = 0; i < count; i++) {
				yaml_node_t *item = node->type ==
				    YAML_SEQUENCE_NODE ?
				    yamldoc_seq_item(y, node, i) : node;
				const char *re = yamldoc_scalar(item);
				struct buf why = BUF_INIT;

				if (re == NULL || strchr(re, '\n') != NULL) {
					buf_printf(err, "%s:%zu: '%s' must be a "
					    "regular expression or a list of "
					    "them, each on one line", path,
					    item ? yamldoc_line(y, item) : line,
					    k->config);
					buf_free(&uerr);
					return -1;
				}
				if (ignore_check(re, &why) != 0) {
					buf_printf(err, "%s:%zu: '%s': %s: %s",
					    path, yamldoc_line(y, item),
					    k->config, re, buf_cstr(&why));
					buf_free(&why);
					buf_free(&uerr);
					return -1;
				}
				buf_printf(&uerr, "%s%s", i ? "\n" : "", re);
			}
			site_set(s, k->stored, buf_cstr(&uerr));
			buf_free(&uerr);
			break;
		}
		if ((strcmp(k->config, "staticDir") == 0 ||
		    strcmp(k->config, "theme") == 0 ||
		    strcmp(k->config, "params.images") == 0) &&
		    node->type == YAML_SEQUENCE_NODE) {
			if (join_names(y, node, &uerr) != 0) {
				buf_printf(err, "%s:%zu: '%s' must be a "
				    "name or a list of names", path,
				    line, k->config);
				buf_free(&uerr);
				return -1;
			}
			site_set(s, k->stored, buf_cstr(&uerr));
			buf_free(&uerr);
			break;
		}
		if (v == NULL) {
			buf_printf(err, "%s:%zu: '%s' must be a string", path,
			    line, k->config);
			return -1;
		}
		if (strcmp(k->config, "params.DateFormat") == 0 &&
		    (*v == '\0' || (*v == ':' && date_cldr_layout(v) < 0))) {
			/* Hugo writes a time (:time_long) or nothing;
			 * PaperMod's default stays. */
			buf_printf(err, "%s:%zu: warning: '%s' '%s' is no date "
			    "layout quire writes (a Go layout, or :date_full, "
			    ":date_long, :date_medium, :date_short); dates are "
			    "shown as '%s'\n", path, line, k->config, v, k->def);
			break;
		}
		site_set(s, k->stored, v);
		if (k->type == SITE_ZONE && !date_zone_known(v)) {
			buf_printf(err, "%s:%zu: unknown %s '%s'", path, line,
			    k->config, v);
			return -1;
		}
		break;
	case SITE_SECTION:
		return load_sections(s, k, y, node, path, err);
	case SITE_NUMBER:
		if (!whole_number(v, &n) || n < k->min || n > k->max) {
			buf_printf(err, "%s:%zu: '%s' must be a number from %ld "
			    "to %ld", path, line, k->config, k->min, k->max);
			return -1;
		}
		site_set(s, k->stored, v);
		break;
	case SITE_LIMIT:
		if (!whole_number(v, &n)) {
			buf_printf(err, "%s:%zu: '%s' must be a number", path,
			    line, k->config);
			return -1;
		}
		site_set(s, k->stored, v);
		break;
	case SITE_BOOL:
		site_set(s, k->stored, v != NULL &&
		    strcasecmp(v, "true") == 0 ? "1" : "0");
		if (v == NULL || strcasecmp(v, "true") != 0)
			break;
		if (strcmp(k->config, "markup.highlight.noClasses") == 0)
			buf_printf(err, "%s:%zu: warning: '%s' is true: quire "
			    "writes Chroma's classes, never style attributes "
			    "(its Content-Security-Policy allows no inline "
			    "style); its stylesheet gives the colours\n", path,
			    line, k->config);
		if (strcmp(k->config, "markup.highlight.guessSyntax") == 0)
			buf_printf(err, "%s:%zu: warning: '%s' is true: quire "
			    "has no language detection; a block with no or an "
			    "unknown language is shown unhighlighted, as "
			    "Chroma's fallback lexer writes it\n", path, line,
			    k->config);
		break;
	case SITE_FLAG:
		if (v == NULL || (strcasecmp(v, "true") != 0 &&
		    strcasecmp(v, "false") != 0)) {
			buf_printf(err, "%s:%zu: '%s' must be true or false",
			    path, line, k->config);
			return -1;
		}
		site_set(s, k->stored, strcasecmp(v, "true") == 0 ? "1" : "0");
		break;
	case SITE_BASE_URL:
		if (v == NULL || site_set_base_url(s, v, &uerr) != 0) {
			if (v == NULL)
				buf_printf(err, "%s:%zu: '%s' must be a string",
				    path, line, k->config);
			else
				buf_printf(err, "%s:%zu: %s", path, line,
				    buf_cstr(&uerr));
			buf_free(&uerr);
			return -1;
		}
		break;
	case SITE_MENU:
		return load_menu(s, k, "", y, node, path, err);
	case SITE_PERMALINKS:
		return load_permalinks(s, k, y, node, path, err);
	case SITE_TAXONOMIES:
		return load_taxonomies(s, k, y, node, path, err);
	case SITE_LANGUAGES:
		return load_languages(s, k, y, node, path, err);
	case SITE_UGLY:
		return load_ugly(s, k, y, node, path, err);
	case SITE_KINDS:
		return load_kinds(s, k, y, node, path, err);
	}
	return 0;
}

/* One parsed file of a configuration. */
struct loaded {
	struct yamldoc doc;
	const char *path;
	const char *under;	/* the key its keys lie under, or NULL */
};

/* The node of dotted key, or else of its row's other key also (may be
 * NULL), in the last of the n files that has one (its file in *from);
 * NULL if none has. Hugo reads menus under "menus" as well as "menu". */
static yaml_node_t *
lookup(struct loaded *f, size_t n, const char *dotted, const char *also,
    struct loaded **from)
{
	struct buf alias = BUF_INIT;
	yaml_node_t *node = NULL;
	size_t i;

	if (strncmp(dotted, "menu.", 5) == 0)
		buf_printf(&alias, "menus.%s", dotted + 5);
	for (i = n; i-- > 0 && node == NULL; ) {
		node = lookup_in(&f[i].doc, f[i].under, dotted);
		if (node == NULL && also != NULL)
			node = lookup_in(&f[i].doc, f[i].under, also);
		if (node == NULL && alias.len > 0)
			node = lookup_in(&f[i].doc, f[i].under,
			    buf_cstr(&alias));
		*from = &f[i];
	}
	buf_free(&alias);
	return node;
}

/* Does the disableKinds list at node name "taxonomyTerm"? */
static int
names_taxonomy_term(struct yamldoc *doc, yaml_node_t *node)
{
	size_t i;

	if (yamldoc_scalar(node) != NULL)
		return strcmp(yamldoc_scalar(node), "taxonomyTerm") == 0;
	for (i = 0; node->type == YAML_SEQUENCE_NODE &&
	    i < yamldoc_seq_len(node); i++) {
		const char *v = yamldoc_scalar(yamldoc_seq_item(doc, node, i));

		if (v != NULL && strcmp(v, "taxonomyTerm") == 0)
			return 1;
	}
	return 0;
}

/* Hugo 0.111 stops the build when disableKinds names "taxonomy" (whose
 * meaning 0.73 changed) unless ignoreErrors lists
 * "error-disable-taxonomy": so does quire, naming the file and line of
 * disableKinds (node in doc at path). Returns 0 or -1 (err set). */
static int
kinds_refused(const struct site *s, struct loaded *f, size_t n,
    struct yamldoc *doc, yaml_node_t *node, const char *path,
    struct buf *err)
{
	struct loaded *from;
	yaml_node_t *ignore;
	size_t i;

	if (!site_kind_off(s, "taxonomy") || site_kind_off(s, "term") ||
	    names_taxonomy_term(doc, node))
		return 0;
	ignore = lookup(f, n, "ignoreErrors", NULL, &from);
	if (ignore != NULL && yamldoc_scalar(ignore) != NULL &&
	    strcasecmp(yamldoc_scalar(ignore), "error-disable-taxonomy") == 0)
		return 0;
	for (i = 0; ignore != NULL && ignore->type == YAML_SEQUENCE_NODE &&
	    i < yamldoc_seq_len(ignore); i++) {
		const char *v = yamldoc_scalar(yamldoc_seq_item(&from->doc,
		    ignore, i));

		if (v != NULL && strcasecmp(v, "error-disable-taxonomy") == 0)
			return 0;
	}
	buf_printf(err, "%s:%zu: disableKinds names 'taxonomy' but not "
	    "'term': since Hugo 0.73 that is the list of a taxonomy's terms "
	    "alone (the old 'taxonomyTerm'), and Hugo 0.111 stops there "
	    "unless ignoreErrors lists error-disable-taxonomy", path,
	    yamldoc_line(doc, node));
	return -1;
}

/* markup.goldmark settings quire reads no row of, with the value of each
 * that it renders as (Hugo 0.111's default); "" for a value to ignore.
 * Any other value is warned of. (definitionList has a row: a page that
 * uses one is warned of, import.c.) */
static const struct {
	const char *key, *honoured;
} goldmark_fixed[] = {
	{ "renderer.xhtml", "" },	/* cmark-gfm writes <br />: README */
	{ "extensions.linkifyProtocol", "https" },
	{ "parser.attribute.title", "true" },
	{ "parser.attribute.block", "false" },
	{ "parser.wrapStandAloneImageWithinParagraph", "true" },
};

/* Appends a warning for each markup.goldmark setting of node (at dotted
 * key prefix, in doc from path) that quire does not honour: one that
 * changes Hugo's output and that no row of site_keys[] reads. */
static void
goldmark_warnings(struct yamldoc *doc, yaml_node_t *node, const char *prefix,
    const char *path, struct buf *err)
{
	size_t i, j;

	for (i = 0; node->type == YAML_MAPPING_NODE &&
	    i < yamldoc_map_len(node); i++) {
		const char *name = yamldoc_scalar(yamldoc_map_key(doc, node, i));
		yaml_node_t *v = yamldoc_map_value(doc, node, i);
		const struct site_key *k;
		struct buf key = BUF_INIT;
		const char *val;

		if (name == NULL || v == NULL)
			continue;
		buf_printf(&key, "%s.%s", prefix, name);
		for (k = site_keys; k->config != NULL &&
		    strcasecmp(k->config, buf_cstr(&key)) != 0; k++)
			;
		if (k->config != NULL) {
			buf_free(&key);
			continue;
		}
		if (v->type == YAML_MAPPING_NODE) {
			goldmark_warnings(doc, v, buf_cstr(&key), path, err);
			buf_free(&key);
			continue;
		}
		val = yamldoc_scalar(v);
		for (j = 0; j < sizeof(goldmark_fixed) / sizeof(goldmark_fixed[0]);
		    j++)
			if (strcasecmp(buf_cstr(&key) + strlen("markup.goldmark."),
			    goldmark_fixed[j].key) == 0)
				break;
		if (j < sizeof(goldmark_fixed) / sizeof(goldmark_fixed[0]) &&
		    (*goldmark_fixed[j].honoured == '\0' || (val != NULL &&
		    strcasecmp(val, goldmark_fixed[j].honoured) == 0))) {
			buf_free(&key);
			continue;
		}
		if (j < sizeof(goldmark_fixed) / sizeof(goldmark_fixed[0]))
			buf_printf(err, "%s:%zu: warning: '%s' is not honoured: "
			    "quire renders Markdown as with %s\n", path,
			    yamldoc_line(doc, v), buf_cstr(&key),
			    goldmark_fixed[j].honoured);
		else
			buf_printf(err, "%s:%zu: warning: '%s' is a setting "
			    "quire does not read; Markdown is rendered without "
			    "it\n", path, yamldoc_line(doc, v), buf_cstr(&key));
		buf_free(&key);
	}
}

/* Does the mount item (a mapping) hold only the keys source, target
 * and lang, the first two strings, target "content"? */
static int
content_mount(struct yamldoc *y, yaml_node_t *item)
{
	const char *target;
	size_t i;

	if (item == NULL || item->type != YAML_MAPPING_NODE ||
	    yamldoc_scalar(yamldoc_get(y, item, "source")) == NULL ||
	    (target = yamldoc_scalar(yamldoc_get(y, item, "target"))) == NULL ||
	    strcmp(target, "content") != 0)
		return 0;
	for (i = 0; i < yamldoc_map_len(item); i++) {
		const char *key = yamldoc_scalar(yamldoc_map_key(y, item, i));

		if (key == NULL || (strcasecmp(key, "source") != 0 &&
		    strcasecmp(key, "target") != 0 &&
		    strcasecmp(key, "lang") != 0))
			return 0;
	}
	return 1;
}

/* module.mounts, which replace Hugo's content folder. quire maps one
 * form exactly: each mount's target is content, one a language (lang),
 * every language has one (or, with no languages, one mount without
 * lang): the same as each language's contentDir (the site's) being its
 * source. Any other form is a warning appended to err: quire reads
 * contentDir only. */
static void
load_mounts(struct site *s, struct loaded *f, size_t n, struct buf *err)
{
	struct loaded *from;
	struct buf key = BUF_INIT, code = BUF_INIT;
	yaml_node_t *node = lookup(f, n, "module.mounts", NULL, &from);
	struct yamldoc *y;
	size_t i, j, len;
	unsigned long long used = 0;
	int ok;

	if (node == NULL)
		return;
	y = &from->doc;
	len = node->type == YAML_SEQUENCE_NODE ? yamldoc_seq_len(node) : 0;
	ok = len > 0 && len == (s->nlangs > 0 ? s->nlangs : 1) && len <= 64;
	for (i = 0; i < len && ok; i++) {
		yaml_node_t *item = yamldoc_seq_item(y, node, i);
		const char *lang;

		ok = content_mount(y, item);
		if (!ok)
			break;
		lang = yamldoc_scalar(yamldoc_get(y, item, "lang"));
		if (s->nlangs == 0) {
			ok = lang == NULL;
			continue;
		}
		buf_reset(&code);
		if (lang != NULL)
			lang_code(lang, strlen(lang), &code);
		for (j = 0; lang != NULL && j < s->nlangs &&
		    strcmp(s->langs[j].code, buf_cstr(&code)) != 0; j++)
			;
		ok = lang != NULL && j < s->nlangs && !(used & (1ULL << j));
		if (ok)
			used |= 1ULL << j;
	}
	for (i = 0; i < len && ok; i++) {
		yaml_node_t *item = yamldoc_seq_item(y, node, i);
		const char *lang = yamldoc_scalar(yamldoc_get(y, item, "lang"));
		const char *source = yamldoc_scalar(yamldoc_get(y, item,
		    "source"));

		buf_reset(&key);
		if (lang == NULL) {
			buf_puts(&key, "contentDir");
		} else {
			buf_reset(&code);
			lang_code(lang, strlen(lang), &code);
			buf_printf(&key, "lang.%s.contentDir", buf_cstr(&code));
		}
		site_set(s, buf_cstr(&key), source);
	}
	if (!ok)
		buf_printf(err, "%s:%zu: warning: 'module.mounts': quire "
		    "ignores module mounts and reads contentDir only "
		    "(content/ by default, and each language's)\n",
		    from->path, yamldoc_line(y, node));
	buf_free(&key);
	buf_free(&code);
}

/* Reads every key of site_keys[] that the n parsed files hold into s
 * (over its current values). Returns 0, or -1 with "PATH:LINE: what"
 * appended to err. */
static int
site_load_docs(struct site *s, struct loaded *f, size_t n, struct buf *err)
{
	const struct site_key *k;
	struct loaded *from;
	yaml_node_t *node;
	struct buf lower = BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		if (yamldoc_root(&f[i].doc) != NULL &&
		    yamldoc_root(&f[i].doc)->type != YAML_MAPPING_NODE) {
			buf_printf(err, "%s:1: the configuration must be a "
			    "mapping", f[i].path);
			return -1;
		}
	for (k = site_keys; k->config != NULL; k++) {
		if ((node = lookup(f, n, k->config, k->also, &from)) != NULL &&
		    load_key(s, k, &from->doc, node, from->path, err) != 0)
			goto fail;
		if (node != NULL && k->type == SITE_KINDS &&
		    kinds_refused(s, f, n, &from->doc, node, from->path,
		    err) != 0)
			goto fail;
		/* A file of one language (config/_default/languages.fr.toml:
		 * under "languages.fr") is that language's settings, over
		 * the languages map's; menus.fr.toml (under
		 * "languages.fr.menus") its menus. */
		for (i = 0; k->type == SITE_LANGUAGES && i < n; i++) {
			const char *code, *dot;

			if (f[i].under == NULL || strncasecmp(f[i].under,
			    "languages.", 10) != 0)
				continue;
			code = f[i].under + 10;
			dot = strchr(code, '.');
			if (dot == NULL && load_language(s, k, &f[i].doc, code,
			    yamldoc_root(&f[i].doc), f[i].path, err) != 0)
				goto fail;
			if (dot != NULL && strcasecmp(dot, ".menus") == 0 &&
			    load_lang_menus(s, lang_code(code, (size_t)(dot -
			    code), &lower), &f[i].doc, yamldoc_root(&f[i].doc),
			    f[i].path, err) != 0)
				goto fail;
		}
	}
	for (i = 0; i < n; i++) {
		node = lookup_in(&f[i].doc, f[i].under, "markup.goldmark");
		if (node != NULL)
			goldmark_warnings(&f[i].doc, node, "markup.goldmark",
			    f[i].path, err);
	}
	load_mounts(s, f, n, err);
	buf_free(&lower);
	site_lang_roots(s);
	return 0;
fail:
	buf_free(&lower);
	return -1;
}

/* A Hugo configuration is a few KiB: anything near this is not one. */
#define SITE_MAX_CONFIG (4 * 1024 * 1024)

/* Reads the file at path into f->doc in the format its name says. */
static int
load_one(struct loaded *f, struct buf *err)
{
	struct buf text = BUF_INIT, yerr = BUF_INIT;
	int rc = -1;

	switch (readfile_regular(f->path, 0, NULL, SITE_MAX_CONFIG, &text)) {
	case READFILE_OK:
		break;
	case READFILE_ERRNO:
		buf_printf(err, "%s: %s", f->path, strerror(errno));
		goto out;
	case READFILE_NOT_REGULAR:
		buf_printf(err, "%s: not a regular file", f->path);
		goto out;
	case READFILE_TOO_BIG:
		buf_printf(err, "%s:1: larger than %d MiB; not a Hugo "
		    "configuration", f->path, SITE_MAX_CONFIG / 1024 / 1024);
		goto out;
	}
	if (yamldoc_load_as(yamldoc_format_of(f->path), &f->doc,
	    buf_cstr(&text), text.len, 1, &yerr) != 0) {
		buf_printf(err, "%s:%s", f->path, buf_cstr(&yerr));
		goto out;
	}
	rc = 0;
out:
	buf_free(&text);
	buf_free(&yerr);
	return rc;
}

int
site_load_files(struct site *s, const struct site_source *src, size_t n,
    struct buf *err)
{
	struct loaded *f = xmalloc((n ? n : 1) * sizeof(*f));
	size_t i, done;
	int rc = -1;

	memset(f, 0, (n ? n : 1) * sizeof(*f));
	for (done = 0; done < n; done++) {
		f[done].path = src[done].path;
		f[done].under = src[done].key;
		if (load_one(&f[done], err) != 0) {
			done++;
			goto out;
		}
	}
	rc = site_load_docs(s, f, n, err);
out:
	for (i = 0; i < done; i++)
		yamldoc_free(&f[i].doc);
	free(f);
	return rc;
}

int
site_load_file(struct site *s, const char *path, struct buf *err)
{
	struct site_source src = { path, NULL };

	return site_load_files(s, &src, 1, err);
}
