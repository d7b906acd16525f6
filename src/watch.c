/* watch.c - quire import --watch: inotify on the imported folders, the
 * site's folder (its configuration), config/ and each language's
 * contentDir outside content/, one import per burst of changes. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "store.h"
#include "watch.h"

/* Changes closer together than this are one burst: an editor's save (a
 * temporary file, a rename) or a git checkout is one import. */
#define WATCH_QUIET_MS 200

#define WATCH_EVENTS (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | \
	IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)

/* A watched folder: inotify's descriptor and its path; a recursive one
 * has its sub-folders watched too, new ones included. */
struct watched {
	int wd;
	char *path;
	int recursive;
};

struct watch {
	int fd;
	struct watched *v;
	size_t n, cap;
	char *db_dir;		/* the database's folder and file name: */
	const char *db_name;	/* its own writes are not changes */
	char *store_name;	/* nor its file store's (NAME.files) */
	FILE *log;
};

static void
add(struct watch *w, const char *path, int recursive)
{
	DIR *d;
	struct dirent *e;
	struct buf sub = BUF_INIT;
	size_t i;
	int wd = inotify_add_watch(w->fd, path, WATCH_EVENTS | IN_ONLYDIR);

	if (wd < 0) {
		fprintf(w->log, "warning: %s: cannot watch: %s\n", path,
		    strerror(errno));
		return;
	}
	for (i = 0; i < w->n; i++)
		if (w->v[i].wd == wd) {
			/* Watched already (given twice: keep the wider; or
			 * moved: inotify keeps its wd, the path is new). */
			w->v[i].recursive |= recursive;
			free(w->v[i].path);
			w->v[i].path = xstrdup(path);
			break;
		}
	if (i == w->n) {
		if (w->n == w->cap) {
			w->cap = w->cap ? 2 * w->cap : 16;
			w->v = xrealloc(w->v, w->cap * sizeof(*w->v));
		}
		w->v[w->n].wd = wd;
		w->v[w->n].path = xstrdup(path);
		w->v[w->n].recursive = recursive;
		w->n++;
	}
	if (!recursive || (d = opendir(path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		struct stat st;

		/* Hugo skips hidden files; .git holds nothing to import. */
		if (e->d_name[0] == '.')
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s/%s", path, e->d_name);
		if (lstat(buf_cstr(&sub), &st) == 0 && S_ISDIR(st.st_mode))
			add(w, buf_cstr(&sub), 1);
	}
	closedir(d);
	buf_free(&sub);
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Watches what an import of the PATH arg reads: a folder and all below
 * it, a file's folder; and for a site (arg is its folder or lies in its
 * content/), the site's folder, where its configuration is, and its
 * config/ folder. */
static void
add_path(struct watch *w, const char *arg)
{
	char abs[PATH_MAX], *site_dir = NULL;
	struct buf site = BUF_INIT, path = BUF_INIT;
	const char *rel;

	if (realpath(arg, abs) == NULL) {
		fprintf(w->log, "warning: %s: cannot watch: %s\n", arg,
		    strerror(errno));
		return;
	}
	if (is_dir(abs) && import_is_site(abs)) {
		/* Its content folders (content/, a language's contentDir)
		 * are followed from the import that walks them (on_walked). */
		buf_puts(&site, abs);
	} else {
		/* Under a content/ folder: the site is above it. */
		if ((site_dir = import_split_content(abs, &rel)) != NULL)
			buf_puts(&site, site_dir);
		if (is_dir(abs)) {
			add(w, abs, 1);
		} else {
			char *slash = strrchr(abs, '/');

			*slash = '\0';
			add(w, *abs ? abs : "/", 0);
		}
	}
	if (site.len > 0) {
		add(w, buf_cstr(&site), 0);
		buf_reset(&path);
		buf_printf(&path, "%s/config", buf_cstr(&site));
		if (is_dir(buf_cstr(&path)))
			add(w, buf_cstr(&path), 1);
	}
	free(site_dir);
	buf_free(&site);
	buf_free(&path);
}

/* import_opts.walked: a folder the import read beyond its PATHs (a
 * language's contentDir beside content/) is watched from then on. */
static void
on_walked(const char *dir, void *arg)
{
	add(arg, dir, 1);
}

/* Is a change to name, in the folder of watched v, one to import? Not
 * the database's own files, nor an editor's hidden, backup or probe
 * files. */
static int
counts(const struct watch *w, const struct watched *v, const char *name)
{
	size_t n = strlen(name), dn = strlen(w->db_name);

	if (n == 0)
		return 1;
	if (name[0] == '.' || name[0] == '#' || name[n - 1] == '~' ||
	    strcmp(name, "4913") == 0)
		return 0;
	if (strcmp(v->path, w->db_dir) == 0 &&
	    (strncmp(name, w->db_name, dn) == 0 ||
	    strcmp(name, w->store_name) == 0))
		return 0;
	return 1;
}

/* Reads the events waiting on the inotify descriptor; watches new
 * folders under recursive ones. Returns how many were changes to import
 * (the path of the last one in last: an editor's save ends with the
 * file's own name), or -1 on a read error. */
static int
drain(struct watch *w, struct buf *last)
{
	char ev[16 * 1024] __attribute__((aligned(__alignof__(struct inotify_event))));
	struct buf sub = BUF_INIT;
	ssize_t len = read(w->fd, ev, sizeof(ev));
	int changes = 0;
	char *p;

	if (len < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	for (p = ev; p < ev + len; ) {
		const struct inotify_event *e = (const struct inotify_event *)p;
		struct watched *v = NULL;
		size_t i;

		p += sizeof(*e) + e->len;
		/* A watch removed (its folder gone, which the parent's
		 * watch reports itself): nothing to import. */
		if (e->mask & IN_IGNORED)
			continue;
		if (e->mask & IN_Q_OVERFLOW) {
			/* Events were lost: something changed, somewhere. */
			changes++;
			buf_reset(last);
			buf_puts(last, "a watched folder");
			continue;
		}
		for (i = 0; i < w->n; i++)
			if (w->v[i].wd == e->wd)
				v = &w->v[i];
		if (v == NULL || !counts(w, v, e->len ? e->name : ""))
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s/%s", v->path, e->len ? e->name : "");
		if (v->recursive && (e->mask & (IN_CREATE | IN_MOVED_TO)) &&
		    (e->mask & IN_ISDIR))
			add(w, buf_cstr(&sub), 1);
		changes++;
		buf_reset(last);
		buf_puts(last, buf_cstr(&sub));
	}
	buf_free(&sub);
	return changes;
}

int
watch_run(const struct import_opts *given, FILE *log)
{
	struct import_opts o = *given, *opts = &o;
	struct watch w;
	struct buf last = BUF_INIT;
	struct pollfd pfd;
	char real[PATH_MAX], *slash;
	size_t k;
	int i;

	memset(&w, 0, sizeof(w));
	w.log = log;
	w.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w.fd < 0) {
		fprintf(log, "quire: --watch: %s\n", strerror(errno));
		return 1;
	}
	/* The database's folder, resolved as the watched paths are. */
	w.db_dir = xstrdup(opts->db);
	slash = strrchr(w.db_dir, '/');
	w.db_name = slash ? opts->db + (slash - w.db_dir) + 1 : opts->db;
	if (slash != NULL)
		*(slash == w.db_dir ? slash + 1 : slash) = '\0';
	else
		strcpy(w.db_dir, ".");
	if (realpath(w.db_dir, real) != NULL) {
		free(w.db_dir);
		w.db_dir = xstrdup(real);
	}
	/* The store lies beside the database (store.h). */
	if (store_dir(w.db_name, real, sizeof(real)) != 0)
		real[0] = '\0';
	w.store_name = xstrdup(real);
	for (i = 0; i < opts->npaths; i++)
		add_path(&w, opts->paths[i]);
	if (opts->config != NULL)
		add_path(&w, opts->config);
	if (w.n == 0) {
		fprintf(log, "quire: --watch: nothing to watch\n");
		errno = 0;
		goto out;
	}
	pfd.fd = w.fd;
	pfd.events = POLLIN;
	o.walked = on_walked;
	o.walked_arg = &w;
	for (;;) {
		import_run(opts, log);
		if (!opts->quiet)
			fprintf(log, "quire: watching %zu folders for changes "
			    "(Ctrl-C stops)\n", w.n);
		fflush(log);
		/* Wait for a change, then for the burst to end. */
		buf_reset(&last);
		while (last.len == 0) {
			if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
				goto fail;
			if (drain(&w, &last) < 0)
				goto fail;
		}
		for (;;) {
			int n = poll(&pfd, 1, WATCH_QUIET_MS);

			if (n < 0 && errno != EINTR)
				goto fail;
			if (n <= 0)
				break;
			if (drain(&w, &last) < 0)
				goto fail;
		}
		if (!opts->quiet)
			fprintf(log, "quire: %s changed\n", buf_cstr(&last));
	}
fail:
	fprintf(log, "quire: --watch: %s\n", strerror(errno));
out:
	for (k = 0; k < w.n; k++)
		free(w.v[k].path);
	free(w.v);
	free(w.db_dir);
	free(w.store_name);
	close(w.fd);
	buf_free(&last);
	return 1;
}
