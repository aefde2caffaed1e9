"""Who may see and do what: every query of pages, API and commands is filtered through a Scope.

Office and leader roles reach a unit's whole subtree; a reporter acts for its one unit; an admin sees
everything. Objects outside the scope are treated as absent (404), never as forbidden with details.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Membership, Unit, User


@dataclass
class Scope:
    """The units a user reaches, by role."""

    user: User | None
    is_admin: bool = False
    office_paths: list[str] = field(default_factory=list)
    leader_paths: list[str] = field(default_factory=list)
    reporter_unit_ids: list[int] = field(default_factory=list)

    @classmethod
    def for_user(cls, user) -> Scope:
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return cls(user=None)
        cached = getattr(user, "_dondoc_scope", None)
        if cached is not None:
            return cached
        scope = cls(user=user, is_admin=user.is_superuser)
        for role, path, unit_id in Membership.objects.filter(user=user, unit__is_active=True).values_list(
            "role", "unit__path", "unit_id"
        ):
            if role == Membership.Role.ADMIN:
                scope.is_admin = True
            elif role == Membership.Role.OFFICE:
                scope.office_paths.append(path)
            elif role == Membership.Role.LEADER:
                scope.leader_paths.append(path)
            elif role == Membership.Role.REPORTER:
                scope.reporter_unit_ids.append(unit_id)
        user._dondoc_scope = scope
        return scope

    @classmethod
    def of_office(cls, user) -> Scope:
        """The scope of a user of the office role (or an admin); for anyone else the office's pages do not exist
        (404)."""
        scope = cls.for_user(user)
        if not scope.is_office:
            raise Http404
        return scope

    @classmethod
    def everything(cls) -> Scope:
        """The scope of the command line, run by the machine's operator."""
        return cls(user=None, is_admin=True)

    # -- what the user reaches -------------------------------------------------------------------------
    @property
    def is_anonymous(self) -> bool:
        return not (self.is_admin or self.office_paths or self.leader_paths or self.reporter_unit_ids)

    @property
    def read_paths(self) -> list[str]:
        return self.office_paths + self.leader_paths

    def _unit_q(self, prefix: str = "", paths: list[str] | None = None, with_reporter: bool = True) -> Q:
        if self.is_admin:
            return Q()
        q = Q(pk__in=[])
        for path in self.read_paths if paths is None else paths:
            q |= Q(**{f"{prefix}path__startswith": path})
        if with_reporter and self.reporter_unit_ids:
            q |= (
                Q(**{f"{prefix}pk__in": self.reporter_unit_ids})
                if not prefix
                else Q(**{f"{prefix}id__in": self.reporter_unit_ids})
            )
        return q

    def unit_q(self, prefix: str = "") -> Q:
        """A filter on a Unit relation (prefix such as "lead__") limited to the units read in scope."""
        return self._unit_q(prefix)

    def units(self) -> QuerySet[Unit]:
        return Unit.objects.filter(self._unit_q())

    def managed_units(self) -> QuerySet[Unit]:
        """Units whose catalogue this user keeps (office role, or admin)."""
        if self.is_admin:
            return Unit.objects.all()
        return Unit.objects.filter(self._unit_q(paths=self.office_paths, with_reporter=False))

    def covers(self, unit: Unit) -> bool:
        if self.is_admin:
            return True
        if unit.pk in self.reporter_unit_ids:
            return True
        return any(unit.path.startswith(p) for p in self.read_paths)

    def covers_subtree(self, unit: Unit) -> bool:
        """True when the whole subtree of `unit` is readable (not only the unit itself)."""
        return self.is_admin or any(unit.path.startswith(p) for p in self.read_paths)

    def manages(self, unit: Unit) -> bool:
        return self.is_admin or any(unit.path.startswith(p) for p in self.office_paths)

    def reports_for(self, unit: Unit) -> bool:
        return unit.pk in self.reporter_unit_ids

    @cached_property
    def is_office(self) -> bool:
        return self.is_admin or bool(self.office_paths)

    @cached_property
    def is_leader(self) -> bool:
        return self.is_admin or bool(self.leader_paths) or bool(self.office_paths)

    def task_q(self, prefix: str = "") -> Q:
        """Tasks in scope: led by a unit read in scope; for a reporter also tasks its unit partners in."""
        if self.is_admin:
            return Q()
        q = Q(pk__in=[]) if not prefix else Q(**{f"{prefix}pk__in": []})
        for path in self.read_paths:
            q |= Q(**{f"{prefix}lead__path__startswith": path})
        if self.reporter_unit_ids:
            q |= Q(**{f"{prefix}lead_id__in": self.reporter_unit_ids})
            q |= Q(**{f"{prefix}partners__id__in": self.reporter_unit_ids})
        return q

    def get_unit(self, code: str) -> Unit:
        """The unit with this code if it is in scope; otherwise 404 (as if it did not exist)."""
        unit = Unit.objects.filter(code=(code or "").strip().upper()).first()
        if unit is None or not self.covers(unit):
            raise Http404(_("Không tìm thấy đơn vị."))
        return unit

    def default_unit(self) -> Unit | None:
        """The unit a page opens on: the highest unit the user reads."""
        if self.is_admin:
            return Unit.objects.filter(parent__isnull=True).order_by("name_sort").first()
        paths = sorted(self.read_paths, key=len)
        if paths:
            return Unit.objects.filter(path=paths[0]).first()
        if self.reporter_unit_ids:
            return Unit.objects.filter(pk=self.reporter_unit_ids[0]).first()
        return None
