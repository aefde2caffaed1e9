from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "dondoc.documents"
    label = "documents"
    verbose_name = "Văn bản chỉ đạo"
