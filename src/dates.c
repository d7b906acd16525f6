/* dates.c - front-matter dates and their display. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "dates.h"
#include "cldr-dates.h"	/* cldr_names[]: scripts/gen-cldr-dates.sh */

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* UTC under any of its names (and unset). */
static int
is_utc(const char *name)
{
	return name == NULL || *name == '\0' || strcmp(name, "UTC") == 0 ||
	    strcmp(name, "Etc/UTC") == 0;
}

int
date_zone_known(const char *name)
{
	char path[512];

	if (is_utc(name))
		return 1;
	if (strstr(name, "..") != NULL || name[0] == '/')
		return 0;
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", name);
	return access(path, R_OK) == 0;
}

int
date_set_zone(const char *name)
{
	if (!date_zone_known(name))
		return -1;
	setenv("TZ", is_utc(name) ? "UTC0" : name, 1);
	tzset();
	return 0;
}

long long
date_days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's algorithm: days since 1970-01-01. */
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/*
 * Front-matter dates as Hugo 0.111.3 reads them: spf13/cast 1.5.0's
 * StringToDateInDefaultLocation tries Go layouts in a fixed order and
 * keeps the first that Go 1.19's time.Parse accepts. Below, that list and
 * an interpreter of the few layout elements it uses, with Go's rules:
 * "15" and "3" take one or two digits, "01" "02" "04" "05" exactly two,
 * "_2" an optional space and one or two digits; month and day names match
 * without regard to case and a weekday is not checked against the date;
 * a space in the layout matches any run of spaces; seconds may carry a
 * fraction (',' or '.') the layout does not name.
 */
enum layout_zone {
	LZ_NONE,	/* wall clock in the site's zone */
	LZ_NAMED,	/* a zone name, dropped: wall clock in the site's zone */
	LZ_NUMERIC,	/* its own offset */
	LZ_TIME_ONLY,	/* no date: year 0, UTC */
};

static const struct {
	const char *layout;
	enum layout_zone zone;
} layouts[] = {
	{ "2006-01-02T15:04:05Z07:00", LZ_NUMERIC },	/* RFC 3339 */
	{ "2006-01-02T15:04:05", LZ_NONE },
	{ "Mon, 02 Jan 2006 15:04:05 -0700", LZ_NUMERIC },	/* RFC 1123Z */
	{ "Mon, 02 Jan 2006 15:04:05 MST", LZ_NAMED },	/* RFC 1123 */
	{ "02 Jan 06 15:04 -0700", LZ_NUMERIC },	/* RFC 822Z */
	{ "02 Jan 06 15:04 MST", LZ_NAMED },	/* RFC 822 */
	{ "Monday, 02-Jan-06 15:04:05 MST", LZ_NAMED },	/* RFC 850 */
	{ "2006-01-02 15:04:05.999999999 -0700 MST", LZ_NUMERIC },
	{ "2006-01-02T15:04:05-0700", LZ_NUMERIC },
	{ "2006-01-02 15:04:05Z0700", LZ_NUMERIC },
	{ "2006-01-02 15:04:05", LZ_NONE },
	{ "Mon Jan _2 15:04:05 2006", LZ_NONE },	/* ANSIC */
	{ "Mon Jan _2 15:04:05 MST 2006", LZ_NAMED },	/* UnixDate */
	{ "Mon Jan 02 15:04:05 -0700 2006", LZ_NUMERIC },	/* RubyDate */
	{ "2006-01-02 15:04:05Z07:00", LZ_NUMERIC },
	{ "2006-01-02", LZ_NONE },
	{ "02 Jan 2006", LZ_NONE },
	{ "2006-01-02 15:04:05 -07:00", LZ_NUMERIC },
	{ "2006-01-02 15:04:05 -0700", LZ_NUMERIC },
	{ "3:04PM", LZ_TIME_ONLY },	/* Kitchen */
	{ "Jan _2 15:04:05", LZ_TIME_ONLY },	/* Stamp */
	{ "Jan _2 15:04:05.000", LZ_TIME_ONLY },
	{ "Jan _2 15:04:05.000000", LZ_TIME_ONLY },
	{ "Jan _2 15:04:05.000000000", LZ_TIME_ONLY },
};

/* The layout elements above, longest first where one starts another. */
enum elem {
	E_LITERAL, E_YEAR4, E_YEAR2, E_MONTH2, E_MONTH_NAME, E_WEEKDAY_LONG,
	E_WEEKDAY, E_DAY2, E_DAY_UNDER, E_HOUR24, E_HOUR12, E_MINUTE2,
	E_SECOND2, E_PM, E_ZONE_NAME, E_ISO_COLON, E_ISO, E_NUM_COLON, E_NUM,
	E_FRAC9, E_FRAC0,
};

