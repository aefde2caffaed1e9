"""Directives read from conclusions and plans (dondoc.vn.directives): the expected table of every directive of
the three real documents in reference/ (copied from shared/reference/), real sentences one by one, and
properties that hold for any text."""

from __future__ import annotations

import calendar
import unicodedata
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dondoc.vn.directives import (
    ALL,
    COMMUNES,
    DEPARTMENTS,
    PROVINCE,
    STANDING,
    UNIT,
    actor_key,
    parse_actor,
    parse_directives,
)

REFERENCE = Path(__file__).parent / "reference"


class Row(NamedTuple):
    title: str
    lead: tuple[str, str] | None = None  # (as written, kind)
    partners: tuple[str, ...] = ()
    due_text: str | None = None
    due: date | None = None
    recurring: str | None = None
    output: str | None = None
    ongoing: bool = False


def rows(text: str, plan_year: int = 2025) -> list[Row]:
    return [
        Row(
            d.title,
            (d.lead.text, d.lead.kind) if d.lead else None,
            tuple(p.text for p in d.partners),
            d.due_text,
            d.due,
            d.recurring,
            d.output,
            d.ongoing,
        )
        for d in parse_directives(text, plan_year)
    ]


REPORT_QNG = [
    Row(
        "Trực tiếp phụ trách, chỉ đạo triển khai và chịu trách nhiệm",
        lead=("Người đứng đầu cấp ủy cơ quan, địa phương", "all"),
    ),
    Row(
        "Đưa nhiệm vụ chuyển đổi số, phát triển khoa học, công nghệ, đổi mới sáng tạo vào chương trình, kế hoạch công tác hàng năm của cơ quan, tổ chức, đơn vị, địa phương",
        lead=("Người đứng đầu cấp ủy cơ quan, địa phương", "all"),
        recurring="yearly",
    ),
    Row(
        "Phát triển hạ tầng viễn thông, Internet đáp ứng yêu cầu dự phòng, kết nối, an toàn, bền vững, hệ thống truyền dẫn dữ liệu qua vệ tinh, mạng cáp quang băng thông rộng tốc độ cao, mạng thông tin di động 5G, 6G và các thế hệ tiếp theo phủ sóng toàn tỉnh",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Phát triển hạ tầng tiện ích số và công nghệ số như dịch vụ cho chuyển đổi số, trọng tâm là các nền tảng số dùng chung cho nhiều lĩnh vực kinh tế - xã hội, phục vụ các hoạt động thiết yếu của xã hội trên môi trường số",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Đẩy mạnh chuyển đổi số trong các khu công nghiệp, cụm công nghiệp theo hướng tăng cường ứng dụng IoT để trở thành khu công nghiệp, cụm công nghiệp thông minh",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Thúc đẩy, phát triển một số ngành, lĩnh vực ứng dụng công nghiệp IoT như: sản xuất, thương mại, nông nghiệp, năng lượng, giao thông, y tế",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Tập trung xây dựng chương trình, kế hoạch phát động phong trào học tập trên các nền tảng số để trở thành phong trào “học tập số” thường xuyên, liên tục, phổ cập, nâng cao kiến thức về khoa học, công nghệ, đổi mới sáng tạo, kỹ năng số, công nghệ số cơ bản trong cán bộ, công chức, viên chức và Nhân dân",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Ứng dụng các nền tảng đào tạo trực tuyến mở đại trà cung cấp miễn phí kiến thức về khoa học, công nghệ, đổi mới sáng tạo, kỹ năng số, công nghệ số cơ bản cho người dân, doanh nghiệp",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Tiếp tục có kế hoạch và lộ trình đưa toàn bộ hoạt động của các cơ quan trong hệ thống chính trị lên môi trường số, bảo đảm liên thông, đồng bộ, bí mật nhà nước",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Đổi mới toàn diện việc giải quyết TTHC, cung cấp dịch vụ công không phụ thuộc vào địa giới hành chính",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình, dịch vụ số cho người dân và doanh nghiệp",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Triển khai rà soát đơn giản hóa từng TTHC, dịch vụ của các cơ quan chính quyền",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Tiếp tục đầu tư, nâng cấp nền tảng, ứng dụng dùng chung phục vụ chuyên đổi số, chính quyền số trong đó ưu tiên một số nền tảng, ứng dụng dùng chung như: Hệ thống phục vụ chỉ đạo điều hành của Tỉnh ủy, Ủy ban nhân dân tỉnh; Hệ thống thông tin Chính quyền điện tử; Kho dữ liệu dùng chung",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Tổ chức rà soát, tháo gỡ các điểm nghẽn, rào cản về thể chế, chính sách trong phát triển chuyển đổi số",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Tập trung nghiên cứu, tham mưu triển khai Nghị quyết số 193/2025/QH15 của Quốc hội về thí điểm một số cơ chế, chính sách đặc biệt tạo đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Cụ thể hóa các quy định pháp luật phù hợp với thực tiễn của Tỉnh để bảo đảm hành lang pháp lý cho hoạt động của mọi ngành, lĩnh vực trên môi trường số",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Tiếp tục tập trung rà soát, hoàn thiện thể chế và đẩy mạnh triển khai các chương trình, đề án KH&CN hỗ trợ doanh nghiệp nâng cao năng suất lao động, năng lực cạnh tranh, góp phần gia tăng hàm lượng khoa học và công nghệ vào hoạt động của doanh nghiệp, gồm: Chương trình hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa; Đề án triển khai, áp dụng và quản lý hệ thống truy xuất nguồn gốc; Chương trình phát triển tài sản trí tuệ; Chương trình chuyển giao, đổi mới công nghệ, phát triển thị trường khoa học công nghệ và doanh nghiệp khoa học và công nghệ; Đề án hỗ trợ doanh nghiệp nhỏ và vừa",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Xây dựng và tổ chức triển khai các chương trình, đề án hỗ trợ doanh nghiệp về chuyển đổi số: Đề án chuyển đổi số cho các doanh nghiệp, nhất là doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh; Đề án hình thành các doanh nghiệp công nghệ chiến lược quy mô lớn trong tỉnh để phát triển hạ tầng số, nhân lực số, dữ liệu số, công nghệ chiến lược, an toàn an ninh mạng; Đề án hỗ trợ, phát triển các doanh nghiệp công nghệ số",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Ban hành chương trình đẩy mạnh sản xuất thông minh, chuyển đổi số trong các lĩnh vực trọng điểm như nông nghiệp, công nghiệp, thương mại, tài chính, tài nguyên, giáo dục, y tế, giao thông, xây dựng, logistics, du lịch"
    ),
    Row(
        "Phát triển các nền tảng số phục vụ giám sát, thu thập dữ liệu, xây dựng hệ thống thông tin địa lý, giao thông thông minh, môi trường"
    ),
    Row(
        "Công bố danh mục các nhiệm vụ trọng tâm, trọng điểm về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số của Tỉnh để các doanh nghiệp trong và ngoài Tỉnh tham gia giải quyết"
    ),
    Row(
        "Đẩy mạnh chuyển đổi số trong các khu công nghiệp, cụm công nghiệp theo hướng tăng cường ứng dụng Internet vạn vật (IoT) để trở thành khu công nghiệp, cụm công nghiệp thông minh"
    ),
    Row(
        "Thúc đẩy, phát triển một số ngành, lĩnh vực ứng dụng công nghiệp IoT như sản xuất, thương mại, nông nghiệp, năng lượng, giao thông, y tế"
    ),
    Row(
        "Ưu tiên bố trí cán bộ có chuyên môn, kinh nghiệm về khoa học công nghệ trong đội ngũ lãnh đạo từng cơ quan, đơn vị nhà nước"
    ),
    Row(
        "Phân đấu bố trí tỷ lệ cán bộ có chuyên môn, kinh nghiệm về khoa học kỹ thuật trong đội ngũ lãnh đạo từng"
    ),
    Row(
        "Xây dựng, ban hành, tổ chức thực hiện chương trình đào tạo, bồi dưỡng cho cán bộ, công chức, viên chức về kỹ năng số, công nghệ số cơ bản phục vụ chuyển đổi số quốc gia"
    ),
    Row(
        "Xây dựng chương trình, kế hoạch phát động phong trào học tập trên các nền tảng số để trở thành phong trào “học tập số” thường xuyên, liên tục, phổ cập, nâng cao kiến thức về kỹ năng số, công nghệ số cơ bản trong cán bộ, công chức, viên chức"
    ),
    Row(
        "Đẩy mạnh thực hiện toàn diện và đồng bộ các nội dung Chương trình hành động của Tỉnh ủy thực hiện Nghị quyết số 45-NQ/TW ngày 24/11/2023 của Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng (khóa XIII) về tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức đáp ứng yêu cầu phát triển đất nước nhanh và bền vững trong giai đoạn mới",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Đẩy mạnh triển khai các chương trình đào tạo cử nhân, kỹ sư, thạc sĩ và tiến sĩ tài năng trong các ngành các ngành kỹ thuật và công nghệ then chốt phục vụ phát triển công nghệ chiến lược; các chương trình đào tạo, đào tạo lại đội ngũ kỹ thuật viên, đào tạo nghề chất lượng cao, đáp ứng yêu cầu ứng dụng công nghệ mới, công nghệ cao",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Đào tạo các ngành nghề đặc thù cho doanh nghiệp đầu tư, hoạt động trên địa bàn tỉnh, chuẩn bị nguồn lực cho Trung tâm Lọc hóa dầu và năng lượng quốc gia",
        lead=("Tỉnh", "province"),
    ),
    Row(
        "Học tập kinh nghiệm quốc tế, kịp thời ứng dụng các thành tựu, kinh nghiệm quốc tế phù hợp với thực tiễn và điều kiện chính trị, kinh tế, văn hóa, xã hội Tỉnh"
    ),
    Row(
        "Đẩy mạnh ngoại giao công nghệ, thu hút các nguồn lực trong và ngoài nước, nâng cao trình độ công nghệ các ngành sản xuất trọng điểm"
    ),
    Row(
        "Tích cực, chủ động tham gia về khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số trong các cơ chế hợp tác đa phương"
    ),
    Row(
        "Nghiên cứu khả năng tham gia các cơ chế, sáng kiến hợp tác mới về nghiên cứu, chuyển giao công nghệ, đổi mới sáng tạo"
    ),
    Row(
        "Tích cực tham gia, cử cán bộ lãnh đạo Tỉnh tham gia các hội nghị toàn quốc về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia với sự tham gia của các chuyên gia trong và ngoài nước"
    ),
    Row(
        "Phát động phong trào thi đua trong toàn Tỉnh để phát huy sức mạnh tổng hợp của cả hệ thống chính trị, sự tham gia tích cực của doanh nhân, doanh nghiệp và"
    ),
    Row(
        "Chú trọng biểu dương, tôn vinh, khen thưởng khích lệ, động viên kịp thời bằng nhiều hình thức đa dạng cho các nhà khoa học, nhà sáng chế, các doanh nghiệp, tổ chức, cá nhân có thành tích trong chuyển đổi số; trân trọng từng phát minh, sáng kiến, cải tiến kỹ thuật, sáng kiến nâng cao hiệu quả công tác, hiệu suất công việc, dù nhỏ nhất"
    ),
    Row(
        "Phát động phong trào phát minh, sáng chế, cải tiến kỹ thuật, sáng kiến nâng cao hiệu quả công tác, hiệu suất công việc trong mọi cơ quan, tổ chức và doanh nghiệp"
    ),
    Row(
        "Phát huy vai trò giám sát, phản biện xã hội",
        lead=("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "unit"),
        partners=("các tổ chức chính trị - xã hội", "hội quần chúng của tỉnh"),
    ),
    Row(
        "Hướng dẫn, kiểm tra, đôn đốc việc thực hiện Nghị quyết số 57-NQ/TW",
        lead=("Ban Tuyên giáo và Dân vận Tỉnh ủy", "unit"),
        partners=("Đảng ủy UBND tỉnh",),
    ),
]

MEETING_NAN = [
    Row("Báo cáo tiến độ khoa học công nghệ và chuyển đổi số", recurring="weekly"),
    Row(
        "Có cơ chế thông báo và báo cáo kết quả triển khai các nhiệm vụ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số hàng tuần, hàng tháng của từng sở, ban, ngành để đánh giá, đôn đốc triển khai mạnh mẽ, hiệu quả hơn",
        recurring="weekly",
    ),
    Row(
        "Tiếp tục nghiên cứu để ban hành các chính sách có tính đột phá về phát triển KHCN, đổi mới sáng tạo và chuyển đổi số"
    ),
    Row(
        "Báo cáo kết quả thực hiện nhiệm vụ hàng tuần về UBND tỉnh để báo cáo Ban Chỉ đạo tỉnh",
        lead=("các cơ quan chuyên môn UBND tỉnh", "departments"),
        recurring="weekly",
    ),
    Row(
        "Báo cáo kết quả thực hiện về Văn phòng Tỉnh ủy để tổng hợp báo cáo Ban Chỉ đạo tỉnh",
        lead=("Các cơ quan tham mưu, giúp việc của Tỉnh ủy", "unit"),
        partners=("MTTQ", "các đoàn thể"),
    ),
    Row(
        "Liệt kê rõ, cụ thể nhiệm vụ phải hoàn thành trước ngày 30/6, sau ngày 1/7 phải cụ thể hoá các nhiệm vụ hoàn thành theo tháng",
        lead=("Các cơ quan tham mưu, giúp việc của Tỉnh ủy", "unit"),
        partners=("MTTQ", "các đoàn thể"),
        due_text="trước ngày 30/6",
        due=date(2025, 6, 30),
    ),
    Row(
        "Báo cáo nghiêm túc việc thành lập Ban Chỉ đạo, bám theo các kế hoạch của Ban Chỉ đạo Trung ương, của Tỉnh ủy, UBND tỉnh để triển khai thực hiện",
        lead=("Các cơ quan, đơn vị", "all"),
    ),
    Row("Xây dựng quy chế chia sẻ dữ liệu dùng chung", lead=("Các cơ quan, đơn vị", "all")),
    Row(
        "Nâng cấp, cải tạo, đầu tư trang thiết bị đầu cuối cho 130 xã, phường",
        lead=("Các cơ quan, đơn vị", "all"),
    ),
    Row(
        "Tiếp tục bám sát Kế hoạch hành động của Tỉnh ủy, Chương trình công tác năm 2025 của Ban Chỉ đạo tỉnh và kết hợp nội dung liên quan, đặc biệt là Kế hoạch 02 của Ban Chỉ đạo Trung ương để triển khai thực hiện các nhiệm vụ",
        lead=("các cơ quan, đơn vị", "all"),
    ),
    Row(
        "Rà soát, thông báo cụ thể hàng tháng các nhiệm vụ, trong đó có nhiệm vụ chung và nhiệm vụ cụ thể của từng sở, ban, ngành",
        lead=("cơ quan thường trực Ban Chỉ đạo tỉnh", "standing"),
        partners=("cơ quan tham mưu",),
        recurring="monthly",
    ),
    Row(
        "Báo cáo cụ thể kết quả thực hiện các nhiệm vụ được giao",
        lead=("Các sở, ban, ngành", "departments"),
        recurring="weekly",
    ),
    Row(
        "Họp để đánh giá kết quả triển khai các nhiệm vụ theo kế hoạch",
        lead=("Thường trực Ban Chỉ đạo tỉnh", "province"),
        recurring="monthly",
    ),
    Row(
        "Khẩn trương lãnh đạo xây dựng kế hoạch triển khai thực hiện Kế hoạch 02 của Ban Chỉ đạo Trung ương về thúc đẩy chuyển đổi số liên thông, đồng bộ, nhanh, hiệu quả đáp ứng yêu cầu sắp xếp tổ chức bộ máy của hệ thống chính trị, trong đó đặc biệt quan tâm 42 nhiệm vụ phải hoàn thành trước ngày 30/6",
        lead=("Đảng uỷ Các cơ quan Đảng tỉnh", "unit"),
        partners=("Đảng ủy UBND tỉnh",),
        due_text="trước ngày 30/6",
        due=date(2025, 6, 30),
    ),
    Row(
        "Tiếp tục rà soát các khó khăn, vướng mắc, điểm nghẽn đã được chỉ ra, đề xuất Ban Chỉ đạo tỉnh chỉ đạo tháo gỡ kịp thời; trong đó, quan tâm nhân lực, thu hút doanh nghiệp công nghệ, phát triển hạ tầng khoa học, công nghệ, phát triển hệ sinh thái khởi nghiệp sáng tạo, hỗ trợ nghiên cứu phát triển trong hợp tác giữa các cơ quan nhà nước, các trường đại học và các doanh nghiệp",
        lead=("các sở, ban, ngành", "departments"),
    ),
    Row(
        "Chủ động rà soát từ hệ thống văn bản chỉ đạo, chương trình, dự án, đề án để tiếp tục thực hiện đồng bộ với chỉ đạo của Trung ương",
        lead=("các sở, ban, ngành", "departments"),
    ),
    Row(
        "Đưa Trung tâm giám sát, điều hành thông minh tỉnh - NgheanIOC vào vận hành trong tháng 9/2025 theo Kế hoạch 02 của Ban Chỉ đạo Trung ương",
        lead=("các sở, ban, ngành", "departments"),
        due_text="trong tháng 9/2025",
        due=date(2025, 9, 30),
    ),
    Row(
        "Tiếp tục triển khai phong trào “Bình dân học vụ số”, đặc biệt quan tâm đến đối tượng yếu thế, cao tuổi, đồng bào dân tộc thiểu số ở các khu vực miền núi, khó khăn"
    ),
    Row(
        "Chuẩn bị các điều kiện đảm bảo hạ tầng số, nền tảng số dùng chung khi thực hiện chính quyền địa phương 2 cấp để vận hành liên tục, thông suốt",
        lead=("ngành Khoa học và Công nghệ", "unit"),
    ),
    Row(
        "Lựa chọn những nội dung trọng tâm trong phát triển khoa học, công nghệ",
        lead=("ngành Khoa học và Công nghệ", "unit"),
        partners=("các ngành",),
    ),
    Row(
        "Cân đối nguồn vốn để ưu tiên cho các nhiệm vụ cấp bách, trọng tâm về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số, nhất là các nhiệm vụ liên quan đến triển khai hệ thống thông tin để thực hiện mô hình chính quyền địa phương 2 cấp",
        lead=("ngành Tài chính", "unit"),
    ),
    Row(
        "Đảm bảo an ninh, an toàn thông tin để phục vụ hoạt động mô hình chính quyền địa phương 2 cấp",
        lead=("Ngành Công an", "unit"),
    ),
    Row(
        "Tham mưu triển khai các nhiệm vụ chuyển đổi số trong các cơ quan Đảng",
        lead=("Văn phòng Tỉnh ủy", "unit"),
    ),
    Row(
        "Rà soát các nội dung theo Kế hoạch 02 của Ban Chỉ đạo Trung ương để tham mưu triển khai đáp ứng yêu cầu tiến độ",
        lead=("Văn phòng Tỉnh ủy", "unit"),
    ),
    Row(
        "Rà soát, hoàn thiện mạng chuyển số liệu chuyên dùng phục vụ cơ quan Đảng, Nhà nước đảm bảo chuyển tải thông tin",
        lead=("Văn phòng Tỉnh ủy", "unit"),
    ),
    Row(
        "Khẩn trương tham mưu ban hành Tổ giúp việc cho Ban Chỉ đạo tỉnh", lead=("Văn phòng Tỉnh ủy", "unit")
    ),
    Row(
        "Tham mưu thành lập Hội đồng tư vấn cấp tỉnh về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        lead=("Văn phòng Tỉnh ủy", "unit"),
    ),
    Row(
        "Tiếp tục nghiên cứu, nâng cấp, kiện toàn phòng cơ yếu công nghệ thành Phòng cơ yếu - chuyển đổi số trực thuộc Văn phòng Tỉnh ủy để đáp ứng nhiệm vụ, yêu cầu",
        lead=("Văn phòng Tỉnh ủy", "unit"),
    ),
    Row(
        "Nghiên cứu chính sách bố trí cán bộ chuyên trách hoặc phụ trách về khoa học, công nghệ, chuyển đổi số trong các cơ quan của hệ thống chính trị, nhất là 130 xã, phường trên địa bàn tỉnh",
        lead=("Ban Tổ chức Tỉnh ủy", "unit"),
        partners=("Sở Nội vụ",),
    ),
    Row(
        'Tiếp tục triển khai tuyên truyền sâu rộng các nội dung liên quan đến phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số, nhất là phong trào "Bình dân học vụ số", đặc biệt là các địa bàn khó khăn miền núi, vùng đồng bào dân tộc thiểu số',
        lead=("Ban Tuyên giáo và Dân vận Tỉnh ủy", "unit"),
    ),
    Row(
        "Thực hiện đúng, đảm bảo tiến độ các nhiệm vụ kiểm tra, giám sát theo các kế hoạch",
        lead=("Ủy ban Kiểm tra Tỉnh ủy", "unit"),
    ),
    Row(
        "Bám sát nhiệm vụ được phân công và thực hiện thực chất, hiệu quả các nhiệm vụ, chỉ đạo các nhiệm vụ, công việc đáp ứng theo yêu cầu",
        lead=("các thành viên Ban Chỉ đạo", "unit"),
    ),
]

CONFERENCE_TQ = [
    Row(
        "Nêu cao tinh thần, trách nhiệm, tập trung cao độ để nghiên cứu tiếp thu đầy đủ những nội dung Nghị quyết của Tỉnh ủy; Kế hoạch của UBND tỉnh, đảm bảo có sự chuyển biến mạnh mẽ, hiệu quả về công tác chuyển đổi số",
        lead=("các đại biểu dự hội nghị tại các điểm cầu", "unit"),
    ),
    Row(
        "Thực hiện nghiêm túc việc học tập, quán triệt, triển khai Nghị quyết, Kế hoạch của tỉnh về chuyển đổi số",
        lead=("các cấp ủy đảng", "unit"),
        partners=("chính quyền", "các cơ quan, đơn vị"),
    ),
    Row(
        'Chỉ đạo triển khai thực hiện có hiệu quả các nhiệm vụ, giải pháp thúc đẩy chuyển đổi số trên địa bàn, bảo đảm hoàn thành các mục tiêu, nhiệm vụ đã đề ra trong năm 2022, "Năm đẩy mạnh chuyển đổi số theo hướng lấy người dân làm trung tâm, toàn dân và toàn diện”, với định hướng xuyên suốt là đưa hoạt động của người dân, doanh nghiệp thụ hưởng trực tiếp sự tiện lợi cũng như lợi ích của chuyển đổi số',
        lead=("Ban cán sự Đảng UBND tỉnh", "unit"),
        partners=("Ban Chỉ đạo chuyển đổi số tỉnh",),
        due_text="trong năm 2022",
        due=date(2022, 12, 31),
    ),
    Row(
        "Triển khai tốt cơ sở dữ liệu dùng chung hệ thống hóa tài nguyên dữ liệu, tăng cường quản trị, nâng cao chất lượng dữ liệu và thúc đẩy chia sẻ dữ liệu dùng chung"
    ),
    Row(
        "Ứng dụng mạnh mẽ công nghệ số để quảng bá, giới thiệu tiềm năng lợi thế phát triển kinh tế-xã hội của tỉnh nhất là phát triển nông, lâm nghiệp, dịch vụ, công nghiệp, thương mại"
    ),
    Row(
        "Có giải pháp đẩy mạnh thanh toán điện tử, tạo điều kiện thuận lợi cho người dân, doanh nghiệp trong thanh toán không dùng tiền mặt, dạy học trực tuyến, điều trị bệnh trực tuyến, xây dựng dữ liệu dân cư"
    ),
    Row(
        "Xác định trách nhiệm chuyển đổi số, trách nhiệm của người đứng đầu, cộng đồng doanh nghiệp và nhân dân",
        lead=("các cơ quan, đơn vị", "all"),
    ),
    Row(
        "Quyết liệt tổ chức thực hiện Nghị quyết phù hợp với thực tiễn, bảo đảm thúc đẩy phát triển kinh tế - xã hội",
        lead=("người đứng đầu các cơ quan, đơn vị", "all"),
    ),
]

# The Nghệ An meeting of 24/6/2025 (a press report of the Secretary's conclusion), Tuyên Quang's conference on
# digital transformation, Quảng Ngãi's report on Resolution 57 (its plans restated, its results reported).


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("002_fe07d3995ed98662.txt", MEETING_NAN),
        ("003_8750fcbe390d4d6f.txt", CONFERENCE_TQ),
        ("001_d4cc950cb4272272.txt", REPORT_QNG),
    ],
)
def test_reference_documents_give_the_expected_table(name, expected):
    text = (REFERENCE / name).read_text(encoding="utf-8")
    got = rows(text)
    assert len(got) == len(expected)
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        assert g == e, f"directive {i + 1}"


