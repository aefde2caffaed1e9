"""The synthetic national dataset (bộ dữ liệu toàn quốc giả lập) for the performance benchmarks.

`build(scale, seed)` writes, at scale 1: the centre (VN), the 34 provinces, ~1,100 departments and ~3,300
communes with Vietnamese names, ~9,000 users with their roles, 150,000 NQ57 tasks (about a third top-level,
the rest sub-tasks handed to departments and communes), deadline extensions, ~5 million weekly progress
updates (reporting's ProgressReport/ReportItem rows, when that app's tables exist) and indicator values
(when the indicators app's tables exist).

Same seed, same scale → the same rows (ids included): dates never depend on today's date.
Rows are written in big batches — COPY on PostgreSQL, executemany on SQLite — with ids set here, so the
materialised unit paths are computed in Python. It is synthetic data: no audit records are written.
Refuses a database that already holds the unit VN or any province code (use an empty, migrated database).
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction

from dondoc.tabular.bulk import pg_text
from dondoc.tasks.models import DeadlineExtension, Programme, Task, TaskGroup
from dondoc.units.actions import PROVINCES
from dondoc.units.models import Membership, Unit, User
from dondoc.vn import fold, sort_key

PASSWORD = "dondoc-bench"
ROOT_CODE = "VN"
PROGRAMME_CODE = "NQ57"
# The fixed calendar of the dataset: tasks assigned during 2025, deadlines up to the end of 2026.
FIRST_DAY = date(2025, 1, 6)
LAST_DAY = date(2026, 12, 31)
# A year of weekly progress reports (52 ISO weeks).
REPORT_FROM = date(2025, 7, 7)
REPORT_WEEKS = 52
FULL = {"units": 4500, "tasks": 150_000, "updates": 5_000_000}

# Communes per province (3,321 nationally; Nghệ An 130, TP. Hồ Chí Minh 168), others spread around ~96.
COMMUNES_OF = {
    "HNI": 126, "HUE": 40, "HPG": 114, "DNG": 94, "HCM": 168, "CTO": 103, "LCU": 38, "DBN": 45, "SLA": 75,
    "LSN": 65, "QNH": 54, "THA": 166, "NAN": 130, "HTH": 69, "CBG": 56, "TQG": 124, "LCI": 99, "TNN": 92,
    "PTO": 148, "BNH": 99, "HYN": 104, "NBH": 129, "QTI": 78, "QNG": 96, "GLI": 135, "KHA": 65, "LDG": 124,
    "DLK": 102, "DNI": 95, "TNH": 96, "VLG": 124, "DTP": 102, "CMU": 64, "AGG": 102,
}  # fmt: skip
DEPARTMENTS = [
    "Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy", "Văn phòng Đoàn ĐBQH và HĐND", "Văn phòng UBND", "Sở Khoa học và Công nghệ",
    "Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Công Thương", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường",
    "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch", "Sở Ngoại vụ",
    "Sở Dân tộc và Tôn giáo", "Thanh tra", "Công an", "Bộ Chỉ huy Quân sự", "Thuế", "Bảo hiểm xã hội",
    "Kho bạc Nhà nước khu vực", "Ban Quản lý các khu công nghiệp", "Đài Phát thanh và Truyền hình", "Báo",
    "Trung tâm Phục vụ hành chính công", "Ủy ban MTTQ Việt Nam", "Liên đoàn Lao động", "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
]  # fmt: skip
SYLLABLES = (
    "An Bình Phú Tân Hòa Long Thạnh Mỹ Phước Hưng Thuận Đông Tây Nam Bắc Trung Quang Minh Thanh Xuân Hải Sơn "
    "Lộc Thịnh Vĩnh Hiệp Lợi Định Yên Đức Nghĩa Khánh Cát Điền Lạc Hà Lâm Tiến Thắng Hồng Phong Hạnh Kim Ngọc "
    "Trường Châu Giang Hương Thủy Hội Lập Thái Cường Nhơn Mậu Xương Tường Hoà Ninh Dương Lương Chánh"
).split()
SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Lương Mai".split()
)
MIDDLES = "Văn Thị Hữu Đức Minh Ngọc Thanh Quốc Thu Hồng Xuân Anh Công Đình Gia Kim".split()
GIVEN = "An Bình Chi Dũng Dung Giang Hà Hải Hạnh Hiếu Hoa Hùng Hương Khánh Lan Linh Long Mai Nam Nga Ngọc Phúc Phương Quân Quang Sơn Tâm Thảo Thắng Trang Trung Tú Tuấn Vân Việt Yến".split()
GROUPS = [
    "Nâng cao nhận thức, đột phá về đổi mới tư duy, xác định quyết tâm chính trị mạnh mẽ, quyết liệt lãnh đạo",
    "Khẩn trương, quyết liệt hoàn thiện thể chế; xóa bỏ mọi tư tưởng, quan niệm, rào cản đang cản trở sự phát triển",
    "Tăng cường đầu tư, hoàn thiện hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
    "Phát triển, trọng dụng nhân lực chất lượng cao, nhân tài đáp ứng yêu cầu phát triển",
    "Đẩy mạnh chuyển đổi số, ứng dụng khoa học, công nghệ, đổi mới sáng tạo trong hoạt động của hệ thống chính trị",
    "Thúc đẩy mạnh mẽ hoạt động khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong doanh nghiệp",
    "Tăng cường hợp tác quốc tế trong phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
]
VERBS = ["Xây dựng", "Triển khai", "Hoàn thiện", "Tổ chức", "Rà soát", "Nâng cấp", "Ban hành", "Đẩy mạnh"]
OBJECTS = [
    "kế hoạch chuyển đổi số", "hệ thống quản lý văn bản và điều hành", "cơ sở dữ liệu dân cư dùng chung",
    "nền tảng số dùng chung", "chương trình đào tạo kỹ năng số cho cán bộ", "hạ tầng mạng 5G",
    "trung tâm dữ liệu", "dịch vụ công trực tuyến toàn trình", "chữ ký số cho cán bộ, công chức",
    "quy chế quản lý nhiệm vụ khoa học và công nghệ", "mô hình chính quyền số cấp xã",
    "chính sách thu hút chuyên gia công nghệ", "hệ thống giám sát an toàn thông tin",
    "cổng dữ liệu mở", "sàn giao dịch công nghệ", "hồ sơ sức khỏe điện tử", "học bạ số",
]  # fmt: skip
OUTPUTS = ["Kế hoạch được ban hành", "Báo cáo kết quả", "Hệ thống vận hành", "Quyết định phê duyệt", "Đề án"]
PROGRESS_NOTES = [
    "Đã triển khai theo kế hoạch",
    "Đang hoàn thiện dự thảo, xin ý kiến các cơ quan",
    "Đã tổ chức hội nghị triển khai",
    "Đang lựa chọn nhà thầu",
    "",
    "",
]
INDICATORS = [
    # code, name, unit of measure, kind, period type, applies to, rollup
    ("CT01", "Tỷ lệ văn bản điện tử", "%", "percentage", "monthly", ["department", "commune"], "ratio"),
    ("CT02", "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình", "%", "percentage", "monthly", ["commune"], "ratio"),
    ("CT03", "Số dịch vụ công trực tuyến", "dịch vụ", "number", "monthly", ["department"], "sum"),
    ("CT04", "Tỷ lệ văn bản ký số", "%", "percentage", "quarterly", ["department", "commune"], "ratio"),
    ("CT05", "Số cán bộ được đào tạo kỹ năng số", "người", "number", "quarterly", ["department", "commune"], "sum"),
    ("CT06", "Tỷ lệ tái sử dụng kết quả TTHC", "%", "percentage", "quarterly", ["commune"], "ratio"),
    ("CT07", "Chi cho khoa học, công nghệ và chuyển đổi số", "triệu đồng", "number", "quarterly", ["province"], "sum"),
]  # fmt: skip
INDICATOR_MONTHS = [(2025, m) for m in range(1, 13)] + [(2026, m) for m in range(1, 7)]


class AlreadySeeded(Exception):
    """The database already has the national units: seed an empty (migrated) database."""


@dataclass
class Stats:
    """What `build` wrote, by table."""

    units: int = 0
    provinces: int = 0
    departments: int = 0
    communes: int = 0
    users: int = 0
    memberships: int = 0
    tasks: int = 0
    subtasks: int = 0
    partners: int = 0
    extensions: int = 0
    reports: int = 0
    updates: int = 0
    indicators: int = 0
    values: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}


def targets(scale: float) -> dict[str, int]:
    """The sizes asked for at this scale."""
    return {k: int(round(v * scale)) for k, v in FULL.items()}


# -- writing rows in bulk -------------------------------------------------------------------------------------
_NOW = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)


def _sqlite_value(v):
    if isinstance(v, datetime):
        return v.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    return v


class MissingField(Exception):
    """A model has a required column this generator does not know (the model changed): skip that table."""


class Table:
    """Rows of one model written in batches: COPY on PostgreSQL, executemany on SQLite. The caller gives the
    listed fields (attnames) in order; every other column takes its default (or NULL, or "" when blank)."""

    def __init__(self, model, fields: list[str], batch: int = 50_000):
        self.model = model
        self.batch = batch
        self.count = 0
        self.rows: list[tuple] = []
        by_att = {f.attname: f for f in model._meta.concrete_fields}
        self.fields = [by_att[a] for a in fields]
        tail_fields, tail = [], []
        for f in model._meta.concrete_fields:
            if f.attname in fields:
                continue
            if f.has_default():
                v = f.get_default()
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                v = _NOW
            elif f.null:
                v = None
            elif f.blank and isinstance(f, (models.CharField, models.TextField)):
                v = ""
            else:
                raise MissingField(f"{model._meta.label}.{f.name}")
            if isinstance(f, models.JSONField):
                v = json.dumps(v)
            tail_fields.append(f)
            tail.append(v)
        self.columns = [f.column for f in self.fields + tail_fields]
        self.tail = tuple(tail)
        self.pg = connection.vendor == "postgresql"
        self.pg_tail = "".join("\t" + pg_text(v) for v in tail)
        self.sqlite_tail = tuple(_sqlite_value(v) for v in tail)

    def add(self, *values) -> None:
        self.rows.append(values)
        if len(self.rows) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        qn = connection.ops.quote_name
        table = qn(self.model._meta.db_table)
        cols = ", ".join(qn(c) for c in self.columns)
        with connection.cursor() as cur:
            if self.pg:
                tail = self.pg_tail + "\n"
                data = "".join("\t".join(map(pg_text, row)) + tail for row in self.rows)
                with cur.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as cp:
                    cp.write(data.encode())
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cur.executemany(
                    f"INSERT INTO {table} ({cols}) VALUES ({marks})",
                    [tuple(_sqlite_value(v) for v in row) + self.sqlite_tail for row in self.rows],
                )
        self.count += len(self.rows)
        self.rows = []


def _next_id(model) -> int:
    return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1


def _model(label: str):
    """An optional model of another app, only if its table exists in this database."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    if model._meta.db_table not in connection.introspection.table_names():
        return None
    return model