static const struct {
	const char *text;
	enum elem e;
} elems[] = {
	{ "2006", E_YEAR4 }, { "06", E_YEAR2 }, { "01", E_MONTH2 },
	{ "Jan", E_MONTH_NAME }, { "Monday", E_WEEKDAY_LONG },
	{ "Mon", E_WEEKDAY }, { "02", E_DAY2 }, { "_2", E_DAY_UNDER },
	{ "15", E_HOUR24 }, { "3", E_HOUR12 }, { "04", E_MINUTE2 },
	{ "05", E_SECOND2 }, { "PM", E_PM }, { "MST", E_ZONE_NAME },
	{ "Z07:00", E_ISO_COLON }, { "Z0700", E_ISO },
	{ "-07:00", E_NUM_COLON }, { "-0700", E_NUM },
	{ ".999999999", E_FRAC9 }, { ".000000000", E_FRAC0 },
	{ ".000000", E_FRAC0 }, { ".000", E_FRAC0 },
};

static const char *const month_abbr[12] = { "Jan", "Feb", "Mar", "Apr",
	"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const day_names[7] = { "Sunday", "Monday", "Tuesday",
	"Wednesday", "Thursday", "Friday", "Saturday" };
static const char *const day_abbr[7] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	"Fri", "Sat" };

/* The element at layout l (its length in *len), or E_LITERAL. */
static enum elem
next_elem(const char *l, size_t *len)
{
	size_t i;

	for (i = 0; i < sizeof(elems) / sizeof(elems[0]); i++) {
		size_t n = strlen(elems[i].text);

		if (strncmp(l, elems[i].text, n) == 0) {
			*len = n;
			return elems[i].e;
		}
	}
	*len = 1;
	return E_LITERAL;
}

/* Go's getnum: one digit, or two; exactly two when fixed. */
static int
getnum(const char **p, int fixed, int *v)
{
	const char *s = *p;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	if (!isdigit((unsigned char)s[1])) {
		if (fixed)
			return -1;
		*v = s[0] - '0';
		*p = s + 1;
		return 0;
	}
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	*p = s + 2;
	return 0;
}

