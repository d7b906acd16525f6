/* site.c - the site settings: one table of Hugo's keys, their stored form
 * and their defaults, for the worker and the importer (site-load.c reads
 * the config file). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markdown.h"
#include "site.h"

/* A row of site_keys[]: Hugo's key, the stored key, the type, the default
 * (stored form) and the field; then .min/.max or .choices where needed. */
#define ROW(config_, stored_, type_, def_, field, ...) \
	{ .config = config_, .stored = stored_, .type = type_, .def = def_, \
	  .off = offsetof(struct site, field), __VA_ARGS__ }

const struct site_key site_keys[] = {
	ROW("title", "title", SITE_STRING, "", title),
	ROW("baseURL", "baseURL", SITE_BASE_URL, SITE_DEFAULT_BASE_URL,
	    base_url),
	ROW("params.author", "author", SITE_STRING, "", author),
	ROW("params.description", "description", SITE_STRING, "",
	    description),
	ROW("timeZone", "timeZone", SITE_ZONE, "UTC", timezone),
	ROW("params.mainSections", "mainSections", SITE_SECTION, "posts",
	    main_section, .also = "mainSections"),
	ROW("paginate", "paginate", SITE_NUMBER, "10", paginate,
	    .min = 1, .max = 1000),
	ROW("uglyURLs", "uglyURLs", SITE_UGLY, "", ugly_urls),
	ROW("ignoreFiles", "ignoreFiles", SITE_STRING, "", ignore_files),
	ROW("disableKinds", "disableKinds", SITE_KINDS, "", disabled_kinds),
	ROW("summaryLength", "summaryLength", SITE_NUMBER, "70",
	    summary_length, .min = 0, .max = 1000000),
	ROW("rssLimit", "rssLimit", SITE_LIMIT, "-1", rss_limit),
	ROW("markup.goldmark.renderer.unsafe", "unsafe", SITE_BOOL, "0",
	    unsafe),
	ROW("markup.highlight.lineNos", "hl.lineNos", SITE_BOOL, "0",
	    hl_line_nos),
	ROW("markup.highlight.lineNumbersInTable", "hl.lineNumbersInTable",
	    SITE_BOOL, "1", hl_table),
	ROW("markup.highlight.noClasses", "hl.noClasses", SITE_BOOL, "1",
	    hl_no_classes),
	ROW("markup.highlight.codeFences", "hl.codeFences", SITE_BOOL, "1",
	    hl_code_fences),
	ROW("markup.highlight.guessSyntax", "hl.guessSyntax", SITE_BOOL, "0",
	    hl_guess, .also = "pygmentsCodeFencesGuessSyntax"),
	ROW("markup.highlight.tabWidth", "hl.tabWidth", SITE_NUMBER, "4",
	    hl_tab_width, .min = 0, .max = 1000),
	ROW("markup.highlight.lineNoStart", "hl.lineNoStart", SITE_NUMBER,
	    "1", hl_line_start, .min = -1000000000, .max = 1000000000),
	ROW("markup.highlight.hl_Lines", "hl.hl_Lines", SITE_STRING, "",
	    hl_lines),
	ROW("markup.highlight.anchorLineNos", "hl.anchorLineNos", SITE_BOOL,
	    "0", hl_anchor_line_nos),
	ROW("markup.highlight.lineAnchors", "hl.lineAnchors", SITE_STRING, "",
	    hl_line_anchors),
	ROW("hasCJKLanguage", "hasCJKLanguage", SITE_BOOL, "0", has_cjk),
	ROW("pluralizeListTitles", "pluralizeListTitles", SITE_BOOL, "1",
	    pluralize_titles),
	ROW("enableEmoji", "enableEmoji", SITE_BOOL, "0", emoji),
	ROW("markup.goldmark.renderer.hardWraps", "hardWraps", SITE_BOOL, "0",
	    hard_wraps),
	ROW("markup.goldmark.extensions.typographer", "typographer",
	    SITE_BOOL, "1", typographer),
	ROW("markup.goldmark.extensions.linkify", "linkify", SITE_BOOL, "1",
	    linkify),
	ROW("markup.goldmark.extensions.footnote", "footnote", SITE_BOOL, "1",
	    footnote),
	ROW("markup.goldmark.extensions.strikethrough", "strikethrough",
	    SITE_BOOL, "1", strikethrough),
	ROW("markup.goldmark.extensions.table", "table", SITE_BOOL, "1",
	    table),
	ROW("markup.goldmark.extensions.definitionList", "definitionList",
	    SITE_BOOL, "1", definition_list),
	ROW("markup.goldmark.extensions.taskList", "taskList", SITE_BOOL, "1",
	    task_list),
	ROW("markup.goldmark.parser.autoHeadingID", "autoHeadingID",
	    SITE_BOOL, "1", heading_ids),
	ROW("markup.goldmark.parser.autoHeadingIDType", "autoHeadingIDType",
	    SITE_CHOICE, "github", heading_id_type,
	    .choices = "github github-ascii blackfriday"),
	ROW("params.ShowFullTextinRSS", "fullFeed", SITE_BOOL, "0",
	    full_feed),
	ROW("languageCode", "languageCode", SITE_STRING, "", language),
	ROW("params.defaultTheme", "defaultTheme", SITE_CHOICE, "auto",
	    default_theme, .choices = "auto light dark"),
	ROW("params.DateFormat", "dateFormat", SITE_STRING, "January 2, 2006",
	    date_format),
	ROW("params.homeInfoParams.Title", "homeInfoTitle", SITE_STRING, "",
	    home_title),
	ROW("params.homeInfoParams.Content", "homeInfoContent", SITE_STRING,
	    "", home_content),
	/* PaperMod's OpenGraph and Twitter image of last resort: the
	 * values as written, \x1f between (a list; one string, one). */
	ROW("params.images", "images", SITE_STRING, "", images),
	ROW("copyright", "copyright", SITE_STRING, "", copyright),
	ROW("params.ShowReadingTime", "params.ShowReadingTime", SITE_FLAG,
	    "1", flags[FLAG_READING_TIME]),
	ROW("params.ShowWordCount", "params.ShowWordCount", SITE_FLAG, "1",
	    flags[FLAG_WORD_COUNT]),
	ROW("params.ShowToc", "params.ShowToc", SITE_FLAG, "1",
	    flags[FLAG_TOC]),
	ROW("params.TocOpen", "params.TocOpen", SITE_FLAG, "0",
	    flags[FLAG_TOC_OPEN]),
	ROW("params.ShowBreadCrumbs", "params.ShowBreadCrumbs", SITE_FLAG,
	    "1", flags[FLAG_BREADCRUMBS]),
	ROW("params.ShowPostNavLinks", "params.ShowPostNavLinks", SITE_FLAG,
	    "1", flags[FLAG_POST_NAV]),
	ROW("params.ShowRelated", "params.ShowRelated", SITE_FLAG, "1",
	    flags[FLAG_RELATED]),
	ROW("params.ShowCodeCopyButtons", "params.ShowCodeCopyButtons",
	    SITE_FLAG, "1", flags[FLAG_CODE_COPY]),
	ROW("privacy.youtube.disable", "youtubeDisable", SITE_BOOL, "0",
	    youtube_disable),
	ROW("privacy.youtube.privacyEnhanced", "youtubePrivate", SITE_BOOL,
	    "0", youtube_private),
	ROW("privacy.vimeo.disable", "vimeoDisable", SITE_BOOL, "0",
	    vimeo_disable),
	ROW("privacy.vimeo.enableDNT", "vimeoDNT", SITE_BOOL, "0", vimeo_dnt),
	ROW("enableInlineShortcodes", "enableInlineShortcodes", SITE_BOOL,
	    "0", inline_shortcodes),
	ROW("refLinksErrorLevel", "refLinksErrorLevel", SITE_STRING, "ERROR",
	    ref_level),
	ROW("refLinksNotFoundURL", "refLinksNotFoundURL", SITE_STRING, "",
	    ref_not_found),
	ROW("params.quire.shortcodes", "shortcodes", SITE_STRING, "",
	    shortcode_map),
	ROW("params", "siteParams", SITE_STRING, "", site_params),
	/* The site's files (importer): its static folders and themes, each
	 * list as names with \x1f between, and quire's own limit on a
	 * file's bytes. */
	ROW("staticDir", "staticDir", SITE_STRING, "static", static_dir),
	ROW("theme", "theme", SITE_STRING, "", theme),
	ROW("contentDir", "contentDir", SITE_STRING, "content", content_dir),
	ROW("params.quire.maxFileSize", "maxFileSize", SITE_NUMBER, "52428800",
	    max_file_size, .min = 1, .max = 1099511627776L),
	ROW("menu.main", "menu", SITE_MENU, NULL, menu),
	ROW("permalinks", "permalinks", SITE_PERMALINKS, NULL, permalinks),
	ROW("taxonomies", "taxonomies", SITE_TAXONOMIES,
	    "category\x1f" "categories\x1etag\x1ftags", taxonomies),
	ROW("defaultContentLanguage", "defaultContentLanguage", SITE_STRING,
	    "en", default_lang),
	ROW("defaultContentLanguageInSubdir",
	    "defaultContentLanguageInSubdir", SITE_BOOL, "0", lang_in_subdir),
	ROW("languages", "lang", SITE_LANGUAGES, NULL, langs),
	{ .config = NULL }
};

