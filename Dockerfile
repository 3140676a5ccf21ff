# syntax=docker/dockerfile:1
# The portal's application image: gunicorn (default command), or a Celery worker / beat with another command
# (see compose.yaml). Built in three stages; the final one runs as a non-root user.
#   docker build -t humanrights-portal .

# ---- 1. front-end packages from npm (package-lock.json): KRDS, htmx, Chart.js
FROM node:22-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

# ---- 2. Python packages (pinned in requirements.txt), compiled translations, collectstatic
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install -r /tmp/requirements.txt
WORKDIR /app
COPY . .
COPY --from=assets /build/node_modules ./node_modules
# Settings need a key, hosts and a database address to load; nothing connects to the database here.
RUN /venv/bin/pybabel -q compile --directory locale --domain django \
 && DJANGO_SETTINGS_MODULE=humanrights_portal.settings.production \
    DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=build \
    DATABASE_URL=postgres://build@127.0.0.1:1/build DJANGO_STATIC_ROOT=/app/staticfiles \
    /venv/bin/python manage.py collectstatic --no-input \
 && rm -rf node_modules

# ---- 3. runtime: the system libraries WeasyPrint renders PDFs with, Korean fonts, no compilers, no root
FROM python:3.11-slim-bookworm AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin portal \
 && mkdir -p /data/private_media /srv/static \
 && chown portal:portal /data/private_media /srv/static
COPY --from=build /venv /venv
COPY --from=build --chown=root:root /app /app
WORKDIR /app
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=humanrights_portal.settings.production \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    PORTAL_PRIVATE_MEDIA_ROOT=/data/private_media \
    PROMETHEUS_MULTIPROC_DIR=/tmp/prometheus \
    GUNICORN_BIND=0.0.0.0:8000
USER portal
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz/', timeout=4)"]
# Metrics of all workers together need an empty PROMETHEUS_MULTIPROC_DIR at start.
CMD ["sh", "-c", "rm -rf \"$PROMETHEUS_MULTIPROC_DIR\" && mkdir -p \"$PROMETHEUS_MULTIPROC_DIR\" && exec gunicorn -c deploy/gunicorn.conf.py"]
