import pytest

from dondoc.documents.actions import register_document, relate_documents
from dondoc.documents.models import Document, DocumentRelation


def test_register_parses_the_symbol_and_relates(db):
    nq = register_document("57-NQ/TW", title="Về đột phá phát triển khoa học")
    kh = register_document("Số 366-KH/TU")
    assert (nq.style, nq.kind, nq.issuer_code, nq.number) == ("party", "NQ", "TW", "57")
    assert kh.symbol == "366-KH/TU" and kh.kind_name.lower() == "kế hoạch"
    relate_documents(kh, nq)
    assert DocumentRelation.objects.get().get_kind_display() == "thực hiện"
    nd = register_document("09/2019/NĐ-CP")
    assert (nd.style, nd.year, nd.kind) == ("state_normative", 2019, "NĐ")
    cv = register_document("5518/VPCP-KSTT")
    assert cv.style == "letter" and cv.kind == "CV"
    assert register_document("57-NQ/TW").pk == nq.pk  # registering again finds the same document


def test_a_symbol_that_does_not_parse_is_refused_with_the_expected_shapes(db):
    with pytest.raises(ValueError) as exc:
        register_document("Kế hoạch năm")
    assert "366-KH/TU" in str(exc.value) and "09/2019/NĐ-CP" in str(exc.value)
    assert Document.objects.count() == 0


def test_admin_refuses_a_bad_symbol_and_registers_a_good_one(world):
    c = world.client(world.office)
    r = c.post(
        "/admin/documents/document/add/",
        {
            "symbol": "Kế hoạch năm",
            "title": "x",
            "relations_out-TOTAL_FORMS": 0,
            "relations_out-INITIAL_FORMS": 0,
        },
    )
    assert r.status_code == 200 and "366-KH/TU" in r.content.decode()
    assert Document.objects.count() == 0
    r = c.post(
        "/admin/documents/document/add/",
        {
            "symbol": "Số 11/KH-UBND",
            "title": "Kế hoạch",
            "relations_out-TOTAL_FORMS": 0,
            "relations_out-INITIAL_FORMS": 0,
        },
    )
    assert r.status_code == 302
    assert Document.objects.get().symbol == "11/KH-UBND"
    assert world.client(world.leader).get("/admin/documents/document/add/").status_code in (302, 403)
