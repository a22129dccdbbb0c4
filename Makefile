# Two entry points: `make demo` runs the main job on the embedded store, `make test` runs the suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT := out
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint bench fuzz install test-deps clean

$(BIN)/graphkit: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/graphkit

demo: install
	mkdir -p $(OUT)
	$(BIN)/graphkit load examples/palmyra-lavrov-thread.txt --store $(OUT)/demo.lbug
	$(BIN)/graphkit query most-mentioned -p limit=10 --store $(OUT)/demo.lbug
	$(BIN)/graphkit query reply-network --store $(OUT)/demo.lbug
	$(BIN)/graphkit view --kind replies -o $(OUT)/replies.html --store $(OUT)/demo.lbug
	$(BIN)/graphkit view --kind mentions -o $(OUT)/mentions.html --store $(OUT)/demo.lbug
	@echo "Open $(OUT)/replies.html and $(OUT)/mentions.html in a browser."

# Browser tests need Debian's chromium; the Neo4j tests build their server with Maven on first use.
test-deps: install
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; } \
	  || echo "chromium could not be installed: browser tests will be skipped"

# Two test processes (pytest-xdist): the suite waits on other programs (Neo4j, Chromium, Dask) much of the time.
test: test-deps
	$(BIN)/ruff check .
	$(BIN)/pytest -q -n 2

bench: install
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/entities.py
	$(BIN)/python bench/replies.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/view.py
	$(BIN)/python bench/scale.py

# The fuzz properties of the suite with many more examples (FUZZ_EXAMPLES per property).
FUZZ_EXAMPLES ?= 2000
fuzz: install
	$(BIN)/python bench/fuzz.py --examples $(FUZZ_EXAMPLES)

clean:
	rm -rf $(OUT) graphkit.lbug graphkit.lbug.wal
