/* yamldoc.c - libyaml document loading and look-ups by key. */
#include <string.h>
#include <strings.h>

#include "yamldoc.h"

int
yamldoc_load(struct yamldoc *y, const char *text, size_t n,
    size_t first_line, struct buf *err)
{
	yaml_parser_t parser;
	int rc = 0;

	memset(y, 0, sizeof(*y));
	y->first_line = first_line;
	if (!yaml_parser_initialize(&parser)) {
		buf_puts(err, "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, n);
	if (!yaml_parser_load(&parser, &y->doc)) {
		size_t line = first_line + parser.problem_mark.line;
		size_t ctx_line = first_line + parser.context_mark.line;

		buf_printf(err, "%zu: invalid YAML: %s", line,
		    parser.problem ? parser.problem : "syntax error");
		/* libyaml notices a missing ']' where it stops; say where the
		 * construct it was reading began. */
		if (parser.context != NULL && ctx_line != line)
			buf_printf(err, " (%s that starts on line %zu)",
			    parser.context + (strncmp(parser.context, "while "
			    "parsing ", 14) == 0 ? 14 : 0), ctx_line);
		else if (parser.context != NULL)
			buf_printf(err, " %s", parser.context);
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
