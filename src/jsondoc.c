/* jsondoc.c - JSON (jansson) into the document tree of yamldoc.h, with
 * each value's line. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "yamldoc.h"

/*
 * jansson checks the text and decodes each value, but keeps no positions
 * (and of two equal keys keeps the last, in the first one's place). So
 * once jansson has accepted the whole text, a walk over its tokens builds
 * the tree in document order, noting lines, and hands each scalar token
 * to jansson to decode. Equal keys: the last wins, as in Hugo (Go's
 * encoding/json).
 */

/* As Go reads JSON: every number a float64, and a \u0000 kept. */
#define FLAGS (JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL)

struct walk {
	struct yamldoc *y;
	const char *p, *end;
	size_t line;		/* of p, counted from 1 in the text */
	struct buf *err;
};

static void
skip_space(struct walk *w)
{
	while (w->p < w->end && (*w->p == ' ' || *w->p == '\t' ||
	    *w->p == '\r' || *w->p == '\n')) {
		if (*w->p == '\n')
			w->line++;
		w->p++;
	}
}

/* The end of the scalar token at w->p: a string (jansson has checked its
 * escapes and that it closes), or a number or literal. */
static const char *
token_end(const struct walk *w)
{
	const char *q = w->p;

	if (*q == '"') {
		for (q++; *q != '"'; q++)
			if (*q == '\\')
				q++;
		return q + 1;
	}
	while (q < w->end && strchr(",]} \t\r\n", *q) == NULL)
		q++;
	return q;
}

/* Adds the scalar token at w->p; returns its node id, or 0 (err set). */
static int
add_scalar(struct walk *w)
{
	const char *e = token_end(w);
	json_error_t jerr;
	json_t *v;
	int id = 0;

	v = json_loadb(w->p, (size_t)(e - w->p), JSON_DECODE_ANY | FLAGS,
	    &jerr);
	if (v == NULL) {
		buf_printf(w->err, "%zu: invalid JSON: %s", w->y->first_line +
		    w->line - 1, jerr.text);
		return 0;
	}
	switch (json_typeof(v)) {
	case JSON_STRING:
		id = yamldoc_add_scalar(w->y, json_string_value(v),
		    json_string_length(v), 1, w->line);
		break;
	case JSON_REAL:	/* every number: Go reads them as float64 */
		id = yamldoc_add_float(w->y, json_real_value(v), w->line);
		break;
	default:	/* true, false, null: as written */
		id = yamldoc_add_scalar(w->y, w->p, (size_t)(e - w->p), 0,
		    w->line);
		break;
	}
	json_decref(v);
	if (id == 0)
		buf_printf(w->err, "%zu: invalid JSON: out of memory",
		    w->y->first_line + w->line - 1);
	w->p = e;
	return id;
}

/* Adds the value at w->p and what it holds; returns its id, or 0. */
static int
add_value(struct walk *w, int depth)
{
	int id, k, v, map;

	skip_space(w);
	if (*w->p != '{' && *w->p != '[')
		return add_scalar(w);
	if (depth > YAMLDOC_MAX_DEPTH) {
		buf_printf(w->err, "%zu: JSON nested more than %d levels deep",
		    w->y->first_line + w->line - 1, YAMLDOC_MAX_DEPTH);
		return 0;
	}
	map = *w->p == '{';
	id = map ? yamldoc_add_map(w->y, w->line) :
	    yamldoc_add_seq(w->y, w->line);
	w->p++;
	for (;;) {
		skip_space(w);
		if (*w->p == '}' || *w->p == ']') {
			w->p++;
			if (map)
				yamldoc_last_wins(w->y, id);
			return id;
		}
		if (*w->p == ',') {
			w->p++;
			skip_space(w);
		}
		if (map) {
			if ((k = add_scalar(w)) == 0)
				return 0;
			skip_space(w);
			w->p++;		/* the ':' */
			if ((v = add_value(w, depth + 1)) == 0 ||
			    !yamldoc_append_pair(w->y, id, k, v))
				return 0;
		} else if ((v = add_value(w, depth + 1)) == 0 ||
		    !yamldoc_append_item(w->y, id, v)) {
			return 0;
		}
	}
}

int
yamldoc_load_json(struct yamldoc *y, const char *text, size_t n,
    size_t first_line, struct buf *err)
{
	struct walk w;
	json_error_t jerr;
	json_t *root;
	size_t len;

	memset(y, 0, sizeof(*y));
	root = json_loadb(text, n, FLAGS, &jerr);
	if (root == NULL) {
		buf_printf(err, "%zu: invalid JSON: %s", first_line +
		    (jerr.line > 0 ? (size_t)jerr.line - 1 : 0), jerr.text);
		return -1;
	}
	json_decref(root);
	yamldoc_begin(y, first_line);
	w.y = y;
	w.p = text;
	w.end = text + n;
	w.line = 1;
	w.err = err;
	len = err->len;
	if (add_value(&w, 1) != 0)
		return 0;
	if (err->len == len)	/* libyaml could not grow a list */
		buf_printf(err, "%zu: out of memory reading JSON", first_line);
	return -1;
}
