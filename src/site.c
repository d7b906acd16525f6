/* site.c - Hugo's site configuration (hugo.yaml / config.yaml). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dates.h"
#include "site.h"
#include "yamldoc.h"

/* Stored keys and YAML paths of the theme options, by enum site_flag. */
static const char *const flag_keys[FLAG__MAX] = {
	"ShowReadingTime", "ShowWordCount", "ShowToc", "TocOpen",
	"ShowBreadCrumbs", "ShowPostNavLinks", "ShowRelated", "ShowCodeCopyButtons",
};

static void
set_str(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value ? value : "");
}

void
site_init(struct site *s)
{
	memset(s, 0, sizeof(*s));
	set_str(&s->title, "");
	set_str(&s->author, "");
	set_str(&s->description, "");
	set_str(&s->timezone, "UTC");
	set_str(&s->main_section, "posts");
	set_str(&s->language, "");
	set_str(&s->default_theme, "auto");
	set_str(&s->home_title, "");
	set_str(&s->home_content, "");
	for (int i = 0; i < FLAG__MAX; i++)
		s->flags[i] = -1;
	site_set_base_url(s, SITE_DEFAULT_BASE_URL, NULL);
	s->paginate = 10;
	s->rss_limit = -1;
}

static void
clear_permalinks(struct site *s)
{
	size_t i;

	for (i = 0; i < s->npermalinks; i++) {
		free(s->permalinks[i].section);
		free(s->permalinks[i].pattern);
	}
	free(s->permalinks);
	s->permalinks = NULL;
	s->npermalinks = 0;
}

static void
add_permalink(struct site *s, const char *section, const char *pattern)
{
	s->permalinks = xrealloc(s->permalinks,
	    (s->npermalinks + 1) * sizeof(*s->permalinks));
	s->permalinks[s->npermalinks].section = xstrdup(section);
	s->permalinks[s->npermalinks].pattern = xstrdup(pattern);
	s->npermalinks++;
}

static void
clear_menu(struct site *s)
{
	size_t i;

	for (i = 0; i < s->nmenu; i++) {
		free(s->menu[i].name);
		free(s->menu[i].url);
	}
	free(s->menu);
	s->menu = NULL;
	s->nmenu = 0;
}

/* Adds a menu entry, keeping the menu ordered by weight, then name. */
static void
add_menu(struct site *s, const char *name, const char *url, long weight)
{
	size_t i;

	s->menu = xrealloc(s->menu, (s->nmenu + 1) * sizeof(*s->menu));
	for (i = s->nmenu; i > 0; i--) {
		struct menu_item *m = &s->menu[i - 1];

		if (m->weight < weight || (m->weight == weight &&
		    strcmp(m->name, name) <= 0))
			break;
		s->menu[i] = *m;
	}
	s->menu[i].name = xstrdup(name);
	s->menu[i].url = xstrdup(url);
	s->menu[i].weight = weight;
	s->nmenu++;
}

int
site_flag(const struct site *s, enum site_flag f)
{
	if (s->flags[f] >= 0)
		return s->flags[f];
	return f != FLAG_TOC_OPEN;
}

void
site_free(struct site *s)
{
	free(s->title);
	free(s->base_url);
	free(s->base_path);
	free(s->author);
	free(s->description);
	free(s->timezone);
	free(s->main_section);
	free(s->language);
	free(s->default_theme);
	free(s->home_title);
	free(s->home_content);
	clear_menu(s);
	clear_permalinks(s);
	memset(s, 0, sizeof(*s));
}

int
site_set_base_url(struct site *s, const char *url, struct buf *err)
{
	const char *host, *path;
	struct buf b = BUF_INIT;

	if (strncasecmp(url, "http://", 7) == 0)
		host = url + 7;
	else if (strncasecmp(url, "https://", 8) == 0)
		host = url + 8;
	else {
		if (err != NULL)
			buf_printf(err, "baseURL '%s' must start with http:// "
			    "or https://", url);
		return -1;
	}
	if (*host == '\0' || *host == '/' ||
	    strpbrk(url, " \t\r\n\"'<>?#&\\`{}|^") ||
	    strstr(host, "..") != NULL) {
		if (err != NULL)
			buf_printf(err, "baseURL '%s' is not a valid URL", url);
		return -1;
	}
	path = strchr(host, '/');
	buf_puts(&b, url);
	if (b.data[b.len - 1] != '/')
		buf_putc(&b, '/');
	free(s->base_url);
	s->base_url = buf_detach(&b);
	buf_puts(&b, path ? path : "/");
	if (b.data[b.len - 1] != '/')
		buf_putc(&b, '/');
	free(s->base_path);
	s->base_path = buf_detach(&b);
	return 0;
}

