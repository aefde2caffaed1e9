"""Directives (ý kiến chỉ đạo) read from a meeting conclusion or a plan: one draft task per directive.

A conclusion (thông báo kết luận) or a plan says what, who and by when: "Sở Khoa học và Công nghệ chủ trì, phối
hợp với các sở, ngành xây dựng đề án ..., hoàn thành trước ngày 30/6/2025", "đưa Trung tâm giám sát, điều hành
thông minh vào vận hành trong tháng 9/2025", "các sở, ban, ngành hằng tuần, hằng tháng phải báo cáo ...".
`parse_directives` finds them and returns, for each, the title, the lead and partner units *as written* (with a
normalised form for matching the unit registry, which is not known here), the deadline phrase and its date (read
by `deadlines.parse_deadline`), the recurrence, the expected output where stated and the sentence it came from.

Pure standard library (no models): the committees app matches the phrases to units.

How a sentence is read (on folded text, so that "Sở KH&CN", "SỞ KH&CN" and typed-without-diacritics input read
alike; offsets stay those of the original):

- The text is cut into blocks (lines). A numbered or bulleted block followed by body text, or an unpunctuated
  short line, is a heading; a block ending with ":" introduces a list, whose items take its lead and its mode
  (a statement's list — "đạt được một số kết quả:" — holds no directives unless an item names its own unit).
  Photo captions ("… Ảnh: …") and footnotes (¹ …) are skipped.
- Blocks are cut into sentences, sentences into clauses at ";". A clause directs when it has
  * an addressing verb — "đề nghị", "yêu cầu", "giao (nhiệm vụ cho)", "đòi hỏi" — then who (the addressee,
    followed through chains such as "đề nghị UBND tỉnh giao nhiệm vụ cho ngành Khoa học và Công nghệ ...") and
    what; or
  * a unit as subject followed by what it does: "Ngành Công an đảm bảo ...", "Ban Tổ chức Tỉnh ủy phối hợp Sở
    Nội vụ nghiên cứu ...", "Sở X chủ trì, phối hợp với ... xây dựng ..." (a generic "Tỉnh" only with a modal:
    "Tỉnh sẽ ...", "Tỉnh tiếp tục ..."); or
  * no subject, starting with a modal ("tiếp tục", "khẩn trương", "chủ động", "phải") or a verb of action
    ("xây dựng", "rà soát", "đưa ... vào vận hành"): it takes the lead of the sentence before it in the same
    paragraph, of the list's introduction, or (after "Cùng đó", "Bên cạnh đó", "Đồng thời") of the paragraph
    before. A bare verb of action follows the mode of what precedes it: after a statement of results
    ("Tỉnh Nghệ An đang tập trung ...", "… đạt được một số kết quả:") it is one too.
- A statement directs nothing: an aspect marker before the verb ("đã", "đang", "được", "kính báo cáo"), a result
  ("đến nay", "hiện nay", "cho biết", "có 240 điểm"), a copula ("… là nhiệm vụ …"), a record of an issued
  document ("… (Quyết định số 1827-QĐ/TU ngày 11/02/2025)"), a stance ("Xác định …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .deadlines import find_deadline, find_recurrence
from .text import clean, fold, fold_chars, nfc

__all__ = ["Actor", "Directive", "actor_key", "parse_actor", "parse_directives"]


# --- who: the phrases naming units ------------------------------------------------------------------------

UNIT = "unit"  # one named unit: "Sở Khoa học và Công nghệ", "ngành Tài chính", "Công an tỉnh"
DEPARTMENTS = "departments"  # every department: "các sở, ban, ngành", "các cơ quan chuyên môn UBND tỉnh"
COMMUNES = "communes"  # every commune: "UBND các xã, phường", "cấp xã"
ALL = "all"  # departments and communes: "các cơ quan, đơn vị", "các sở, ngành, địa phương"
PROVINCE = "province"  # the committee's own unit: "Tỉnh", "UBND tỉnh", "Tỉnh ủy", "Ban Chỉ đạo tỉnh"
STANDING = "standing"  # the committee's standing office: "cơ quan thường trực Ban Chỉ đạo", "Tổ giúp việc"
KINDS = (UNIT, DEPARTMENTS, COMMUNES, ALL, PROVINCE, STANDING)


@dataclass(frozen=True)
class Actor:
    """A phrase naming who is to act, as written (`text`), with what it stands for: `kind` (one of KINDS) and,
    for a named unit, the normalised words of its name (`key`, see actor_key) and other forms it may have in a
    registry (`alt`: "ngành Tài chính" → "sở tài chính" or "tài chính")."""

    text: str
    kind: str
    key: tuple[str, ...] = ()
    alt: tuple[tuple[str, ...], ...] = ()


# Abbreviations in unit names, folded (KH&CN → khoa học và công nghệ).
_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "kh&cn": "khoa hoc va cong nghe",
    "khcn": "khoa hoc va cong nghe",
    "kh-cn": "khoa hoc va cong nghe",
    "tt&tt": "thong tin va truyen thong",
    "tttt": "thong tin va truyen thong",
    "gd&dt": "giao duc va dao tao",
    "gddt": "giao duc va dao tao",
    "nn&ptnt": "nong nghiep va phat trien nong thon",
    "nn&mt": "nong nghiep va moi truong",
    "tn&mt": "tai nguyen va moi truong",
    "kh&dt": "ke hoach va dau tu",
    "khdt": "ke hoach va dau tu",
    "ld-tb&xh": "lao dong thuong binh va xa hoi",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "vh,tt&dl": "van hoa the thao va du lich",
    "vhtt&dl": "van hoa the thao va du lich",
    "vhttdl": "van hoa the thao va du lich",
    "gtvt": "giao thong van tai",
    "bcd": "ban chi dao",
    "bch": "ban chap hanh",
    "btv": "ban thuong vu",
    "vptu": "van phong tinh uy",
    "tp": "thanh pho",
    "tp.": "thanh pho",
    "dbqh": "dai bieu quoc hoi",
}
_FILLER = {"va", "-", "&", ",", "cac", "tung", "cua", "thuoc", "truc", "toan"}


def actor_key(name: str) -> tuple[str, ...]:
    """The words of a unit's name that matching compares: folded, abbreviations spelled out, joining words
    ("và", "&", "-", "của") dropped. "Sở KH&CN" and "Sở Khoa học - Công nghệ" give the same key."""
    words: list[str] = []
    for word in re.split(r"[\s,]+", fold(name).replace("&", " & ").replace(" & ", "&")):
        word = word.strip(".;:()\"“”'")
        if not word:
            continue
        words.extend(_ABBREVIATIONS.get(word, word).split())
    return tuple(w for w in words if w not in _FILLER and w.replace("-", ""))


_QUANTIFIER = re.compile(r"^(?:(?:cac|tung|moi|toan bo|toan the|tat ca(?: cac)?|nhung)\s+)+")
_PEOPLE_OF = re.compile(r"^(?:nguoi dung dau|thu truong|lanh dao)\s+(?:cap uy\s+)?")
_COLLECTIVES = [
    (ALL, r"(?:so, ban, nganh|so, nganh|ban, nganh|nganh), (?:dia phuong|don vi)(?:, don vi)?"),
    (
        ALL,
        r"co quan, don vi(?:, dia phuong)?|co quan, dia phuong|co quan, to chuc, don vi(?:, dia phuong)?|don vi|co quan|cap, cac nganh",
    ),
    (
        DEPARTMENTS,
        r"(?:so, ban, nganh|so, nganh|ban, nganh|so|nganh|co quan chuyen mon(?: (?:thuoc|cua|truc thuoc))?"
        r"(?: (?:ubnd|uy ban nhan dan)(?: tinh)?)?|co quan, ban, nganh)(?: (?:cua |thuoc )?tinh)?",
    ),
    (
        COMMUNES,
        r"(?:(?:ubnd|uy ban nhan dan)\s+)?(?:cac\s+)?(?:xa, phuong(?:, dac khu|, thi tran)?|xa|phuong|dia phuong"
        r"|cap xa|huyen)(?: (?:tren dia ban|trong tinh))?",
    ),
]
_COLLECTIVE_RE = [(kind, re.compile(rf"(?:{pattern})$")) for kind, pattern in _COLLECTIVES]
_PROVINCE_RE = re.compile(
    r"(?:(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan|ban thuong vu|thuong truc|ban chap hanh dang bo)\s+)?"
    r"(?:tinh|tinh uy|thanh pho|thanh uy)(?:\s+[a-z][a-z ]*)?$"
    r"|(?:thuong truc\s+)?(?:ban chi dao|bcd)(?:\s+(?:tinh|thanh pho|cua tinh))?$|dang uy ubnd tinh$"
)
_STANDING_RE = re.compile(
    r"(?:co quan thuong truc|to giup viec|bo phan giup viec)(?:\s+(?:cua\s+)?(?:ban chi dao|bcd)(?:\s+tinh)?)?$"
)


def parse_actor(text: str) -> Actor:
    """What a phrase naming units stands for: one unit, every department or commune, the province itself..."""
    text = clean(text).strip(" ,;:.")
    f = fold(text)
    plural = bool(_QUANTIFIER.match(f))
    f = _PEOPLE_OF.sub("", f)
    bare = _QUANTIFIER.sub("", f)
    if _STANDING_RE.match(bare):
        return Actor(text, STANDING)
    for kind, pattern in _COLLECTIVE_RE:
        if pattern.match(bare) and (plural or "," in bare or re.search(r"\b(?:cac|cap)\b", bare)):
            return Actor(text, kind)
    if _PROVINCE_RE.match(bare):
        return Actor(text, PROVINCE, actor_key(bare))
    key = actor_key(bare)
    alt: list[tuple[str, ...]] = []
    if key[:1] == ("nganh",) and len(key) > 1:
        rest = key[1:]
        alt = [("so", *rest), rest, (*rest, "tinh")]
    elif key[:1] == ("so",):
        alt = [key[1:]]
    return Actor(text, UNIT, key, tuple(alt))


# --- what a draft holds ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Directive:
    """One directive of a text: a draft task. `sentence` is ``text[start:end]`` of the (NFC) text given to
    parse_directives; `title` is the part of it that says what is to be done."""

    title: str
    sentence: str
    start: int
    end: int
    lead: Actor | None = None
    partners: tuple[Actor, ...] = ()
    due_text: str | None = None
    due: date | None = None
    ongoing: bool = False  # "thường xuyên": no deadline
    recurring: str | None = None  # weekly, monthly, quarterly, half-yearly, yearly
    output: str | None = None
    label: str = ""  # the list label it carried: "1.", "a)", "-"
    lead_inherited: bool = False  # the lead was named in an earlier sentence, not in this one


# --- lexicon (all folded) -----------------------------------------------------------------------------------

# Folded words that stand for several Vietnamese words: where the lexicon means one of them, the word as
# written must be that one (or written without diacritics). "Ban Tuyên giáo" has no "giao" (to assign) in it,
# "Số nhiệm vụ" is no "Sở", "cơ quan" holds no "có".
_EXACT = {
    "giao": "giao",
    "so": "sở",
    "ban": "ban",
    "hop": "họp",
    "dua": "đưa",
    "can": "cần",
    "se": "sẽ",
    "phai": "phải",
    "bao": "báo",
    "hoi": "hội",
    "vien": "viện",
    "dai": "đài",
    "cu": "cử",
    "de": "để",
    "co": "có",
    "ve": "về",
    "xa": "xã",
    "lap": "lập",
    "trinh": "trình",
    "som": "sớm",
    "bo": "bộ",
    "cuc": "cục",
    "tu": "từ",
    "cho": "cho",
    "voi": "với",
    "la": "là",
    "da": "đã",
    "dang": "đang",
    "con": "còn",
    "ma": "mà",
    "thi": "thì",
    "den": "đến",
    "sau": "sau",
    "tai": "tại",
    "ra": "ra",
    "len": "lên",
    "o": "ở",
    "qua": "qua",
    "dan": "dân",
    "van": "vẫn",
}


def _written(o: str, start: int, end: int) -> bool:
    """Whether a one-word match in folded text is, as written, the word the lexicon means."""
    word = o[start:end].lower()
    folded = fold(word)
    wanted = _EXACT.get(folded)
    return wanted is None or word in (wanted, folded)


def _match(pattern: re.Pattern, o: str, f: str, pos: int) -> re.Match | None:
    """pattern.match on the folded text, refused when a one-word match is another word as written."""
    m = pattern.match(f, pos)
    if m is None:
        return None
    first = re.match(r"[a-z0-9&]+", f[m.start() : m.end()])
    if first and first.end() == m.end() - m.start() and not _written(o, m.start(), m.start() + first.end()):
        return None
    if first and first.group() == "giao" and not _written(o, m.start(), m.start() + 4):
        return None
    return m


def _words(*phrases: str) -> str:
    """An alternation of folded phrases, longest first, matched on whole words."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return (
        r"(?<![a-z0-9])(?:"
        + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
        + r")(?![a-z0-9&])"
    )


