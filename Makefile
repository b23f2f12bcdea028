# Two commands for a fresh machine (Python 3.11+, make, npm): `make book` and `make test`.
# Everything else here is a step those two take.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MATHJAX := vendor/static/mathjax
NOTEBOOKS := chapters solutions exercises

.PHONY: book test lint unit notebooks exercises exercises-check hygiene build browser benchmark \
	serve clean

book: build
	@echo
	@echo "The site is in _build/html (open _build/html/index.html)."
	@echo "To serve it:  $(BIN)/python -m http.server --directory _build/html 8000"
	@echo "then open http://localhost:8000"

test: lint unit exercises-check hygiene notebooks binder-check build browser
	@echo "make test: all checks passed"

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

$(MATHJAX)/tex-chtml.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(MATHJAX) && mkdir -p $(MATHJAX)
	cd node_modules/mathjax/es5 && cp -r tex-chtml.js core.js loader.js startup.js \
		input output ui a11y adaptors sre $(CURDIR)/$(MATHJAX)/

lint: $(STAMP)
	$(BIN)/ruff check mathlib tests tools benchmarks

unit: $(STAMP)
	$(BIN)/python -m pytest tests mathlib --doctest-modules -q -m "not browser"

exercises: $(STAMP)
	$(BIN)/python tools/make_exercises.py

exercises-check: $(STAMP)
	$(BIN)/python tools/make_exercises.py --check

hygiene: $(STAMP)
	$(BIN)/python tools/check_notebooks.py $(NOTEBOOKS)

notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval-lax -p no:cacheprovider -n 2 --dist loadfile $(NOTEBOOKS)

build: $(STAMP) $(MATHJAX)/tex-chtml.js
	rm -rf _build/html _build/jupyter_execute
	$(BIN)/jupyter-book build . -W --keep-going

browser: $(STAMP)
	$(BIN)/python -m pytest tests -q -m browser

# The Binder path: a fresh environment with only requirements.txt runs every notebook from
# its own folder.
binder-check:
	rm -rf .venv-binder && $(PYTHON) -m venv .venv-binder
	.venv-binder/bin/python -m pip install --quiet -r requirements.txt
	.venv-binder/bin/python benchmarks/notebook_times.py

benchmark: $(STAMP)
	$(BIN)/python benchmarks/notebook_times.py

serve:
	$(BIN)/python -m http.server --directory _build/html 8000

clean:
	rm -rf _build vendor node_modules
