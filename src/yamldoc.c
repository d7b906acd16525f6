/* yamldoc.c - libyaml document loading and look-ups by key. */
#include <string.h>
#include <strings.h>

#include "yamldoc.h"

/* Deeper YAML is refused: real front matter and site configurations nest
 * a few levels, while libyaml's scanner takes time quadratic in the depth
 * (100,000 levels in 200 KB took 18 s). */
#define YAMLDOC_MAX_DEPTH 100

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
	}
	yaml_parser_delete(&parser);
	return rc;
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
