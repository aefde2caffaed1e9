"""Form fields picking units by code among those a page offers (in tree order, indented by depth)."""

from __future__ import annotations

from django import forms

from .models import tree_sorted


def unit_choices(units, blank: str | None = None) -> list[tuple[str, str]]:
    """Units as a select's choices, in tree order, indented by depth."""
    units = tree_sorted(units)
    top = min((u.depth for u in units), default=0)
    choices = [(u.code, ("— " * (u.depth - top)) + u.name) for u in units]
    return ([("", blank)] if blank is not None else []) + choices


class UnitChoiceField(forms.ChoiceField):
    """A unit picked by code among the given units."""

    def __init__(self, *args, units=(), blank: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_units(units, blank)

    def set_units(self, units, blank: str | None = None):
        units = list(units)
        self.by_code = {u.code: u for u in units}
        self.choices = unit_choices(units, blank)

    def clean(self, value):
        value = super().clean(value)
        return self.by_code.get(value) if value else None


class UnitsChoiceField(forms.MultipleChoiceField):
    """Several units picked by code among the given units."""

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_units(units)

    def set_units(self, units):
        units = list(units)
        self.by_code = {u.code: u for u in units}
        self.choices = unit_choices(units)

    def clean(self, value):
        return [self.by_code[c] for c in super().clean(value)]
