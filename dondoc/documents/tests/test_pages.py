"""The office keeps its documents and their links on its own pages: added, described, linked, unlinked, with the
history; shared documents are read-only; another province's documents answer 404."""

from dondoc.audit.actions import history
from dondoc.documents.actions import register_document, relate_documents
from dondoc.documents.models import Document, DocumentRelation


def test_the_office_adds_a_document_describes_and_links_it(world):
    c = world.client(world.office)
    r = c.post(
        "/van-ban/moi/",
        {
            "symbol": "366-KH/TU",
            "title": "Kế hoạch thực hiện Nghị quyết 57",
            "issued_on": "22/03/2025",
            "unit": "P",
        },
    )
    doc = Document.objects.get(symbol="366-KH/TU")
    assert r.status_code == 302 and doc.unit == world.P and doc.kind == "KH"
    r = c.post(f"/van-ban/{doc.pk}/lien-ket/", {"kind": "implements", "target": "57-NQ/TW"})
    rel = DocumentRelation.objects.get()
    assert (rel.source, rel.target.symbol, rel.kind) == (doc, "57-NQ/TW", "implements")
    r = c.post(
        f"/van-ban/{doc.pk}/",
        {"symbol": "x", "title": "Kế hoạch 366", "issued_on": "23/03/2025", "issuer": "Tỉnh ủy", "unit": "P"},
    )
    doc.refresh_from_db()
    assert doc.symbol == "366-KH/TU" and doc.title == "Kế hoạch 366" and doc.issuer == "Tỉnh ủy"
    page = c.get(f"/van-ban/{doc.pk}/").content.decode()
    assert "57-NQ/TW" in page and "liên kết văn bản" in page and "Kế hoạch 366" in page
    target = c.get(f"/van-ban/{rel.target.pk}/").content.decode()
    assert "366-KH/TU" in target and "Sửa thông tin văn bản" not in target  # shared: read-only
    c.post(f"/van-ban/{doc.pk}/lien-ket/{rel.pk}/xoa/")
    assert not DocumentRelation.objects.exists()
    assert [h.action for h in history(doc)][:3] == ["unrelate", "update", "relate"]


def test_bad_symbols_and_duplicates_answer_with_a_message(world):
    register_document("366-KH/TU", unit=world.P)
    c = world.client(world.office)
    r = c.post("/van-ban/moi/", {"symbol": "kế hoạch số 5", "unit": "P"})
    assert r.status_code == 200 and "366-KH/TU" in r.content.decode()  # the expected shapes
    r = c.post("/van-ban/moi/", {"symbol": "366-KH/TU", "unit": "P"})
    assert "đã có trong danh mục" in r.content.decode()
    assert Document.objects.count() == 1


def test_search_and_scope(world):
    mine = register_document("366-KH/TU", unit=world.P, title="Chuyển đổi số tỉnh")
    theirs = register_document("9-KH/TU", unit=world.O, title="Kế hoạch tỉnh khác")
    shared = register_document("57-NQ/TW", title="Nghị quyết 57")
    relate_documents(mine, theirs)
    c = world.client(world.office)
    body = c.get("/van-ban/", {"q": "chuyen doi"}).content.decode()
    assert "366-KH/TU" in body and "57-NQ/TW" not in body
    assert c.get(f"/van-ban/{theirs.pk}/").status_code == 404
    assert f'href="/van-ban/{theirs.pk}/"' not in c.get(f"/van-ban/{mine.pk}/").content.decode()
    c.post(f"/van-ban/{mine.pk}/lien-ket/", {"kind": "relates", "target": "9-KH/TU"})
    assert DocumentRelation.objects.count() == 1  # not linked to another province's document
    assert c.post(f"/van-ban/{shared.pk}/", {"title": "Sửa", "unit": "P"}).status_code == 404
    assert world.client(world.leader).get("/van-ban/").status_code == 404
