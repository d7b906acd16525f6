/* noop-fcgi.c - the FastCGI ceiling for `make bench`: a libfcgi responder
 * that does no work, answering each request with bytes read at start-up
 * and sent as the worker sends them (src/fcgi-out.c).
 *
 *   noop-fcgi MAPFILE
 *
 * Each line of MAPFILE is `REQUEST_URI<TAB>HEADERS<TAB>BODY`: two files
 * saved from quire's own answer for that URI (HEADERS holds its header
 * lines, CRLF-ended, without Status, Content-Length, Date, Server,
 * Connection, Transfer-Encoding). A request for a URI not listed gets 404.
 * Run under spawn-fcgi. */
#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "fcgi-out.h"

struct answer {
	char *uri;
	char *head;	/* Status, Content-Length and the saved headers */
	size_t head_len;
	char *body;
	size_t body_len;
};

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t cap = 0, n = 0, got;

	if (f == NULL) {
		perror(path);
		exit(1);
	}
	do {
		if (n + 65536 > cap) {
			cap = (n + 65536) * 2;
			data = realloc(data, cap);
			if (data == NULL)
				exit(1);
		}
		got = fread(data + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*len = n;
	return data;
}

int
main(int argc, char **argv)
{
	struct answer *ans = NULL;
	size_t nans = 0, i;
	char line[8192];
	FILE *map;
	FCGX_Request req;

	if (argc != 2) {
		fputs("usage: noop-fcgi MAPFILE\n", stderr);
		return 2;
	}
	map = fopen(argv[1], "r");
	if (map == NULL) {
		perror(argv[1]);
		return 1;
	}
	while (fgets(line, sizeof(line), map) != NULL) {
		char *uri = strtok(line, "\t\n"), *hp = strtok(NULL, "\t\n"),
		    *bp = strtok(NULL, "\t\n"), *hdrs;
		size_t hlen;
		struct answer *a;

		if (uri == NULL || hp == NULL || bp == NULL)
			continue;
		ans = realloc(ans, (nans + 1) * sizeof(*ans));
		if (ans == NULL)
			return 1;
		a = &ans[nans++];
		a->uri = strdup(uri);
		a->body = slurp(bp, &a->body_len);
		hdrs = slurp(hp, &hlen);
		a->head = malloc(hlen + 128);
		if (a->head == NULL)
			return 1;
		a->head_len = (size_t)snprintf(a->head, 128,
		    "Status: 200 OK\r\nContent-Length: %zu\r\n", a->body_len);
		memcpy(a->head + a->head_len, hdrs, hlen);
		a->head_len += hlen;
		memcpy(a->head + a->head_len, "\r\n", 2);
		a->head_len += 2;
		free(hdrs);
	}
	fclose(map);

	if (FCGX_Init() != 0 || FCGX_InitRequest(&req, 0, 0) != 0)
		return 1;
	while (FCGX_Accept_r(&req) >= 0) {
		const char *uri = FCGX_GetParam("REQUEST_URI", req.envp);
		const struct answer *a = NULL;

		for (i = 0; uri != NULL && i < nans; i++)
			if (strcmp(ans[i].uri, uri) == 0) {
				a = &ans[i];
				break;
			}
		if (a == NULL) {
			FCGX_PutS("Status: 404 Not Found\r\nContent-Type: "
			    "text/plain\r\nContent-Length: 10\r\n\r\nnot found\n",
			    req.out);
		} else {
			/* As the worker sends an answer (fcgi-out.h). */
			struct iovec parts[2] = {
				{ a->head, a->head_len },
				{ a->body, a->body_len },
			};

			fcgi_out_write(req.ipcFd, req.requestId, parts, 2);
		}
		FCGX_Finish_r(&req);
	}
	return 0;
}