/* Go's atoi on the n bytes at s: an optional sign, then digits only. */
static int
go_atoi(const char *s, size_t n, long *v)
{
	size_t i = 0;
	int neg = 0;

	if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	*v = 0;
	for (; i < n; i++) {
		if (!isdigit((unsigned char)s[i]) || *v > 100000000L)
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	if (neg)
		*v = -*v;
	return 0;
}

/* Go's lookup: the name of list (n of them) that s starts with, ignoring
 * ASCII case; its index, or -1. Advances *p. */
static int
lookup_name(const char **p, const char *const *list, int n, size_t len)
{
	int i;

	for (i = 0; i < n; i++) {
		size_t l = len ? len : strlen(list[i]);

		if (strncasecmp(*p, list[i], l) == 0) {
			*p += l;
			return i;
		}
	}
	return -1;
}

/* Go's parseSignedOffset: "+N" or "-N", N at most 23; its length or 0. */
static size_t
signed_offset(const char *s)
{
	size_t i = 1;
	long x = 0;

	if (s[0] != '+' && s[0] != '-')
		return 0;
	while (isdigit((unsigned char)s[i]) && x < 1000)
		x = x * 10 + (s[i++] - '0');
	if (i == 1 || x > 23)
		return 0;
	return i;
}

/* Go's parseTimeZone: the length of the zone name at s, or 0. */
static size_t
zone_name_len(const char *s)
{
	size_t n;

	if (strlen(s) < 3)
		return 0;
	if (strncmp(s, "ChST", 4) == 0 || strncmp(s, "MeST", 4) == 0)
		return 4;
	if (strncmp(s, "GMT", 3) == 0)
		return s[3] == '\0' ? 3 : 3 + signed_offset(s + 3);
	if (s[0] == '+' || s[0] == '-')
		return signed_offset(s);
	for (n = 0; n < 6 && s[n] >= 'A' && s[n] <= 'Z'; n++)
		;
	if (n == 5 && s[4] == 'T')
		return 5;
	if (n == 4 && (s[3] == 'T' || strncmp(s, "WITA", 4) == 0))
		return 4;
	return n == 3 ? 3 : 0;
}

/* Reads a fraction of a second (',' or '.' and n digits) at *p. */
static int
fraction(const char **p, size_t n)
{
	long v;

	if (**p != '.' && **p != ',')
		return -1;
	/* Go reads at most nine digits (nanoseconds), skipping the rest. */
	if (strlen(*p) < n + 1 || go_atoi(*p + 1, n < 9 ? n : 9, &v) != 0 ||
	    v < 0)
		return -1;
	*p += n + 1;
	return 0;
}

/* The calendar fields and zone one layout read. */
struct parsed {
	int year, month, day, hour, minute, second;
	int pm, am;
	int utc;		/* "Z" or "UTC" */
	int has_offset, offset;
	int gmt_hours;		/* "GMT+N": Go shifts the wall clock by N */
};

/* Skips the layout's literal bytes at *l against *p as Go's skip() does:
 * a layout space matches a run of spaces. */
static int
skip_literal(const char **l, const char **p, size_t n)
{
	const char *end = *l + n;

	while (*l < end) {
		if (**l == ' ') {
			if (**p != '\0' && **p != ' ')
				return -1;
			while (*l < end && **l == ' ')
				(*l)++;
			while (**p == ' ')
				(*p)++;
			continue;
		}
		if (**p != **l)
			return -1;
		(*l)++;
		(*p)++;
	}
	return 0;
}

/* Reads "+hh:mm" (colon) or "+hhmm" at *p into r's offset. */
static int
numeric_zone(const char **p, int colon, struct parsed *r)
{
	const char *s = *p, *mm = s + (colon ? 4 : 3);
	int h, m;

	if (strlen(s) < (colon ? 6u : 5u) || (colon && s[3] != ':'))
		return -1;
	if (s[0] != '+' && s[0] != '-')
		return -1;
	if (!isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[2]) ||
	    !isdigit((unsigned char)mm[0]) || !isdigit((unsigned char)mm[1]))
		return -1;
	h = (s[1] - '0') * 10 + (s[2] - '0');
	m = (mm[0] - '0') * 10 + (mm[1] - '0');
	r->has_offset = 1;
	r->offset = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
	*p = mm + 2;
	return 0;
}

