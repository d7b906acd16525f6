/* worker.c - quire.fcgi: the FastCGI accept loop (or one CGI request),
 * the database kept open across requests, errors answered, never fatal. */
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fcgiapp.h>

#include "confine.h"
#include "db.h"
#include "files-serve.h"
#include "request.h"
#include "response.h"
#include "route.h"
#include "site.h"
#include "unicode.h"

/* Where log lines go: the FastCGI error stream (the server's error log)
 * or stderr as CGI. */
struct logger {
	FCGX_Stream *err;
};

static void logf_(struct logger *lg, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
logf_(struct logger *lg, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (lg->err != NULL) {
		FCGX_FPrintF(lg->err, "quire: %s\n", line);
		FCGX_FFlush(lg->err);
	} else {
		fprintf(stderr, "quire: %s\n", line);
	}
}

/* The worker's state across requests. */
struct worker {
	char *env_db;		/* QUIRE_DB from the process environment */
	/* Why the seccomp filter could not be installed, or NULL: then
	 * every request is answered 503 with this in the log, never served
	 * unconfined (QUIRE_SECCOMP=0 is the way to serve without it). */
	const char *unconfined;
	struct db *db;
	int noted;		/* db_note(db) is logged */
	struct resp resp;
};

/* Logs db_note() of w->db, once per open: through the request's log (a
 * worker spawn-fcgi forks has no stderr of its own). */
static void
note_once(struct worker *w, struct logger *lg)
{
	if (!w->noted && db_note(w->db) != NULL)
		logf_(lg, "%s", db_note(w->db));
	w->noted = 1;
}

/* Makes sure w->db is the current database at path; 0 or -1 (logged). */
static int
ensure_db(struct worker *w, const char *path, struct logger *lg)
{
	struct buf err = BUF_INIT;

	int tries;

	if (w->db != NULL && db_hold(w->db, path) == 0) {
		note_once(w, lg);
		return 0;
	}
	/* An import may swap the files between the open and the hold: the
	 * next try opens the new one. */
	for (tries = 0; tries < 3; tries++) {
		db_close(w->db);
		w->noted = 0;
		w->db = db_open(path, &err);
		if (w->db == NULL) {
			logf_(lg, "%s", buf_cstr(&err));
			buf_free(&err);
			return -1;
		}
		if (db_hold(w->db, path) == 0) {
			note_once(w, lg);
			buf_free(&err);
			return 0;
		}
	}
	logf_(lg, "%s: replaced again and again while opened", path);
	buf_free(&err);
	db_close(w->db);
	w->db = NULL;
	return -1;
}

/* A bare context for error pages when the database (and so the site
 * settings) is not available. */
static const struct site *
fallback_site(void)
{
	static struct site s;
	static int ready;

	if (!ready) {
		site_init(&s);
		ready = 1;
	}
	return &s;
}

/* Answers one request: the database, the request's verdict, the route,
 * the error pages; then sends the response. */
static void
handle(struct worker *w, char **envp, struct resp_sink *sink,
    struct logger *lg)
{
	const char *method = req_param(envp, "REQUEST_METHOD");
	const char *uri = req_param(envp, "REQUEST_URI");
	const char *db_path = w->env_db ? w->env_db :
	    req_param(envp, "QUIRE_DB");
	struct req req;
	struct ctx ctx;
	enum req_verdict v;
	enum page_rc rc = PAGE_OK;
	enum files_rc frc = FILES_NONE;
	struct buf why = BUF_INIT;
	int file_path;
	int head_only = method != NULL && strcmp(method, "HEAD") == 0;
	int db_ok = 0;

	memset(&ctx, 0, sizeof(ctx));
	memset(&req, 0, sizeof(req));
	resp_reset(&w->resp);
	ctx.resp = &w->resp;
	ctx.req = &req;
	ctx.now = (long long)time(NULL);
	ctx.site = fallback_site();

	/* A path from the request's parameters (Apache's SetEnv) must not
	 * depend on the folder the server started the worker in. */
	if (w->unconfined != NULL)
		logf_(lg, "503: %s", w->unconfined);
	else if (db_path == NULL || *db_path == '\0')
		logf_(lg, "QUIRE_DB is not set: no database to serve");
	else if (w->env_db == NULL && *db_path != '/')
		logf_(lg, "QUIRE_DB %.200s (a request parameter) is not an "
		    "absolute path", db_path);
	else
		db_ok = ensure_db(w, db_path, lg) == 0;
	if (!db_ok) {
		page_error(&ctx, 503);
		goto send;
	}
	ctx.db = w->db;
	ctx.site = db_site(w->db);
	v = req_parse_env(&req, envp, ctx.site->base_path);
	head_only = req.method == REQ_HEAD;
	/* A stored file's exact path wins over the trailing-slash redirect
	 * ("/CNAME") and the 404; a page's path ends in '/' and pays no
	 * look-up: only a path without one (a file name, a feed, an ugly
	 * URL) may be a file's. */
	file_path = (v == REQ_OK || v == REQ_ADD_SLASH) && !req.slash &&
	    req.nsegs > 0;
	switch (v) {
	case REQ_OK: {
		struct db_state st;

		if (db_state(w->db, ctx.now, &st) != DB_ROW) {
			rc = PAGE_DB_ERROR;
			break;
		}
		if (resp_conditional(&w->resp, req.if_none_match,
		    req.if_modified_since, st.version, st.changed)) {
			/* The site's validators say current; a file has
			 * its own. */
			if (file_path && (frc = files_answer(&ctx, db_path,
			    &why)) != FILES_NONE)
				break;
			resp_reset(&w->resp);
			resp_conditional(&w->resp, req.if_none_match,
			    req.if_modified_since, st.version, st.changed);
			break;
		}
		rc = route_dispatch(&ctx, v);
		if (rc == PAGE_NOT_FOUND && file_path)
			frc = files_answer(&ctx, db_path, &why);
		/* What a static server finds in Hugo's build: a folder's
		 * index.html, a page's folder named without its slash. */
		if (rc == PAGE_NOT_FOUND && req.slash)
			frc = files_answer_index(&ctx, db_path, &why);
		else if (rc == PAGE_NOT_FOUND && frc == FILES_NONE && file_path)
			rc = route_page_slash(&ctx);
		if (rc == PAGE_OK)
			resp_exists(&w->resp, req.if_none_match);
		break;
	}
	case REQ_MERGE_SLASHES:
		rc = route_dispatch(&ctx, v);
		break;
	case REQ_ADD_SLASH:
		if (file_path)
			frc = files_answer(&ctx, db_path, &why);
		if (frc == FILES_NONE)
			rc = route_dispatch(&ctx, v);
		break;
	case REQ_METHOD:
		logf_(lg, "405 %s %.200s", method ? method : "(none)",
		    uri ? uri : "");
		page_error(&ctx, 405);
		break;
	case REQ_TOO_LONG:
		logf_(lg, "414 request URI of %zu bytes", strlen(uri));
		page_error(&ctx, 414);
		break;
	case REQ_BAD:
		logf_(lg, "400 malformed request URI %.200s", uri ? uri : "");
		page_error(&ctx, 400);
		break;
	case REQ_NOT_FOUND:
		rc = PAGE_NOT_FOUND;
		break;
	}
	if (frc == FILES_OK) {
		rc = PAGE_OK;
	} else if (frc == FILES_DAMAGED) {
		logf_(lg, "503 %s", buf_cstr(&why));
		rc = PAGE_OK;
		page_error(&ctx, 503);
	} else if (frc == FILES_DB_ERROR) {
		rc = PAGE_DB_ERROR;
	}
	if (rc == PAGE_NOT_FOUND) {
		page_error(&ctx, 404);
	} else if (rc == PAGE_ERROR) {
		logf_(lg, "500 cannot render %.200s", uri ? uri : "");
		page_error(&ctx, 500);
	} else if (rc == PAGE_DB_ERROR) {
		logf_(lg, "503 database error on %.200s: %s", uri ? uri : "",
		    db_errmsg(w->db));
		ctx.site = fallback_site();
		page_error(&ctx, 503);
	}
	if (rc == PAGE_OK && ctx.note != NULL)
		logf_(lg, "%.200s: %s", uri ? uri : "", ctx.note);
	if (rc == PAGE_DB_ERROR) {
		/* Start afresh on the next request. */
		db_close(w->db);
		w->db = NULL;
	} else {
		db_end_request(w->db);
	}
send:
	/* The answer is in memory: a slow client holds no database file. */
	if (db_ok)
		db_release(w->db);
	if (resp_send(&w->resp, sink, head_only) != 0 && w->resp.body_file)
		logf_(lg, "%.200s: the file was cut short (its store file "
		    "shrank, or the client left)", uri ? uri : "");
	/* Close a streamed file now, not at the next request. */
	resp_reset(&w->resp);
	req_free(&req);
	buf_free(&why);
}

/* As CGI, reads what is left of a request body (a POST we answered 405):
 * under mod_cgid stdin and stdout are one socket, and closing it with
 * unread data resets the connection before Apache has our answer. */
static void
drain_cgi_body(void)
{
	const char *len = getenv("CONTENT_LENGTH");
	long long left = len != NULL ? atoll(len) : 0;
	char chunk[8192];
	size_t n;

	/* Beyond 16 MiB a client is not sending a form: let it be reset. */
	if (left <= 0 || left > 16LL * 1024 * 1024)
		return;
	while (left > 0 && (n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		left -= (long long)n;
}

/* Installs the seccomp filter; on failure sets w->unconfined (and says
 * so on stderr, which spawn-fcgi and Apache keep in their logs). */
static void
confine(struct worker *w)
{
	static char why[200];

	if (confine_worker() == 0)
		return;
	snprintf(why, sizeof(why), "the seccomp filter cannot be installed "
	    "(%s): not serving unconfined; QUIRE_SECCOMP=0 serves without it",
	    strerror(errno));
	w->unconfined = why;
	fprintf(stderr, "quire: %s\n", why);
}

/* Set by SIGTERM: finish the request in flight, then leave the loop. */
/* A long-lived worker needs about the same memory for each request: a
 * few MiB of cmark nodes and buffers for a long post (a 140 KB page takes
 * 3 MiB), a 1 MiB buffer for a 700 KB feed. With glibc's defaults the
 * top of the heap, once over 128 KiB free, goes back to the kernel after
 * each request and is asked for again by the next (brk calls, page
 * faults, and a TLB flush by IPI as the heap shrinks: on a new VM a
 * tenth of the worker's CPU on the code article). So keep up to 8 MiB
 * free at the top (more is given back), and take every block under
 * 32 MiB (glibc's own upper bound) from the heap: an mmap'd one is
 * faulted in page by page on every request (a 1 MiB bound made the
 * bench's feed 3.5 times slower). Setting either turns off glibc's own
 * adjustment of both, hence both. */
static void
keep_heap_between_requests(void)
{
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 8 * 1024 * 1024);
}

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
	/* Makes libfcgi's accept() give up on EINTR instead of retrying. */
	FCGX_ShutdownPending();
}

int
main(void)
{
	struct worker w;
	FCGX_Request request;
	const char *env;

	memset(&w, 0, sizeof(w));
	uni_init();
	db_single_thread();
	/* FCGI_Accept would swap environ per request: copy ours now. */
	env = getenv("QUIRE_DB");
	if (env != NULL && *env != '\0')
		w.env_db = strdup(env);

	/* Open the database before the first request; if that fails, each
	 * request tries again (and says 503). */
	if (w.env_db != NULL) {
		struct buf err = BUF_INIT;

		w.db = db_open(w.env_db, &err);
		if (w.db == NULL && !FCGX_IsCGI())
			fprintf(stderr, "quire: %s\n", buf_cstr(&err));
		buf_free(&err);
	}

	if (FCGX_IsCGI()) {
		struct resp_sink sink = { NULL };
		struct logger lg = { NULL };
		extern char **environ;

		confine(&w);
		handle(&w, environ, &sink, &lg);
		drain_cgi_body();
	} else {
		struct sigaction sa;
		sigset_t held;

		keep_heap_between_requests();
		if (FCGX_Init() != 0 || FCGX_InitRequest(&request, 0, 0) != 0) {
			fputs("quire: cannot start FastCGI\n", stderr);
			return 1;
		}
		/* No SA_RESTART: a SIGTERM while waiting interrupts accept(). */
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_term;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGINT, &sa, NULL);
		/* From here on the worker only reads (DESIGN.md). */
		confine(&w);
		/* SIGTERM is held while a request is answered: a write that
		 * it interrupted (no SA_RESTART) would cut the response short.
		 * It is taken between requests, where it ends the loop. */
		sigemptyset(&held);
		sigaddset(&held, SIGTERM);
		sigaddset(&held, SIGINT);
		while (!stopping && FCGX_Accept_r(&request) >= 0) {
			struct resp_sink sink = { &request };
			struct logger lg = { request.err };

			sigprocmask(SIG_BLOCK, &held, NULL);
			handle(&w, request.envp, &sink, &lg);
			FCGX_Finish_r(&request);
			sigprocmask(SIG_UNBLOCK, &held, NULL);
		}
	}
	db_close(w.db);
	resp_free(&w.resp);
	free(w.env_db);
	return 0;
}
