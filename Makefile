# quire - a blog engine in C: Hugo posts in SQLite, served by a FastCGI worker.
# Plain targets; pkg-config for every library. See README.md.

VERSION   = 0.1.0
PORT     ?= 8080
PREFIX   ?= /usr/local
DESTDIR  ?=

CC       ?= cc
CXX      ?= c++
CFLAGS   ?= -O2 -g
CXXFLAGS ?= -O2 -g
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wno-unused-parameter
CPPFLAGS += -Iinclude -Ibuild -D_GNU_SOURCE -DQUIRE_VERSION='"$(VERSION)"'

ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer
CXXFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif

# The libraries of each program (pkg-config names): the worker links no
# YAML, TOML, JSON nor C++, the importer no FastCGI and no seccomp.
WORKER_PKGS   = fcgi libcmark-gfm sqlite3 libseccomp
IMPORTER_PKGS = libcmark-gfm sqlite3 yaml-0.1 tomlplusplus jansson libpcre2-8 vips libcrypto
TEST_PKGS     = $(sort $(WORKER_PKGS) $(IMPORTER_PKGS)) cmocka

# $(call pkg,--cflags|--libs,PKGS): pkg-config's answer, or the build stops
# naming the package it does not know. Used only in recipes, so that make
# run and make test install the packages (make deps) before asking.
pkg = $(if $(shell command -v pkg-config),,$(error pkg-config not found: \
      install it, or run make deps))$(foreach p,$(2),$(if $(shell \
      pkg-config --exists $(p) && echo y),,$(error pkg-config knows no \
      package $(p): install it, or run make deps)))$(shell pkg-config $(1) $(2))
# The same, asked once per make run: $(call pkg_once,NAME,FLAGS,PKGS).
pkg_once = $(if $(filter undefined,$(origin pkg_$(1))),$(eval \
      pkg_$(1) := $$(call pkg,$(2),$(3))))$(pkg_$(1))

PKG_CFLAGS   = $(call pkg_once,cflags,--cflags,$(TEST_PKGS))
WORKER_LIBS  = $(call pkg_once,worker,--libs,$(WORKER_PKGS))
IMPORTER_LIBS= $(call pkg_once,importer,--libs,$(IMPORTER_PKGS))
TEST_LIBS    = $(call pkg_once,test,--libs,$(TEST_PKGS))

ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(PKG_CFLAGS) $(CPPFLAGS)
# The one C++ file (tomldoc.cpp, toml++): C's warnings less the C-only ones.
ALL_CXXFLAGS = -std=c++17 $(filter-out -Wstrict-prototypes \
            -Wmissing-prototypes,$(WARN)) -Wmissing-declarations $(CXXFLAGS) \
            $(PKG_CFLAGS) $(CPPFLAGS)

# Modules of both programs, of the importer only and of the worker only.
COMMON   = buf html unicode emoji markdown md-splice fragments metrics dates site url entry inflect store
IMPORTER = readfile ignore images highlight highlight-lex shortcode shortcodes-builtin ref yamldoc jsondoc frontmatter site-load section lang progress \
           related files cover responsive db-import publish import watch
# The importer's C++ modules (src/NAME.cpp); linking them needs libstdc++.
IMPORTER_CXX = tomldoc
WORKER   = db request response fcgi-out route render confine files-serve page-listing page-article \
           page-tags page-error page-feed page-sitemap page-archives \
           page-search feed-atom feed-json content

COMMON_O   = $(COMMON:%=build/%.o)
IMPORTER_O = $(IMPORTER:%=build/%.o) $(IMPORTER_CXX:%=build/%.o) build/schema.o
WORKER_O   = $(WORKER:%=build/%.o)

.PHONY: all run test deps golden golden-render bench bench-ab lint fuzz install clean \
        print-unit-tests print-modules

all: quire cgi-bin/quire.fcgi

# build/flags holds the compiler and flags of the last build; when they
# change (SANITIZE=1 or not), everything is rebuilt, programs included.
FLAGS_NOW = $(CC) $(ALL_CFLAGS) $(CXX) $(ALL_CXXFLAGS) $(LDFLAGS)
build/flags: FORCE
	@mkdir -p build
	@echo '$(FLAGS_NOW)' | cmp -s - $@ 2>/dev/null || echo '$(FLAGS_NOW)' >$@

build/stamp: build/flags
	@touch $@

FORCE:

# Each object's headers are in build/NAME.d (-MMD -MP), written as it is
# compiled.
DEPFLAGS = -MMD -MP
-include $(wildcard build/*.d)

build/%.o: src/%.c build/stamp
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

build/%.o: src/%.cpp build/stamp
	$(CXX) $(ALL_CXXFLAGS) $(DEPFLAGS) -c -o $@ $<

# Hugo's CJK test (\p{Han}, Hangul, Hiragana, Katakana) reads Unicode's
# script table from Debian's unicode-data at build time.
UNICODE_SCRIPTS ?= /usr/share/unicode/Scripts.txt
build/cjk-ranges.h: scripts/gen-cjk.sh $(UNICODE_SCRIPTS) build/stamp
	sh scripts/gen-cjk.sh $(UNICODE_SCRIPTS) $@

# Go's letters, digits and numbers, and the accents Hugo's github-ascii
# heading ids drop, from Unicode's UnicodeData.txt (unicode-data).
UNICODE_DATA ?= /usr/share/unicode/UnicodeData.txt
build/go-classes.h: scripts/gen-go-classes.sh $(UNICODE_DATA) build/stamp
	sh scripts/gen-go-classes.sh $(UNICODE_DATA) $@

build/unicode.o: build/cjk-ranges.h build/go-classes.h

# Month names per language, as Hugo's time.Format localizes
# dates: read from Unicode CLDR (Debian's unicode-cldr-core) at build time.
CLDR_MAIN ?= /usr/share/unicode/cldr/common/main
build/cldr-dates.h: scripts/gen-cldr-dates.sh $(CLDR_MAIN)/fr.xml \
    $(CLDR_MAIN)/../supplemental/supplementalData.xml build/stamp
	sh scripts/gen-cldr-dates.sh $(CLDR_MAIN) $@

build/dates.o: build/cldr-dates.h

# enableEmoji's codes: kyokomi/emoji's code map (Debian's
# golang-github-kyokomi-emoji-dev, the version Hugo 0.111.3 is built with),
# read at build time.
EMOJI_CODEMAP ?= /usr/share/gocode/src/github.com/kyokomi/emoji/v2/emoji_codemap.go
build/emoji-table.h: scripts/gen-emoji.sh $(EMOJI_CODEMAP) build/stamp
	sh scripts/gen-emoji.sh $(EMOJI_CODEMAP) $@

build/emoji.o: build/emoji-table.h

# Chroma's lexer rules and token classes, as Hugo 0.111 uses them, read
# from Debian's golang-github-alecthomas-chroma-v2-dev at build time by
# tools/chroma-gen.c (libxml2; PCRE2 to check each pattern). The
# generator is a build tool: plain flags, no sanitizers.
CHROMA_DIR ?= /usr/share/gocode/src/github.com/alecthomas/chroma/v2
build/chroma-gen: tools/chroma-gen.c build/stamp
	$(CC) -std=c11 -O2 $(WARN) -D_GNU_SOURCE \
	    $(call pkg,--cflags,libxml-2.0 libpcre2-8) -o $@ $< \
	    $(call pkg,--libs,libxml-2.0 libpcre2-8)

build/chroma-tables.h: build/chroma-gen $(CHROMA_DIR)/types.go \
    $(CHROMA_DIR)/lexers/embedded/rust.xml
	build/chroma-gen $(CHROMA_DIR) $@.tmp && mv $@.tmp $@

build/highlight-lex.o: build/chroma-tables.h

# Dev tool: quire's token stream for a language, to compare with
# Chroma's (tools/chroma-diff.sh).
build/hl-tokens: tools/hl-tokens.c build/highlight-lex.o build/buf.o \
    build/unicode.o
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(call pkg,--libs,libpcre2-8)

build/schema.c: scripts/embed-schema.sh $(wildcard schema/*.sql) build/stamp
	sh scripts/embed-schema.sh $@ $(sort $(wildcard schema/*.sql))

build/schema.o: build/schema.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The schema the worker reads (db.c refuses an older file): the number of
# migrations, as the importer's user_version after the last.
build/schema-version.h: $(wildcard schema/*.sql) build/stamp
	echo '#define QUIRE_SCHEMA_VERSION $(words $(wildcard schema/*.sql))' >$@.tmp
	mv $@.tmp $@

build/db.o: build/schema-version.h

quire: build/quire.o $(COMMON_O) $(IMPORTER_O) build/stamp
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(IMPORTER_LIBS) -lstdc++

cgi-bin/quire.fcgi: build/worker.o $(WORKER_O) $(COMMON_O) build/stamp
	@mkdir -p cgi-bin
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(WORKER_LIBS) -lm

# make deps installs the Debian packages of DEPS_SET that are missing
# (scripts/deps.sh: run, test, bench) and does nothing when all are there;
# make run, test, fuzz and bench call it first. DEPS=0 turns it off.
DEPS     ?= 1
DEPS_SET ?= run
# make run, test and bench build in a sub-make, one job per core unless
# the command line gave -j itself.
BUILD_JOBS = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(shell nproc 2>/dev/null || echo 1))
test fuzz: DEPS_SET = test
bench: DEPS_SET = bench
deps:
ifneq ($(DEPS),0)
	@sh scripts/deps.sh $(DEPS_SET)
endif

run: deps
	@$(MAKE) --no-print-directory $(BUILD_JOBS) all
	@sh scripts/run.sh $(PORT)

# Unit tests (cmocka): every tests/unit/test-NAME.c is a program
# build/test-NAME linking every module but the worker's main.
UNIT_TESTS = $(sort $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test-*.c)))
UNIT_BIN   = $(UNIT_TESTS:%=build/%)

build/test-%: tests/unit/test-%.c $(COMMON_O) $(IMPORTER_O) $(WORKER_O) \
    build/stamp
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -Itests/unit -o $@ $< $(COMMON_O) \
	    $(IMPORTER_O) $(filter-out build/worker.o,$(WORKER_O)) $(TEST_LIBS) \
	    -lstdc++ -lm

print-unit-tests:
	@echo $(UNIT_BIN)

# The modules of each program, as shell assignments (tests/fuzz/run.sh).
print-modules:
	@echo "COMMON='$(COMMON)' IMPORTER='$(IMPORTER)'" \
	    "IMPORTER_CXX='$(IMPORTER_CXX)' WORKER='$(WORKER)'"

# make test: every test of this build; a plain build also repeats the
# unit and integration tests with ASan + UBSan in a copy of the tree
# (tests/sanitize.sh). make test SANITIZE=1 runs them sanitized here.
test: deps
	@$(MAKE) --no-print-directory $(BUILD_JOBS) all $(UNIT_BIN)
	@SANITIZE=$(SANITIZE) sh tests/run-all.sh $(UNIT_BIN)

# Long fuzzing: each libFuzzer target for FUZZ_SECONDS (clang, ASan, UBSan);
# make test runs them for a few seconds each.
FUZZ_SECONDS ?= 60
fuzz: deps
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# Figures and ratios against references measured in the same run
# (static nginx, a no-op FastCGI responder, a bare cmark-gfm render).
bench: deps
	@$(MAKE) --no-print-directory $(BUILD_JOBS) all
	@bash bench/run.sh

# This tree's worker against revision REV's, alternating rounds on one
# blog: make bench-ab REV=v1 (or any commit).
bench-ab: DEPS_SET = bench
bench-ab: deps
	@test -n "$(REV)" || { echo "make bench-ab REV=<commit>"; exit 2; }
	@$(MAKE) --no-print-directory $(BUILD_JOBS) all
	@bash bench/ab.sh $(REV)

# Regenerates the Hugo golden vectors (needs Debian's hugo).
golden:
	bash tests/hugo/gen-golden.sh
	bash tests/hugo/gen-golden-formats.sh
	bash tests/hugo/gen-golden-lang.sh
	bash tests/hugo/gen-golden-listkinds.sh
	bash tests/hugo/gen-golden-langfin.sh
	bash tests/hugo/gen-golden-langdirs.sh
	bash tests/hugo/gen-golden-highlight.sh
	if [ -n "$$PAPERMOD" ]; then bash tests/hugo/gen-golden-shortcodes.sh; \
	bash tests/hugo/gen-golden-covers.sh; \
	bash tests/hugo/gen-golden-weight.sh; \
	else echo "PAPERMOD unset: hugo-shortcodes*.tsv, hugo-covers.tsv, hugo-weight*.tsv kept (tests/hugo/README.md)"; fi
	bash tests/hugo/gen-golden-body.sh
	bash tests/hugo/gen-golden-sitelinks.sh
	bash tests/hugo/gen-golden-files.sh
	bash tests/hugo/gen-golden-unpub.sh

# Rewrites tests/golden/render/NAME.html from NAME.md with today's
# md_render(); review the diff before committing it.
golden-render: build/test-golden
	QUIRE_GOLDEN_REGEN=1 build/test-golden
	@git diff --stat -- tests/golden/render 2>/dev/null || true

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