/* Go's time.Parse of s against one layout; 0 when it matches whole. */
static int
parse_layout(const char *layout, const char *s, struct parsed *r)
{
	const char *l = layout, *p = s;
	long v;

	memset(r, 0, sizeof(*r));
	r->month = r->day = -1;
	while (*l != '\0') {
		size_t n;
		enum elem e = next_elem(l, &n);

		if (e == E_LITERAL) {
			for (n = 0; l[n] != '\0' &&
			    next_elem(l + n, &(size_t){ 0 }) == E_LITERAL; n++)
				;
			if (skip_literal(&l, &p, n) != 0)
				return -1;
			continue;
		}
		l += n;
		switch (e) {
		case E_YEAR4:
			if (strlen(p) < 4 || !isdigit((unsigned char)*p) ||
			    go_atoi(p, 4, &v) != 0)
				return -1;
			r->year = (int)v;
			p += 4;
			break;
		case E_YEAR2:
			if (strlen(p) < 2 || go_atoi(p, 2, &v) != 0)
				return -1;
			r->year = (int)v + (v >= 69 ? 1900 : 2000);
			p += 2;
			break;
		case E_MONTH2:
			if (getnum(&p, 1, &r->month) != 0 || r->month < 1 ||
			    r->month > 12)
				return -1;
			break;
		case E_MONTH_NAME:
			if ((r->month = lookup_name(&p, month_abbr, 12, 3)) < 0)
				return -1;
			r->month++;
			break;
		case E_WEEKDAY_LONG:
			if (lookup_name(&p, day_names, 7, 0) < 0)
				return -1;
			break;
		case E_WEEKDAY:
			if (lookup_name(&p, day_names, 7, 3) < 0)
				return -1;
			break;
		case E_DAY2:
		case E_DAY_UNDER:
			if (e == E_DAY_UNDER && *p == ' ')
				p++;
			if (getnum(&p, e == E_DAY2, &r->day) != 0 ||
			    r->day > 31)
				return -1;
			break;
		case E_HOUR24:
			if (getnum(&p, 0, &r->hour) != 0 || r->hour >= 24)
				return -1;
			break;
		case E_HOUR12:
			if (getnum(&p, 0, &r->hour) != 0 || r->hour > 12)
				return -1;
			break;
		case E_MINUTE2:
			if (getnum(&p, 1, &r->minute) != 0 || r->minute >= 60)
				return -1;
			break;
		case E_SECOND2:
			if (getnum(&p, 1, &r->second) != 0 || r->second >= 60)
				return -1;
			/* A fraction the layout does not name. */
			if ((*p == '.' || *p == ',') &&
			    isdigit((unsigned char)p[1]) &&
			    next_elem(l, &n) != E_FRAC9 &&
			    next_elem(l, &n) != E_FRAC0) {
				p++;
				while (isdigit((unsigned char)*p))
					p++;
			}
			break;
		case E_PM:
			if (strncmp(p, "PM", 2) == 0)
				r->pm = 1;
			else if (strncmp(p, "AM", 2) == 0)
				r->am = 1;
			else
				return -1;
			p += 2;
			break;
		case E_ZONE_NAME:
			if (strncmp(p, "UTC", 3) == 0) {
				r->utc = 1;
				p += 3;
				break;
			}
			if ((n = zone_name_len(p)) == 0)
				return -1;
			if (n > 3 && strncmp(p, "GMT", 3) == 0 &&
			    go_atoi(p + 3, n - 3, &v) == 0)
				r->gmt_hours = (int)v;
			p += n;
			break;
		case E_ISO_COLON:
		case E_ISO:
			if (*p == 'Z') {
				r->utc = 1;
				p++;
				break;
			}
			/* FALLTHROUGH */
		case E_NUM_COLON:
		case E_NUM:
			if (numeric_zone(&p, e == E_ISO_COLON ||
			    e == E_NUM_COLON, r) != 0)
				return -1;
			break;
		case E_FRAC9:
			if ((*p == '.' || *p == ',') &&
			    isdigit((unsigned char)p[1])) {
				for (n = 1; isdigit((unsigned char)p[n]); n++)
					;
				if (fraction(&p, n - 1) != 0)
					return -1;
			}
			break;
		case E_FRAC0:
			/* n counts the '.' and the digits. */
			if (fraction(&p, n - 1) != 0)
				return -1;
			break;
		case E_LITERAL:
			break;
		}
	}
	if (*p != '\0')
		return -1;
	if (r->pm && r->hour < 12)
		r->hour += 12;
	else if (r->am && r->hour == 12)
		r->hour = 0;
	if (r->month < 0)
		r->month = 1;
	if (r->day < 0)
		r->day = 1;
	return 0;
}

/* Days in month m (1..12) of year y. */
static int
days_in(int y, int m)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

/* The UTC offset of the process zone (TZ) at instant t. */
static int
zone_offset_at(long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL)
		return 0;
	return (int)tm.tm_gmtoff;
}

int
date_parse(const char *s, struct qdate *d)
{
	struct parsed r;
	size_t i;
	long long wall;

	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		if (parse_layout(layouts[i].layout, s, &r) == 0)
			break;
	if (i == sizeof(layouts) / sizeof(layouts[0]))
		return -1;
	if (r.day < 1 || r.day > days_in(r.year, r.month))
		return -1;	/* Go: "day out of range" */
	wall = date_days_from_civil(r.year, r.month, r.day) * 86400LL +
	    r.hour * 3600 + r.minute * 60 + r.second;
	switch (layouts[i].zone) {
	case LZ_NUMERIC:
		/* "Z" gives UTC; else the offset read. */
		d->offset = r.utc ? 0 : r.offset;
		d->t = wall - d->offset;
		return 0;
	case LZ_TIME_ONLY:
		d->offset = 0;
		d->t = wall;
		return 0;
	case LZ_NAMED:
		/* Go keeps the clock read in UTC and gives it a fixed zone
		 * of N hours for "GMT+N" (none for other names): cast then
		 * takes the clock shown there. */
		wall += r.gmt_hours * 3600LL;
		break;
	case LZ_NONE:
		break;
	}
	/* The wall clock in the site's zone, as Go's time.Date picks the
	 * offset: the one in force at the wall clock read as UTC, corrected
	 * once (a clock skipped by a DST change lands an hour earlier). */
	d->t = wall - zone_offset_at(wall - zone_offset_at(wall));
	d->offset = zone_offset_at(d->t);
	return 0;
}

void
date_civil_utc(long long t, struct date_civil *c)
{
	/* Howard Hinnant's civil_from_days, the inverse of the above. */
	long long days = t / 86400, secs = t % 86400, z, era;
	unsigned doe, yoe, doy, mp;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	c->hour = (int)(secs / 3600);
	c->minute = (int)(secs / 60 % 60);
	c->second = (int)(secs % 60);
	c->wday = (int)((days % 7 + 11) % 7);	/* 1970-01-01 was a Thursday */
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	c->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	c->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	c->year = (int)(yoe + era * 400 + (c->month <= 2));
}