void
site_set(struct site *s, const char *key, const char *value)
{
	char *end;
	long n;

	if (strcmp(key, "title") == 0) {
		set_str(&s->title, value);
	} else if (strcmp(key, "baseURL") == 0) {
		site_set_base_url(s, value, NULL);
	} else if (strcmp(key, "author") == 0) {
		set_str(&s->author, value);
	} else if (strcmp(key, "description") == 0) {
		set_str(&s->description, value);
	} else if (strcmp(key, "timeZone") == 0) {
		set_str(&s->timezone, value);
	} else if (strcmp(key, "mainSections") == 0) {
		set_str(&s->main_section, value);
	} else if (strcmp(key, "paginate") == 0) {
		n = strtol(value, &end, 10);
		if (*end == '\0' && n > 0 && n <= 1000)
			s->paginate = n;
	} else if (strcmp(key, "rssLimit") == 0) {
		n = strtol(value, &end, 10);
		if (*end == '\0')
			s->rss_limit = n > 0 ? n : -1;
	} else if (strcmp(key, "unsafe") == 0) {
		s->unsafe = strcmp(value, "1") == 0;
	} else if (strcmp(key, "fullFeed") == 0) {
		s->full_feed = strcmp(value, "1") == 0;
	} else if (strcmp(key, "languageCode") == 0) {
		set_str(&s->language, value);
	} else if (strcmp(key, "defaultTheme") == 0) {
		set_str(&s->default_theme, strcmp(value, "light") == 0 ||
		    strcmp(value, "dark") == 0 ? value : "auto");
	} else if (strcmp(key, "homeInfoTitle") == 0) {
		set_str(&s->home_title, value);
	} else if (strcmp(key, "homeInfoContent") == 0) {
		set_str(&s->home_content, value);
	} else if (strncmp(key, "menu.", 5) == 0) {
		/* "weight\x1fname\x1furl" */
		const char *a = strchr(value, '\x1f'), *b2 = a ? strchr(a + 1,
		    '\x1f') : NULL;

		if (a != NULL && b2 != NULL) {
			char *name = xstrndup(a + 1, (size_t)(b2 - a - 1));

			add_menu(s, name, b2 + 1, strtol(value, NULL, 10));
			free(name);
		}
	} else if (strncmp(key, "params.", 7) == 0) {
		for (int i = 0; i < FLAG__MAX; i++)
			if (strcmp(key + 7, flag_keys[i]) == 0)
				s->flags[i] = strcmp(value, "1") == 0;
	} else if (strncmp(key, "permalinks.", 11) == 0) {
		add_permalink(s, key + 11, value);
	}
}

