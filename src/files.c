/* files.c - a site's own files at import: list, names, media types,
 * SHA-256 and the content-addressed store (see files.h). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "files.h"
#include "unicode.h"

/* Bytes read at a time: a file of any size needs no more memory. */
#define CHUNK (64 * 1024)
/* A temporary file in the store's top folder, before its rename. */
#define TMP_PREFIX ".tmp-"

void
files_add(struct site_files *l, const char *url, const char *source,
    const char *fs_path, const char *open_path, const struct stat *st,
    int rank)
{
	struct site_file *f;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->f = xrealloc(l->f, l->cap * sizeof(*l->f));
	}
	f = &l->f[l->n++];
	f->url = xstrdup(url);
	f->source = xstrdup(source);
	f->fs_path = xstrdup(fs_path);
	f->open_path = open_path ? xstrdup(open_path) : NULL;
	f->dev = st->st_dev;
	f->ino = st->st_ino;
	f->size = (long long)st->st_size;
	f->mtime = (long long)st->st_mtime;
	f->rank = rank;
	f->hash[0] = '\0';
}

static void
free_one(struct site_file *f)
{
	free(f->url);
	free(f->source);
	free(f->fs_path);
	free(f->open_path);
}

void
files_free(struct site_files *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free_one(&l->f[i]);
	free(l->f);
	memset(l, 0, sizeof(*l));
}

static int
cmp_url_rank(const void *a, const void *b)
{
	const struct site_file *x = a, *y = b;
	int c = strcmp(x->url, y->url);

	if (c != 0)
		return c;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return strcmp(x->source, y->source);
}

void
files_dedupe(struct site_files *l,
    void (*clash)(void *arg, const struct site_file *kept,
    const struct site_file *dropped), void *arg)
{
	size_t i, out = 0;

	if (l->n == 0)
		return;
	qsort(l->f, l->n, sizeof(*l->f), cmp_url_rank);
	for (i = 0; i < l->n; i++) {
		if (out > 0 && strcmp(l->f[out - 1].url, l->f[i].url) == 0) {
			if (clash != NULL)
				clash(arg, &l->f[out - 1], &l->f[i]);
			free_one(&l->f[i]);
			continue;
		}
		l->f[out++] = l->f[i];
	}
	l->n = out;
}

int
files_name_ok(const char *name, struct buf *why)
{
	size_t n = strlen(name), i, k;
	unsigned long cp;

	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		buf_puts(why, "a '..' or '.' component");
		return 0;
	}
	if (!uni_valid(name, n)) {
		buf_puts(why, "a name that is not valid UTF-8");
		return 0;
	}
	for (i = 0; i < n; i += k) {
		k = uni_next(name + i, n - i, &cp);
		if (k == 0)
			k = 1;
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			buf_puts(why, "a name holding a control character");
			return 0;
		}
	}
	return 1;
}