_ACTIONS = """
xay dung|trien khai|to chuc|hoan thien|hoan thanh|ra soat|nghien cuu|ban hanh|tham muu|thuc hien|day manh
tang cuong|phat trien|nang cap|nang cao|cai tao|dau tu|dua|thuc day|cong bo|phat dong|uu tien|chuan bi|can doi
bo tri|dam bao|bao dam|bao cao|thong bao|tuyen truyen|kien toan|thanh lap|lua chon|ung dung|hoc tap|chu trong
dao tao|boi duong|huong dan|kiem tra|giam sat|don doc|cung cap|so hoa|thao go|de xuat|trinh|phat huy|tai cau truc
doi moi|cu the hoa|liet ke|bam sat|bam theo|duy tri|ho tro|thu hut|tong hop|quan triet|pho bien|mo rong|danh gia
theo doi|xu ly|giai quyet|sua doi|bo sung|phe duyet|tham dinh|tiep thu|lap|ket noi|chia se|van hanh|khai thac
su dung|cai cach|cat giam|don gian hoa|chuyen doi|tham gia|cu|bieu duong|ton vinh|khen thuong|nhan rong|quan ly
cap nhat|hoan tat|phan cong|neu cao|tao dieu kien|xac dinh|de cao|quan tam|ky ket|trang bi|so ket|tong ket
rut kinh nghiem|chi dao|lanh dao|phoi hop|hop|dieu chinh|sap xep|ra quyet dinh|tiep nhan|bo tri|xac lap
thiet lap|hinh thanh|lam ro|tap huan|phan dau|hop tac|nghien cuu|khoi cong|nghiem thu|dang tai|trien lam
phu song|ngam hoa|chinh trang|hoan chinh|thong ke|tiep tuc|khan truong|chu dong|tap trung
phu trach|chiu trach nhiem|dieu hanh|tiep can|phan bo|tham muu|gioi thieu|quang ba|lam viec|cong khai
"""
_ACTION_LIST = [w.strip() for line in _ACTIONS.strip().splitlines() for w in line.split("|") if w.strip()]
_ACTION = re.compile(_words(*_ACTION_LIST))
# Modals before a verb: "phải", "cần", "khẩn trương", "tiếp tục"... ("phải"/"cần"/"sẽ" are left out of titles).
_MODAL = re.compile(
    _words(
        "phai",
        "can",
        "can phai",
        "se",
        "khan truong",
        "chu dong",
        "tiep tuc",
        "tap trung",
        "som",
        "quyet liet",
        "tich cuc",
        "kien quyet",
        "nghiem tuc",
        "kip thoi",
        "phan dau",
        "co trach nhiem",
        "uu tien",
        "chu trong",
        "quan tam",
        "day manh",
        "tang cuong",
        "khong ngung",
        "truc tiep",
        "dong thoi",
        "thuong xuyen",
        "sat sao",
        "quyet tam",
    )
)
_DROPPED_MODAL = re.compile(_words("phai", "can", "can phai", "se", "co trach nhiem") + r"\s*,?\s*")
_NEGATED = re.compile(r"\s*(?:khong|chua|bi)\b")
_ADDRESS = re.compile(
    r"(?<![a-z0-9])(?:de nghi|yeu cau|doi hoi|keu goi|giao(?:\s+nhiem\s+vu)?(?:\s+cho)?|chi dao|lanh dao)(?![a-z0-9])"
)
_NOT_ADDRESS_BEFORE = re.compile(
    r"(?:\b(?:da|dang|duoc|viec|su|ve viec|bi|ban|ngoai|cac|nhung|theo|dap ung|moi|voi|cong tac|van ban"
    r"|mot so|dung|tren co so|vua|chua|khong|chi|giao|phan|thong|de)|[,(])\s*$"
)
_NOT_ADDRESS_AFTER = re.compile(r"\s+(?:cua|thong|duc|luu|dich|ket|ban|tiep|hang|quyen|dat|dien|dieu hanh)\b")
_SPEECH = re.compile(
    r"(?<![a-z0-9])(?:nhan manh|khang dinh|luu y|chi ro|neu ro|ket luan|phat bieu|de cap)\s*[,:]"
)
_ASPECT = re.compile(
    r"(?:(?:cung|deu|van|con|da va)\s+)*(?:da|dang|vua|duoc|bi|kinh|con|chua|van dang|tung|thuong)(?![a-z0-9])"
)
_RECURRENCE_SKIP = re.compile(
    r"(?:(?:dinh ky\s+)?(?:hang|moi)\s+(?:tuan|thang|quy|nam)|dinh ky(?:\s+(?:6|sau)\s+thang)?"
    r"|(?:cung|deu|ngay|dong thoi|thuong xuyen|truc tiep))(?![a-z0-9])\s*,?\s*"
)
_CO_PLAN = re.compile(
    _words("co giai phap", "co ke hoach", "co co che", "co lo trinh", "co phuong an", "co chinh sach")
)
_LEAD_CUE = re.compile(r"chu tri(?![a-z0-9])(?!\s+(?:phien hop|hoi nghi|cuoc hop|buoi|tai|cuoc))\s*,?\s*")
_PARTNER_CUE = re.compile(r"(?:cung\s+)?phoi hop(?:\s+chat che)?(?:\s+voi)?(?![a-z0-9])\s*")
_CONNECTOR = re.compile(
    r"(?:(?:cung do|ben canh do|dong thoi|ngoai ra|trong do|tu do|them vao do|cung voi do)(?![a-z0-9])"
    r"|(?:theo do|tren co so do|vi vay|do do|do vay|song|tuy nhien|thoi gian toi|thoi gian den"
    r"|trong thoi gian toi|trong thoi gian den|truoc mat|mat khac|sau do|tiep theo|dac biet|nhat la|cu the"
    r"|hien nay|den nay|thoi gian qua|vua qua|truoc het|dau tien|cuoi cung)(?=\s*[,:]))\s*[,:]?\s*"
)
_INHERITING = re.compile(
    r"(?:cung do|ben canh do|dong thoi|ngoai ra|them vao do|cung voi do|trong do|tu do)\b"
)
_INTRO = re.compile(
    r"(?:ve|de|doi voi|tren co so|tu|sau|nham|cung voi|voi|can cu|ngay|chieu|sang|toi|tai|qua|truoc tinh hinh"
    r"|nhan manh|phat bieu|ket luan)(?![a-z0-9])[^,;:]*,\s*"
)
_DATED = re.compile(r"(?:ngay|sang|chieu|toi|trua|hom)\s+[0-9]{1,2}\s*[/\-]\s*[0-9]{1,2}")
_STATEMENT_MARK = re.compile(
    r"(?<![a-z0-9])(?:da|dang|den nay|hien nay|cho biet|ghi nhan|dat duoc|ket qua dat|vua qua|thoi gian qua)"
    r"(?![a-z0-9])|(?<![a-z0-9])co\s+[0-9]|[0-9]+\s*/\s*[0-9]+\s+nhiem vu|\s(?:la|gom)\s"
)
_RESULT = re.compile(
    r"(?<![a-z0-9])(?:den nay|hien nay|cho biet|dat ty le|dat duoc|da dat)(?![a-z0-9])|\bdat\s+(?:tren\s+|khoang\s+|gan\s+)?[0-9]"
)
_RECORD = re.compile(
    r"\((?:[^()]*\s)?(?:quyet dinh|quy dinh|quy che|thong bao|ke hoach|to trinh|cong van|nghi quyet|chi thi"
    r"|huong dan|bao cao)\s+so\s+[^()]*ngay\s+[0-9]{1,2}\s*/\s*[0-9]{1,2}\s*/\s*[0-9]{4}[^()]*\)"
)
_STANCE = re.compile(r"(?:xac dinh|khang dinh|thong nhat)\s")
# Who is a person, not a unit: a speaker, not a lead.
_PERSON = re.compile(
    _words(
        "dong chi",
        "bi thu",
        "pho bi thu",
        "chu tich",
        "pho chu tich",
        "giam doc",
        "pho giam doc",
        "truong ban",
        "pho truong ban",
        "thu tuong",
        "pho thu tuong",
        "bo truong",
        "thu truong bo",
        "lanh dao",
        "dai ta",
        "thuong ta",
        "thieu tuong",
        "trung tuong",
        "ong",
        "ba",
        "tien si",
        "tien sy",
        "giao su",
        "pho giao su",
        "dai bieu",
        "truong doan",
        "tong bien tap",
        "chanh van phong",
    )
)
# The words a unit's name starts with. Those that are also common nouns or verbs ("ban" of "ban hành") count
# only when written with a capital or after "các", "từng".
_HEAD_ANYCASE = [
    "nganh",
    "co quan",
    "don vi",
    "cap uy",
    "chinh quyen",
    "dia phuong",
    "nguoi dung dau",
    "thu truong",
    "thanh vien",
    "tinh",
    "xa",
    "phuong",
    "ubnd",
    "hdnd",
    "mttq",
    "ubmttq",
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "dang uy",
    "doan the",
    "to giup viec",
    "thuong truc",
    "ban chi dao",
    "tinh uy",
    "vptu",
    "so",
]
_HEAD_CAPITAL = [
    "ban",
    "uy ban",
    "van phong",
    "cong an",
    "hoi dong",
    "dang bo",
    "mat tran",
    "bo",
    "to cong tac",
    "dac khu",
    "thanh uy",
    "thanh pho",
    "trung tam",
    "cuc",
    "chi cuc",
    "vien",
    "kho bac",
    "ngan hang",
    "bao",
    "dai",
    "lien doan",
    "tinh doan",
    "quan khu",
    "bo chi huy",
    "hoi",
    "to chuc",
    "cac to chuc",
    "hoc vien",
    "benh vien",
    "tong cong ty",
    "cong ty",
    "truong dai hoc",
]
_HEAD_ANY = re.compile(_words(*_HEAD_ANYCASE))
_HEAD_CAP = re.compile(_words(*_HEAD_CAPITAL))
_QUANT_AT = re.compile(r"(?:cac|tung|moi|toan the|tat ca cac|tat ca|nhung|toan bo)\s+")
# Known phrases that the word-by-word reading would cut short (a verb inside a name, commas in a collective).
_KNOWN = re.compile(
    (
        r"(?<![a-z0-9])(?:"
        r"(?:cac\s+)?(?:so, ban, nganh|so, nganh|ban, nganh)(?:, (?:dia phuong|don vi))?"
        r"|(?:cac\s+)?co quan, (?:to chuc, )?don vi(?:, dia phuong)?"
        r"|(?:(?:ubnd|uy ban nhan dan)\s+)?(?:cac\s+)?xa, phuong(?:, (?:dac khu|thi tran))?"
        r"|(?:cac\s+)?co quan tham muu(?:, giup viec)?(?:\s+(?:cua|cho)\s+(?:tinh uy|ban chi dao(?:\s+tinh)?))?"
        r"|(?:cac\s+)?co quan chuyen mon(?:\s+(?:thuoc|cua|truc thuoc))?(?:\s+(?:ubnd|uy ban nhan dan)(?:\s+tinh)?)?"
        r"|(?:thuong truc\s+)?ban chi dao(?:\s+(?:chuyen doi so|phat trien khoa hoc[^,;]*?))?(?:\s+(?:tinh|trung uong))?"
        r"|co quan thuong truc(?:\s+(?:cua\s+)?ban chi dao(?:\s+tinh)?)?"
        r"|to giup viec(?:\s+(?:cua\s+)?ban chi dao(?:\s+tinh)?)?"
        r"|(?:cac\s+)?thanh vien(?:\s+ban chi dao(?:\s+tinh)?)?"
        r"|(?:cac\s+)?to chuc chinh tri\s*-\s*xa hoi|(?:cac\s+)?hoi (?:quan chung|doan the|dac thu)"
        r"|(?:ban|so) van hoa, the thao va du lich|so lao dong, thuong binh va xa hoi"
        r"|ban can su dang(?:\s+(?:ubnd|uy ban nhan dan)(?:\s+tinh)?)?"
        r")(?![a-z0-9])"
    ).replace(", ", "[,\x01] ")
)
# Words that end a unit's name (when written in lower case): what follows the subject.
_STOP = re.compile(
    r"(?:de|nham|cho|voi|ve|theo|khi|neu|la|thi|ma|bang|tu|den|sau|truoc|trong|tren|nhu|gom|bao gom|hoac|va|cung"
    r"|deu|da|dang|se|duoc|bi|kinh|con|chua|khong|phai|can|van|hang|moi|dinh ky|ngay|tai|co|tiep tuc|khan truong"
    r"|chu dong|tap trung|som|quyet liet|tich cuc|kip thoi|chu tri|phoi hop|nhat la|dac biet|trong do|thuc su|dan"
    r"|nham|qua|giua|ngoai|o|vao|ra|len|xuong)(?![a-z0-9])"
)
_RECURRENCE_WORD = re.compile(r"(?:dinh ky|(?:hang|moi)\s+(?:tuan|thang|quy|nam))(?![a-z0-9])")
_ENUMERATOR = re.compile(r"(?:\([0-9]{1,2}\)|[a-zđ]\)|[0-9]{1,2}\))\s+")
_CONTINUATION = re.compile(r"(?:trong do|nhat la|dac biet la|gom|bao gom|cu the(?=\s*[:,]))(?![a-z0-9])")
# Collectives written with commas ("các sở, ban, ngành", "xã, phường"): their commas do not separate units.
_COLLECTIVE_COMMAS = re.compile(
    r"(?<![a-z0-9])(?:co quan, dia phuong|so, ban, nganh(?:, dia phuong)?|so, nganh(?:, dia phuong)?|ban, nganh(?:, dia phuong)?"
    r"|co quan, (?:to chuc, )?don vi(?:, dia phuong)?|xa, phuong(?:, (?:dac khu|thi tran))?"
    r"|van hoa, the thao|lao dong, thuong binh|tham muu, giup viec)(?![a-z0-9])"
)


