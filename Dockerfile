# The dondoc application image (compose.yaml): the same code and settings as a systemd deployment.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/dondoc
COPY pyproject.toml README.md manage.py ./
COPY dondoc ./dondoc
COPY deploy ./deploy
RUN pip install --no-cache-dir -e .
# Static files are collected into the image; WhiteNoise serves them, compressed, with far-future headers.
RUN DONDOC_ENV=production SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput
RUN useradd --system --home /srv/dondoc dondoc && mkdir -p /data/media && chown dondoc /data/media
USER dondoc
EXPOSE 8000
CMD ["gunicorn", "dondoc.wsgi:application", "-c", "deploy/gunicorn.conf.py"]
