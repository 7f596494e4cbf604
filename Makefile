PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.instalado

.PHONY: install run test bench clean

install: $(STAMP)

# Re-install only when pyproject.toml changes or the venv is missing.
$(STAMP): pyproject.toml scripts/instalar_paquetes_sistema.sh
	test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -e '.[test]'
	bash scripts/instalar_paquetes_sistema.sh
	touch $(STAMP)

run: install
	$(VPY) -m app

test: install
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest

bench: install
	@set -e; found=0; \
	for f in benchmarks/bench_*.py; do \
		[ -e "$$f" ] || continue; found=1; \
		echo "== $$f"; $(VPY) "$$f"; \
	done; \
	[ $$found = 1 ] || echo "No hay benchmarks (benchmarks/bench_*.py)."

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