#define STR(s, k) ((char **)(void *)((char *)(s) + (k)->off))
#define LONG(s, k) ((long *)(void *)((char *)(s) + (k)->off))
#define INT(s, k) ((int *)(void *)((char *)(s) + (k)->off))

static void
set_str(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value ? value : "");
}

/* Empties a list setting (the menu or the permalinks). */
static void
clear_links(struct site_link **links, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		free((*links)[i].name);
		free((*links)[i].url);
		free((*links)[i].page_ref);
		free((*links)[i].lang);
	}
	free(*links);
	*links = NULL;
	*n = 0;
}

static void
add_permalink(struct site *s, const char *section, const char *pattern)
{
	s->permalinks = xrealloc(s->permalinks,
	    (s->npermalinks + 1) * sizeof(*s->permalinks));
	s->permalinks[s->npermalinks].name = xstrdup(section);
	s->permalinks[s->npermalinks].url = xstrdup(pattern);
	s->permalinks[s->npermalinks].weight = 0;
	s->permalinks[s->npermalinks].page_ref = NULL;
	s->permalinks[s->npermalinks].lang = xstrdup("");
	s->npermalinks++;
}

/* Adds a menu entry of language lang ("": the site's), keeping the menu
 * ordered by weight, then name. */
static void
add_menu(struct site *s, const char *lang, const char *name, const char *url,
    long weight, const char *page_ref)
{
	size_t i;

	s->menu = xrealloc(s->menu, (s->nmenu + 1) * sizeof(*s->menu));
	for (i = s->nmenu; i > 0; i--) {
		struct site_link *m = &s->menu[i - 1];

		if (m->weight < weight || (m->weight == weight &&
		    strcmp(m->name, name) <= 0))
			break;
		s->menu[i] = *m;
	}
	s->menu[i].name = xstrdup(name);
	s->menu[i].url = xstrdup(url);
	s->menu[i].weight = weight;
	s->menu[i].page_ref = page_ref != NULL ? xstrdup(page_ref) : NULL;
	s->menu[i].lang = xstrdup(lang);
	s->nmenu++;
}

