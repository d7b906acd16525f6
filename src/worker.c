/* worker.c - quire.fcgi: the FastCGI accept loop (or one CGI request),
 * the database kept open across requests, errors answered, never fatal. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fcgiapp.h>

#include "confine.h"
#include "db.h"
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
	struct db *db;
	struct resp resp;
};

/* Returns the value of name in a FastCGI/CGI environment, or NULL. */
static const char *
param(char **envp, const char *name)
{
	size_t n = strlen(name);

	/* The first byte rules out most of the thirty-odd parameters. */
	for (; envp != NULL && *envp != NULL; envp++)
		if (**envp == *name && strncmp(*envp, name, n) == 0 &&
		    (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

/* Makes sure w->db is the current database at path; 0 or -1 (logged). */
static int
ensure_db(struct worker *w, const char *path, struct logger *lg)
{
	struct buf err = BUF_INIT;

	if (w->db != NULL && !db_replaced(w->db, path))
		return 0;
	db_close(w->db);
	w->db = db_open(path, &err);
	if (w->db == NULL) {
		logf_(lg, "%s", buf_cstr(&err));
		buf_free(&err);
		return -1;
	}
	if (!FCGX_IsCGI())
		db_long_lived(w->db);
	return 0;
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

/* Sets the validators of the content state on the response; answers 304
 * (returns 1) when the client's copy is current. What a page shows depends
 * only on the database's content version and on the instant the set of
 * visible pages last changed, so that pair is the ETag. */
static int
validators(struct ctx *ctx, char **envp, const struct db_state *st)
{
	const char *inm = param(envp, "HTTP_IF_NONE_MATCH");
	const char *ims = param(envp, "HTTP_IF_MODIFIED_SINCE");
	struct buf etag = BUF_INIT, date = BUF_INIT;
	int fresh;

	buf_puts(&etag, "\"q");
	buf_putnum(&etag, st->version, 1);
	buf_putc(&etag, '-');
	buf_putnum(&etag, st->changed, 1);
	buf_putc(&etag, '"');
	resp_http_date(&date, st->changed);
	if (inm != NULL)
		fresh = resp_etag_listed(inm, buf_cstr(&etag));
	else
		fresh = ims != NULL && resp_parse_http_date(ims) >= st->changed;
	resp_header(ctx->resp, "ETag", buf_cstr(&etag));
	resp_header(ctx->resp, "Last-Modified", buf_cstr(&date));
	if (fresh) {
		ctx->resp->status = 304;
		buf_reset(&ctx->resp->body);
	}
	buf_free(&etag);
	buf_free(&date);
	return fresh;
}

static void
handle(struct worker *w, char **envp, struct resp_sink *sink,
    struct logger *lg)
{
	const char *method = param(envp, "REQUEST_METHOD");
	const char *uri = param(envp, "REQUEST_URI");
	const char *db_path = w->env_db ? w->env_db : param(envp, "QUIRE_DB");
	struct req req;
	struct ctx ctx;
	enum req_verdict v;
	enum page_rc rc = PAGE_OK;
	int head_only, db_ok = 0;

	memset(&ctx, 0, sizeof(ctx));
	resp_reset(&w->resp);
	ctx.resp = &w->resp;
	ctx.req = &req;
	ctx.now = (long long)time(NULL);
	ctx.site = fallback_site();

	/* A path from the request's parameters (Apache's SetEnv) must not
	 * depend on the folder the server started the worker in. */
	if (db_path == NULL || *db_path == '\0')
		logf_(lg, "QUIRE_DB is not set: no database to serve");
	else if (w->env_db == NULL && *db_path != '/')
		logf_(lg, "QUIRE_DB %.200s (a request parameter) is not an "
		    "absolute path", db_path);
	else
		db_ok = ensure_db(w, db_path, lg) == 0;
	if (!db_ok) {
		memset(&req, 0, sizeof(req));
		req.query = "";
		page_error(&ctx, 503);
		resp_header(&w->resp, "Cache-Control", "no-store");
		resp_send(&w->resp, sink, method && strcmp(method, "HEAD") == 0);
		return;
	}
	ctx.db = w->db;
	ctx.site = db_site(w->db);
	v = req_parse(&req, method, uri, ctx.site->base_path);
	head_only = req.method == REQ_HEAD;
	switch (v) {
	case REQ_OK: {
		struct db_state st;

		if (db_state(w->db, ctx.now, &st) != DB_ROW) {
			rc = PAGE_DB_ERROR;
			break;
		}
		if (validators(&ctx, envp, &st))
			break;
		rc = route_dispatch(&ctx);
		break;
	}
	case REQ_ADD_SLASH: {
		struct buf target = BUF_INIT;

		buf_puts(&target, req.decoded);
		if (target.len == 0 || target.data[target.len - 1] != '/')
			buf_putc(&target, '/');
		page_redirect(&ctx, buf_cstr(&target));
		buf_free(&target);
		break;
	}
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
	switch (w->resp.status) {
	case 200: case 304: case 404:
		resp_header(&w->resp, "Cache-Control", RESP_CACHE_CONTENT);
		break;
	case 301:
		resp_header(&w->resp, "Cache-Control", v == REQ_ADD_SLASH ?
		    RESP_CACHE_STABLE : RESP_CACHE_CONTENT);
		break;
	case 500: case 503:
		resp_header(&w->resp, "Cache-Control", "no-store");
		break;
	default:
		resp_header(&w->resp, "Cache-Control", RESP_CACHE_STABLE);
		break;
	}
	if (rc == PAGE_DB_ERROR) {
		/* Start afresh on the next request. */
		db_close(w->db);
		w->db = NULL;
	} else {
		db_end_request(w->db);
	}
	resp_send(&w->resp, sink, head_only);
	req_free(&req);
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

/* Set by SIGTERM: finish the request in flight, then leave the loop. */
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

	/* Open the database and prepare every statement before the first
	 * request; if that fails, each request tries again (and says 503). */
	if (w.env_db != NULL) {
		struct buf err = BUF_INIT;

		w.db = db_open(w.env_db, &err);
		if (w.db == NULL && !FCGX_IsCGI())
			fprintf(stderr, "quire: %s\n", buf_cstr(&err));
		if (w.db != NULL && !FCGX_IsCGI())
			db_long_lived(w.db);
		buf_free(&err);
	}

	if (FCGX_IsCGI()) {
		struct resp_sink sink = { NULL };
		struct logger lg = { NULL };
		extern char **environ;

		if (confine_worker() != 0)
			fprintf(stderr, "quire: no seccomp filter: %s\n",
			    strerror(errno));
		handle(&w, environ, &sink, &lg);
		drain_cgi_body();
	} else {
		struct sigaction sa;

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
		if (confine_worker() != 0)
			fprintf(stderr, "quire: no seccomp filter: %s\n",
			    strerror(errno));
		while (!stopping && FCGX_Accept_r(&request) >= 0) {
			struct resp_sink sink = { request.out };
			struct logger lg = { request.err };

			handle(&w, request.envp, &sink, &lg);
			FCGX_Finish_r(&request);
		}
	}
	db_close(w.db);
	resp_free(&w.resp);
	free(w.env_db);
	return 0;
}
