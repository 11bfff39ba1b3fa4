"""The coordinator's area scope applied to a ModelAdmin: one mixin for every admin path.

A ModelAdmin that mixes in :class:`ScopedAdminMixin` says in :meth:`~ScopedAdminMixin.scope_queryset` how its
rows belong to an area (with the functions of :mod:`services.permissions`). From that one method the mixin
restricts the change list, bulk actions and exports (``get_queryset``), the change, delete and history views
and simple-history's revert view (object-level ``has_*_permission``), the autocomplete endpoint (it lists the
target admin's ``get_queryset``), and the forms and inline forms (:func:`services.admin_forms.scoped_form`: the
area rules, and every choice of a scoped entry limited by the target admin's ``scope_queryset``, as in the
autocomplete). An entry outside the
scope that exists answers 403, so a coordinator who follows an old link learns that it is not theirs to keep.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.forms.formsets import BaseFormSet
from django.http import HttpRequest

from services.admin_forms import ScopedModelForm, scoped_form
from services.permissions import Scope, scope_for


def _cache(request: HttpRequest) -> dict:
    return request.__dict__.setdefault("_liv_in_scope", {})


class ScopedAdminMixin:
    """Mix in before ``admin.ModelAdmin`` (and SimpleHistoryAdmin / TranslationAdmin).

    Every subclass must define ``scope_queryset(self, queryset, scope) -> QuerySet``: how its rows belong to an
    area. The rule is checked when the class is created, so an admin without one fails at start-up, never by
    showing a coordinator everything.
    """

    scope_queryset: Callable[[QuerySet, Scope], QuerySet]
    form = ScopedModelForm  # a ModelAdmin's own form must be a ScopedModelForm too (checked below)

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if not callable(getattr(cls, "scope_queryset", None)):
            raise TypeError(f"{cls.__name__} must define scope_queryset(): how its rows belong to an area.")
        inlines = getattr(cls, "inlines", [])
        unscoped = [inline.__name__ for inline in inlines if not issubclass(inline, ScopedInlineMixin)]
        if not issubclass(cls.form, ScopedModelForm) or unscoped:
            raise TypeError(
                f"{cls.__name__}: its form must be a ScopedModelForm and its inlines ScopedInlineMixins "
                f"(not {', '.join(unscoped) or cls.form.__name__}), so that every choice keeps to the user's scope."
            )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return self.scope_queryset(super().get_queryset(request), scope_for(request.user))

    def in_scope(self, request: HttpRequest, obj: Model | None) -> bool:
        """Does the saved row ``obj`` (looked up afresh by its key) lie in the user's scope?"""
        if obj is None or obj.pk is None:
            return True
        scope = scope_for(request.user)
        if scope.national:
            return True
        key = (self.model._meta.label, obj.pk)
        cache = _cache(request)
        if key not in cache:
            rows = self.model._default_manager.filter(pk=obj.pk)
            cache[key] = self.scope_queryset(rows, scope).exists()
        return cache[key]

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and self.in_scope(request, obj)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return super().has_add_permission(request, *args) and not scope_for(request.user).is_empty

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Model | None:
        """403 for a row that exists but is not the user's; Django's own answer for one that does not exist."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None and not scope_for(request.user).national:
            field = self.model._meta.get_field(from_field) if from_field else self.model._meta.pk
            try:
                exists = self.model._default_manager.filter(**{field.name: field.to_python(object_id)}).exists()
            except (ValidationError, ValueError, TypeError):
                exists = False
            if exists:
                raise PermissionDenied
        return obj

    def get_form(self, request: HttpRequest, obj: Model | None = None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return scoped_form(form, scope_for(request.user), self.admin_site)


class ScopedInlineMixin:
    """Inline forms validate against the user's scope too (e.g. a location's municipality, a rating's practices),
    and a row the scope does not allow removing (a location in another area) cannot be deleted
    (``ScopedModelForm.deletion_refused``)."""

    form = ScopedModelForm

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if not issubclass(cls.form, ScopedModelForm):
            raise TypeError(f"{cls.__name__}: its form must be a ScopedModelForm.")

    def get_formset(self, request: HttpRequest, obj: Model | None = None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(
            formset.__name__,
            (_RefuseScopedDeletion, formset),
            {"form": scoped_form(formset.form, scope_for(request.user), self.admin_site)},
        )


class _RefuseScopedDeletion(BaseFormSet):
    """Django does not validate the forms marked for deletion, so the formset asks each of them."""

    def clean(self) -> None:
        super().clean()
        refusals = [reason for form in self.deleted_forms if (reason := form.deletion_refused())]
        if refusals:
            raise ValidationError(refusals)


def is_autocomplete(request: HttpRequest) -> bool:
    """Is this the admin's autocomplete endpoint (where area choices are offered)?"""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "autocomplete"
