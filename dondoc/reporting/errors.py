from django.utils.translation import gettext_lazy

"""Refusals of the reporting cycle, with the message the user reads."""


class ReportingError(ValueError):
    """A write refused for a reason the user can act on (message in Vietnamese)."""


class VersionConflict(ReportingError):
    """Someone else saved the report since this form was opened."""


CONFLICT_MESSAGE = gettext_lazy(
    "Báo cáo đã được người khác cập nhật trong lúc bạn đang soạn. Chưa ghi thay đổi nào của bạn; "
    "hãy tải lại trang để xem nội dung mới nhất rồi nhập lại."
)
