"""What in a request does not validate (422), in the request's language (Vietnamese by default; English when
the client asks for it). The 401 of a caller without credentials: dondoc.units.api.unauthenticated.

django-ninja answers in pydantic's English ("Field required"); the shape of the answer stays the same
({"detail": [...]}, one entry per error with its `type`, `loc` and `ctx`), only the words change.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# pydantic's error types, each with its words and the `ctx` value the words name (%(n)s), if any.
_WORDS: list[tuple[tuple[str, ...], str, str | None]] = [
    (("missing",), gettext_lazy("Thiếu trường bắt buộc."), None),
    (("string_type", "str_type"), gettext_lazy("Cần một chuỗi ký tự."), None),
    (("int_type", "int_parsing", "int_from_float"), gettext_lazy("Cần một số nguyên."), None),
    (("float_type", "float_parsing", "decimal_type", "decimal_parsing"), gettext_lazy("Cần một số."), None),
    (("bool_type", "bool_parsing"), gettext_lazy("Cần giá trị đúng/sai (true hoặc false)."), None),
    (
        ("literal_error", "enum"),
        gettext_lazy("Giá trị không nằm trong các giá trị cho phép: %(n)s."),
        "expected",
    ),
    (("string_too_long",), gettext_lazy("Dài quá giới hạn %(n)s ký tự."), "max_length"),
    (("string_too_short",), gettext_lazy("Ngắn hơn mức tối thiểu %(n)s ký tự."), "min_length"),
    (("too_long",), gettext_lazy("Quá nhiều phần tử (tối đa %(n)s)."), "max_length"),
    (("too_short",), gettext_lazy("Quá ít phần tử (ít nhất %(n)s)."), "min_length"),
    (("greater_than_equal",), gettext_lazy("Cần lớn hơn hoặc bằng %(n)s."), "ge"),
    (("greater_than",), gettext_lazy("Cần lớn hơn %(n)s."), "gt"),
    (("less_than_equal",), gettext_lazy("Cần nhỏ hơn hoặc bằng %(n)s."), "le"),
    (("less_than",), gettext_lazy("Cần nhỏ hơn %(n)s."), "lt"),
    (("list_type", "tuple_type", "set_type"), gettext_lazy("Cần một danh sách."), None),
    (
        ("dict_type", "model_type", "model_attributes_type", "dataclass_type"),
        gettext_lazy("Cần một đối tượng JSON."),
        None,
    ),
    (("json_invalid",), gettext_lazy("Nội dung JSON không hợp lệ."), None),
    (("extra_forbidden",), gettext_lazy("Trường này không được chấp nhận."), None),
    (
        ("url_type", "url_parsing", "url_scheme", "url_syntax_violation"),
        gettext_lazy("Cần một địa chỉ URL hợp lệ."),
        None,
    ),
    (("uuid_type", "uuid_parsing"), gettext_lazy("Cần một mã UUID hợp lệ."), None),
]
_BY_TYPE = {kind: (words, key) for kinds, words, key in _WORDS for kind in kinds}


def message(error: dict) -> str:
    """One validation error (pydantic's `type` and `ctx`) as a sentence in the active language."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        # Our own validators raise ValueError with the reason already in the user's words.
        text = str(ctx.get("error") or error.get("msg") or "")
        return text.removeprefix("Value error, ") or _("Giá trị không hợp lệ.")
    if kind.startswith("datetime"):
        return _("Cần thời điểm theo dạng ISO 8601 (YYYY-MM-DDTHH:MM:SS).")
    if kind.startswith("date"):  # date_parsing, date_from_datetime_parsing, ...
        return _("Cần một ngày theo dạng YYYY-MM-DD.")
    if kind not in _BY_TYPE:
        return _("Giá trị không hợp lệ.")
    words, key = _BY_TYPE[kind]
    if key is None:
        return str(words)
    value = ctx.get(key)
    return str(words) % {"n": value if value is not None else "?"}


def translated(errors: list[dict]) -> list[dict]:
    """django-ninja's error list, each `msg` in the user's words (the English original dropped)."""
    return [{**e, "msg": message(e)} for e in errors]
