# Two commands on a fresh machine: `make site` builds site/, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Material prints a banner about MkDocs 2 on every run; we pin MkDocs <2 on purpose.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve clean bench

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

site: $(STAMP)
	$(PY) scripts/build.py

check: $(STAMP)
	$(PY) scripts/check.py

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) tools/bench/run.py

# Search quality on the judged Indonesian corpus (tests/fixtures/search-site), in Chromium.
.PHONY: search-eval
search-eval: $(STAMP)
	$(PY) scripts/search_eval.py --compare

clean:
	rm -rf site .site-build-* .site-old-*
