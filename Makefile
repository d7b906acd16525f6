# quire - a blog engine in C: Hugo posts in SQLite, served by a FastCGI worker.
# Plain targets; pkg-config for every library. See README.md.

VERSION   = 0.1.0
PORT     ?= 8080
PREFIX   ?= /usr/local
DESTDIR  ?=

PKGS      = fcgi libcmark-gfm sqlite3 yaml-0.1 libseccomp
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wno-unused-parameter
CPPFLAGS += -Iinclude -Ibuild -D_GNU_SOURCE -DQUIRE_VERSION='"$(VERSION)"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif

ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(PKG_CFLAGS) $(CPPFLAGS)

# Modules shared by the worker and the command-line tool.
COMMON   = buf html unicode markdown metrics dates site url yamldoc
IMPORTER = frontmatter db-import import
WORKER   = db request response route render confine page-listing page-article \
           page-tags page-error page-feed page-sitemap page-archives \
           page-search

COMMON_O   = $(COMMON:%=build/%.o)
IMPORTER_O = $(IMPORTER:%=build/%.o) build/schema.o
WORKER_O   = $(WORKER:%=build/%.o)

.PHONY: all run test unit integration deps test-deps golden bench lint fuzz \
        install clean

all: quire cgi-bin/quire.fcgi

# build/flags holds the compiler and flags of the last build; when they
# change (SANITIZE=1 or not), everything is rebuilt, programs included.
FLAGS_NOW = $(CC) $(ALL_CFLAGS) $(LDFLAGS)
build/flags: FORCE
	@mkdir -p build
	@echo '$(FLAGS_NOW)' | cmp -s - $@ 2>/dev/null || echo '$(FLAGS_NOW)' >$@

build/stamp: build/flags
	@touch $@

FORCE:

build/%.o: src/%.c $(wildcard include/*.h) build/stamp
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/schema.c: scripts/embed-schema.sh $(wildcard schema/*.sql) build/stamp
	sh scripts/embed-schema.sh $@ $(sort $(wildcard schema/*.sql))

build/schema.o: build/schema.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

quire: build/quire.o $(COMMON_O) $(IMPORTER_O) build/stamp
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(PKG_LIBS)

cgi-bin/quire.fcgi: build/worker.o $(WORKER_O) $(COMMON_O) build/stamp
	@mkdir -p cgi-bin
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(PKG_LIBS)

# Installs the Debian packages that are missing (make run / make test).
deps:
	@sh scripts/deps.sh run

test-deps:
	@sh scripts/deps.sh test

run: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/run.sh $(PORT)

# Unit tests (cmocka) and integration tests against nginx + spawn-fcgi.
UNIT_TESTS = test-escape test-request test-route test-metrics test-frontmatter test-url \
             test-http test-confine
UNIT_BIN   = $(UNIT_TESTS:%=build/%)

build/test-%: tests/unit/test-%.c $(COMMON_O) $(IMPORTER_O) $(WORKER_O) \
    $(wildcard tests/unit/*.h) build/stamp
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(COMMON_O) $(IMPORTER_O) \
	    $(filter-out build/worker.o,$(WORKER_O)) $(PKG_LIBS) \
	    $(shell pkg-config --libs cmocka 2>/dev/null)

# make test: every test of this build; a plain build also repeats the
# unit and integration tests with ASan + UBSan in a copy of the tree
# (tests/sanitize.sh). make test SANITIZE=1 runs them sanitized here.
test: test-deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@SANITIZE=$(SANITIZE) sh tests/run-all.sh $(UNIT_BIN)

# Long fuzzing: each libFuzzer target for FUZZ_SECONDS (clang, ASan, UBSan);
# make test runs them for a few seconds each.
FUZZ_SECONDS ?= 60
fuzz: test-deps
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# Figures and ratios against references measured in the same run
# (static nginx, a no-op FastCGI responder, a bare cmark-gfm render).
bench: all
	@sh scripts/deps.sh bench
	@bash bench/run.sh

# Regenerates the Hugo golden vectors (needs Debian's hugo).
golden:
	bash tests/hugo/gen-golden.sh

# Installs the tool, the worker, the schema, the static files, the man
# page and the server configurations (as examples under share/doc).
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/quire/cgi-bin \
	    $(DESTDIR)$(PREFIX)/share/quire/static $(DESTDIR)$(PREFIX)/share/quire/schema \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/doc/quire
	install -m 755 quire $(DESTDIR)$(PREFIX)/bin/quire
	install -m 755 cgi-bin/quire.fcgi $(DESTDIR)$(PREFIX)/lib/quire/cgi-bin/
	install -m 644 schema/*.sql $(DESTDIR)$(PREFIX)/share/quire/schema/
	cp -R static/. $(DESTDIR)$(PREFIX)/share/quire/static/
	install -m 644 man/quire.1 $(DESTDIR)$(PREFIX)/share/man/man1/quire.1
	install -m 644 README.md nginx/quire.conf nginx/quire-upstream.conf systemd/quire-fcgi.service \
	    $(DESTDIR)$(PREFIX)/share/doc/quire/
	if [ -d apache ]; then install -m 644 apache/*.conf \
	    $(DESTDIR)$(PREFIX)/share/doc/quire/; fi
	if [ -f cgi-bin/.htaccess ]; then install -m 644 cgi-bin/.htaccess \
	    $(DESTDIR)$(PREFIX)/share/doc/quire/htaccess.example; fi

lint:
	cppcheck --quiet --enable=warning,portability --std=c11 -Iinclude src

clean:
	rm -rf build quire cgi-bin/quire.fcgi
