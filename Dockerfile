# The bot in one image: locked runtime dependencies (every wheel checked against its sha256, the
# English spaCy model included), the fact base built from seeds/ at build time, `ukraine-bot serve`
# as a non-root user. Without Slack settings it runs the local console (on 127.0.0.1 inside the
# container: it has no login, so publishing it takes `serve --host 0.0.0.0` on purpose).
#
# scripts/check_dockerfile runs these same steps without Docker: it reads this file, so keep to
# FROM, ENV, WORKDIR, COPY, RUN, USER, EXPOSE, STOPSIGNAL, HEALTHCHECK and CMD, and RUN lines
# with paths relative to WORKDIR.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    VIRTUAL_ENV=/opt/venv
ENV PATH="$VIRTUAL_ENV/bin:$PATH"

WORKDIR /app

# check_dockerfile: skip (creates the image's user; the check runs as whoever calls it)
RUN useradd --system --user-group --uid 10001 --home-dir /app --no-create-home bot \
    && install -d -o bot -g bot /app/data

# Dependencies before the source: this layer is rebuilt only when the lock changes. The runtime
# lock (scripts/lock makes it with requirements.lock's pins) leaves out pytest, ruff, mypy ...
COPY requirements-pip.lock requirements-runtime.lock ./
RUN python -m venv "$VIRTUAL_ENV" \
    && pip install --require-hashes -r requirements-pip.lock \
    && pip install --require-hashes -r requirements-runtime.lock

# The project as a wheel, as a user installs it: the seed articles and the console's files are
# package data, so the image holds no source tree, only /app/data for the fact base.
COPY . src/
RUN pip wheel --no-deps --no-build-isolation --wheel-dir wheels ./src \
    && pip install --no-deps wheels/*.whl \
    && rm -rf src wheels

USER 10001:10001
ENV DATABASE_URL=/app/data/facts.sqlite3 \
    CACHE_DIR=/app/data/cache \
    PORT=3000
RUN ukraine-bot build

EXPOSE 3000
# `serve` stops cleanly on Ctrl-C (SIGINT); as PID 1 it would ignore SIGTERM.
STOPSIGNAL SIGINT
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=4)"
CMD ["ukraine-bot", "serve"]