void
site_each(const struct site *s,
    void (*put)(const char *key, const char *value, void *arg), void *arg)
{
	char num[32];
	size_t i;
	struct buf key = BUF_INIT;

	put("title", s->title, arg);
	put("baseURL", s->base_url, arg);
	put("author", s->author, arg);
	put("description", s->description, arg);
	put("timeZone", s->timezone, arg);
	put("mainSections", s->main_section, arg);
	snprintf(num, sizeof(num), "%ld", s->paginate);
	put("paginate", num, arg);
	snprintf(num, sizeof(num), "%ld", s->rss_limit);
	put("rssLimit", num, arg);
	put("unsafe", s->unsafe ? "1" : "0", arg);
	put("fullFeed", s->full_feed ? "1" : "0", arg);
	put("languageCode", s->language, arg);
	put("defaultTheme", s->default_theme, arg);
	put("homeInfoTitle", s->home_title, arg);
	put("homeInfoContent", s->home_content, arg);
	for (i = 0; i < FLAG__MAX; i++) {
		if (s->flags[i] < 0)
			continue;
		buf_reset(&key);
		buf_printf(&key, "params.%s", flag_keys[i]);
		put(buf_cstr(&key), s->flags[i] ? "1" : "0", arg);
	}
	for (i = 0; i < s->nmenu; i++) {
		struct buf v = BUF_INIT;

		buf_reset(&key);
		buf_printf(&key, "menu.%03zu", i);
		buf_printf(&v, "%ld\x1f%s\x1f%s", s->menu[i].weight,
		    s->menu[i].name, s->menu[i].url);
		put(buf_cstr(&key), buf_cstr(&v), arg);
		buf_free(&v);
	}
	for (i = 0; i < s->npermalinks; i++) {
		buf_reset(&key);
		buf_printf(&key, "permalinks.%s", s->permalinks[i].section);
		put(buf_cstr(&key), s->permalinks[i].pattern, arg);
	}
	buf_free(&key);
}

/* Reads a scalar at a dotted path ("params.author"); NULL if absent. */
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