def _protect(f: str) -> str:
    return _COLLECTIVE_COMMAS.sub(lambda m: m.group().replace(",", "\x01"), f)


_QUALIFIER = re.compile(r"(?:tinh|thanh pho|trung uong|tinh uy|huyen|xa|phuong)(?![a-z0-9])")
_LIST_SEP = re.compile(r"\s*(?:,|;)?\s*(?:va|cung|voi|hoac)?\s+|\s*,\s*")

# --- blocks --------------------------------------------------------------------------------------------------

_LABEL = re.compile(
    r"^\s*(?P<label>(?P<num>(?:[0-9]{1,2}\.){1,3}(?:[0-9]{1,2})?(?=\s)|[0-9]{1,2}\.?(?=\s)|[ivx]{1,4}\.(?=\s))"
    r"|(?P<letter>[a-zđ]\))|(?P<paren>\([0-9]{1,2}\))|(?P<bullet>[-–•+*▪●○◦]))\s*",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]")
_CAPTION = re.compile(r"(?:^|[.!?…]\s+)(?:Ảnh|Ảnh minh họa|Nguồn)\s*:\s*[^.]*$")
_TERMINATED = re.compile(r"[.;:!?…]\W*$")


@dataclass
class _Block:
    start: int
    end: int
    text: str
    label: str = ""
    rank: int = 0  # depth of the label: 1.=1, 1.1.=2, a)=10, (1)=11, bullets 20
    kind: str = "para"  # para, heading, intro, item, skip


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped or stripped.strip(",.;:-*") == "":
            continue
        offset = len(line) - len(line.lstrip())
        block = _Block(start + offset, start + offset + len(stripped), stripped)
        m = _LABEL.match(stripped)
        if m and m.end() < len(stripped):
            block.label = m["label"]
            if m["num"]:
                block.rank = m["num"].rstrip(".").count(".") + 1 if m["num"][0].isdigit() else 1
            else:
                block.rank = 10 if m["letter"] else 11 if m["paren"] else 20 if m["label"] != "+" else 21
        if _FOOTNOTE.match(stripped) or _CAPTION.search(stripped):
            block.kind = "skip"
        blocks.append(block)
    live = [b for b in blocks if b.kind != "skip"]
    for i, block in enumerate(live):
        nxt = live[i + 1] if i + 1 < len(live) else None
        body = _strip_marks(block.text)
        if block.label:
            if body.endswith(":"):
                block.kind = "intro"
            elif (
                nxt is not None and (not nxt.label or nxt.rank > block.rank) and not _TERMINATED.search(body)
            ):
                block.kind = "heading"  # "3.1. Triển khai phong trào …" above its body
            else:
                block.kind = "item"
        elif not _TERMINATED.search(body) and (len(body) <= 100 or body.isupper()):
            block.kind = "heading" if nxt is not None or len(body) <= 100 else "para"
        elif body.endswith(":"):
            block.kind = "intro"
    return blocks