def test_the_meeting_names_its_directives_with_units_and_deadlines():
    text = (REFERENCE / "002_fe07d3995ed98662.txt").read_text(encoding="utf-8")
    found = parse_directives(text, plan_year=2025)
    by_title = {d.title: d for d in found}
    ioc = by_title[
        "Đưa Trung tâm giám sát, điều hành thông minh tỉnh - NgheanIOC vào vận hành trong tháng 9/2025 theo "
        "Kế hoạch 02 của Ban Chỉ đạo Trung ương"
    ]
    assert (ioc.due_text, ioc.due) == ("trong tháng 9/2025", date(2025, 9, 30))
    assert ioc.lead.kind == DEPARTMENTS and ioc.lead_inherited  # "Cùng đó, …" carries "các sở, ban, ngành" on
    finance = next(d for d in found if d.lead and d.lead.text == "ngành Tài chính")
    assert finance.lead.alt[0] == ("so", "tai", "chinh")
    weekly = [d for d in found if d.recurring == "weekly"]
    assert [d.lead.text if d.lead else None for d in weekly] == [
        None,
        None,
        "các cơ quan chuyên môn UBND tỉnh",
        "Các sở, ban, ngành",
    ]
    # statements of results direct nothing
    assert not any("3/81" in d.sentence or "614,025" in d.sentence for d in found)
    assert not any(d.sentence.startswith("Tỉnh Nghệ An đang") for d in found)


