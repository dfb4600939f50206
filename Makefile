# ckm-course: two commands on a fresh machine (python3 >= 3.11 and make are all it needs).
#   make lab    set up .venv and open JupyterLab on the notebooks
#   make test   set up .venv (with test extras) and run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CONSTRAINTS := requirements/constraints.txt
LAB_ARGS ?=
PYTEST_ARGS ?=

.PHONY: lab app test test-delivery test-all fuzz setup setup-test notebooks exercises slides screenshots lock bench clean help hub hub-proxy
.DEFAULT_GOAL := help

help:
	@echo "make lab      set up .venv and start JupyterLab on notebooks/ (LAB_ARGS='--no-browser --port 8888')"
	@echo "make test     set up .venv with test extras and run the suite (about 2.5 minutes on 2 cores, warm)"
	@echo "make test-delivery  browser tests of presenting (RISE, reveal decks), the Voila app, a hub class, the screenshot gallery (about 2 minutes)"
	@echo "make fuzz     the full property run: >= 10,000 generated answers per checker kind (about a minute)"
	@echo "make test-all test, test-delivery and fuzz: everything .ci/run runs"
	@echo "make notebooks re-execute notebooks/ and solutions/ in place, regenerate exercises/"
	@echo "make exercises regenerate exercises/ from solutions/"
	@echo "make slides   write offline reveal.js decks of the lecture notebooks 00-09 into build/slides/ (SLIDES_ARGS=--show-code keeps code)"
	@echo "make screenshots PNGs of every exercise kind, explorer and three slides, light and dark, in build/screenshots/"
	@echo "make app      the chapters as web pages with no code (Voila on 127.0.0.1:8866; APP_ARGS='--student-id 2024001')"
	@echo "make bench    run the benchmarks in benchmarks/"
	@echo "make hub      a TEST-ONLY JupyterHub on 127.0.0.1:$(HUB_PORT) (shared password; README 'Running a class')"
	@echo "make lock     re-resolve $(CONSTRAINTS) from pyproject.toml (needs the package index)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ckm-course needs Python >= 3.11, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)