def _strip_marks(s: str) -> str:
    return s.replace("*", "").strip()


# --- sentences and clauses ------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)*]*\s+(?=[\"“‘(*]*[A-ZÀ-ỸĐ0-9])")
_ABBREV = re.compile(r"(?:\b(?:TP|Tp|TS|ThS|PGS|GS|BS|KS|ThS|St|Th|P|v\.v|tr|Q|Ths)\.)$")
# A run-on headline: a second speaker's directive starting mid-sentence without punctuation.
_SPEAKER_RESTART = re.compile(
    r"(?<=[a-zà-ỹđ0-9])(?<![Đđ]ồng chí)(?<!Phó)(?<!viên) (?=(?:Bí thư|Phó Bí thư|Chủ tịch|Phó Chủ tịch|Thủ tướng|Đồng chí|Trưởng ban)\b"
    r"[^.;,]{0,80}?\b(?:yêu cầu|đề nghị|chỉ đạo|nhấn mạnh|giao)\b)"
)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    s = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if _ABBREV.search(text[s : m.start()]):
            continue
        out.append((s, m.start()))
        s = m.end()
    out.append((s, end))
    split = []
    for a, b in out:
        cut = a
        for m in _SPEAKER_RESTART.finditer(text, a, b):
            if m.start() - cut > 20:
                split.append((cut, m.start()))
                cut = m.end()
        split.append((cut, b))
    return [(a, b) for a, b in split if text[a:b].strip()]


