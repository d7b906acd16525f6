/* md-splice.h - part of the markdown module (markdown.c calls it; it
 * speaks cmark-gfm too): puts the HTML the importer made into a parsed
 * document before it is rendered, as nodes that cmark-gfm writes as
 * they are (custom blocks and inlines, and a node type of quire's own
 * for stored code blocks), never by rewriting the HTML text:
 * highlighted code blocks and shortcode output (markdown.h's md_hooks). */
#ifndef QUIRE_MD_SPLICE_H
#define QUIRE_MD_SPLICE_H

#include <stddef.h>

#include <cmark-gfm.h>

#include "markdown.h"

/* Replaces each of the n fenced code blocks in codes (document order)
 * with what hooks->code_block writes for it, or with hooks->code's. Nodes are made in mem.
 * Returns 0, or -1 if the hook failed. */
int md_splice_code(cmark_node **codes, size_t n, const struct md_hooks *hooks,
	cmark_mem *mem);

/* The stored fragment a node md_splice_code() made from hooks->code
 * writes, or NULL when node is not one. */
const struct md_fragment *md_stored_block(cmark_node *node);

/* Whether the n bytes of s hold a shortcode placeholder's prefix. */
int md_has_placeholder(const char *s, size_t n);

/* Replaces the shortcode placeholders in each of the n text nodes (and
 * code spans, code blocks and raw HTML, which come out as cmark-gfm
 * writes them), and in the URLs of the n links and images, by
 * hooks->shortcodes. */
void md_splice_shortcodes(cmark_node **texts, size_t ntexts,
	cmark_node **links, size_t nlinks, const struct md_hooks *hooks,
	cmark_mem *mem);

/* Calls hooks->image with each image node of doc, in document order,
 * and replaces image N with hooks->images[N] where that is stored and
 * not empty. Nodes are made in mem. */
void md_splice_images(cmark_node *doc, const struct md_hooks *hooks,
	cmark_mem *mem);

#endif
