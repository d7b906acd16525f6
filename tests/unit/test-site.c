/* test-site.c - the site settings: Hugo's config keys read, stored and read
 * back byte for byte (databases written by older quires read the same). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dates.h"
#include "import.h"
#include "markdown.h"
#include "site.h"
#include "unicode.h"

/* Collects site_each()'s pairs as "key=value\n" lines. */
static void
put_line(const char *key, const char *value, void *arg)
{
	buf_printf(arg, "%s=%s\n", key, value);
}

static char *
stored(const struct site *s)
{
	struct buf b = BUF_INIT;

	site_each(s, put_line, &b);
	return buf_detach(&b);
}

/* Writes text to a temporary config file; returns its malloc'd path. */
static char *
config_file(const char *text)
{
	char *path = strdup("/tmp/quire-test-site-XXXXXX.yaml");
	int fd = mkstemps(path, 5);
	FILE *f;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Loads text as a config file over s; returns site_load_file()'s result
 * with its message in err. */
static int
load(struct site *s, const char *text, struct buf *err)
{
	char *path = config_file(text);
	int rc = site_load_file(s, path, err);

	unlink(path);
	free(path);
	return rc;
}

/* What quire 0.1's site_init() stored, in its order. */
static const char defaults[] =
"title=\n"
"baseURL=http://localhost/\n"
"author=\n"
"description=\n"
"timeZone=UTC\n"
"mainSections=posts\n"
"paginate=10\n"
"uglyURLs=\n"
"ignoreFiles=\n"
"disableKinds=\n"
"summaryLength=70\n"
"rssLimit=-1\n"
"unsafe=0\n"
"hl.lineNos=0\n"
"hl.lineNumbersInTable=1\n"
"hl.noClasses=1\n"
"hl.codeFences=1\n"
"hl.guessSyntax=0\n"
"hl.tabWidth=4\n"
"hl.lineNoStart=1\n"
"hl.hl_Lines=\n"
"hl.anchorLineNos=0\n"
"hl.lineAnchors=\n"
"hasCJKLanguage=0\n"
"pluralizeListTitles=1\n"
"enableEmoji=0\n"
"hardWraps=0\n"
"typographer=1\n"
"linkify=1\n"
"footnote=1\n"
"strikethrough=1\n"
"table=1\n"
"definitionList=1\n"
"taskList=1\n"
"autoHeadingID=1\n"
"autoHeadingIDType=github\n"
"fullFeed=0\n"
"languageCode=\n"
"defaultTheme=auto\n"
"dateFormat=January 2, 2006\n"
"homeInfoTitle=\n"
"homeInfoContent=\n"
"images=\n"
"copyright=\n"
"youtubeDisable=0\n"
"youtubePrivate=0\n"
"vimeoDisable=0\n"
"vimeoDNT=0\n"
"enableInlineShortcodes=0\n"
"refLinksErrorLevel=ERROR\n"
"refLinksNotFoundURL=\n"
"shortcodes=\n"
"siteParams=\n"
"staticDir=static\n"
"theme=\n"
"contentDir=content\n"
"maxFileSize=52428800\n"
"taxonomies=category\x1f" "categories\x1etag\x1ftags\n"
"defaultContentLanguage=en\n"
"defaultContentLanguageInSubdir=0\n";

/* Every key quire reads, none at its default. */
static const char full_config[] =
"baseURL: https://example.org/blog\n"
"title: A \"quoted\" title\n"
"languageCode: fr-fr\n"
"timeZone: Europe/Paris\n"
"paginate: 7\n"
"rssLimit: 25\n"
"mainSections: [notes, posts]\n"
"enableEmoji: true\n"
"pluralizeListTitles: false\n"
"markup:\n"
"  goldmark:\n"
"    renderer:\n"
"      unsafe: true\n"
"      hardWraps: true\n"
"    extensions: {typographer: false, linkify: false, footnote: false,\n"
"      strikethrough: false, table: false, taskList: false}\n"
"    parser: {autoHeadingID: false, autoHeadingIDType: blackfriday}\n"
"permalinks:\n"
"  posts: /:year/:month/:slug/\n"
"  notes: /n/:slug/\n"
"taxonomies: {tag: tags, series: series, category: categories}\n"
"menu:\n"
"  main:\n"
"    - {name: Tags, url: /tags/, weight: 20}\n"
"    - {name: Archives, url: /archives/, weight: 10}\n"
"    - {name: About, url: https://example.com/about, weight: 10}\n"
"params:\n"
"  author: Ada\n"
"  description: Notes on C\n"
"  defaultTheme: dark\n"
"  ShowFullTextinRSS: true\n"
"  ShowReadingTime: false\n"
"  ShowWordCount: true\n"
"  ShowToc: false\n"
"  TocOpen: true\n"
"  ShowBreadCrumbs: false\n"
"  ShowPostNavLinks: false\n"
"  ShowRelated: false\n"
"  ShowCodeCopyButtons: true\n"
"  homeInfoParams:\n"
"    Title: Hello\n"
"    Content: \"Some *Markdown*\"\n"
"  images: [/img/site.png, second.png]\n"
"  quire: {maxFileSize: 1048576}\n"
"staticDir: [static, assets]\n"
"theme: [plain, base]\n"
"contentDir: pages\n"
"defaultContentLanguage: fr\n"
"defaultContentLanguageInSubdir: true\n"
"languages:\n"
"  FR: {weight: 2, languageName: Français, title: Titre,\n"
"    params: {description: Desc, author: [Ann, Bo]}, hasCJKLanguage: True}\n"
"  en: {weight: 1, contentDir: content/en, languageCode: en-GB,\n"
"    hasCJKLanguage: false}\n";

/* What quire 0.1 stored for full_config, in its order. */
static const char full_stored[] =
"title=A \"quoted\" title\n"
"baseURL=https://example.org/blog/\n"
"author=Ada\n"
"description=Notes on C\n"
"timeZone=Europe/Paris\n"
"mainSections=notes\n"
"paginate=7\n"
"uglyURLs=\n"
"ignoreFiles=\n"
"disableKinds=\n"
"summaryLength=70\n"
"rssLimit=25\n"
"unsafe=1\n"
"hl.lineNos=0\n"
"hl.lineNumbersInTable=1\n"
"hl.noClasses=1\n"
"hl.codeFences=1\n"
"hl.guessSyntax=0\n"
"hl.tabWidth=4\n"
"hl.lineNoStart=1\n"
"hl.hl_Lines=\n"
"hl.anchorLineNos=0\n"
"hl.lineAnchors=\n"
"hasCJKLanguage=0\n"
"pluralizeListTitles=0\n"
"enableEmoji=1\n"
"hardWraps=1\n"
"typographer=0\n"
"linkify=0\n"
"footnote=0\n"
"strikethrough=0\n"
"table=0\n"
"definitionList=1\n"
"taskList=0\n"
"autoHeadingID=0\n"
"autoHeadingIDType=blackfriday\n"
"fullFeed=1\n"
"languageCode=fr-fr\n"
"defaultTheme=dark\n"
"dateFormat=January 2, 2006\n"
"homeInfoTitle=Hello\n"
"homeInfoContent=Some *Markdown*\n"
"images=/img/site.png\x1fsecond.png\n"
"copyright=\n"
"params.ShowReadingTime=0\n"
"params.ShowWordCount=1\n"
"params.ShowToc=0\n"
"params.TocOpen=1\n"
"params.ShowBreadCrumbs=0\n"
"params.ShowPostNavLinks=0\n"
"params.ShowRelated=0\n"
"params.ShowCodeCopyButtons=1\n"
"youtubeDisable=0\n"
"youtubePrivate=0\n"
"vimeoDisable=0\n"
"vimeoDNT=0\n"
"enableInlineShortcodes=0\n"
"refLinksErrorLevel=ERROR\n"
"refLinksNotFoundURL=\n"
"shortcodes=\n"
"siteParams=author\x1f" "Ada\x1e" "description\x1fNotes on C\x1e"
"defaulttheme\x1f" "dark\x1eshowfulltextinrss\x1ftrue\x1e"
"showreadingtime\x1f" "false\x1eshowwordcount\x1ftrue\x1eshowtoc\x1f" "false\x1e"
"tocopen\x1ftrue\x1eshowbreadcrumbs\x1f" "false\x1e"
"showpostnavlinks\x1f" "false\x1eshowrelated\x1f" "false\x1e"
"showcodecopybuttons\x1ftrue\x1ehomeinfoparams.title\x1fHello\x1e"
"homeinfoparams.content\x1fSome *Markdown*\x1e"
"quire.maxfilesize\x1f" "1048576\x1e\n"
"staticDir=static\x1f" "assets\n"
"theme=plain\x1f" "base\n"
"contentDir=pages\n"
"maxFileSize=1048576\n"
"menu.000=10\x1f" "About\x1fhttps://example.com/about\n"
"menu.001=10\x1f" "Archives\x1f/archives/\n"
"menu.002=20\x1fTags\x1f/tags/\n"
"permalinks.posts=/:year/:month/:slug/\n"
"permalinks.notes=/n/:slug/\n"
"taxonomies=category\x1f" "categories\x1eseries\x1fseries\x1etag\x1ftags\n"
"defaultContentLanguage=fr\n"
"defaultContentLanguageInSubdir=1\n"
"lang.en.name=\n"
"lang.en.locale=en-GB\n"
"lang.en.weight=1\n"
"lang.en.title=\n"
"lang.en.contentDir=content/en\n"
"lang.en.description=\n"
"lang.en.author=\n"
"lang.en.homeInfoTitle=\n"
"lang.en.homeInfoContent=\n"
"lang.en.copyright=\n"
"lang.en.images=\n"
"lang.en.hasCJKLanguage=0\n"
"lang.fr.name=Français\n"
"lang.fr.locale=\n"
"lang.fr.weight=2\n"
"lang.fr.title=Titre\n"
"lang.fr.contentDir=\n"
"lang.fr.description=Desc\n"
"lang.fr.author=Ann, Bo\n"
"lang.fr.homeInfoTitle=\n"
"lang.fr.homeInfoContent=\n"
"lang.fr.copyright=\n"
"lang.fr.images=\n"
"lang.fr.hasCJKLanguage=1\n";

static void
test_defaults(void **state)
{
	struct site s;
	char *got;

	(void)state;
	site_init(&s);
	got = stored(&s);
	assert_string_equal(got, defaults);
	assert_string_equal(s.base_path, "/");
	assert_int_equal(s.paginate, 10);
	assert_int_equal(s.rss_limit, -1);
	assert_int_equal(site_flag(&s, FLAG_TOC), 1);
	assert_int_equal(site_flag(&s, FLAG_TOC_OPEN), 0);
	assert_int_equal(s.nmenu, 0);
	assert_int_equal(s.npermalinks, 0);
	assert_int_equal(site_md_flags(&s), 0);
	free(got);
	site_free(&s);
}

/* Every key of a config file reaches its field and its stored form. */
static void
test_full_config(void **state)
{
	struct site s;
	struct buf err = BUF_INIT;
	char *got;

	(void)state;
	setenv("TZ", "UTC0", 1);
	site_init(&s);
	assert_int_equal(load(&s, full_config, &err), 0);
	/* Loading names the zone (Europe/Paris) but leaves the process's
	 * alone: the importer sets it once, on purpose. */
	assert_string_equal(getenv("TZ"), "UTC0");
	got = stored(&s);
	assert_string_equal(got, full_stored);
	assert_string_equal(s.base_path, "/blog/");
	assert_int_equal(s.paginate, 7);
	assert_int_equal(s.unsafe, 1);
	assert_int_equal(s.full_feed, 1);
	/* A language's own hasCJKLanguage wins over the site's, either
	 * way; one naming none, or no language, has the site's. */
	assert_int_equal(site_lang_cjk(&s, "fr"), 1);
	assert_int_equal(site_lang_cjk(&s, "en"), 0);
	assert_int_equal(site_lang_cjk(&s, "de"), s.has_cjk);
	assert_int_equal(s.pluralize_titles, 0);
	assert_int_equal(site_md_flags(&s), MD_UNSAFE | MD_EMOJI |
	    MD_HARD_WRAPS | MD_NO_TYPOGRAPHER | MD_NO_LINKIFY |
	    MD_NO_FOOTNOTE | MD_NO_STRIKETHROUGH | MD_NO_TABLE |
	    MD_NO_TASK_LIST | MD_NO_HEADING_IDS);
	assert_int_equal(site_flag(&s, FLAG_READING_TIME), 0);
	assert_int_equal(site_flag(&s, FLAG_TOC_OPEN), 1);
	assert_int_equal(s.nmenu, 3);
	assert_string_equal(s.menu[2].url, "/tags/");
	assert_int_equal(s.menu[2].weight, 20);
	assert_int_equal(s.npermalinks, 2);
	/* Declared taxonomies, by plural; a key that is none is none. */
	assert_int_equal(s.ntaxonomies, 3);
	assert_string_equal(s.taxonomy_plurals[1], "series");
	assert_string_equal(s.taxonomy_singulars[2], "tag");
	assert_int_equal(site_taxonomy(&s, "series", 6), 1);
	assert_int_equal(site_taxonomy(&s, "serie", 5), -1);
	free(got);
	site_free(&s);
	buf_free(&err);
	date_set_zone("UTC");
}

/* Languages: Hugo's order, each one's root, and the view a page of a
 * language is shown with. */
static void
test_languages(void **state)
{
	struct site s, view;
	struct buf err = BUF_INIT;

	(void)state;
	site_init(&s);
	assert_int_equal(site_multilingual(&s), 0);
	assert_string_equal(s.lang_root, "/");
	assert_int_equal(load(&s, "title: Site\nparams: {description: D}\n"
	    "languages:\n  zz: {weight: 0}\n  fr: {weight: 2, title: T,\n"
	    "    languageCode: fr-FR}\n  en: {weight: 1}\n", &err), 0);
	assert_int_equal(s.nlangs, 3);
	/* A weight of 0 sorts last. */
	assert_string_equal(s.langs[0].code, "en");
	assert_string_equal(s.langs[1].code, "fr");
	assert_string_equal(s.langs[2].code, "zz");
	assert_int_equal(site_multilingual(&s), 1);
	assert_string_equal(s.langs[0].root, "/");
	assert_string_equal(s.langs[1].root, "/fr/");
	site_lang_view(&s, "fr", &view);
	assert_string_equal(view.title, "T");
	assert_string_equal(view.description, "D");
	assert_string_equal(view.language, "fr-FR");
	assert_string_equal(view.lang_root, "/fr/");
	site_lang_view(&s, "en", &view);
	assert_string_equal(view.title, "Site");
	assert_string_equal(view.language, "en");
	assert_string_equal(view.lang_root, "/");
	site_free(&s);
	buf_free(&err);
}

/* The stored form read back with site_set() (as the worker does) gives the
 * same settings, stored alike. */
static void
test_round_trip(void **state)
{
	struct site s, back;
	struct buf err = BUF_INIT;
	const char *p;
	char *got;

	(void)state;
	site_init(&s);
	assert_int_equal(load(&s, full_config, &err), 0);
	site_init(&back);
	for (p = full_stored; *p != '\0'; ) {
		const char *eq = strchr(p, '='), *nl = strchr(p, '\n');
		char *k = strndup(p, (size_t)(eq - p));
		char *v = strndup(eq + 1, (size_t)(nl - eq - 1));

		site_set(&back, k, v);
		free(k);
		free(v);
		p = nl + 1;
	}
	got = stored(&back);
	assert_string_equal(got, full_stored);
	assert_string_equal(back.base_path, s.base_path);
	assert_int_equal(back.nmenu, s.nmenu);
	assert_string_equal(back.menu[0].name, "About");
	assert_int_equal(back.flags[FLAG_CODE_COPY], 1);
	free(got);
	site_free(&s);
	site_free(&back);
	buf_free(&err);
	date_set_zone("UTC");
}

/* Stored values a newer or an older quire might write: unknown keys and
 * values out of range are ignored, the default stays. */
static void
test_stored_lenient(void **state)
{
	struct site s;

	(void)state;
	site_init(&s);
	site_set(&s, "noSuchKey", "x");
	site_set(&s, "params.NoSuchFlag", "1");
	site_set(&s, "paginate", "0");
	site_set(&s, "paginate", "12x");
	site_set(&s, "rssLimit", "0");
	site_set(&s, "defaultTheme", "purple");
	site_set(&s, "baseURL", "ftp://x/");
	site_set(&s, "menu.000", "no separators");
	assert_int_equal(s.paginate, 10);
	assert_int_equal(s.rss_limit, -1);
	assert_string_equal(s.default_theme, "auto");
	assert_string_equal(s.base_url, "http://localhost/");
	assert_int_equal(s.nmenu, 0);
	site_set(&s, "paginate", "1000");
	site_set(&s, "rssLimit", "3");
	site_set(&s, "unsafe", "yes");
	assert_int_equal(s.paginate, 1000);
	assert_int_equal(s.rss_limit, 3);
	assert_int_equal(s.unsafe, 0);
	site_free(&s);
}

/* A config value of the wrong shape stops the import, naming the key and
 * its line. */
static void
test_config_errors(void **state)
{
	static const struct {
		const char *text;
		const char *msg;	/* after "PATH:" */
	} bad[] = {
		{ "title: [a]\n", "1: 'title' must be a string" },
		{ "permalinks:\n  posts: /:foo/\n", "2: '/:foo/' of section "
		    "'posts': permalink attribute ':foo' not recognised" },
		{ "permalinks:\n  page:\n    posts: /:slug/\n",
		    "3: 'permalinks' must map a section to a pattern" },
		{ "baseURL: ftp://x/\n",
		    "1: baseURL 'ftp://x/' must start with http:// or https://" },
		{ "baseURL: [a]\n", "1: 'baseURL' must be a string" },
		{ "timeZone: Mars/Olympus\n", "1: unknown timeZone 'Mars/Olympus'" },
		{ "paginate: 0\n",
		    "1: 'paginate' must be a number from 1 to 1000" },
		{ "paginate: ten\n",
		    "1: 'paginate' must be a number from 1 to 1000" },
		{ "rssLimit: many\n", "1: 'rssLimit' must be a number" },
		{ "params:\n  ShowToc: yes\n",
		    "2: 'params.ShowToc' must be true or false" },
		{ "menu:\n  main: Tags\n",
		    "2: 'menu.main' must be a list of entries with name and url" },
		{ "menu:\n  main:\n    - name: \"a\\x1fb\"\n      url: /x/\n",
		    "3: a 'menu.main' entry holds a control character" },
		{ "permalinks:\n  posts: [a]\n",
		    "2: 'permalinks' must map a section to a pattern" },
		{ "permalinks:\n  a/b: /x/\n",
		    "2: 'permalinks' must map a section to a pattern" },
		{ "- a\n- b\n", "1: the configuration must be a mapping" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct site s;
		struct buf err = BUF_INIT;
		const char *colon;

		site_init(&s);
		assert_int_equal(load(&s, bad[i].text, &err), -1);
		colon = strchr(buf_cstr(&err), ':');
		assert_non_null(colon);
		if (strcmp(colon + 1, bad[i].msg) != 0)
			print_error("%s: %s\n", bad[i].text, buf_cstr(&err));
		assert_string_equal(colon + 1, bad[i].msg);
		site_free(&s);
		buf_free(&err);
	}
	date_set_zone("UTC");
}

/* Booleans quire reads leniently (anything but true is false) keep doing
 * so; an empty config changes nothing. */
static void
test_config_lenient(void **state)
{
	struct site s;
	struct buf err = BUF_INIT;
	char *got;

	(void)state;
	site_init(&s);
	assert_int_equal(load(&s, "markup: {goldmark: {renderer: {unsafe: "
	    "maybe}}}\nparams: {ShowFullTextinRSS: [x]}\n", &err), 0);
	assert_int_equal(s.unsafe, 0);
	assert_int_equal(s.full_feed, 0);
	assert_int_equal(load(&s, "", &err), 0);
	assert_int_equal(load(&s, "mainSections: []\nparams: {defaultTheme: "
	    "sepia}\n", &err), 0);
	/* The param shortcode reads it, whatever quire makes of it. */
	assert_string_equal(s.site_params, "defaulttheme\x1fsepia\x1e");
	site_set(&s, "siteParams", "");
	got = stored(&s);
	assert_string_equal(got, defaults);
	free(got);
	site_free(&s);
	buf_free(&err);
}

/* params.author as PaperMod's author.html shows it. */
static void
test_author(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "params:\n  author: Jane\n", "Jane" },
		{ "params:\n  author: [Jane, Joe]\n", "Jane, Joe" },
		{ "params:\n  author: [Jane, [x], Joe]\n", "Jane, Joe" },
		{ "params:\n  author: [Jane, {a: b}]\n", "Jane, " },
		{ "params:\n  author: {name: Jane, email: j@x}\n",
		    "map[email:j@x name:Jane]" },
		{ "params:\n  author: []\n", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct site s;
		struct buf err = BUF_INIT;

		site_init(&s);
		assert_int_equal(load(&s, cases[i].text, &err), 0);
		assert_string_equal(s.author, cases[i].want);
		site_free(&s);
		buf_free(&err);
	}
}

/* markup.goldmark settings quire does not honour are warned of, with
 * the line they are on; those it honours, or whose value is what it
 * renders as, are not. */
static void
test_goldmark_warnings(void **state)
{
	struct site s;
	struct buf err = BUF_INIT;

	(void)state;
	site_init(&s);
	assert_int_equal(load(&s, "markup:\n"
	    "  goldmark:\n"
	    "    renderer: {hardWraps: true, xhtml: true}\n"
	    "    extensions:\n"
	    "      definitionList: true\n"
	    "      linkifyProtocol: https\n"
	    "      table: false\n"
	    "    parser:\n"
	    "      attribute: {title: true, block: true}\n"
	    "      someFutureKey: 1\n", &err), 0);
	/* The file's name is a temporary one: each line after it. A
	 * definition list is warned of where a page uses one (import.c). */
	assert_null(strstr(buf_cstr(&err), "definitionList"));
	assert_int_equal(s.definition_list, 1);
	assert_non_null(strstr(buf_cstr(&err), ".yaml:9: warning: "
	    "'markup.goldmark.parser.attribute.block' is not honoured: quire "
	    "renders Markdown as with false\n"));
	assert_non_null(strstr(buf_cstr(&err), ".yaml:10: warning: "
	    "'markup.goldmark.parser.someFutureKey' is a setting quire does "
	    "not read; Markdown is rendered without it\n"));
	assert_null(strstr(strstr(strstr(buf_cstr(&err), "warning") + 1,
	    "warning") + 1, "warning"));
	assert_int_equal(s.hard_wraps, 1);
	assert_int_equal(s.table, 0);
	site_free(&s);
	buf_free(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_full_config),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_stored_lenient),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_author),
		cmocka_unit_test(test_config_lenient),
		cmocka_unit_test(test_goldmark_warnings),
	};

	uni_init();
	date_set_zone("UTC");
	return cmocka_run_group_tests_name("site", tests, NULL, NULL);
}