def _mask(f: str) -> str:
    """Blank out what is inside parentheses and quotes, so that ";" and "," there do not cut clauses."""
    out = list(f)
    depth = 0
    quote = False
    for i, ch in enumerate(f):
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            continue
        elif ch in '“”"':
            quote = not quote if ch == '"' else ch == "“"
            continue
        if (depth or quote) and ch in ",;:":
            out[i] = "\x01"
    return "".join(out)


# --- reading a clause -----------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\s,;:()]+")
_NAMED_HEADS = {"so", "ban", "bo", "hoi", "vien", "cuc", "bao", "dai", "uy ban", "van phong", "trung tam"}
_ADDRESSING = (
    "de",
    "yeu",
    "doi",
    "keu",
)  # "đề nghị", "yêu cầu", "đòi hỏi", "kêu gọi": anyone may be addressed
_CHAINING = ("chi", "lanh", "giao")  # "chỉ đạo", "lãnh đạo", "giao": a unit is addressed, or it is the verb


@dataclass
class _Reading:
    kind: str  # "address", "subject", "imperative", "statement"
    pred: int = 0  # where the title starts
    lead: tuple[int, int] | None = None
    others: list[tuple[int, int]] = field(default_factory=list)  # co-subjects, co-addressees
    partners: list[tuple[int, int]] = field(default_factory=list)
    strong: bool = False  # a modal, an addressing verb or "chủ trì": a directive whatever precedes it


