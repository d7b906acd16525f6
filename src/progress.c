/* progress.c - the importer's progress line on a terminal. */
#include <unistd.h>

#include "progress.h"

/* A new line at most this often: a 10,000-file import writes about a
 * hundred, not ten thousand. */
#define PROGRESS_EVERY_NS (100L * 1000 * 1000)

void
progress_begin(struct progress *p, FILE *out, int on)
{
	p->out = on && isatty(fileno(out)) ? out : NULL;
	p->shown = 0;
	p->last.tv_sec = 0;
	p->last.tv_nsec = 0;
}

void
progress_show(struct progress *p, const char *phase, size_t done,
    size_t total)
{
	struct timespec now;
	long long ns;

	if (p->out == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ns = (long long)(now.tv_sec - p->last.tv_sec) * 1000000000LL +
	    (now.tv_nsec - p->last.tv_nsec);
	if (p->shown && ns < PROGRESS_EVERY_NS && done != total)
		return;
	p->last = now;
	/* \r and erase-to-end: the line is rewritten in place. */
	if (total != 0)
		fprintf(p->out, "\rquire: %s %zu/%zu files\033[K", phase, done,
		    total);
	else
		fprintf(p->out, "\rquire: %s\033[K", phase);
	fflush(p->out);
	p->shown = 1;
}

void
progress_clear(struct progress *p)
{
	if (p->out == NULL || !p->shown)
		return;
	fputs("\r\033[K", p->out);
	fflush(p->out);
	p->shown = 0;
}
