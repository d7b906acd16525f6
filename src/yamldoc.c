/* yamldoc.c - libyaml document loading, the tree builder the TOML and JSON
 * loaders share, and look-ups by key. */
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yamldoc.h"

/* YAMLDOC_MAX_DEPTH: real front matter and site configurations nest a
 * few levels, while libyaml's scanner takes time quadratic in the depth
 * (100,000 levels in 200 KB took 18 s). */

/* Appends "LINE: invalid YAML: what" for the error parser stopped on. */
static void
parse_error(const yaml_parser_t *parser, size_t first_line, struct buf *err)
{
	size_t line = first_line + parser->problem_mark.line;
	size_t ctx_line = first_line + parser->context_mark.line;

	buf_printf(err, "%zu: invalid YAML: %s", line,
	    parser->problem ? parser->problem : "syntax error");
	/* libyaml notices a missing ']' where it stops; say where the
	 * construct it was reading began. */
	if (parser->context != NULL && ctx_line != line)
		buf_printf(err, " (%s that starts on line %zu)",
		    parser->context + (strncmp(parser->context, "while "
		    "parsing ", 14) == 0 ? 14 : 0), ctx_line);
	else if (parser->context != NULL)
		buf_printf(err, " %s", parser->context);
}

/* Reads the events of the first document, counting open collections, and
 * stops at the first one deeper than YAMLDOC_MAX_DEPTH: libyaml's loader
 * has no such bound, and its scanner's cost grows with the square of the
 * depth, so the bound must hold before the document is composed. */