class _Clause:
    """A clause of a sentence: the sentence as written (`o`), folded with the same offsets and masked (`f`:
    commas inside parentheses, quotes and collectives such as "sở, ban, ngành" do not cut it), its bounds."""

    def __init__(self, sentence: str, start: int, end: int):
        self.o = sentence
        self.f = _protect(_mask(fold_chars(sentence)))
        self.start = start
        self.end = end

    def m(self, pattern: re.Pattern, i: int) -> re.Match | None:
        m = _match(pattern, self.o, self.f, i)
        return m if m is not None and m.end() <= self.end else None

    def ws(self, i: int) -> int:
        while i < self.end and self.f[i] in " \t":
            i += 1
        return i

    def cap(self, i: int) -> bool:
        return i < self.end and self.o[i].isupper()

    # -- who --------------------------------------------------------------------------------------------------

    def read_actor(self, i: int, strict: bool = True) -> tuple[int, int] | None:
        """A phrase naming a unit starting at i, as (start, end); not `strict`: whoever is addressed ("các đại
        biểu dự hội nghị tại các điểm cầu")."""
        i = self.ws(i)
        if i >= self.end:
            return None
        m = _KNOWN.match(self.f, i)
        if m and m.end() <= self.end:
            return i, self._extend(m.end(), strict, known=True)
        j = i
        q = _QUANT_AT.match(self.f, i)
        quantified = q is not None
        if q:
            j = q.end()
        if strict and self.m(_PERSON, j):
            return None
        h = self.m(_HEAD_ANY, j) or (self.m(_HEAD_CAP, j) if self.cap(j) or quantified else None)
        if h is not None:
            verb = self.m(_ACTION, j)
            if verb and not quantified and (verb.end() > h.end() or not self.cap(self.ws(h.end()))):
                return None  # "Ban hành …", "Tổ chức thực hiện": a verb, not a unit
            if self.f[h.start() : h.end()] in _NAMED_HEADS and not quantified:
                nxt = self.ws(h.end())
                if not (self.cap(nxt) or self.f[nxt : nxt + 1] == "&"):
                    return None  # "Số nhiệm vụ …", "Hội nghị …": not "Sở Nội vụ", "Hội Nông dân"
            return i, self._extend(h.end(), strict)
        if strict:
            return None
        if any(self.m(p, j) for p in (_ACTION, _MODAL, _ASPECT, _CO_PLAN, _STOP)):
            return None
        w = _WORD.match(self.f, j)
        if w is None or w.end() > self.end:
            return None
        return i, self._extend(w.end(), strict=False)

    def _extend(self, j: int, strict: bool, known: bool = False) -> int:
        """Carry a unit's name on over the words that belong to it: capitalised words ("Sở Nội vụ", "Ban Tổ
        chức Tỉnh ủy"), qualifiers ("tỉnh", "trung ương"), "của"/"và" before a capital; a lower-case verb,
        modal or joining word ends it."""
        f, o = self.f, self.o
        lowers = 0
        while j < self.end and f[j] == " ":
            k = self.ws(j)
            if k >= self.end or f[k] in ",;:()":
                break
            w = _WORD.match(f, k)
            if w is None or w.end() > self.end:
                break
            word = w.group()
            lower = not o[k].isupper()
            nxt = self.ws(w.end())
            if word in ("-", "–"):
                if self.cap(nxt) or self.m(_QUALIFIER, nxt):
                    j = w.end()
                    continue
                break
            if lower and word in ("cua", "va"):
                if self.cap(nxt) and not (
                    word == "va" and (self.m(_HEAD_CAP, nxt) or self.m(_HEAD_ANY, nxt))
                ):
                    j = w.end()
                    continue
                if word == "cua" and self.m(_QUALIFIER, nxt):
                    j = w.end()
                    continue
                break
            if lower:
                if self.m(_QUALIFIER, k) and not self.m(_ACTION, k):
                    j = w.end()
                    continue
                if any(self.m(p, k) for p in (_ACTION, _MODAL, _ADDRESS, _ASPECT, _RECURRENCE_WORD)):
                    break
                if strict and (known or self.m(_STOP, k) or lowers >= 6):
                    break
                lowers += 1
            j = w.end()
        return j

    def read_actors(self, i: int, strict: bool = True) -> list[tuple[int, int]]:
        """Units listed together: "Ban cán sự Đảng UBND tỉnh, Ban Chỉ đạo chuyển đổi số tỉnh", "MTTQ và các
        đoàn thể", "các cấp ủy đảng, chính quyền, các cơ quan, đơn vị"."""
        out = []
        r = self.read_actor(i, strict)
        while r:
            out.append(r)
            m = _LIST_SEP.match(self.f, r[1])
            if not m or m.end() > self.end:
                break
            r = self.read_actor(m.end(), strict=True)
        return out

    # -- what -------------------------------------------------------------------------------------------------

    def predicate(self, i: int) -> _Reading | None:
        """After the subject or the addressee: adverbs ("hằng tuần"), modals ("phải", "tiếp tục"), "chủ trì,
        phối hợp với …", then a verb of action. None when no verb follows; a statement after "đã", "đang"…"""
        f = self.f
        reading = _Reading("subject")
        i = self.ws(i)
        while (m := self.m(_RECURRENCE_SKIP, i)) and m.end() > i:
            i = self.ws(m.end())
        if self.m(_ASPECT, i):
            return _Reading("statement")
        first_modal = last_modal = None
        while (m := self.m(_MODAL, i)) is not None:
            last_modal = i
            if self.m(_NEGATED, m.end()):
                return _Reading("statement")  # "sẽ không đáp ứng được", "cần không …"
            if first_modal is None and not self.m(_DROPPED_MODAL, i):
                first_modal = i
            reading.strong = True
            i = self.ws(m.end())
            if i < self.end and f[i] == ",":
                i = self.ws(i + 1)
            if self.m(_ACTION, i) and not self.m(_MODAL, i):
                break
        if m := self.m(_LEAD_CUE, i):
            reading.strong = True
            i = self.ws(m.end())
        if m := self.m(_PARTNER_CUE, i):
            partners = self.read_actors(m.end(), strict=True)
            if partners:
                reading.partners = partners
                i = self.ws(partners[-1][1])
                if i < self.end and f[i] == ",":
                    i = self.ws(i + 1)
        if self.m(_ACTION, i) or self.m(_CO_PLAN, i):
            reading.pred = first_modal if first_modal is not None and not reading.partners else i
            return reading
        if last_modal is not None and self.m(_ACTION, last_modal):
            # "đẩy mạnh ngoại giao công nghệ": the last modal is the verb itself
            reading.pred = first_modal if first_modal is not None else last_modal
            return reading
        return None

    def address(self, c: int) -> _Reading | None:
        """An addressing verb (đề nghị, yêu cầu, giao, đòi hỏi) with its addressee and what they are to do;
        chains ("đề nghị UBND tỉnh giao nhiệm vụ cho ngành …", "lãnh đạo UBND tỉnh chỉ đạo các sở …") end at the
        unit that acts."""
        f = self.f
        for m in _ADDRESS.finditer(f, c, self.end):
            if self.m(_ADDRESS, m.start()) is None:
                continue
            if _NOT_ADDRESS_BEFORE.search(f[max(c, m.start() - 16) : m.start()]) and m.start() > c:
                continue
            if _NOT_ADDRESS_AFTER.match(f, m.end()):
                continue
            verb = f[m.start() : m.end()].split()[0]
            if verb in ("chi", "lanh") and m.start() > c:
                # "lãnh đạo", "chỉ đạo" address a unit only right after the one that leads: "Đảng ủy UBND tỉnh
                # lãnh đạo UBND tỉnh chỉ đạo các sở …" (not "cử cán bộ lãnh đạo Tỉnh tham gia …")
                subject = self.read_actors(c, strict=True)
                if not subject or self.ws(subject[-1][1]) != m.start():
                    continue
            j = self.ws(m.end())
            while j < self.end and f[j] in ",:":
                j = self.ws(j + 1)
            addressees = self.read_actors(j, strict=verb in _CHAINING)
            if addressees:
                k = self.ws(addressees[-1][1])
                inner = self.address(k) if self.m(_ADDRESS, k) else None
                if inner is not None and inner.kind == "address" and inner.lead is not None:
                    return inner
                reading = self.predicate(k)
                if reading is None and verb in _ADDRESSING:
                    reading = _Reading("address", pred=k)
                if reading is None or reading.kind == "statement":
                    continue
                reading.kind = "address"
                reading.lead, reading.others = addressees[0], addressees[1:]
                reading.strong = True
                return reading
            if verb in _CHAINING:
                # "… Ban Chỉ đạo chuyển đổi số tỉnh chỉ đạo triển khai …": the verb is what the subject does.
                subject = self.read_actors(c, strict=True)
                if subject and self.ws(subject[-1][1]) == m.start():
                    return _Reading(
                        "subject", pred=m.start(), lead=subject[0], others=subject[1:], strong=True
                    )
                continue
            if j < self.end:
                reading = self.predicate(j) or _Reading("address", pred=j)
                if reading.kind == "statement":
                    continue
                reading.kind = "address"
                reading.strong = True
                return reading
        return None

    def subject(self, c: int) -> _Reading | None:
        """A unit and what it does: "Ngành Công an đảm bảo …", "Sở X chủ trì, phối hợp với … xây dựng …"."""
        actors = self.read_actors(c, strict=True)
        if not actors:
            return None
        reading = self.predicate(actors[-1][1])
        if reading is None or reading.kind == "statement":
            return reading
        head = fold(self.o[actors[0][0] : actors[0][1]])
        if len(actors) == 1 and not reading.strong and re.fullmatch(r"(?:toan )?tinh(?: [a-z ]+)?", head):
            return None  # "Tỉnh lấy người dân làm trung tâm", "tỉnh dành nguồn lực": a stance, not a task
        if not reading.strong and _RECORD.search(self.f, reading.pred, self.end):
            return _Reading(
                "statement"
            )  # "… thành lập Ban Chỉ đạo (Quyết định số 1827-QĐ/TU ngày 11/02/2025)"
        reading.lead, reading.others = actors[0], actors[1:]
        return reading

    def imperative(self, c: int) -> _Reading | None:
        """No subject: a modal or a verb of action first ("Tiếp tục triển khai …", "Xây dựng quy chế …")."""
        if self.m(_ASPECT, c) or self.m(_PERSON, c):
            return None
        reading = self.predicate(c)
        if reading is None or reading.kind == "statement":
            return None
        reading.kind = "imperative"
        return reading


