"""The demo province: Quảng Ngãi's Kế hoạch 366-KH/TU implementing Resolution 57-NQ/TW (see shared/reference/).

Deterministic (a fixed random seed), so figures in the README and tests stay true. Other apps add their part
(reporting cycle, indicators, ...) through `load(ctx)` in their own `demo.py`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from dondoc.documents.actions import register_document, relate_documents
from dondoc.documents.models import DocumentRelation
from dondoc.tasks import actions as task_actions
from dondoc.tasks.models import Programme, Task
from dondoc.units.actions import create_unit, create_user, grant_role
from dondoc.units.models import Membership, Unit, User

PASSWORD = "dondoc-demo"

DEPARTMENTS = [
    ("VPTU", "Văn phòng Tỉnh ủy"),
    ("BTCTU", "Ban Tổ chức Tỉnh ủy"),
    ("BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy"),
    ("VPUBND", "Văn phòng UBND tỉnh"),
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("SNV", "Sở Nội vụ"),
    ("STC", "Sở Tài chính"),
    ("SGDDT", "Sở Giáo dục và Đào tạo"),
    ("SYT", "Sở Y tế"),
    ("SCT", "Sở Công Thương"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("SXD", "Sở Xây dựng"),
    ("STP", "Sở Tư pháp"),
    ("CA", "Công an tỉnh"),
    ("BQLKKT", "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp"),
]
COMMUNES = [
    ("PCAMTHANH", "Phường Cẩm Thành"),
    ("PNGHIALO", "Phường Nghĩa Lộ"),
    ("PTRUONGQUANG", "Phường Trương Quang Trọng"),
    ("XBINHSON", "Xã Bình Sơn"),
    ("XVANTUONG", "Xã Vạn Tường"),
    ("XDONGSON", "Xã Đông Sơn"),
    ("XSONTINH", "Xã Sơn Tịnh"),
    ("XTUNGHIA", "Xã Tư Nghĩa"),
    ("XNGHIAHANH", "Xã Nghĩa Hành"),
    ("XMODUC", "Xã Mộ Đức"),
    ("PDUCPHO", "Phường Đức Phổ"),
    ("XBATO", "Xã Ba Tơ"),
    ("XMINHLONG", "Xã Minh Long"),
    ("XSONHA", "Xã Sơn Hà"),
    ("XSONTAY", "Xã Sơn Tây"),
    ("XTRABONG", "Xã Trà Bồng"),
    ("XKONTUM", "Xã Ba Gia"),
    ("XANHAI", "Xã An Hải"),
    ("DKLYSON", "Đặc khu Lý Sơn"),
    ("XSONKY", "Xã Sơn Kỳ"),
]

# (group, title, lead, partners, due phrase, output)
TASKS: list[tuple[int, str, str, list[str], str, str]] = [
    (
        1,
        "Tổ chức hội nghị quán triệt, triển khai Nghị quyết số 57-NQ/TW và Kế hoạch số 366-KH/TU đến cán bộ chủ chốt",
        "BTGDV",
        ["VPTU"],
        "quý I/2025",
        "Hội nghị quán triệt",
    ),
    (
        1,
        "Phát động phong trào “Bình dân học vụ số” trên địa bàn tỉnh",
        "BTGDV",
        ["SKHCN", "SGDDT"],
        "tháng 4/2025",
        "Lễ phát động; kế hoạch triển khai",
    ),
    (
        1,
        "Xây dựng chuyên trang, chuyên mục tuyên truyền về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        "BTGDV",
        ["SKHCN"],
        "quý II/2025",
        "Chuyên trang trên Cổng thông tin điện tử tỉnh",
    ),
    (
        1,
        "Đưa nhiệm vụ thực hiện Nghị quyết 57 vào chương trình công tác năm của các cơ quan, đơn vị",
        "VPTU",
        [],
        "thường xuyên",
        "Chương trình công tác năm",
    ),
    (
        1,
        "Thành lập, kiện toàn Ban Chỉ đạo cấp xã về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        "BTCTU",
        ["SNV"],
        "tháng 8/2025",
        "Quyết định thành lập Ban Chỉ đạo cấp xã",
    ),
    (
        1,
        "Đưa kết quả thực hiện chuyển đổi số vào tiêu chí đánh giá thi đua, khen thưởng hằng năm",
        "SNV",
        ["BTCTU"],
        "6 tháng cuối năm 2025",
        "Bộ tiêu chí thi đua",
    ),
    (
        1,
        "Tổ chức sơ kết 6 tháng thực hiện Kế hoạch số 366-KH/TU",
        "VPTU",
        ["SKHCN"],
        "tháng 7/2025",
        "Báo cáo sơ kết",
    ),
    (
        1,
        "Biểu dương, khen thưởng tổ chức, cá nhân có thành tích trong chuyển đổi số",
        "SNV",
        [],
        "thường xuyên",
        "Quyết định khen thưởng",
    ),
    (
        1,
        "Tổ chức tổng kết năm 2025 thực hiện Nghị quyết 57 và đề ra nhiệm vụ năm 2026",
        "VPTU",
        ["SKHCN"],
        "tháng 12/2025",
        "Báo cáo tổng kết",
    ),
    (
        2,
        "Rà soát, tháo gỡ các điểm nghẽn, rào cản về thể chế, chính sách trong phát triển chuyển đổi số",
        "STP",
        ["SKHCN", "SNV"],
        "quý II/2025",
        "Báo cáo rà soát; danh mục văn bản cần sửa đổi",
    ),
    (
        2,
        "Tham mưu triển khai Nghị quyết số 193/2025/QH15 về thí điểm cơ chế, chính sách đặc biệt",
        "SKHCN",
        ["STP", "STC"],
        "quý III/2025",
        "Kế hoạch triển khai",
    ),
    (
        2,
        "Xây dựng Nghị quyết của HĐND tỉnh về chính sách hỗ trợ chuyển giao, đổi mới công nghệ giai đoạn 2026-2030",
        "SKHCN",
        ["STC", "STP"],
        "năm 2026",
        "Nghị quyết HĐND tỉnh",
    ),
    (
        2,
        "Ban hành quy chế chia sẻ dữ liệu dùng chung của tỉnh",
        "SKHCN",
        ["VPUBND", "CA"],
        "tháng 9/2025",
        "Quy chế chia sẻ dữ liệu",
    ),
    (
        2,
        "Sửa đổi quy chế làm việc của Ban Chỉ đạo tỉnh theo mô hình chính quyền địa phương hai cấp",
        "VPTU",
        [],
        "tháng 8/2025",
        "Quy chế sửa đổi",
    ),
    (
        2,
        "Xây dựng cơ chế đặt hàng, giao nhiệm vụ khoa học và công nghệ theo sản phẩm cuối cùng",
        "SKHCN",
        ["STC"],
        "6 tháng đầu năm 2026",
        "Quyết định ban hành cơ chế",
    ),
    (
        2,
        "Rà soát thủ tục hành chính, đơn giản hóa quy trình trên cơ sở dữ liệu số",
        "VPUBND",
        ["STP"],
        "quý IV/2025",
        "Phương án đơn giản hóa",
    ),
    (2, "Ban hành danh mục dữ liệu mở của tỉnh", "SKHCN", [], "quý I/2026", "Danh mục dữ liệu mở"),
    (
        3,
        "Phủ sóng 5G tại các khu công nghiệp thuộc Khu kinh tế Dung Quất",
        "SKHCN",
        ["BQLKKT"],
        "quý IV/2025",
        "5/5 khu công nghiệp có sóng 5G",
    ),
    (
        3,
        "Phủ sóng di động và Internet tại 100% thôn, bản; xóa vùng lõm sóng",
        "SKHCN",
        ["SCT"],
        "6 tháng đầu năm 2025",
        "Báo cáo phủ sóng",
    ),
    (
        3,
        "Ngầm hóa, chỉnh trang mạng cáp viễn thông tại các đô thị",
        "SXD",
        ["SKHCN"],
        "năm 2026",
        "Kế hoạch ngầm hóa; tỷ lệ ngầm hóa",
    ),
    (
        3,
        "Nâng cấp mạng truyền số liệu chuyên dùng đến 100% xã, phường",
        "SKHCN",
        ["VPTU"],
        "tháng 9/2025",
        "Mạng truyền số liệu chuyên dùng",
    ),
    (
        3,
        "Đầu tư Trung tâm giám sát, điều hành thông minh của tỉnh (IOC)",
        "SKHCN",
        ["STC", "CA"],
        "tháng 9/2025",
        "IOC đi vào vận hành",
    ),
    (
        3,
        "Nâng cấp Trung tâm dữ liệu tỉnh, kết nối với Trung tâm dữ liệu quốc gia",
        "SKHCN",
        ["STC"],
        "năm 2026",
        "Trung tâm dữ liệu đạt chuẩn",
    ),
    (
        3,
        "Hoàn thiện Nền tảng tích hợp, chia sẻ dữ liệu (LGSP), kết nối NDXP",
        "SKHCN",
        [],
        "quý III/2025",
        "LGSP kết nối NDXP",
    ),
    (
        3,
        "Trang bị thiết bị đầu cuối, hội nghị truyền hình cho các xã, phường sau sắp xếp",
        "VPUBND",
        ["STC"],
        "30/06/2025",
        "Hệ thống hội nghị truyền hình",
    ),
    (
        3,
        "Phát triển mạng lưới IoT quan trắc môi trường, cảnh báo lũ trên các sông chính",
        "SNNMT",
        ["SKHCN"],
        "năm 2027",
        "Hệ thống quan trắc, cảnh báo",
    ),
    (
        3,
        "Bố trí ít nhất 3% tổng chi ngân sách hằng năm cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        "STC",
        ["SKHCN"],
        "thường xuyên",
        "Dự toán ngân sách",
    ),
    (
        4,
        "Xây dựng chương trình đào tạo kỹ năng số cho cán bộ, công chức, viên chức",
        "SNV",
        ["SKHCN"],
        "quý II/2025",
        "Chương trình đào tạo",
    ),
    (
        4,
        "Bố trí cán bộ có chuyên môn khoa học, kỹ thuật trong đội ngũ lãnh đạo, phấn đấu tối thiểu 25%",
        "BTCTU",
        ["SNV"],
        "năm 2030",
        "Tỷ lệ lãnh đạo có chuyên môn KHKT",
    ),
    (
        4,
        "Ban hành chính sách thu hút, trọng dụng nhân lực chất lượng cao về công nghệ số",
        "SNV",
        ["STC", "BTCTU"],
        "6 tháng cuối năm 2025",
        "Nghị quyết chính sách thu hút",
    ),
    (
        4,
        "Bố trí cán bộ chuyên trách chuyển đổi số tại 100% xã, phường",
        "SNV",
        ["BTCTU"],
        "tháng 10/2025",
        "Quyết định phân công",
    ),
    (
        4,
        "Đào tạo nhân lực phục vụ Trung tâm Lọc hóa dầu và năng lượng quốc gia",
        "SGDDT",
        ["BQLKKT"],
        "năm 2028",
        "Chương trình đào tạo",
    ),
    (
        4,
        "Đưa nội dung STEM, kỹ năng số vào trường phổ thông",
        "SGDDT",
        [],
        "năm học 2025-2026",
        "Kế hoạch giáo dục STEM",
    ),
    (
        4,
        "Tổ chức đào tạo, bồi dưỡng an toàn thông tin cho cán bộ chuyên trách",
        "CA",
        ["SKHCN"],
        "quý IV/2025",
        "Lớp bồi dưỡng",
    ),
    (
        5,
        "Số hóa hồ sơ, tài liệu lưu trữ tại các cơ quan Đảng, chính quyền",
        "VPTU",
        ["VPUBND", "SNV"],
        "năm 2025",
        "Kho dữ liệu số",
    ),
    (
        5,
        "Nâng tỷ lệ văn bản điện tử được ký số khi phát hành trên 95%",
        "VPUBND",
        ["VPTU"],
        "quý III/2025",
        "Báo cáo tỷ lệ ký số",
    ),
    (
        5,
        "Cung cấp dịch vụ công trực tuyến toàn trình không phụ thuộc địa giới hành chính",
        "VPUBND",
        ["CA", "STP"],
        "quý IV/2025",
        "Danh mục TTHC toàn trình",
    ),
    (
        5,
        "Tái sử dụng thông tin, kết quả giải quyết thủ tục hành chính",
        "VPUBND",
        [],
        "6 tháng cuối năm 2025",
        "Tỷ lệ tái sử dụng dữ liệu",
    ),
    (
        5,
        "Xây dựng Hệ thống phục vụ chỉ đạo, điều hành của Tỉnh ủy, UBND tỉnh",
        "VPTU",
        ["VPUBND", "SKHCN"],
        "quý II/2026",
        "Hệ thống chỉ đạo điều hành",
    ),
    (
        5,
        "Xây dựng cơ sở dữ liệu cán bộ, công chức, viên chức kết nối cơ sở dữ liệu quốc gia",
        "SNV",
        [],
        "tháng 11/2025",
        "CSDL CBCCVC",
    ),
    (
        5,
        "Triển khai hệ thống quản lý nhiệm vụ, theo dõi thực hiện Nghị quyết 57",
        "VPTU",
        ["SKHCN"],
        "tháng 6/2025",
        "Hệ thống theo dõi nhiệm vụ",
    ),
    (
        5,
        "Bảo đảm an ninh, an toàn thông tin cho mô hình chính quyền địa phương hai cấp",
        "CA",
        ["SKHCN"],
        "thường xuyên",
        "Báo cáo giám sát an toàn thông tin",
    ),
    (
        5,
        "Triển khai Trung tâm điều hành an ninh mạng (SOC) cho các cơ quan nhà nước",
        "CA",
        ["SKHCN"],
        "năm 2026",
        "SOC vận hành",
    ),
    (
        5,
        "Ứng dụng trí tuệ nhân tạo hỗ trợ trả lời, hướng dẫn thủ tục hành chính",
        "SKHCN",
        ["VPUBND"],
        "quý III/2026",
        "Trợ lý ảo",
    ),
    (
        5,
        "Chuyển đổi số trong khám, chữa bệnh: bệnh án điện tử tại bệnh viện tuyến tỉnh",
        "SYT",
        [],
        "tháng 9/2025",
        "Bệnh án điện tử",
    ),
    (5, "Triển khai sổ sức khỏe điện tử cho người dân", "SYT", ["CA"], "năm 2026", "Sổ sức khỏe điện tử"),
    (5, "Số hóa học bạ, văn bằng, chứng chỉ", "SGDDT", [], "quý IV/2025", "Học bạ số"),
    (
        5,
        "Hoàn thiện cơ sở dữ liệu đất đai, kết nối với cơ sở dữ liệu quốc gia",
        "SNNMT",
        ["CA"],
        "6 tháng đầu năm 2026",
        "CSDL đất đai",
    ),
    (
        6,
        "Triển khai Đề án chuyển đổi số cho doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh",
        "SCT",
        ["SKHCN"],
        "năm 2026",
        "Số doanh nghiệp được hỗ trợ",
    ),
    (
        6,
        "Hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa",
        "SKHCN",
        ["SCT"],
        "tháng 12/2025",
        "Dự án hỗ trợ",
    ),
    (
        6,
        "Xây dựng khu công nghiệp thông minh ứng dụng Internet vạn vật (IoT)",
        "BQLKKT",
        ["SKHCN"],
        "năm 2027",
        "Khu công nghiệp thông minh",
    ),
    (
        6,
        "Công bố danh mục nhiệm vụ trọng tâm về khoa học, công nghệ để doanh nghiệp tham gia giải quyết",
        "SKHCN",
        [],
        "quý III/2025",
        "Danh mục nhiệm vụ đặt hàng",
    ),
    (
        6,
        "Phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo của tỉnh",
        "SKHCN",
        ["SCT", "STC"],
        "năm 2026",
        "Kế hoạch phát triển hệ sinh thái",
    ),
    (
        6,
        "Triển khai hệ thống truy xuất nguồn gốc sản phẩm nông sản chủ lực",
        "SNNMT",
        ["SCT"],
        "quý II/2025",
        "Hệ thống truy xuất nguồn gốc",
    ),
    (
        6,
        "Thúc đẩy thanh toán không dùng tiền mặt trong dịch vụ công và thương mại",
        "SCT",
        ["STC"],
        "thường xuyên",
        "Tỷ lệ thanh toán không dùng tiền mặt",
    ),
    (
        7,
        "Tham gia các diễn đàn, hội nghị quốc tế về đổi mới sáng tạo và chuyển đổi số",
        "SKHCN",
        ["SCT"],
        "thường xuyên",
        "Báo cáo tham gia",
    ),
    (
        7,
        "Ký kết hợp tác với doanh nghiệp công nghệ trong và ngoài nước về chuyển đổi số",
        "VPUBND",
        ["SKHCN"],
        "quý IV/2025",
        "Thỏa thuận hợp tác",
    ),
    (
        7,
        "Thu hút dự án đầu tư nước ngoài vào lĩnh vực công nghệ cao tại Khu kinh tế Dung Quất",
        "BQLKKT",
        ["SCT"],
        "năm 2026",
        "Dự án FDI công nghệ cao",
    ),
    (
        7,
        "Hợp tác đào tạo nhân lực công nghệ với các trường đại học nước ngoài",
        "SGDDT",
        ["SNV"],
        "năm 2027",
        "Chương trình hợp tác đào tạo",
    ),
]

# Parent tasks split into sub-tasks for each commune (nhiệm vụ chung và nhiệm vụ cụ thể).
SPLIT = [
    (
        "5.CX",
        5,
        "Chuyển đổi số trong hoạt động của chính quyền cấp xã sau sắp xếp",
        "VPUBND",
        "quý IV/2025",
        "Triển khai hệ thống quản lý văn bản, dịch vụ công trực tuyến tại {name}",
    ),
]


@dataclass
class DemoContext:
    """What the demo has built so far, handed to each app's demo extension."""

    root: Unit
    programme: Programme
    units: dict[str, Unit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)
    rng: random.Random = field(default_factory=lambda: random.Random(57))
    today: date = field(default_factory=date.today)


