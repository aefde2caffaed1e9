from dataclasses import dataclass
from decimal import Decimal

import pytest

from dondoc.indicators import actions
from dondoc.indicators.models import Indicator, PeriodType
from dondoc.units.models import Unit


@dataclass
class Catalogue:
    edoc: Indicator  # percentage, departments, quarterly, ratio roll-up
    commune: Indicator  # percentage, communes
    bts: Indicator  # number, province and departments, quarterly, sum
    budget: Indicator  # percentage, province, yearly, no roll-up
    lower: Indicator  # number, lower is better
    online: Indicator  # yes/no


@pytest.fixture
def cat(world) -> Catalogue:
    P = world.P
    mk = actions.create_indicator
    edoc = mk(
        world.programme,
        owner=P,
        code="VBDT-SO",
        name="Tỷ lệ sử dụng văn bản điện tử của các sở, ban, ngành",
        value_kind=Indicator.Kind.PERCENTAGE,
        applies_to=[Unit.Kind.DEPARTMENT],
        period_type=PeriodType.QUARTERLY,
        rollup=Indicator.Rollup.RATIO,
        keywords="văn bản điện tử; sở, ban, ngành",
    )
    commune = mk(
        world.programme,
        owner=P,
        code="VBDT-XA",
        name="Tỷ lệ sử dụng văn bản điện tử cấp xã",
        value_kind=Indicator.Kind.PERCENTAGE,
        applies_to=[Unit.Kind.COMMUNE],
        period_type=PeriodType.QUARTERLY,
        rollup=Indicator.Rollup.RATIO,
        keywords="văn bản điện tử; cấp xã",
    )
    bts = mk(
        world.programme,
        owner=P,
        code="BTS",
        name="Số trạm BTS",
        unit_of_measure="trạm",
        value_kind=Indicator.Kind.NUMBER,
        applies_to=[Unit.Kind.PROVINCE, Unit.Kind.DEPARTMENT],
        period_type=PeriodType.QUARTERLY,
        rollup=Indicator.Rollup.SUM,
        keywords="trạm BTS",
    )
    budget = mk(
        world.programme,
        owner=P,
        code="NGAN-SACH",
        name="Tỷ lệ chi ngân sách cho khoa học, công nghệ",
        value_kind=Indicator.Kind.PERCENTAGE,
        applies_to=[Unit.Kind.PROVINCE],
        period_type=PeriodType.YEARLY,
        rollup=Indicator.Rollup.NONE,
        keywords="ngân sách",
    )
    lower = mk(
        world.programme,
        owner=P,
        code="HS-TRE",
        name="Số hồ sơ giải quyết trễ hạn",
        unit_of_measure="hồ sơ",
        value_kind=Indicator.Kind.NUMBER,
        direction=Indicator.Direction.LOWER,
        period_type=PeriodType.QUARTERLY,
        rollup=Indicator.Rollup.SUM,
    )
    online = mk(
        world.programme,
        owner=P,
        code="IOC",
        name="Có trung tâm điều hành thông minh",
        value_kind=Indicator.Kind.BOOLEAN,
        period_type=PeriodType.YEARLY,
        rollup=Indicator.Rollup.NONE,
    )
    actions.set_target(edoc, 2025, Decimal(90))
    actions.set_target(edoc, 2030, Decimal(100))
    actions.set_target(edoc, 2025, Decimal(95), unit=world.A)
    actions.add_baseline(edoc, "Trung bình cả nước", Decimal("23.98"), year=2025)
    actions.set_target(bts, 2025, Decimal(100))
    actions.set_target(budget, 2025, Decimal(3))
    actions.set_target(lower, 2025, Decimal(10))
    return Catalogue(edoc, commune, bts, budget, lower, online)
