# LIV production image: gunicorn serving Django, static files by whitenoise, run as an unprivileged user.
# Build:  docker build -t liv .
# Run:    see compose.yaml and docs/deployment.md (needs DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS).

# --- build stage: dependencies, compiled translations and collected static files ----------------------------
FROM python:3.11-slim AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext's msgfmt compiles the translations; it is needed only here, not in the final image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"

WORKDIR /app
# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .

COPY . .

# The settings refuse to load without a database URL and a real secret key when DEBUG is off. These two values
# exist only for these build commands, which touch neither the database nor anything signed.
RUN DEBUG=0 \
    DATABASE_URL=postgres://build@127.0.0.1:5432/build \
    SECRET_KEY=build-only-secret-key-not-used-at-run-time-0123456789abcdefghij \
    sh -c "python manage.py compilemessages -v0 && python manage.py collectstatic --noinput -v0"

# --- runtime stage ------------------------------------------------------------------------------------------
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/opt/venv/bin:$PATH" \
    DEBUG=0

RUN groupadd --system --gid 10001 liv \
    && useradd --system --uid 10001 --gid liv --home-dir /app --no-create-home --shell /usr/sbin/nologin liv

COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=root:root /app /app
WORKDIR /app

# The code is owned by root and read-only to the service user; nothing under /app is written at run time.
USER liv:liv
EXPOSE 8000

# Liveness (/healthz, no database): an orchestrator that restarts unhealthy containers must not restart them all
# during a database outage. Readiness is `python -m liv.healthcheck --ready` (/readyz; docs/deployment.md).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["python", "-m", "liv.healthcheck"]

# gunicorn reads /app/gunicorn.conf.py (workers, bind address, access log) from the working directory.
CMD ["gunicorn", "liv.wsgi:application"]
