"""The dd/mm/yyyy date field of every form: the one piece of `vn` that speaks Django's forms."""

from django import forms

from .dates import parse_date


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