static int
check_depth(const char *text, size_t n, size_t first_line, struct buf *err)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int depth = 0, done = 0, rc = -1;

	if (!yaml_parser_initialize(&parser)) {
		buf_puts(err, "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, n);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			parse_error(&parser, first_line, err);
			goto out;
		}
		switch (ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > YAMLDOC_MAX_DEPTH) {
				buf_printf(err, "%zu: YAML nested more than %d "
				    "levels deep", first_line +
				    ev.start_mark.line, YAMLDOC_MAX_DEPTH);
				yaml_event_delete(&ev);
				goto out;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_DOCUMENT_END_EVENT:
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	rc = 0;
out:
	yaml_parser_delete(&parser);
	return rc;
}

/* Nodes that aliases may add to a document, over those it holds: a few
 * lines of anchors and aliases can stand for billions ("billion
 * laughs"), and every reader of the tree would walk them all. */
#define YAMLDOC_MAX_ALIASED 1000000

/* Refuses a document whose tree, each alias expanded, holds more than
 * YAMLDOC_MAX_ALIASED nodes beyond the document's own, or an alias inside
 * the node it names (a loop). Each node's expanded size is computed once,
 * by an iterative walk (alias chains may be long). */
static int
check_aliases(struct yamldoc *y, struct buf *err)
{
	size_t n = (size_t)(y->doc.nodes.top - y->doc.nodes.start), i, sp;
	size_t limit = n + YAMLDOC_MAX_ALIASED;
	/* size[i]: 0 not seen, (size_t)-1 on the walk, else nodes + 1 */
	size_t *size = calloc(n ? n : 1, sizeof(*size));
	struct frame {
		size_t node, next;	/* node index, its next child */
		size_t sum;
	} *stack = malloc((n ? n : 1) * sizeof(*stack));
	int rc = -1;

	if (size == NULL || stack == NULL)
		abort();
	for (i = 0; i < n; i++) {
		if (size[i] != 0)
			continue;
		sp = 0;
		stack[sp].node = i;
		stack[sp].next = 0;
		stack[sp].sum = 1;
		size[i] = (size_t)-1;
		sp++;
		while (sp > 0) {
			struct frame *f = &stack[sp - 1];
			yaml_node_t *node = &y->doc.nodes.start[f->node];
			size_t nkids = 0, child = 0;
			int id = 0;

			if (node->type == YAML_SEQUENCE_NODE)
				nkids = (size_t)(node->data.sequence.items.top -
				    node->data.sequence.items.start);
			else if (node->type == YAML_MAPPING_NODE)
				nkids = 2 * (size_t)(node->data.mapping.pairs.top -
				    node->data.mapping.pairs.start);
			if (f->next == nkids) {
				size[f->node] = f->sum;
				sp--;
				if (sp > 0) {
					stack[sp - 1].sum += f->sum;
					if (stack[sp - 1].sum > limit)
						goto too_big;
				}
				continue;
			}
			if (node->type == YAML_SEQUENCE_NODE)
				id = node->data.sequence.items.start[f->next];
			else if (f->next % 2 == 0)
				id = node->data.mapping.pairs.start[f->next / 2].key;
			else
				id = node->data.mapping.pairs.start[f->next / 2].value;
			f->next++;
			if (id < 1 || (size_t)id > n)
				continue;
			child = (size_t)id - 1;
			if (size[child] == (size_t)-1) {
				buf_printf(err, "%zu: an alias inside the node it "
				    "names", y->first_line +
				    node->start_mark.line);
				goto out;
			}
			if (size[child] != 0) {
				f->sum += size[child];
				if (f->sum > limit)
					goto too_big;
				continue;
			}
			size[child] = (size_t)-1;
			stack[sp].node = child;
			stack[sp].next = 0;
			stack[sp].sum = 1;
			sp++;
		}
	}
	rc = 0;
	goto out;
too_big:
	buf_printf(err, "%zu: aliases expand the document past %d nodes",
	    y->first_line, YAMLDOC_MAX_ALIASED);
out:
	free(size);
	free(stack);
	return rc;
}

int
yamldoc_load(struct yamldoc *y, const char *text, size_t n,
    size_t first_line, struct buf *err)
{
	yaml_parser_t parser;
	int rc = 0;

	memset(y, 0, sizeof(*y));
	y->first_line = first_line;
	if (check_depth(text, n, first_line, err) != 0)
		return -1;
	if (!yaml_parser_initialize(&parser)) {
		buf_puts(err, "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, n);
	if (!yaml_parser_load(&parser, &y->doc)) {
		parse_error(&parser, first_line, err);
		rc = -1;
	} else {
		y->loaded = 1;
		rc = check_aliases(y, err);
	}
	yaml_parser_delete(&parser);
	return rc;
}

int
yamldoc_load_as(enum yamldoc_format fmt, struct yamldoc *y,
    const char *text, size_t n, size_t first_line, struct buf *err)
{
	switch (fmt) {
	case YAMLDOC_TOML:
		return yamldoc_load_toml(y, text, n, first_line, err);
	case YAMLDOC_JSON:
		return yamldoc_load_json(y, text, n, first_line, err);
	case YAMLDOC_YAML:
		break;
	}
	return yamldoc_load(y, text, n, first_line, err);
}

enum yamldoc_format
yamldoc_format_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot != NULL && strcmp(dot, ".toml") == 0)
		return YAMLDOC_TOML;
	if (dot != NULL && strcmp(dot, ".json") == 0)
		return YAMLDOC_JSON;
	return YAMLDOC_YAML;
}

const char *
yamldoc_format_name(enum yamldoc_format fmt)
{
	return fmt == YAMLDOC_TOML ? "TOML" : fmt == YAMLDOC_JSON ? "JSON" :
	    "YAML";
}

void
yamldoc_begin(struct yamldoc *y, size_t first_line)
{
	memset(y, 0, sizeof(*y));
	y->first_line = first_line;
	if (!yaml_document_initialize(&y->doc, NULL, NULL, NULL, 1, 1))
		abort();
	y->loaded = 1;
}

/* Sets the line (counted from 1 in the loaded text) of node id. */
static int
set_line(struct yamldoc *y, int id, size_t line)
{
	if (id > 0)
		y->doc.nodes.start[id - 1].start_mark.line = line ? line - 1 : 0;
	return id;
}

int
yamldoc_add_scalar(struct yamldoc *y, const char *s, size_t len, int quoted,
    size_t line)
{
	/* libyaml measures the value with strlen() when given -1 only, so a
	 * NUL inside (a JSON or TOML \u0000) is kept. */
	return set_line(y, yaml_document_add_scalar(&y->doc, NULL,
	    (const yaml_char_t *)s, (int)len, quoted ?
	    YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE), line);
}

int
yamldoc_add_float(struct yamldoc *y, double f, size_t line)
{
	char e[32], out[400], *o = out;
	const char *d;
	int prec, exp, nd = 0, i;
	char digits[20];

	if (f != f)
		return yamldoc_add_scalar(y, "NaN", 3, 0, line);
	if (f > DBL_MAX || f < -DBL_MAX)
		return yamldoc_add_scalar(y, f > 0 ? "+Inf" : "-Inf", 4, 0,
		    line);
	/* The fewest significant digits that read back as f... */
	for (prec = 1; prec <= 17; prec++) {
		snprintf(e, sizeof(e), "%.*e", prec - 1, f);
		if (strtod(e, NULL) == f)
			break;
	}
	/* ...written without an exponent. */
	d = e;
	if (*d == '-')
		*o++ = *d++;
	for (; *d != 'e'; d++)
		if (*d != '.')
			digits[nd++] = *d;
	exp = atoi(d + 1);
	if (exp < 0) {
		*o++ = '0';
		*o++ = '.';
		for (i = -1; i > exp; i--)
			*o++ = '0';
		memcpy(o, digits, (size_t)nd);
		o += nd;
	} else {
		for (i = 0; i < nd || i <= exp; i++) {
			if (i == exp + 1)
				*o++ = '.';
			*o++ = i < nd ? digits[i] : '0';
		}
	}
	return yamldoc_add_scalar(y, out, (size_t)(o - out), 0, line);
}

int
yamldoc_add_seq(struct yamldoc *y, size_t line)
{
	return set_line(y, yaml_document_add_sequence(&y->doc, NULL,
	    YAML_FLOW_SEQUENCE_STYLE), line);
}

int
yamldoc_add_map(struct yamldoc *y, size_t line)
{
	return set_line(y, yaml_document_add_mapping(&y->doc, NULL,
	    YAML_BLOCK_MAPPING_STYLE), line);
}

int
yamldoc_append_item(struct yamldoc *y, int seq, int item)
{
	return yaml_document_append_sequence_item(&y->doc, seq, item);
}

int
yamldoc_append_pair(struct yamldoc *y, int map, int key, int value)
{
	return yaml_document_append_mapping_pair(&y->doc, map, key, value);
}

/* A mapping pair's key, for sorting them. */
struct key_at {
	const unsigned char *key;
	size_t len, pos;
};

static int
key_at_cmp(const void *a, const void *b)
{
	const struct key_at *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->key, y->key, n);

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

void
yamldoc_last_wins(struct yamldoc *y, int map)
{
	yaml_node_t *m = yaml_document_get_node(&y->doc, map);
	yaml_node_pair_t *pairs;
	struct key_at *k;
	unsigned char *drop;
	size_t n, i, j, kept;

	if (m == NULL || m->type != YAML_MAPPING_NODE)
		return;
	pairs = m->data.mapping.pairs.start;
	n = (size_t)(m->data.mapping.pairs.top - pairs);
	if (n < 2)
		return;
	k = xmalloc(n * sizeof(*k));
	drop = calloc(n, 1);
	if (drop == NULL)
		abort();
	for (i = 0; i < n; i++) {
		yaml_node_t *key = yaml_document_get_node(&y->doc, pairs[i].key);

		k[i].key = key->data.scalar.value;
		k[i].len = key->data.scalar.length;
		k[i].pos = i;
	}
	qsort(k, n, sizeof(*k), key_at_cmp);
	/* Each run of equal keys: the first place, the last value. */
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && k[j].len == k[i].len &&
		    memcmp(k[j].key, k[i].key, k[i].len) == 0; j++)
			drop[k[j].pos] = 1;
		if (j - i > 1)
			pairs[k[i].pos].value = pairs[k[j - 1].pos].value;
	}
	for (i = 0, kept = 0; i < n; i++)
		if (!drop[i])
			pairs[kept++] = pairs[i];
	m->data.mapping.pairs.top = pairs + kept;
	free(k);
	free(drop);
}

