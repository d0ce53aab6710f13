# oomwatch: one plain Makefile.
#
#   make            build ./oomwatch
#   make run        install missing Debian packages (as root), build, start the dashboard
#   make test       install missing packages, build, run every test (units under ASan+UBSan)
#   make bench      performance benchmarks (spawns its own processes, cleans up)
#   make fuzz       libFuzzer harnesses (clang); corpus replay runs in `make test`
#   make screenshots  render the running dashboard to screenshots/*.png
#   make install    PREFIX=/usr/local DESTDIR= UNITDIR=/lib/systemd/system
#                   (the binary, themes, and systemd/oomwatch-record.service)
#
# Layers (see README): core, model (pure), collect (I/O in), view (curses),
# action (I/O to processes), persist (files), app (wiring). Unit tests
# link every layer but main.c and libproc2: the app's key handling and
# screens are tested without a terminal (they never call screen_open), and
# since ui_main.c draws through view/, view/ and ncursesw are linked in
# too. So the link does not catch a curses call outside view/:
# check-layers does, by includes (only src/view/ may include curses). Only
# files named *_lp2.c may use libproc2, and libproc2 stays out of the unit
# tests.

VERSION    := 0.1.0
CC         ?= cc
BUILD      ?= build
BIN        ?= oomwatch
PREFIX     ?= /usr/local
DESTDIR    ?=
UNITDIR    ?= /lib/systemd/system
PKG_CONFIG ?= pkg-config
SYSLIBS    := -lpthread -lm

WARN    := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes \
	   -Wmissing-prototypes -Wvla -Wno-unused-parameter
BASEFLAGS := -std=c11 -D_GNU_SOURCE -Iinclude -MMD -MP $(WARN) \
	   -DOOMWATCH_VERSION='"$(VERSION)"'
OPT     ?= -O2 -g
SANFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=undefined

CURSES_CFLAGS = $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)
CURSES_LIBS   = $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
LP2_CFLAGS    = $(shell $(PKG_CONFIG) --cflags libproc2 2>/dev/null)
LP2_LIBS      = $(shell $(PKG_CONFIG) --libs libproc2 2>/dev/null || echo -lproc2)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
# SQLite (Debian libsqlite3-dev): the recorder's store; only persist/rec*.c
# include it (SQLITE_OBJ)
SQLITE_CFLAGS = $(shell $(PKG_CONFIG) --cflags sqlite3 2>/dev/null)
SQLITE_LIBS   = $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3)