void
date_fields(const struct qdate *d, int *year, int *month, int *day)
{
	struct date_civil c;

	date_civil_utc(d->t + d->offset, &c);
	*year = c.year;
	*month = c.month;
	*day = c.day;
}

/* Writes v (0..99) as two digits at p. */
static char *
two(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

/* Writes v (0..9999) as four digits at p. */
static char *
four(char *p, int v)
{
	return two(two(p, v / 100), v % 100);
}

static int
cmp_cldr(const void *key, const void *elem)
{
	return strcmp(key, CLDR(((const struct date_names *)elem)->code));
}

/* The CLDR entry of a language code as Hugo's translators name it (lower
 * case, '_' for '-'), else of its parent ("fr_ca" without an entry of
 * its own: "fr"); NULL if none. */
static const struct date_names *
cldr_find(const char *code)
{
	char key[64];
	size_t i;
	char *cut;

	if (code == NULL || strlen(code) >= sizeof(key))
		return NULL;
	for (i = 0; code[i] != '\0'; i++)
		key[i] = code[i] == '-' ? '_' : (char)tolower((unsigned char)code[i]);
	key[i] = '\0';
	for (;;) {
		const struct date_names *n = bsearch(key, cldr_names,
		    sizeof(cldr_names) / sizeof(cldr_names[0]),
		    sizeof(cldr_names[0]), cmp_cldr);

		if (n != NULL || (cut = strrchr(key, '_')) == NULL)
			return n;
		*cut = '\0';
	}
}

const struct date_names *
date_names_for(const char *lang, const char *fallback)
{
	const struct date_names *n = cldr_find(lang);

	if (n == NULL)
		n = cldr_find(fallback);
	if (n == NULL)
		n = cldr_find("en");
	return n;
}

/* Replaces every from in b (from offset start) with to. */
static void
replace_all(struct buf *b, size_t start, const char *from, const char *to)
{
	struct buf out = BUF_INIT;
	size_t nf = strlen(from), i = start;
	const char *hit;

	buf_add(&out, b->data, start);
	while (i < b->len && (hit = strstr(buf_cstr(b) + i, from)) != NULL) {
		buf_add(&out, b->data + i, (size_t)(hit - (b->data + i)));
		buf_puts(&out, to);
		i = (size_t)(hit - b->data) + nf;
	}
	buf_add(&out, b->data + i, b->len - i);
	buf_reset(b);
	buf_add(b, out.data, out.len);
	buf_free(&out);
}

/* Puts a language's names for Go's English ones into b from start, as
 * Hugo 0.111's time.Format does: the month's full name, else (when the
 * language's full name is nowhere in the text) its short one; likewise
 * the weekday's. */
static void
localize(struct buf *b, size_t start, const struct date_civil *c,
    const struct date_names *n)
{
	if (n == NULL)
		return;
	replace_all(b, start, month_names[c->month - 1],
	    CLDR(n->month_wide[c->month - 1]));
	if (strstr(buf_cstr(b) + start, CLDR(n->month_wide[c->month - 1])) == NULL)
		replace_all(b, start, month_abbr[c->month - 1],
		    CLDR(n->month_abbr[c->month - 1]));
	replace_all(b, start, day_names[c->wday], CLDR(n->day_wide[c->wday]));
	if (strstr(buf_cstr(b) + start, CLDR(n->day_wide[c->wday])) == NULL)
		replace_all(b, start, day_abbr[c->wday], CLDR(n->day_abbr[c->wday]));
}

void
date_month_name(struct buf *b, int month, const struct date_names *n)
{
	if (month < 1 || month > 12)
		return;
	buf_puts(b, n != NULL ? CLDR(n->month_wide[month - 1]) :
	    month_names[month - 1]);
}

/* Appends v in at least width digits (zero-padded), or space-padded to
 * width when pad is ' '. */
static void
padded(struct buf *b, long v, int width, char pad)
{
	char num[32];
	int n = snprintf(num, sizeof(num), "%ld", v < 0 ? -v : v);

	if (v < 0)
		buf_putc(b, '-');
	for (; n < width; width--)
		buf_putc(b, pad);
	buf_puts(b, num);
}

/* Go's layout elements (time.Format's std chunks) quire writes. */
enum gofmt {
	G_NONE, G_LONG_MONTH, G_MONTH, G_NUM_MONTH, G_ZERO_MONTH,
	G_LONG_WEEKDAY, G_WEEKDAY, G_DAY, G_UNDER_DAY, G_ZERO_DAY,
	G_UNDER_YEARDAY, G_ZERO_YEARDAY, G_HOUR, G_HOUR12, G_ZERO_HOUR12,
	G_MINUTE, G_ZERO_MINUTE, G_SECOND, G_ZERO_SECOND, G_LONG_YEAR,
	G_YEAR, G_PM, G_pm, G_TZ, G_ISO_SEC_COLON, G_ISO_SEC, G_ISO_COLON,
	G_ISO_SHORT, G_ISO, G_NUM_SEC_COLON, G_NUM_SEC, G_NUM_COLON,
	G_NUM_SHORT, G_NUM, G_FRAC,
};

/* Go's nextStdChunk: the element at l, its length in *len; G_NONE with
 * *len = 1 for a literal byte. */
static enum gofmt
go_chunk(const char *l, size_t *len)
{
	static const struct { const char *text; enum gofmt e; } fixed[] = {
		{ "January", G_LONG_MONTH }, { "Jan", G_MONTH },
		{ "Monday", G_LONG_WEEKDAY }, { "MST", G_TZ },
		{ "01", G_ZERO_MONTH }, { "02", G_ZERO_DAY },
		{ "03", G_ZERO_HOUR12 }, { "04", G_ZERO_MINUTE },
		{ "05", G_ZERO_SECOND }, { "06", G_YEAR },
		{ "002", G_ZERO_YEARDAY }, { "15", G_HOUR },
		{ "2006", G_LONG_YEAR }, { "__2", G_UNDER_YEARDAY },
		{ "_2", G_UNDER_DAY }, { "PM", G_PM }, { "pm", G_pm },
		{ "-07:00:00", G_NUM_SEC_COLON }, { "-070000", G_NUM_SEC },
		{ "-07:00", G_NUM_COLON }, { "-0700", G_NUM },
		{ "-07", G_NUM_SHORT }, { "Z07:00:00", G_ISO_SEC_COLON },
		{ "Z070000", G_ISO_SEC }, { "Z07:00", G_ISO_COLON },
		{ "Z0700", G_ISO }, { "Z07", G_ISO_SHORT },
	};
	size_t i, best = 0;
	enum gofmt e = G_NONE;

	/* "Mon" is a weekday unless a lower-case letter follows it. */
	if (strncmp(l, "Mon", 3) == 0 && strncmp(l, "Monday", 6) != 0 &&
	    !(l[3] >= 'a' && l[3] <= 'z')) {
		*len = 3;
		return G_WEEKDAY;
	}
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		size_t n = strlen(fixed[i].text);

		if (n > best && strncmp(l, fixed[i].text, n) == 0) {
			best = n;
			e = fixed[i].e;
		}
	}
	if (best > 0) {
		*len = best;
		return e;
	}
	*len = 1;
	switch (*l) {
	case '1': return G_NUM_MONTH;
	case '2': return G_DAY;
	case '3': return G_HOUR12;
	case '4': return G_MINUTE;
	case '5': return G_SECOND;
	case '.': case ',':
		/* A fraction: [.,] then 0s or 9s, no digit after. */
		for (i = 1; l[i] == l[1] && (l[1] == '0' || l[1] == '9'); i++)
			;
		if (i > 1 && !isdigit((unsigned char)l[i])) {
			*len = i;
			return G_FRAC;
		}
		return G_NONE;
	default:
		return G_NONE;
	}
}

