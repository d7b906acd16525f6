/* import.c - the importer: files -> front matter -> metrics -> db, in one
 * transaction on the spare database, an equal of the live file that
 * takes its place only when complete (publish.h). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dbw.h"
#include "entry.h"
#include "files.h"
#include "fragments.h"
#include "frontmatter.h"
#include "highlight.h"
#include "ignore.h"
#include "import.h"
#include "lang.h"
#include "markdown.h"
#include "metrics.h"
#include "progress.h"
#include "publish.h"
#include "readfile.h"
#include "ref.h"
#include "section.h"
#include "shortcode.h"
#include "site.h"
#include "store.h"
#include "cover.h"
#include "responsive.h"
#include "unicode.h"
#include "url.h"

/* Bump when a change to quire alters what is stored for the same file,
 * so that every page is processed again. */
#define IMPORT_RULES_VERSION "20"
/* A new database's mode (less the umask): drafts stay private, and the
 * worker reads it through its group (www-data). */
#define DB_NEW_MODE 0640
/* Larger Markdown files are refused: no blog post comes near it. */
#define MAX_FILE_BYTES (16L * 1024 * 1024)
/* A file whose mtime or ctime is this close to its import's start (or
 * later) gets no page_stat row: a timestamp is coarser than the clock
 * (a jiffy; a second or two on some file systems), so an edit made
 * after the file was read could keep the stat that was recorded. Such a
 * file is read again by the next import, as git treats a racily clean
 * entry. */
#define STAT_SETTLE_NS (2LL * 1000000000)

/* One Markdown file to import. */
struct input_file {
	char *fs_path;		/* its name in messages, as the walk found it */
	char *open_path;	/* where to open it: a link's target, or NULL */
	char *source;		/* its path under content/ */
	char *path;		/* its path in its language's content, less
				 * the language (lang.c): what its URL and
				 * section follow; set by assign_langs() */
	const char *lang;	/* its language's code (the site's) */
	struct stat st;		/* the regular file the walk vetted: what
				 * read_file() checks it opens, and what
				 * its page_stat row (schema 021) records */
};

/* A file of the content folders that is no page: a page bundle's
 * resource, or a file beside pages (a branch bundle's, or published at
 * its path). Its URL follows its page's, known once pages are stored. */
struct resource {
	char *fs_path;		/* its name in messages */
	char *open_path;	/* a link's target, or NULL */
	char *source;		/* its path under content/ */
	char *bundle;		/* the source of its leaf bundle's folder, or
				 * NULL: beside pages */
	struct stat st;
};

/* A list of folder paths (resolved: no link, no "..") for the walk. */
struct dirs {
	char **path;
	size_t n, cap;
};

/* What a walk may enter: the folder being imported, the folders being
 * walked (a link to one of them or above them is a loop), the folders
 * the import walks directly (every folder PATH and language contentDir:
 * a link into one of them leads where the walk goes anyway, whichever
 * comes first), and the folders already walked through a link (each is
 * walked once, by its first link). */
struct walk {
	const char *root;
	struct dirs open, direct, linked;
};

/* A section's cascade of Hugo's _build (its _index's front matter):
 * it applies to the section and every page under its folder, in its
 * language, that has no _build of its own; the nearest section's wins. */
struct cascade {
	char *folder;		/* the section's path less language ("" for
				 * the home's), as input_file's path */
	const char *lang;
	struct fm_build build;
};

struct import {
	const struct import_opts *opts;
	FILE *log;
	struct site site;
	struct input_file *files;
	size_t nfiles, cap;
	struct resource *res;	/* the content folders' other files */
	size_t nres, capres;
	int whole_site;		/* a PATH is a site (its folder or its whole
				 * content/) */
	char **mirrors;		/* folders (under content/) to mirror */
	size_t nmirrors;
	char *site_dir;		/* the site's folder (holding content/ or
				 * its configuration), if known */
	char **sections;	/* folders with an _index.md (:sections) */
	size_t nsections;
	struct ignore *ignore;	/* the site's ignoreFiles, or NULL */
	struct cascade *cascades;	/* sections' cascade of _build */
	size_t ncascades;
	long added, updated, unchanged, removed, skipped;
	int quiet;		/* expanding again: its warnings were given */
	/* Pages whose shortcodes call ref or relref: expanded again once
	 * every page's URL is stored (refs_final), by index in files. */
	size_t *ref_pages;
	size_t nref_pages;
	int refs_final;
	struct ref_index *ref_index;	/* while refs_final */
	long long started_ns;	/* the import's start, for STAT_SETTLE_NS */
	struct progress progress;	/* the line on a terminal */
};

/* Writes a message to the import's log, on a line of its own: the
 * progress line is erased first. */
static void __attribute__((format(printf, 2, 3)))
note(struct import *im, const char *fmt, ...)
{
	va_list ap;

	if (im->quiet && strncmp(fmt, "warning: ", 9) == 0)
		return;
	progress_clear(&im->progress);
	va_start(ap, fmt);
	vfprintf(im->log, fmt, ap);
	va_end(ap);
}

/* Adds the regular file st found at fs_path (opened at open_path when
 * not NULL: a link's target) as the page source. */
static void
add_file(struct import *im, const char *fs_path, const char *open_path,
    const char *source, const struct stat *st)
{
	struct input_file *f;

	if (im->nfiles == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 64;
		im->files = xrealloc(im->files, im->cap * sizeof(*im->files));
	}
	f = &im->files[im->nfiles++];
	f->fs_path = xstrdup(fs_path);
	f->open_path = open_path ? xstrdup(open_path) : NULL;
	f->source = xstrdup(source);
	f->path = NULL;
	f->lang = NULL;
	f->st = *st;
}

/* Adds the regular file st at fs_path (a link's target open_path, or
 * NULL) of the content folders as a resource of the leaf bundle whose
 * folder is bundle, or NULL: a file beside pages. */
static void
add_resource(struct import *im, const char *fs_path, const char *open_path,
    const char *source, const char *bundle, const struct stat *st)
{
	struct resource *r;

	if (im->nres == im->capres) {
		im->capres = im->capres ? im->capres * 2 : 64;
		im->res = xrealloc(im->res, im->capres * sizeof(*im->res));
	}
	r = &im->res[im->nres++];
	r->fs_path = xstrdup(fs_path);
	r->open_path = open_path ? xstrdup(open_path) : NULL;
	r->source = xstrdup(source);
	r->bundle = bundle ? xstrdup(bundle) : NULL;
	r->st = *st;
}

static void
free_files(struct import *im)
{
	size_t i;

	for (i = 0; i < im->nres; i++) {
		free(im->res[i].fs_path);
		free(im->res[i].open_path);
		free(im->res[i].source);
		free(im->res[i].bundle);
	}
	im->nres = 0;

	for (i = 0; i < im->nfiles; i++) {
		free(im->files[i].fs_path);
		free(im->files[i].open_path);
		free(im->files[i].source);
		free(im->files[i].path);
	}
	im->nfiles = 0;
}

static void
dirs_push(struct dirs *d, const char *path)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->path = xrealloc(d->path, d->cap * sizeof(*d->path));
	}
	d->path[d->n++] = xstrdup(path);
}

static void
dirs_free(struct dirs *d)
{
	while (d->n > 0)
		free(d->path[--d->n]);
	free(d->path);
	memset(d, 0, sizeof(*d));
}

/* Is the resolved path inside (or equal to) the resolved folder dir? */
static int
is_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return 1;
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' ||
	    path[n] == '/');
}

/* Does the walk reach the resolved folder real without a link: is it in
 * one of w->direct and, below it, in no folder whose name starts with a
 * dot (which the walk skips)? Sets *root to that folder. */
static int
walked_directly(const struct walk *w, const char *real, const char **root)
{
	const char *rest;
	size_t i;

	for (i = 0; i < w->direct.n; i++) {
		if (!is_within(real, w->direct.path[i]))
			continue;
		rest = real + strlen(w->direct.path[i]);
		if (strstr(rest, "/.") == NULL) {
			*root = w->direct.path[i];
			return 1;
		}
	}
	return 0;
}

/* Is the resolved folder real inside one already walked through a link?
 * Returns that folder, or NULL. */
static const char *
walked_linked(const struct walk *w, const char *real)
{
	size_t i;

	for (i = 0; i < w->linked.n; i++)
		if (is_within(real, w->linked.path[i]))
			return w->linked.path[i];
	return NULL;
}

/* Is the resolved folder real one that a link led the walk to? */
static int
linked_exactly(const struct walk *w, const char *real)
{
	size_t i;

	for (i = 0; i < w->linked.n; i++)
		if (strcmp(real, w->linked.path[i]) == 0)
			return 1;
	return 0;
}

static const char *
kind_name(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	return "not a file or folder";
}

/* The importer's rule for every file it finds: what fs_path (found by the
 * walk) may be read as. Sets *st to what is read (for a link, its target,
 * whose resolved path goes to real, PATH_MAX bytes) and returns 'f' for a
 * regular file, 'd' for a folder, or 0 for anything else, skipped with a
 * warning naming it: a link whose target lies outside w->root, or is a
 * folder being walked or above one (a loop), a folder the import walks
 * directly, or one inside a folder already walked through a link; a
 * FIFO, socket or device, never opened. */
static int
vet(struct import *im, struct walk *w, const char *fs_path,
    struct stat *st, char *real)
{
	const char *seen;
	size_t i;