CORE_SRC    := $(wildcard src/core/*.c)
MODEL_SRC   := $(wildcard src/model/*.c)
COLLECT_SRC := $(wildcard src/collect/*.c)
VIEW_SRC    := $(wildcard src/view/*.c)
ACTION_SRC  := $(wildcard src/action/*.c)
PERSIST_SRC := $(wildcard src/persist/*.c)
APP_SRC     := $(wildcard src/app/*.c)
ALL_SRC     := $(CORE_SRC) $(MODEL_SRC) $(COLLECT_SRC) $(VIEW_SRC) \
	       $(ACTION_SRC) $(PERSIST_SRC) $(APP_SRC)
# What unit tests may link: everything but libproc2 and main().
TESTLIB_SRC := $(CORE_SRC) $(MODEL_SRC) \
	       $(filter-out %_lp2.c,$(COLLECT_SRC)) $(ACTION_SRC) $(PERSIST_SRC) \
	       $(VIEW_SRC) $(filter-out src/app/main.c,$(APP_SRC))

UNIT_SRC  := $(wildcard tests/unit/test_*.c)
HELP_SRC  := $(wildcard tests/helpers/*.c)
PROG_SRC  := $(wildcard tests/progs/*.c)
FUZZ_SRC  := $(wildcard tests/fuzz/fuzz_*.c)
BENCH_SRC := $(wildcard bench/*.c)

OBJ      := $(ALL_SRC:%.c=$(BUILD)/obj/%.o)
SAN_LIB  := $(TESTLIB_SRC:%.c=$(BUILD)/san/%.o) $(HELP_SRC:%.c=$(BUILD)/san/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/unit/%)
PROG_BIN := $(PROG_SRC:tests/progs/%.c=$(BUILD)/progs/%)
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/replay/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

.PHONY: all run test check unit-build bench fuzz screenshots install clean \
	deps-build deps-test deps-bench deps-screenshots format format-check check-layers

all: $(BIN)

# The binary's link: --as-needed drops a library nothing calls (libm);
# packed relative relocations (DT_RELR, where the toolchain has them)
# shrink the PIE's relocation table that ld.so reads at every start.
# libsqlite3 is not linked: persist/recsql.c loads it with dlopen at the
# first database open (the tests and benches still link it).
RELR_LDFLAGS = $(shell printf 'int main(void){return 0;}' | $(CC) -x c - \
	-o /dev/null -Wl,-z,pack-relative-relocs -Wl,--fatal-warnings \
	2>/dev/null && echo -Wl,-z,pack-relative-relocs)
BIN_LDFLAGS  = -Wl,-O1 -Wl,--as-needed $(RELR_LDFLAGS)

$(BIN): $(OBJ)
	$(CC) $(OPT) $(BIN_LDFLAGS) -o $@ $(OBJ) $(CURSES_LIBS) $(LP2_LIBS) \
		$(SYSLIBS) -ldl

$(BUILD)/obj/src/view/%.o: src/view/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(OPT) $(CURSES_CFLAGS) -c -o $@ $<

SQLITE_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard src/persist/rec*.c))
$(SQLITE_OBJ): $(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(OPT) $(SQLITE_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%_lp2.o: %_lp2.c
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(OPT) $(LP2_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(OPT) -c -o $@ $<

# Sanitized objects for the unit tests.
$(BUILD)/san/src/view/%.o: src/view/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(SANFLAGS) $(CURSES_CFLAGS) -c -o $@ $<

$(BUILD)/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(SANFLAGS) $(CMOCKA_CFLAGS) $(SQLITE_CFLAGS) \
		-Itests/helpers -c -o $@ $<

$(BUILD)/unit/%: tests/unit/%.c $(SAN_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(SANFLAGS) $(CMOCKA_CFLAGS) -Itests/helpers \
		$(SQLITE_CFLAGS) -Wno-missing-prototypes -o $@ $< $(SAN_LIB) \
		$(CMOCKA_LIBS) $(CURSES_LIBS) $(SQLITE_LIBS) $(SYSLIBS)

# Small standalone programs the live and terminal tests start.
$(BUILD)/progs/%: tests/progs/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(OPT) -o $@ $<

# Fuzz harnesses built as plain corpus-replay programs (gcc, sanitizers).
$(BUILD)/replay/%: tests/fuzz/%.c tests/fuzz/replay_main.c $(SAN_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(SANFLAGS) -Wno-missing-prototypes -o $@ $< \
		tests/fuzz/replay_main.c $(SAN_LIB) $(CURSES_LIBS) $(SQLITE_LIBS) \
		$(SYSLIBS)

$(BUILD)/bench/%: bench/%.c $(filter-out $(BUILD)/obj/src/app/main.o,$(OBJ))
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(OPT) $(LP2_CFLAGS) -Wno-missing-prototypes -o $@ $< \
		$(filter-out $(BUILD)/obj/src/app/main.o,$(OBJ)) \
		$(CURSES_LIBS) $(LP2_LIBS) $(SQLITE_LIBS) $(SYSLIBS) -lutil

deps-build:
	@sh scripts/deps.sh build
deps-test:
	@BUILD=$(BUILD) sh scripts/deps.sh test
deps-bench:
	@sh scripts/deps.sh bench
deps-screenshots:
	@sh scripts/deps.sh screenshots

run: deps-build
	@$(MAKE) --no-print-directory $(BIN)
	$(if $(filter /%,$(BIN)),,./)$(BIN) $(ARGS)

unit-build: $(UNIT_BIN) $(PROG_BIN) $(REPLAY_BIN)

test: deps-test
	@$(MAKE) --no-print-directory $(BIN) unit-build
	@BUILD=$(BUILD) BIN=$(BIN) sh tests/run.sh $(T)

check: test

bench: deps-bench
	@$(MAKE) --no-print-directory $(BIN) $(BENCH_BIN) $(PROG_BIN)
	@BUILD=$(BUILD) BIN=$(BIN) sh bench/run.sh

fuzz:
	@command -v clang >/dev/null || { echo "make fuzz: needs clang (apt-get install clang)"; exit 1; }
	@mkdir -p $(BUILD)/fuzz
	@for f in $(FUZZ_SRC); do n=$$(basename $$f .c); \
	  echo "clang $$n"; \
	  clang $(BASEFLAGS) -Wno-missing-prototypes -g -O1 \
	    -fsanitize=fuzzer,address,undefined -o $(BUILD)/fuzz/$$n $$f \
	    $(CURSES_CFLAGS) $(TESTLIB_SRC) $(CURSES_LIBS) $(SQLITE_LIBS) \
	    $(SYSLIBS) \
	    || exit 1; done
	@echo "run e.g.: $(BUILD)/fuzz/fuzz_klog tests/fuzz/corpus/klog -max_total_time=60"

screenshots: deps-screenshots $(BIN) $(PROG_BIN)
	@BUILD=$(BUILD) BIN=$(BIN) sh scripts/screenshots.sh

# Re-bless tests/golden/ (tests/term/golden.sh) after an intended change.
.PHONY: golden-bless
golden-bless: $(BIN)
	@OOMWATCH_BIN=$(abspath $(BIN)) BUILD=$(BUILD) sh tests/term/golden.sh --bless

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/oomwatch/themes \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/oomwatch
	install -m 0644 themes/*.theme $(DESTDIR)$(PREFIX)/share/oomwatch/themes/
	if [ -f man/oomwatch.1 ]; then install -m 0644 man/oomwatch.1 \
		$(DESTDIR)$(PREFIX)/share/man/man1/; fi
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|@BINDIR@|$(PREFIX)/bin|g' systemd/oomwatch-record.service \
		>$(DESTDIR)$(UNITDIR)/oomwatch-record.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/oomwatch-record.service

# Layer rules: model and core do no I/O and include no curses/libproc2;
# persist builds on core and model; no include or call cycle between files
# (the call graph is read from the objects with nm).
check-layers: $(OBJ)
	@BUILD=$(BUILD) sh scripts/check-layers.sh

format:
	clang-format -i $(ALL_SRC) $(wildcard include/*/*.h) $(UNIT_SRC) $(HELP_SRC)
format-check:
	clang-format --dry-run --Werror $(ALL_SRC) $(wildcard include/*/*.h) $(UNIT_SRC) $(HELP_SRC)

clean:
	rm -rf $(BUILD) $(BIN)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# keep the sanitizer objects between runs (they are built by pattern rules)
.SECONDARY:
