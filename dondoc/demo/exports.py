"""Demo data of the exports app: the report settings of the demo province (Party format, as Quảng Ngãi's
Ban Thường vụ Tỉnh ủy signs its reports) and of one department (State format)."""

from __future__ import annotations

from dondoc.exports.actions import save_report_settings
from dondoc.exports.models import ReportSettings

# "Nơi nhận" of the Quảng Ngãi report in shared/reference/.
DEMO_RECIPIENTS = """Văn phòng Trung ương Đảng
Ủy ban Kiểm tra Tỉnh ủy
Ban Tổ chức Tỉnh ủy
Các đồng chí Ủy viên BTV Tỉnh ủy
VPTU: CVP, PCVP, P.TH
Phòng TC, CB, BTCTU
Lưu Văn phòng Tỉnh ủy"""


def load(ctx) -> None:
    office = ctx.users.get("vanphong")
    save_report_settings(
        ctx.units["DEMO"],
        actor=office,
        layout=ReportSettings.Layout.PARTY,
        parent_body="ĐẢNG BỘ TỈNH QUẢNG NGÃI",
        issuing_body="TỈNH ỦY",
        sender="Ban Thường vụ Tỉnh ủy Quảng Ngãi",
        number_code="TU",
        place="Quảng Ngãi",
        signer_authority="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ BÍ THƯ",
        signer_name="Trần Văn Minh",
        addressees="",
        recipients=DEMO_RECIPIENTS,
    )
    if "SKHCN" in ctx.units:
        save_report_settings(
            ctx.units["SKHCN"],
            actor=office,
            layout=ReportSettings.Layout.STATE,
            parent_body="UBND TỈNH QUẢNG NGÃI",
            issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            number_code="SKHCN",
            place="Quảng Ngãi",
            signer_authority="",
            signer_title="GIÁM ĐỐC",
            signer_name="Lê Văn Bình",
            addressees="Ủy ban nhân dân tỉnh Quảng Ngãi",
            recipients="Như trên\nBan Chỉ đạo tỉnh (để b/c)\nLưu: VT, VP",
        )
