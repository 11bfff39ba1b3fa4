"""Admin of regional cooperation, on the coordinator admin's mechanisms: the area scope (ScopedAdminMixin with
a ``scope_queryset`` per model), scoped forms, history (SimpleHistoryAdmin) and fi/sv/en tabs.

Coordinators keep their own areas' groups, strategies, assessments, practices, regional measures and follow-ups;
national administrators keep everything, including the national measures and the maturity model itself.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from cooperation import practice_search, selectors, trends, workflow
from cooperation.admin_forms import (
    DimensionRatingForm,
    FollowUpAdminForm,
    MeasureAdminForm,
    PracticeAdminForm,
    RegionalGroupAdminForm,
)
from cooperation.models import (
    DimensionRating,
    FollowUp,
    GroupMember,
    GroupTask,
    MaturityAssessment,
    MaturityDimension,
    MaturityStage,
    Measure,
    Practice,
    PracticeLink,
    RegionalGroup,
    RegionalStrategy,
    StageDescription,
    StrategicGoal,
)
from services.admin_scope import ScopedAdminMixin, ScopedInlineMixin
from services.permissions import Scope, scope_for

# --- Groups and strategies ---------------------------------------------------------------------------------


class GroupTaskInline(ScopedInlineMixin, TranslationTabularInline):
    model = GroupTask
    extra = 0


class GroupMemberInline(ScopedInlineMixin, TranslationTabularInline):
    model = GroupMember
    extra = 0
    autocomplete_fields = ["provider"]


@admin.register(RegionalGroup)
class RegionalGroupAdmin(ScopedAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    form = RegionalGroupAdminForm
    list_display = ["name", "vitality_centre", "region", "active_from", "active_until", "publish_latest_assessment"]
    list_filter = ["vitality_centre", "origin"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    autocomplete_fields = ["vitality_centre", "region"]
    inlines = [GroupTaskInline, GroupMemberInline]
    change_form_template = "admin/cooperation/regionalgroup/change_form.html"

    def scope_queryset(self, queryset: QuerySet, scope: Scope) -> QuerySet:
        return selectors.groups_in_scope(queryset, scope)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None):
        """Below the form: the group's maturity self-assessments and its measures' follow-up over the years."""
        group = self.get_object(request, object_id) if request.method == "GET" else None
        context = {"liv_trends": trends.group_trends(group) if group is not None else None, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)


class StrategicGoalInline(ScopedInlineMixin, TranslationStackedInline):
    model = StrategicGoal
    extra = 0
    filter_horizontal = ["national_goals"]


@admin.register(RegionalStrategy)
class RegionalStrategyAdmin(ScopedAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "group", "first_year", "last_year"]
    list_select_related = ["group"]
    search_fields = ["name_fi", "name_sv", "name_en", "group__name_fi"]
    autocomplete_fields = ["group"]
    inlines = [StrategicGoalInline]

    def scope_queryset(self, queryset: QuerySet, scope: Scope) -> QuerySet:
        return selectors.groups_in_scope(queryset, scope, path="group__vitality_centre")


# --- The maturity model and self-assessments ----------------------------------------------------------------


class StageDescriptionInline(TranslationTabularInline):
    model = StageDescription
    extra = 0


@admin.register(MaturityDimension)
class MaturityDimensionAdmin(TabbedTranslationAdmin):
    list_display = ["name", "code", "order"]
    inlines = [StageDescriptionInline]


@admin.register(MaturityStage)
class MaturityStageAdmin(TabbedTranslationAdmin):
    list_display = ["number", "name"]


class DimensionRatingInline(ScopedInlineMixin, TranslationStackedInline):
    model = DimensionRating
    form = DimensionRatingForm
    extra = 0
    autocomplete_fields = ["practices"]

    def get_extra(self, request: HttpRequest, obj: MaturityAssessment | None = None, **kwargs) -> int:
        rated = obj.ratings.count() if obj is not None and obj.pk else 0
        return max(0, MaturityDimension.objects.count() - rated)


@admin.register(MaturityAssessment)
class MaturityAssessmentAdmin(ScopedAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["group", "year", "modified"]
    list_filter = ["year", "group__vitality_centre"]
    list_select_related = ["group"]
    search_fields = ["group__name_fi", "group__name_sv", "group__name_en"]
    autocomplete_fields = ["group"]
    inlines = [DimensionRatingInline]
    change_list_template = "admin/cooperation/maturityassessment/change_list.html"

    def scope_queryset(self, queryset: QuerySet, scope: Scope) -> QuerySet:
        return selectors.groups_in_scope(queryset, scope, path="group__vitality_centre")

    def get_formset_kwargs(self, request: HttpRequest, obj, inline, prefix: str) -> dict:
        """A new assessment starts with one row per dimension, each showing that dimension's stage descriptions."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, DimensionRatingInline):
            rated = set(obj.ratings.values_list("dimension_id", flat=True)) if obj is not None and obj.pk else set()
            kwargs["initial"] = [
                {"dimension": dimension.pk} for dimension in MaturityDimension.objects.exclude(pk__in=rated)
            ]
        return kwargs

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        dimensions, comparisons = selectors.latest_assessments(scope_for(request.user))
        context = {"liv_dimensions": dimensions, "liv_comparisons": comparisons, **(extra_context or {})}
        return super().changelist_view(request, context)


