"""Admin forms that hold a coordinator to their own area(s) and make opening hours quick to type.

The admin hands each form class the user's :class:`services.permissions.Scope` (``scoped_form``). A coordinator can
only *add* or *remove* areas, municipalities, locations and providers that lie in their own area(s); areas of
other areas already on an entry stay as they are — the entry is shared, another area's coordinator (or a national
administrator) set them, and removing them would take the entry out of that coordinator's sight. An entry must
also stay in one of the coordinator's own areas after the change, so that no coordinator can move an entry out of
sight or into another area.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.contrib.admin import site as default_admin_site
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.sites import AdminSite
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from services import opening_hours, opening_hours_exceptions
from services.models import OpeningHours, OpeningHoursException, Provider, Service, ServiceLocation
from services.permissions import Scope, outside_scope, providers_in_scope, services_in_scope

SERVICE_AREA_FIELDS = ("vitality_centres", "regions", "municipalities", "employment_areas")
OWN_AREA_CHOICE_MESSAGE = _("You can only choose entries of your own area(s).")


def scoped_form(
    form_class: type[forms.BaseForm], scope: Scope, admin_site: AdminSite | None = None
) -> type[forms.BaseForm]:
    """A subclass of ``form_class`` that knows whose scope it validates against (and the admin site whose
    ``scope_queryset`` rules limit its choices; Django's default site when not given)."""
    return type(form_class.__name__, (form_class,), {"scope": scope, "admin_site": admin_site})


def scope_rule(model: type[models.Model], admin_site: AdminSite | None = None):
    """How rows of ``model`` belong to an area: the ``scope_queryset`` of its ModelAdmin (the rule its change list
    and autocomplete use), or None for a model nobody keeps by area (vocabularies, areas)."""
    site = admin_site or default_admin_site
    try:
        model_admin = site.get_model_admin(model)
    except NotRegistered:
        return None
    return getattr(model_admin, "scope_queryset", None)


def _outside_message(values: list[models.Model]) -> str:
    return gettext("%(names)s is outside your own area(s). You can only add areas inside them.") % {
        "names": ", ".join(str(value) for value in values)
    }


def _removal_message(values: list[models.Model]) -> str:
    return gettext("%(names)s is outside your own area(s). You can only remove areas inside them.") % {
        "names": ", ".join(str(value) for value in values)
    }


class ScopedModelForm(forms.ModelForm):
    """A ModelForm that holds a coordinator to their scope.

    Every choice of an entry that is kept by area (a provider, a practice, a group, a measure…) is limited to the
    entries of the user's scope — the same ones the autocomplete offers — plus those the entry already links to
    (set by a national administrator or another area's coordinator, and kept). An id posted from outside that
    set is refused as an invalid choice, and its name is never rendered back.
    """

    scope: Scope = Scope(national=False, centre_ids=frozenset())
    admin_site: AdminSite | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.scope.national:
            for name, form_field in self.fields.items():
                self._limit_choices(name, form_field)

    def _limit_choices(self, name: str, form_field: forms.Field) -> None:
        if not isinstance(form_field, forms.ModelChoiceField):  # ModelMultipleChoiceField is one too
            return
        model = form_field.queryset.model
        rule = scope_rule(model, self.admin_site)
        if rule is None:
            return
        current = self.initial.get(name)
        if current is None:
            current = []
        elif isinstance(current, str) or not isinstance(current, Iterable):
            current = [current]
        current_pks = [getattr(value, "pk", value) for value in current]
        in_scope = rule(model._default_manager.all(), self.scope).values("pk")
        form_field.queryset = form_field.queryset.filter(Q(pk__in=in_scope) | Q(pk__in=current_pks))
        form_field.error_messages = {
            **form_field.error_messages,
            "invalid_choice": OWN_AREA_CHOICE_MESSAGE,
            "invalid_pk_value": OWN_AREA_CHOICE_MESSAGE,
        }

    def _added(self, name: str) -> list[models.Model]:
        """Values of a many-to-many field that this change adds (the initial ones were allowed before)."""
        chosen = list(self.cleaned_data.get(name) or [])
        initial = self.initial.get(name) or []
        initial_pks = {getattr(value, "pk", value) for value in initial}
        return [value for value in chosen if value.pk not in initial_pks]

    def _removed(self, name: str) -> list[models.Model]:
        """Values of a many-to-many field that were on the entry and that this change takes away."""
        chosen_pks = {value.pk for value in self.cleaned_data.get(name) or []}
        initial = self.initial.get(name) or []
        initial_pks = [
            getattr(value, "pk", value) for value in initial if getattr(value, "pk", value) not in chosen_pks
        ]
        if not initial_pks:
            return []
        return list(self.fields[name].queryset.model._default_manager.filter(pk__in=initial_pks))

    def _check_area_field(self, name: str) -> None:
        """The same rule both ways: only areas inside the scope can be added, and only those can be removed."""
        outside = outside_scope(self._added(name), self.scope)
        if outside:
            self.add_error(name, _outside_message(outside))
        removed = outside_scope(self._removed(name), self.scope)
        if removed:
            self.add_error(name, _removal_message(removed))

    def _initial_fk(self, name: str) -> models.Model | None:
        """The entry's current value of a foreign key (before this change)."""
        initial = self.initial.get(name)
        pk = getattr(initial, "pk", initial)
        if pk is None or name not in self.fields:
            return None
        return self.fields[name].queryset.model._default_manager.filter(pk=pk).first()

    def _check_area_fk(self, name: str) -> None:
        """An area foreign key (a home municipality, a location's municipality, a group's region): a new value must
        lie inside the scope, and so must the value it replaces (or clears)."""
        if self.scope.national or name not in self.cleaned_data:
            return
        changed = self._changed_fk(name)
        if changed is not None and outside_scope([changed], self.scope):
            self.add_error(name, _outside_message([changed]))
        value = self.cleaned_data.get(name)
        current = self._initial_fk(name)
        if current is not None and getattr(value, "pk", None) != current.pk and outside_scope([current], self.scope):
            self.add_error(name, _removal_message([current]))

    def deletion_refused(self) -> str | None:
        """Why this saved row may not be deleted in an inline (None: it may). See ScopedInlineMixin."""
        return None

    def _changed_fk(self, name: str) -> models.Model | None:
        """The new value of a foreign key if this change sets it to something else, otherwise None."""
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        initial = self.initial.get(name)
        return None if getattr(initial, "pk", initial) == value.pk else value


class ProviderAdminForm(ScopedModelForm):
    class Meta:
        model = Provider
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin chooses the fields (fieldsets, translation tabs)

    def clean_municipality(self):
        municipality = self.cleaned_data.get("municipality")
        if self.scope.national:
            return municipality
        if municipality is None and not self.instance.pk:
            raise ValidationError(gettext("Choose the provider's home municipality in your own area(s)."))
        self._check_area_fk("municipality")
        return municipality


class ServiceAdminForm(ScopedModelForm):
    class Meta:
        model = Service
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin chooses the fields (fieldsets, translation tabs)

    def clean_provider(self):
        provider = self.cleaned_data.get("provider")
        changed = self._changed_fk("provider")
        if (
            changed is not None
            and not self.scope.national
            and not providers_in_scope(Provider.objects.filter(pk=changed.pk), self.scope).exists()
        ):
            raise ValidationError(gettext("You can only choose a provider of your own area(s)."))
        # The current provider's home municipality makes the service its area's too: replacing that provider is
        # removing an area, which only that area's coordinator or a national administrator may do.
        current = self._initial_fk("provider")
        if (
            changed is not None
            and not self.scope.national
            and current is not None
            and current.municipality_id
            and outside_scope([current.municipality], self.scope)
        ):
            raise ValidationError(
                gettext(
                    "The current provider's home municipality %(names)s is outside your own area(s): only a "
                    "coordinator there or a national administrator can change the provider."
                )
                % {"names": current.municipality}
            )
        return provider

    def clean_nationwide(self):
        nationwide = self.cleaned_data.get("nationwide")
        if nationwide and not self.scope.national and not self.initial.get("nationwide"):
            raise ValidationError(gettext("Only a national administrator can make a service nationwide."))
        return nationwide

    def clean(self):
        cleaned = super().clean()
        if self.scope.national:
            return cleaned
        for name in SERVICE_AREA_FIELDS:
            if name in cleaned:
                self._check_area_field(name)
        if not self.errors and not self._stays_in_scope(cleaned):
            raise ValidationError(
                gettext(
                    "The service must belong to your own area(s): give it an area or municipality there, or "
                    "choose a provider whose home municipality is there."
                )
            )
        return cleaned

    def _stays_in_scope(self, cleaned: dict) -> bool:
        """After the change, would the service still be in the coordinator's area(s)?"""
        provider = cleaned.get("provider")
        if provider is not None and provider.municipality_id and not outside_scope([provider.municipality], self.scope):
            return True
        for name in SERVICE_AREA_FIELDS:
            values = list(cleaned.get(name) or [])
            if values and len(outside_scope(values, self.scope)) < len(values):
                return True
        # A location in the area (locations are kept in their own inline forms, saved separately).
        if self.instance.pk:
            located = services_in_scope(Service.objects.filter(pk=self.instance.pk), self.scope).filter(
                locations__municipality__region__vitality_centre__in=self.scope.centre_ids
            )
            return located.exists()
        return False


class ServiceLocationForm(ScopedModelForm):
    """A service location with its opening hours as text (see :mod:`services.opening_hours`)."""

    opening_hours_text = forms.CharField(
        label=_("Opening hours"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 40}),
        help_text=opening_hours.HELP_TEXT,
        max_length=2000,
    )
    exceptions_text = forms.CharField(
        label=_("Exceptions to opening hours"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=opening_hours_exceptions.HELP_TEXT,
        max_length=6000,
    )

    class Meta:
        model = ServiceLocation
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin chooses the fields (fieldsets, translation tabs)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opening_hours_text"].initial = opening_hours.format_hours(self.instance.opening_hours.all())
            self.fields["exceptions_text"].initial = opening_hours_exceptions.format_exceptions(
                self.instance.opening_hours_exceptions.all()
            )
        self._periods: list[opening_hours.Period] = []
        self._exceptions: list[opening_hours_exceptions.ExceptionDays] = []

    def clean_municipality(self):
        municipality = self.cleaned_data.get("municipality")
        self._check_area_fk("municipality")
        return municipality

    def deletion_refused(self) -> str | None:
        if self.scope.national or not self.instance.pk or self.instance.municipality_id is None:
            return None
        if outside_scope([self.instance.municipality], self.scope):
            return gettext(
                "The location in %(names)s is outside your own area(s): only a coordinator there or a national "
                "administrator can remove it."
            ) % {"names": self.instance.municipality}
        return None

    def clean_opening_hours_text(self) -> str:
        text = self.cleaned_data.get("opening_hours_text", "")
        self._periods = opening_hours.parse(text)
        return text

    def clean_exceptions_text(self) -> str:
        text = self.cleaned_data.get("exceptions_text", "")
        self._exceptions = opening_hours_exceptions.parse(text)
        return text

    def _save_m2m(self) -> None:
        super()._save_m2m()
        if "exceptions_text" in self.changed_data:
            self.instance.opening_hours_exceptions.all().delete()
            OpeningHoursException.objects.bulk_create(
                opening_hours_exceptions.rows_for(self.instance.pk, self._exceptions)
            )
        if "opening_hours_text" in self.changed_data:
            self.instance.opening_hours.all().delete()
            OpeningHours.objects.bulk_create(
                OpeningHours(location=self.instance, weekday=p.weekday, opens=p.opens, closes=p.closes)
                for p in self._periods
            )
