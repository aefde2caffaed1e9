import string
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from dondoc.vn.text import clean, fold, nfc, sort_key

# Independent reference for the sort order: precomposed letters listed by hand, each vowel row
# in tone order none, huyền, hỏi, ngã, sắc, nặng.
VOWEL_ROWS = {
    "a": "aàảãáạ",
    "ă": "ăằẳẵắặ",
    "â": "âầẩẫấậ",
    "e": "eèẻẽéẹ",
    "ê": "êềểễếệ",
    "i": "iìỉĩíị",
    "o": "oòỏõóọ",
    "ô": "ôồổỗốộ",
    "ơ": "ơờởỡớợ",
    "u": "uùủũúụ",
    "ư": "ưừửữứự",
    "y": "yỳỷỹýỵ",
}
ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
REF: dict[str, tuple[int, int]] = {}
for letter in ALPHABET:
    row = VOWEL_ROWS.get(letter, letter)
    for tone, ch in enumerate(row):
        REF[ch] = (ALPHABET.index(letter), tone)
LETTERS = sorted(REF)


def reference_key(s: str) -> tuple:
    primary, tones, cases = [], [], []
    for ch in s:
        if ch == " ":
            primary.append(-1)
            continue
        idx, tone = REF[ch.lower()]
        primary.append(idx)
        tones.append(tone)
        cases.append(ch != ch.lower())
    return tuple(primary), tuple(tones), tuple(cases)


def test_nfc_composes_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Nghị quyết")
    assert decomposed != "Nghị quyết"
    assert nfc(decomposed) == "Nghị quyết"
    assert nfc("  a  b ") == "  a  b "  # nfc only normalises


def test_clean_strips_and_collapses_whitespace():
    assert clean("  Kế   hoạch\t\n số  11 ") == "Kế hoạch số 11"
    assert clean(unicodedata.normalize("NFD", " Đà  Nẵng ")) == "Đà Nẵng"
    assert clean("a\u00a0\u00a0b") == "a b"


def test_fold():
    assert fold("Chuyển Đổi Số") == "chuyen doi so"
    assert fold(unicodedata.normalize("NFD", "  ĐIỆN   BIÊN ")) == "dien bien"
    assert fold("Ðắk Lắk") == "dak lak"  # U+00D0 look-alike of Đ
    assert fold("Thủ tướng") == "thu tuong"


def test_sort_key_provinces():
    names = ["Đà Nẵng", "Điện Biên", "Cà Mau", "Cần Thơ", "An Giang", "Ăn", "Ân", "Bắc Ninh", "Hà Nội"]
    names += ["Huế", "Đắk Lắk", "Dak Lak", "Yên Bái", "Vĩnh Long"]
    assert sorted(names, key=sort_key) == [
        "An Giang",
        "Ăn",
        "Ân",
        "Bắc Ninh",
        "Cà Mau",
        "Cần Thơ",
        "Dak Lak",
        "Đà Nẵng",
        "Đắk Lắk",
        "Điện Biên",
        "Hà Nội",
        "Huế",
        "Vĩnh Long",
        "Yên Bái",
    ]


def test_sort_key_tone_order():
    chain = ["a", "à", "ả", "ã", "á", "ạ", "ă"]
    keys = [sort_key(c) for c in chain]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_sort_key_letters_before_tones():
    # "ạb" vs "ác": primary letters decide (b < c), the heavier tone on the first letter does not.
    assert sort_key("ạb") < sort_key("ác")
    assert sort_key("ma") < sort_key("mà") < sort_key("mai")
    assert sort_key("An") < sort_key("An Giang") < sort_key("Anh")


def test_sort_key_case_insensitive_primary():
    assert sort_key("hà nội") < sort_key("Hà Nội") < sort_key("hà nộii")
    assert sort_key("HÀ") < sort_key("hạ")


def test_sort_key_digits_and_punctuation():
    assert sort_key("1 Tháng") < sort_key("A")
    assert sort_key("Bà Rịa-Vũng Tàu") == sort_key("Bà Rịa Vũng Tàu")
    assert sort_key("") < sort_key("a")


def test_sort_key_alphabet_and_bytes():
    keys = [sort_key(c) for c in ALPHABET]
    assert keys == sorted(keys)
    # The key is ASCII, so byte order (what a "C" collation uses) equals str order.
    assert [k.encode() for k in keys] == sorted(k.encode() for k in keys)


vietnamese_text = st.text(
    alphabet=st.sampled_from(LETTERS + [c.upper() for c in LETTERS] + [" "]), max_size=12
)
clean_vietnamese = vietnamese_text.map(lambda s: " ".join(s.split()))


@given(st.text(max_size=30))
def test_sort_key_uses_only_lowercase_alphanumerics(s):
    assert set(sort_key(s)) <= set(string.digits + string.ascii_lowercase)


@given(vietnamese_text)
def test_sort_key_normalisation_invariant(s):
    assert sort_key(s) == sort_key(unicodedata.normalize("NFD", s)) == sort_key(f"  {s}  ")


@given(clean_vietnamese, clean_vietnamese)
def test_sort_key_matches_reference_order(a, b):
    assert (sort_key(a) < sort_key(b)) == (reference_key(a) < reference_key(b))
    assert (sort_key(a) == sort_key(b)) == (a == b)


@given(st.text(max_size=30))
def test_fold_is_idempotent_and_mark_free(s):
    folded = fold(s)
    assert fold(folded) == folded
    assert "đ" not in folded
    assert not any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", folded))
