/* tomldoc.cpp - TOML (toml++) into the document tree of yamldoc.h; the
 * importer's only C++, behind yamldoc_load_toml(). */
#include <cctype>
#include <cstdio>
#include <cstring>
#include <string>

#include <toml++/toml.h>

#include "yamldoc.h"

namespace {

/* The line of a node's source (counted from 1), or 1 when toml++ kept none. */
size_t
line_of(const toml::source_region &src)
{
	return src.begin.line > 0 ? src.begin.line : 1;
}

void
put_date(std::string &out, const toml::date &d)
{
	char tmp[32];

	std::snprintf(tmp, sizeof(tmp), "%04u-%02u-%02u", unsigned(d.year),
	    unsigned(d.month), unsigned(d.day));
	out += tmp;
}

void
put_time(std::string &out, const toml::time &t)
{
	char tmp[32];

	std::snprintf(tmp, sizeof(tmp), "%02u:%02u:%02u", unsigned(t.hour),
	    unsigned(t.minute), unsigned(t.second));
	out += tmp;
	if (t.nanosecond > 0) {
		std::snprintf(tmp, sizeof(tmp), ".%09u", unsigned(t.nanosecond));
		out += tmp;
	}
}

/* A date-time as RFC 3339 text, without a zone when it has none (Hugo then
 * reads it in the site's timeZone, as dates.c does). */
void
put_date_time(std::string &out, const toml::date_time &dt)
{
	char tmp[16];

	put_date(out, dt.date);
	out += 'T';
	put_time(out, dt.time);
	if (dt.offset) {
		int m = dt.offset->minutes;

		if (m == 0) {
			out += 'Z';
		} else {
			std::snprintf(tmp, sizeof(tmp), "%c%02d:%02d",
			    m < 0 ? '-' : '+', (m < 0 ? -m : m) / 60,
			    (m < 0 ? -m : m) % 60);
			out += tmp;
		}
	}
}

/*
 * toml++ bounds the nesting of inline arrays and tables (256), but not of
 * dotted keys: a.a.a... 300,000 levels deep overflowed the stack. So the
 * text is scanned first for an upper bound on the depth of every value:
 * the dots of the last table header, plus those of the line's key, plus
 * the brackets and braces open, counted outside strings and comments (a
 * dot between two digits is a number's). Past twice YAMLDOC_MAX_DEPTH it
 * is refused on that line; the exact bound is the builder's.
 */
bool
too_deep(const char *p, size_t n, size_t *line)
{
	const char *start = p, *end = p + n;
	int header = 0, dots = 0, open = 0, at_start = 1, in_header = 0;

	*line = 1;
	for (; p < end; p++) {
		char c = *p;

		if (c == '\n') {
			++*line;
			dots = 0;
			at_start = 1;
			in_header = 0;
			continue;
		}
		if (c == '#') {
			while (p + 1 < end && p[1] != '\n')
				p++;
			continue;
		}
		if (c == '"' || c == '\'') {
			/* A string, maybe multi-line ("""...""", '...'). */
			bool multi = end - p >= 3 && p[1] == c && p[2] == c;

			p += multi ? 3 : 1;
			for (; p < end; p++) {
				if (*p == '\n') {
					++*line;
					if (!multi)
						break;
				}
				if (c == '"' && *p == '\\' && p + 1 < end) {
					p++;
					if (*p == '\n')
						++*line;
				} else if (*p == c && (!multi || (end - p >= 3 &&
				    p[1] == c && p[2] == c))) {
					p += multi ? 2 : 0;
					break;
				}
			}
			at_start = 0;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r')
			continue;
		if (c == '[' && at_start && open == 0) {
			in_header = 1;
			header = 0;
		} else if (c == '[' || c == '{') {
			open++;
		} else if ((c == ']' || c == '}') && !in_header) {
			open -= open > 0;
		} else if (c == '.' && !(p > start && p + 1 < end &&
		    isdigit((unsigned char)p[-1]) &&
		    isdigit((unsigned char)p[1]))) {
			if (in_header)
				header++;
			else
				dots++;
		}
		at_start = 0;
		if (header + dots + open > 2 * YAMLDOC_MAX_DEPTH)
			return true;
	}
	return false;
}

class builder {
public:
	builder(struct yamldoc *y, size_t first_line, struct buf *err)
	    : y_(y), first_line_(first_line), err_(err) {}

	/* Adds node and what it holds at the given depth; returns its id,
	 * or 0 with err set. */
	int add(const toml::node &node, int depth);

private:
	int scalar(const std::string &s, bool quoted, size_t line);
	int failed(size_t line, const char *what);

	struct yamldoc *y_;
	size_t first_line_;
	struct buf *err_;
};

int
builder::failed(size_t line, const char *what)
{
	buf_printf(err_, "%zu: invalid TOML: %s", first_line_ + line - 1, what);
	return 0;
}

int
builder::scalar(const std::string &s, bool quoted, size_t line)
{
	int id = yamldoc_add_scalar(y_, s.data(), s.size(), quoted, line);

	return id ? id : failed(line, "a string that is not UTF-8");
}

int
builder::add(const toml::node &node, int depth)
{
	size_t line = line_of(node.source());
	std::string s;
	int id, k, v;

	if (depth > YAMLDOC_MAX_DEPTH) {
		buf_printf(err_, "%zu: TOML nested more than %d levels deep",
		    first_line_ + line - 1, YAMLDOC_MAX_DEPTH);
		return 0;
	}
	switch (node.type()) {
	case toml::node_type::table:
		if ((id = yamldoc_add_map(y_, line)) == 0)
			return failed(line, "out of memory");
		for (auto &&[key, value] : *node.as_table()) {
			k = scalar(std::string(key.str()), true,
			    line_of(key.source()));
			if (k == 0 || (v = add(value, depth + 1)) == 0)
				return 0;
			if (!yamldoc_append_pair(y_, id, k, v))
				return failed(line, "out of memory");
		}
		return id;
	case toml::node_type::array:
		if ((id = yamldoc_add_seq(y_, line)) == 0)
			return failed(line, "out of memory");
		for (auto &&item : *node.as_array()) {
			if ((v = add(item, depth + 1)) == 0)
				return 0;
			if (!yamldoc_append_item(y_, id, v))
				return failed(line, "out of memory");
		}
		return id;
	case toml::node_type::string:
		return scalar(node.as_string()->get(), true, line);
	case toml::node_type::integer:
		return scalar(std::to_string(node.as_integer()->get()), false,
		    line);
	case toml::node_type::floating_point:
		if ((id = yamldoc_add_float(y_, node.as_floating_point()->get(),
		    line)) == 0)
			return failed(line, "out of memory");
		return id;
	case toml::node_type::boolean:
		return scalar(node.as_boolean()->get() ? "true" : "false",
		    false, line);
	case toml::node_type::date:
		put_date(s, node.as_date()->get());
		return scalar(s, false, line);
	case toml::node_type::time:
		put_time(s, node.as_time()->get());
		return scalar(s, false, line);
	case toml::node_type::date_time:
		put_date_time(s, node.as_date_time()->get());
		return scalar(s, false, line);
	case toml::node_type::none:
		break;
	}
	return failed(line, "a value of no known type");
}

} // namespace

extern "C" int
yamldoc_load_toml(struct yamldoc *y, const char *text, size_t n,
    size_t first_line, struct buf *err)
{
	toml::table root;
	size_t line;

	memset(y, 0, sizeof(*y));
	if (too_deep(text, n, &line)) {
		buf_printf(err, "%zu: TOML nested more than %d levels deep",
		    first_line + line - 1, YAMLDOC_MAX_DEPTH);
		return -1;
	}
	try {
		root = toml::parse(std::string_view(text, n));
	} catch (const toml::parse_error &e) {
		buf_printf(err, "%zu: invalid TOML: %.*s", first_line +
		    line_of(e.source()) - 1, int(e.description().size()),
		    e.description().data());
		return -1;
	} catch (const std::bad_alloc &) {
		buf_puts(err, "out of memory reading TOML");
		return -1;
	}
	yamldoc_begin(y, first_line);
	try {
		builder b(y, first_line, err);

		return b.add(root, 1) ? 0 : -1;
	} catch (const std::bad_alloc &) {
		buf_puts(err, "out of memory reading TOML");
		return -1;
	}
}