def is_empty() -> bool:
    return not Unit.objects.exists() and not User.objects.exists()


def _dates(rng: random.Random, due: date | None, today: date, index: int) -> tuple[date | None, date | None]:
    """Start and completion dates spread over 2025 so that every status appears, deterministically."""
    base = date(2025, 3, 1)
    started = base + timedelta(days=rng.randint(0, 150))
    kind = index % 10
    if due is None:  # recurring: most are in progress
        return (started if kind < 8 else None), None
    if kind in (0, 1, 2):  # done on time
        done = min(due, today) - timedelta(days=rng.randint(0, 20))
        return min(started, done), done
    if kind in (3, 4, 5):  # done late: caught up after the deadline
        done = due + timedelta(days=rng.randint(5, 120))
        if done > today:
            done = today - timedelta(days=1)
        return min(started, done), done
    if kind == 9:  # not started yet
        return None, None
    return (started if started <= today else None), None


def load(stdout=None, today: date | None = None) -> DemoContext:
    """Build the demo province. Refuses a non-empty database."""
    if not is_empty():
        raise RuntimeError("Cơ sở dữ liệu đã có dữ liệu: chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống.")
    today = today or date.today()
    with transaction.atomic():
        root = create_unit("DEMO", "Tỉnh Quảng Ngãi (dữ liệu mẫu)", Unit.Kind.PROVINCE)
        programme = task_actions.ensure_programme("NQ57")
        ctx = DemoContext(root=root, programme=programme, today=today)
        ctx.units["DEMO"] = root
        for code, name in DEPARTMENTS:
            ctx.units[code] = create_unit(code, name, Unit.Kind.DEPARTMENT, parent=root)
        for code, name in COMMUNES:
            ctx.units[code] = create_unit(code, name, Unit.Kind.COMMUNE, parent=root)
        other = create_unit("NAN", "Tỉnh Nghệ An", Unit.Kind.PROVINCE)
        other_dept = create_unit(
            "SKHCN-NAN", "Sở Khoa học và Công nghệ tỉnh Nghệ An", Unit.Kind.DEPARTMENT, parent=other
        )
        ctx.units["NAN"], ctx.units["SKHCN-NAN"] = other, other_dept

        nq57 = register_document(
            "57-NQ/TW", title=NQ57_TITLE, issued_on=date(2024, 12, 22), issuer="Bộ Chính trị"
        )
        kh366 = register_document(
            "366-KH/TU",
            title="Kế hoạch thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị",
            issued_on=date(2025, 2, 25),
            issuer="Ban Thường vụ Tỉnh ủy Quảng Ngãi",
            unit=root,
        )
        relate_documents(kh366, nq57, DocumentRelation.Kind.IMPLEMENTS)
        qd = register_document(
            "1827-QĐ/TU",
            title="Thành lập Ban Chỉ đạo của tỉnh về phát triển khoa học, công nghệ, "
            "đổi mới sáng tạo và chuyển đổi số",
            issued_on=date(2025, 2, 11),
            issuer="Ban Thường vụ Tỉnh ủy Quảng Ngãi",
            unit=root,
        )
        relate_documents(qd, nq57, DocumentRelation.Kind.IMPLEMENTS)
        task_actions.update_programme(programme, document=nq57)

        groups = {g.number: g for g in programme.groups.all()}
        from dondoc.vn.deadlines import parse_deadline

        counters: dict[int, int] = {}
        for i, (g, title, lead, partners, phrase, output) in enumerate(TASKS):
            counters[g] = counters.get(g, 0) + 1
            try:
                dl = parse_deadline(phrase, plan_year=2025)
                due, recurring = dl.due, dl.recurring
            except ValueError:
                due, recurring = date(2026, 6, 30), False
            started, done = _dates(ctx.rng, due, today, i)
            task = task_actions.create_task(
                programme,
                code=f"366.{g}.{counters[g]:02d}",
                title=title,
                group=groups[g],
                lead=ctx.units[lead],
                partners=[ctx.units[p] for p in partners],
                due=due,
                due_phrase=phrase,
                recurring=recurring,
                output=output,
                source=kh366,
                started=started,
                done=done,
                progress=100 if done else (ctx.rng.choice([20, 40, 50, 60, 80]) if started else 0),
            )
            ctx.tasks.append(task)
        for code, g, title, lead, phrase, sub in SPLIT:
            dl = parse_deadline(phrase, plan_year=2025)
            parent = task_actions.create_task(
                programme,
                code=f"366.{code}",
                title=title,
                group=groups[g],
                lead=ctx.units[lead],
                due=dl.due,
                due_phrase=phrase,
                source=kh366,
                started=date(2025, 7, 15),
            )
            ctx.tasks.append(parent)
            for j, (ccode, cname) in enumerate(COMMUNES):
                started, done = _dates(ctx.rng, dl.due, today, j + 3)
                child = task_actions.create_task(
                    programme,
                    code=f"366.{code}.{j + 1:02d}",
                    title=sub.format(name=cname),
                    group=groups[g],
                    parent=parent,
                    lead=ctx.units[ccode],
                    due=dl.due,
                    due_phrase=phrase,
                    source=kh366,
                    started=started,
                    done=done,
                    progress=100 if done else (50 if started else 0),
                )
                ctx.tasks.append(child)
        # A few extensions, granted in 2025, so that "deadline in force" shows on the pages.
        for task in [t for t in ctx.tasks if t.due and not t.done and t.due < today][:3]:
            task_actions.extend_deadline(
                task,
                task.due + timedelta(days=90),
                "Chờ bố trí kinh phí; đơn vị chủ trì đề nghị gia hạn.",
                granted_on=task.due - timedelta(days=5),
            )
        # Nghệ An's own small catalogue: the user `khac` reports for it and sees nothing of DEMO.
        for j, title in enumerate(
            [
                "Đưa Trung tâm giám sát, điều hành thông minh NgheanIOC vào vận hành",
                "Nâng cấp, cải tạo thiết bị đầu cuối cho 130 xã, phường",
            ],
            start=1,
        ):
            task_actions.create_task(
                programme,
                code=f"NAN.{j}",
                title=title,
                lead=other_dept,
                due=date(2025, 9, 30),
                due_phrase="tháng 9/2025",
                started=date(2025, 7, 1),
            )

        users = [
            ("admin", "Quản trị hệ thống", Membership.Role.ADMIN, "DEMO", True),
            ("vanphong", "Nguyễn Thị Thu Hà (Văn phòng Tỉnh ủy)", Membership.Role.OFFICE, "DEMO", True),
            ("lanhdao", "Trần Văn Minh (Phó Bí thư Tỉnh ủy)", Membership.Role.LEADER, "DEMO", False),
            ("baocao", "Lê Quang Huy (Sở Khoa học và Công nghệ)", Membership.Role.REPORTER, "SKHCN", False),
            ("khac", "Phạm Văn Nam (Sở KH&CN Nghệ An)", Membership.Role.REPORTER, "SKHCN-NAN", False),
        ]
        for username, full_name, role, unit_code, staff in users:
            user = create_user(
                username,
                PASSWORD,
                full_name=full_name,
                email=f"{username}@demo.dondoc.vn",
                is_staff=staff,
                is_superuser=(username == "admin"),
            )
            grant_role(user, ctx.units[unit_code], role)
            ctx.users[username] = user

        # What each app adds to the province, in this order, each through the app's actions.
        from . import committees, dashboards, exports, indicators, reporting

        for part in (reporting, indicators, committees, dashboards, exports):
            part.load(ctx)
    return ctx


NQ57_TITLE = "Về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"

LOGINS = """Tài khoản dùng thử (mật khẩu chung: {password}):
  admin     — quản trị hệ thống
  vanphong  — cơ quan thường trực (Văn phòng Tỉnh ủy), tỉnh DEMO
  lanhdao   — lãnh đạo tỉnh DEMO
  baocao    — đầu mối báo cáo của Sở Khoa học và Công nghệ (DEMO)
  khac      — đầu mối của một đơn vị ngoài DEMO (không thấy dữ liệu của DEMO)"""
