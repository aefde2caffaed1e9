# dondoc — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format bench worker backup restore smoke clean messages

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p data
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

worker: install
	$(PY) manage.py db_worker

bench: install
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) bench/run.py

# Backups (docs/operations.md): the whole database (SQLite or PostgreSQL, by DATABASE_URL) and MEDIA_ROOT in one
# archive; restore into an empty database (FORCE=1 to replace one that has data).
backup: install
	@test -n "$(OUT)" || { echo "Cần OUT=TỆP, ví dụ: make backup OUT=/backup/dondoc-$$(date +%F).tar.gz"; exit 1; }
	$(PY) manage.py backup --out "$(OUT)"

restore: install
	@test -n "$(IN)" || { echo "Cần IN=TỆP, ví dụ: make restore IN=/backup/dondoc-2026-12-04.tar.gz"; exit 1; }
	$(PY) manage.py restore --in "$(IN)" $(if $(FORCE),--force,)

# The deployment files (docs/deploy.md): compose config checked; the stack started when a Docker daemon answers.
smoke:
	bash deploy/smoke.sh

clean:
	rm -rf $(VENV) staticfiles test-artifacts

# Translations (docs/i18n.md): Vietnamese strings are the msgids. `make messages` collects every string marked
# for translation into dondoc/locale/{vi,en}/LC_MESSAGES/django.po, fills the Vietnamese catalogue (msgstr =
# msgid), empties msgmerge's fuzzy guesses in the English one, and compiles both; then translate the new empty
# entries of the English catalogue and run it again.
messages: install
	cd dondoc && ../$(PY) ../manage.py makemessages -l vi -l en --no-location --no-obsolete --no-wrap \
		--ignore='tests/*' --ignore='static/*' --ignore='locale/*'
	msgattrib --clear-fuzzy --empty --no-wrap -o dondoc/locale/en/LC_MESSAGES/django.po dondoc/locale/en/LC_MESSAGES/django.po
	$(PY) tools/i18n_fill_vi.py dondoc/locale/vi/LC_MESSAGES/django.po dondoc/locale/en/LC_MESSAGES/django.po
	$(PY) manage.py compilemessages --ignore='.venv' -l vi -l en