void
site_menu_clear(struct site *s, const char *lang)
{
	size_t i, j = 0;

	for (i = 0; i < s->nmenu; i++) {
		if (strcmp(s->menu[i].lang, lang) == 0) {
			free(s->menu[i].name);
			free(s->menu[i].url);
			free(s->menu[i].page_ref);
			free(s->menu[i].lang);
		} else {
			s->menu[j++] = s->menu[i];
		}
	}
	s->nmenu = j;
}

int
site_menu_shown(const struct site *s, const struct site_link *m)
{
	size_t i;

	for (i = 0; i < s->nmenu; i++)
		if (strcmp(s->menu[i].lang, s->lang) == 0)
			return strcmp(m->lang, s->lang) == 0;
	return *m->lang == '\0';
}

const char *const site_lang_fields[] = { "name", "locale", "weight",
	"title", "contentDir", "description", "author", "homeInfoTitle",
	"homeInfoContent", "copyright", "images", "hasCJKLanguage", NULL };

/* The string field of l that site_lang_fields[i] names; NULL for the
 * weight. */
static char **
lang_field(struct site_lang *l, size_t i)
{
	char **f[] = { &l->name, &l->locale, NULL, &l->title,
	    &l->content_dir, &l->description, &l->author, &l->home_title,
	    &l->home_content, &l->copyright, &l->images, &l->has_cjk };

	return f[i];
}

static void
clear_langs(struct site *s)
{
	size_t i, j;

	for (i = 0; i < s->nlangs; i++) {
		free(s->langs[i].code);
		free(s->langs[i].root);
		for (j = 0; site_lang_fields[j] != NULL; j++)
			if (lang_field(&s->langs[i], j) != NULL)
				free(*lang_field(&s->langs[i], j));
		free(s->langs[i].copyright_html);
	}
	free(s->langs);
	s->langs = NULL;
	s->nlangs = 0;
}

/* Hugo's order of languages: by weight, a weight of 0 last, then by
 * code. */
static int
lang_before(const struct site_lang *a, const struct site_lang *b)
{
	if (a->weight != b->weight)
		return b->weight == 0 || (a->weight != 0 &&
		    a->weight < b->weight);
	return strcmp(a->code, b->code) < 0;
}

/* The index of language code in s, added (empty) when new. */
static size_t
lang_index(struct site *s, const char *code, size_t len)
{
	struct site_lang *l;
	size_t i, j;

	for (i = 0; i < s->nlangs; i++)
		if (strlen(s->langs[i].code) == len &&
		    strncmp(s->langs[i].code, code, len) == 0)
			return i;
	s->langs = xrealloc(s->langs, (s->nlangs + 1) * sizeof(*s->langs));
	l = &s->langs[s->nlangs];
	memset(l, 0, sizeof(*l));
	l->code = xstrndup(code, len);
	l->root = xstrdup("/");
	for (j = 0; site_lang_fields[j] != NULL; j++)
		if (lang_field(l, j) != NULL)
			*lang_field(l, j) = xstrdup("");
	return s->nlangs++;
}

/* Sets "CODE.FIELD" of the languages to value, keeping Hugo's order. */
static void
set_lang(struct site *s, const char *name, const char *value)
{
	const char *dot = strchr(name, '.');
	struct site_lang l;
	size_t i, j;

	if (dot == NULL || dot == name)
		return;
	for (j = 0; site_lang_fields[j] != NULL; j++)
		if (strcmp(dot + 1, site_lang_fields[j]) == 0)
			break;
	if (site_lang_fields[j] == NULL)
		return;
	i = lang_index(s, name, (size_t)(dot - name));
	if (lang_field(&s->langs[i], j) != NULL) {
		set_str(lang_field(&s->langs[i], j), value);
		return;
	}
	s->langs[i].weight = strtol(value, NULL, 10);
	/* Move it to its place. */
	l = s->langs[i];
	memmove(&s->langs[i], &s->langs[i + 1],
	    (s->nlangs - i - 1) * sizeof(l));
	for (i = 0; i + 1 < s->nlangs && !lang_before(&l, &s->langs[i]); i++)
		;
	memmove(&s->langs[i + 1], &s->langs[i],
	    (s->nlangs - i - 1) * sizeof(l));
	s->langs[i] = l;
}

int
site_multilingual(const struct site *s)
{
	return s->nlangs > 1;
}

const struct site_lang *
site_lang_find(const struct site *s, const char *code)
{
	size_t i;

	for (i = 0; i < s->nlangs; i++)
		if (strcmp(s->langs[i].code, code) == 0)
			return &s->langs[i];
	return NULL;
}

int
site_lang_cjk(const struct site *s, const char *code)
{
	const struct site_lang *l = code != NULL ? site_lang_find(s, code) :
	    NULL;

	if (l != NULL && *l->has_cjk != '\0')
		return strcmp(l->has_cjk, "1") == 0;
	return s->has_cjk;
}

void
site_lang_roots(struct site *s)
{
	size_t i;

	for (i = 0; i < s->nlangs; i++) {
		free(s->langs[i].root);
		if (!site_multilingual(s) || (!s->lang_in_subdir &&
		    strcmp(s->langs[i].code, s->default_lang) == 0))
			s->langs[i].root = xstrdup("/");
		else {
			struct buf b = BUF_INIT;

			buf_printf(&b, "/%s/", s->langs[i].code);
			s->langs[i].root = buf_detach(&b);
		}
	}
	s->lang = s->default_lang;
	s->lang_root = "/";
	if (site_multilingual(s) && s->lang_in_subdir)
		for (i = 0; i < s->nlangs; i++)
			if (strcmp(s->langs[i].code, s->default_lang) == 0)
				s->lang_root = s->langs[i].root;
}

/* copyright markdownified as Hugo's markdownify does (no emoji), or
 * NULL for none. */
static char *
copyright_html(const struct site *s, const char *copyright)
{
	struct buf b = BUF_INIT;

	if (*copyright == '\0' || md_markdownify(&b, copyright,
	    site_md_flags(s) & ~(unsigned)MD_EMOJI) != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

void
site_copyright_html(struct site *s)
{
	size_t i;

	free(s->copyright_html);
	s->copyright_html = copyright_html(s, s->copyright);
	for (i = 0; i < s->nlangs; i++) {
		free(s->langs[i].copyright_html);
		s->langs[i].copyright_html = copyright_html(s,
		    s->langs[i].copyright);
	}
}

void
site_lang_view(const struct site *s, const char *code, struct site *view)
{
	const struct site_lang *l = site_lang_find(s, code);

	*view = *s;
	if (l == NULL)
		return;
	view->lang = l->code;
	view->lang_root = l->root;
	if (*l->title != '\0')
		view->title = l->title;
	if (*l->description != '\0')
		view->description = l->description;
	if (*l->author != '\0')
		view->author = l->author;
	if (*l->home_title != '\0')
		view->home_title = l->home_title;
	if (*l->home_content != '\0')
		view->home_content = l->home_content;
	if (*l->images != '\0')
		view->images = l->images;
	if (*l->copyright != '\0') {
		view->copyright = l->copyright;
		view->copyright_html = l->copyright_html;
	}
	if (*l->locale != '\0')
		view->language = l->locale;
	else if (site_multilingual(s))
		view->language = l->code;
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

static void
clear_taxonomies(struct site *s)
{
	size_t i;

	for (i = 0; i < s->ntaxonomies; i++) {
		free(s->taxonomy_plurals[i]);
		free(s->taxonomy_singulars[i]);
	}
	free(s->taxonomy_plurals);
	free(s->taxonomy_singulars);
	s->taxonomy_plurals = NULL;
	s->taxonomy_singulars = NULL;
	s->ntaxonomies = 0;
}

/* Takes the stored form apart into the lists; a pair without its \x1f
 * is left out. */
static void
split_taxonomies(struct site *s)
{
	const char *p = s->taxonomies;

	clear_taxonomies(s);
	while (*p != '\0') {
		size_t n = strcspn(p, "\x1e");
		const char *us = memchr(p, '\x1f', n);

		if (us != NULL && us > p && us + 1 < p + n) {
			size_t i = s->ntaxonomies;

			s->taxonomy_singulars = xrealloc(s->taxonomy_singulars,
			    (i + 1) * sizeof(char *));
			s->taxonomy_plurals = xrealloc(s->taxonomy_plurals,
			    (i + 1) * sizeof(char *));
			s->taxonomy_singulars[i] = xstrndup(p,
			    (size_t)(us - p));
			s->taxonomy_plurals[i] = xstrndup(us + 1,
			    (size_t)(p + n - us - 1));
			s->ntaxonomies++;
		}
		p += n;
		if (*p == '\x1e')
			p++;
	}
}

int
site_taxonomy(const struct site *s, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < s->ntaxonomies; i++)
		if (strlen(s->taxonomy_plurals[i]) == n &&
		    memcmp(s->taxonomy_plurals[i], name, n) == 0)
			return (int)i;
	return -1;
}

void
site_taxonomies_put(struct buf *out, char *const *singulars,
    char *const *plurals, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(out, "%s%s\x1f%s", i ? "\x1e" : "", singulars[i],
		    plurals[i]);
}

/* Whether word is one of the space-separated words of list. */
static int
one_of(const char *word, const char *list)
{
	size_t n = strlen(word);

	while (*list != '\0') {
		size_t w = strcspn(list, " ");

		if (w == n && strncmp(list, word, n) == 0)
			return 1;
		list += w;
		list += strspn(list, " ");
	}
	return 0;
}

/* Sets row k from a value in stored form; a value out of range leaves the
 * setting as it was. For MENU and PERMALINKS, name is what follows the
 * stored key's '.'. */
static void
set_value(struct site *s, const struct site_key *k, const char *name,
    const char *value)
{
	char *end;
	long n;

	switch (k->type) {
	case SITE_STRING:
	case SITE_ZONE:
	case SITE_SECTION:
	case SITE_UGLY:
	case SITE_KINDS:
		set_str(STR(s, k), value);
		break;
	case SITE_TAXONOMIES:
		set_str(STR(s, k), value);
		split_taxonomies(s);
		break;
	case SITE_CHOICE:
		free(*STR(s, k));
		*STR(s, k) = one_of(value, k->choices) ? xstrdup(value) :
		    xstrndup(k->choices, strcspn(k->choices, " "));
		break;
	case SITE_NUMBER:
		n = strtol(value, &end, 10);
		if (*end == '\0' && n >= k->min && n <= k->max)
			*LONG(s, k) = n;
		break;
	case SITE_LIMIT:
		n = strtol(value, &end, 10);
		if (*end == '\0')
			*LONG(s, k) = n > 0 ? n : -1;
		break;
	case SITE_BOOL:
	case SITE_FLAG:
		*INT(s, k) = strcmp(value, "1") == 0;
		break;
	case SITE_BASE_URL:
		site_set_base_url(s, value, NULL);
		break;
	case SITE_MENU: {
		/* "weight\x1fname\x1furl", then "\x1fpageRef" while
		 * importing */
		const char *a = strchr(value, '\x1f');
		const char *b = a ? strchr(a + 1, '\x1f') : NULL;
		const char *c = b ? strchr(b + 1, '\x1f') : NULL;

		/* name: "NNN", or "CODE.NNN" for a language's own */
		const char *dot = strrchr(name, '.');
		char *lang = dot ? xstrndup(name, (size_t)(dot - name)) :
		    xstrdup("");

		if (a != NULL && b != NULL) {
			char *item = xstrndup(a + 1, (size_t)(b - a - 1));
			char *url = c ? xstrndup(b + 1, (size_t)(c - b - 1)) :
			    xstrdup(b + 1);

			add_menu(s, lang, item, url, strtol(value, NULL, 10),
			    c ? c + 1 : NULL);
			free(item);
			free(url);
		}
		free(lang);
		break;
	}
	case SITE_PERMALINKS:
		add_permalink(s, name, value);
		break;
	case SITE_LANGUAGES:
		set_lang(s, name, value);
		break;
	}
}

void
site_reset(struct site *s, const struct site_key *k)
{
	if (k->type == SITE_FLAG)
		*INT(s, k) = -1;
	else if (k->type == SITE_MENU)
		clear_links(&s->menu, &s->nmenu);
	else if (k->type == SITE_PERMALINKS)
		clear_links(&s->permalinks, &s->npermalinks);
	else if (k->type == SITE_LANGUAGES)
		clear_langs(s);
	else
		set_value(s, k, NULL, k->def);
}

unsigned
site_md_flags(const struct site *s)
{
	unsigned f = 0;

	f |= s->unsafe ? MD_UNSAFE : 0;
	f |= s->emoji ? MD_EMOJI : 0;
	f |= s->hard_wraps ? MD_HARD_WRAPS : 0;
	f |= s->typographer ? 0 : MD_NO_TYPOGRAPHER;
	f |= s->linkify ? 0 : MD_NO_LINKIFY;
	f |= s->footnote ? 0 : MD_NO_FOOTNOTE;
	f |= s->strikethrough ? 0 : MD_NO_STRIKETHROUGH;
	f |= s->table ? 0 : MD_NO_TABLE;
	f |= s->task_list ? 0 : MD_NO_TASK_LIST;
	if (!s->heading_ids)
		f |= MD_NO_HEADING_IDS;
	else if (strcmp(s->heading_id_type, "github-ascii") == 0)
		f |= MD_IDS_ASCII;
	else if (strcmp(s->heading_id_type, "blackfriday") == 0)
		f |= MD_IDS_BLACKFRIDAY;
	return f;
}

void
site_init(struct site *s)
{
	const struct site_key *k;

	memset(s, 0, sizeof(*s));
	for (k = site_keys; k->config != NULL; k++)
		site_reset(s, k);
	site_lang_roots(s);
}

/* Does a key of this type keep its value as a malloc'd string at off? */
static int
holds_string(enum site_type t)
{
	return t == SITE_STRING || t == SITE_CHOICE || t == SITE_ZONE ||
	    t == SITE_SECTION || t == SITE_TAXONOMIES || t == SITE_UGLY ||
	    t == SITE_KINDS;
}

void
site_free(struct site *s)
{
	const struct site_key *k;
	size_t i;

	for (k = site_keys; k->config != NULL; k++)
		if (holds_string(k->type))
			free(*STR(s, k));
	free(s->base_url);
	free(s->base_path);
	free(s->copyright_html);
	clear_links(&s->menu, &s->nmenu);
	clear_links(&s->permalinks, &s->npermalinks);
	clear_taxonomies(s);
	clear_langs(s);
	for (i = 0; i < s->nmain_sections; i++)
		free(s->main_sections[i]);
	free(s->main_sections);
	memset(s, 0, sizeof(*s));
}

void
site_set(struct site *s, const char *key, const char *value)
{
	const struct site_key *k;
	size_t n;

	for (k = site_keys; k->config != NULL; k++) {
		if (k->type == SITE_MENU || k->type == SITE_PERMALINKS ||
		    k->type == SITE_LANGUAGES) {
			n = strlen(k->stored);
			if (strncmp(key, k->stored, n) == 0 && key[n] == '.') {
				set_value(s, k, key + n + 1, value);
				return;
			}
		} else if (strcmp(key, k->stored) == 0) {
			set_value(s, k, NULL, value);
			return;
		}
	}
}

int
site_flag(const struct site *s, enum site_flag f)
{
	const struct site_key *k;

	if (s->flags[f] >= 0)
		return s->flags[f];
	for (k = site_keys; k->config != NULL; k++)
		if (k->type == SITE_FLAG && INT(s, k) == &s->flags[f])
			return strcmp(k->def, "1") == 0;
	return 1;
}

void
site_each(const struct site *s,
    void (*put)(const char *key, const char *value, void *arg), void *arg)
{
	const struct site_key *k;
	char num[32];
	size_t i;
	struct buf key = BUF_INIT, v = BUF_INIT;

	for (k = site_keys; k->config != NULL; k++) {
		switch (k->type) {
		case SITE_STRING:
		case SITE_CHOICE:
		case SITE_ZONE:
		case SITE_SECTION:
		case SITE_TAXONOMIES:
		case SITE_UGLY:
		case SITE_KINDS:
			put(k->stored, *STR(s, k), arg);
			break;
		case SITE_NUMBER:
		case SITE_LIMIT:
			snprintf(num, sizeof(num), "%ld", *LONG(s, k));
			put(k->stored, num, arg);
			break;
		case SITE_FLAG:
			if (*INT(s, k) < 0)
				break;
			/* FALLTHROUGH */
		case SITE_BOOL:
			put(k->stored, *INT(s, k) ? "1" : "0", arg);
			break;
		case SITE_BASE_URL:
			put(k->stored, s->base_url, arg);
			break;
		case SITE_MENU:
			for (i = 0; i < s->nmenu; i++) {
				buf_reset(&key);
				buf_reset(&v);
				if (*s->menu[i].lang != '\0')
					buf_printf(&key, "%s.%s.%03zu",
					    k->stored, s->menu[i].lang, i);
				else
					buf_printf(&key, "%s.%03zu",
					    k->stored, i);
				buf_printf(&v, "%ld\x1f%s\x1f%s",
				    s->menu[i].weight, s->menu[i].name,
				    s->menu[i].url);
				if (s->menu[i].page_ref != NULL)
					buf_printf(&v, "\x1f%s",
					    s->menu[i].page_ref);
				put(buf_cstr(&key), buf_cstr(&v), arg);
			}
			break;
		case SITE_PERMALINKS:
			for (i = 0; i < s->npermalinks; i++) {
				buf_reset(&key);
				buf_printf(&key, "%s.%s", k->stored,
				    s->permalinks[i].name);
				put(buf_cstr(&key), s->permalinks[i].url, arg);
			}
			break;
		case SITE_LANGUAGES:
			for (i = 0; i < s->nlangs; i++) {
				struct site_lang *l = &s->langs[i];
				size_t j;

				for (j = 0; site_lang_fields[j] != NULL; j++) {
					buf_reset(&key);
					buf_printf(&key, "%s.%s.%s", k->stored,
					    l->code, site_lang_fields[j]);
					snprintf(num, sizeof(num), "%ld",
					    l->weight);
					put(buf_cstr(&key), lang_field(l, j) ?
					    *lang_field(l, j) : num, arg);
				}
			}
			break;
		}
	}
	buf_free(&key);
	buf_free(&v);
}

int
site_ugly(const struct site *s, const char *section, size_t n)
{
	const char *p;

	if (strcmp(s->ugly_urls, "*") == 0)
		return 1;
	for (p = s->ugly_urls; *p != '\0'; p += strcspn(p, "\x1f") + 1)
		if (strcspn(p, "\x1f") == n && strncmp(p, section, n) == 0)
			return 1;
	return 0;
}

int
site_kind_off(const struct site *s, const char *kind)
{
	const char *p = s->disabled_kinds != NULL ? s->disabled_kinds : "";
	size_t n = strlen(kind);

	for (; *p != '\0'; p += strcspn(p, " "), p += *p == ' ')
		if (strcspn(p, " ") == n && strncmp(p, kind, n) == 0)
			return 1;
	return 0;
}
