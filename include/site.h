/* site.h - the site configuration: read by the importer from Hugo's config
 * file (site-load.c), stored in the database, read back by the worker. */
#ifndef QUIRE_SITE_H
#define QUIRE_SITE_H

#include "buf.h"

/* An entry of a list setting: of Hugo's menu.main, or of its permalinks
 * (name: the section; url: the pattern; weight unused). */
struct site_link {
	char *name;
	char *url;		/* a site route ("/archives/") or an absolute URL */
	long weight;
	char *page_ref;		/* a menu entry's Hugo pageRef, until the
				 * importer resolves it into url; else NULL */
	char *lang;		/* a menu entry's language, when a language
				 * has menus of its own (languages.fr.menus,
				 * menus.fr.toml); "" for the site's */
};

/* A language of Hugo's languages map. Strings are malloc'd, never NULL;
 * "" where the config gives none (the site's value applies). */
struct site_lang {
	char *code;		/* the map's key: "fr" */
	char *name;		/* languageName */
	char *locale;		/* languageCode ("fr-FR") */
	long weight;
	char *title;
	char *content_dir;	/* contentDir, relative to the site folder */
	char *description;	/* params.description */
	char *author;		/* params.author */
	char *home_title;	/* params.homeInfoParams.Title */
	char *home_content;	/* params.homeInfoParams.Content */
	char *copyright;	/* copyright */
	char *copyright_html;	/* it markdownified (worker; not stored) */
	char *images;		/* params.images, as the site's */
	char *has_cjk;		/* hasCJKLanguage: "1", "0", or "" (the
				 * site's applies; site_lang_cjk()) */
	char *root;		/* its home route: "/" or "/fr/" (set by
				 * site_lang_roots()) */
};

/* PaperMod's theme options quire honours; -1 while unset (a default
 * applies, see site_flag()). */
enum site_flag {
	FLAG_READING_TIME,	/* params.ShowReadingTime */
	FLAG_WORD_COUNT,	/* params.ShowWordCount */
	FLAG_TOC,		/* params.ShowToc */
	FLAG_TOC_OPEN,		/* params.TocOpen */
	FLAG_BREADCRUMBS,	/* params.ShowBreadCrumbs */
	FLAG_POST_NAV,		/* params.ShowPostNavLinks */
	FLAG_RELATED,		/* params.ShowRelated (quire's own) */
	FLAG_CODE_COPY,		/* copy buttons on code (static/js/copy.js) */
	FLAG__MAX
};

/* Every setting quire reads of a Hugo site. Strings are malloc'd and never
 * NULL after site_init(). */
