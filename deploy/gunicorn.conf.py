"""gunicorn for dondoc (docs/deploy.md). Every value can be changed by the environment of the service."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "unix:/run/dondoc/web.sock")
# Synchronous workers: most of a request is waiting for the database. 2 × cores + 1 per application machine.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
max_requests = 2000  # recycle a worker now and then: memory stays flat (bench/RESULTS.md, f)
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
