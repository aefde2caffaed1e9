"""Demo indicators: those of Quảng Ngãi's report on Resolution 57 (shared/reference/001_...txt), with 2025,
2026 and 2030 targets, the national baseline, and values over the quarters of 2025 and 2026 for the demo
province's departments and communes — so that "vượt", "đạt" and "chưa đạt" all appear."""

from __future__ import annotations

from decimal import Decimal

from dondoc.indicators import actions
from dondoc.indicators.models import Indicator, PeriodType
from dondoc.units.models import Unit

QUARTERS = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
HALVES = ["2025-H1", "2025-H2", "2026-H1"]
DEPT, COMMUNE, PROVINCE = Unit.Kind.DEPARTMENT, Unit.Kind.COMMUNE, Unit.Kind.PROVINCE
PCT, NUM = Indicator.Kind.PERCENTAGE, Indicator.Kind.NUMBER
RATIO, SUM, NONE = Indicator.Rollup.RATIO, Indicator.Rollup.SUM, Indicator.Rollup.NONE

INDICATORS = [
    # code, name, kind, unit of measure, applies to, period, roll-up, keywords, targets {year: value}, definition
    (
        "VBDT-SO",
        "Tỷ lệ sử dụng văn bản điện tử của các sở, ban, ngành",
        PCT,
        "%",
        [DEPT],
        PeriodType.QUARTERLY,
        RATIO,
        "văn bản điện tử; sở, ban, ngành",
        {2025: "99", 2026: "99,3", 2030: "100"},
        "Số văn bản đi, đến được xử lý hoàn toàn trên môi trường mạng / tổng số văn bản đi, đến của cơ quan.",
    ),
    (
        "VBDT-XA",
        "Tỷ lệ sử dụng văn bản điện tử cấp xã",
        PCT,
        "%",
        [COMMUNE],
        PeriodType.QUARTERLY,
        RATIO,
        "văn bản điện tử; cấp xã",
        {2025: "80", 2030: "95"},
        "Số văn bản đi, đến được xử lý trên môi trường mạng / tổng số văn bản đi, đến của UBND cấp xã.",
    ),
    (
        "KY-SO",
        "Tỷ lệ văn bản được ký số khi phát hành văn bản điện tử",
        PCT,
        "%",
        [DEPT, COMMUNE],
        PeriodType.QUARTERLY,
        RATIO,
        "ký số",
        {2025: "95", 2026: "96", 2030: "100"},
        "Số văn bản điện tử phát hành có chữ ký số / tổng số văn bản điện tử phát hành.",
    ),
    (
        "TTHC-TSD",
        "Tỷ lệ tái sử dụng thông tin, kết quả giải quyết thủ tục hành chính",
        PCT,
        "%",
        [DEPT],
        PeriodType.QUARTERLY,
        RATIO,
        "tái sử dụng",
        {2025: "70", 2026: "75", 2030: "90"},
        "Số hồ sơ TTHC có tái sử dụng thông tin, kết quả đã số hóa / tổng số hồ sơ TTHC tiếp nhận.",
    ),
    (
        "5G-KCN",
        "Tỷ lệ khu công nghiệp thuộc Khu kinh tế Dung Quất được phủ sóng 5G",
        PCT,
        "%",
        [PROVINCE],
        PeriodType.QUARTERLY,
        RATIO,
        "5G; khu công nghiệp",
        {2025: "60", 2026: "80", 2030: "100"},
        "Số khu công nghiệp có mạng 5G thương mại / tổng số khu công nghiệp thuộc KKT Dung Quất.",
    ),
    (
        "BTS",
        "Số trạm thu phát sóng di động (BTS)",
        NUM,
        "trạm",
        [PROVINCE],
        PeriodType.QUARTERLY,
        SUM,
        "trạm BTS",
        {2025: "3.600", 2026: "3.800", 2030: "5.000"},
        "Tổng số trạm BTS của các doanh nghiệp viễn thông trên địa bàn tỉnh.",
    ),
    (
        "NGAN-SACH",
        "Tỷ lệ chi ngân sách tỉnh cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        PCT,
        "%",
        [PROVINCE],
        PeriodType.YEARLY,
        NONE,
        "ngân sách",
        {2025: "3", 2026: "3", 2030: "3"},
        "Kinh phí bố trí cho các nhiệm vụ phát triển KH, CN, ĐMST và CĐS / tổng chi ngân sách của tỉnh; "
        "ít nhất 3% (Kế hoạch số 366-KH/TU).",
    ),
    (
        "LD-KHCN",
        "Tỷ lệ cán bộ lãnh đạo có chuyên môn, kinh nghiệm về khoa học kỹ thuật",
        PCT,
        "%",
        [DEPT],
        PeriodType.SIX_MONTHLY,
        RATIO,
        "lãnh đạo; khoa học",
        {2030: "25"},
        "Số cán bộ lãnh đạo cơ quan có chuyên môn, kinh nghiệm về khoa học kỹ thuật / tổng số cán bộ lãnh đạo; "
        "tối thiểu 25% (Kế hoạch số 366-KH/TU).",
    ),
]