int
site_load_file(struct site *s, const char *path, struct buf *err)
{
	FILE *f;
	struct buf text = BUF_INIT, yerr = BUF_INIT;
	struct yamldoc y;
	yaml_node_t *node;
	char chunk[8192];
	size_t n, i;
	const char *v;
	int rc = -1;
	static const struct {
		const char *yaml;
		const char *key;
	} strings[] = {
		{ "title", "title" },
		{ "params.author", "author" },
		{ "params.description", "description" },
		{ "timeZone", "timeZone" },
		{ "languageCode", "languageCode" },
		{ "params.defaultTheme", "defaultTheme" },
		{ "params.homeInfoParams.Title", "homeInfoTitle" },
		{ "params.homeInfoParams.Content", "homeInfoContent" },
	};

	memset(&y, 0, sizeof(y));
	n = strlen(path);
	if (n >= 5 && strcmp(path + n - 5, ".toml") == 0) {
		buf_printf(err, "%s:1: TOML configuration is not supported; "
		    "convert the site once with 'hugo convert toYAML' and "
		    "rename config.toml to hugo.yaml", path);
		return -1;
	}
	if ((f = fopen(path, "rb")) == NULL) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&text, chunk, n);
	fclose(f);
	if (yamldoc_load(&y, buf_cstr(&text), text.len, 1, &yerr) != 0) {
		buf_printf(err, "%s:%s", path, buf_cstr(&yerr));
		goto out;
	}
	if (yamldoc_root(&y) != NULL &&
	    yamldoc_root(&y)->type != YAML_MAPPING_NODE) {
		buf_printf(err, "%s:1: the configuration must be a mapping", path);
		goto out;
	}
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		node = lookup(&y, strings[i].yaml);
		if (node == NULL)
			continue;
		if ((v = yamldoc_scalar(node)) == NULL) {
			buf_printf(err, "%s:%zu: '%s' must be a string", path,
			    yamldoc_line(&y, node), strings[i].yaml);
			goto out;
		}
		site_set(s, strings[i].key, v);
	}
	if ((node = lookup(&y, "baseURL")) != NULL) {
		struct buf uerr = BUF_INIT;

		v = yamldoc_scalar(node);
		if (v == NULL || site_set_base_url(s, v, &uerr) != 0) {
			buf_printf(err, "%s:%zu: %s", path, yamldoc_line(&y, node),
			    v ? buf_cstr(&uerr) : "'baseURL' must be a string");
			buf_free(&uerr);
			goto out;
		}
	}
	if ((node = lookup(&y, "timeZone")) != NULL &&
	    date_set_zone(s->timezone) != 0) {
		buf_printf(err, "%s:%zu: unknown timeZone '%s'", path,
		    yamldoc_line(&y, node), s->timezone);
		goto out;
	}
	if ((node = lookup(&y, "paginate")) != NULL) {
		char *end;
		long p;

		v = yamldoc_scalar(node);
		p = v ? strtol(v, &end, 10) : 0;
		if (v == NULL || *end != '\0' || p < 1 || p > 1000) {
			buf_printf(err, "%s:%zu: 'paginate' must be a number "
			    "from 1 to 1000", path, yamldoc_line(&y, node));
			goto out;
		}
		s->paginate = p;
	}
	if ((node = lookup(&y, "rssLimit")) != NULL) {
		char *end;
		long p;

		v = yamldoc_scalar(node);
		p = v ? strtol(v, &end, 10) : 0;
		if (v == NULL || *end != '\0') {
			buf_printf(err, "%s:%zu: 'rssLimit' must be a number",
			    path, yamldoc_line(&y, node));
			goto out;
		}
		s->rss_limit = p > 0 ? p : -1;
	}
	if ((node = lookup(&y, "markup.goldmark.renderer.unsafe")) != NULL) {
		v = yamldoc_scalar(node);
		s->unsafe = v != NULL && strcasecmp(v, "true") == 0;
	}
	for (i = 0; i < FLAG__MAX; i++) {
		struct buf key = BUF_INIT;

		buf_printf(&key, "params.%s", flag_keys[i]);
		node = lookup(&y, buf_cstr(&key));
		buf_free(&key);
		if (node == NULL)
			continue;
		v = yamldoc_scalar(node);
		if (v == NULL || (strcasecmp(v, "true") != 0 &&
		    strcasecmp(v, "false") != 0)) {
			buf_printf(err, "%s:%zu: 'params.%s' must be true or "
			    "false", path, yamldoc_line(&y, node),
			    flag_keys[i]);
			goto out;
		}
		s->flags[i] = strcasecmp(v, "true") == 0;
	}
	if ((node = lookup(&y, "menu.main")) != NULL) {
		if (node->type != YAML_SEQUENCE_NODE) {
			buf_printf(err, "%s:%zu: 'menu.main' must be a list of "
			    "entries with name and url", path,
			    yamldoc_line(&y, node));
			goto out;
		}
		clear_menu(s);
		for (i = 0; i < yamldoc_seq_len(node); i++) {
			yaml_node_t *item = yamldoc_seq_item(&y, node, i);
			const char *name = yamldoc_scalar(yamldoc_get(&y, item,
			    "name"));
			const char *url = yamldoc_scalar(yamldoc_get(&y, item,
			    "url"));
			const char *w = yamldoc_scalar(yamldoc_get(&y, item,
			    "weight"));

			if (name == NULL || url == NULL || strchr(name, '\x1f') ||
			    strchr(url, '\x1f')) {
				buf_printf(err, "%s:%zu: each 'menu.main' entry "
				    "needs a name and a url", path,
				    yamldoc_line(&y, item));
				goto out;
			}
			add_menu(s, name, url, w ? strtol(w, NULL, 10) : 0);
		}
	}
	if ((node = lookup(&y, "params.ShowFullTextinRSS")) != NULL) {
		v = yamldoc_scalar(node);
		s->full_feed = v != NULL && strcasecmp(v, "true") == 0;
	}
	if ((node = lookup(&y, "mainSections")) != NULL) {
		if (yamldoc_seq_len(node) > 0)
			node = yamldoc_seq_item(&y, node, 0);
		if ((v = yamldoc_scalar(node)) != NULL && *v != '\0')
			set_str(&s->main_section, v);
	}
	if ((node = lookup(&y, "permalinks")) != NULL) {
		clear_permalinks(s);
		for (i = 0; i < yamldoc_map_len(node); i++) {
			const char *k = yamldoc_scalar(yamldoc_map_key(&y, node, i));
			yaml_node_t *vn = yamldoc_map_value(&y, node, i);

			v = yamldoc_scalar(vn);
			if (k == NULL || v == NULL || strchr(k, '/') != NULL) {
				buf_printf(err, "%s:%zu: 'permalinks' must map a "
				    "section to a pattern", path,
				    yamldoc_line(&y, vn));
				goto out;
			}
			add_permalink(s, k, v);
		}
	}
	rc = 0;
out:
	yamldoc_free(&y);
	buf_free(&text);
	buf_free(&yerr);
	return rc;
}