/* Appends the zone offset (seconds east) as a Go element writes it. */
static void
go_zone(struct buf *b, int offset, enum gofmt e)
{
	long off = offset < 0 ? -(long)offset : offset;
	int z = e == G_ISO_SEC_COLON || e == G_ISO_SEC || e == G_ISO_COLON ||
	    e == G_ISO_SHORT || e == G_ISO;
	int colon = e == G_ISO_SEC_COLON || e == G_ISO_COLON ||
	    e == G_NUM_SEC_COLON || e == G_NUM_COLON;

	if (z && offset == 0) {
		buf_putc(b, 'Z');
		return;
	}
	buf_putc(b, offset < 0 ? '-' : '+');
	padded(b, off / 3600, 2, '0');
	if (e == G_ISO_SHORT || e == G_NUM_SHORT)
		return;
	if (colon)
		buf_putc(b, ':');
	padded(b, off / 60 % 60, 2, '0');
	if (e == G_ISO_SEC_COLON || e == G_NUM_SEC_COLON)
		buf_putc(b, ':');
	if (e == G_ISO_SEC_COLON || e == G_ISO_SEC || e == G_NUM_SEC_COLON ||
	    e == G_NUM_SEC)
		padded(b, off % 60, 2, '0');
}

/* Appends c (offset: its zone, seconds east) as Go's time.Format writes
 * it with layout, in English. A zone name (MST) is "UTC" at offset 0,
 * else the offset as -0700 writes it (quire keeps no zone names). */