def _n(text: str) -> Decimal:
    from dondoc.vn import parse_number

    return parse_number(text)


def load(ctx) -> None:
    root = ctx.root
    office = ctx.users.get("vanphong")
    rng = ctx.rng
    inds: dict[str, Indicator] = {}
    for order, (code, name, kind, uom, applies, ptype, rollup, keywords, targets, definition) in enumerate(
        INDICATORS, start=1
    ):
        ind = actions.create_indicator(
            ctx.programme,
            actor=office,
            owner=root,
            code=f"QNG-{code}",
            name=name,
            value_kind=kind,
            unit_of_measure=uom,
            applies_to=list(applies),
            period_type=ptype,
            rollup=rollup,
            keywords=keywords,
            definition=definition,
            order=order,
        )
        for year, value in targets.items():
            actions.set_target(ind, year, _n(value), actor=office, note="Kế hoạch số 366-KH/TU")
        inds[code] = ind
    actions.add_baseline(inds["TTHC-TSD"], "Trung bình cả nước", Decimal("23.98"), year=2025, actor=office)
    actions.add_baseline(
        inds["VBDT-SO"], "Cấp huyện (trước sắp xếp)", Decimal("87.85"), year=2025, actor=office
    )

    units = [u for u in ctx.units.values() if u.path.startswith(root.path) and u.pk != root.pk]
    depts = sorted((u for u in units if u.kind == DEPT), key=lambda u: u.code)
    communes = sorted((u for u in units if u.kind == COMMUNE), key=lambda u: u.code)
    if communes:
        actions.set_target(
            inds["VBDT-XA"],
            2030,
            Decimal(85),
            unit=communes[0],
            actor=office,
            note="Xã miền núi, hạ tầng mạng còn hạn chế",
        )

    def ratio(ind, unit, period, den_range, rate):
        den = rng.randint(*den_range)
        num = min(den, round(den * rate))
        actions.record_value(
            ind, unit, period, numerator=num, denominator=den, actor=office, note="Số liệu mẫu"
        )

    for qi, period in enumerate(QUARTERS):
        for u in depts:
            ratio(
                inds["VBDT-SO"],
                u,
                period,
                (900, 3000),
                min(1.0, 0.982 + 0.0025 * qi + rng.uniform(-0.002, 0.002)),
            )
            ratio(inds["KY-SO"], u, period, (600, 2000), min(1.0, 0.93 + 0.008 * qi + rng.uniform(0, 0.02)))
            ratio(inds["TTHC-TSD"], u, period, (200, 1500), 0.66 + 0.02 * qi + rng.uniform(-0.03, 0.03))
        for u in communes:
            ratio(inds["VBDT-XA"], u, period, (150, 700), 0.62 + 0.02 * qi + rng.uniform(-0.06, 0.06))
            ratio(inds["KY-SO"], u, period, (100, 500), min(1.0, 0.9 + 0.01 * qi + rng.uniform(0, 0.04)))
    for period, raw in zip(QUARTERS, ["3/5", "3/5", "4/5", "4/5", "4/5", "4/5"], strict=True):
        actions.record_value(inds["5G-KCN"], root, period, raw, actor=office, note="Báo cáo của Sở KH&CN")
    for period, raw in zip(QUARTERS, ["3.520", "3.600", "3.700", "3.760", "3.810", "3.870"], strict=True):
        actions.record_value(inds["BTS"], root, period, raw, actor=office, note="Báo cáo của Sở KH&CN")
    actions.record_value(inds["NGAN-SACH"], root, "2025", "2,10", actor=office, note="Dự toán ngân sách 2025")
    actions.record_value(inds["NGAN-SACH"], root, "2026", "2,65", actor=office, note="Dự toán ngân sách 2026")
    for hi, period in enumerate(HALVES):
        for u in depts:
            den = rng.randint(3, 6)
            num = min(den, max(0, round(den * (0.12 + 0.04 * hi + rng.uniform(-0.1, 0.15)))))
            actions.record_value(inds["LD-KHCN"], u, period, numerator=num, denominator=den, actor=office)
