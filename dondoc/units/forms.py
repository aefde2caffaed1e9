"""Forms of the people part: signing in, a unit's history."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm

from dondoc.audit import selectors
from dondoc.vn.fields import VNDateField


class LoginForm(AuthenticationForm):
    """The login form, in Vietnamese."""

    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})


class HistoryFilterForm(forms.Form):
    """Narrowing a unit's history: by dates, person, kind of change, kind of object, words."""

    start = VNDateField(label="Từ ngày", required=False)
    end = VNDateField(label="Đến ngày", required=False)
    actor = forms.CharField(label="Người thực hiện", required=False, max_length=150)
    action = forms.ChoiceField(label="Thao tác", required=False)
    object_type = forms.ChoiceField(label="Loại đối tượng", required=False)
    q = forms.CharField(label="Tìm trong đối tượng, ghi chú", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "Mọi thao tác"), *selectors.action_choices()]
        self.fields["object_type"].choices = [("", "Mọi loại"), *selectors.object_types()]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("“Từ ngày” phải trước hoặc bằng “Đến ngày”.")
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
        label="Mã xác thực (6 chữ số)",
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError("Mã xác thực gồm 6 chữ số.")
        return code


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form, labelled in Vietnamese; the new password is checked against the policy."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Mật khẩu hiện tại"
        self.fields["new_password1"].label = "Mật khẩu mới"
        self.fields["new_password2"].label = "Nhập lại mật khẩu mới"
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": "Mật khẩu hiện tại không đúng.",
            "password_mismatch": "Hai lần nhập mật khẩu mới không giống nhau.",
        }
