# `make run`: build the default fact base if missing, show its counts, and run the bot: the local
# console on http://127.0.0.1:3000 when no Slack credentials are set (see README).
# `make test`: ruff, mypy and pytest (scripts/test).
# Both first (re)install .venv when it is missing or a lock or pyproject.toml changed.

VENV := .venv
INSTALLED := $(VENV)/.installed
BOT := $(VENV)/bin/ukraine-bot
DEFAULT_DB := data/facts.sqlite3

.PHONY: run test setup

setup: $(INSTALLED)

$(INSTALLED): requirements-pip.lock requirements.lock pyproject.toml
	scripts/setup

run: $(INSTALLED)
	@test -f $(DEFAULT_DB) || $(BOT) build
	$(BOT) stats
	$(BOT) serve

test: $(INSTALLED)
	scripts/test
