"""The API that takes a package in, the page of packages received, and the centre's dashboard showing the date
each province's figures stand at."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import make_user
from dondoc.exchange import actions
from dondoc.exchange.models import ReceivedPackage
from dondoc.units.actions import create_unit, grant_role, issue_token
from dondoc.units.models import Membership, Unit

from . import factory

URL = "/api/v1/packages"


@pytest.fixture
def centre(world):
    vn = create_unit("VN", "Trung ương", Unit.Kind.CENTRAL)
    account = make_user("tinh-q")
    actions.register_sender("Q", factory.public(), parent=vn, account=account)
    office = make_user("vptw", Membership.Role.OFFICE, vn, is_staff=True)
    return vn, account, office


def post(data: bytes, token: str | None = None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return Client().post(URL, data=data, content_type="application/json", **headers)


def test_the_sender_posts_its_package_with_its_token(centre):
    _, account, _ = centre
    token = issue_token(account)
    r = post(factory.signed(), token)
    assert r.status_code == 200, r.content
    assert r.json()["result"] == "accepted"
    assert post(factory.signed(), token).json()["result"] == "unchanged"
    assert ReceivedPackage.objects.filter(via="api").count() == 2


def test_a_refused_package_answers_400_with_the_reason(centre):
    _, account, _ = centre
    token = issue_token(account)
    data = factory.signed()
    i = data.index(b"Nhi")
    r = post(data[:i] + b"X" + data[i + 1 :], token)
    assert r.status_code == 400
    assert "sửa" in r.json()["detail"]


def test_only_the_sender_or_the_receiving_office_may_post(world, centre):
    assert post(factory.signed()).status_code == 401
    r = post(factory.signed(), issue_token(world.other))
    assert r.status_code == 404
    assert not ReceivedPackage.objects.exists()
    _, _, office = centre
    assert post(factory.signed(), issue_token(office)).json()["result"] == "accepted"


def test_the_page_lists_the_packages_for_the_receiving_office_only(world, centre):
    vn, _, office = centre
    actions.import_package(factory.signed())
    actions.import_package(factory.signed(key=factory.OTHER_KEY))
    r = Client()
    r.force_login(office)
    page = r.get("/trao-doi/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tỉnh Quảng Thử" in text and "30/06/2025" in text
    assert "Đã nhận, đã cập nhật" in text and "Từ chối" in text
    # The office of another province lists nothing of Q; a reporter or a leader has no such page.
    other = world.client(world.office).get("/trao-doi/")
    assert other.status_code == 200 and "Tỉnh Quảng Thử" not in other.content.decode()
    assert world.client(world.reporter).get("/trao-doi/").status_code == 404
    assert world.client(world.leader).get("/trao-doi/").status_code == 404


def test_the_centre_dashboard_shows_the_date_each_province_stands_at(world, centre):
    vn, _, office = centre
    grant_role(office, vn, Membership.Role.LEADER)
    actions.import_package(factory.signed())
    c = Client()
    c.force_login(office)
    text = c.get("/tong-quan/?unit=VN&programme=NQ57&as_of=2025-06-30").content.decode()
    assert "Tỉnh Quảng Thử" in text and "tính đến 30/06/2025" in text
    text = c.get("/tong-quan/?unit=Q&programme=NQ57&as_of=2025-06-30").content.decode()
    assert "tính đến ngày 30/06/2025" in text
