from dondoc.units.models import Unit, tree_sorted


def make(code, name, parent=None):
    u = Unit(code=code, name=name, kind="other", parent=parent)
    u.save()
    return u


def test_tree_order_with_siblings_in_vietnamese_order(db):
    root = make("R", "Tỉnh")
    for code, name in [
        ("D2", "Điện Biên"),
        ("D1", "Đà Nẵng"),
        ("C", "Cần Thơ"),
        ("A", "An Giang"),
        ("AA", "Ăn Uống"),
        ("DD", "Dương"),
    ]:
        make(code, name, root)
    make("A1", "Xã Bình", Unit.objects.get(code="A"))
    names = [u.name for u in tree_sorted(Unit.objects.all())]
    assert names == ["Tỉnh", "An Giang", "Xã Bình", "Ăn Uống", "Cần Thơ", "Dương", "Đà Nẵng", "Điện Biên"]


def test_paths_follow_moves_and_depth(db):
    root = make("R", "Gốc")
    a = make("A", "A", root)
    b = make("B", "B", a)
    assert b.path == f"/{root.pk}/{a.pk}/{b.pk}/" and b.depth == 2
    assert b.is_in(root) and not root.is_in(b)
    assert [u.code for u in b.ancestors()] == ["R", "A"]
