# Two commands for a fresh machine (Python 3.11+, make, npm): `make book` and `make test`.
# Everything else here is a step those two take.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MATHJAX := vendor/static/mathjax
NOTEBOOKS := chapters solutions exercises
# One BLAS thread per process: the notebooks' matrices are small, and the test runs
# already keep both cores busy (two nbval workers), so more threads only contend.
export OPENBLAS_NUM_THREADS ?= 1

.PHONY: book test lint unit notebooks exercises exercises-check hygiene build browser benchmark \
	serve clean pdf tex-packages

book: build
	@echo
	@echo "The site is in _build/html (open _build/html/index.html)."
	@echo "To serve it:  $(BIN)/python -m http.server --directory _build/html 8000"
	@echo "then open http://localhost:8000"

test: lint unit exercises-check hygiene notebooks build pdf browser
	@echo "make test: all checks passed"

$(STAMP): requirements.txt requirements-test.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

$(MATHJAX)/tex-chtml.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(MATHJAX) && mkdir -p $(MATHJAX)
	cd node_modules/mathjax/es5 && cp -r tex-chtml.js core.js loader.js startup.js \
		input output ui a11y adaptors sre $(CURDIR)/$(MATHJAX)/

# Notebooks: code lines fit the book's 88-column text column, and no name is undefined or
# unused (exercise notebooks import what the student will need, so F401 is allowed there).
lint: $(STAMP)
	$(BIN)/ruff check mathlib tests tools benchmarks
	$(BIN)/ruff check --select E501,F --line-length 88 --per-file-ignores "exercises/*:F401" \
		$(NOTEBOOKS)

unit: $(STAMP)
	$(BIN)/python -m pytest tests mathlib --doctest-modules -q -m "not browser"

exercises: $(STAMP)
	$(BIN)/python tools/make_exercises.py

exercises-check: $(STAMP)
	$(BIN)/python tools/make_exercises.py --check

hygiene: $(STAMP)
	$(BIN)/python tools/check_notebooks.py $(NOTEBOOKS)

# Every notebook runs twice in `make test`, at two NumPy SIMD levels (their last bits
# differ, and nothing in the book may depend on them):
# 1. here, in a fresh environment made from requirements.txt alone plus the test runner
#    (what Binder installs), at NumPy's baseline level: every feature it would dispatch to
#    on this CPU is switched off;
# 2. in the site build, at the machine's native level.
BINDER := .venv-binder
notebooks:
	rm -rf $(BINDER) && $(PYTHON) -m venv $(BINDER)
	$(BINDER)/bin/python -m pip install --quiet -r requirements.txt -r requirements-test.txt
	export NPY_DISABLE_CPU_FEATURES="$$($(BINDER)/bin/python tools/simd.py --disable)" && \
	$(BINDER)/bin/python tools/simd.py --report "the notebooks (nbval, Binder environment)" && \
	$(BINDER)/bin/python -m pytest --nbval-lax -p no:cacheprovider -n 2 --dist loadfile \
		$(NOTEBOOKS)

# Empties the notebook cache (execute_notebooks: cache): each build runs every notebook.
build: $(STAMP) $(MATHJAX)/tex-chtml.js
	rm -rf _build/html _build/jupyter_execute _build/.doctrees _build/.jupyter_cache
	$(BIN)/python tools/simd.py --report "the site build"
	$(BIN)/jupyter-book build . -W --keep-going

# The whole book as a PDF, from the notebook runs of `build` (the cache): LaTeX errors
# and glyphs missing from the fonts fail it. Then the site is written again, now with a
# link to the PDF.
TEX_PACKAGES := texlive-xetex texlive-latex-extra texlive-fonts-recommended \
	texlive-lang-chinese latexmk xindy fonts-freefont-otf fonts-noto-cjk fonts-dejavu-core
tex-packages:
	@echo $(TEX_PACKAGES)

pdf: build
	@for tool in xelatex latexmk xindy; do command -v $$tool >/dev/null || { \
		echo "make pdf needs $$tool. On Debian or Ubuntu:" >&2; \
		echo "  apt-get install --no-install-recommends $(TEX_PACKAGES)" >&2; exit 1; }; done
	rm -rf _build/latex
	$(BIN)/jupyter-book build . --builder latex --keep-going > _build/latex-sphinx.log 2>&1 \
		|| { cat _build/latex-sphinx.log; exit 1; }
	@cat _build/latex-sphinx.log
	@# Every Sphinx warning fails the PDF but one: the LaTeX writer warns of each part
	@# without a caption (the chapters after a Part's overview page, see _toc.yml) and
	@# writes it as a part titled "Part". Those lines go, so the chapters stay in their
	@# Part, and the overview pages lose their chapter number as on the site.
	@if grep WARNING _build/latex-sphinx.log | grep -v "toctree has no caption and"; then \
		echo "make pdf: Sphinx warnings (above)" >&2; exit 1; fi
	sed -i -e '/^\\part{Part}$$/d' _build/latex/book.tex
	sed -i -e 's/^\\chapter{\(Part [IVX]* at a glance[^}]*\)}$$/\\chapter*{\1}\\addcontentsline{toc}{chapter}{\1}/' _build/latex/book.tex
	$(MAKE) -C _build/latex all-pdf LATEXMKOPTS="-interaction=nonstopmode -halt-on-error" \
		</dev/null
	@if grep "Missing character" _build/latex/book.log; then \
		echo "make pdf: characters missing from the PDF's fonts (above)" >&2; exit 1; fi
	cp _build/latex/book.pdf _build/html/book.pdf
	$(BIN)/jupyter-book build . -W --keep-going

browser: $(STAMP)
	$(BIN)/python -m pytest tests -q -m browser

benchmark: $(STAMP)
	$(BIN)/python benchmarks/notebook_times.py

serve:
	$(BIN)/python -m http.server --directory _build/html 8000

clean:
	rm -rf _build vendor node_modules
