from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class DocumentsConfig(AppConfig):
    name = "dondoc.documents"
    label = "documents"
    verbose_name = gettext_lazy("Văn bản chỉ đạo")