# --- real sentences, one at a time ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành xây dựng Đề án phát triển hạ tầng số, "
            "hoàn thành trước ngày 30/6/2025.",
            Row(
                "Xây dựng Đề án phát triển hạ tầng số",
                lead=("Sở Khoa học và Công nghệ", UNIT),
                partners=("các sở, ngành",),
                due_text="trước ngày 30/6/2025",
                due=date(2025, 6, 30),
            ),
        ),
        (
            "Sở KH&CN đưa Trung tâm giám sát, điều hành thông minh vào vận hành trong tháng 9/2025.",
            Row(
                "Đưa Trung tâm giám sát, điều hành thông minh vào vận hành trong tháng 9/2025",
                lead=("Sở KH&CN", UNIT),
                due_text="trong tháng 9/2025",
                due=date(2025, 9, 30),
            ),
        ),
        (
            "Các sở, ban, ngành định kỳ hằng tháng báo cáo Thường trực Ban Chỉ đạo kết quả thực hiện.",
            Row(
                "Báo cáo Thường trực Ban Chỉ đạo kết quả thực hiện",
                lead=("Các sở, ban, ngành", DEPARTMENTS),
                recurring="monthly",
            ),
        ),
        (
            "UBND các xã, phường rà soát, số hóa hồ sơ thủ tục hành chính, hoàn thành trong quý III/2025.",
            Row(
                "Rà soát, số hóa hồ sơ thủ tục hành chính",
                lead=("UBND các xã, phường", COMMUNES),
                due_text="trong quý III/2025",
                due=date(2025, 9, 30),
            ),
        ),
        (
            "Công an tỉnh bảo đảm an ninh mạng cho các hệ thống thông tin dùng chung, thực hiện thường xuyên.",
            Row(
                "Bảo đảm an ninh mạng cho các hệ thống thông tin dùng chung",
                lead=("Công an tỉnh", UNIT),
                due_text="thường xuyên",
                ongoing=True,
            ),
        ),
        (
            "Văn phòng Tỉnh ủy định kỳ 6 tháng tổng hợp, báo cáo kết quả thực hiện Kế hoạch, cuối năm 2026.",
            Row(
                "Tổng hợp, báo cáo kết quả thực hiện Kế hoạch",
                lead=("Văn phòng Tỉnh ủy", UNIT),
                due_text="cuối năm 2026",
                due=date(2026, 12, 31),
                recurring="half-yearly",
            ),
        ),
        (
            "Giao Sở Nội vụ xây dựng chương trình đào tạo kỹ năng số (sản phẩm: Kế hoạch của UBND tỉnh), năm 2025.",
            Row(
                "Xây dựng chương trình đào tạo kỹ năng số",
                lead=("Sở Nội vụ", UNIT),
                due_text="năm 2025",
                due=date(2025, 12, 31),
                output="Kế hoạch của UBND tỉnh",
            ),
        ),
        (
            "Sở Y tế triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh, sản phẩm là hệ thống bệnh án điện tử.",
            Row(
                "Triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh",
                lead=("Sở Y tế", UNIT),
                output="hệ thống bệnh án điện tử",
            ),
        ),
        (
            "Bí thư Tỉnh ủy đề nghị UBND tỉnh giao nhiệm vụ cho ngành Khoa học và Công nghệ chuẩn bị hạ tầng số.",
            Row("Chuẩn bị hạ tầng số", lead=("ngành Khoa học và Công nghệ", UNIT)),
        ),
        (
            "Đảng ủy UBND tỉnh lãnh đạo UBND tỉnh chỉ đạo các sở, ban, ngành tiếp tục rà soát các khó khăn.",
            Row("Tiếp tục rà soát các khó khăn", lead=("các sở, ban, ngành", DEPARTMENTS)),
        ),
        (
            "Ban Tổ chức Tỉnh ủy phối hợp Sở Nội vụ nghiên cứu chính sách bố trí cán bộ chuyên trách.",
            Row(
                "Nghiên cứu chính sách bố trí cán bộ chuyên trách",
                lead=("Ban Tổ chức Tỉnh ủy", UNIT),
                partners=("Sở Nội vụ",),
            ),
        ),
        (
            "Tỉnh sẽ tổ chức rà soát, tháo gỡ các điểm nghẽn về thể chế; tập trung nghiên cứu cơ chế đặc thù.",
            [
                Row("Tổ chức rà soát, tháo gỡ các điểm nghẽn về thể chế", lead=("Tỉnh", PROVINCE)),
                Row("Tập trung nghiên cứu cơ chế đặc thù", lead=("Tỉnh", PROVINCE)),
            ],
        ),
        (
            "Trên cơ sở đó, từ tháng 7/2025, cơ quan thường trực Ban Chỉ đạo tỉnh rà soát, thông báo hàng tháng các "
            "nhiệm vụ.",
            Row(
                "Rà soát, thông báo hàng tháng các nhiệm vụ",
                lead=("cơ quan thường trực Ban Chỉ đạo tỉnh", STANDING),
                recurring="monthly",
            ),
        ),
        (
            "Về phát triển chính quyền số, đồng chí Bí thư Tỉnh ủy yêu cầu, triển khai tốt cơ sở dữ liệu dùng chung.",
            Row("Triển khai tốt cơ sở dữ liệu dùng chung"),
        ),
    ],
)
def test_real_sentences(text, expected):
    got = rows(text)
    assert got == (expected if isinstance(expected, list) else [expected])


