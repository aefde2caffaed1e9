"""The HTTP API at /api/v1/ (django-ninja): typed schemas, OpenAPI at /api/v1/openapi.json.

The top floor: one NinjaAPI that mounts each app's router (each app's `api.py`)."""

from __future__ import annotations

import pydantic
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from dondoc.dashboards import api as dashboards_api
from dondoc.exchange import api as exchange_api
from dondoc.exports import api as exports_api
from dondoc.indicators import api as indicators_api
from dondoc.reporting import api as reporting_api
from dondoc.tasks import api as tasks_api
from dondoc.units import api as units_api

from . import errors

# The routers' tags are ASCII (a generated client names its modules after them: `tasks_api`, not
# `bá_o_c_á_o_ti_ế_n_độ`); what each means, in the users' words, is said here.
TAGS = [
    {"name": "tasks", "description": "Nhiệm vụ: danh mục, tình hình thực hiện, số liệu tổng hợp"},
    {"name": "units", "description": "Đơn vị trong phạm vi của người dùng"},
    {"name": "reporting", "description": "Báo cáo tiến độ: kỳ báo cáo, lập, gửi, duyệt; khó khăn, kiến nghị"},
    {"name": "indicators", "description": "Chỉ tiêu: giá trị theo kỳ, đọc số liệu từ văn bản"},
    {"name": "dashboards", "description": "Tổng quan và xếp hạng thi đua"},
    {"name": "exports", "description": "Báo cáo, kết xuất (DOCX, XLSX)"},
    {"name": "exchange", "description": "Trao đổi số liệu giữa các cấp (gói dữ liệu có chữ ký)"},
]


class DondocAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """Each operation names its own short, stable id (`operation_id="get_summary"`); one that does not gets
        its function's name, never the module path (`dondoc_tasks_api_summary`)."""
        return operation.view_func.__name__.strip("_")


api = DondocAPI(
    title="dondoc API",
    version="1",
    description="Theo dõi, đôn đốc thực hiện nhiệm vụ. Xác thực: phiên đăng nhập hoặc `Authorization: Bearer TOKEN`.",
    auth=units_api.SessionOrToken(),
    urls_namespace="api",
    openapi_extra={"tags": TAGS},
)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    """No credentials, or a session write without its CSRF token: 401 with the way in, in the user's words."""
    detail, challenge = units_api.unauthenticated(request)
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = challenge
    return response


@api.exception_handler(ValidationError)
def invalid(request, exc):
    """A request that does not validate: 422, each error's message in the user's language."""
    return api.create_response(request, {"detail": errors.translated(exc.errors)}, status=422)


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
