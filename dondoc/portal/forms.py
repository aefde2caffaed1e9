from django import forms


class PublishForm(forms.Form):
    title = forms.CharField(label="Tiêu đề trang", max_length=255, required=False)
    intro = forms.CharField(label="Lời giới thiệu", required=False, widget=forms.Textarea(attrs={"rows": 3}))