def _skip_intro(cl: _Clause, c: int) -> tuple[int, bool]:
    """Past an enumerator ("a)", "(2)"), connectors ("Cùng đó,") and adverbials ("Về phát triển kinh tế số,",
    "Từ tháng 7/2025,", "Trên cơ sở đề xuất của các sở, ngành, địa phương,"). Also: whether a connector says
    that the lead of the paragraph before carries on."""
    inherits = False
    while True:
        c = cl.ws(c)
        m = _ENUMERATOR.match(cl.o, c)
        if m and m.end() < cl.end:
            c = m.end()
            continue
        m = cl.m(_CONNECTOR, c)
        if m and m.end() > c:
            inherits = inherits or bool(_INHERITING.match(cl.f, c))
            c = m.end()
            continue
        m = cl.m(_INTRO, c)
        first = re.match(r"[a-z]+", cl.f[c:])
        if first and not _written(cl.o, c, c + first.end()):
            m = None  # "Đề án …" does not start with "Để …"
        if m and m.end() > c and not _ADDRESS.search(cl.f, c, m.end()):
            c = m.end()
            continue
        return c, inherits


def _read_clause(cl: _Clause) -> tuple[_Reading | None, bool]:
    """The reading of a clause, and whether a connector said that the lead of the paragraph before carries on."""
    c, inherits = _skip_intro(cl, cl.start)
    f = cl.f
    reading = cl.address(c) or cl.subject(c)
    if (
        reading is not None
        and reading.kind == "subject"
        and not reading.strong
        and _DATED.match(f, cl.ws(cl.start))
    ):
        return _Reading("statement"), inherits  # "Ngày 26/6/2025, Ban Chỉ đạo tỉnh họp phiên thứ 3."
    if reading is not None:
        return reading, inherits
    imperative = cl.imperative(c)
    if imperative is not None and not imperative.strong and _RESULT.search(f, c, cl.end):
        return _Reading("statement"), inherits  # "Báo cáo tình hình …, Giám đốc Sở … cho biết, đến nay …"
    # A unit after a comma: "Triển khai thực hiện Chương trình …, Tỉnh sẽ đẩy mạnh …", "Sớm đưa Nghị quyết vào
    # thực hiện hiệu quả, đồng chí Bí thư nhấn mạnh, các cấp ủy … thực hiện nghiêm túc …".
    for m in re.finditer(r"[,:]\s*", f[: cl.end]):
        if m.start() < c:
            continue
        after_speech = bool(_SPEECH.search(f, max(c, m.start() - 14), m.end()))
        if not after_speech and imperative is None:
            continue
        later = cl.subject(m.end())
        if later is None or later.kind == "statement":
            continue
        if later.strong or after_speech:
            return later, inherits
    if imperative is not None:
        return imperative, inherits
    if _STATEMENT_MARK.search(f, c, cl.end):
        return _Reading("statement"), inherits
    return None, inherits


# --- titles ---------------------------------------------------------------------------------------------------

_TRAILING_SOURCE = re.compile(r"\s*\(\s*\**\s*theo\s[^()]*\)\s*$")
_TRAILING_PUNCT = re.compile(r"[\s.,;:…]+$")
_OUTPUT = re.compile(
    r"(?:\(\s*)?(?:san pham(?:\s+dau ra)?|ket qua dau ra)\s*(?:la|:)\s*(?P<out>[^;()]+?)\s*(?:\)|;|$|\.(?:\s|$))"
)


def _title(text: str, start: int, end: int, cut: list[tuple[str, int, int]]) -> str:
    """The words that say what is to be done: from the verb to the end of the clause, less what is set off at
    its end — the deadline (", hoàn thành trước ngày 30/6/2025"), the recurrence, the output ("(sản phẩm:
    …)") — and a trailing "(theo Kế hoạch …)"."""
    end_at = end
    for kind, a, b in sorted(cut, key=lambda c: c[1], reverse=True):
        if a <= start or text[b:end_at].strip(" .;,)…*"):
            continue  # not at the end: left as written
        if kind == "deadline":
            lead_in = re.search(
                r"(?:,|\(|\s[-–])\s*(?:(?:hoàn thành|xong|thực hiện|chậm nhất)\s+)?$", text[start:a]
            )
            if lead_in is not None:
                end_at = start + lead_in.start()
        else:
            end_at = a  # "… báo cáo tiến độ hằng tuần", "… (sản phẩm: Quyết định của UBND tỉnh)"
    body = text[start:end_at]
    while True:
        stripped = _TRAILING_SOURCE.sub("", _TRAILING_PUNCT.sub("", body))
        if stripped == body:
            break
        body = stripped
    body = clean(body.replace("*", ""))
    if body and body[0].islower():
        body = body[0].upper() + body[1:]
    return body


# --- the whole text -------------------------------------------------------------------------------------------


@dataclass
class _Context:
    lead: Actor | None = None
    partners: tuple[Actor, ...] = ()
    mode: str = "neutral"  # neutral / directive / statement
    binding: bool = False  # the items of a statement's list