static void
go_format(struct buf *b, const struct date_civil *c, int offset,
    const char *layout)
{
	int yday = (int)(date_days_from_civil(c->year, c->month, c->day) -
	    date_days_from_civil(c->year, 1, 1)) + 1;
	int h12 = c->hour % 12 == 0 ? 12 : c->hour % 12;
	size_t len;

	while (*layout != '\0') {
		enum gofmt e = go_chunk(layout, &len);

		switch (e) {
		case G_NONE: buf_add(b, layout, len); break;
		case G_LONG_MONTH: buf_puts(b, month_names[c->month - 1]); break;
		case G_MONTH: buf_puts(b, month_abbr[c->month - 1]); break;
		case G_NUM_MONTH: padded(b, c->month, 0, '0'); break;
		case G_ZERO_MONTH: padded(b, c->month, 2, '0'); break;
		case G_LONG_WEEKDAY: buf_puts(b, day_names[c->wday]); break;
		case G_WEEKDAY: buf_puts(b, day_abbr[c->wday]); break;
		case G_DAY: padded(b, c->day, 0, '0'); break;
		case G_UNDER_DAY: padded(b, c->day, 2, ' '); break;
		case G_ZERO_DAY: padded(b, c->day, 2, '0'); break;
		case G_UNDER_YEARDAY: padded(b, yday, 3, ' '); break;
		case G_ZERO_YEARDAY: padded(b, yday, 3, '0'); break;
		case G_HOUR: padded(b, c->hour, 2, '0'); break;
		case G_HOUR12: padded(b, h12, 0, '0'); break;
		case G_ZERO_HOUR12: padded(b, h12, 2, '0'); break;
		case G_MINUTE: padded(b, c->minute, 0, '0'); break;
		case G_ZERO_MINUTE: padded(b, c->minute, 2, '0'); break;
		case G_SECOND: padded(b, c->second, 0, '0'); break;
		case G_ZERO_SECOND: padded(b, c->second, 2, '0'); break;
		case G_LONG_YEAR: padded(b, c->year, 4, '0'); break;
		case G_YEAR: padded(b, c->year % 100, 2, '0'); break;
		case G_PM: buf_puts(b, c->hour >= 12 ? "PM" : "AM"); break;
		case G_pm: buf_puts(b, c->hour >= 12 ? "pm" : "am"); break;
		case G_TZ:
			if (offset == 0)
				buf_puts(b, "UTC");
			else
				go_zone(b, offset, G_NUM);
			break;
		case G_FRAC:
			/* Front-matter dates keep whole seconds: .000 is
			 * zeros, .999 nothing. */
			if (layout[1] == '0') {
				buf_putc(b, layout[0]);
				for (size_t i = 1; i < len; i++)
					buf_putc(b, '0');
			}
			break;
		default: go_zone(b, offset, e); break;
		}
		layout += len;
	}
}

/* Appends c in CLDR date pattern p ("d MMMM y", "y年M月d日EEEE") with the
 * names n, as Hugo's :date_long and kin (its go-locales) write it. */
static void
cldr_format(struct buf *b, const struct date_civil *c, const char *p,
    const struct date_names *n)
{
	while (*p != '\0') {
		char ch = *p;
		size_t run = 1;

		if (ch == '\'') {
			/* Quoted text; '' is a quote. */
			if (p[1] == '\'') {
				buf_putc(b, '\'');
				p += 2;
				continue;
			}
			for (p++; *p != '\0'; p++) {
				if (*p == '\'' && p[1] == '\'')
					buf_putc(b, *p++);
				else if (*p == '\'')
					break;
				else
					buf_putc(b, *p);
			}
			if (*p == '\'')
				p++;
			continue;
		}
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) {
			buf_putc(b, ch);
			p++;
			continue;
		}
		while (p[run] == ch)
			run++;
		switch (ch) {
		case 'y':
			if (run == 2)
				padded(b, c->year % 100, 2, '0');
			else
				padded(b, c->year, (int)run, '0');
			break;
		case 'M': case 'L':
			if (run >= 4)
				buf_puts(b, CLDR(n->month_wide[c->month - 1]));
			else if (run == 3)
				buf_puts(b, CLDR(n->month_abbr[c->month - 1]));
			else
				padded(b, c->month, (int)run, '0');
			break;
		case 'd':
			padded(b, c->day, (int)run, '0');
			break;
		case 'E': case 'c':
			buf_puts(b, run >= 4 ? CLDR(n->day_wide[c->wday]) :
			    CLDR(n->day_abbr[c->wday]));
			break;
		default:
			/* An era (G) or anything else no date pattern of
			 * Hugo's languages uses: left out. */
			break;
		}
		p += run;
	}
}

