/* yamldoc.h - a parsed YAML document (libyaml) with look-ups by key, for
 * front matter and the site configuration. */
#ifndef QUIRE_YAMLDOC_H
#define QUIRE_YAMLDOC_H

#include <stddef.h>

#include <yaml.h>

#include "buf.h"

struct yamldoc {
	yaml_document_t doc;
	int loaded;
	size_t first_line;	/* line of the text's first byte in its file */
};

/* Parses the first document of n bytes of YAML; a document nested more
 * than 100 collections deep is refused. On error appends "LINE: what" to
 * err (lines counted from first_line) and returns -1; the caller frees
 * with yamldoc_free() in either case. */
int yamldoc_load(struct yamldoc *y, const char *text, size_t n,
	size_t first_line, struct buf *err);
void yamldoc_free(struct yamldoc *y);
/* The root node, or NULL for an empty document. */
yaml_node_t *yamldoc_root(struct yamldoc *y);
/* The value for key in mapping map (keys compared without case, as Hugo
 * does), or NULL. */
yaml_node_t *yamldoc_get(struct yamldoc *y, yaml_node_t *map, const char *key);
/* A scalar's value (NUL-terminated, owned by the document), or NULL when
 * node is not a scalar. */
const char *yamldoc_scalar(yaml_node_t *node);
/* The file line where node starts. */
size_t yamldoc_line(struct yamldoc *y, yaml_node_t *node);
/* The number of items of a sequence node and item i. */
size_t yamldoc_seq_len(yaml_node_t *node);
yaml_node_t *yamldoc_seq_item(struct yamldoc *y, yaml_node_t *node, size_t i);
/* Mapping pairs: count, and the key and value of pair i. */
size_t yamldoc_map_len(yaml_node_t *node);
yaml_node_t *yamldoc_map_key(struct yamldoc *y, yaml_node_t *node, size_t i);
yaml_node_t *yamldoc_map_value(struct yamldoc *y, yaml_node_t *node, size_t i);

#endif
