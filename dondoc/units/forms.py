"""Forms of the people part: signing in, a unit's history."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from dondoc.audit import selectors
from dondoc.vn.fields import VNDateField


class LoginForm(AuthenticationForm):
    """The login form, in Vietnamese."""

    error_messages = {
        "invalid_login": gettext_lazy("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý chữ hoa, chữ thường."),
        "inactive": gettext_lazy("Tài khoản này đã bị khóa."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})


class HistoryFilterForm(forms.Form):
    """Narrowing a unit's history: by dates, person, kind of change, kind of object, words."""

    start = VNDateField(label=gettext_lazy("Từ ngày"), required=False)
    end = VNDateField(label=gettext_lazy("Đến ngày"), required=False)
    actor = forms.CharField(label=gettext_lazy("Người thực hiện"), required=False, max_length=150)
    action = forms.ChoiceField(label=gettext_lazy("Thao tác"), required=False)
    object_type = forms.ChoiceField(label=gettext_lazy("Loại đối tượng"), required=False)
    q = forms.CharField(label=gettext_lazy("Tìm trong đối tượng, ghi chú"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Mọi thao tác")), *selectors.action_choices()]
        self.fields["object_type"].choices = [("", _("Mọi loại")), *selectors.object_types()]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("“Từ ngày” phải trước hoặc bằng “Đến ngày”."))
        return data

    def filters(self) -> selectors.Filters:
        d = self.cleaned_data if self.is_valid() else {}
        return selectors.Filters(
            start=d.get("start"),
            end=d.get("end"),
            actor=d.get("actor", ""),
            action=d.get("action", ""),
            object_type=d.get("object_type", ""),
            q=d.get("q", ""),
        )


class OtpCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực (6 chữ số)"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("Mã xác thực gồm 6 chữ số."))
        return code


# Django's own messages that dondoc's catalogues translate better than Django 5.2's Vietnamese one does; named here
# so that `make messages` keeps them (dondoc/locale/vi gives the Vietnamese, dondoc/locale/en Django's English).
DJANGO_MESSAGES = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        8,
    ),
]


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form, labelled in Vietnamese; the new password is checked against the policy."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Mật khẩu hiện tại")
        self.fields["new_password1"].label = _("Mật khẩu mới")
        self.fields["new_password2"].label = _("Nhập lại mật khẩu mới")
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": _("Mật khẩu hiện tại không đúng."),
            "password_mismatch": _("Hai lần nhập mật khẩu mới không giống nhau."),
        }
