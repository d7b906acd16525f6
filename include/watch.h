/* watch.h - quire import --watch: import, then import again whenever a
 * file under the given paths or the site's configuration changes, until
 * the process is stopped (Linux inotify). */
#ifndef QUIRE_WATCH_H
#define QUIRE_WATCH_H

#include <stdio.h>

#include "import.h"

/* Runs import_run(opts, log), then waits for changes and runs it again
 * after each burst of them (changes less than 200 ms apart are one
 * burst): changes under the PATHs, the site's configuration and config/
 * folder, and each folder an import walks besides (a language's
 * contentDir outside content/, watched from the import that reads it). A failed import leaves the last good database live, as any
 * import does, and the watch goes on. Returns only when the watch cannot
 * be set up (1, said on log); SIGINT or SIGTERM end the process. */
int watch_run(const struct import_opts *opts, FILE *log);

#endif
