/* tsv.h - reads the golden TSV files of tests/golden/ (header line, then
 * rows; fields escaped as \\ \n \t \r). Header-only code for the tests. */
#ifndef QUIRE_TEST_TSV_H
#define QUIRE_TEST_TSV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TSV_MAX_COLS 16

struct tsv_row {
	char *col[TSV_MAX_COLS];
	int ncols;
};

struct tsv {
	char *names[TSV_MAX_COLS];
	int ncols;
	struct tsv_row *rows;
	size_t nrows;
};

static char *
tsv_unescape(const char *s, size_t n)
{
	char *out = malloc(n + 1);
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			char c = s[++i];
			out[o++] = c == 'n' ? '\n' : c == 't' ? '\t' :
			    c == 'r' ? '\r' : c;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

static int
tsv_split(char *line, char **cols)
{
	int n = 0;
	char *p = line;

	for (;;) {
		char *tab = strchr(p, '\t');
		size_t len = tab ? (size_t)(tab - p) : strlen(p);

		if (n < TSV_MAX_COLS)
			cols[n++] = tsv_unescape(p, len);
		if (tab == NULL)
			break;
		p = tab + 1;
	}
	return n;
}

/* Loads path; returns 0, or -1 if it cannot be read. */
static int
tsv_load(struct tsv *t, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int first = 1;

	memset(t, 0, sizeof(*t));
	if (f == NULL)
		return -1;
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0)
			continue;
		if (first) {
			t->ncols = tsv_split(line, t->names);
			first = 0;
			continue;
		}
		t->rows = realloc(t->rows, (t->nrows + 1) * sizeof(*t->rows));
		t->rows[t->nrows].ncols = tsv_split(line, t->rows[t->nrows].col);
		t->nrows++;
	}
	free(line);
	fclose(f);
	return 0;
}

/* The value of column name in row r, or "" when absent. */
static const char *
tsv_get(const struct tsv *t, size_t r, const char *name)
{
	int i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->names[i], name) == 0)
			return i < t->rows[r].ncols ? t->rows[r].col[i] : "";
	return "";
}

static void
tsv_free(struct tsv *t)
{
	size_t r;
	int i;

	for (i = 0; i < t->ncols; i++)
		free(t->names[i]);
	for (r = 0; r < t->nrows; r++)
		for (i = 0; i < t->rows[r].ncols; i++)
			free(t->rows[r].col[i]);
	free(t->rows);
}

/* Reads a whole file into a malloc'd, NUL-terminated buffer. */
static __attribute__((unused)) char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, len = 0, got;

	*n = 0;
	if (f == NULL)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
	} while (got > 0);
	fclose(f);
	buf[len] = '\0';
	*n = len;
	return buf;
}

#endif
