/* store.c - the content-addressed store's paths (see store.h). */
#include "store.h"

#include <stdio.h>
#include <string.h>

int
store_dir(const char *db_path, char *out, size_t outsz)
{
	size_t n = strlen(db_path);
	int w;

	if (n > 3 && strcmp(db_path + n - 3, ".db") == 0)
		n -= 3;
	w = snprintf(out, outsz, "%.*s.files", (int)n, db_path);
	return w < 0 || (size_t)w >= outsz ? -1 : 0;
}

int
store_path(const char *dir, const char *hash, char *out, size_t outsz)
{
	size_t i;
	int w;

	for (i = 0; i < STORE_HASH_HEX; i++)
		if (!((hash[i] >= '0' && hash[i] <= '9') ||
		    (hash[i] >= 'a' && hash[i] <= 'f')))
			return -1;
	if (hash[STORE_HASH_HEX] != '\0')
		return -1;
	w = snprintf(out, outsz, "%s/%.2s/%s", dir, hash, hash + 2);
	return w < 0 || (size_t)w >= outsz ? -1 : 0;
}