@pytest.mark.parametrize(
    "text",
    [
        # results, reports and records: nothing to do
        "Đến nay đã có 3/81 nhiệm vụ hoàn thành đúng tiến độ; 75/81 nhiệm vụ đã và đang thực hiện.",
        "Tỉnh Nghệ An đang tập trung phát triển hạ tầng số, tiếp tục triển khai xóa vùng lõm sóng.",
        "Mạng bưu chính có 240 điểm phục vụ, 98,2% xã có điểm bưu điện văn hóa xã.",
        "Hiện nay, hệ thống Quản lý văn bản và điều hành triển khai 1.526 cơ quan, đơn vị.",
        "Ban Thường vụ Tỉnh ủy Quảng Ngãi thành lập Ban Chỉ đạo của tỉnh (Quyết định số 1827-QĐ/TU ngày 11/02/2025).",
        "Ban Thường vụ Tỉnh ủy Quảng Ngãi đã giao Ban Tổ chức Tỉnh ủy nghiên cứu Nghị quyết số 57-NQ/TW.",
        "Doanh nghiệp là chủ thể, đóng vai trò quan trọng, trung tâm trong việc ứng dụng khoa học, công nghệ.",
        "Chủ tịch UBND tỉnh Nguyễn Văn Sơn quán triệt các nội dung của Nghị quyết.",
        "Chiều 24/6, đồng chí Nguyễn Đức Trung - Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo chủ trì phiên họp thứ 2.",
        "Ban Thường vụ Tỉnh ủy Quảng Ngãi kính báo cáo Văn phòng Trung ương Đảng.",
        "Vì vậy, nhận thức không đúng, phương pháp triển khai không phù hợp sẽ không đáp ứng được mục tiêu.",
        "Xác định chuyển đổi số là cuộc cách mạng sâu sắc; phải triển khai quyết liệt, kiên trì.",
        "Ngày 26/6/2025, Ban Chỉ đạo tỉnh họp phiên thứ 3.",
        "Báo cáo hàng tuần, hàng tháng kết quả triển khai thực hiện",  # a heading
        "Đồng chí Lê Thị Hoài Chung - Giám đốc Sở Y tế phát biểu tại phiên họp. Ảnh: Phạm Bằng",  # a caption
    ],
)
def test_statements_direct_nothing(text):
    assert parse_directives(text, 2025) == []


