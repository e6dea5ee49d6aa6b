# Two commands on a fresh machine: `make site` builds site/, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Material prints a banner about MkDocs 2 on every run; we pin MkDocs <2 on purpose.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint browser check serve clean bench lighthouse links
AUDIT := tools/audit/node_modules/.installed
ADMIN := tools/admin/node_modules/.installed

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Lighthouse and axe-core (npm, exact versions in tools/audit/package-lock.json).
$(AUDIT): tools/audit/package.json tools/audit/package-lock.json
	cd tools/audit && npm ci --no-audit --no-fund --loglevel=error
	touch $(AUDIT)

# Sveltia CMS for the browser editor (/admin/), exact version in tools/admin/package-lock.json.
$(ADMIN): tools/admin/package.json tools/admin/package-lock.json
	cd tools/admin && npm ci --no-audit --no-fund --loglevel=error
	touch $(ADMIN)

site: $(STAMP) $(ADMIN)
	$(PY) scripts/build.py

check: $(STAMP)
	$(PY) scripts/check.py

# External links of the built site/ (run weekly by .github/workflows/links.yml; needs the
# internet). Not part of the build: exit 1 when a link is broken, the site is untouched.
links: $(STAMP)
	$(PY) -m kriya.external_links site

# The live preview (kriya.adapter.serving); tools/bench/serve.py starts it with the same command.
serve: $(STAMP) $(ADMIN)
	$(VENV)/bin/kriya serve

# Lint, format and type checks first (seconds), then every test. The workflows are checked
# too: actionlint (syntax, expressions, shell) and zizmor (security; --offline, no GitHub API).
lint: $(STAMP)
	$(VENV)/bin/ruff check src scripts tests tools
	$(VENV)/bin/ruff format --check src scripts tests tools
	$(VENV)/bin/mypy
	$(VENV)/bin/actionlint
	$(VENV)/bin/zizmor --offline --quiet .github

test: lint $(AUDIT) $(ADMIN) browser
	$(PY) -m pytest

# Browser tests need Chromium: Debian's package, installed here when missing (KRIYA_CHROMIUM
# names another browser, e.g. the Chrome of GitHub's runners).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@test -x "$${KRIYA_CHROMIUM:-/usr/bin/chromium}" || { \
	  command -v apt-get >/dev/null || { echo "Chromium missing: install it, or set KRIYA_CHROMIUM"; exit 1; }; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Benchmark, not a test: Lighthouse scores and page weights of the real site.
lighthouse: $(STAMP) $(AUDIT) site
	$(PY) tools/lighthouse.py

bench: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r tools/bench/requirements.lock
	$(PY) tools/bench/run.py

# Search quality on the judged Indonesian corpus (tests/fixtures/search-site), in Chromium.
.PHONY: search-eval
search-eval: $(STAMP)
	$(PY) tools/search_eval.py --compare --lists

clean:
	rm -rf site .site-build-* .site-old-*
