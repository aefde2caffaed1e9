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


class LongSelect(forms.Select):
    """A select of thousands of options (every unit of the country) written in one pass, instead of one widget
    template per option (4.478 units: most of the task list's time went into rendering them). Plain options
    only (no groups); labels and values escaped as Django's select escapes them."""

    def render(self, name, value, attrs=None, renderer=None):
        from django.forms.utils import flatatt
        from django.utils.html import escape, format_html
        from django.utils.safestring import mark_safe

        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        values = value if isinstance(value, list | tuple) else [value]
        chosen = {str(v) for v in values if v is not None}
        parts = [format_html("<select{}>", flatatt(final))]
        for key, label in self.choices:
            key = "" if key is None else str(key)
            selected = " selected" if key in chosen else ""
            parts.append(f'<option value="{escape(key)}"{selected}>{escape(label)}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))
