from django import forms
from django.utils.translation import gettext_lazy


class PublishForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Tiêu đề trang"), max_length=255, required=False)
    intro = forms.CharField(
        label=gettext_lazy("Lời giới thiệu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
