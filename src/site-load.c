/* site-load.c - the importer's reader of Hugo's site configuration: walks
 * site_keys[] and looks each key up in the parsed file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dates.h"
#include "frontmatter.h"
#include "import.h"
#include "readfile.h"
#include "site.h"
#include "url.h"
#include "yamldoc.h"

/*
 * The loader sees the parsed file only through look-ups by dotted key and
 * the node accessors of yamldoc.h; any format that yields a yamldoc (YAML,
 * JSON, which libyaml reads as YAML, or a reader building the document
 * with libyaml's yaml_document_add_*()) goes through site_load_doc().
 */

/* Finds the node at a dotted path ("params.author"); NULL if absent. */
static yaml_node_t *
lookup(struct yamldoc *y, const char *dotted)
{
	char part[64];
	yaml_node_t *node = yamldoc_root(y);
	const char *p = dotted;

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

/* Reads the list of {name, url, weight} at node into row k's menu. */
static int
load_menu(struct site *s, const struct site_key *k, struct yamldoc *y,
    yaml_node_t *node, const char *path, struct buf *err)
{
	struct buf key = BUF_INIT, v = BUF_INIT;
	size_t i;
	int rc = -1;

	if (node->type != YAML_SEQUENCE_NODE) {
		buf_printf(err, "%s:%zu: '%s' must be a list of entries with "
		    "name and url", path, yamldoc_line(y, node), k->config);
		return -1;
	}
	site_reset(s, k);
	for (i = 0; i < yamldoc_seq_len(node); i++) {
		yaml_node_t *item = yamldoc_seq_item(y, node, i);
		const char *name = yamldoc_scalar(yamldoc_get(y, item, "name"));
		const char *url = yamldoc_scalar(yamldoc_get(y, item, "url"));
		const char *w = yamldoc_scalar(yamldoc_get(y, item, "weight"));

		if (name == NULL || url == NULL || strchr(name, '\x1f') ||
		    strchr(url, '\x1f')) {
			buf_printf(err, "%s:%zu: each '%s' entry needs a name "
			    "and a url", path, yamldoc_line(y, item), k->config);
			goto out;
		}
		buf_reset(&key);
		buf_reset(&v);
		buf_printf(&key, "%s.%03zu", k->stored, i);
		buf_printf(&v, "%ld\x1f%s\x1f%s", w ? strtol(w, NULL, 10) : 0,
		    name, url);
		site_set(s, buf_cstr(&key), buf_cstr(&v));
	}
	rc = 0;
out:
	buf_free(&key);
	buf_free(&v);
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
		if (v == NULL) {
			buf_printf(err, "%s:%zu: '%s' must be a string", path,
			    line, k->config);
			return -1;
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
		return load_menu(s, k, y, node, path, err);
	case SITE_PERMALINKS:
		return load_permalinks(s, k, y, node, path, err);
	}
	return 0;
}

/* Reads every key of site_keys[] that the parsed document y holds into s
 * (over its current values); path names the file in messages. Returns 0,
 * or -1 with "PATH:LINE: what" appended to err. */
static int
site_load_doc(struct site *s, struct yamldoc *y, const char *path,
    struct buf *err)
{
	const struct site_key *k;
	yaml_node_t *node;

	if (yamldoc_root(y) != NULL &&
	    yamldoc_root(y)->type != YAML_MAPPING_NODE) {
		buf_printf(err, "%s:1: the configuration must be a mapping", path);
		return -1;
	}
	for (k = site_keys; k->config != NULL; k++) {
		if ((node = lookup(y, k->config)) == NULL && k->also != NULL)
			node = lookup(y, k->also);
		if (node != NULL && load_key(s, k, y, node, path, err) != 0)
			return -1;
	}
	return 0;
}

/* A Hugo configuration is a few KiB: anything near this is not one. */
#define SITE_MAX_CONFIG (4 * 1024 * 1024)

int
site_load_file(struct site *s, const char *path, struct buf *err)
{
	struct buf text = BUF_INIT, yerr = BUF_INIT;
	struct yamldoc y;
	size_t n;
	int rc = -1;

	memset(&y, 0, sizeof(y));
	n = strlen(path);
	if (n >= 5 && strcmp(path + n - 5, ".toml") == 0) {
		buf_printf(err, "%s:1: TOML configuration is not supported; "
		    "convert the site once with 'hugo convert toYAML' and "
		    "rename config.toml to hugo.yaml", path);
		return -1;
	}
	switch (readfile_regular(path, 0, NULL, SITE_MAX_CONFIG, &text)) {
	case READFILE_OK:
		break;
	case READFILE_ERRNO:
		buf_printf(err, "%s: %s", path, strerror(errno));
		goto out;
	case READFILE_NOT_REGULAR:
		buf_printf(err, "%s: not a regular file", path);
		goto out;
	case READFILE_TOO_BIG:
		buf_printf(err, "%s:1: larger than %d MiB; not a Hugo "
		    "configuration", path, SITE_MAX_CONFIG / 1024 / 1024);
		goto out;
	}
	if (yamldoc_load(&y, buf_cstr(&text), text.len, 1, &yerr) != 0) {
		buf_printf(err, "%s:%s", path, buf_cstr(&yerr));
		goto out;
	}
	rc = site_load_doc(s, &y, path, err);
out:
	yamldoc_free(&y);
	buf_free(&text);
	buf_free(&yerr);
	return rc;
}
