"""The HTTP API at /api/v1/ (django-ninja): typed schemas, OpenAPI at /api/v1/openapi.json.

The top floor: one NinjaAPI that mounts each app's router (each app's `api.py`)."""

from __future__ import annotations

import pydantic
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from dondoc.dashboards import api as dashboards_api
from dondoc.exchange import api as exchange_api
from dondoc.exports import api as exports_api
from dondoc.indicators import api as indicators_api
from dondoc.reporting import api as reporting_api
from dondoc.tasks import api as tasks_api
from dondoc.units import api as units_api

api = NinjaAPI(
    title="dondoc API",
    version="1",
    description="Theo dõi, đôn đốc thực hiện nhiệm vụ. Xác thực: phiên đăng nhập hoặc `Authorization: Bearer TOKEN`.",
    auth=units_api.SessionOrToken(),
    urls_namespace="api",
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Không tìm thấy.")}, status=404)


@api.exception_handler(ValueError)
def bad_value(request, exc):
    """A refusal by an action (a ValueError with the reason in Vietnamese) is the caller's 400. A response that
    fails its own schema is the server's fault: it stays a 500 and is logged, never shown as the caller's error."""
    if isinstance(exc, pydantic.ValidationError):
        raise exc
    return api.create_response(request, {"detail": str(exc)}, status=400)


for module in (
    tasks_api,
    units_api,
    reporting_api,
    indicators_api,
    dashboards_api,
    exports_api,
    exchange_api,
):
    api.add_router("/", module.router)
