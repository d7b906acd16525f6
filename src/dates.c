/* dates.c - front-matter dates and their display. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dates.h"

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

/* Reads exactly n digits at *p into *v; advances *p. */
static int
digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
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

int
date_parse(const char *s, struct qdate *d)
{
	const char *p = s;
	int y, mo, da, h = 0, mi = 0, se = 0, zh, zm = 0, has_zone = 0, off = 0;
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	while (*p == ' ')
		p++;
	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) ||
	    *p++ != '-' || digits(&p, 2, &da))
		return -1;
	if (mo < 1 || mo > 12 || da < 1 || da > mdays[mo - 1] ||
	    (mo == 2 && da == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0))))
		return -1;
	if ((*p == 'T' || *p == 't' || *p == ' ') && isdigit((unsigned char)p[1])) {
		p++;
		if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &se))
				return -1;
			if (*p == '.' || *p == ',') {
				p++;
				if (!isdigit((unsigned char)*p))
					return -1;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (h > 23 || mi > 59 || se > 60)
			return -1;
	}
	if (*p == ' ' && (p[1] == 'Z' || p[1] == '+' || p[1] == '-'))
		p++;
	if (*p == 'Z' || *p == 'z') {
		has_zone = 1;
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p++ == '-' ? -1 : 1;

		if (digits(&p, 2, &zh))
			return -1;
		if (*p == ':')
			p++;
		if (isdigit((unsigned char)*p) && digits(&p, 2, &zm))
			return -1;
		if (zh > 23 || zm > 59)
			return -1;
		has_zone = 1;
		off = sign * (zh * 3600 + zm * 60);
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return -1;

	if (has_zone) {
		d->t = date_days_from_civil(y, mo, da) * 86400LL + h * 3600 +
		    mi * 60 + se - off;
		d->offset = off;
	} else {
		struct tm tm;
		time_t t;

		memset(&tm, 0, sizeof(tm));
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = da;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = se;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		d->t = (long long)t;
		d->offset = (int)tm.tm_gmtoff;
	}
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

void
date_format_long(struct buf *b, const struct qdate *d)
{
	struct date_civil c;

	date_civil_utc(d->t + d->offset, &c);
	buf_puts(b, month_names[c.month - 1]);
	buf_putc(b, ' ');
	buf_putnum(b, c.day, 0);
	buf_puts(b, ", ");
	buf_putnum(b, c.year, 0);
}

/* Writes the zone offset as [+-]HH<sep>MM at p (sep may be 0: none). */
static char *
put_offset(char *p, int offset, char sep)
{
	/* In long long: -INT_MIN does not fit an int (a damaged row). */
	long long off = offset < 0 ? -(long long)offset : offset;

	*p++ = offset < 0 ? '-' : '+';
	p = two(p, (int)(off / 3600 % 100));
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