void
files_shown(const char *s, struct buf *out)
{
	size_t n = strlen(s), i, k, j;
	unsigned long cp;

	for (i = 0; i < n; i += k) {
		k = uni_next(s + i, n - i, &cp);
		if ((k == 1 && (unsigned char)s[i] >= 0x80) || cp < 0x20 ||
		    cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			for (j = 0; j < k; j++)
				buf_printf(out, "\\x%02x",
				    (unsigned char)s[i + j]);
			continue;
		}
		buf_add(out, s + i, k);
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
mime_load(struct mime_types *m, const char *path)
{
	FILE *fp = fopen(path, "re");
	char line[1024], *save, *type, *ext;
	size_t cap = 0, i, j, out;
	char **pair;

	memset(m, 0, sizeof(*m));
	if (fp == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#')
			continue;
		type = strtok_r(line, " \t\r\n", &save);
		if (type == NULL)
			continue;
		while ((ext = strtok_r(NULL, " \t\r\n", &save)) != NULL) {
			if (m->n == cap) {
				cap = cap ? cap * 2 : 1024;
				m->ext = xrealloc(m->ext, cap * sizeof(char *));
				m->type = xrealloc(m->type, cap * sizeof(char *));
			}
			for (j = 0; ext[j] != '\0'; j++)
				ext[j] = (char)tolower((unsigned char)ext[j]);
			/* "ext\0type": sorted by the extension, the first
			 * line naming one wins (as nginx's types). */
			m->ext[m->n] = xmalloc(strlen(ext) + strlen(type) + 2);
			strcpy(m->ext[m->n], ext);
			strcpy(m->ext[m->n] + strlen(ext) + 1, type);
			m->n++;
		}
	}
	fclose(fp);
	if (m->n == 0)
		return 0;
	/* A stable order: the line number breaks ties. */
	pair = xmalloc(m->n * sizeof(*pair));
	for (i = 0; i < m->n; i++)
		pair[i] = m->ext[i];
	for (i = 1; i < m->n; i++) {
		char *v = pair[i];

		for (j = i; j > 0 && strcmp(pair[j - 1], v) > 0; j--)
			pair[j] = pair[j - 1];
		pair[j] = v;
	}
	for (i = 0, out = 0; i < m->n; i++) {
		if (out > 0 && strcmp(pair[out - 1], pair[i]) == 0) {
			free(pair[i]);
			continue;
		}
		pair[out++] = pair[i];
	}
	free(m->ext);
	m->ext = pair;
	m->n = out;
	for (i = 0; i < m->n; i++)
		m->type[i] = m->ext[i] + strlen(m->ext[i]) + 1;
	return 0;
}

const char *
mime_type(const struct mime_types *m, const char *name)
{
	const char *dot = strrchr(name, '.'), *slash = strrchr(name, '/');
	char key[64], *kp = key, **hit;
	size_t i, n;

	if (dot == NULL || (slash != NULL && dot < slash) || dot[1] == '\0' ||
	    m->n == 0)
		return FILES_DEFAULT_TYPE;
	n = strlen(dot + 1);
	if (n >= sizeof(key))
		return FILES_DEFAULT_TYPE;
	for (i = 0; i <= n; i++)
		key[i] = (char)tolower((unsigned char)dot[1 + i]);
	hit = bsearch(&kp, m->ext, m->n, sizeof(*m->ext), cmp_str);
	return hit != NULL ? m->type[hit - m->ext] : FILES_DEFAULT_TYPE;
}

void
mime_free(struct mime_types *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->ext[i]);
	free(m->ext);
	free(m->type);
	memset(m, 0, sizeof(*m));
}

static void
hex(const unsigned char *md, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < 32; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 15];
	}
	out[STORE_HASH_HEX] = '\0';
}

/* Reads fd from its start to its end in chunks, hashing the bytes into
 * out and, when to >= 0, writing them to it. Returns the bytes read, or
 * -1 with errno set (EIO for a write that fell short). */
static long long
pass(int fd, int to, char *out)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	char *chunk = xmalloc(CHUNK);
	long long total = 0;
	ssize_t r, w, off;

	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1 ||
	    lseek(fd, 0, SEEK_SET) != 0) {
		total = -1;
		if (errno == 0)
			errno = ENOMEM;
		goto out;
	}
	for (;;) {
		r = read(fd, chunk, CHUNK);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			total = -1;
			goto out;
		}
		if (r == 0)
			break;
		EVP_DigestUpdate(ctx, chunk, (size_t)r);
		for (off = 0; to >= 0 && off < r; off += w) {
			w = write(to, chunk + off, (size_t)(r - off));
			if (w < 0 && errno == EINTR)
				w = 0;
			else if (w <= 0) {
				if (w == 0)
					errno = EIO;
				total = -1;
				goto out;
			}
		}
		total += r;
	}
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	hex(md, out);
out:
	EVP_MD_CTX_free(ctx);
	free(chunk);
	return total;
}

