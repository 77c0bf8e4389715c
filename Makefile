# Two commands do all the set-up on a fresh machine (see README.md):
#   make lab    JupyterLab on the tour notebook, with the bundled domain-training hub
#   make test   every test, browser and front-end tests included (Debian chromium, node and npm;
#               installed when run as root)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
LAB_ARGS ?=
# Jupyter refuses to start as root (containers, fresh cloud machines) unless told it may.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test lint bench js js-watch clean

$(VENV)/.installed-%: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[$*]"
	touch $@

# The front end's build and unit-test tools (esbuild, jsdom), pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	bash scripts/ensure-node
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; fi

lab: $(VENV)/.installed-lab
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(ALLOW_ROOT) $(LAB_ARGS) notebooks/00-tour.ipynb

test: $(VENV)/.installed-test node_modules/.installed
	bash scripts/ensure-chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

# Rebuild src/hubwidgets/static/{hub,standalone}.js from js/ (commit the result with the sources).
js: node_modules/.installed
	npm run build

# Rebuild on every save; with ANYWIDGET_HMR=1 an open widget picks the new bundle up (CONTRIBUTING.md).
js-watch: node_modules/.installed
	npm run dev

clean:
	rm -rf $(VENV) build dist test-artifacts .pytest_cache node_modules
