/* progress.h - the importer's progress line on a terminal: the phase and,
 * while reading, files done of total, rewritten in place at most ten
 * times a second. Nothing is written unless the stream is a terminal. */
#ifndef QUIRE_PROGRESS_H
#define QUIRE_PROGRESS_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct progress {
	FILE *out;		/* NULL: off */
	int shown;		/* a line is on the screen */
	struct timespec last;	/* when it was last written */
};

/* Starts a progress line on out when it is a terminal and on is set
 * (the importer passes !quiet); otherwise every call is a no-op. */
void progress_begin(struct progress *p, FILE *out, int on);
/* Shows phase ("reading", "indexing", ...) and, when total is not 0,
 * "done/total files". A call within 100 ms of the last write is skipped
 * unless done == total (a phase's last step is always shown). */
void progress_show(struct progress *p, const char *phase, size_t done,
	size_t total);
/* Erases the line, so that what follows starts on a clean line. Call
 * before any other message to out, and at the end. */
void progress_clear(struct progress *p);

#endif