def test_lists_sub_points_and_their_introductions():
    text = (
        "Kết luận của Trưởng Ban Chỉ đạo như sau:\n"
        "1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ thực hiện các nhiệm vụ sau:\n"
        "a) Bố trí kinh phí thực hiện các nhiệm vụ năm 2026, hoàn thành cuối năm 2025;\n"
        "b) Hướng dẫn các đơn vị lập dự toán.\n"
        "2. Sở Y tế triển khai sổ sức khỏe điện tử, quý IV/2025.\n"
        "Đầu tư hạ tầng số đạt được một số kết quả:\n"
        "- Triển khai Nền tảng tích hợp, chia sẻ dữ liệu (LGSP);\n"
        "- Phủ sóng 5G tại 4/5 khu công nghiệp.\n"
        "Thời gian tới, Tỉnh tập trung triển khai một số nhiệm vụ sau:\n"
        "- Phát triển hạ tầng viễn thông;\n"
        "- Đẩy mạnh chuyển đổi số trong các khu công nghiệp.\n"
    )
    assert rows(text) == [
        Row(
            "Bố trí kinh phí thực hiện các nhiệm vụ năm 2026",
            lead=("Sở Tài chính", UNIT),
            partners=("Sở Nội vụ",),
            due_text="cuối năm 2025",
            due=date(2025, 12, 31),
        ),
        Row("Hướng dẫn các đơn vị lập dự toán", lead=("Sở Tài chính", UNIT), partners=("Sở Nội vụ",)),
        Row(
            "Triển khai sổ sức khỏe điện tử",
            lead=("Sở Y tế", UNIT),
            due_text="quý IV/2025",
            due=date(2025, 12, 31),
        ),
        # the results' list directs nothing; the tasks' list takes its lead from its introduction
        Row("Phát triển hạ tầng viễn thông", lead=("Tỉnh", PROVINCE)),
        Row("Đẩy mạnh chuyển đổi số trong các khu công nghiệp", lead=("Tỉnh", PROVINCE)),
    ]
    assert [d.label for d in parse_directives(text, 2025)] == ["a)", "b)", "2.", "-", "-"]


