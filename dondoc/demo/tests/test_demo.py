"""load_demo: the demo province, its users exactly as the contract names them, every status present."""

import io
import json

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from dondoc.tasks.models import Task
from dondoc.units.models import Unit


def test_load_demo_builds_the_province_and_refuses_a_second_time(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "dondoc-demo" in text and "vanphong" in text
    root = Unit.objects.get(code="DEMO")
    assert root.children.filter(kind="department").count() >= 15
    assert root.children.filter(kind="commune").count() >= 20
    assert 70 <= Task.objects.filter(programme__code="NQ57", lead__path__startswith=root.path).count() <= 100
    for username in ["admin", "vanphong", "lanhdao", "baocao", "khac"]:
        assert authenticate(username=username, password="dondoc-demo") is not None, username
    out = io.StringIO()
    call_command("summary", "--unit", "DEMO", "--programme", "NQ57", "--json", stdout=out)
    data = json.loads(out.getvalue())
    for key in ["on_time", "late", "in_term", "overdue", "recurring", "started", "not_started"]:
        assert data[key] > 0, key
    with pytest.raises(SystemExit):
        call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
    call_command("load_demo", "--if-empty", stdout=io.StringIO())  # make run's call: no error


def test_khac_sees_nothing_of_demo(db, client):
    call_command("load_demo", stdout=io.StringIO())
    client.login(username="khac", password="dondoc-demo")
    assert client.get("/don-vi/DEMO/").status_code == 404
    assert client.get("/api/v1/summary", {"unit": "DEMO"}).status_code == 404
    demo_task = Task.objects.filter(lead__code="SKHCN").first()
    assert client.get(f"/nhiem-vu/{demo_task.pk}/").status_code == 404
    assert "366." not in client.get("/nhiem-vu/").content.decode()


def test_the_documented_example_file_imports_into_the_demo(db):
    from pathlib import Path

    call_command("load_demo", stdout=io.StringIO())
    example = Path(__file__).resolve().parents[3] / "docs" / "examples" / "nhiem-vu-mau.csv"
    out = io.StringIO()
    call_command("import_tasks", str(example), "--programme", "KH366-MAU", stdout=out)
    assert "3 mới" in out.getvalue()
    assert Task.objects.get(programme__code="KH366-MAU", code="3.1").lead.code == "SKHCN"