# --- Practices ------------------------------------------------------------------------------------------------


class PracticeLinkInline(ScopedInlineMixin, TranslationTabularInline):
    model = PracticeLink
    extra = 0


@admin.register(Practice)
class PracticeAdmin(ScopedAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    form = PracticeAdminForm
    list_display = ["title", "phase", "status", "last_reviewed"]
    list_filter = ["status", "phase", "vitality_centres", "national_goals", "dimensions", "origin"]
    search_fields = ["title_fi", "title_sv", "title_en", "external_id"]
    autocomplete_fields = ["vitality_centres", "providers"]
    filter_horizontal = ["target_groups", "national_goals", "dimensions"]
    inlines = [PracticeLinkInline]
    actions = ["publish", "archive", "mark_reviewed"]

    def scope_queryset(self, queryset: QuerySet, scope: Scope) -> QuerySet:
        return selectors.practices_in_scope(queryset, scope)

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        practice_search.record_words([form.instance])  # new words get their Finnish base forms for the search

    def _report(self, request: HttpRequest, result: workflow.WorkflowResult, done: str) -> None:
        if result.changed:
            self.message_user(request, done % {"count": len(result.changed)}, messages.SUCCESS)
        for practice, reason in result.refused:
            self.message_user(request, f"{practice}: {reason}", messages.ERROR)
        if not result.changed and not result.refused:
            self.message_user(request, _("Nothing to change."), messages.INFO)

    @admin.action(description=_("Publish selected practices"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        result = workflow.publish_practices(practices=queryset, by=request.user)
        self._report(
            request,
            result,
            ngettext("Published %(count)d practice.", "Published %(count)d practices.", len(result.changed)),
        )

    @admin.action(description=_("Archive selected practices"), permissions=["change"])
    def archive(self, request: HttpRequest, queryset: QuerySet) -> None:
        result = workflow.archive_practices(practices=queryset, by=request.user)
        self._report(
            request,
            result,
            ngettext("Archived %(count)d practice.", "Archived %(count)d practices.", len(result.changed)),
        )

    @admin.action(description=_("Mark selected practices as reviewed today"), permissions=["change"])
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet) -> None:
        result = workflow.mark_practices_reviewed(practices=queryset, by=request.user)
        self._report(
            request,
            result,
            ngettext(
                "Marked %(count)d practice as reviewed.", "Marked %(count)d practices as reviewed.", len(result.changed)
            ),
        )


# --- Measures and follow-up ----------------------------------------------------------------------------------


def measure_in_scope(request: HttpRequest, measure: Measure | None) -> bool:
    """May this user record follow-ups of ``measure``? The rule is ``selectors.measures_in_scope``: a coordinator
    the regional measures of their own areas, a national administrator every measure (a new, unsaved measure is
    judged by its own form: a coordinator cannot make it national or another area's)."""
    if measure is None or measure.pk is None:
        return not scope_for(request.user).is_empty
    scope = scope_for(request.user)
    return scope.national or selectors.measures_in_scope(Measure.objects.filter(pk=measure.pk), scope).exists()


class FollowUpInline(ScopedInlineMixin, TranslationTabularInline):
    """The measure's follow-up entries. Whoever may not record follow-ups of the measure gets them read-only (a
    coordinator never reaches a national or another area's measure: its change view answers 403 first)."""

    model = FollowUp
    extra = 1
    fields = ["date", "status", "note", "recorded_by"]
    readonly_fields = ["recorded_by"]

    def has_add_permission(self, request: HttpRequest, obj: Measure | None = None) -> bool:
        return super().has_add_permission(request, obj) and measure_in_scope(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Measure | None = None) -> bool:
        return super().has_change_permission(request, obj) and measure_in_scope(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Measure | None = None) -> bool:
        return super().has_delete_permission(request, obj) and measure_in_scope(request, obj)


@admin.register(Measure)
class MeasureAdmin(ScopedAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    form = MeasureAdminForm
    list_display = ["code", "title", "level", "vitality_centre", "first_year", "last_year"]
    list_filter = ["level", "vitality_centre", "national_goals", "origin"]
    search_fields = ["code", "title_fi", "title_sv", "title_en"]
    autocomplete_fields = ["vitality_centre", "group", "responsible_providers"]
    filter_horizontal = ["national_goals"]
    inlines = [FollowUpInline]
    change_list_template = "admin/cooperation/measure/change_list.html"

    def scope_queryset(self, queryset: QuerySet, scope: Scope) -> QuerySet:
        return selectors.measures_in_scope(queryset, scope)

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        """Above the list: every measure of the user's scope by its status at the end of each year."""
        measures = list(self.get_queryset(request).order_by("code")) if request.method == "GET" else []
        context = {"liv_follow_up": trends.follow_up_trend(measures), **(extra_context or {})}
        return super().changelist_view(request, context)

    def save_formset(self, request: HttpRequest, form: forms.ModelForm, formset, change: bool) -> None:
        """Record who entered each new follow-up entry."""
        for entry in formset.save(commit=False):
            if isinstance(entry, FollowUp) and entry.pk is None:
                entry.recorded_by = request.user
            entry.save()
        for entry in formset.deleted_objects:
            entry.delete()
        formset.save_m2m()


@admin.register(FollowUp)
class FollowUpAdmin(ScopedAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Follow-up entries on their own: a coordinator lists, opens, changes, deletes and adds only entries of their
    own areas' regional measures (the scope of the measure, ``measure__vitality_centre``: a national measure has
    none, so it is never in a coordinator's scope); the measure can only be one in scope (the form's choices and
    the autocomplete list both come from ``measures_in_scope``). "Recorded by" is the logged-in user who added the
    entry, never a form field."""

    form = FollowUpAdminForm
    list_display = ["measure", "date", "status", "recorded_by"]
    list_filter = ["status", "measure__level"]
    list_select_related = ["measure", "recorded_by"]
    search_fields = ["measure__code", "measure__title_fi"]
    autocomplete_fields = ["measure"]
    readonly_fields = ["recorded_by"]

    def scope_queryset(self, queryset: QuerySet, scope: Scope) -> QuerySet:
        return selectors.measures_in_scope(queryset, scope, path="measure__vitality_centre")

    def save_model(self, request: HttpRequest, obj: FollowUp, form: forms.ModelForm, change: bool) -> None:
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
