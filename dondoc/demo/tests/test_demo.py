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


def test_the_demo_committee_and_its_meetings(db, client):
    from dondoc.committees.models import Committee, DirectiveLink

    call_command("load_demo", stdout=io.StringIO())
    committee = Committee.objects.get(unit__code="DEMO")
    assert {m.user.username: m.role for m in committee.members.all()} == {
        "lanhdao": "chair",
        "baocao": "member",
        "vanphong": "secretariat",
    }
    first, second = committee.meetings.order_by("number")
    assert (first.conclusion.symbol, second.conclusion.symbol, second.previous) == (
        "05-TB/BCĐ",
        "12-TB/BCĐ",
        first,
    )
    ioc = DirectiveLink.objects.get(meeting=second, task__code="366.3.05")
    assert ioc.kind == "follow_up" and "vận hành trong tháng 9/2025" in ioc.sentence
    assert DirectiveLink.objects.filter(kind="new").count() >= 4
    client.login(username="baocao", password="dondoc-demo")
    member = committee.members.get(user__username="baocao")
    page = client.get(f"/ban-chi-dao/{committee.pk}/thanh-vien/{member.pk}/").content.decode()
    assert "Nhiệm vụ tôi theo dõi" in page and "366.3.05" in page
    assert (
        client.get(f"/ban-chi-dao/{committee.pk}/").status_code == 404
    )  # a reporter: the member's view only
    client.login(username="khac", password="dondoc-demo")
    assert client.get(f"/ban-chi-dao/{committee.pk}/thanh-vien/{member.pk}/").status_code == 404
    client.login(username="vanphong", password="dondoc-demo")
    assert "12-TB/BCĐ" in client.get(f"/ban-chi-dao/phien-hop/{second.pk}/").content.decode()