def test_deadline_without_a_year_takes_the_plan_year_or_stays_unknown():
    text = "Các sở, ban, ngành liệt kê các nhiệm vụ phải hoàn thành, trước ngày 30/6."
    assert parse_directives(text, 2026)[0].due == date(2026, 6, 30)
    found = parse_directives(text)[0]
    assert (found.due_text, found.due) == ("trước ngày 30/6", None)


def test_decomposed_input_reads_the_same_and_gives_nfc():
    text = (REFERENCE / "002_fe07d3995ed98662.txt").read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", text)
    assert [d.title for d in parse_directives(nfd, 2025)] == [d.title for d in parse_directives(text, 2025)]
    assert all(unicodedata.is_normalized("NFC", d.sentence) for d in parse_directives(nfd, 2025))


# --- who ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ("Sở Khoa học và Công nghệ", UNIT, ("so", "khoa", "hoc", "cong", "nghe")),
        ("Sở KH&CN", UNIT, ("so", "khoa", "hoc", "cong", "nghe")),
        ("Sở Khoa học - Công nghệ", UNIT, ("so", "khoa", "hoc", "cong", "nghe")),
        ("ngành Tài chính", UNIT, ("nganh", "tai", "chinh")),
        ("Công an tỉnh", UNIT, ("cong", "an", "tinh")),
        ("Văn phòng UBND tỉnh", UNIT, ("van", "phong", "uy", "ban", "nhan", "dan", "tinh")),
        ("UBND các xã, phường", COMMUNES, ()),
        ("các xã, phường, đặc khu", COMMUNES, ()),
        ("các sở, ban, ngành", DEPARTMENTS, ()),
        ("các cơ quan chuyên môn UBND tỉnh", DEPARTMENTS, ()),
        ("các ngành", DEPARTMENTS, ()),
        ("các cơ quan, đơn vị", ALL, ()),
        ("các sở, ngành, địa phương", ALL, ()),
        ("người đứng đầu các cơ quan, đơn vị", ALL, ()),
        ("Tỉnh", PROVINCE, ("tinh",)),
        ("UBND tỉnh", PROVINCE, ("uy", "ban", "nhan", "dan", "tinh")),
        ("Thường trực Ban Chỉ đạo tỉnh", PROVINCE, ("thuong", "ban", "chi", "dao", "tinh")),
        ("cơ quan thường trực Ban Chỉ đạo tỉnh", STANDING, ()),
        ("Tổ giúp việc", STANDING, ()),
    ],
)
def test_actors(text, kind, key):
    actor = parse_actor(text)
    assert (actor.text, actor.kind, actor.key) == (text, kind, key)


