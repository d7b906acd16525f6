/* quire.c - the command-line tool: `quire import` loads Hugo posts. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "import.h"
#include "watch.h"
#include "unicode.h"

static const char usage_text[] =
"usage: quire import --db FILE [--config FILE] [--base-url URL] PATH...\n"
"       quire --help | --version\n"
"\n"
"Loads Hugo Markdown files (YAML, TOML or JSON front matter) into the\n"
"SQLite database FILE that the quire.fcgi worker serves. A site's folder\n"
"(holding content/) stands for its content/ folder. A PATH under a\n"
"content/ folder keeps its place in it (content/posts/a.md is the post\n"
"/posts/a/); any other folder is taken as the main section. A folder is\n"
"mirrored: posts whose files are gone are removed. The site's\n"
"configuration beside content/ (hugo.toml|yaml|yml|json or config.*,\n"
"then config/_default/ and config/production/) is read unless --config\n"
"names one file; --base-url overrides its baseURL. The import is all\n"
"or nothing: on any error the database is left exactly as it was and\n"
"quire exits with status 1.\n"
"\n"
"  --db FILE        the database to create or update\n"
"  --config FILE    Hugo's site configuration (YAML, TOML or JSON)\n"
"  --base-url URL   the site's public URL (http://host/ or https://host/blog/)\n"
"  -w, --watch      stay running: import again when a file changes\n"
"  -q, --quiet      no summary line or progress\n"
"  -h, --help       print this and exit\n"
"  --version        print the version and exit\n"
"\n"
"Exit status: 0 on success, 1 when the import failed, 2 for a usage error.\n"
"See quire(1).\n";

static int
import_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "watch", no_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct import_opts opts;
	int c, watch = 0;

	memset(&opts, 0, sizeof(opts));
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:c:b:qwh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': opts.db = optarg; break;
		case 'c': opts.config = optarg; break;
		case 'b': opts.base_url = optarg; break;
		case 'q': opts.quiet = 1; break;
		case 'w': watch = 1; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return 2;
		}
	}
	if (opts.db == NULL || optind >= argc) {
		fputs("quire import: --db FILE and at least one PATH are "
		    "needed\n", stderr);
		fputs(usage_text, stderr);
		return 2;
	}
	opts.paths = argv + optind;
	opts.npaths = argc - optind;
	return watch ? watch_run(&opts, stderr) : import_run(&opts, stderr);
}

int
main(int argc, char **argv)
{
	uni_init();
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return import_main(argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0)) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		puts("quire " QUIRE_VERSION);
		return 0;
	}
	fputs(usage_text, stderr);
	return 2;
}