int
files_stored(const char *dir, const char *hash)
{
	char path[4096];
	struct stat st;

	return store_path(dir, hash, path, sizeof(path)) == 0 &&
	    stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
files_sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Makes the folder path (mode 0755 less the umask) unless it is there;
 * sets *made when it made it. */
static int
make_dir(const char *path, int *made)
{
	*made = 0;
	if (mkdir(path, 0755) == 0) {
		*made = 1;
		return 0;
	}
	return errno == EEXIST ? 0 : -1;
}

/* Copies the open file fd, whose hash is want, into the store dir at its
 * hash's path. Returns 0, or -1 with why appended to err. */
static int
store_copy(const char *dir, const struct site_file *f, int fd,
    const char *want, struct buf *err)
{
	struct buf tmp = BUF_INIT, sub = BUF_INIT;
	char path[4096], got[STORE_HASH_HEX + 1];
	mode_t mask;
	int to = -1, made, rc = -1;

	buf_printf(&tmp, "%s/" TMP_PREFIX "XXXXXX", dir);
	if ((to = mkstemp(tmp.data)) < 0) {
		buf_printf(err, "%s: %s", buf_cstr(&tmp), strerror(errno));
		goto out;
	}
	if (pass(fd, to, got) != f->size) {
		buf_printf(err, "%s: cannot copy to %s: %s", f->fs_path,
		    buf_cstr(&tmp), errno ? strerror(errno) : "short read");
		goto out;
	}
	if (strcmp(got, want) != 0) {
		buf_printf(err, "%s: changed while being imported; import "
		    "again", f->fs_path);
		goto out;
	}
	/* The worker reads it through any user: a site's files are public. */
	mask = umask(0);
	umask(mask);
	if (fchmod(to, 0644 & ~mask) != 0 || fsync(to) != 0) {
		buf_printf(err, "%s: %s", buf_cstr(&tmp), strerror(errno));
		goto out;
	}
	close(to);
	to = -1;
	buf_printf(&sub, "%s/%.2s", dir, want);
	if (make_dir(buf_cstr(&sub), &made) != 0 ||
	    store_path(dir, want, path, sizeof(path)) != 0 ||
	    rename(buf_cstr(&tmp), path) != 0 ||
	    files_sync_dir(buf_cstr(&sub)) != 0 || (made && files_sync_dir(dir) != 0)) {
		buf_printf(err, "%s: cannot store as %s: %s", f->fs_path,
		    buf_cstr(&sub), strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (to >= 0)
		close(to);
	if (rc != 0 && tmp.len > 0)
		unlink(buf_cstr(&tmp));
	buf_free(&tmp);
	buf_free(&sub);
	return rc;
}

int
files_put(const char *dir, struct site_file *f, long long limit,
    int *written, struct buf *err)
{
	const char *path = f->open_path ? f->open_path : f->fs_path;
	struct stat st;
	int fd, made, rc = -1;

	*written = 0;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		buf_printf(err, "%s: %s", f->fs_path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_dev != f->dev || st.st_ino != f->ino) {
		buf_printf(err, "%s: changed while being imported; import "
		    "again", f->fs_path);
		goto out;
	}
	f->size = (long long)st.st_size;
	f->mtime = (long long)st.st_mtime;
	if (f->size > limit) {
		buf_printf(err, "%s: too large (%lld bytes, limit %lld)",
		    f->fs_path, f->size, limit);
		goto out;
	}
	errno = 0;
	if (pass(fd, -1, f->hash) != f->size) {
		buf_printf(err, "%s: %s", f->fs_path, errno ? strerror(errno) :
		    "changed while being imported; import again");
		goto out;
	}
	if (files_stored(dir, f->hash)) {
		rc = 0;
		goto out;
	}
	if (make_dir(dir, &made) != 0) {
		buf_printf(err, "%s: %s", dir, strerror(errno));
		goto out;
	}
	if (store_copy(dir, f, fd, f->hash, err) != 0)
		goto out;
	*written = 1;
	rc = 0;
out:
	close(fd);
	return rc;
}

static int
is_hex2(const char *s)
{
	return isxdigit((unsigned char)s[0]) && isxdigit((unsigned char)s[1])
	    && !isupper((unsigned char)s[0]) && !isupper((unsigned char)s[1])
	    && s[2] == '\0';
}

int
files_sweep(const char *dir, int (*keep)(void *arg, const char *hash),
    void *arg, long *removed, struct buf *err)
{
	struct buf path = BUF_INIT;
	char hash[STORE_HASH_HEX + 1];
	struct dirent *e, *s;
	DIR *top, *sub;
	int rc = 0;

	if ((top = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return 0;
		buf_printf(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(top)) != NULL) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		if (strncmp(e->d_name, TMP_PREFIX, strlen(TMP_PREFIX)) == 0) {
			unlink(buf_cstr(&path));
			continue;
		}
		if (!is_hex2(e->d_name) ||
		    (sub = opendir(buf_cstr(&path))) == NULL)
			continue;
		while ((s = readdir(sub)) != NULL) {
			if (strlen(s->d_name) != STORE_HASH_HEX - 2)
				continue;
			memcpy(hash, e->d_name, 2);
			memcpy(hash + 2, s->d_name, STORE_HASH_HEX - 2);
			hash[STORE_HASH_HEX] = '\0';
			if (keep(arg, hash))
				continue;
			if (unlinkat(dirfd(sub), s->d_name, 0) == 0) {
				(*removed)++;
			} else if (errno != ENOENT) {
				buf_printf(err, "%s/%s: %s", buf_cstr(&path),
				    s->d_name, strerror(errno));
				rc = -1;
			}
		}
		closedir(sub);
		rmdir(buf_cstr(&path));	/* only when emptied */
	}
	closedir(top);
	buf_free(&path);
	return rc;
}
