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

# PostgreSQL tests need the throw-away server of scripts/postgres_pruebas.sh (left running for the
# next run; `scripts/postgres_pruebas.sh stop` stops it). Exit 3 = no server can be installed:
# PostgreSQL tests are skipped, except with CI=true, where any failure to start fails the target.
test: install
	@set -e; \
	if scripts/postgres_pruebas.sh start; then \
		LIQUIDADOR_TEST_PG_URL="$$(scripts/postgres_pruebas.sh url)"; \
		export LIQUIDADOR_TEST_PG_URL; \
	else \
		rc=$$?; \
		if [ "$$rc" -eq 3 ] && [ "$${CI:-}" != "true" ]; then \
			echo "Aviso: sin PostgreSQL; las pruebas de PostgreSQL se omitirán."; \
		else \
			echo "Error: no se pudo arrancar PostgreSQL para las pruebas (código $$rc)." >&2; \
			exit "$$rc"; \
		fi; \
	fi; \
	echo "QT_QPA_PLATFORM=offscreen LIQUIDADOR_TEST_PG_URL=$${LIQUIDADOR_TEST_PG_URL:-} $(VPY) -m pytest"; \
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
