# LIV: two commands on a fresh machine (Python 3.11, pip, gcc, apt): `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
DEV := DEBUG=1
TESTENV := LIV_TESTING=1

.PHONY: run test install system-deps browser-deps messages lint migrations-check deploy-check audit audit-offline demo bench burst eval stop-db

$(STAMP): pyproject.toml
	python3 -m venv $(VENV) || (.ci/apt-install python3-venv && python3 -m venv $(VENV))
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

install: system-deps $(STAMP)

system-deps:
	@command -v msgfmt >/dev/null || .ci/apt-install gettext

browser-deps:
	@test -x /usr/bin/chromium || .ci/apt-install chromium

messages: install
	$(TESTENV) $(MANAGE) compilemessages --ignore='.venv/*' -v0

demo: install messages
	$(DEV) $(MANAGE) migrate --noinput -v0
	$(DEV) $(MANAGE) load_reference_data
	$(DEV) $(MANAGE) load_demo_directory
	$(DEV) $(MANAGE) load_demo_cooperation
	$(DEV) $(MANAGE) embed_services
	$(DEV) $(MANAGE) create_demo_users

run: demo
	$(DEV) $(MANAGE) runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

migrations-check: install
	$(TESTENV) $(MANAGE) makemigrations --check --dry-run

# `check --deploy` with the production settings of docs/deployment.md (DEBUG off, a 50+ character key, HTTPS behind
# one proxy, HSTS with preload), against the embedded server, in a clean environment; any warning fails.
deploy-check: install
	@url="$$($(TESTENV) $(MANAGE) embedded_db url)" && \
	env -i PATH="$$PATH" HOME="$$HOME" LANG=C.UTF-8 DEBUG=0 DATABASE_URL="$$url" \
		SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		ALLOWED_HOSTS=liv.example.fi SITE_URL=https://liv.example.fi CSRF_TRUSTED_ORIGINS=https://liv.example.fi \
		TRUSTED_PROXY_COUNT=1 SECURE_SSL_REDIRECT=1 SECURE_HSTS_SECONDS=31536000 SECURE_HSTS_PRELOAD=1 \
		SITE_ORGANISATION='Esimerkkivirasto' SITE_CONTACT_EMAIL=liv@example.fi \
		$(MANAGE) check --deploy --database default --fail-level WARNING

# Known vulnerabilities in every installed dependency (pip-audit, PyPI's advisory data), in a tool environment of
# its own. Needs internet access beyond the package index, so it is not part of `make test` (docs/deployment.md,
# "Dependency audit"); --strict fails when a package cannot be looked up instead of calling it clean.
AUDIT_TOOL := $(VENV)/tools/pip-audit
audit: install
	@test -x $(AUDIT_TOOL)/bin/pip-audit || \
		(python3 -m venv $(AUDIT_TOOL) && $(AUDIT_TOOL)/bin/pip install --quiet 'pip-audit>=2.7,<3')
	$(VENV)/bin/pip freeze --exclude-editable > $(VENV)/tools/audited-requirements.txt
	$(AUDIT_TOOL)/bin/pip-audit --strict --no-deps --disable-pip -r $(VENV)/tools/audited-requirements.txt $(AUDIT_FLAGS)

# The same question offline, in CI: every installed distribution against the advisories vendored in
# deploy/advisories/ (a dated snapshot of the PyPA advisory database, snapshot.json). Fails on an affected version;
# warns when the snapshot is older than 90 days (docs/deployment.md, "Dependency audit", says how to refresh it).
audit-offline: install
	$(PY) deploy/audit.py

test: lint migrations-check deploy-check audit-offline messages browser-deps
	$(TESTENV) $(VENV)/bin/pytest --numprocesses auto --maxprocesses 4

bench: install messages
	$(PY) bench/run.py && $(PY) bench/search_speed.py
	$(PY) bench/burst.py

# 200 concurrent clients for 30 s against gunicorn in the production configuration, demo directory (bench/burst.py).
burst: install messages
	$(PY) bench/burst.py

eval: install messages
	$(PY) bench/search_quality.py --prepare --split all --write-docs

stop-db: install
	$(TESTENV) $(MANAGE) embedded_db stop
