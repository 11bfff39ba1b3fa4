"""Admin forms of regional cooperation, on the coordinator admin's scoped forms (services/admin_forms.py).

A coordinator keeps their own area's groups, assessments, practices and regional measures: areas of other areas
already on an entry stay (a practice may be shared with another area), only areas of their own can be added or
removed, and an entry must keep at least one of them, so that nobody moves an entry out of their own or another
coordinator's sight.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cooperation.models import DimensionRating, FollowUp, MaturityStage, Measure, Practice, RegionalGroup
from cooperation.selectors import groups_in_scope, measures_in_scope
from liv.i18n import translated
from services.admin_forms import ScopedModelForm, _outside_message
from services.permissions import outside_scope


class RegionalGroupAdminForm(ScopedModelForm):
    class Meta:
        model = RegionalGroup
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if self.scope.national:
            return cleaned
        for name in ("vitality_centre", "region"):
            self._check_area_fk(name)
        return cleaned


class PracticeAdminForm(ScopedModelForm):
    class Meta:
        model = Practice
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if self.scope.national or "vitality_centres" not in cleaned:
            return cleaned
        self._check_area_field("vitality_centres")
        areas = list(cleaned.get("vitality_centres") or [])
        if not self.errors and len(outside_scope(areas, self.scope)) == len(areas):
            self.add_error("vitality_centres", gettext("Keep at least one of your own areas on the practice."))
        return cleaned


class MeasureAdminForm(ScopedModelForm):
    class Meta:
        model = Measure
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if self.scope.national:
            return cleaned
        if cleaned.get("level") == Measure.Level.NATIONAL:
            self.add_error("level", gettext("Only a national administrator keeps the national measures."))
        area = cleaned.get("vitality_centre")
        if area is not None and outside_scope([area], self.scope):
            self.add_error("vitality_centre", _outside_message([area]))
        group = self._changed_fk("group")
        if group is not None and not groups_in_scope(RegionalGroup.objects.filter(pk=group.pk), self.scope).exists():
            self.add_error("group", gettext("You can only choose a group of your own area(s)."))
        return cleaned


class FollowUpAdminForm(ScopedModelForm):
    """A follow-up entry can only be given a measure in the user's scope (``measures_in_scope``): another area's
    or a national measure is not a valid choice for a coordinator, whatever id is posted. ``recorded_by`` is not
    editable, so it is not a field here: the admin sets it from the logged-in user."""

    class Meta:
        model = FollowUp
        fields = "__all__"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "measure" in self.fields:
            self.fields["measure"].queryset = measures_in_scope(Measure.objects.all(), self.scope)
            self.fields["measure"].error_messages = {
                **self.fields["measure"].error_messages,
                "invalid_choice": _("You can only follow up the measures of your own area(s)."),
            }


class DimensionRatingForm(ScopedModelForm):
    """One dimension's stage, with the model's description of each stage on that dimension beside the choice;
    its practices are those of the user's scope (and those already linked), as in the autocomplete."""

    class Meta:
        model = DimensionRating
        fields = "__all__"
        widgets = {"stage": forms.RadioSelect}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        dimension_id = self.initial.get("dimension") or self.instance.dimension_id
        if self.is_bound and not dimension_id:
            dimension_id = self.data.get(self.add_prefix("dimension")) or None
        field = self.fields["stage"]
        field.empty_label = None
        stages = MaturityStage.objects.all()
        descriptions = {}
        if dimension_id:
            stages = stages.prefetch_related("descriptions")
            for stage in stages:
                for description in stage.descriptions.all():
                    if str(description.dimension_id) == str(dimension_id):
                        descriptions[stage.pk] = translated(description, "text").text
        field.choices = [
            (
                stage.pk,
                f"{stage.number}. {translated(stage, 'name').text}"
                + (f" — {descriptions[stage.pk]}" if stage.pk in descriptions else ""),
            )
            for stage in stages
        ]
        field.help_text = _("Each choice shows what the stage looks like on this dimension.")
