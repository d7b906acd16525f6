/* yamldoc.h - a parsed YAML, TOML or JSON document, held as libyaml's
 * document tree, with look-ups by key, for front matter and the site
 * configuration. */
#ifndef QUIRE_YAMLDOC_H
#define QUIRE_YAMLDOC_H

#include <stddef.h>

#include <yaml.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "buf.h"

/* Deeper documents are refused, whatever their format. */
#define YAMLDOC_MAX_DEPTH 100

/* The formats Hugo reads front matter and configuration in. */
enum yamldoc_format {
	YAMLDOC_YAML,
	YAMLDOC_TOML,
	YAMLDOC_JSON
};

/*
 * Every format is loaded into the one tree libyaml builds for YAML, so
 * that readers of a document need not know its format. TOML and JSON
 * strings are double-quoted scalars (a plain "null" or "" means absent,
 * a quoted one does not); numbers, booleans and TOML dates are plain
 * scalars; TOML's dates are written as RFC 3339 text (a local date or
 * date-time without a zone). Node lines are the source's.
 */
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
/* The same for TOML (tomldoc.cpp, toml++) and JSON (jsondoc.c, jansson):
 * "LINE: invalid TOML: what" or "LINE: invalid JSON: what". */
int yamldoc_load_toml(struct yamldoc *y, const char *text, size_t n,
	size_t first_line, struct buf *err);
int yamldoc_load_json(struct yamldoc *y, const char *text, size_t n,
	size_t first_line, struct buf *err);
/* Calls the loader of format fmt. */
int yamldoc_load_as(enum yamldoc_format fmt, struct yamldoc *y,
	const char *text, size_t n, size_t first_line, struct buf *err);
/* The format a file name's extension says (.toml, .json, else YAML), and
 * its name in messages ("TOML"). */
enum yamldoc_format yamldoc_format_of(const char *path);
const char *yamldoc_format_name(enum yamldoc_format fmt);
void yamldoc_free(struct yamldoc *y);

/* Building a document (the TOML and JSON loaders): yamldoc_begin() starts
 * an empty one; each add returns the new node's id (> 0; the first node
 * added is the root) or 0 when libyaml refuses (out of memory, or a
 * string that is not UTF-8). line is the node's line counted from 1 in
 * the text given; quoted marks a string as opposed to a number, boolean
 * or date. */
void yamldoc_begin(struct yamldoc *y, size_t first_line);
int yamldoc_add_scalar(struct yamldoc *y, const char *s, size_t len,
	int quoted, size_t line);
/* A number as Hugo prints one read as a float64 (Go's FormatFloat(f, 'f',
 * -1, 64): the fewest digits that read back as f, no exponent). */
int yamldoc_add_float(struct yamldoc *y, double f, size_t line);
int yamldoc_add_seq(struct yamldoc *y, size_t line);
int yamldoc_add_map(struct yamldoc *y, size_t line);
/* Appends node id item to sequence seq, or the pair key: value to map
 * (keys are not compared: see yamldoc_last_wins()). 0 on failure. */
int yamldoc_append_item(struct yamldoc *y, int seq, int item);
int yamldoc_append_pair(struct yamldoc *y, int map, int key, int value);
/* Keeps one pair of each key of map (compared exactly): the first one's
 * place with the last one's value, as the last of two equal keys wins
 * in Hugo's JSON. In O(n log n), once the map is complete. */
void yamldoc_last_wins(struct yamldoc *y, int map);
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

#ifdef __cplusplus
}
#endif

#endif