def parse_directives(text: str, plan_year: int | None = None) -> list[Directive]:
    """The directives of a conclusion or plan, in the order of the text (see the module's docstring).

    `plan_year` gives the year of deadlines written without one ("trước ngày 30/6"): the year of the meeting
    or of the plan. Offsets and sentences refer to ``nfc(text)``."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    out: list[Directive] = []
    section = "neutral"  # the mode a bare verb of action follows: after a statement of results, none directs
    lists: list[
        tuple[int, _Context]
    ] = []  # open list introductions: (rank of the introducing block, context)
    previous_block: tuple[Actor | None, tuple[Actor, ...]] = (None, ())
    for block in _blocks(text):
        if block.kind == "skip":
            continue
        if block.label:
            lists = [(r, c) for r, c in lists if r < block.rank]
        else:
            lists = []  # a paragraph ends every list
        if block.kind == "heading":
            section = "neutral"
            previous_block = (None, ())
            continue
        in_list = lists[-1][1] if lists else None
        ctx = in_list or _Context(mode=section)
        found, mode, last = _read_block(text, block, ctx, previous_block, plan_year)
        if block.kind == "intro":
            lists.append(
                (
                    block.rank if block.label else -1,
                    _Context(
                        lead=last[0] if last else ctx.lead,
                        partners=last[1] if last else ctx.partners,
                        mode=mode,
                        binding=mode == "statement",
                    ),
                )
            )
            previous_block = (None, ())
            continue
        out.extend(found)
        if in_list is None and mode != "neutral":
            section = mode
        previous_block = last or (None, ())
    return out


def _read_block(
    text: str,
    block: _Block,
    ctx: _Context,
    previous_block: tuple[Actor | None, tuple[Actor, ...]],
    plan_year: int | None,
) -> tuple[list[Directive], str, tuple[Actor | None, tuple[Actor, ...]] | None]:
    """The directives of one block; the mode it leaves (directive / statement / neutral); its last lead."""
    found: list[Directive] = []
    mode = ctx.mode
    last: tuple[Actor | None, tuple[Actor, ...]] | None = None
    body_start = block.start
    if block.label:
        body_start += _LABEL.match(block.text).end()
    binding = (
        ctx.binding
    )  # the items of a statement's list ("… đạt được một số kết quả:") hold no imperatives
    for s_start, s_end in _sentences(text, body_start, block.end):
        raw = text[s_start:s_end]
        s_start += len(raw) - len(raw.lstrip())
        sentence = text[s_start:s_end].rstrip()
        is_intro = block.kind == "intro" and s_start + len(sentence) == block.end
        folded = fold_chars(sentence)
        sentence_mode = "neutral"
        prev: str | None = None  # what the clause before was: "directive", "statement" or None
        drafts: list[dict] = []
        stance = bool(_STANCE.match(folded))  # "Xác định …": the whole sentence states a stance
        for k, (a, b) in enumerate([] if stance else _clauses(sentence)):
            cl = _Clause(sentence, a, b)
            if k > 0 and _CONTINUATION.match(cl.f, cl.ws(a)):
                if drafts and prev == "directive":
                    drafts[-1]["end"] = b  # "…; trong đó, quan tâm nhân lực, …"
                continue
            reading, inherits = _read_clause(cl)
            if reading is None:
                if prev == "directive" and drafts and not _STATEMENT_MARK.search(cl.f, a, b):
                    drafts[-1]["end"] = b  # a continuation: "…; Hệ thống thông tin Chính quyền điện tử; …"
                elif _STATEMENT_MARK.search(cl.f, a, b):
                    prev = "statement"
                continue
            if reading.kind == "statement":
                prev = "statement"
                continue
            if reading.kind == "imperative":
                if binding:
                    allowed = False
                elif k == 0:
                    allowed = reading.strong or mode != "statement"
                else:
                    allowed = prev == "directive"
                if not allowed:
                    prev = "statement"
                    continue
            inherited = False
            if reading.lead is not None:
                lead = parse_actor(sentence[reading.lead[0] : reading.lead[1]])
                partners = tuple(parse_actor(sentence[x:y]) for x, y in reading.others + reading.partners)
            else:
                own = tuple(parse_actor(sentence[x:y]) for x, y in reading.partners)
                if reading.kind == "address":
                    lead, partners = None, own  # "… yêu cầu, triển khai tốt …": nobody named
                else:
                    if drafts:
                        base = (drafts[-1]["lead"], drafts[-1]["partners"])
                    elif found:
                        base = (found[-1].lead, found[-1].partners)
                    elif inherits and previous_block[0] is not None:
                        base = previous_block
                    else:
                        base = (ctx.lead, ctx.partners)
                    lead = base[0]
                    inherited = lead is not None
                    partners = own or base[1]
            drafts.append(
                {"pred": reading.pred, "end": b, "lead": lead, "partners": partners, "inherited": inherited}
            )
            prev = "directive"
            sentence_mode = "directive"
        if sentence_mode == "neutral" and _STATEMENT_MARK.search(folded):
            sentence_mode = "statement"
        if sentence_mode != "neutral":
            mode = sentence_mode
        if drafts:
            last = (drafts[-1]["lead"], drafts[-1]["partners"])
        if is_intro:
            continue  # "… thực hiện các nhiệm vụ sau:" introduces; its items are the drafts
        for d in drafts:
            found.append(_directive(s_start, sentence, d, block.label, plan_year))
    return found, mode, last


def _clauses(sentence: str) -> list[tuple[int, int]]:
    masked = _mask(fold_chars(sentence))
    out = []
    a = 0
    for m in re.finditer(";", masked):
        out.append((a, m.start()))
        a = m.end()
    out.append((a, len(sentence)))
    return [(x, y) for x, y in out if sentence[x:y].strip()]


def _directive(s_start: int, sentence: str, d: dict, label: str, plan_year: int | None) -> Directive:
    pred, end = d["pred"], d["end"]
    span = sentence[pred:end]
    cut: list[tuple[int, int]] = []
    found = find_deadline(span, plan_year)
    due_text = due = None
    ongoing = False
    if found is not None:
        due_text, due, ongoing = found.phrase, found.due, found.ongoing
        cut.append(("deadline", pred + found.start, pred + found.end))
    rec = find_recurrence(span)
    recurring = None
    if rec is not None:
        recurring = rec.kind
        if re.match(r"(?i)\s*(?:định kỳ|hằng|hàng|mỗi)", rec.phrase):
            cut.append(("recurrence", pred + rec.start, pred + rec.end))
    output = None
    m = _OUTPUT.search(fold_chars(span))
    if m:
        output = clean(span[m.start("out") : m.end("out")]).rstrip(" .;,") or None
        cut.append(("output", pred + m.start(), pred + m.end()))
    if recurring is None:
        rec = find_recurrence(sentence[:pred])
        if rec is not None:
            recurring = rec.kind  # "Các sở, ban, ngành hằng tuần, hằng tháng phải báo cáo …"
    title = _title(sentence, pred, end, cut)
    return Directive(
        title=title,
        sentence=sentence,
        start=s_start,
        end=s_start + len(sentence),
        lead=d["lead"],
        partners=d["partners"],
        due_text=due_text,
        due=due,
        ongoing=ongoing,
        recurring=recurring,
        output=output,
        label=label,
        lead_inherited=d["inherited"],
    )