def test_ngành_stands_for_the_department():
    assert parse_actor("ngành Tài chính").alt == (
        ("so", "tai", "chinh"),
        ("tai", "chinh"),
        ("tai", "chinh", "tinh"),
    )
    assert actor_key("SỞ KH&CN") == actor_key("Sở Khoa học và Công nghệ")


# --- properties -----------------------------------------------------------------------------------------------

# Sentences that name their own unit (so that what stands around them does not change them).
DIRECTIVES = [
    "Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành xây dựng Đề án hạ tầng số, quý III/2025.",
    "Ngành Công an đảm bảo an ninh, an toàn thông tin để phục vụ hoạt động mô hình chính quyền địa phương 2 cấp.",
    "Ban Tổ chức Tỉnh ủy phối hợp Sở Nội vụ nghiên cứu chính sách bố trí cán bộ chuyên trách.",
    "Các sở, ban, ngành hàng tuần, hàng tháng phải báo cáo cụ thể kết quả thực hiện các nhiệm vụ được giao.",
    "Bí thư Tỉnh ủy đề nghị Văn phòng Tỉnh ủy tham mưu triển khai các nhiệm vụ chuyển đổi số trong các cơ quan Đảng.",
    "UBND các xã, phường rà soát, số hóa hồ sơ thủ tục hành chính, hoàn thành trong tháng 10/2025.",
    "Sở Y tế triển khai bệnh án điện tử tại các bệnh viện, hoàn thành trước ngày 31/12/2025.",
]
# Statements of results, as the reference documents write them.
STATEMENTS = [
    "Đến nay đã có 3/81 nhiệm vụ hoàn thành đúng tiến độ.",
    "Tỉnh Nghệ An đang tập trung phát triển hạ tầng số, lắp đặt mạng 5G.",
    "Mạng bưu chính có 240 điểm phục vụ, 98,2% xã có điểm bưu điện văn hóa xã.",
    "Tỉnh đã đầu tư xây dựng Trung tâm dữ liệu tỉnh, với tổng dung lượng lưu trữ là 170 TB.",
    "Hiện nay, tỷ lệ sử dụng văn bản điện tử của các sở, ban, ngành đạt trên 99,30%.",
    "Lãnh đạo các sở, ban, ngành đã báo cáo kết quả triển khai các nhiệm vụ được giao.",
    "Doanh nghiệp là chủ thể, đóng vai trò quan trọng trong đổi mới sáng tạo.",
]
NOISE = st.text(
    alphabet="abcdeghiklmnopqrstuvxyàáâãèéêìíòóôõùúýăđĩũơưạảấầẩậắằẳặẹẻẽếềểệỉịọỏốồổộớờởợụủứừửữựỳỵỷỹ ,",
    max_size=40,
)