	*real = '\0';
	if (lstat(fs_path, st) != 0) {
		note(im, "warning: %s: %s; skipped\n", fs_path,
		    strerror(errno));
		return 0;
	}
	if (S_ISLNK(st->st_mode)) {
		if (realpath(fs_path, real) == NULL || stat(real, st) != 0) {
			note(im, "warning: %s: a symbolic link to "
			    "nothing (%s); skipped\n", fs_path, strerror(errno));
			return 0;
		}
		if (!is_within(real, w->root)) {
			note(im, "warning: %s: a symbolic link to %s, "
			    "outside %s; skipped\n", fs_path, real, w->root);
			return 0;
		}
		if (S_ISDIR(st->st_mode)) {
			for (i = 0; i < w->open.n; i++)
				if (is_within(w->open.path[i], real)) {
					note(im, "warning: %s: a symbolic "
					    "link to %s, a folder being walked "
					    "(a loop); skipped\n", fs_path, real);
					return 0;
				}
			if (walked_directly(w, real, &seen)) {
				note(im, "warning: %s: a symbolic link to %s, "
				    "a folder imported directly (from %s); "
				    "skipped\n", fs_path, real, seen);
				return 0;
			}
			if ((seen = walked_linked(w, real)) != NULL) {
				note(im, "warning: %s: a symbolic link to %s, "
				    "inside %s, walked already through a "
				    "link; skipped\n", fs_path, real, seen);
				return 0;
			}
			dirs_push(&w->linked, real);
		}
	}
	if (S_ISDIR(st->st_mode))
		return 'd';
	if (S_ISREG(st->st_mode))
		return 'f';
	note(im, "warning: %s: not a regular file (%s); skipped\n",
	    fs_path, kind_name(st->st_mode));
	return 0;
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The content formats Hugo 0.111 renders besides Markdown and HTML
 * (hugofs/files' extensions, with case), which quire does not read: the
 * format of name, or NULL; *how says how Hugo renders it (Org itself,
 * with go-org; the others with an external program, without which its
 * build fails: measured for AsciiDoc). */
static const char *
other_format(const char *name, const char **how)
{
	static const struct {
		const char *ext, *format, *how;
	} formats[] = {
		{ ".asciidoc", "AsciiDoc", "with asciidoctor" },
		{ ".adoc", "AsciiDoc", "with asciidoctor" },
		{ ".ad", "AsciiDoc", "with asciidoctor" },
		{ ".rest", "reStructuredText", "with rst2html" },
		{ ".rst", "reStructuredText", "with rst2html" },
		{ ".org", "Org", "itself (go-org)" },
		{ ".pandoc", "Pandoc", "with pandoc" },
		{ ".pdc", "Pandoc", "with pandoc" },
	};
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (has_suffix(name, formats[i].ext)) {
			*how = formats[i].how;
			return formats[i].format;
		}
	return NULL;
}

/* Is name a leaf bundle's index: "index.EXT" or, for a language,
 * "index.CODE.EXT"? */
static int
leaf_index(const char *name)
{
	size_t e = url_content_ext(name), n = strlen(name);
	const char *mid = name + 5;

	if (e == 0 || strncmp(name, "index", 5) != 0 || n < 5 + e)
		return 0;
	if (n == 5 + e)
		return 1;
	/* ".CODE" between "index" and the extension, one component. */
	return *mid == '.' && mid + 1 < name + n - e &&
	    memchr(mid + 1, '.', (size_t)(name + n - e - mid - 1)) == NULL;
}

/* Does Hugo 0.111 leave the file or folder (dir) of source (under
 * content/) unread because every language names a contentDir of its
 * own and it lies in none of them (content/NOTES.md beside content/en
 * and content/zh)? A folder holding one is read. */
static int
outside_lang_dirs(const struct import *im, const char *source, int dir)
{
	struct buf prefix = BUF_INIT;
	size_t i, n = strlen(source);
	int outside = im->site.nlangs > 0;

	for (i = 0; i < im->site.nlangs && outside; i++) {
		buf_reset(&prefix);
		if (lang_content_prefix(&im->site, im->site.langs[i].code,
		    &prefix) == 0)
			outside = 0;	/* content/ itself is read */
		else if (strncmp(source, buf_cstr(&prefix), prefix.len) == 0)
			outside = 0;
		else if (dir && prefix.len > n &&
		    strncmp(buf_cstr(&prefix), source, n) == 0 &&
		    prefix.data[n] == '/')
			outside = 0;
	}
	buf_free(&prefix);
	return outside;
}

/* Adds the content files (Markdown, HTML) under dir (source names under
 * prefix), sorted, and the other files as resources; real is dir
 * resolved; bundle is the source of the leaf bundle's folder dir lies
 * in, or NULL. Entries are read by the rule of vet(); a resource's name
 * must pass files_name_ok(). */
static int
walk(struct import *im, struct walk *w, const char *dir, const char *real,
    const char *prefix, const char *bundle)
{
	struct buf why = BUF_INIT;
	const char *owner;
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, *target = NULL;
	const char *format, *how;
	size_t n = 0, cap = 0, i;
	int rc = 0, leaf = 0;

	if (d == NULL) {
		note(im, "%s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_names);
	/* A folder holding index.md is a leaf bundle: its other files and
	 * folders are the page's resources, never pages (Hugo). */
	for (i = 0; i < n && !leaf; i++)
		leaf = leaf_index(names[i]);
	owner = bundle != NULL ? bundle : leaf ? prefix : NULL;
	dirs_push(&w->open, real);
	target = xmalloc(PATH_MAX);
	for (i = 0; i < n; i++) {
		struct buf fs = BUF_INIT, src = BUF_INIT, sub = BUF_INIT;
		struct stat st;
		int kind;

		buf_printf(&fs, "%s/%s", dir, names[i]);
		if (*prefix != '\0')
			buf_printf(&src, "%s/%s", prefix, names[i]);
		else
			buf_puts(&src, names[i]);
		kind = rc == 0 ? vet(im, w, buf_cstr(&fs), &st, target) : 0;
		buf_reset(&why);
		/* Hugo skips editors' files (#name, name~) and what the
		 * site's ignoreFiles match; and with every language in a
		 * contentDir of its own, what lies in none. */
		if (kind != 0 && (ignore_name(names[i]) ||
		    ignore_match(im->ignore, buf_cstr(&fs)))) {
			im->skipped++;
		} else if (kind != 0 && bundle == NULL &&
		    strncmp(buf_cstr(&src), "../", 3) != 0 &&
		    outside_lang_dirs(im, buf_cstr(&src), kind == 'd')) {
			note(im, "warning: %s: in no language's contentDir; "
			    "skipped, as Hugo 0.111 does not read it\n",
			    buf_cstr(&fs));
			im->skipped++;
		} else if (kind != 0 && (owner != NULL || (kind == 'f' &&
		    url_content_ext(names[i]) == 0 &&
		    other_format(names[i], &how) == NULL)) &&
		    !files_name_ok(names[i], &why)) {
			buf_reset(&sub);
			files_shown(buf_cstr(&fs), &sub);
			note(im, "%s: refused: %s\n", buf_cstr(&sub),
			    buf_cstr(&why));
			rc = -1;
		} else if (owner != NULL && kind == 'f' &&
		    !(bundle == NULL && leaf_index(names[i]))) {
			/* A resource of the bundle: Hugo publishes all but
			 * its content files. */
			if (url_content_ext(names[i]) == 0)
				add_resource(im, buf_cstr(&fs), *target ?
				    target : NULL, buf_cstr(&src), owner, &st);
			else
				im->skipped++;
		} else if (kind == 'd') {
			if (*target == '\0')
				buf_printf(&sub, "%s%s%s", real,
				    strcmp(real, "/") == 0 ? "" : "/", names[i]);
			else
				buf_puts(&sub, target);
			/* Inside a linked folder, a folder an earlier link
			 * led to (posts/x -> ../notes/sub, then posts/y ->
			 * ../notes): walked once. */
			if (*target == '\0' && linked_exactly(w, buf_cstr(&sub)))
				note(im, "warning: %s: %s, walked already "
				    "through a link; skipped\n", buf_cstr(&fs),
				    buf_cstr(&sub)), im->skipped++;
			else
				rc = walk(im, w, buf_cstr(&fs), buf_cstr(&sub),
				    buf_cstr(&src), owner);
		} else if (kind == 'f' && url_content_ext(names[i]) > 0) {
			add_file(im, buf_cstr(&fs), *target ? target : NULL,
			    buf_cstr(&src), &st);
		} else if (kind == 'f' &&
		    (format = other_format(names[i], &how)) != NULL) {
			note(im, "warning: %s:1: %s content, which Hugo renders "
			    "%s but quire does not read (Markdown and HTML "
			    "only); skipped\n", buf_cstr(&fs), format, how);
			im->skipped++;
		} else if (kind == 'f') {
			/* Beside pages: a branch bundle's, or at its path. */
			add_resource(im, buf_cstr(&fs), *target ? target : NULL,
			    buf_cstr(&src), NULL, &st);
		} else if (rc == 0) {
			im->skipped++;
		}
		buf_free(&fs);
		buf_free(&src);
		buf_free(&sub);
		free(names[i]);
	}
	free(w->open.path[--w->open.n]);
	free(target);
	free(names);
	buf_free(&why);
	return rc;
}

/* Splits an absolute path at its last "content" component: sets *rel to
 * what follows it ("" for the folder itself) and returns the site folder
 * (malloc'd), or NULL when the path is not under a content/ folder. */
char *
import_split_content(const char *abs, const char **rel)
{
	const char *p = abs, *hit = NULL;

	while ((p = strstr(p, "/content")) != NULL) {
		if (p[8] == '/' || p[8] == '\0')
			hit = p;
		p += 8;
	}
	if (hit == NULL)
		return NULL;
	*rel = hit[8] == '/' ? hit + 9 : hit + 8;
	return hit == abs ? xstrdup("/") : xstrndup(abs, (size_t)(hit - abs));
}

/* The configuration files Hugo 0.111 looks for in a site's folder, in
 * the order it looks (the first found is read). */
static const char *const config_names[] = { "hugo.toml", "hugo.yaml",
    "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml",
    "config.json" };

int
import_is_site(const char *abs)
{
	struct buf path = BUF_INIT;
	struct stat st;
	size_t i;
	int site = 0;

	for (i = 0; i <= sizeof(config_names) / sizeof(config_names[0]) &&
	    !site; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", strcmp(abs, "/") == 0 ? "" : abs,
		    i == 0 ? "content" : config_names[i - 1]);
		site = stat(buf_cstr(&path), &st) == 0 && (i == 0 ?
		    S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
	}
	if (!site) {
		buf_reset(&path);
		buf_printf(&path, "%s/config/_default",
		    strcmp(abs, "/") == 0 ? "" : abs);
		site = stat(buf_cstr(&path), &st) == 0 && S_ISDIR(st.st_mode);
	}
	buf_free(&path);
	return site;
}

/* Appends to dir the folder that holds content sources under prefix
 * (lang.h: "" is content/, "de/" content/de, "../content-de/" the
 * site's content-de), for the site at site_dir. */
static void
prefix_folder(const char *site_dir, const char *prefix, struct buf *dir)
{
	size_t n = strlen(prefix);

	buf_printf(dir, "%s/", site_dir);
	if (n > 0)
		lang_site_path(dir, prefix, n - 1);	/* less its '/' */
	else
		buf_puts(dir, "content");
}

/* Does the folder of sources under prefix lie in the one under base? */
static int
prefix_within(const char *prefix, const char *base)
{
	/* content/ ("") holds no folder beside it. */
	if (strncmp(prefix, "../", 3) == 0 && strncmp(base, "../", 3) != 0)
		return 0;
	return strncmp(prefix, base, strlen(base)) == 0;
}

/* Lists in roots the content folders of the site that its configuration
 * names, by their sources' prefix relative to content/ (lang.h: "",
 * "../content.en/"): with whole, the site's own (its contentDir, content/
 * by default) first, when a language has it (every language naming a
 * contentDir of its own, Hugo 0.111 reads no other); then each
 * language's own contentDir that the site's (with whole) or content/
 * (without: content/ is walked as a PATH) does not hold, once each. */
static void
site_roots(struct import *im, int whole, struct dirs *roots)
{
	struct buf base = BUF_INIT, prefix = BUF_INIT;
	size_t i, j;
	int shared = im->site.nlangs == 0;

	for (i = 0; i < im->site.nlangs && !shared; i++)
		shared = lang_content_prefix(&im->site,
		    im->site.langs[i].code, &prefix) == 0;
	buf_reset(&prefix);
	if (whole && shared) {
		lang_site_prefix(&im->site, &base);
		dirs_push(roots, buf_cstr(&base));
	}
	for (i = 0; i < im->site.nlangs; i++) {
		buf_reset(&prefix);
		if (lang_content_prefix(&im->site, im->site.langs[i].code,
		    &prefix) == 0 || ((!whole || shared) &&
		    prefix_within(buf_cstr(&prefix), buf_cstr(&base))))
			continue;
		for (j = 0; j < roots->n &&
		    strcmp(roots->path[j], buf_cstr(&prefix)) != 0; j++)
			;
		if (j == roots->n)
			dirs_push(roots, buf_cstr(&prefix));
	}
	buf_free(&base);
	buf_free(&prefix);
}

/* The language whose contentDir holds sources under prefix ("" when it
 * is the site's own contentDir), for a message. */
static const char *
root_lang(struct import *im, const char *prefix)
{
	struct buf p = BUF_INIT;
	const char *code = "";
	size_t i;

	for (i = 0; i < im->site.nlangs && *code == '\0'; i++) {
		buf_reset(&p);
		if (lang_content_prefix(&im->site, im->site.langs[i].code,
		    &p) == 1 && strcmp(buf_cstr(&p), prefix) == 0)
			code = im->site.langs[i].code;
	}
	buf_free(&p);
	return code;
}

/* Walks the content folders site_roots() lists for the site at site_dir
 * (see there for whole), each file's source under its prefix
 * ("../content-de/posts/a.md"), and mirrors each. A folder that does not
 * exist is skipped, as Hugo 0.111 builds without it, with a warning
 * (but for a missing content/, which Hugo needs no more than quire does
 * when the languages name their own); a whole site with none at all is
 * a warning. */
static int
collect_roots(struct import *im, struct walk *w, const char *site_dir,
    int whole)
{
	struct dirs roots = { NULL, 0, 0 };
	struct buf dir = BUF_INIT, mirror = BUF_INIT;
	char abs[PATH_MAX];
	const char *prefix, *lang;
	struct stat st;
	size_t i, walked = 0;
	int rc = 0, found;

	site_roots(im, whole, &roots);
	for (i = 0; i < roots.n && rc == 0; i++) {
		prefix = roots.path[i];
		buf_reset(&dir);
		prefix_folder(site_dir, prefix, &dir);
		found = realpath(buf_cstr(&dir), abs) != NULL &&
		    stat(abs, &st) == 0;
		if (found && !S_ISDIR(st.st_mode)) {
			found = 0;
			errno = ENOTDIR;
		}
		if (!found) {
			lang = root_lang(im, prefix);
			if (*lang != '\0')
				note(im, "warning: %s: contentDir of language "
				    "'%s': %s; skipped, as Hugo 0.111 builds "
				    "without it\n", buf_cstr(&dir), lang,
				    strerror(errno));
			else if (*prefix != '\0')
				note(im, "warning: %s: contentDir: %s; skipped, "
				    "as Hugo 0.111 builds without it\n",
				    buf_cstr(&dir), strerror(errno));
			continue;
		}
		if (im->opts->walked != NULL)
			im->opts->walked(abs, im->opts->walked_arg);
		buf_reset(&mirror);
		buf_add(&mirror, prefix, *prefix ? strlen(prefix) - 1 : 0);
		im->mirrors = xrealloc(im->mirrors,
		    (im->nmirrors + 1) * sizeof(*im->mirrors));
		im->mirrors[im->nmirrors++] = xstrdup(buf_cstr(&mirror));
		w->root = site_dir;
		rc = walk(im, w, abs, abs, buf_cstr(&mirror), NULL);
		walked++;
	}
	/* Hugo builds such a site, with no pages; likely a slip here (a
	 * folder of posts beside an unrelated config.yaml). */
	if (rc == 0 && whole && walked == 0)
		note(im, "warning: %s: no content folder of this Hugo site "
		    "exists (its contentDir, content/ by default, or a "
		    "language's): no pages, as Hugo builds it\n", site_dir);
	dirs_free(&roots);
	buf_free(&dir);
	buf_free(&mirror);
	return rc;
}

/* Resolves the PATH argument arg into abs (PATH_MAX bytes) and *st, and
 * sets *site when it is a Hugo site's folder (import_is_site()), which
 * stands for its content folders. Returns 0, or -1 (errno set). */
static int
resolve_arg(const char *arg, char *abs, struct stat *st, int *site)
{
	*site = 0;
	/* A PATH named by the user is followed wherever it leads. */
	if (realpath(arg, abs) == NULL || stat(abs, st) != 0)
		return -1;
	*site = S_ISDIR(st->st_mode) && import_is_site(abs);
	return 0;
}

/* Sets im->site_dir to the site's folder: the first PATH that is a
 * site's folder or lies under a content/ folder. Paths that cannot be
 * resolved are collect()'s to report. */
static void
find_site(struct import *im)
{
	char abs[PATH_MAX];
	const char *rel;
	struct stat st;
	int i, site;

	for (i = 0; i < im->opts->npaths && im->site_dir == NULL; i++) {
		if (resolve_arg(im->opts->paths[i], abs, &st, &site) != 0)
			continue;
		im->site_dir = site ? xstrdup(abs) :
		    import_split_content(abs, &rel);
	}
}

/* Adds to w->direct every folder the import walks without a link: each
 * folder PATH (a site's: its content folders), and with a whole content/
 * the language contentDirs beside it. Paths that cannot be resolved are
 * collect()'s to report. */
static void
direct_folders(struct import *im, struct walk *w)
{
	struct buf dir = BUF_INIT;
	struct dirs list = { NULL, 0, 0 };
	char abs[PATH_MAX], real[PATH_MAX];
	const char *rel = NULL;
	char *site_dir;
	struct stat st;
	size_t j;
	int i, site;

	for (i = 0; i < im->opts->npaths; i++) {
		if (resolve_arg(im->opts->paths[i], abs, &st, &site) != 0 ||
		    !S_ISDIR(st.st_mode))
			continue;
		if (site) {
			site_dir = xstrdup(abs);
		} else {
			dirs_push(&w->direct, abs);
			site_dir = import_split_content(abs, &rel);
			if (site_dir == NULL || *rel != '\0') {
				free(site_dir);
				continue;
			}
		}
		site_roots(im, site, &list);
		for (j = 0; j < list.n; j++) {
			buf_reset(&dir);
			prefix_folder(site_dir, list.path[j], &dir);
			if (realpath(buf_cstr(&dir), real) != NULL)
				dirs_push(&w->direct, real);
		}
		dirs_free(&list);
		free(site_dir);
	}
	buf_free(&dir);
}

/* Works out what each PATH argument holds, under the site's settings. */
static int
collect(struct import *im)
{
	struct walk w;
	int i, rc = 0, site;

	memset(&w, 0, sizeof(w));
	direct_folders(im, &w);
	for (i = 0; i < im->opts->npaths && rc == 0; i++) {
		const char *arg = im->opts->paths[i], *rel = NULL;
		char abs[PATH_MAX];
		char *site_dir;
		struct stat st;
		struct buf prefix = BUF_INIT;

		if (resolve_arg(arg, abs, &st, &site) != 0) {
			note(im, "%s: %s\n", arg, strerror(errno));
			rc = -1;
			break;
		}
		if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
			note(im, "%s: not a regular file or folder (%s)\n",
			    arg, kind_name(st.st_mode));
			rc = -1;
			break;
		}
		if (site) {
			/* A site's folder: its content folders, whole, and
			 * every page they no longer hold is removed. */
			if (im->site_dir == NULL)
				im->site_dir = xstrdup(abs);
			im->whole_site = 1;
			im->mirrors = xrealloc(im->mirrors,
			    (im->nmirrors + 1) * sizeof(*im->mirrors));
			im->mirrors[im->nmirrors++] = xstrdup("");
			rc = collect_roots(im, &w, abs, 1);
			continue;
		}
		site_dir = import_split_content(abs, &rel);
		if (site_dir != NULL) {
			buf_puts(&prefix, rel);
			if (im->site_dir == NULL)
				im->site_dir = xstrdup(site_dir);
		} else {
			/* Any other folder is the main section itself. */
			buf_puts(&prefix, im->site.main_section);
			if (!S_ISDIR(st.st_mode)) {
				const char *base = strrchr(abs, '/');

				buf_printf(&prefix, "/%s", base ? base + 1 : abs);
			}
		}
		while (prefix.len > 0 && prefix.data[prefix.len - 1] == '/')
			prefix.data[--prefix.len] = '\0';
		if (S_ISDIR(st.st_mode)) {
			im->mirrors = xrealloc(im->mirrors,
			    (im->nmirrors + 1) * sizeof(*im->mirrors));
			im->mirrors[im->nmirrors++] = xstrdup(buf_cstr(&prefix));
			/* Links may point anywhere in the site folder, or in
			 * the folder named when there is no site folder. */
			w.root = site_dir != NULL ? site_dir : abs;
			rc = walk(im, &w, abs, abs, buf_cstr(&prefix), NULL);
			if (site_dir != NULL && *rel == '\0')
				im->whole_site = 1;
		} else if (url_content_ext(abs) > 0 &&
		    ignore_match(im->ignore, abs)) {
			im->skipped++;	/* ignoreFiles: Hugo reads it not */
		} else if (url_content_ext(abs) > 0) {
			add_file(im, abs, NULL, buf_cstr(&prefix), &st);
		} else {
			note(im, "%s: not a Markdown (.md, .markdown, .mdown) "
			    "or HTML (.html, .htm) file\n", arg);
			rc = -1;
		}
		/* The whole content/ of a site: with it, the contentDir of
		 * each language that lies outside content/. */
		if (rc == 0 && site_dir != NULL && S_ISDIR(st.st_mode) &&
		    *rel == '\0')
			rc = collect_roots(im, &w, site_dir, 0);
		buf_free(&prefix);
		free(site_dir);
	}
	dirs_free(&w.open);
	dirs_free(&w.direct);
	dirs_free(&w.linked);
	return rc != 0 ? -1 : 0;
}

/* The files of a site's configuration, in the order they are merged. */
struct sources {
	struct site_source *src;
	size_t n;
};

static void
sources_add(struct sources *c, const char *path, const char *key)
{
	c->src = xrealloc(c->src, (c->n + 1) * sizeof(*c->src));
	c->src[c->n].path = xstrdup(path);
	c->src[c->n].key = key != NULL ? xstrdup(key) : NULL;
	c->n++;
}

static void
sources_free(struct sources *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free((char *)c->src[i].path);
		free((char *)c->src[i].key);
	}
	free(c->src);
}

/* Adds the configuration files of Hugo's config folder dir (under the
 * site), in name order as Hugo merges them: hugo.* and config.* at the top,
 * any other NAME.EXT under the key NAME (params.toml: params), and
 * languages.CODE.EXT under languages.CODE, menus.CODE.EXT under
 * languages.CODE.menus. Files are read by the rule of vet(); another
 * language's file (params.fr.toml) is not read, with a warning. */
static void
config_dir(struct import *im, struct walk *w, const char *dir,
    struct sources *c)
{
	static const char *const exts[] = { ".toml", ".yaml", ".yml", ".json" };
	struct buf path = BUF_INIT, key = BUF_INIT, lkey = BUF_INIT;
	struct dirent *e;
	struct stat st;
	char **names = NULL, *real = xmalloc(PATH_MAX);
	size_t n = 0, i, j;
	DIR *d;

	if (lstat(dir, &st) != 0 || vet(im, w, dir, &st, real) != 'd' ||
	    (d = opendir(dir)) == NULL) {
		free(real);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		for (j = 0; j < sizeof(exts) / sizeof(exts[0]); j++)
			if (has_suffix(names[i], exts[j]))
				break;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, names[i]);
		if (j == sizeof(exts) / sizeof(exts[0]) ||
		    vet(im, w, buf_cstr(&path), &st, real) != 'f')
			continue;
		buf_reset(&key);
		buf_add(&key, names[i], strlen(names[i]) - strlen(exts[j]));
		if (strncmp(buf_cstr(&key), "languages.", 10) == 0 &&
		    strchr(buf_cstr(&key) + 10, '.') == NULL) {
			sources_add(c, buf_cstr(&path), buf_cstr(&key));
		} else if ((strncmp(buf_cstr(&key), "menus.", 6) == 0 ||
		    strncmp(buf_cstr(&key), "menu.", 5) == 0) &&
		    strchr(strchr(buf_cstr(&key), '.') + 1, '.') == NULL) {
			/* menus.fr.toml: the menus of language fr */
			buf_reset(&lkey);
			buf_printf(&lkey, "languages.%s.menus",
			    strchr(buf_cstr(&key), '.') + 1);
			sources_add(c, buf_cstr(&path), buf_cstr(&lkey));
		} else if (strchr(buf_cstr(&key), '.') != NULL) {
			note(im, "warning: %s: a language's own "
			    "settings, not read (quire shows the site's in "
			    "every language)\n", buf_cstr(&path));
		}
		else if (strcmp(buf_cstr(&key), "hugo") == 0 ||
		    strcmp(buf_cstr(&key), "config") == 0)
			sources_add(c, buf_cstr(&path), NULL);
		else
			sources_add(c, buf_cstr(&path), buf_cstr(&key));
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(real);
	buf_free(&path);
	buf_free(&key);
	buf_free(&lkey);
}

/* Finds and reads the site's Hugo configuration, as Hugo 0.111 does for a
 * production build: the first of hugo.toml, hugo.yaml, hugo.yml,
 * hugo.json, config.toml, config.yaml, config.yml, config.json in the site
 * folder, then config/_default/ and config/production/ merged over it;
 * or the one file --config names. Returns 0, 1 if there is none, or -1
 * on error. */
static int
read_config(struct import *im)
{
	struct buf path = BUF_INIT, err = BUF_INIT;
	struct sources c = { NULL, 0 };
	const char *file = im->opts->config;
	struct stat st;
	struct walk w;
	char *real = NULL;
	size_t i;
	int rc = 1;

	if (file != NULL && stat(file, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* Named by the user, but opening a FIFO would hang. */
		note(im, "%s: not a regular file (%s)\n", file,
		    kind_name(st.st_mode));
		return -1;
	}
	if (file != NULL) {
		sources_add(&c, file, NULL);
	} else if (im->site_dir != NULL) {
		/* Found in the site: read by the walk's rule. */
		memset(&w, 0, sizeof(w));
		w.root = im->site_dir;
		real = xmalloc(PATH_MAX);
		for (i = 0; i < sizeof(config_names) / sizeof(config_names[0]);
		    i++) {
			buf_reset(&path);
			buf_printf(&path, "%s/%s", im->site_dir,
			    config_names[i]);
			if (lstat(buf_cstr(&path), &st) != 0)
				continue;
			if (vet(im, &w, buf_cstr(&path), &st, real) == 'f') {
				sources_add(&c, buf_cstr(&path), NULL);
				break;
			}
		}
		buf_reset(&path);
		buf_printf(&path, "%s/config/_default", im->site_dir);
		config_dir(im, &w, buf_cstr(&path), &c);
		buf_reset(&path);
		buf_printf(&path, "%s/config/production", im->site_dir);
		config_dir(im, &w, buf_cstr(&path), &c);
		dirs_free(&w.linked);
		free(real);
	}
	if (c.n > 0) {
		/* A configuration replaces the stored settings whole, so that
		 * a key removed from it goes back to its default. */
		site_free(&im->site);
		site_init(&im->site);
		if (site_load_files(&im->site, c.src, c.n, &err) != 0) {
			note(im, "%s\n", buf_cstr(&err));
			rc = -1;
		} else {
			/* Warnings, each on its line. */
			if (err.len > 0)
				note(im, "%s", buf_cstr(&err));
			rc = 0;
		}
	}
	sources_free(&c);
	buf_free(&path);
	buf_free(&err);
	return rc;
}

static uint64_t
fnv1a(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void
hash_setting(const char *key, const char *value, void *arg)
{
	uint64_t *h = arg;

	*h = fnv1a(*h, key, strlen(key) + 1);
	*h = fnv1a(*h, value, strlen(value) + 1);
}

/* Reads the file f vetted by the walk into out: still the regular file
 * the walk saw, opened without following a link at its last step. Says
 * why not on im's log, unless im is NULL. */
static int
read_file(struct import *im, const struct input_file *f, struct buf *out)
{
	const char *path = f->open_path ? f->open_path : f->fs_path;
	struct stat want;
	enum readfile_rc rc;

	want.st_dev = f->st.st_dev;
	want.st_ino = f->st.st_ino;
	rc = readfile_regular(path, 1, &want, MAX_FILE_BYTES, out);
	if (rc != READFILE_OK && im == NULL)
		return -1;
	switch (rc) {
	case READFILE_OK:
		return 0;
	case READFILE_ERRNO:
		note(im, "%s: %s\n", f->fs_path, strerror(errno));
		break;
	case READFILE_NOT_REGULAR:
		note(im, "%s: changed while being imported; import "
		    "again\n", f->fs_path);
		break;
	case READFILE_TOO_BIG:
		note(im, "%s:1: larger than %ld MiB; not a blog "
		    "post\n", f->fs_path, MAX_FILE_BYTES / 1024 / 1024);
		break;
	}
	return -1;
}

static long long
ts_ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000 + t->tv_nsec;
}

/* What the walk saw of f, as its page_stat row keeps it. */
static void
file_stat(const struct input_file *f, struct dbw_stat *s)
{
	s->dev = (unsigned long long)f->st.st_dev;
	s->ino = (unsigned long long)f->st.st_ino;
	s->size = (long long)f->st.st_size;
	s->mtime_ns = ts_ns(&f->st.st_mtim);
	s->ctime_ns = ts_ns(&f->st.st_ctim);
}

/* Records that f's page was stored from the file the walk saw, under
 * settings_hash: unless its timestamps are too recent to tell a later
 * edit (STAT_SETTLE_NS). */
static int
stat_put(struct import *im, struct dbw *w, const struct input_file *f,
    uint64_t settings_hash, struct buf *err)
{
	struct dbw_stat s;

	file_stat(f, &s);
	if (s.mtime_ns > im->started_ns - STAT_SETTLE_NS ||
	    s.ctime_ns > im->started_ns - STAT_SETTLE_NS)
		return 0;
	return dbw_stat_put(w, f->source, &s, settings_hash, err);
}

/* The hash of everything besides a file that its page depends on: the
 * rules, the settings, the folders that are sections. */
static uint64_t
settings_hash_of(struct import *im)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	/* The whole version: its first byte alone would not tell 12 from
	 * 13, and a new rule would rebuild nothing. */
	h = fnv1a(h, IMPORT_RULES_VERSION, sizeof(IMPORT_RULES_VERSION));
	site_each(&im->site, hash_setting, &h);
	/* A page's :sections depends on which folders hold an _index.md. */
	for (i = 0; i < im->nsections; i++)
		h = fnv1a(h, im->sections[i], strlen(im->sections[i]) + 1);
	/* A page's build options depend on its sections' cascades. */
	for (i = 0; i < im->ncascades; i++) {
		const struct cascade *c = &im->cascades[i];
		int v[3] = { c->build.render, c->build.list,
		    c->build.publish_resources };

		h = fnv1a(h, c->folder, strlen(c->folder) + 1);
		h = fnv1a(h, c->lang, strlen(c->lang) + 1);
		h = fnv1a(h, v, sizeof(v));
	}
	return h;
}

/* Is the page at source (a path under content/) a post: in one of the
 * main sections? */
static int
is_post(const struct site *s, const char *source)
{
	char *const *names = s->nmain_sections > 0 ? s->main_sections :
	    &s->main_section;

	return section_is_among(source, names, s->nmain_sections > 0 ?
	    s->nmain_sections : 1);
}

/* Is the front matter's page published at now, as Hugo builds it? */
static int
is_published(const struct frontmatter *fm, long long now)
{
	long long from = fm->has_publish ? fm->publish.t :
	    fm->has_date ? fm->date.t : 0;

	return !fm->draft && from <= now &&
	    (!fm->has_expiry || fm->expiry.t > now);
}

/* When the config names no mainSections, a site folder's main section
 * is Hugo's default: the top-level section with the most published
 * pages, counting the files of this import (their front matter is read
 * here once more, unless the stat of the file and the settings are
 * those its page was stored under: then its stored page is counted)
 * and the pages kept from earlier ones. Files that do not parse are
 * left to import_file() to report. A plain folder keeps the stored main
 * section, which placed its files. */
static int
choose_main_section(struct import *im, struct dbw *w, struct buf *err)
{
	struct section_tally t;
	struct buf text = BUF_INIT, ferr = BUF_INIT, fwarn = BUF_INIT;
	long long now = (long long)time(NULL);
	const char *most;
	uint64_t settings_hash;
	size_t i;
	int rc = -1;

	if (im->site.nmain_sections > 0 || im->site_dir == NULL)
		return 0;
	/* The settings as they stand: the last import's when it chose the
	 * same main section, the case worth not reading files for. */
	settings_hash = settings_hash_of(im);
	memset(&t, 0, sizeof(t));
	if (dbw_section_pages(w, now, &t, err) != 0)
		goto out;
	for (i = 0; i < im->nfiles; i++) {
		const struct input_file *f = &im->files[i];
		const char *base = strrchr(f->path, '/');
		size_t len = section_len(f->path);
		struct frontmatter fm;
		struct dbw_stat s;
		int same, published, refs;

		progress_show(&im->progress, "counting sections", i + 1,
		    im->nfiles);
		if (len == 0 || url_is_index(base + 1, 1))
			continue;
		file_stat(f, &s);
		same = dbw_stat_same(w, f->source, &s, settings_hash, now,
		    &published, &refs, err);
		if (same < 0)
			goto out;
		if (same) {
			if (published)
				section_count(&t, f->path, len, 1);
			continue;
		}
		buf_reset(&text);
		if (read_file(NULL, f, &text) != 0)
			continue;
		buf_reset(&ferr);
		buf_reset(&fwarn);
		if (fm_parse(f->fs_path, buf_cstr(&text), text.len, &fm, &ferr,
		    &fwarn) == 0 && is_published(&fm, now))
			section_count(&t, f->path, len, 1);
		fm_free(&fm);
	}
	if ((most = section_most(&t)) != NULL)
		site_set(&im->site, "mainSections", most);
	rc = 0;
out:
	section_tally_free(&t);
	buf_free(&text);
	buf_free(&ferr);
	buf_free(&fwarn);
	return rc;
}

/* Looks up the page of language lang that a menu entry's pageRef path
 * ("posts/hello", no leading '/') names, as that language's GetPage
 * would: in its own contentDir ("../content-de/posts/hello.md") or by
 * its name ("posts/hello.fr.md", "posts/hello/index.fr.md",
 * "posts/_index.fr.md"). Returns 2 with its URL in url, 0 when it has
 * none (or lang is "": the site's menu), -1 with err on a database
 * error. */
static int
lang_page_ref(struct import *im, struct dbw *w, const char *lang,
    const char *path, struct buf *url, struct buf *err)
{
	static const char *const suffixes[] = { ".md", "/index.md",
	    "/_index.md" };
	struct buf prefix = BUF_INIT, source = BUF_INIT, title = BUF_INIT;
	size_t j, k;
	int found = 0, own;

	if (*lang == '\0')
		return 0;
	own = lang_content_prefix(&im->site, lang, &prefix);
	for (j = 0; j < sizeof(suffixes) / sizeof(suffixes[0]) &&
	    found == 0; j++) {
		for (k = 0; k < 2 && found == 0; k++) {
			/* Its own folder holds it as NAME.md too. */
			if (k == 1 && !own)
				continue;
			buf_reset(&source);
			buf_printf(&source, "%s%s", buf_cstr(&prefix), path);
			if (k == 0)
				buf_printf(&source, "%.*s.%s.md",
				    (int)(strlen(suffixes[j]) - 3), suffixes[j],
				    lang);
			else
				buf_puts(&source, suffixes[j]);
			buf_reset(url);
			buf_reset(&title);
			found = dbw_page_ref(w, buf_cstr(&source), NULL, url,
			    &title, err);
		}
	}
	buf_free(&prefix);
	buf_free(&source);
	buf_free(&title);
	return found;
}

/* Turns each menu entry's pageRef into a URL, as Hugo 0.111's menus do:
 * the URL of the page it names (its path compared without case, as
 * GetPage does; a language's own menu looks among that language's pages
 * first), or the section or taxonomy it names, at the route it
 * was given when the config was read. A pageRef that names nothing keeps
 * that route, with a warning. An entry without a name keeps none, as in
 * Hugo. */
static int
resolve_page_refs(struct import *im, struct dbw *w, struct buf *err)
{
	/* As written (with an extension), then each content file it may
	 * name; the section's own page last. */
	static const char *const suffixes[] = { "", ".md", ".html", ".htm",
	    "/index.md", "/index.html", "/index.htm", "/_index.md" };
	struct buf path = BUF_INIT, source = BUF_INIT, folder = BUF_INIT;
	struct buf url = BUF_INIT, title = BUF_INIT;
	size_t i, j;
	int found = 0, rc = -1;

	for (i = 0; i < im->site.nmenu; i++) {
		struct site_link *m = &im->site.menu[i];

		if (m->page_ref == NULL)
			continue;
		buf_reset(&path);
		buf_puts(&path, m->page_ref + strspn(m->page_ref, "/"));
		while (path.len > 0 && path.data[path.len - 1] == '/')
			path.data[--path.len] = '\0';
		buf_reset(&folder);
		buf_printf(&folder, "%s/", buf_cstr(&path));
		/* A language's own menu names its own pages first. */
		if ((found = lang_page_ref(im, w, m->lang, buf_cstr(&path),
		    &url, err)) < 0)
			goto out;
		if (found == 2) {
			free(m->url);
			m->url = buf_detach(&url);
			free(m->page_ref);
			m->page_ref = NULL;
			continue;
		}
		for (j = 0; j < sizeof(suffixes) / sizeof(suffixes[0]); j++) {
			if (j == 0 && url_content_ext(buf_cstr(&path)) == 0)
				continue;
			buf_reset(&source);
			buf_printf(&source, "%s%s", buf_cstr(&path), suffixes[j]);
			buf_reset(&url);
			buf_reset(&title);
			/* A section only when no page answers. */
			if ((found = dbw_page_ref(w, buf_cstr(&source),
			    j + 1 == sizeof(suffixes) / sizeof(suffixes[0]) ?
			    buf_cstr(&folder) : NULL, &url, &title, err)) != 0)
				break;
		}
		if (found < 0)
			goto out;
		if (found == 2) {
			free(m->url);
			m->url = buf_detach(&url);
		} else if (found == 0 && site_taxonomy(&im->site,
		    buf_cstr(&path), path.len) < 0) {
			note(im, "warning: menu entry '%s': pageRef '%s' names "
			    "no page or section; it links to %s\n", m->name,
			    m->page_ref, m->url);
		}
		free(m->page_ref);
		m->page_ref = NULL;
	}
	rc = 0;
out:
	buf_free(&path);
	buf_free(&source);
	buf_free(&folder);
	buf_free(&url);
	buf_free(&title);
	return rc;
}

/* Hugo 0.111's isHTMLContent (hugofs/files): is the HTML content file of
 * n bytes s an HTML document, its first character other than white space
 * a '<' that does not open a comment ("<!--" may hide front matter), or
 * no such character at all? */
static int
is_html_document(const char *s, size_t n)
{
	static const char comment[] = "<!--";
	unsigned long cp;
	size_t i = 0, len;

	while (i < n && (len = uni_next(s + i, n - i, &cp)) > 0 &&
	    uni_is_space(cp))
		i += len;
	if (i >= n)
		return 1;
	if (s[i] != '<')
		return 0;
	return n - i < sizeof(comment) - 1 ||
	    memcmp(s + i, comment, sizeof(comment) - 1) != 0;
}

/* Leaves out the .html/.htm files that are HTML documents, which Hugo
 * copies as they are to their path (posts/a.html) instead of making
 * pages of them; quire does not serve them, and says so. */
static void
drop_html_documents(struct import *im)
{
	struct buf text = BUF_INIT;
	size_t i, kept = 0;

	for (i = 0; i < im->nfiles; i++) {
		struct input_file *f = &im->files[i];

		buf_reset(&text);
		if (url_markdown_ext(f->source) == 0 &&
		    read_file(NULL, f, &text) == 0 &&
		    is_html_document(buf_cstr(&text), text.len)) {
			note(im, "warning: %s:1: an HTML document without "
			    "front matter, which Hugo 0.111 copies as a file "
			    "instead of making a page of it; quire does not "
			    "serve it: skipped\n", f->fs_path);
			im->skipped++;
			free(f->fs_path);
			free(f->open_path);
			free(f->source);
			free(f->path);
			continue;
		}
		im->files[kept++] = *f;
	}
	im->nfiles = kept;
	buf_free(&text);
}

/* Works out each file's language and its path in its language's
 * content (lang.c), once the configuration is read. */
static void
assign_langs(struct import *im)
{
	struct buf path = BUF_INIT;
	size_t i;

	for (i = 0; i < im->nfiles; i++) {
		buf_reset(&path);
		im->files[i].lang = lang_of_file(&im->site,
		    im->files[i].source, &path);
		free(im->files[i].path);
		im->files[i].path = buf_detach(&path);
	}
	buf_free(&path);
}

/* disableKinds: page. Hugo builds no regular page then (nor the
 * sections and terms only its pages made): their files are left out
 * of the import, and a mirrored folder's pages go. */
static void
drop_pages(struct import *im)
{
	size_t i, n = 0;

	if (!site_kind_off(&im->site, "page"))
		return;
	for (i = 0; i < im->nfiles; i++) {
		struct input_file *f = &im->files[i];
		const char *base = strrchr(f->path, '/');

		if (url_is_index(base != NULL ? base + 1 : f->path, 1)) {
			im->files[n++] = *f;
			continue;
		}
		free(f->fs_path);
		free(f->open_path);
		free(f->source);
		free(f->path);
		im->skipped++;
	}
	im->nfiles = n;
}

/* Lists the folders (under content/) holding an _index.md: Hugo's nested
 * sections. */
static void
find_sections(struct import *im)
{
	size_t i;

	for (i = 0; i < im->nfiles; i++) {
		const char *src = im->files[i].path;
		const char *base = strrchr(src, '/');

		if (base == NULL || !url_is_index(base + 1, 1))
			continue;
		im->sections = xrealloc(im->sections, (im->nsections + 1) *
		    sizeof(*im->sections));
		im->sections[im->nsections++] = xstrndup(src,
		    (size_t)(base - src));
	}
}

/* Adds to im the cascade of _build b of the section of file f. */
static void
cascade_add(struct import *im, const struct input_file *f,
    const struct fm_build *b)
{
	const char *base = strrchr(f->path, '/');
	struct cascade *c;

	im->cascades = xrealloc(im->cascades, (im->ncascades + 1) *
	    sizeof(*im->cascades));
	c = &im->cascades[im->ncascades++];
	c->folder = base != NULL ? xstrndup(f->path, (size_t)(base - f->path)) :
	    xstrdup("");
	c->lang = f->lang;
	c->build = *b;
}

/* A cascade's stored form (schema/026): "RENDER LIST RESOURCES". */
static void
cascade_format(const struct fm_build *b, struct buf *out)
{
	buf_printf(out, "%d %d %d", b->render, b->list, b->publish_resources);
}

/* Lists the cascades of _build of the sections' _index files (Hugo
 * 0.111 applies a cascade's _build as a page's own): as stored with
 * the section's page while its file is unchanged, else read from it.
 * Files that do not read or parse are left to import_file() to report. */
static int
find_cascades(struct import *im, struct dbw *w, struct buf *err)
{
	struct buf text = BUF_INIT, warn = BUF_INIT, stored = BUF_INIT;
	struct frontmatter fm;
	struct fm_build b;
	struct dbw_stat s;
	size_t i;
	int same, rc = 0;

	for (i = 0; i < im->nfiles && rc == 0; i++) {
		const struct input_file *f = &im->files[i];
		const char *base = strrchr(f->path, '/');

		if (!url_is_index(base != NULL ? base + 1 : f->path, 1))
			continue;
		buf_reset(&stored);
		file_stat(f, &s);
		if ((same = dbw_cascade_get(w, f->source, &s, &stored,
		    err)) < 0) {
			rc = -1;
			break;
		}
		memset(&b, 0, sizeof(b));
		if (same && stored.len > 0 && sscanf(buf_cstr(&stored),
		    "%d %d %d", &b.render, &b.list, &b.publish_resources) == 3) {
			b.set = 1;
			cascade_add(im, f, &b);
			continue;
		}
		if (same)
			continue;
		buf_reset(&text);
		buf_reset(&warn);
		memset(&fm, 0, sizeof(fm));
		{
			struct buf perr = BUF_INIT;

			if (read_file(NULL, f, &text) == 0 &&
			    fm_parse(f->fs_path, buf_cstr(&text), text.len, &fm,
			    &perr, &warn) == 0 && fm.cascade.set)
				cascade_add(im, f, &fm.cascade);
			buf_free(&perr);
		}
		fm_free(&fm);
	}
	buf_free(&text);
	buf_free(&warn);
	buf_free(&stored);
	return rc;
}

/* The build options of the page of file f whose front matter is fm:
 * its own _build, else the nearest cascade over it (its own when f is
 * a section's _index), else Hugo's defaults (b->set 0). */
static void
page_build(const struct import *im, const struct input_file *f,
    const struct frontmatter *fm, struct fm_build *b)
{
	size_t i, best = 0, n;
	int found = 0;

	*b = fm->build;
	if (b->set)
		return;
	b->render = FM_RENDER_ALWAYS;
	b->list = FM_LIST_ALWAYS;
	b->publish_resources = 1;
	for (i = 0; i < im->ncascades; i++) {
		const struct cascade *c = &im->cascades[i];

		n = strlen(c->folder);
		if (strcmp(c->lang, f->lang) != 0 || (n > 0 &&
		    (strncmp(f->path, c->folder, n) != 0 ||
		    f->path[n] != '/')) || (found && n < best))
			continue;
		*b = c->build;
		best = n;
		found = 1;
	}
}

/* The path of content file source less its extension, and less
 * "/index" for a page bundle: Hugo 0.111 keeps one page per such key. */
static size_t
content_key(const char *source, int *bundle)
{
	const char *base = strrchr(source, '/');
	size_t n = strlen(source) - url_content_ext(source);

	*bundle = url_is_index(base ? base + 1 : source, 0);
	return *bundle && base != NULL ? (size_t)(base - source) : n;
}

/* Of two content files whose pages have one URL, does a keep it over b?
 * Measured with Hugo 0.111.3: files of one key ("posts/x.md",
 * "posts/x.html", "posts/x/index.md") are one page in Hugo, which keeps
 * the bundle, else the file whose name sorts last ("x.md" over
 * "x.html"); of two pages with one URL Hugo lists both but writes the
 * file of either, differing from one build to the next (its pages render
 * in parallel): quire keeps the first by path. */
static int
keeps_url(const char *a, const char *b)
{
	int abundle, bbundle;
	size_t an = content_key(a, &abundle), bn = content_key(b, &bbundle);

	if (an == bn && strncmp(a, b, an) == 0) {
		if (abundle != bbundle)
			return abundle;
		return strcmp(a, b) > 0;
	}
	return strcmp(a, b) < 0;
}

/* Stores the front-matter images of the page f (its file text, n bytes)
 * that PaperMod's opengraph.html takes when it has no cover (has_cover
 * 0): the first six. Returns 0, or -1 with "FILE:LINE: what" in err for
 * images that are no list, which PaperMod cannot range over (Hugo's
 * build fails). */
static int
og_images_put(struct dbw *w, const struct input_file *f, const char *text,
    size_t n, int has_cover, struct buf *err)
{
	struct buf values = BUF_INIT;
	size_t line = 0, i;
	int count = 0, rc;

	/* Most pages never say it: no second parse of their front matter. */
	for (i = 0; !has_cover && i + 6 <= n; i++)
		if ((text[i] == 'i' || text[i] == 'I') &&
		    strncasecmp(text + i, "images", 6) == 0) {
			count = fm_param_list(text, n, "images", &values,
			    &line);
			break;
		}
	if (count < 0) {
		buf_printf(err, "%s:%zu: 'images' must be a list (PaperMod's "
		    "opengraph.html ranges over it)", f->fs_path, line);
		buf_free(&values);
		return -1;
	}
	rc = dbw_og_images_put(w, f->source, values.data, count > 6 ? 6 :
	    (size_t)count, err);
	buf_free(&values);
	return rc;
}

/* What a param shortcode reads: the page's file text, the site's
 * params (struct site's site_params). */
struct param_from {
	const char *text;
	size_t n;
	const char *site;
};

/* sc_ctx's param: Hugo's .Param: the page's own (its front matter),
 * else the site's, by dotted key without case. */
static int
page_param(void *arg, const char *key, struct buf *out)
{
	const struct param_from *from = arg;
	const char *p = from->site;
	size_t len = strlen(key);

	if (fm_param(from->text, from->n, key, out))
		return 1;
	for (; p != NULL && *p != '\0'; p += strcspn(p, "\x1e") + (p[strcspn(p,
	    "\x1e")] != '\0')) {
		if (strncasecmp(p, key, len) == 0 && p[len] == '\x1f') {
			buf_add(out, p + len + 1, strcspn(p + len + 1, "\x1e"));
			return 1;
		}
	}
	return 0;
}

/* Expands the shortcodes of fm's Markdown body (the file's text) into
 * body and frags, for the page at url. A page whose shortcodes call ref
 * or relref (*uses_refs set) is put on the list to expand again once
 * every URL is known. *frames gets the hosts its embeds frame.
 * Returns 0, or -1 with the message in err. */
static int
expand_shortcodes(struct import *im, struct dbw *w, size_t fi,
    const char *text, const struct frontmatter *fm, const char *url,
    struct buf *body, struct fragments *frags, int *uses_refs,
    unsigned *frames, struct buf *err)
{
	const struct input_file *f = &im->files[fi];
	struct ref_from from = { w, im->ref_index, &im->site, f->path,
	    f->lang };
	struct param_from params = { text, (size_t)(fm->body + fm->body_len -
	    text), im->site.site_params };
	struct sc_ctx sc;
	const char *line, *next;
	int first_line = 1, rc;

	for (line = text; line < fm->body; line++)
		first_line += *line == '\n';
	memset(&sc, 0, sizeof(sc));
	sc.file = f->fs_path;
	sc.site = &im->site;
	sc.page_url = url;
	sc.page_source = f->source;
	sc.param = page_param;
	sc.param_arg = &params;
	/* An HTML content file is served as written: its shortcodes' output
	 * goes in place, as Hugo's does. */
	sc.in_place = url_markdown_ext(f->path) == 0;
	sc.draft = fm->draft;
	if (im->refs_final) {
		sc.resolve = ref_resolve;
		sc.resolve_arg = &from;
	}
	rc = sc_expand(fm->body, fm->body_len, first_line, &sc, body, frags,
	    err);
	/* Its warnings are given once: by the last expansion. */
	if (rc == 0 && sc.uses_refs && !im->refs_final) {
		im->ref_pages = xrealloc(im->ref_pages, (im->nref_pages + 1) *
		    sizeof(*im->ref_pages));
		im->ref_pages[im->nref_pages++] = fi;
	} else if (rc == 0) {
		for (line = buf_cstr(&sc.warn); *line != '\0'; line = next) {
			next = strchr(line, '\n');
			next = next ? next + 1 : line + strlen(line);
			note(im, "%s%.*s", "warning: ", (int)(next - line), line);
		}
	}
	*uses_refs = sc.uses_refs;
	*frames = sc.frames;
	buf_free(&sc.warn);
	return rc;
}

/* What the importer's code-block hook (highlight_block) works with. */
struct code_hook {
	struct import *im;	/* for warnings */
	const struct site *site;
	const char *fs_path;
	int body_line;		/* the file's line of the body's first */
	struct fragments *frags;
	struct buf *err;
};

/* Highlights a fenced code block once, at import (highlight.h), and keeps
 * its HTML as the page's fragment of the same ordinal; the worker splices
 * it in on each request. Hook calls come in ordinal order. */
static int
highlight_block(void *arg, size_t ordinal, int line, const char *info,
    const char *code, size_t n, struct buf *out)
{
	struct code_hook *c = arg;
	struct buf msg = BUF_INIT, warn = BUF_INIT;

	if (hl_fence_at(out, info, ordinal, code, n, c->site, &msg,
	    &warn) != 0) {
		buf_printf(c->err, "%s:%d: %s", c->fs_path,
		    c->body_line + line - 1, buf_cstr(&msg));
		buf_free(&msg);
		buf_free(&warn);
		return -1;
	}
	if (warn.len > 0)
		note(c->im, "warning: %s:%d: %s\n", c->fs_path,
		    c->body_line + line - 1, buf_cstr(&warn));
	buf_free(&msg);
	buf_free(&warn);
	/* A {{< >}} shortcode in the code: its output, as in Hugo. */
	sc_fill_placeholders(out, c->frags);
	/* An empty fragment keeps the ordinals: the block is cmark's. */
	fragments_add(c->frags, FRAGMENT_CODE, out->data, out->len);
	return out->len > 0 ? 0 : 1;
}

/* lang_site_path() of source in b, for a warning: "content/x.md", or
 * "content.en/x.md" for a file of a folder beside content/. */
static const char *
source_shown(struct buf *b, const char *source)
{
	buf_reset(b);
	lang_site_path(b, source, strlen(source));
	return buf_cstr(b);
}

/* Imports one file into w. Returns 0 or -1 (message logged). */
static int
import_file(struct import *im, struct dbw *w, size_t fi,
    uint64_t settings_hash)
{
	const struct input_file *f = &im->files[fi];
	int uses_refs = 0, was_ref;
	unsigned frames = 0;
	struct buf body = BUF_INIT;
	const char *src;
	size_t src_len;
	struct buf text = BUF_INIT, err = BUF_INIT, warn = BUF_INIT;
	struct buf hash = BUF_INIT, stored = BUF_INIT, url = BUF_INIT;
	struct buf owner = BUF_INIT, section = BUF_INIT, tkey = BUF_INIT;
	struct buf list_url = BUF_INIT, shown = BUF_INIT;
	struct buf order = BUF_INIT, parent = BUF_INIT;
	size_t seclen, parentlen;
	const char *base = strrchr(f->path, '/');
	int index = url_is_index(base != NULL ? base + 1 : f->path, 1);
	const struct site_lang *lang;
	char **aliases = NULL;
	size_t naliases = 0, i;
	struct frontmatter fm;
	struct metrics m;
	struct dbw_page p;
	struct url_page up;
	const char *line, *next;
	int line_no;
	struct metrics_opts mopts;
	struct fragments frags = FRAGMENTS_INIT;
	struct code_hook code_hook;
	struct md_hooks hooks;
	struct dbw_image_refs images = { NULL, 0, 0 };
	int by_alias;
	enum page_markup markup = url_markdown_ext(f->path) > 0 ?
	    MARKUP_MARKDOWN : MARKUP_HTML;
	size_t content_off, content_len;
	struct fm_build build;
	struct buf cascade = BUF_INIT;
	int rc = -1, cjk, unrendered;

	memset(&fm, 0, sizeof(fm));
	memset(&m, 0, sizeof(m));
	/* Its file as the walk saw it is the one its page was stored from,
	 * under these settings: unchanged, not opened (schema 021); unless
	 * it calls ref or relref, expanded again below. */
	if (!im->refs_final) {
		struct dbw_stat s;
		int same, published, refs;

		file_stat(f, &s);
		same = dbw_stat_same(w, f->source, &s, settings_hash, 0,
		    &published, &refs, &err);
		if (same < 0)
			goto fail;
		if (same && !refs) {
			im->unchanged++;
			rc = 0;
			goto out;
		}
	}
	if (read_file(im, f, &text) != 0)
		goto out;
	buf_printf(&hash, "%016llx", (unsigned long long)fnv1a(settings_hash,
	    buf_cstr(&text), text.len));
	if (dbw_hash(w, f->source, &stored, &err) != 0)
		goto fail;
	/* A page that calls ref or relref is stored with its hash and "r":
	 * it is expanded again on each import, since a target may have
	 * moved. */
	if (!im->refs_final &&
	    strcmp(buf_cstr(&stored), buf_cstr(&hash)) == 0) {
		im->unchanged++;
		rc = stat_put(im, w, f, settings_hash, &err) == 0 ? 0 : -1;
		if (rc != 0)
			goto fail;
		goto out;
	}
	was_ref = stored.len == hash.len + 1 && strncmp(buf_cstr(&stored),
	    buf_cstr(&hash), hash.len) == 0 && stored.data[hash.len] == 'r';
	if (fm_parse_terms(f->fs_path, buf_cstr(&text), text.len,
	    im->site.taxonomy_plurals, im->site.taxonomy_singulars,
	    index ? 0 : im->site.ntaxonomies, &fm, &err, &warn) != 0)
		goto fail;
	for (line = buf_cstr(&warn); *line != '\0'; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		note(im, "warning: %.*s", (int)(next - line), line);
	}

	/* Hugo's TranslationKey: the kind, then translationKey, else the
	 * path less its language and extension. */
	buf_printf(&tkey, "%s/%s", index ? "section" : "page",
	    fm.translation_key ? fm.translation_key : f->path);
	if (fm.translation_key == NULL)
		tkey.data[tkey.len -= url_content_ext(f->path)] = '\0';
	memset(&up, 0, sizeof(up));
	up.path = f->path;
	up.title = fm.title;
	up.slug = fm.slug;
	up.url = fm.url;
	/* Hugo's .Date: date, else publishDate, else lastmod. */
	up.date = fm.has_date ? &fm.date : fm.has_publish ? &fm.publish :
	    fm.has_lastmod ? &fm.lastmod : NULL;
	up.sections = (const char *const *)im->sections;
	up.nsections = im->nsections;
	/* Its section: the nearest folder holding an _index.md, else its
	 * top-level folder; a section's own _index.md is its folder's, and
	 * a nested one is also an entry of its parent's listing. */
	seclen = section_of(f->path, (char *const *)im->sections,
	    im->nsections, 1);
	if (seclen > 0 && url_section(&section, f->path, seclen) != 0)
		note(im, "warning: %s:1: its section's folder makes no URL "
		    "segment: the section has no listing\n", f->fs_path);
	parentlen = index && section.len > 0 ? section_of(f->path,
	    (char *const *)im->sections, im->nsections, 0) : 0;
	if (parentlen > 0 && url_section(&parent, f->path, parentlen) != 0)
		buf_reset(&parent);
	/* A page of a language below the root is under its root ("/fr/"),
	 * but for a front-matter url, which Hugo 0.111 takes as given (a
	 * section's own page stays at its section's route, which names the
	 * section; its url is where the listing is published, list_url). */
	lang = site_lang_find(&im->site, f->lang);
	if (lang != NULL && (fm.url == NULL || index) &&
	    strcmp(lang->root, "/") != 0)
		buf_add(&url, lang->root, strlen(lang->root) - 1);
	if (index && section.len == 0) {
		/* content/_index.md: the home page's title, description
		 * and text, at the language's home. */
		buf_putc(&url, '/');
	} else if (index) {
		/* A section's own page: its listing's title, description
		 * and text, at the section's route. */
		buf_printf(&url, "/%s/", buf_cstr(&section));
		if (fm.url != NULL && *fm.url != '\0') {
			struct url_page lu;

			/* Hugo 0.111 lists it at its url, as given ("/blog"
			 * is "/blog/"), and writes nothing at its route. */
			memset(&lu, 0, sizeof(lu));
			lu.path = f->path;
			lu.url = fm.url;
			if (url_page(&list_url, &im->site, &lu) != 0) {
				buf_printf(&err, "%s:1: its url '%s' is no "
				    "path a section can be listed at",
				    f->fs_path, fm.url);
				goto fail;
			}
			/* url: / lists the section over the home page in
			 * Hugo's build (the last file written wins); quire
			 * keeps the home page and the section's own route,
			 * and says so. */
			if (strcmp(buf_cstr(&list_url), "/") == 0) {
				note(im, "warning: %s:1: its url '/' would "
				    "list the section in place of the home "
				    "page, as Hugo 0.111's build does; it is "
				    "listed at %s\n", f->fs_path,
				    buf_cstr(&url));
				buf_reset(&list_url);
			}
			if (strcmp(buf_cstr(&list_url), buf_cstr(&url)) == 0)
				buf_reset(&list_url);
		}
	} else if (url_page(&url, &im->site, &up) != 0) {
		buf_printf(&err, "%s:1: its URL '%s' holds a '.' or '..' "
		    "segment or control characters", f->fs_path,
		    buf_cstr(&url));
		goto fail;
	}
	if (dbw_url_owner(w, buf_cstr(&url), f->source, buf_cstr(&tkey),
	    f->lang, &owner, &by_alias, &err) != 0)
		goto fail;
	/* Hugo 0.111 builds a site whose pages share a URL, serving one;
	 * so does quire, saying which (keeps_url()). A page's URL wins over
	 * another page's alias, as Hugo writes pages over aliases. */
	if (owner.len > 0 && by_alias) {
		note(im, "warning: %s:1: its URL %s is also an alias of "
		    "%s; the page is served there, as in Hugo\n",
		    f->fs_path, buf_cstr(&url), source_shown(&shown,
		    buf_cstr(&owner)));
		if (dbw_drop_alias(w, buf_cstr(&url), &err) != 0)
			goto fail;
	} else if (owner.len > 0 && keeps_url(f->source, buf_cstr(&owner))) {
		note(im, "warning: %s:1: its URL %s is also the URL of "
		    "%s, which is not imported: Hugo 0.111 serves one "
		    "of them\n", f->fs_path, buf_cstr(&url),
		    source_shown(&shown, buf_cstr(&owner)));
		if (dbw_drop_page(w, buf_cstr(&owner), &err) != 0)
			goto fail;
	} else if (owner.len > 0) {
		note(im, "warning: %s:1: its URL %s is also the URL of "
		    "%s, which is served there; this file is not "
		    "imported: Hugo 0.111 serves one of them\n", f->fs_path,
		    buf_cstr(&url), source_shown(&shown, buf_cstr(&owner)));
		im->skipped++;
		rc = 0;
		goto out;
	}
	if (fm.naliases > 0)
		aliases = xmalloc(fm.naliases * sizeof(*aliases));
	for (i = 0; i < fm.naliases; i++) {
		struct buf a = BUF_INIT;

		if (url_alias(&a, &im->site, buf_cstr(&url),
		    fm.aliases[i]) != 0) {
			buf_printf(&err, "%s:1: alias '%s' is not a path on this "
			    "site", f->fs_path, fm.aliases[i]);
			buf_free(&a);
			goto fail;
		}
		if (strcmp(buf_cstr(&a), buf_cstr(&url)) == 0) {
			buf_free(&a);
			continue;
		}
		if (dbw_url_owner(w, buf_cstr(&a), f->source,
		    buf_cstr(&tkey), f->lang, &owner, &by_alias, &err) != 0) {
			buf_free(&a);
			goto fail;
		}
		/* Hugo writes a page over an alias; of two pages' aliases,
		 * it served the one of the page last by path (measured). */
		if (owner.len > 0 && (!by_alias ||
		    strcmp(f->source, buf_cstr(&owner)) < 0)) {
			note(im, "warning: %s:1: its alias %s is also %s of "
			    "%s, which is served there\n", f->fs_path,
			    buf_cstr(&a), by_alias ? "an alias" : "the URL",
			    source_shown(&shown, buf_cstr(&owner)));
			buf_free(&a);
			continue;
		}
		if (owner.len > 0) {
			note(im, "warning: %s:1: its alias %s is also an alias "
			    "of %s, which no longer has it\n",
			    f->fs_path, buf_cstr(&a), source_shown(&shown,
			    buf_cstr(&owner)));
			if (dbw_drop_alias(w, buf_cstr(&a), &err) != 0) {
				buf_free(&a);
				goto fail;
			}
		}
		aliases[naliases++] = buf_detach(&a);
	}
	/* Hugo's isCJKLanguage: the page's own, else with hasCJKLanguage
	 * (its language's, else the site's) whether its file holds a Han,
	 * Hangul or kana character. */
	cjk = fm.cjk >= 0 ? fm.cjk : site_lang_cjk(&im->site, f->lang) &&
	    uni_has_cjk(buf_cstr(&text), text.len);
	mopts.md_flags = site_md_flags(&im->site);
	mopts.cjk = cjk;
	mopts.summary_words = im->site.summary_length;
	/* Shortcodes are expanded before anything is counted: their
	 * output counts as Hugo counts it. */
	src = fm.body;
	src_len = fm.body_len;
	if (sc_present(fm.body, fm.body_len)) {
		if (expand_shortcodes(im, w, fi, buf_cstr(&text), &fm,
		    buf_cstr(&url), &body, &frags, &uses_refs, &frames,
		    &err) != 0)
			goto fail;
		src = body.data != NULL ? body.data : "";
		src_len = body.len;
	}
	/* Once a file (refs_final imports some again): Goldmark's
	 * definition lists, which quire renders as paragraphs. */
	if (!im->refs_final && im->site.definition_list &&
	    url_markdown_ext(f->path) != 0 &&
	    (line_no = md_definition_line(fm.body, fm.body_len)) > 0) {
		int at = line_no;

		for (line = buf_cstr(&text); line < fm.body; line++)
			at += *line == '\n';
		note(im, "warning: %s:%d: a definition list (Goldmark's "
		    "definitionList, on in Hugo) is shown as a paragraph: "
		    "quire renders none\n", f->fs_path, at);
	}
	memset(&hooks, 0, sizeof(hooks));
	code_hook.im = im;
	code_hook.site = &im->site;
	code_hook.fs_path = f->fs_path;
	code_hook.body_line = 1;
	for (line = buf_cstr(&text); line < fm.body; line++)
		code_hook.body_line += *line == '\n';
	code_hook.frags = &frags;
	code_hook.err = &err;
	hooks.code_block = highlight_block;
	hooks.arg = &code_hook;
	hooks.shortcodes = frags.shortcodes;
	hooks.nshortcodes = frags.nshortcodes;
	/* The body's images, for their size and copies (responsive.h). */
	hooks.image = responsive_collect;
	hooks.image_arg = &images;
	mopts.hooks = &hooks;
	/* An HTML content file is not rendered: Hugo 0.111 takes its body
	 * as written, the part after a <!--more--> as its content. */
	content_off = 0;
	content_len = src_len;
	if (markup == MARKUP_HTML ? metrics_compute_html(src, src_len,
	    fm.summary, &mopts, &m, &content_off, &content_len) != 0 :
	    metrics_compute(src, src_len, fm.summary, &mopts,
	    &m) != 0) {
		if (err.len == 0)
			buf_printf(&err, "%s:1: the Markdown could not be "
			    "rendered", f->fs_path);
		goto fail;
	}

	memset(&p, 0, sizeof(p));
	p.source = f->source;
	p.hash = buf_cstr(&hash);
	p.kind = index ? PAGE_SECTION : is_post(&im->site, f->path) ?
	    PAGE_POST : PAGE_STANDALONE;
	p.layout = fm.layout;
	p.url = buf_cstr(&url);
	p.title = fm.title;
	p.description = fm.description;
	p.author = fm.author;
	p.has_date = fm.has_date;
	p.date = fm.date;
	p.has_lastmod = fm.has_lastmod;
	p.lastmod = fm.lastmod;
	p.publish_at = fm.has_publish ? fm.publish.t :
	    fm.has_date ? fm.date.t : 0;
	p.has_expiry = fm.has_expiry;
	p.expire_at = fm.expiry.t;
	page_build(im, f, &fm, &build);
	/* Hugo 0.111 reads headless on a leaf bundle's index alone. */
	if (fm.headless && !leaf_index(base != NULL ? base + 1 : f->path)) {
		note(im, "warning: %s:%zu: headless is read on a leaf "
		    "bundle's index.md only: Hugo 0.111 publishes this page, "
		    "and so does quire\n", f->fs_path, fm.headless_line);
		fm.headless = 0;
	}
	unrendered = fm.headless || build.render != FM_RENDER_ALWAYS;
	p.draft = fm.draft ? PAGE_DRAFT : unrendered ? PAGE_UNRENDERED :
	    PAGE_SHOWN;
	p.unlisted = unrendered || build.list == FM_LIST_ALWAYS ? 0 :
	    build.list == FM_LIST_NEVER ? DBW_LIST_NEVER : DBW_LIST_LOCAL;
	p.no_resources = !build.publish_resources;
	if (fm.cascade.set)
		cascade_format(&fm.cascade, &cascade);
	p.cascade = fm.cascade.set ? buf_cstr(&cascade) : NULL;
	/* Hugo lists a page it does not render (but headless) in every
	 * listing, without a link or with one to no page: quire does not. */
	if (unrendered && !fm.headless && build.list != FM_LIST_NEVER)
		note(im, "warning: %s:%zu: _build render: %s with list: %s: "
		    "Hugo 0.111 lists the page %s; quire serves and lists it "
		    "nowhere, as with list: never\n", f->fs_path, build.line,
		    build.render == FM_RENDER_LINK ? "link" : "never",
		    build.list == FM_LIST_LOCAL ? "local" : "always",
		    build.render == FM_RENDER_LINK ? "with a link to no page" :
		    "without a link");
	p.weight = fm.weight;
	p.body = m.html != NULL ? m.html : src + content_off;
	p.body_len = m.html != NULL ? strlen(m.html) : content_len;
	p.markup = markup;
	p.fragments = &frags;
	p.summary = m.summary;
	p.truncated = m.truncated;
	p.words = m.words;
	p.minutes = m.minutes;
	p.plurals = im->site.taxonomy_plurals;
	p.terms = fm.terms;
	p.nterms = fm.nterms;
	p.ntaxonomies = fm.ntaxonomies;
	p.section = section.len > 0 && !index ? buf_cstr(&section) : NULL;
	p.parent_section = parent.len > 0 ? buf_cstr(&parent) : NULL;
	p.list_url = list_url.len > 0 ? buf_cstr(&list_url) : NULL;
	p.search_text = m.text;
	p.aliases = aliases;
	p.naliases = naliases;
	p.lang = f->lang;
	p.tkey = buf_cstr(&tkey);
	buf_putc(&order, ' ');
	for (i = 0; i < im->site.nlangs; i++)
		buf_printf(&order, "%s ", im->site.langs[i].code);
	p.lang_order = buf_cstr(&order);
	if (uses_refs)
		buf_putc(&hash, 'r');
	p.hash = buf_cstr(&hash);
	if (dbw_put_page(w, &p, &err) != 0 ||
	    dbw_page_frames(w, f->source, frames, &err) != 0)
		goto fail;
	/* Its cover's markup is made once the files are stored. */
	{
		struct cover_fm cover;
		int has = cover_read(buf_cstr(&text), text.len, &cover);

		rc = dbw_cover_put(w, f->source, has ? &cover : NULL, &err);
		cover_fm_free(&cover);
		if (rc == 0)
			rc = og_images_put(w, f, buf_cstr(&text), text.len, has,
			    &err);
		if (rc == 0)
			rc = dbw_page_images_put(w, f->source, &images, &err);
		if (rc != 0) {
			rc = -1;
			goto fail;
		}
	}
	if (!im->refs_final && stat_put(im, w, f, settings_hash, &err) != 0) {
		rc = -1;
		goto fail;
	}
	if (im->refs_final)
		;	/* counted by its first pass */
	else if (was_ref)
		im->unchanged++;	/* its file is; its refs may not be */
	else if (stored.len > 0)
		im->updated++;
	else
		im->added++;
	rc = 0;
	goto out;
fail:
	note(im, "%s\n", buf_cstr(&err));
out:
	for (i = 0; i < naliases; i++)
		free(aliases[i]);
	free(aliases);
	fm_free(&fm);
	metrics_free(&m);
	fragments_free(&frags);
	responsive_refs_free(&images);
	buf_free(&body);
	buf_free(&text);
	buf_free(&err);
	buf_free(&warn);
	buf_free(&hash);
	buf_free(&stored);
	buf_free(&url);
	buf_free(&owner);
	buf_free(&shown);
	buf_free(&section);
	buf_free(&parent);
	buf_free(&tkey);
	buf_free(&list_url);
	buf_free(&cascade);
	buf_free(&order);
	return rc;
}

/* The site's files: every resource of the content folders at its URL,
 * the static folders' files, quire's own; hashed and stored in the
 * content-addressed store (files.c), their rows written; the hashes the
 * database names after it, for the store's sweep. */
struct filing {
	struct import *im;
	struct dbw *w;
	struct site_files list;
	struct mime_types mime;
	char *store;			/* NAME.files/ */
	struct old_file *old;		/* the rows before, by URL */
	size_t nold, capold;
	char **keep;			/* the hashes named after, sorted */
	size_t nkeep, capkeep;
	long total, written, removed;
};

struct old_file {
	char *url, *source;
	char hash[STORE_HASH_HEX + 1];
	long long size, mtime;
};

/* Ranks of the files that may share a URL: the lower wins, as Hugo
 * copies the static folders (the themes' first, the site's over them)
 * and then writes the content folders' files over those. */
enum {
	RANK_CONTENT = 0,
	RANK_STATIC = 1,	/* + the folder's place in the list */
	RANK_OWN = 1000		/* quire's own static/ */
};

/* Is name a branch bundle's index: "_index.EXT", "_index.CODE.EXT"? */
static int
branch_index(const char *name)
{
	return name[0] == '_' && leaf_index(name + 1);
}

/* The folder a page's resources follow, from its URL: the URL itself,
 * or for an ugly one (/posts/a.html) its path less the extension, as a
 * folder. */
static void
resource_base(const char *page_url, struct buf *out)
{
	const char *slash = strrchr(page_url, '/');
	const char *dot = slash ? strrchr(slash, '.') : NULL;

	buf_reset(out);
	if (slash == NULL || slash[1] == '\0') {
		buf_puts(out, page_url);
		return;
	}
	buf_add(out, page_url, dot ? (size_t)(dot - page_url) :
	    strlen(page_url));
	buf_putc(out, '/');
}


/* Adds resource r at every URL Hugo publishes it: under the URL of each
 * page of its bundle (a translation each; none for a draft or where
 * publishResources is false; a headless one's too), beside a
 * branch bundle's page likewise, or else at its path under content/. */
static int
place_resource(struct filing *fl, const struct resource *r, struct buf *err)
{
	struct import *im = fl->im;
	struct buf url = BUF_INIT, base = BUF_INIT, src = BUF_INIT;
	const char *folder, *rel, *slash;
	size_t i, flen;
	int rc = 0, owners = 0, found;

	slash = strrchr(r->source, '/');
	folder = r->bundle;
	if (folder == NULL)
		flen = slash ? (size_t)(slash - r->source) : 0;
	else
		flen = strlen(folder);
	rel = r->source + flen + (flen > 0 ? 1 : 0);
	lang_site_path(&src, r->source, strlen(r->source));
	for (i = 0; i < im->nfiles && rc == 0; i++) {
		const char *s = im->files[i].source;
		const char *b = strrchr(s, '/');
		size_t slen = b ? (size_t)(b - s) : 0;

		b = b ? b + 1 : s;
		if (slen != flen || strncmp(s, r->source, flen) != 0 ||
		    !(r->bundle != NULL ? leaf_index(b) : branch_index(b)))
			continue;
		owners++;
		buf_reset(&url);
		if ((found = dbw_resources_at(fl->w, s, &url, err)) < 0) {
			rc = -1;
			break;
		}
		/* A draft's, or publishResources: false: Hugo publishes
		 * none (but those a template asks for). */
		if (found == 0)
			continue;
		resource_base(buf_cstr(&url), &base);
		buf_puts(&base, rel);
		files_add(&fl->list, buf_cstr(&base), buf_cstr(&src),
		    r->fs_path, r->open_path, &r->st, RANK_CONTENT);
	}
	if (rc == 0 && owners == 0 && r->bundle == NULL) {
		/* At its path in its language's content tree, under that
		 * language's root: content/en/documents/a.pdf of the
		 * default language is /documents/a.pdf, French's /fr/... */
		struct buf path = BUF_INIT;
		const char *lang = lang_of_file(&im->site, r->source, &path);
		const struct site_lang *l = site_lang_find(&im->site, lang);

		buf_reset(&url);
		buf_printf(&url, "%s%s", l != NULL && l->root != NULL ?
		    l->root : "/", buf_cstr(&path));
		files_add(&fl->list, buf_cstr(&url), buf_cstr(&src),
		    r->fs_path, r->open_path, &r->st, RANK_CONTENT);
		buf_free(&path);
	}
	buf_free(&url);
	buf_free(&base);
	buf_free(&src);
	return rc;
}

/* Adds every file under the static folder dir (real: dir resolved) at
 * its path under it (url_prefix "/"), its source under source_prefix;
 * dot files too, as Hugo copies them. Entries are read by the rule of
 * vet(). */
static int
walk_static(struct filing *fl, struct walk *w, const char *dir,
    const char *real, const char *url_prefix, const char *source_prefix,
    int rank)
{
	struct import *im = fl->im;
	struct buf fs = BUF_INIT, url = BUF_INIT, src = BUF_INIT, sub = BUF_INIT;
	struct buf why = BUF_INIT;
	char **names = NULL, *target;
	struct dirent *e;
	size_t n = 0, i;
	int rc = 0, kind;
	DIR *d = opendir(dir);

	if (d == NULL) {
		note(im, "%s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_names);
	dirs_push(&w->open, real);
	target = xmalloc(PATH_MAX);
	for (i = 0; i < n; i++) {
		struct stat st;

		buf_reset(&fs);
		buf_reset(&url);
		buf_reset(&src);
		buf_reset(&why);
		buf_printf(&fs, "%s/%s", dir, names[i]);
		buf_printf(&url, "%s%s", url_prefix, names[i]);
		buf_printf(&src, "%s/%s", source_prefix, names[i]);
		kind = rc == 0 ? vet(im, w, buf_cstr(&fs), &st, target) : 0;
		if (kind != 0 && !files_name_ok(names[i], &why)) {
			buf_reset(&sub);
			files_shown(buf_cstr(&fs), &sub);
			note(im, "%s: refused: %s\n", buf_cstr(&sub),
			    buf_cstr(&why));
			rc = -1;
		} else if (kind == 'd') {
			buf_reset(&sub);
			if (*target == '\0')
				buf_printf(&sub, "%s/%s", real, names[i]);
			else
				buf_puts(&sub, target);
			buf_putc(&url, '/');
			rc = walk_static(fl, w, buf_cstr(&fs), buf_cstr(&sub),
			    buf_cstr(&url), buf_cstr(&src), rank);
		} else if (kind == 'f') {
			files_add(&fl->list, buf_cstr(&url), buf_cstr(&src),
			    buf_cstr(&fs), *target ? target : NULL, &st, rank);
		}
		free(names[i]);
	}
	free(w->open.path[--w->open.n]);
	free(target);
	free(names);
	buf_free(&fs);
	buf_free(&url);
	buf_free(&src);
	buf_free(&sub);
	buf_free(&why);
	return rc;
}

/* Walks the static folder at path (its sources named under
 * source_prefix), when there is one; links may lead anywhere under root. */
static int
add_static(struct filing *fl, const char *path, const char *source_prefix,
    const char *root, int rank)
{
	char real[PATH_MAX];
	struct stat st;
	struct walk w;
	int rc;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    realpath(path, real) == NULL)
		return 0;
	if (fl->im->opts->walked != NULL)
		fl->im->opts->walked(real, fl->im->opts->walked_arg);
	memset(&w, 0, sizeof(w));
	w.root = root;
	rc = walk_static(fl, &w, path, real, "/", source_prefix, rank);
	dirs_free(&w.open);
	dirs_free(&w.linked);
	return rc;
}

/* Adds the site's static folders: staticDir (one or a list), then each
 * theme's static/; the site's win (lower rank). */
static int
add_site_static(struct filing *fl)
{
	struct import *im = fl->im;
	struct buf path = BUF_INIT, name = BUF_INIT;
	const char *p, *nl;
	int rank, rc = 0, theme, nstatic = 0, i;

	/* Of staticDir's folders the last wins a shared URL (measured with
	 * Hugo 0.111); then the themes, the first winning. */
	for (p = im->site.static_dir; p != NULL && *p != '\0'; p = nl ? nl +
	    1 : "", nstatic++)
		nl = strchr(p, '\x1f');
	for (theme = 0; theme < 2 && rc == 0; theme++) {
		for (p = theme ? im->site.theme : im->site.static_dir, i = 0;
		    p != NULL && *p != '\0' && rc == 0; p = nl ? nl + 1 : "",
		    i++) {
			nl = strchr(p, '\x1f');
			rank = RANK_STATIC + (theme ? nstatic + i :
			    nstatic - 1 - i);
			buf_reset(&name);
			buf_add(&name, p, nl ? (size_t)(nl - p) : strlen(p));
			buf_reset(&path);
			if (theme)
				buf_printf(&path, "themes/%s/static",
				    buf_cstr(&name));
			else
				buf_puts(&path, buf_cstr(&name));
			while (path.len > 1 && path.data[path.len - 1] == '/')
				path.data[--path.len] = '\0';
			if (strstr(buf_cstr(&path), "..") != NULL ||
			    path.data[0] == '/') {
				note(im, "warning: %s: staticDir '%s' lies "
				    "outside the site folder; not stored\n",
				    im->site_dir, buf_cstr(&path));
				continue;
			}
			buf_reset(&name);
			buf_printf(&name, "%s/%s", im->site_dir, buf_cstr(&path));
			rc = add_static(fl, buf_cstr(&name), buf_cstr(&path),
			    im->site_dir, rank);
		}
	}
	buf_free(&path);
	buf_free(&name);
	return rc;
}

/* Finds quire's own static/ (its stylesheet and script): beside the
 * program when it runs from its source tree, else where make install
 * puts it (PREFIX/share/quire/static beside PREFIX/bin/quire). Writes
 * it into out (PATH_MAX bytes) and returns 0, or -1 when neither is. */
static int
own_static(char *out)
{
	static const char *const tails[] = { "/static",
	    "/../share/quire/static" };
	char exe[PATH_MAX], probe[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct stat st;
	char *slash;
	size_t i;

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return -1;
	*slash = '\0';
	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		snprintf(probe, sizeof(probe), "%s%s/css/quire.css", exe,
		    tails[i]);
		if (stat(probe, &st) == 0 && S_ISREG(st.st_mode)) {
			snprintf(probe, sizeof(probe), "%s%s", exe, tails[i]);
			return realpath(probe, out) != NULL ? 0 : -1;
		}
	}
	return -1;
}

static void
old_row(void *arg, const char *url, const char *source, const char *hash,
    long long size, long long mtime)
{
	struct filing *fl = arg;
	struct old_file *o;

	if (fl->nold == fl->capold) {
		fl->capold = fl->capold ? fl->capold * 2 : 64;
		fl->old = xrealloc(fl->old, fl->capold * sizeof(*fl->old));
	}
	o = &fl->old[fl->nold++];
	o->url = xstrdup(url);
	o->source = xstrdup(source);
	snprintf(o->hash, sizeof(o->hash), "%s", hash);
	o->size = size;
	o->mtime = mtime;
}

static int
cmp_old(const void *a, const void *b)
{
	return strcmp(((const struct old_file *)a)->url,
	    ((const struct old_file *)b)->url);
}

static void
kept_row(void *arg, const char *url, const char *source, const char *hash,
    long long size, long long mtime)
{
	struct filing *fl = arg;

	if (fl->nkeep == fl->capkeep) {
		fl->capkeep = fl->capkeep ? fl->capkeep * 2 : 64;
		fl->keep = xrealloc(fl->keep, fl->capkeep * sizeof(*fl->keep));
	}
	fl->keep[fl->nkeep++] = xstrdup(hash);
}

static int
keep_hash(void *arg, const char *hash)
{
	struct filing *fl = arg;

	return fl->nkeep > 0 && bsearch(&hash, fl->keep, fl->nkeep,
	    sizeof(*fl->keep), cmp_names) != NULL;
}

/* The stored row of f's URL, when it is the same source with the same
 * size and modification time and its bytes are in the store: its hash
 * is f's, read no more. */
static const struct old_file *
unchanged(struct filing *fl, const struct site_file *f)
{
	struct old_file key, *o;

	if (fl->nold == 0)
		return NULL;
	key.url = f->url;
	o = bsearch(&key, fl->old, fl->nold, sizeof(*fl->old), cmp_old);
	if (o == NULL || strcmp(o->source, f->source) != 0 ||
	    o->size != f->size || o->mtime != f->mtime ||
	    !files_stored(fl->store, o->hash))
		return NULL;
	return o;
}

static void
clash(void *arg, const struct site_file *kept, const struct site_file *dropped)
{
	struct filing *fl = arg;

	if (kept->rank == dropped->rank)
		note(fl->im, "warning: %s: at %s, as %s, which wins; not "
		    "stored\n", dropped->fs_path, kept->url, kept->fs_path);
}

static void
warn_line(void *arg, const char *line)
{
	note(arg, "%s", line);
}

/* dbw_list_url_clashes()'s fn: one warning naming the file that is not
 * answered at the URL (Hugo 0.111 writes either there, by the order its
 * build happens to take; it warns only with --printPathWarnings). */
static void
warn_list_url(void *arg, const char *section, const char *url,
    const char *other, int listed)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	if (listed)
		note(arg, "warning: %s:1: its url lists its section "
		    "at %s, where %s lists its own, which is served "
		    "there; Hugo 0.111 writes one of them\n",
		    source_shown(&a, section), url, source_shown(&b, other));
	else
		note(arg, "warning: %s:1: its URL %s is where "
		    "%s lists its section by its url; the section is "
		    "served there, this page is not; Hugo 0.111 writes one of "
		    "them\n", source_shown(&a, other), url,
		    source_shown(&b, section));
	buf_free(&a);
	buf_free(&b);
}

/* Makes the covers' markup (cover.h) and their images' resized copies,
 * whose file rows join the site's. */
static int
store_covers(struct filing *fl, struct buf *err)
{
	struct import *im = fl->im;
	struct cover_pass cp;

	memset(&cp, 0, sizeof(cp));
	cp.w = fl->w;
	cp.site = &im->site;
	cp.store = fl->store;
	cp.site_dir = im->site_dir;
	cp.warn = warn_line;
	cp.arg = im;
	if (cover_import(&cp, err) != 0)
		return -1;
	if (cp.images > 0 && !im->opts->quiet)
		note(im, "quire: %ld covers, %ld images: %ld copies made, %ld "
		    "reused\n", cp.covers, cp.images, cp.made, cp.reused);
	return 0;
}

/* Stores the site's files (see struct filing) and writes their rows:
 * those of the folders this import mirrors are replaced. */
static int
store_files(struct filing *fl, struct buf *err)
{
	struct import *im = fl->im;
	char own[PATH_MAX];
	struct buf page = BUF_INIT, prefix = BUF_INIT;
	size_t i, out;
	long long limit;
	int rc = -1, found, written;

	for (i = 0; i < im->nres; i++)
		if (im->site_dir != NULL &&
		    place_resource(fl, &im->res[i], err) != 0)
			goto out;
	if (im->site_dir == NULL && im->nres > 0)
		note(im, "warning: %s: %zu files beside the pages not stored: "
		    "a site's files are stored when a Hugo site's folder "
		    "(or its content/) is imported\n", im->res[0].fs_path,
		    im->nres);
	if (im->whole_site && add_site_static(fl) != 0) {
		buf_puts(err, "quire: the static folders");
		goto out;
	}
	if (own_static(own) != 0)
		note(im, "warning: quire's own stylesheet and scripts are "
		    "neither beside this program (static/) nor installed "
		    "(PREFIX/share/quire/static): /css/quire.css and /js/ are "
		    "not stored, and pages show unstyled unless the web server "
		    "serves them\n");
	else if (add_static(fl, own, own, own, RANK_OWN) != 0) {
		buf_printf(err, "%s: quire's own files", own);
		goto out;
	}
	files_dedupe(&fl->list, clash, fl);
	/* A page Hugo writes at a file's URL wins over the file. */
	for (i = 0, out = 0; i < fl->list.n; i++) {
		struct site_file *f = &fl->list.f[i];

		buf_reset(&page);
		if ((found = dbw_file_page(fl->w, f->url, &page, err)) < 0)
			goto out;
		if (found) {
			note(im, "warning: %s: at %s, where Hugo writes the "
			    "page of %s; not stored\n", f->fs_path, f->url,
			    buf_cstr(&page));
			free(f->url);
			free(f->source);
			free(f->fs_path);
			free(f->open_path);
			continue;
		}
		fl->list.f[out++] = *f;
	}
	fl->list.n = out;
	if (dbw_files_each(fl->w, old_row, fl, err) != 0)
		goto out;
	if (fl->nold > 0)
		qsort(fl->old, fl->nold, sizeof(*fl->old), cmp_old);
	if (mime_load(&fl->mime, FILES_MIME_TYPES) != 0)
		note(im, "warning: %s: %s; every file is served as %s\n",
		    FILES_MIME_TYPES, strerror(errno), FILES_DEFAULT_TYPE);
	for (i = 0; i < fl->list.n; i++) {
		struct site_file *f = &fl->list.f[i];
		const struct old_file *o = unchanged(fl, f);

		progress_show(&im->progress, "storing", i + 1, fl->list.n);
		/* quire's own files are the program's, not the site's. */
		limit = f->rank == RANK_OWN ? INT64_MAX :
		    im->site.max_file_size;
		if (f->size > limit) {
			buf_printf(err, "%s: too large (%lld bytes, limit %lld)",
			    f->fs_path, f->size, limit);
			goto out;
		}
		if (o != NULL) {
			memcpy(f->hash, o->hash, sizeof(f->hash));
			continue;
		}
		if (files_put(fl->store, f, limit, &written, err) != 0)
			goto out;
		fl->written += written;
	}
	/* The mirror rule: the rows of what this import walked are
	 * replaced whole (quire's own files' sources are absolute). */
	if (im->whole_site) {
		if (dbw_files_clear(fl->w, "", err) != 0)
			goto out;
	} else {
		if (dbw_files_clear(fl->w, "/", err) != 0)
			goto out;
		for (i = 0; i < im->nmirrors && im->site_dir != NULL; i++) {
			buf_reset(&prefix);
			lang_site_path(&prefix, im->mirrors[i],
			    strlen(im->mirrors[i]));
			buf_putc(&prefix, '/');
			if (dbw_files_clear(fl->w, buf_cstr(&prefix), err) != 0)
				goto out;
		}
	}
	for (i = 0; i < fl->list.n; i++)
		if (dbw_file_put(fl->w, &fl->list.f[i], mime_type(&fl->mime,
		    fl->list.f[i].url), 0, err) != 0)
			goto out;
	fl->total = (long)fl->list.n;
	if (store_covers(fl, err) != 0)
		goto out;
	if (dbw_files_each(fl->w, kept_row, fl, err) != 0)
		goto out;
	if (fl->nkeep > 0)
		qsort(fl->keep, fl->nkeep, sizeof(*fl->keep), cmp_names);
	rc = 0;
out:
	buf_free(&page);
	buf_free(&prefix);
	return rc;
}

static void
free_filing(struct filing *fl)
{
	size_t i;

	files_free(&fl->list);
	mime_free(&fl->mime);
	for (i = 0; i < fl->nold; i++) {
		free(fl->old[i].url);
		free(fl->old[i].source);
	}
	free(fl->old);
	for (i = 0; i < fl->nkeep; i++)
		free(fl->keep[i]);
	free(fl->keep);
	free(fl->store);
}

/* Gives the new copy the live file's permissions and owner: the database
 * holds drafts, and its owner chose who may read it. */
static void
keep_mode(const char *live, const char *copy)
{
	struct stat st;

	if (stat(live, &st) != 0)
		return;
	/* Only root may give a file away; failing that, keep the group. */
	if (chown(copy, st.st_uid, st.st_gid) != 0 &&
	    chown(copy, (uid_t)-1, st.st_gid) != 0)
		errno = 0;	/* the copy keeps the importer's ownership */
	chmod(copy, st.st_mode & 07777);
}

static void
free_import(struct import *im)
{
	size_t i;

	free_files(im);
	free(im->files);
	free(im->res);
	ignore_free(im->ignore);
	for (i = 0; i < im->nmirrors; i++)
		free(im->mirrors[i]);
	free(im->mirrors);
	free(im->site_dir);
	for (i = 0; i < im->nsections; i++)
		free(im->sections[i]);
	free(im->sections);
	for (i = 0; i < im->ncascades; i++)
		free(im->cascades[i].folder);
	free(im->cascades);
	free(im->ref_pages);
	ref_index_free(im->ref_index);
	site_free(&im->site);
}

int
import_run(const struct import_opts *opts, FILE *log)
{
	struct import im;
	struct buf lock = BUF_INIT, err = BUF_INIT;
	struct dbw *w = NULL;
	struct filing fl;
	struct publish pub;
	char store[PATH_MAX];
	uint64_t settings_hash;
	char *stamp = NULL;
	struct stat st;
	int lock_fd = -1, rc = 1, stored, cfg, recorded;
	/* Whether a failed import left the spare as the live file's equal
	 * (its transaction rolled back): only then is it kept as such. */
	int spare_clean = 0;
	size_t i;

	memset(&im, 0, sizeof(im));
	memset(&fl, 0, sizeof(fl));
	{
		struct timespec now;

		clock_gettime(CLOCK_REALTIME, &now);
		im.started_ns = ts_ns(&now);
	}
	im.opts = opts;
	im.log = log;
	progress_begin(&im.progress, log, !opts->quiet);
	site_init(&im.site);
	memset(&pub, 0, sizeof(pub));
	pub.spare_fd = -1;
	buf_printf(&lock, "%s.lock", opts->db);

	/* One import at a time: the next one waits here. */
	lock_fd = open(buf_cstr(&lock), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock_fd < 0 || flock(lock_fd, LOCK_EX) != 0) {
		note(&im, "%s: %s\n", buf_cstr(&lock), strerror(errno));
		goto out;
	}
	/* SQLite would open a FIFO and wait on it for good, holding the lock,
	 * and the next import behind it. */
	if (stat(opts->db, &st) == 0 && !S_ISREG(st.st_mode)) {
		note(&im, "%s: not a regular file (%s)\n", opts->db,
		    kind_name(st.st_mode));
		goto out;
	}
	/* The import's working file: the spare, equal to the live file
	 * (publish.h). */
	if (publish_prepare(&pub, opts->db, !opts->quiet, log, &err) != 0) {
		note(&im, "%s\n", buf_cstr(&err));
		goto out;
	}
	if ((w = dbw_open(pub.spare, (pub.has_live ? DBW_RECORD : 0) |
	    (pub.in_place ? DBW_IN_PLACE : 0), &err)) == NULL) {
		note(&im, "%s\n", buf_cstr(&err));
		goto out;
	}
	spare_clean = 1;
	if ((stored = dbw_site_load(w, &im.site, &err)) < 0) {
		note(&im, "%s\n", buf_cstr(&err));
		goto out;
	}
	/* The site's folder, from the paths; then its configuration, which
	 * names its content folders (contentDir, each language's) and the
	 * main section plain folders stand for; then the walk. */
	find_site(&im);
	if ((cfg = read_config(&im)) < 0)
		goto out;
	im.ignore = ignore_new(im.site.ignore_files);
	if (collect(&im) != 0)
		goto out;
	if (opts->base_url != NULL &&
	    site_set_base_url(&im.site, opts->base_url, &err) != 0) {
		note(&im, "--base-url: %s\n", buf_cstr(&err));
		goto out;
	}
	if (stored == 1 && cfg == 1 && opts->base_url == NULL)
		note(&im, "warning: no site configuration (hugo.yaml) and no "
		    "--base-url: using %s; feeds need the real one\n",
		    SITE_DEFAULT_BASE_URL);
	drop_html_documents(&im);
	assign_langs(&im);
	drop_pages(&im);
	if (date_set_zone(im.site.timezone) != 0) {
		note(&im, "unknown timeZone '%s'\n", im.site.timezone);
		goto out;
	}
	for (i = 0; i < im.nfiles; i++)
		if (dbw_seen(w, im.files[i].source, &err) != 0) {
			note(&im, "%s\n", buf_cstr(&err));
			goto out;
		}
	for (i = 0; i < im.nmirrors; i++) {
		long removed = 0;

		if (dbw_remove_unseen(w, im.mirrors[i], &removed, &err) != 0) {
			note(&im, "%s\n", buf_cstr(&err));
			goto out;
		}
		im.removed += removed;
	}
	find_sections(&im);
	if (find_cascades(&im, w, &err) != 0) {
		note(&im, "%s\n", buf_cstr(&err));
		goto out;
	}
	if (choose_main_section(&im, w, &err) != 0) {
		note(&im, "%s\n", buf_cstr(&err));
		goto out;
	}
	settings_hash = settings_hash_of(&im);

	for (i = 0; i < im.nfiles; i++) {
		const char *base = strrchr(im.files[i].path, '/');

		progress_show(&im.progress, "reading", i + 1, im.nfiles);
		base = base ? base + 1 : im.files[i].path;
		if (import_file(&im, w, i, settings_hash) != 0)
			goto out;
	}
	/* Every page's URL is stored: the pages that call ref or relref
	 * are expanded again, their targets resolved (their other warnings
	 * were given). */
	im.refs_final = 1;
	im.quiet = 1;
	im.ref_index = ref_index_new(&im.site);
	for (i = 0; i < im.nref_pages; i++)
		if (import_file(&im, w, im.ref_pages[i], settings_hash) != 0)
			goto out;
	im.quiet = 0;
	if (dbw_list_url_clashes(w, warn_list_url, &im, &err) != 0) {
		note(&im, "%s\n", buf_cstr(&err));
		goto out;
	}
	/* The settings are stored once the pages are, whose URLs the
	 * menu's pageRefs take; a section is dated by its newest page. */
	if (dbw_section_dates(w, (long long)time(NULL), &err) != 0 ||
	    resolve_page_refs(&im, w, &err) != 0 ||
	    dbw_site_store(w, &im.site, &err) != 0) {
		note(&im, "%s\n", buf_cstr(&err));
		goto out;
	}
	/* The site's files land in the store before the database that
	 * names them replaces the live one; the covers' markup, which the
	 * entries show, needs them stored. */
	if (store_dir(opts->db, store, sizeof(store)) != 0) {
		note(&im, "%s: the name is too long for its file store\n",
		    opts->db);
		goto out;
	}
	fl.im = &im;
	fl.w = w;
	fl.store = xstrdup(store);
	if (store_files(&fl, &err) != 0) {
		note(&im, "%s\n", buf_cstr(&err));
		goto out;
	}
	/* The entries depend on the settings and on the rules, as every
	 * page's hash does, and on entry.c's markup. */
	buf_reset(&err);
	buf_printf(&err, "%016llx-" ENTRY_VERSION,
	    (unsigned long long)settings_hash);
	stamp = xstrdup(buf_cstr(&err));
	buf_reset(&err);
	progress_show(&im.progress, "indexing", 0, 0);
	if (dbw_related(w, (long long)time(NULL), &err) != 0 ||
	    dbw_entries(w, &im.site, stamp, &err) != 0) {
		note(&im, "%s\n", buf_cstr(&err));
		goto out;
	}
	progress_show(&im.progress, "checking", 0, 0);
	{
		FILE *changes = publish_changes(&pub, &err);

		if (changes == NULL && err.len > 0)
			note(&im, "warning: %s; the next import copies the "
			    "database\n", buf_cstr(&err));
		buf_reset(&err);
		spare_clean = 0;
		rc = dbw_commit(w, pub.gen, changes, &recorded, &err);
	}
	w = NULL;
	if (rc != 0) {
		note(&im, "%s\n", buf_cstr(&err));
		rc = 1;
		goto out;
	}
	rc = 1;
	if (pub.has_live) {
		keep_mode(opts->db, pub.spare);
	} else {
		/* New: readable by the owner and the worker's group only. */
		mode_t mask = umask(0);

		umask(mask);
		chmod(pub.spare, DB_NEW_MODE & ~mask);
	}
	progress_show(&im.progress, "renaming", 0, 0);
	if (publish_swap(&pub, recorded, &err) != 0) {
		note(&im, "%s\n", buf_cstr(&err));
		goto out;
	}
	rc = 0;
	/* Then the store's files no row names go: a killed import's too. */
	buf_reset(&err);
	if (files_sweep(fl.store, keep_hash, &fl, &fl.removed, &err) != 0)
		note(&im, "warning: %s; removed by the next import\n",
		    buf_cstr(&err));
	if (!opts->quiet) {
		note(&im, "quire: %s: %ld added, %ld updated, %ld unchanged, "
		    "%ld removed, %ld other files skipped\n", opts->db, im.added,
		    im.updated, im.unchanged, im.removed, im.skipped);
		note(&im, "quire: %s: %ld files, %ld new, %ld removed\n",
		    fl.store, fl.total, fl.written, fl.removed);
	}
out:
	if (dbw_abort(w) != 0)
		spare_clean = 0;
	if (rc != 0) {
		publish_abandon(&pub, spare_clean);
		note(&im, "quire: import failed; %s is unchanged\n", opts->db);
	}
	if (lock_fd >= 0)
		close(lock_fd);
	publish_free(&pub);
	free_import(&im);
	free_filing(&fl);
	free(stamp);
	buf_free(&lock);
	buf_free(&err);
	return rc;
}
