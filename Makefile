# Two entry points: `make demo` (install + run on the bundled samples) and `make test`
# (install + the whole test suite, what CI runs). Everything installs from this repo's files.
# `make test` checks the import layers too (import-linter contracts in pyproject.toml).
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)

.PHONY: demo test install install-test browser postgres lint soak scorecard

# The reliability scorecard (issue 16, docs/reliability.md): each promise's test module in
# tests/scorecard/ appends its figures here; `make scorecard` prints them as one table.
SCORECARD_RESULTS ?= $(CURDIR)/data/scorecard.jsonl
export SCORECARD_RESULTS

$(UV):
	python3 -m pip install --quiet --user uv

install: $(UV)
	$(UV) sync --locked

install-test: $(UV)
	$(UV) sync --locked --extra test

# Debian's Chromium drives the browser tests (Playwright never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

demo: install
	$(UV) run --locked newsetl run

# Debian's PostgreSQL server for the PostgreSQL-catalog DuckLake tests (tests/lake): each test
# session starts its own throwaway cluster on loopback; nothing is left running.
postgres:
	@{ command -v initdb && command -v pg_ctl; } >/dev/null 2>&1 || \
		ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

# One pytest worker per core: a third worker on 2 cores made CI slower (30:16 against 26–30
# minutes, 20 % more CPU time) and timed out two tests that wait for servers.
test: install-test browser postgres
	@mkdir -p "$(dir $(SCORECARD_RESULTS))" && rm -f "$(SCORECARD_RESULTS)"
	$(UV) run --locked ruff check .
	$(UV) run --locked python tests/lint_imports.py
	$(UV) run --locked pytest -n logical --maxprocesses 4 --dist loadfile --no-loadscope-reorder \
		--durations=25

# The scorecard's long versions: more kill chains and writer pairs, 15 minutes of fuzzing
# (about 40 minutes in all on 2 cores); the table at the end.
soak: install-test
	@mkdir -p "$(dir $(SCORECARD_RESULTS))" && rm -f "$(SCORECARD_RESULTS)"
	SCORECARD_SOAK=1 $(UV) run --locked pytest tests/scorecard -n 2 --dist loadfile; \
		status=$$?; $(MAKE) --no-print-directory scorecard; exit $$status

scorecard:
	@$(UV) run --locked python -m tests.scorecard.scorecard "$(SCORECARD_RESULTS)"