def _texts():
    piece = st.one_of(
        st.sampled_from(DIRECTIVES),
        st.sampled_from(STATEMENTS),
        NOISE.map(lambda s: s.strip().capitalize() + "." if s.strip() else "Ghi chú."),
    )
    return st.lists(st.lists(piece, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6).map(
        "\n".join
    )


@settings(max_examples=150, deadline=None)
@given(_texts())
def test_every_sentence_is_in_the_text_and_drafts_keep_its_order(text):
    found = parse_directives(text, 2025)
    normal = unicodedata.normalize("NFC", text)
    for d in found:
        assert normal[d.start : d.end] == d.sentence
        assert d.title and d.title[0].isupper()
    assert [d.start for d in found] == sorted(d.start for d in found)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(DIRECTIVES), min_size=1, max_size=6), st.data())
def test_a_statement_of_results_adds_no_draft(sentences, data):
    before = [d.title for d in parse_directives("\n".join(sentences), 2025)]
    assert len(before) == len(sentences)  # each of them directs once
    where = data.draw(st.integers(min_value=0, max_value=len(sentences)))
    statement = data.draw(st.sampled_from(STATEMENTS))
    same_line = data.draw(st.booleans())
    if same_line and where < len(sentences):
        lines = sentences[:where] + [statement + " " + sentences[where]] + sentences[where + 1 :]
    else:
        lines = sentences[:where] + [statement] + sentences[where:]
    assert [d.title for d in parse_directives("\n".join(lines), 2025)] == before


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=2020, max_value=2040),
    st.integers(min_value=1, max_value=12),
    st.sampled_from(["month", "quarter", "year", "end-of-year", "half", "day"]),
    st.sampled_from(["trong", "hoàn thành trong", "cuối", ",", "("]),
)
def test_a_recognised_deadline_phrase_maps_to_the_last_day_of_its_period(year, month, shape, lead_in):
    quarter = (month - 1) // 3 + 1
    roman = ["I", "II", "III", "IV"][quarter - 1]
    phrase, due = {
        "month": (f"tháng {month}/{year}", _last_day(year, month)),
        "quarter": (f"quý {roman}/{year}", _last_day(year, 3 * quarter)),
        "year": (f"năm {year}", date(year, 12, 31)),
        "end-of-year": (f"cuối năm {year}", date(year, 12, 31)),
        "half": (f"6 tháng đầu năm {year}", date(year, 6, 30)),
        "day": (f"trước ngày {month}/{month}/{year}", date(year, month, month)),
    }[shape]
    if shape in ("end-of-year", "day"):
        lead_in = ","
    if lead_in == "(":
        text = f"Sở Tư pháp rà soát văn bản quy phạm pháp luật ({phrase})."
    elif lead_in == ",":
        text = f"Sở Tư pháp rà soát văn bản quy phạm pháp luật, {phrase}."
    else:
        text = f"Sở Tư pháp rà soát văn bản quy phạm pháp luật {lead_in} {phrase}."
    (found,) = parse_directives(text)
    assert found.due == due
    assert found.due_text.endswith(phrase)
    assert found.lead.text == "Sở Tư pháp"


@given(
    st.sampled_from(
        [
            ("hằng tuần", "weekly"),
            ("hàng tháng", "monthly"),
            ("định kỳ hằng quý", "quarterly"),
            ("định kỳ 6 tháng", "half-yearly"),
            ("hằng năm", "yearly"),
        ]
    )
)
def test_recurrence(pair):
    phrase, kind = pair
    (found,) = parse_directives(
        f"Các sở, ban, ngành {phrase} báo cáo kết quả thực hiện về Văn phòng Tỉnh ủy."
    )
    assert found.recurring == kind
    assert found.title == "Báo cáo kết quả thực hiện về Văn phòng Tỉnh ủy"