struct site {
	char *title;
	char *base_url;		/* always ends in '/' */
	char *base_path;	/* path part of base_url: "/" or "/blog/" */
	char *author;
	char *description;
	char *timezone;
	char *main_section;	/* the first of mainSections: its listing
				 * is /NAME/ */
	/* Importer only: every name the config gives in mainSections, in
	 * its order (none when it names none: Hugo's default applies). */
	char **main_sections;
	size_t nmain_sections;
	long paginate;
	char *ugly_urls;	/* uglyURLs, as SITE_UGLY stores it */
	char *ignore_files;	/* ignoreFiles: its patterns, one a line
				 * (importer: ignore.h) */
	char *disabled_kinds;	/* disableKinds, as SITE_KINDS stores it */
	long summary_length;	/* summaryLength: words in an automatic
				 * summary (importer) */
	long rss_limit;		/* -1: all */
	char *language;		/* languageCode, "" when unset */
	int unsafe;		/* markup.goldmark.renderer.unsafe */
	/* markup.highlight, as Hugo 0.111 reads it (importer: highlight.c) */
	int hl_line_nos;	/* lineNos */
	int hl_table;		/* lineNumbersInTable (Hugo: true) */
	int hl_no_classes;	/* noClasses (Hugo: true); quire writes
				 * classes whatever it says (CSP) */
	int hl_code_fences;	/* codeFences (Hugo: true) */
	int hl_guess;		/* guessSyntax */
	long hl_tab_width;	/* tabWidth: no effect on class markup */
	long hl_line_start;	/* lineNoStart */
	char *hl_lines;		/* hl_Lines: "3-8 10" */
	int hl_anchor_line_nos;	/* anchorLineNos */
	char *hl_line_anchors;	/* lineAnchors: the line ids' prefix */
	int has_cjk;		/* hasCJKLanguage: pages holding CJK text
				 * count as isCJKLanguage (importer) */
	int pluralize_titles;	/* pluralizeListTitles: a section without
				 * an _index.md title is its folder's name
				 * made plural (inflect.h), else only with
				 * its first letter in upper case */
	int full_feed;		/* params.ShowFullTextinRSS (PaperMod) */
	/* How Markdown is rendered (site_md_flags()): enableEmoji, and
	 * markup.goldmark's renderer.hardWraps, extensions (typographer,
	 * linkify, footnote, strikethrough, table, taskList) and parser
	 * (autoHeadingID, autoHeadingIDType: github, github-ascii or
	 * blackfriday). */
	int emoji, hard_wraps, typographer, linkify, footnote;
	int strikethrough, table, task_list, heading_ids;
	int definition_list;	/* extensions.definitionList (importer):
				 * a page that uses one is warned of */
	char *heading_id_type;
	char *default_theme;	/* params.defaultTheme: auto, light, dark */
	char *date_format;	/* params.DateFormat: a Go layout, or one of
				 * Hugo's :date_full, :date_long,
				 * :date_medium, :date_short (dates.h) */
	char *home_title;	/* params.homeInfoParams.Title */
	char *home_content;	/* params.homeInfoParams.Content (Markdown) */
	char *images;		/* params.images: \x1f between the values */
	char *copyright;	/* copyright: Markdown, as feeds write it */
	char *copyright_html;	/* it markdownified, as PaperMod's footer
				 * writes it: site_copyright_html() makes
				 * it (and the languages'); NULL before */
	int flags[FLAG__MAX];
	/* Shortcodes (importer): Hugo's privacy settings of the embeds,
	 * enableInlineShortcodes, refLinksErrorLevel and refLinksNotFoundURL,
	 * and quire's own params.quire.shortcodes ("name=builtin ..."
	 * pairs). */
	int youtube_disable;	/* privacy.youtube.disable */
	int youtube_private;	/* privacy.youtube.privacyEnhanced */
	int vimeo_disable;	/* privacy.vimeo.disable */
	int vimeo_dnt;		/* privacy.vimeo.enableDNT */
	int inline_shortcodes;	/* enableInlineShortcodes */
	char *ref_level;	/* refLinksErrorLevel: ERROR or WARNING */
	char *ref_not_found;	/* refLinksNotFoundURL */
	char *shortcode_map;	/* params.quire.shortcodes */
	/* The site's files (importer, files.h): staticDir and theme, a list
	 * given in the config as names with \x1f between;
	 * params.quire.maxFileSize,
	 * the most bytes a stored file may hold. */
	char *static_dir;
	char *theme;
	long max_file_size;
	char *content_dir;	/* contentDir (importer): the content of every
				 * language that names none of its own,
				 * relative to the site folder */
	char *site_params;	/* params: each scalar by its dotted key in
				 * lower case, "key\x1fvalue" items ended by
				 * \x1e (the param shortcode) */
	struct site_link *menu;	/* menu.main, by weight then name */
	size_t nmenu;
	struct site_link *permalinks;	/* in the order read */
	size_t npermalinks;
	/* Hugo's taxonomies: stored form (site_taxonomies_put()), and
	 * taken apart: the plural (its URL segment, "tags") and the
	 * singular ("tag") of each, sorted by plural. */
	char *taxonomies;
	char **taxonomy_plurals;
	char **taxonomy_singulars;
	size_t ntaxonomies;
	char *default_lang;	/* defaultContentLanguage */
	int lang_in_subdir;	/* defaultContentLanguageInSubdir */
	/* Hugo's languages, in its order (weight, 0 last, then code);
	 * none when the config has no languages map. */
	struct site_lang *langs;
	size_t nlangs;
	/* The language pages are shown in and its home route ("/fr/"):
	 * the default language's ("/" unless in a subdir) until
	 * site_lang_view() makes a view for another. Not owned. */
	const char *lang;
	const char *lang_root;
};

#define SITE_DEFAULT_BASE_URL "http://localhost/"

/* How a setting is read from Hugo's configuration, held in struct site and
 * stored in the database's site table (key, value). */
enum site_type {
	SITE_STRING,	/* char *: any string */
	SITE_CHOICE,	/* char *: one of .choices' words, else the first */
	SITE_ZONE,	/* char *: a time zone name dates.c knows */
	SITE_SECTION,	/* char *: a string, or the first of a list (the
			 * importer keeps the list: main_sections) */
	SITE_NUMBER,	/* long: from .min to .max */
	SITE_LIMIT,	/* long: a count; 0 or less means none, kept as -1 */
	SITE_BOOL,	/* int: the config's true is 1, anything else 0 */
	SITE_FLAG,	/* int: -1 while unset, else the config's true or false;
			 * .def is site_flag()'s answer while unset */
	SITE_BASE_URL,	/* base_url and base_path: site_set_base_url() */
	SITE_MENU,	/* menu, nmenu: a list of {name, url, weight}, stored
			 * as STORED.NNN = "weight\x1fname\x1furl" (a
			 * language's own as STORED.CODE.NNN); while
			 * importing, "\x1fpageRef" may follow */
	SITE_PERMALINKS,	/* permalinks, npermalinks: section to pattern,
			 * stored as STORED.SECTION = pattern */
	SITE_TAXONOMIES,	/* taxonomies (char *) and the lists taken from it:
			 * "singular\x1fplural" pairs joined by \x1e, ""
			 * for none (Hugo's taxonomies: {}) */
	SITE_LANGUAGES,	/* langs, nlangs: stored as STORED.CODE.FIELD =
			 * value, FIELD one of site_lang_fields[] */
	SITE_UGLY,	/* char *: Hugo's uglyURLs, true or a map of section
			 * to true: "*" for all, else the sections it is
			 * true for, each followed by \x1f ("" for none) */
	SITE_KINDS	/* char *: Hugo's disableKinds, a list of kinds
			 * (home page section taxonomy term rss sitemap
			 * robotstxt 404), in lower case, space-separated */
};