# -- the data --------------------------------------------------------------------------------------------------
@dataclass
class U:
    id: int
    code: str
    name: str
    kind: str
    parent: U | None
    path: str
    province: str = ""


@dataclass
class T:
    id: int
    lead: U
    due: date | None
    started: date | None
    done: date | None
    assigned: date
    extensions: list[tuple[date, date]] = field(default_factory=list)


def _name(rng: random.Random, used: set[str]) -> str:
    for _ in range(50):
        n = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        if n.split()[0] != n.split()[1] and n not in used:
            used.add(n)
            return n
    n = f"{rng.choice(SYLLABLES)} {len(used) + 1}"
    used.add(n)
    return n


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def _quarter_end(d: date) -> date:
    q_month = ((d.month - 1) // 3 + 1) * 3
    nxt = date(d.year + (q_month == 12), q_month % 12 + 1, 1)
    return nxt - timedelta(days=1)


ROMAN = {3: "I", 6: "II", 9: "III", 12: "IV"}


def _task_dates(rng: random.Random) -> tuple[date, date | None, str, date | None, date | None, list]:
    """(assigned, due, due_phrase, started, done, extensions) for one task, spread over 2025–2026."""
    assigned = FIRST_DAY + timedelta(days=rng.randrange(0, 300))
    recurring = rng.random() < 0.08
    due, phrase = None, "Thường xuyên"
    if not recurring:
        r = rng.random()
        if r < 0.4:
            q = _quarter_end(assigned + timedelta(days=30 + 91 * rng.randrange(0, 6)))
            due, phrase = q, f"quý {ROMAN[q.month]}/{q.year}"
        elif r < 0.6:
            y = rng.choice([2025, 2026]) if assigned.month < 10 else 2026
            due, phrase = date(y, 12, 31), f"năm {y}"
        else:
            due, phrase = assigned + timedelta(days=rng.randrange(45, 600)), ""
        due = min(due, LAST_DAY)
        if not phrase:
            phrase = due.strftime("%d/%m/%Y")
    started = done = None
    if rng.random() < 0.88:
        started = assigned + timedelta(days=rng.randrange(0, 120))
        if rng.random() < 0.7:
            d = started + timedelta(days=int(rng.expovariate(1 / 160)) + 7)
            done = d if d <= LAST_DAY else None
    ext = []
    if due is not None and rng.random() < 0.06:
        granted = min(due, assigned + timedelta(days=rng.randrange(30, 240)))
        new_due = due + timedelta(days=rng.randrange(30, 180))
        ext.append((granted, new_due))
        if rng.random() < 0.2:
            ext.append(
                (min(new_due, granted + timedelta(days=rng.randrange(30, 200))), new_due + timedelta(60))
            )
    return assigned, due, phrase, started, done, ext


def _weeks() -> list[tuple[date, date, str]]:
    out = []
    for w in range(REPORT_WEEKS):
        start = REPORT_FROM + timedelta(weeks=w)
        iso = start.isocalendar()
        out.append((start, start + timedelta(days=6), f"{iso.year}-W{iso.week:02d}"))
    return out


def check_empty() -> None:
    """Refuse a database that already holds the centre or a province (the generator never merges)."""
    codes = [ROOT_CODE] + [c for c, _n, _k in PROVINCES]
    have = set(Unit.objects.filter(code__in=codes).values_list("code", flat=True))
    if have:
        found = [c for c in codes if c in have]
        raise AlreadySeeded(
            f"Cơ sở dữ liệu đã có đơn vị {', '.join(found[:5])}{'…' if len(found) > 5 else ''}: chỉ sinh dữ liệu "
            "toàn quốc vào cơ sở dữ liệu trống (tạo cơ sở dữ liệu mới rồi chạy migrate); không ghi gì thêm."
        )


def build(
    scale: float = 1.0,
    seed: int = 57,
    *,
    progress: Callable[[str, int, int], None] | None = None,
    users: bool = True,
) -> Stats:
    """Write the national dataset at `scale` (1 = the nation). Deterministic by `seed`. All or nothing."""
    if scale <= 0 or scale > 4:
        raise ValueError("Hệ số quy mô phải lớn hơn 0 và không quá 4.")
    check_empty()
    say = progress or (lambda phase, done, total: None)
    with transaction.atomic():
        stats = _build(scale, seed, say, users)
        _reset_sequences()
        from dondoc.tasks import snapshots

        snapshots.invalidate(None, None)  # the tasks were written by COPY, around the actions
    with connection.cursor() as cur:
        # After a bulk load: statistics for the planner and, on PostgreSQL, the visibility map that lets counts
        # read the covering indexes alone (seeding rewrites tasks; without it the first days scan the heap:
        # dashboard p50 248 → 221 ms at S=1).
        # VACUUM cannot run inside a transaction (a test's, or a caller's).
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cur.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    return stats


def _reset_sequences() -> None:
    if connection.vendor != "postgresql":
        return
    labels = [
        "units.Unit", "units.User", "units.Membership", "tasks.Programme", "tasks.TaskGroup", "tasks.Task",
        "tasks.DeadlineExtension", "reporting.Schedule", "reporting.Period", "reporting.ProgressReport",
        "reporting.ReportItem", "indicators.Indicator", "indicators.Value",
    ]  # fmt: skip
    ms = [m for m in (_model(lbl) for lbl in labels) if m is not None] + [Task.partners.through]
    with connection.cursor() as cur:
        for sql in connection.ops.sequence_reset_sql(no_style(), ms):
            cur.execute(sql)


def _build(scale: float, seed: int, say, with_users: bool) -> Stats:
    rng = random.Random(seed)
    stats = Stats()
    want = targets(scale)

    # -- units ---------------------------------------------------------------------------------------------
    n_dept = max(1, round(len(DEPARTMENTS) * scale))
    next_unit = _next_id(Unit)
    units: list[U] = []

    def new_unit(code, name, kind, parent, province=""):
        nonlocal next_unit
        uid = next_unit
        next_unit += 1
        u = U(uid, code, name, kind, parent, (parent.path if parent else "/") + f"{uid}/", province)
        units.append(u)
        return u

    root = new_unit(ROOT_CODE, "Trung ương", Unit.Kind.CENTRAL, None)
    provinces: list[U] = []
    depts: dict[str, list[U]] = {}
    communes: dict[str, list[U]] = {}
    for code, name, _kind in PROVINCES:
        p = new_unit(code, name, Unit.Kind.PROVINCE, root, code)
        provinces.append(p)
    for p in provinces:
        depts[p.code] = []
        short = p.name.split(" ", 1)[1] if p.name.startswith("Tỉnh ") else p.name.split(" ", 2)[2]
        suffix = p.name[0].lower() + p.name[1:]
        for i, dname in enumerate(DEPARTMENTS[:n_dept], start=1):
            if "Tỉnh ủy" in dname:
                full = (
                    f"{dname if p.name.startswith('Tỉnh') else dname.replace('Tỉnh ủy', 'Thành ủy')} {short}"
                )
            else:
                full = f"{dname} {suffix}"
            depts[p.code].append(new_unit(f"{p.code}-S{i:02d}", full, Unit.Kind.DEPARTMENT, p, p.code))
        used: set[str] = set()
        communes[p.code] = []
        for i in range(1, max(1, round(COMMUNES_OF[p.code] * scale)) + 1):
            r = rng.random()
            prefix = "Xã" if r < 0.79 else ("Phường" if r < 0.996 else "Đặc khu")
            communes[p.code].append(
                new_unit(f"{p.code}-X{i:03d}", f"{prefix} {_name(rng, used)}", Unit.Kind.COMMUNE, p, p.code)
            )
    t = Table(Unit, ["id", "code", "name", "kind", "parent_id", "path", "depth", "name_folded", "name_sort"])
    for i, u in enumerate(units):
        t.add(
            u.id, u.code, u.name, u.kind, u.parent.id if u.parent else None, u.path,
            u.path.count("/") - 2, fold(u.name), sort_key(u.name),
        )  # fmt: skip
        if i % 500 == 0:
            say("Đơn vị", i, len(units))
    t.flush()
    say("Đơn vị", len(units), len(units))
    stats.units = len(units)
    stats.provinces = len(provinces)
    stats.departments = sum(len(v) for v in depts.values())
    stats.communes = sum(len(v) for v in communes.values())

    # -- users and roles ------------------------------------------------------------------------------------
    reporter_of: dict[int, int] = {}
    office_of: dict[str, int] = {}
    if with_users:
        pw = make_password(PASSWORD)
        uid = _next_id(User)
        mid = _next_id(Membership)
        ut = Table(User, ["id", "username", "password", "full_name", "is_active", "is_staff", "is_superuser",
                          "first_name", "last_name", "email", "date_joined"])  # fmt: skip
        mt = Table(Membership, ["id", "user_id", "unit_id", "role"])
        plan: list[tuple[U, str, str]] = [(root, "vanphong", "office"), (root, "lanhdao", "leader")]
        for p in provinces:
            plan += [(p, "vanphong", "office"), (p, "vanphong2", "office"), (p, "lanhdao", "leader"),
                     (p, "lanhdao2", "leader")]  # fmt: skip
            for u in depts[p.code] + communes[p.code]:
                plan += [(u, "baocao", "reporter"), (u, "baocao2", "reporter")]
        for n, (u, suffix, role) in enumerate(plan):
            username = f"{u.code.lower()}.{suffix}"
            ut.add(
                uid, username, pw, _person(rng), True, False, False, "", "", f"{username}@example.vn", _NOW
            )
            mt.add(mid, uid, u.id, role)
            if role == "reporter":
                reporter_of.setdefault(u.id, uid)
            elif role == "office":
                office_of.setdefault(u.province or u.code, uid)
            uid += 1
            mid += 1
            if n % 1000 == 0:
                say("Người dùng", n, len(plan))
        ut.flush()
        mt.flush()
        say("Người dùng", len(plan), len(plan))
        stats.users, stats.memberships = ut.count, mt.count

    # -- programme, groups, tasks -------------------------------------------------------------------------------
    prog = Programme.objects.filter(code=PROGRAMME_CODE).first()
    if prog is None:
        prog = Programme.objects.create(
            code=PROGRAMME_CODE,
            name="Nghị quyết 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
            plan_year=2025,
        )
    groups = {g.number: g.pk for g in prog.groups.all()}
    for n, name in enumerate(GROUPS, start=1):
        if n not in groups:
            groups[n] = TaskGroup.objects.create(programme=prog, number=n, name=name).pk
    group_ids = [groups[n] for n in sorted(groups)]

    n_tasks = max(len(provinces) * 3 + 3, want["tasks"])
    n_national = max(3, round(n_tasks * 0.002))
    weights = [1 + len(depts[p.code]) + len(communes[p.code]) for p in provinces]
    remaining = n_tasks - n_national
    share = [math.floor(remaining * w / sum(weights)) for w in weights]
    for i in range(remaining - sum(share)):
        share[i % len(share)] += 1

    tt = Table(Task, ["id", "programme_id", "code", "title", "search_text", "group_id", "parent_id", "lead_id",
                      "due", "due_phrase", "recurring", "extended", "output", "note", "started", "done",
                      "progress", "created_at", "updated_at"])  # fmt: skip
    pt = Table(Task.partners.through, ["id", "task_id", "unit_id"])
    et = Table(DeadlineExtension, ["id", "task_id", "old_due", "new_due", "reason", "granted_on", "granted_by_id",
                                   "created_at"])  # fmt: skip
    next_task, next_partner, next_ext = (
        _next_id(Task),
        _next_id(Task.partners.through),
        _next_id(DeadlineExtension),
    )
    tasks: list[T] = []

    def add_task(code: str, lead: U, parent_id: int | None, peers: list[U]):
        nonlocal next_task, next_partner, next_ext
        assigned, due, phrase, started, done, ext = _task_dates(rng)
        title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        output = rng.choice(OUTPUTS)
        note = "" if rng.random() < 0.8 else "Nhiệm vụ trọng tâm năm"
        progress_pct = 100 if done else (rng.randrange(10, 95) if started else 0)
        tid = next_task
        next_task += 1
        tt.add(
            tid, prog.pk, code, title, fold(f"{code} {title} {output} {note}"), rng.choice(group_ids), parent_id,
            lead.id, due, phrase if due else "Thường xuyên", due is None, bool(ext), output, note, started, done,
            progress_pct, _NOW, _NOW,
        )  # fmt: skip
        if peers and rng.random() < 0.6:
            for partner in rng.sample(peers, min(len(peers), rng.randint(1, 3))):
                if partner.id != lead.id:
                    pt.add(next_partner, tid, partner.id)
                    next_partner += 1
        old = due
        for granted, new_due in ext:
            et.add(next_ext, tid, old, new_due, "Điều chỉnh theo tiến độ thực tế", granted, None, _NOW)
            next_ext += 1
            old = new_due
        task = T(tid, lead, due, started, done, assigned, ext)
        tasks.append(task)
        if len(tasks) % 2000 == 0:
            say("Nhiệm vụ", len(tasks), n_tasks)
        return task

    for i in range(1, n_national + 1):
        add_task(f"VN-{i:04d}", root, None, provinces)
    for p, n_p in zip(provinces, share, strict=True):
        dp, cm = depts[p.code], communes[p.code]
        n_top = max(1, math.ceil(n_p * 0.3))
        tops: list[tuple[int, str, list[int]]] = []
        for i in range(1, n_top + 1):
            lead = p if rng.random() < 0.2 else rng.choice(dp)
            code = f"{p.code}-{i:05d}"
            task = add_task(code, lead, None, dp)
            tops.append((task.id, code, [0]))
        for _ in range(n_p - n_top):
            pid, pcode, counter = rng.choice(tops)
            counter[0] += 1
            lead = rng.choice(cm) if (cm and rng.random() < 0.65) else rng.choice(dp)
            add_task(f"{pcode}.{counter[0]}", lead, pid, dp)
            stats.subtasks += 1
    tt.flush()
    pt.flush()
    et.flush()
    say("Nhiệm vụ", len(tasks), n_tasks)
    stats.tasks, stats.partners, stats.extensions = tt.count, pt.count, et.count

    # -- weekly progress reports ------------------------------------------------------------------------------
    _progress_reports(rng, stats, prog, root, tasks, reporter_of, office_of, want["updates"], say)
    # -- indicator values -------------------------------------------------------------------------------------
    _indicators(rng, stats, prog, units, say)
    return stats


def _progress_reports(rng, stats, prog, root, tasks, reporter_of, office_of, target, say) -> None:
    Schedule = _model("reporting.Schedule")
    Period = _model("reporting.Period")
    Report = _model("reporting.ProgressReport")
    Item = _model("reporting.ReportItem")
    if not all((Schedule, Period, Report, Item)):
        stats.notes.append("Không có bảng báo cáo tiến độ (reporting): chưa sinh cập nhật tiến độ.")
        return
    from dondoc.reporting import periods as P

    try:
        rt = Table(Report, ["id", "period_id", "unit_id", "status", "version", "submitted_at", "submitted_on",
                            "submitted_by_id", "reviewed_at", "reviewed_by_id", "updated_at"])  # fmt: skip
        it = Table(Item, ["id", "report_id", "task_id", "state", "percent", "completed_on", "done_this_period",
                          "output_note"], batch=100_000)  # fmt: skip
    except (MissingField, KeyError) as exc:
        stats.notes.append(f"Mô hình báo cáo tiến độ đã đổi ({exc}): chưa sinh cập nhật tiến độ.")
        return
    weeks = _weeks()
    schedule = Schedule.objects.create(
        programme=prog,
        name="Báo cáo tiến độ hằng tuần thực hiện Nghị quyết 57",
        period_type=P.WEEKLY,
        owner_id=root.id,
        unit_kinds="province,department,commune",
        deadline_offset=1,
        starts_on=weeks[0][0],
    )
    period_ids = []
    deadlines = []
    for start, end, code in weeks:
        deadline = P.deadline_for(end, 1)
        period_ids.append(
            Period.objects.create(schedule=schedule, code=code, start=start, end=end, deadline=deadline).pk
        )
        deadlines.append(deadline)
    # Which (task, week) pairs are reported: assigned by the week's end, not done before it began.
    by_unit: dict[int, list[T]] = {}
    candidates = 0
    first, last = weeks[0][0], weeks[-1][1]
    for t in tasks:
        if t.assigned > last or (t.done is not None and t.done < first):
            continue
        if t.lead.kind == Unit.Kind.CENTRAL:
            continue
        by_unit.setdefault(t.lead.id, []).append(t)
        a = max(t.assigned, first)
        b = min(t.done or last, last)
        candidates += (b - a).days // 7 + 1
    keep = min(1.0, target / candidates) if candidates else 0.0
    rid, iid = _next_id(Report), _next_id(Item)
    lead_by_id = {}
    for ts in by_unit.values():
        lead_by_id[ts[0].lead.id] = ts[0].lead
    n_units = len(by_unit)
    for n, (unit_id, ts) in enumerate(sorted(by_unit.items())):
        unit = lead_by_id[unit_id]
        reporter = reporter_of.get(unit_id)
        reviewer = office_of.get(unit.province or unit.code)
        for w, (start, end, _code) in enumerate(weeks):
            rows = []
            for t in ts:
                if t.assigned > end or (t.done is not None and t.done < start):
                    continue
                if keep < 1.0 and rng.random() >= keep:
                    continue
                rows.append(t)
            if not rows:
                continue
            late = rng.random() < 0.12
            submitted_on = deadlines[w] + timedelta(days=rng.randint(1, 6)) if late else max(
                end, deadlines[w] - timedelta(days=rng.randint(0, 2))
            )  # fmt: skip
            submitted_at = datetime(submitted_on.year, submitted_on.month, submitted_on.day, 2, 30,
                                    tzinfo=UTC)  # fmt: skip
            accepted = rng.random() < 0.9
            rt.add(
                rid, period_ids[w], unit_id, "accepted" if accepted else "submitted", 2, submitted_at, submitted_on,
                reporter, submitted_at + timedelta(days=1) if accepted else None, reviewer if accepted else None,
                submitted_at,
            )  # fmt: skip
            for t in rows:
                done_now = t.done is not None and t.done <= end
                if done_now:
                    state, pct, completed, out = "done", 100, t.done, "Đã hoàn thành, có sản phẩm"
                elif t.started is None or t.started > end:
                    state, pct, completed, out = "not_started", 0, None, ""
                else:
                    span = max(1, ((t.done or LAST_DAY) - t.started).days)
                    pct = max(5, min(95, int(100 * (end - t.started).days / span)))
                    state, completed, out = "in_progress", None, ""
                it.add(iid, rid, t.id, state, pct, completed, rng.choice(PROGRESS_NOTES), out)
                iid += 1
            rid += 1
        if n % 50 == 0:
            say("Báo cáo tiến độ", n, n_units)
    rt.flush()
    it.flush()
    say("Báo cáo tiến độ", n_units, n_units)
    stats.reports, stats.updates = rt.count, it.count


def _indicators(rng, stats, prog, units: Iterable[U], say) -> None:
    Indicator = _model("indicators.Indicator")
    Value = _model("indicators.Value")
    if Indicator is None or Value is None:
        stats.notes.append("Không có bảng chỉ tiêu (indicators): chưa sinh giá trị chỉ tiêu.")
        return
    try:
        vt = Table(Value, ["id", "indicator_id", "unit_id", "period", "year", "period_end", "numerator",
                           "denominator", "value"], batch=100_000)  # fmt: skip
    except (MissingField, KeyError) as exc:
        stats.notes.append(f"Mô hình chỉ tiêu đã đổi ({exc}): chưa sinh giá trị chỉ tiêu.")
        return
    units = list(units)
    vid = _next_id(Value)
    for order, (code, name, uom, kind, ptype, kinds, rollup) in enumerate(INDICATORS, start=1):
        ind = Indicator.objects.filter(programme=prog, code=code).first()
        if ind is None:
            ind = Indicator(
                programme=prog, code=code, name=name, unit_of_measure=uom, value_kind=kind, period_type=ptype,
                applies_to=kinds, rollup=rollup, order=order,
            )  # fmt: skip
            ind.save()
        stats.indicators += 1
        months = INDICATOR_MONTHS if ptype == "monthly" else [ym for ym in INDICATOR_MONTHS if ym[1] % 3 == 0]
        for u in units:
            if u.kind not in kinds:
                continue
            level = rng.uniform(0.3, 0.9)
            for y, m in months:
                end = (date(y + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)
                key = f"{y}-T{m:02d}" if ptype == "monthly" else f"{y}-Q{m // 3}"
                level = min(1.0, level + rng.uniform(0, 0.04))
                if kind == "percentage":
                    den = rng.randint(50, 800)
                    num = round(den * level)
                    vt.add(
                        vid,
                        ind.pk,
                        u.id,
                        key,
                        y,
                        end,
                        Decimal(num),
                        Decimal(den),
                        round(Decimal(100 * num / den), 4),
                    )
                else:
                    vt.add(vid, ind.pk, u.id, key, y, end, None, None, Decimal(int(level * 1000)))
                vid += 1
        say("Chỉ tiêu", order, len(INDICATORS))
    vt.flush()
    stats.values = vt.count
