from django import forms
from django.contrib.auth.forms import AuthenticationForm

from dondoc.vn import parse_date


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


class VNDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (or picked by the browser as yyyy-mm-dd)."""

    # A text box rather than the browser's date picker: the picker follows the operating system's locale
    # (mm/dd/yyyy on many machines); offices type and read dd/mm/yyyy.
    widget = forms.DateInput(
        format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
    )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if hasattr(value, "year"):
            return value
        try:
            return parse_date(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
