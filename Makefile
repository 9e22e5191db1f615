# Storyline — every target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= ../shared/corpus/seeds
OUT    ?= out

.PHONY: install demo test lint typecheck bench clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p $(OUT)
	rm -f $(OUT)/storyline.db $(OUT)/storyline.db-wal $(OUT)/storyline.db-shm
	$(BIN)/storyline --db $(OUT)/storyline.db analyze $(CORPUS) --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy src

bench: $(STAMP)
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[bench]"
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/quotes.py
	$(BIN)/python bench/cluster.py
	$(BIN)/python bench/dates.py
	$(BIN)/python bench/events.py
	$(BIN)/python bench/entities.py
	$(BIN)/python bench/compare.py
	$(BIN)/python bench/summary.py
	$(BIN)/python bench/reliability.py
	$(BIN)/python bench/crash.py
	$(BIN)/python bench/concurrency.py
	$(BIN)/python bench/fuzz.py
	$(BIN)/python bench/corrections.py
	$(BIN)/python bench/outlets.py

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache build dist src/*.egg-info
