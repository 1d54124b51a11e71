# winnow — small fast Unix filters that clean and annotate scraped text.
#
#   make            build everything into build/
#   make check      unit tests, CLI golden tests, conformance (SANITIZE=1: ASan+UBSan,
#                   VALGRIND=1: the CLI tests and fuzz replays under memcheck)
#   make check-browser  the winnow-stats page in headless Chromium (installs it)
#   make check-scale    scripts/parallel (on ssh hosts too), scripts/slurm (on a
#                       one-box Slurm cluster) and scripts/cron-example, end to end
#   make demo       clean the bundled sample corpus: what went from each page, and why
#   make bench      MB/s of each filter beside cat and jq on a generated corpus
#   make install    PREFIX=/usr/local DESTDIR= (make uninstall: the same)
#   make deb        a Debian package in build/deb/ (check-deb: lintian, dpkg -i)
#   make fuzz       each libFuzzer harness for FUZZ_SECONDS (clang, ASan+UBSan)
#
# What a goal needs is checked first: scripts/install-deps installs what is
# missing (Debian, as root or with sudo) or names it.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DOCDIR = $(PREFIX)/share/doc/winnow
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = libpcre2-8 libutf8proc libxxhash zlib libzstd

ifeq ($(FUZZ),1)
# The libFuzzer build (make fuzz): clang, the library instrumented for
# coverage, ASan and UBSan; the harnesses link libFuzzer's main.
BUILD ?= build-fuzz
CC = clang
SANFLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
OPTFLAGS = -O1 -g
else ifeq ($(SANITIZE),1)
BUILD ?= build-san
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
OPTFLAGS = -O1 -g
else
BUILD ?= build
OPTFLAGS = -O2 -g
endif

# What the goals need is checked before anything is built, and what is
# missing is installed (scripts/install-deps: apt-get as root or with sudo)
# or named with the command that installs it.  Building, the demo and
# install need only the compiler, pkg-config and the libraries; the test
# tools come with the test goals.
DEPS_GROUPS = build
ifneq ($(filter check check-slow bench,$(MAKECMDGOALS)),)
DEPS_GROUPS += test
endif
ifeq ($(VALGRIND),1)
DEPS_GROUPS += valgrind
endif
ifneq ($(filter fuzz fuzzers,$(MAKECMDGOALS))$(filter 1,$(FUZZ)),)
DEPS_GROUPS += fuzz
endif
ifneq ($(filter check-scale,$(MAKECMDGOALS)),)
DEPS_GROUPS += scale
endif
ifneq ($(filter check-browser,$(MAKECMDGOALS)),)
DEPS_GROUPS += browser
endif
ifneq ($(filter deb check-deb,$(MAKECMDGOALS)),)
DEPS_GROUPS += deb
endif
ifneq ($(filter model,$(MAKECMDGOALS)),)
DEPS_GROUPS += model
endif
ifeq ($(filter clean distclean uninstall,$(MAKECMDGOALS)),)
$(shell scripts/install-deps $(DEPS_GROUPS) >&2)
ifneq ($(.SHELLSTATUS),0)
$(error winnow: cannot build without the packages named above)
endif
endif

DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
DEP_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wno-unused-parameter -Wno-missing-field-initializers
CFLAGS ?= $(OPTFLAGS)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) -Ilib $(DEP_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)
LIBS = $(DEP_LIBS) -lm

# The shared library, in layers (see README, "Layout"): core/ under
# record/, and one folder per engine.  Each list names its folder's objects.
# lib/core: the base layer: memory, text, JSON, hashing, regexes, state files
CORE_OBJ = \
	$(BUILD)/lib/core/atomic.o \
	$(BUILD)/lib/core/buf.o \
	$(BUILD)/lib/core/dec.o \
	$(BUILD)/lib/core/edgemap.o \
	$(BUILD)/lib/core/hset.o \
	$(BUILD)/lib/core/json.o \
	$(BUILD)/lib/core/jsonw.o \
	$(BUILD)/lib/core/parakey.o \
	$(BUILD)/lib/core/rx.o \
	$(BUILD)/lib/core/sha256.o \
	$(BUILD)/lib/core/simd.o \
	$(BUILD)/lib/core/state.o \
	$(BUILD)/lib/core/utf8.o \
	$(BUILD)/lib/core/util.o

# lib/record: records, sources and sinks, the driver every filter runs in
RECORD_OBJ = \
	$(BUILD)/lib/record/cli.o \
	$(BUILD)/lib/record/io.o \
	$(BUILD)/lib/record/rec.o