int
date_cldr_layout(const char *layout)
{
	static const char *const names[] = { "date_full", "date_long",
	    "date_medium", "date_short" };
	size_t i;

	if (layout == NULL || layout[0] != ':')
		return -1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(layout + 1, names[i]) == 0)
			return (int)i;
	return -1;
}

void
date_format(struct buf *b, const struct qdate *d, const char *layout,
    const struct date_names *n)
{
	struct date_civil c;
	size_t start = b->len;
	int k = date_cldr_layout(layout);

	date_civil_utc(d->t + d->offset, &c);
	if (k >= 0) {
		if (n == NULL)
			n = cldr_find("en");
		cldr_format(b, &c, CLDR(n->date_pattern[k]), n);
		return;
	}
	go_format(b, &c, d->offset, layout);
	localize(b, start, &c, n);
}

void
date_format_long(struct buf *b, const struct qdate *d,
    const struct date_names *names)
{
	date_format(b, d, "January 2, 2006", names);
}

/* Writes the zone offset as [+-]HH<sep>MM at p (sep may be 0: none;
 * HH may be longer, up to 6 digits for an int's worth of seconds). */
static char *
put_offset(char *p, int offset, char sep)
{
	/* In long long: -INT_MIN does not fit an int (a damaged row). */
	long long off = offset < 0 ? -(long long)offset : offset;

	*p++ = offset < 0 ? '-' : '+';
	/* Go writes every digit of the hours: +99:99 is shown +100:39. */
	if (off / 3600 >= 100)
		p += sprintf(p, "%lld", off / 3600);
	else
		p = two(p, (int)(off / 3600));
	if (sep != 0)
		*p++ = sep;
	return two(p, (int)(off % 3600 / 60));
}

/* Writes "HH:MM:SS" at p. */
static char *
clock_time(char *p, const struct date_civil *c)
{
	p = two(p, c->hour);
	*p++ = ':';
	p = two(p, c->minute);
	*p++ = ':';
	return two(p, c->second);
}

/* Years outside 0..9999 are no front-matter date (date_parse reads four
 * digits), but an offset can push one over: printf's way then. */
static int
plain_year(const struct date_civil *c)
{
	return c->year >= 0 && c->year <= 9999;
}

void
date_format_iso(struct buf *b, const struct qdate *d)
{
	struct date_civil c;
	char out[40], *p = out;

	date_civil_utc(d->t + d->offset, &c);
	if (!plain_year(&c)) {
		buf_printf(b, "%04d-", c.year);
	} else {
		p = four(p, c.year);
		*p++ = '-';
	}
	p = two(p, c.month);
	*p++ = '-';
	p = two(p, c.day);
	*p++ = 'T';
	p = clock_time(p, &c);
	p = put_offset(p, d->offset, ':');
	buf_add(b, out, (size_t)(p - out));
}

void
date_format_rfc822(struct buf *b, const struct qdate *d)
{
	static const char *const wdays[7] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };
	struct date_civil c;
	char out[48], *p = out;

	date_civil_utc(d->t + d->offset, &c);
	memcpy(p, wdays[c.wday], 3);
	p += 3;
	*p++ = ',';
	*p++ = ' ';
	p = two(p, c.day);
	*p++ = ' ';
	memcpy(p, month_names[c.month - 1], 3);
	p += 3;
	*p++ = ' ';
	if (!plain_year(&c)) {
		buf_add(b, out, (size_t)(p - out));
		buf_printf(b, "%04d", c.year);
		p = out;
	} else {
		p = four(p, c.year);
	}
	*p++ = ' ';
	p = clock_time(p, &c);
	*p++ = ' ';
	p = put_offset(p, d->offset, 0);
	buf_add(b, out, (size_t)(p - out));
}