void
yamldoc_free(struct yamldoc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = 0;
}

yaml_node_t *
yamldoc_root(struct yamldoc *y)
{
	return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

yaml_node_t *
yamldoc_get(struct yamldoc *y, yaml_node_t *map, const char *key)
{
	size_t i, n = yamldoc_map_len(map);

	for (i = 0; i < n; i++) {
		const char *k = yamldoc_scalar(yamldoc_map_key(y, map, i));

		if (k != NULL && strcasecmp(k, key) == 0)
			return yamldoc_map_value(y, map, i);
	}
	return NULL;
}

const char *
yamldoc_scalar(yaml_node_t *node)
{
	if (node == NULL || node->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)node->data.scalar.value;
}

size_t
yamldoc_line(struct yamldoc *y, yaml_node_t *node)
{
	return y->first_line + (node ? node->start_mark.line : 0);
}

size_t
yamldoc_seq_len(yaml_node_t *node)
{
	if (node == NULL || node->type != YAML_SEQUENCE_NODE)
		return 0;
	return (size_t)(node->data.sequence.items.top -
	    node->data.sequence.items.start);
}

yaml_node_t *
yamldoc_seq_item(struct yamldoc *y, yaml_node_t *node, size_t i)
{
	return yaml_document_get_node(&y->doc,
	    node->data.sequence.items.start[i]);
}

size_t
yamldoc_map_len(yaml_node_t *node)
{
	if (node == NULL || node->type != YAML_MAPPING_NODE)
		return 0;
	return (size_t)(node->data.mapping.pairs.top -
	    node->data.mapping.pairs.start);
}

yaml_node_t *
yamldoc_map_key(struct yamldoc *y, yaml_node_t *node, size_t i)
{
	return yaml_document_get_node(&y->doc,
	    node->data.mapping.pairs.start[i].key);
}

yaml_node_t *
yamldoc_map_value(struct yamldoc *y, yaml_node_t *node, size_t i)
{
	return yaml_document_get_node(&y->doc,
	    node->data.mapping.pairs.start[i].value);
}