# lib/read: winnow-read: files into records
READ_OBJ = \
	$(BUILD)/lib/read/entities.o \
	$(BUILD)/lib/read/extract.o \
	$(BUILD)/lib/read/html.o \
	$(BUILD)/lib/read/inputs.o \
	$(BUILD)/lib/read/split.o \
	$(BUILD)/lib/read/textdec.o \
	$(BUILD)/lib/read/warc.o

# lib/norm: winnow-norm
NORM_OBJ = \
	$(BUILD)/lib/norm/norm.o

# lib/strip: winnow-strip: rules, layout, templates
STRIP_OBJ = \
	$(BUILD)/lib/strip/data.o \
	$(BUILD)/lib/strip/layout.o \
	$(BUILD)/lib/strip/linefeat.o \
	$(BUILD)/lib/strip/linemodel.o \
	$(BUILD)/lib/strip/linetrain.o \
	$(BUILD)/lib/strip/pattern.o \
	$(BUILD)/lib/strip/prefilter.o \
	$(BUILD)/lib/strip/rules.o \
	$(BUILD)/lib/strip/strip.o \
	$(BUILD)/lib/strip/tmpl.o

# lib/dedupe: winnow-dedupe: exact and near duplicates
DEDUPE_OBJ = \
	$(BUILD)/lib/dedupe/bloom.o \
	$(BUILD)/lib/dedupe/dedupe.o \
	$(BUILD)/lib/dedupe/imap.o \
	$(BUILD)/lib/dedupe/minhash.o \
	$(BUILD)/lib/dedupe/near.o \
	$(BUILD)/lib/dedupe/origins.o \
	$(BUILD)/lib/dedupe/payload.o \
	$(BUILD)/lib/dedupe/ptab.o

# lib/money: winnow-money
MONEY_OBJ = \
	$(BUILD)/lib/money/config.o \
	$(BUILD)/lib/money/currency.o \
	$(BUILD)/lib/money/json.o \
	$(BUILD)/lib/money/korean.o \
	$(BUILD)/lib/money/money_names.o \
	$(BUILD)/lib/money/number.o \
	$(BUILD)/lib/money/scan.o \
	$(BUILD)/lib/money/words.o

# lib/ner: winnow-tag: the entity tagger and its models
NER_OBJ = \
	$(BUILD)/lib/ner/bounds.o \
	$(BUILD)/lib/ner/corpus.o \
	$(BUILD)/lib/ner/data.o \
	$(BUILD)/lib/ner/default.o \
	$(BUILD)/lib/ner/eval.o \
	$(BUILD)/lib/ner/feat.o \
	$(BUILD)/lib/ner/gaz.o \
	$(BUILD)/lib/ner/model.o \
	$(BUILD)/lib/ner/particle.o \
	$(BUILD)/lib/ner/rule.o \
	$(BUILD)/lib/ner/tag.o \
	$(BUILD)/lib/ner/train.o \
	$(BUILD)/lib/ner/types.o \
	$(BUILD)/lib/ner/viterbi.o

# lib/pii: winnow-pii: personal data, masks and keyed hashes
PII_OBJ = \
	$(BUILD)/lib/pii/addr.o \
	$(BUILD)/lib/pii/check.o \
	$(BUILD)/lib/pii/number.o \
	$(BUILD)/lib/pii/pii.o \
	$(BUILD)/lib/pii/redact.o

# lib/stats: winnow-stats
STATS_OBJ = \
	$(BUILD)/lib/stats/statpage.o \
	$(BUILD)/lib/stats/stats.o

LIBOBJ = $(CORE_OBJ) $(RECORD_OBJ) $(READ_OBJ) $(NORM_OBJ) $(STRIP_OBJ) $(DEDUPE_OBJ) $(MONEY_OBJ) $(NER_OBJ) $(PII_OBJ) $(STATS_OBJ)

# Data files compiled into the library by scripts/embed: gen/NAME.c holds
# NAME_text[] from the file named in its rule below.
GENOBJ = \
	$(BUILD)/gen/strip_rules.o