# The stamps make a second `make` instant; they are redone when the pins or pyproject change.
# JupyterLab defaults for offline classrooms (no news prompt, kernel starts without a dialog).
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
# Lets ipywidgets load inside RISE's slideshow (jupyterlab-contrib/rise#119); adds no plugin (issue 14).
RISE_SHIM := $(VENV)/share/jupyter/labextensions/ckm-rise-widgets-shim
RISE_SHIM_FILES := $(wildcard ckm_course/static/jupyter_data/labextensions/ckm-rise-widgets-shim/*.json ckm_course/static/jupyter_data/labextensions/ckm-rise-widgets-shim/static/*.js)

$(VENV)/.stamp-run: $(BIN)/python pyproject.toml $(CONSTRAINTS) ckm_course/jupyter/overrides.json $(RISE_SHIM_FILES)
	@echo "installing the pinned packages into $(VENV) (about a minute the first time)..."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e .
	@mkdir -p $(dir $(LAB_SETTINGS)) && cp ckm_course/jupyter/overrides.json $(LAB_SETTINGS)
	@rm -rf $(RISE_SHIM) && mkdir -p $(dir $(RISE_SHIM)) && cp -r ckm_course/static/jupyter_data/labextensions/ckm-rise-widgets-shim $(RISE_SHIM)
	@touch $@

$(VENV)/.stamp-test: $(BIN)/python pyproject.toml $(CONSTRAINTS) ckm_course/jupyter/overrides.json $(RISE_SHIM_FILES) tests/e2e/package-lock.json
	@echo "installing the pinned packages and test tools into $(VENV) (about a minute the first time)..."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e '.[test]'
	@mkdir -p $(dir $(LAB_SETTINGS)) && cp ckm_course/jupyter/overrides.json $(LAB_SETTINGS)
	@rm -rf $(RISE_SHIM) && mkdir -p $(dir $(RISE_SHIM)) && cp -r ckm_course/static/jupyter_data/labextensions/ckm-rise-widgets-shim $(RISE_SHIM)
	npm ci --prefix tests/e2e --no-audit --no-fund  # axe-core (pinned in tests/e2e/package-lock.json) for the accessibility test
	@touch $@ $(VENV)/.stamp-run

setup: $(VENV)/.stamp-run
setup-test: $(VENV)/.stamp-test

# Offline classroom: no announcements feed, no update check, no PyPI-backed extension manager.
LAB_OFFLINE := --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	--LabApp.extension_manager=readonly
LAB_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

lab: setup
	$(BIN)/jupyter lab --ServerApp.root_dir=. $(LAB_OFFLINE) $(LAB_ROOT) $(LAB_ARGS) notebooks/00_index.ipynb

# First the package's layers (import-linter, pyproject.toml; a second), then one run: unit, browser,
# strict nbval over notebooks/ and solutions/, lax over exercises/ (no outputs).
# Two workers; --dist loadfile keeps a notebook's cells (one kernel) and a browser module (one
# JupyterLab) on one worker. TEST_WORKERS=0 runs everything in this process.
# Left to test-delivery: the browser tests of the other ways the course reaches people (presenting
# with RISE and reveal decks, the Voila app, a JupyterHub class, the screenshot gallery), ~3 CPU-minutes
# for code few changes touch; .ci/run runs them on every submission.
TEST_WORKERS ?= 2
PYTEST := $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile
# The wall time lands in build/make-test-seconds.txt, which `make bench` prints.
test: setup-test
	@start=$$(date +%s); \
	$(BIN)/lint-imports --no-cache && \
	mkdir -p build && rm -f build/make-test-skips.txt && \
	CKM_SKIP_SUMMARY=build/make-test-skips.txt $(PYTEST) --nbval -m "not delivery" --durations=10 $(PYTEST_ARGS); \
	status=$$?; mkdir -p build; \
	echo "$$(( $$(date +%s) - start )) $$(date -u +%Y-%m-%dT%H:%M:%SZ) exit=$$status workers=$(TEST_WORKERS)" > build/make-test-seconds.txt; \
	[ $$status = 0 ] && echo "make test: passed. Not run here: make test-delivery (RISE, decks, Voila, hub, gallery), make fuzz; make test-all runs all three."; \
	[ -s build/make-test-skips.txt ] && echo "make test: $$(cat build/make-test-skips.txt)"; \
	exit $$status

test-delivery: setup-test
	$(PYTEST) -m delivery --durations=5 $(PYTEST_ARGS) tests/e2e

test-all: test test-delivery fuzz

# The checkers never raise: >= 10,000 generated answers per exercise kind (make test runs 300).
fuzz: setup-test
	CKM_FUZZ_INPUTS=10000 $(BIN)/python -m pytest -p no:cacheprovider -q -n $(TEST_WORKERS) tests/unit/test_properties.py

notebooks: setup-test
	$(BIN)/ckm-course execute notebooks/*.ipynb solutions/*.ipynb
	$(BIN)/ckm-course build-exercises

exercises: setup
	$(BIN)/ckm-course build-exercises

# Offline reveal.js decks in build/slides/ (open build/slides/01_why_ckm.slides.html in a browser).
SLIDES_ARGS ?=
slides: setup
	$(BIN)/ckm-course slides --out build/slides $(SLIDES_ARGS)

# The screenshot gallery (issue 10): offline JupyterLab + chromium; the same code as tests/e2e/test_gallery.py.
screenshots: setup-test
	$(BIN)/python tests/e2e/gallery.py --out build/screenshots

# Voila app mode: notebooks/ as pages with no code cells, loopback only, nothing from a CDN;
# answers are written to <notebook>[.<student id>].answers.json beside each notebook.
APP_ARGS ?=
app: setup
	$(BIN)/ckm-course app notebooks $(APP_ARGS)

bench: setup-test
	$(BIN)/python benchmarks/run_all.py

# A local, TEST-ONLY JupyterHub (issue 15): configurable-http-proxy from the npm registry, pinned by
# ckm_course/hub/package-lock.json, installed into $(VENV)/hub (never globally); 127.0.0.1 only.
HUB_PORT ?= 8000
HUB_PASSWORD ?= ckm-test-only
CHP := $(VENV)/hub/node_modules/.bin/configurable-http-proxy

$(CHP): ckm_course/hub/package.json ckm_course/hub/package-lock.json
	@command -v npm >/dev/null || { echo "make hub needs node and npm for configurable-http-proxy (Debian: apt-get install npm)" >&2; exit 1; }
	@mkdir -p $(VENV)/hub && cp ckm_course/hub/package.json ckm_course/hub/package-lock.json $(VENV)/hub/
	npm ci --prefix $(VENV)/hub --no-audit --no-fund --loglevel=error
	@touch $@

hub-proxy: $(CHP)

hub: setup-test $(CHP)
	@echo "TEST-ONLY hub: http://127.0.0.1:$(HUB_PORT)/ (any user name, password $(HUB_PASSWORD)); homes in build/hub/home/"
	@echo "a student's link: $$($(BIN)/ckm-course link --hub http://127.0.0.1:$(HUB_PORT) --repo file://$(CURDIR) --folder ckm-course --open exercises/03_classifying_knowledge_exercises.ipynb)"
	CKM_HUB_PORT=$(HUB_PORT) CKM_HUB_PASSWORD=$(HUB_PASSWORD) $(BIN)/jupyterhub -f ckm_course/hub/jupyterhub_config.py

lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check '.[test]'
	( echo "# Pinned versions for make lab / make test. Regenerate with: make lock"; \
	  .lock-venv/bin/python -m pip freeze --exclude ckm-course --exclude-editable ) > $(CONSTRAINTS)
	rm -rf .lock-venv build

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
