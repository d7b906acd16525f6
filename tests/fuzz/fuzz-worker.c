/* fuzz-worker.c - libFuzzer target for one whole request: the worker's
 * own handle() (src/worker.c, included here so that its static functions
 * are reachable; its main() is renamed) answers each input against a
 * fixture database built at start-up from tests/hugo/site/content with
 * the importer, once mounted at "/" and once at "/blog/".
 *
 * Input: one selector byte (bit 0: the /blog/ site; bit 1: no method),
 * then METHOD \0 REQUEST_URI \0 IF_NONE_MATCH \0 IF_MODIFIED_SINCE, each
 * part optional. Responses go to stdout, sent to /dev/null unless
 * QUIRE_FUZZ_SHOW is set; the worker's log lines go to stderr (run with
 * -close_fd_mask=2 to drop them). Run from the top of the repository, or
 * set QUIRE_FUZZ_CONTENT to the content folder. */
#include <stdint.h>

#include "import.h"

#define main quire_worker_main
#include "../../src/worker.c"
#undef main

/* The renamed main() is never called: its seccomp filter (src/confine.c,
 * libseccomp) is not linked; this stands in if worker.c refers to it. */
int confine_worker(void) __attribute__((weak));
int
confine_worker(void)
{
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/quire-fuzz-worker.XXXXXX";
static char db_root[sizeof(dir) + 16], db_blog[sizeof(dir) + 16];
static struct worker workers[2];

static void
cleanup(void)
{
	static const char *const suffix[] = { "", ".lock", ".spare",
	    ".changes", ".changes-tmp", "-journal", "-wal", "-shm" };
	char path[sizeof(db_root) + 32];
	size_t i;
	int k;

	for (k = 0; k < 2; k++) {
		db_close(workers[k].db);
		resp_free(&workers[k].resp);
		workers[k].db = NULL;
		for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
			snprintf(path, sizeof(path), "%s%s",
			    k ? db_blog : db_root, suffix[i]);
			unlink(path);
		}
	}
	rmdir(dir);
}

static void
build_db(const char *db, const char *base_url, const char *content)
{
	char *paths[1];
	struct import_opts o;

	paths[0] = (char *)content;
	memset(&o, 0, sizeof(o));
	o.db = db;
	o.base_url = base_url;
	o.paths = paths;
	o.npaths = 1;
	o.quiet = 1;
	if (import_run(&o, stderr) != 0) {
		fprintf(stderr, "fuzz-worker: cannot import %s\n", content);
		exit(1);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *content = getenv("QUIRE_FUZZ_CONTENT");
	struct buf err = BUF_INIT;
	int k;

	(void)argc;
	(void)argv;
	uni_init();
	if (content == NULL || *content == '\0')
		content = "tests/hugo/site/content";
	if (mkdtemp(dir) == NULL) {
		perror("fuzz-worker: mkdtemp");
		exit(1);
	}
	snprintf(db_root, sizeof(db_root), "%s/root.db", dir);
	snprintf(db_blog, sizeof(db_blog), "%s/blog.db", dir);
	atexit(cleanup);
	build_db(db_root, "http://example.org/", content);
	build_db(db_blog, "https://example.org/blog/", content);
	for (k = 0; k < 2; k++) {
		memset(&workers[k], 0, sizeof(workers[k]));
		workers[k].env_db = k ? db_blog : db_root;
		/* As main(): opened before the first request, kept open. */
		workers[k].db = db_open(workers[k].env_db, &err);
		if (workers[k].db == NULL) {
			fprintf(stderr, "fuzz-worker: %s\n", buf_cstr(&err));
			exit(1);
		}
	}
	buf_free(&err);
	/* QUIRE_FUZZ_SHOW=1 keeps the responses (to check seeds by eye). */
	if (getenv("QUIRE_FUZZ_SHOW") == NULL &&
	    freopen("/dev/null", "w", stdout) == NULL)
		exit(1);
	return 0;
}

/* Takes the next NUL-terminated part of the input as "NAME=value". */
static char *
part(const uint8_t **p, const uint8_t *end, const char *name)
{
	const uint8_t *s = *p, *z;
	struct buf b = BUF_INIT;

	if (s >= end)
		return NULL;
	z = memchr(s, '\0', (size_t)(end - s));
	if (z == NULL)
		z = end;
	*p = z < end ? z + 1 : end;
	buf_printf(&b, "%s=", name);
	buf_add(&b, s, (size_t)(z - s));
	return buf_detach(&b);
}

/* Checks what handle() left in the response. */
static void
check(const struct worker *w, const struct site *site)
{
	const struct resp *r = &w->resp;
	const char *h = buf_cstr((struct buf *)&r->headers), *loc;
	size_t i;

	switch (r->status) {
	case 200: case 301: case 304: case 400: case 404: case 405: case 414:
		break;
	default:
		/* 500 and 503 on a sound database are bugs. */
		__builtin_trap();
	}
	/* Headers are "Name: value\r\n" lines: no other CR or LF. */
	for (i = 0; i < r->headers.len; i++) {
		if (h[i] == '\r' && h[i + 1] != '\n')
			__builtin_trap();
		if (h[i] == '\n' && (i == 0 || h[i - 1] != '\r'))
			__builtin_trap();
	}
	loc = strstr(h, "Location: ");
	if (r->status == 301) {
		size_t blen = strlen(site->base_path);

		if (loc == NULL)
			__builtin_trap();
		loc += strlen("Location: ");
		/* A redirect stays on the site: never "//host" or "/\host". */
		if (strncmp(loc, site->base_path, blen) != 0 ||
		    loc[blen] == '/' || loc[blen] == '\\')
			__builtin_trap();
	}
	if (r->status != 304 && r->status != 301 &&
	    !uni_valid(buf_cstr((struct buf *)&r->body), r->body.len))
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	struct resp_sink sink = { NULL };
	struct logger lg = { NULL };
	struct worker *w;
	char *env[5];
	int n = 0, sel, k;

	if (size == 0)
		return 0;
	sel = data[0];
	p++;
	w = &workers[sel & 1];
	memset(env, 0, sizeof(env));
	if (!(sel & 2))
		env[n++] = part(&p, end, "REQUEST_METHOD");
	if (n == 0 || env[n - 1] != NULL) {
		char *e;

		if ((e = part(&p, end, "REQUEST_URI")) != NULL)
			env[n++] = e;
		if ((e = part(&p, end, "HTTP_IF_NONE_MATCH")) != NULL)
			env[n++] = e;
		if ((e = part(&p, end, "HTTP_IF_MODIFIED_SINCE")) != NULL)
			env[n++] = e;
	}
	handle(w, env, &sink, &lg);
	if (w->db == NULL)
		__builtin_trap();	/* a request closed the database */
	check(w, db_site(w->db));
	for (k = 0; k < n; k++)
		free(env[k]);
	return 0;
}