HDR = $(wildcard lib/*/*.h)
LIB = $(BUILD)/libwinnow.a

# The filters: cmd/NAME.c becomes $(BUILD)/NAME.
CMDS = \
	winnow \
	winnow-dedupe \
	winnow-money \
	winnow-norm \
	winnow-pii \
	winnow-read \
	winnow-stats \
	winnow-strip \
	winnow-strip-train \
	winnow-tag \
	winnow-tag-train \
	winnow-text

BINS = $(CMDS:%=$(BUILD)/%)

# Man pages and shell completions are generated from the programs' --help
# (scripts/mkman, scripts/mkcompletion); winnow(7) is man/winnow.7.
FILTERS = $(filter winnow-%,$(CMDS))
MAN1 = $(FILTERS:%=$(BUILD)/man/man1/%.1)
MAN7 = $(BUILD)/man/man7/winnow.7
COMPLETIONS = $(BUILD)/completion/winnow.bash $(BUILD)/completion/_winnow
DOCS = README.md LICENSE data/ner/LICENSE-models doc/CONTRACT.md doc/GUIDE.md doc/BENCHMARKS.md
EXAMPLES = scripts/cron-example scripts/parallel scripts/slurm

# Check unit suites: tests/check_MODULE.c, one binary each.
TESTS = \
	check_atomic \
	check_bloom \
	check_dec \
	check_dedupe \
	check_edgemap \
	check_gaz \
	check_hset \
	check_imap \
	check_io \
	check_json \
	check_jsonw \
	check_layout \
	check_linemodel \
	check_minhash \
	check_money \
	check_ner \
	check_nerspans \
	check_nermodel \
	check_nertrain \
	check_norm \
	check_pii \
	check_prefilter \
	check_read \
	check_rec \
	check_rules \
	check_sha256 \
	check_simd \
	check_state \
	check_stats \
	check_strip \
	check_textdec \
	check_tmpl \
	check_utf8 \
	check_util

TEST_BINS = $(TESTS:%=$(BUILD)/tests/%)

# Fuzz harnesses: tests/fuzz/NAME.c, one per surface that takes untrusted
# bytes.  make check replays each over its saved inputs (tests/fuzz/corpus/
# NAME/) with tests/fuzz/replay.c; make fuzz runs them under libFuzzer.
FUZZERS = \
	fuzz_html \
	fuzz_json \
	fuzz_model \
	fuzz_money \
	fuzz_norm \
	fuzz_pii \
	fuzz_rules \
	fuzz_state \
	fuzz_strip \
	fuzz_strip_model \
	fuzz_tag \
	fuzz_textdec \
	fuzz_warc

FUZZ_REPLAY = $(FUZZERS:%=$(BUILD)/tests/%)

# make check VALGRIND=1: the CLI tests and the fuzz replays under memcheck;
# an error or a definite leak fails them.
VALGRIND ?= 0
ifeq ($(VALGRIND),1)
VALGRIND_RUN = valgrind -q --leak-check=full --show-leak-kinds=definite \
	--errors-for-leak-kinds=definite --error-exitcode=99 \
	--suppressions=tests/valgrind.supp
endif
FUZZ_SECONDS ?= 60
FUZZ_SEED ?= 0

all: $(LIB) $(BINS) $(MAN1) $(MAN7) $(COMPLETIONS)

$(BUILD)/lib/%.o: lib/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/gen/strip_rules.c: data/strip.rules scripts/embed
	@mkdir -p $(@D)
	scripts/embed strip_rules_text data/strip.rules > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The built-in line model of winnow-strip, compiled in by lib/strip/data.S.
$(BUILD)/lib/strip/data.o: lib/strip/data.S data/strip.model
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -I. -c -o $@ lib/strip/data.S

# The default entity models, compiled in by lib/ner/data.S (.incbin).
NERMODELS = data/ner-ko.wnm data/ner-en.wnm

$(BUILD)/lib/ner/data.o: lib/ner/data.S $(NERMODELS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -I. -c -o $@ lib/ner/data.S

$(LIB): $(LIBOBJ) $(GENOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ) $(GENOBJ)

$(BUILD)/%: cmd/%.c $(LIB) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/tests/%: tests/%.c tests/check_main.h $(LIB) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS) $(CHECK_LIBS)

$(BUILD)/man/man1/%.1: $(BUILD)/% scripts/mkman scripts/help.awk $(wildcard man/*.sections)
	@mkdir -p $(@D)
	scripts/mkman $< $(VERSION) $(FILTERS) > $@.tmp && mv $@.tmp $@

$(BUILD)/man/man7/winnow.7: man/winnow.7 $(FILTERS:%=$(BUILD)/%) scripts/mkman scripts/help.awk
	@mkdir -p $(@D)
	scripts/mkman --roff $(VERSION) $(FILTERS:%=$(BUILD)/%) < man/winnow.7 > $@.tmp && mv $@.tmp $@

$(BUILD)/completion/winnow.bash: $(FILTERS:%=$(BUILD)/%) scripts/mkcompletion scripts/help.awk
	@mkdir -p $(@D)
	scripts/mkcompletion bash $(FILTERS:%=$(BUILD)/%) > $@.tmp && mv $@.tmp $@

$(BUILD)/completion/_winnow: $(FILTERS:%=$(BUILD)/%) scripts/mkcompletion scripts/help.awk
	@mkdir -p $(@D)
	scripts/mkcompletion zsh $(FILTERS:%=$(BUILD)/%) > $@.tmp && mv $@.tmp $@

# install: every file installed is listed in DOCDIR/installed-files, which
# uninstall reads, so it removes exactly what was installed (also by an
# older tree with other filters).
install: all
	@set -e; d='$(DESTDIR)'; list=$$(mktemp); \
	put() { mode=$$1 dir=$$2 file=$$3 name=$${4:-$$(basename $$3)}; \
		install -d "$$d$$dir"; install -m $$mode "$$file" "$$d$$dir/$$name"; \
		echo "$$dir/$$name" >> $$list; echo "install $$d$$dir/$$name"; }; \
	for f in $(BINS); do put 755 '$(BINDIR)' $$f; done; \
	for f in $(MAN1); do put 644 '$(MANDIR)/man1' $$f; done; \
	for f in $(MAN7); do put 644 '$(MANDIR)/man7' $$f; done; \
	put 644 '$(BASHCOMPDIR)' $(BUILD)/completion/winnow.bash winnow; \
	for f in $(FILTERS); do \
		ln -sf winnow "$$d$(BASHCOMPDIR)/$$f"; echo "$(BASHCOMPDIR)/$$f" >> $$list; \
	done; \
	put 644 '$(ZSHCOMPDIR)' $(BUILD)/completion/_winnow; \
	for f in $(DOCS); do put 644 '$(DOCDIR)' $$f; done; \
	for f in $(EXAMPLES); do put 755 '$(DOCDIR)/examples' $$f; done; \
	echo '$(DOCDIR)/installed-files' >> $$list; \
	install -m 644 $$list "$$d$(DOCDIR)/installed-files"; rm -f $$list

uninstall:
	@d='$(DESTDIR)'; list="$$d$(DOCDIR)/installed-files"; \
	if [ -f "$$list" ]; then files=$$(cat "$$list"); else \
		files="$(CMDS:%=$(BINDIR)/%) $(FILTERS:%=$(MANDIR)/man1/%.1) \
		$(MANDIR)/man7/winnow.7 $(BASHCOMPDIR)/winnow $(FILTERS:%=$(BASHCOMPDIR)/%) \
		$(ZSHCOMPDIR)/_winnow $(DOCS:%=$(DOCDIR)/%) $(addprefix $(DOCDIR)/examples/,$(notdir $(EXAMPLES)))"; fi; \
	for f in $$files; do \
		if [ -e "$$d$$f" ] || [ -L "$$d$$f" ]; then echo "rm $$d$$f"; rm -f "$$d$$f"; fi; \
	done; \
	rmdir "$$d$(DOCDIR)/examples" "$$d$(DOCDIR)" 2>/dev/null || true

$(BUILD)/tests/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h \
    $(LIB) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -o $@ $< tests/fuzz/replay.c $(LIB) \
	    $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/tests/collide: tests/collide.c $(LIB) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/tests/mkseeds: tests/fuzz/mkseeds.c tests/fuzz/fuzz.h $(LIB) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(LIB) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -Itests/fuzz -o $@ $< $(LIB) \
	    $(ALL_LDFLAGS) $(LIBS)

fuzzers: $(FUZZERS:%=$(BUILD)/fuzz/%)

# make fuzz [FUZZ_SECONDS=N] [FUZZ_SEED=N] [FUZZERS="fuzz_json ..."]: seeds come from the
# project's tests and data (made by the normal build), the corpus grows in
# build-fuzz/corpus/, crashes land in build-fuzz/crash/ and fail the run.
fuzz: all $(BUILD)/tests/mkseeds
	$(MAKE) FUZZ=1 fuzzers
	BUILD=$(BUILD) FUZZ_BUILD=build-fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) \
	    FUZZ_SEED=$(FUZZ_SEED) tests/fuzz/run $(FUZZERS)

demo: all
	BUILD=$(BUILD) scripts/demo

bench: all
	BUILD=$(BUILD) scripts/bench

# The layers of lib/ (README, "Layout"): what may include what, and only
# cmd/ exits.  make check runs it; tests/cli/t-layers.sh proves it can fail.
check-layers:
	@scripts/check-layers && echo "check-layers: the tree keeps its layers"

check: all check-layers $(TEST_BINS) $(FUZZ_REPLAY)
	@fail=0; for t in $(TEST_BINS); do \
		CK_VERBOSITY=$${CK_VERBOSITY:-normal} $$t || fail=1; \
	done; \
	for t in $(FUZZERS); do \
		$(VALGRIND_RUN) $(BUILD)/tests/$$t tests/fuzz/corpus/$$t \
		    >$(BUILD)/tests/$$t.log 2>&1 || \
		{ fail=1; echo "FAIL $$t:"; tail -30 $(BUILD)/tests/$$t.log; }; \
	done; \
	echo "fuzz replay: $(words $(FUZZERS)) harnesses over tests/fuzz/corpus/"; \
	BUILD=$(BUILD) VALGRIND=$(VALGRIND) tests/cli/run || fail=1; \
	exit $$fail

# Slow tests: the same scripts, at full size (e.g. 50 kill -9 inside saves
# of a 16 MB state).
check-slow: all $(BUILD)/tests/collide
	CRASH_RUNS=50 CRASH_KEYS=1000000 ALLOC_DENSE=400 ALLOC_STRIDE=16 \
	    HOSTILE_MB=27 LIMITS_SLOW=1 FLOOD=1 BUILD=$(BUILD) tests/cli/run

# scripts/parallel and scripts/cron-example end to end (GNU parallel's
# start-up makes them slow); .ci/run runs this.
check-scale: all
	BUILD=$(BUILD) tests/scale/run

# A Debian package from debian/, built with dpkg-buildpackage in a copy of
# the tree ($(BUILD)/deb/winnow-VERSION/), so nothing is written beside the
# clone; the .deb, .changes and lintian's report land in $(BUILD)/deb/.
deb:
	@v=$$(dpkg-parsechangelog -l debian/changelog -S Version); \
	[ "$$v" = "$(VERSION)" ] || { echo "make deb: debian/changelog is $$v, the Makefile $(VERSION)" >&2; exit 1; }
	rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb/winnow-$(VERSION)
	tar -cf - --exclude=./build --exclude=./build-san --exclude=./build-fuzz \
	    --exclude=./.git . | tar -xf - -C $(BUILD)/deb/winnow-$(VERSION)
	cd $(BUILD)/deb/winnow-$(VERSION) && \
	    dpkg-buildpackage -us -uc -b >../build.log 2>&1 || { tail -30 ../build.log; exit 1; }
	@ls $(BUILD)/deb/*.deb

# lintian with no error, then dpkg -i, winnow help and a pipeline, dpkg -r.
check-deb: deb
	BUILD=$(BUILD) scripts/check-deb

# The stats page in headless Chromium (installs it); .ci/run runs this.
check-browser: all
	BUILD=$(BUILD) scripts/check-browser

# Retrain the default entity models from the shared training data (what
# each saw and its licence: data/README.md, data/ner/LICENSE-models).
# Korean: the 4,000 KLUE-NER
# dev sentences and the first 5,000 of its train split, with the KLUE-train
# names less those 5,000 sentences' own, our news names and iso-codes
# places.  English: wikigold, WNUT 2017, Universal NER (EWT), the Broad
# Twitter Corpus but the second half of its news section G (held out),
# CrossNER.  The prepared data is cached under build/ner; `make model-eval`
# prints the figures doc/BENCHMARKS.md quotes.
NERDATA = ../shared/data/ner
NB = $(BUILD)/ner
KLUE4K = $(NERDATA)/klue-ner-train4k.tsv
KLUE5K = $(NERDATA)/klue-train5k/klue-ner-v1.1_train_first5000.tsv
UNER = $(NERDATA)/uner-en-ewt
KO_GAZ = -g $(NB)/ko-klue-gaz.tsv -g data/ner/ko-news.tsv -g $(NB)/ko-places.tsv
EN_GAZ = -g data/ner/en-news.tsv -g $(NB)/en-places.tsv
EN_TRAIN = $(NERDATA)/wikigold.conllu $(NERDATA)/wnut17train.conll \
	$(NB)/en-uner.conll $(NB)/en-btc.conll \
	$(NERDATA)/crossner/crossner_all_mapped_PER_ORG_LOC.conll

$(NB)/ko-places.tsv: scripts/ner-gazetteers
	@[ -d $(NERDATA) ] || { echo "make model: $(NERDATA) not found: no training data here" >&2; exit 1; }
	scripts/ner-gazetteers $(NB)

$(NB)/ko-klue-gaz.tsv: scripts/ner-prep $(NB)/ko-places.tsv
	scripts/ner-prep gaz-minus $(NERDATA)/klue-train-gazetteer.tsv $(KLUE5K) >$@.tmp && mv $@.tmp $@

$(NB)/en-uner.conll: scripts/ner-prep $(NB)/ko-places.tsv
	scripts/ner-prep cols 2 3 $(UNER)/en_ewt-ud-train.EARLY-d516dd3.iob2 \
		$(UNER)/en_ewt-ud-dev.iob2 $(UNER)/en_ewt-ud-test.iob2 >$@.tmp && mv $@.tmp $@

# BTC: sections A, B, E, F, H and the first half of G; the second half of G
# (news) is the held-out English figure, never trained or tuned on.
$(NB)/en-btc.conll: scripts/ner-prep $(NB)/ko-places.tsv
	scripts/ner-prep split 1 2 $(NERDATA)/btc/g.conll >$(NB)/en-btc-g2.conll
	{ cat $(NERDATA)/btc/a.conll $(NERDATA)/btc/b.conll $(NERDATA)/btc/e.conll \
		$(NERDATA)/btc/f.conll $(NERDATA)/btc/h.conll; \
		scripts/ner-prep split 0 2 $(NERDATA)/btc/g.conll; } >$@.tmp && mv $@.tmp $@

model: $(BUILD)/winnow-tag-train $(NB)/ko-klue-gaz.tsv $(NB)/en-uner.conll $(NB)/en-btc.conll
	nice $(BUILD)/winnow-tag-train -v --prune 3 -o data/ner-ko.wnm $(KO_GAZ) $(KLUE4K) $(KLUE5K)
	nice $(BUILD)/winnow-tag-train -v --prune 3 -o data/ner-en.wnm $(EN_GAZ) $(EN_TRAIN)

# The figures: Korean, 5-fold cross-validation on the 9,000 training
# sentences, and a held-out check (trained on the 4,000 and the first
# half of the 5,000, scored on the second half); English, 5-fold
# cross-validation on the training sets and the shipped model on the
# held-out half of BTC section G.  One training at a time, niced.
model-eval: $(BUILD)/winnow-tag-train $(NB)/ko-klue-gaz.tsv $(NB)/en-uner.conll $(NB)/en-btc.conll
	scripts/ner-prep split 0 2 $(KLUE5K) >$(NB)/klue5k-a.tsv
	scripts/ner-prep split 1 2 $(KLUE5K) >$(NB)/klue5k-b.tsv
	nice $(BUILD)/winnow-tag-train --prune 3 --folds 5 $(KO_GAZ) $(KLUE4K) $(KLUE5K)
	nice $(BUILD)/winnow-tag-train --prune 3 --test $(NB)/klue5k-b.tsv $(KO_GAZ) $(KLUE4K) $(NB)/klue5k-a.tsv
	nice $(BUILD)/winnow-tag-train --prune 3 --folds 5 $(EN_GAZ) $(EN_TRAIN)
	$(BUILD)/winnow-tag-train --model data/ner-en.wnm --test $(NB)/en-btc-g2.conll

# Retrain winnow-strip's line model, data/strip.model, from the labelled
# development pages (scripts/strip-data: ko-bench-dev, en-bench-dev, the
# seeds, each also as a cleaner reader would give it).  scripts/eval-strip
# measures it site by site, on models that never saw the site.
STRIPDATA = ../shared

strip-model: $(BUILD)/winnow-strip-train
	@[ -d $(STRIPDATA)/data/clean ] || { echo "make strip-model: $(STRIPDATA)/data/clean not found: no training data here" >&2; exit 1; }
	@mkdir -p $(BUILD)/strip
	scripts/strip-data --shared $(STRIPDATA) --clean > $(BUILD)/strip/pages.jsonl
	nice $(BUILD)/winnow-strip-train -v -o data/strip.model $(BUILD)/strip/pages.jsonl

clean:
	rm -rf build build-san build-fuzz

.PHONY: all bench check check-browser check-deb check-layers check-scale check-slow clean deb demo fuzz fuzzers \
	install model model-eval strip-model uninstall
.SECONDARY:
