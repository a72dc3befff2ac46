# `make run` and `make test` are the two commands a newcomer needs.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser run index test test-unit test-integration gate eval bench load clean

install: $(STAMP)

# Re-runs only when a requirements file changed: idempotent.
$(STAMP): requirements.txt requirements-dev.txt requirements-ocr.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(STAMP)

# Debian's chromium (driven by Playwright, never `playwright install`) and CJK fonts for the browser tests,
# and nginx for the reverse-proxy test (started by the test itself on loopback, never as a service).
browser:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" && test -x /usr/sbin/nginx || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk nginx >/dev/null) || \
	  echo "chromium or nginx could not be installed: the browser and reverse-proxy tests will be skipped"

index: install
	$(BIN)/python -m index build

run: install
	$(BIN)/python -m index build --if-missing
	$(BIN)/python app.py

test: install browser
	$(BIN)/python -m index build --quiet
	$(BIN)/python -m pytest -q tests
	$(BIN)/python -m eval --gate --no-progress
	@laws=$$($(BIN)/python -c 'from settings import Settings; print(Settings().laws_dir)'); \
	if [ -d "$$laws" ]; then \
	  $(BIN)/python -m eval --gate --no-progress --questions eval/laws.jsonl --library subset --leave-out \
	    --thresholds eval/thresholds_laws.toml && \
	  $(BIN)/python bench/scale.py --sizes 1500 --naive-max 1500 --data data/scale-ci --no-write; \
	else echo "The library corpus is not at $$laws (QA_LAWS_DIR): the library gate and scale check are skipped."; fi

test-unit: install
	$(BIN)/python -m pytest -q -m "not integration" tests/unit

test-integration: install browser
	$(BIN)/python -m pytest -q -m integration tests/integration

eval: install
	$(BIN)/python -m eval --compare

bench: install
	$(BIN)/python bench/latency.py

# Loopback load test of the REST API: 1, 5, 20, 50 users for 60 s each (LOAD.md).
load: install
	$(BIN)/python -m index build --if-missing
	$(BIN)/python bench/load.py

clean:
	rm -rf data