/* One setting: a row of site_keys[]. */
struct site_key {
	const char *config;	/* Hugo's key, dotted: "params.author" */
	const char *also;	/* another key Hugo reads for it (a newer
				 * one, or a legacy pygments* one); config
				 * wins when both are given; may be NULL */
	const char *stored;	/* its key in the site table (MENU and
				 * PERMALINKS: the prefix before '.') */
	enum site_type type;
	const char *def;	/* the default, in stored form; NULL: none */
	size_t off;		/* offsetof(struct site, the field) */
	long min, max;		/* SITE_NUMBER's range */
	const char *choices;	/* SITE_CHOICE's words, space-separated */
};

/* Every setting quire reads, in the order site_each() stores them; ends
 * with a row whose config is NULL. Adding a setting is adding a row. */
extern const struct site_key site_keys[];

/* Fills s with the defaults of site_keys[]. Free with site_free(). */
void site_init(struct site *s);
/* Frees what s holds and zeroes it. */
void site_free(struct site *s);
/* Puts the setting of row k back to its default (an empty menu or
 * permalink list for those). */
void site_reset(struct site *s, const struct site_key *k);
/* Sets the base URL (http or https, trailing '/' added) and its path.
 * Returns 0, or -1 with a message in err. */
int site_set_base_url(struct site *s, const char *url, struct buf *err);
/* Sets one setting from its stored key/value form (see db.c); unknown
 * keys and values out of range are ignored, so older workers read newer
 * databases. */
void site_set(struct site *s, const char *key, const char *value);
/* Returns the value of a theme option: as set, else its row's default (on
 * for everything but TocOpen, so that an unconfigured site shows the
 * reading time, word count, table of contents, breadcrumbs, post links
 * and related posts). */
int site_flag(const struct site *s, enum site_flag f);
/* markdown.h's MD_* flags for a page's content under the site's settings
 * (raw HTML, emoji, markup.goldmark's); a Markdown string that is no
 * page's content (Hugo's markdownify) takes them less MD_EMOJI. */
unsigned site_md_flags(const struct site *s);
/* Returns the index of the taxonomy whose plural is the n bytes of name,
 * or -1 when the site declares none such. */
int site_taxonomy(const struct site *s, const char *name, size_t n);
/* Appends the stored form of the taxonomies to out: each pair of
 * singular and plural given (n of each), as site.h's SITE_TAXONOMIES
 * says. */
void site_taxonomies_put(struct buf *out, char *const *singulars,
	char *const *plurals, size_t n);

/* Are the pages of the top-level section (n bytes; 0 for the root's
 * pages) served at ugly URLs (Hugo's uglyURLs: /posts/a.html)? */
int site_ugly(const struct site *s, const char *section, size_t n);
/* Does the site's disableKinds name kind (lower case: "home", "page",
 * "section", "taxonomy", "term", "rss", "sitemap", "robotstxt", "404")?
 * Hugo builds no page of a disabled kind, and links none. */
int site_kind_off(const struct site *s, const char *kind);
/* Calls put(key, value, arg) for every setting in stored form, in the
 * order of site_keys[]; unset flags are left out. */
void site_each(const struct site *s,
	void (*put)(const char *key, const char *value, void *arg), void *arg);

/* Removes the menu entries of language lang ("": the site's own). */
void site_menu_clear(struct site *s, const char *lang);
/* Whether menu entry m is shown on pages of s's language (s->lang), as
 * Hugo 0.111 picks a menu: the language's own entries when it has any,
 * else the site's. */
int site_menu_shown(const struct site *s, const struct site_link *m);

/* Fields of a language as stored (lang.fr.title), NULL-terminated. */
extern const char *const site_lang_fields[];

/* Is the site multilingual as Hugo builds it: more than one language, so
 * that every language but the default one lives under /CODE/? */
int site_multilingual(const struct site *s);
/* Does Hugo's hasCJKLanguage hold for the pages of language code: the
 * language's own setting, else the site's? */
int site_lang_cjk(const struct site *s, const char *code);
/* The language named code, or NULL. */
const struct site_lang *site_lang_find(const struct site *s,
	const char *code);
/* Sets each language's root route from the default language and
 * defaultContentLanguageInSubdir; called once the settings are read. */
void site_lang_roots(struct site *s);
/* Markdownifies the site's copyright and each language's, once (the
 * worker: every page's footer shows it). */
void site_copyright_html(struct site *s);
/* Fills view with s as pages of language code show it: s's fields, with
 * the language's title, description, author, home info, copyright,
 * images and languageCode where it gives them, and lang and lang_root set. view shares s's
 * memory: do not free it; it lives as long as s. */
void site_lang_view(const struct site *s, const char *code,
	struct site *view);

#endif
