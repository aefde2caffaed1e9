"""schemathesis against the OpenAPI document (/api/v1/openapi.json): every operation is fed generated requests,
valid and invalid, by a signed-in office user; no answer is a server error and every answer matches the schema.
Bounded (max examples per operation) and seeded (derandomised), so CI runs the same cases every time."""

from __future__ import annotations

from datetime import date

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from dondoc.api.api import api


def _without_security(raw: dict) -> dict:
    """The document as served, less its security declarations: every case is sent with the office's token
    below, rather than schemathesis dropping or inventing credentials (401s tell nothing about the rest)."""
    raw = {
        **raw,
        "components": {k: v for k, v in raw.get("components", {}).items() if k != "securitySchemes"},
    }
    raw.pop("security", None)
    for ops in raw["paths"].values():
        for op in ops.values():
            op.pop("security", None)
    return raw


schema = schemathesis.openapi.from_dict(_without_security(api.get_openapi_schema()))
schema.app = get_wsgi_application()

EXAMPLES = 25
CASES = {"run": 0}


@pytest.fixture
def token(world):
    from dondoc.tasks.actions import create_task
    from dondoc.units.actions import issue_token

    create_task(world.programme, code="S.1", title="Số hóa", lead=world.A, due=date(2026, 6, 30))
    return issue_token(world.office)


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.DONDOC_RATE_API = "1000000/60"


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """schemathesis calls the WSGI application itself, so each request fires request_started/finished and
    Django would close the database connection the test's transaction lives on (PostgreSQL then answers
    "the connection is closed"). Django's own test client unhooks close_old_connections the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_errs_and_keeps_to_its_schema(case, token):
    CASES["run"] += 1
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )


def test_print_the_cases(capsys):
    with capsys.disabled():
        print(
            f"\nschemathesis: {CASES['run']} cases over {len(list(schema.get_all_operations()))} operations"
        )
