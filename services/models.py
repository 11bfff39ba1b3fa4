"""Providers, their guidance services, the services' channels, and the shared vocabularies.

The channels follow the Suomi.fi Service Catalogue (PTV): service locations, phone channels and electronic
channels (web page, chat, video, e-service), so that entries can be exchanged with it.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from pgvector.django import HnswIndex, VectorField

from regions.models import EmploymentArea, Municipality, Region, VitalityCentre
from services.languages import LANGUAGE_CHOICES, LANGUAGES_OFFERED
from services.validators import (
    validate_business_id,
    validate_http_url,
    validate_latitude,
    validate_longitude,
    validate_phone_number,
    validate_postal_code,
)

REVIEW_INTERVAL = datetime.timedelta(days=365)
MAX_EMAILS = 5


class Origin(models.TextChoices):
    """Where an entry came from; demo and generated entries are never loaded by a production set-up."""

    ENTERED = "entered", _("entered")
    IMPORTED = "imported", _("imported")
    DEMO = "demo", _("demo content")
    GENERATED = "generated", _("generated test data")


class Vocabulary(models.Model):
    """A shared term with a stable code, kept by the national administrators."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class TargetGroup(Vocabulary):
    """Kohderyhmä / målgrupp: who a service is for."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class ServiceType(Vocabulary):
    """What kind of information, advice or guidance a service gives."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("service type")
        verbose_name_plural = _("service types")


class NationalGoal(models.Model):
    """One of the five national goals of lifelong guidance (the strategy 2020–2028)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("national goal")
        verbose_name_plural = _("national goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Provider(models.Model):
    """An organisation that offers guidance services."""

    class Sector(models.TextChoices):
        PUBLIC = "public", _("public sector")
        PRIVATE = "private", _("private sector")
        THIRD = "third", _("third sector")

    class Kind(models.TextChoices):
        SCHOOL = "school", _("school")
        INSTITUTION = "institution", _("educational institution")
        EMPLOYMENT = "employment", _("employment services")
        OHJAAMO = "ohjaamo", _("Ohjaamo")
        IMMIGRANT = "immigrant", _("immigrant services")
        NGO = "ngo", _("non-governmental organisation")
        TRADE_UNION = "trade_union", _("trade union")
        AUTHORITY = "authority", _("public authority")
        MUNICIPALITY = "municipality", _("municipality")
        COMPANY = "company", _("company")

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sector = models.CharField(_("sector"), max_length=10, choices=Sector.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    business_id = models.CharField(
        _("business ID"), max_length=9, blank=True, validators=[validate_business_id], help_text=_("Y-tunnus")
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_http_url])
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("home municipality"),
        on_delete=models.PROTECT,
        related_name="providers",
        null=True,
        blank=True,
    )
    external_id = models.CharField(_("external ID"), max_length=100, unique=True, null=True, blank=True)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.ENTERED)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("services:provider", kwargs={"pk": self.pk})


class ServiceQuerySet(models.QuerySet):
    def published(self) -> ServiceQuerySet:
        return self.filter(status=Service.Status.PUBLISHED)

    def needing_review(self, today: datetime.date | None = None) -> ServiceQuerySet:
        """Entries not reviewed in the last 12 months (or never)."""
        today = today or timezone.localdate()
        return self.filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=today - REVIEW_INTERVAL))

    def serving_municipality(self, municipality: Municipality) -> ServiceQuerySet:
        """Services whose service area covers the municipality: nationwide, or by its area, region or itself."""
        return self.filter(
            Q(nationwide=True)
            | Q(municipalities=municipality)
            | Q(regions=municipality.region_id)
            | Q(vitality_centres=municipality.region.vitality_centre_id)
            | Q(employment_areas=municipality.employment_area_id)
        ).distinct()

    def in_vitality_centres(self, centre_ids: Iterable[int]) -> ServiceQuerySet:
        """Services that belong to any of these areas: their service area, a location or the provider's home lies
        there. Filtered through a subquery of ids, so there are no duplicates and ``update()``/``delete()`` work;
        the coordinators' scope (services/permissions.py) is this same rule."""
        centre_ids = list(centre_ids)
        members = Service.objects.filter(
            Q(vitality_centres__in=centre_ids)
            | Q(regions__vitality_centre__in=centre_ids)
            | Q(municipalities__region__vitality_centre__in=centre_ids)
            | Q(employment_areas__municipalities__region__vitality_centre__in=centre_ids)
            | Q(locations__municipality__region__vitality_centre__in=centre_ids)
            | Q(provider__municipality__region__vitality_centre__in=centre_ids)
        ).values("pk")
        return self.filter(pk__in=members)

    def in_vitality_centre(self, centre: VitalityCentre) -> ServiceQuerySet:
        return self.in_vitality_centres([centre.pk])

    def with_detail(self) -> ServiceQuerySet:
        """Everything a detail page or export shows, in a fixed number of queries."""
        return self.select_related("provider", "provider__municipality").prefetch_related(
            "service_types",
            "target_groups",
            "national_goals",
            "vitality_centres",
            "regions",
            "municipalities",
            "employment_areas",
            Prefetch(
                "locations",
                queryset=ServiceLocation.objects.select_related("municipality").prefetch_related(
                    "opening_hours", "opening_hours_exceptions"
                ),
            ),
            "phones",
            "electronic_channels",
        )

    def with_detail_rows(self) -> ServiceQuerySet:
        """The detail page's data in the service's own row: provider by join, and ``detail_rows``, a JSON object
        with each related list as an array (ordered as the models order them), so that the page costs one query
        instead of twelve (one per prefetch). The SQL is written once per process (``_detail_rows_sql``): building
        and compiling the same subqueries with the ORM took longer than running them.
        ``services.selectors.published_service_page`` turns the rows into objects."""
        return self.select_related("provider", "provider__municipality").annotate(
            # Only model metadata goes into this SQL, never user input.
            detail_rows=RawSQL(_detail_rows_sql(), (), output_field=models.JSONField())  # noqa: S611
        )

    def with_result_rows(self) -> ServiceQuerySet:
        """What a search result shows, in one query: provider by join, and ``result_rows``, the target groups
        and the locations' municipalities as JSON in the service's row (``services.selectors.search_results``
        turns them into objects). The SQL is written once per process from the models' metadata."""
        return self.select_related("provider").annotate(
            result_rows=RawSQL(_result_rows_sql(), (), output_field=models.JSONField())  # noqa: S611
        )

    def with_channel_flags(self) -> ServiceQuerySet:
        return self.annotate(
            has_location=Exists(ServiceLocation.objects.filter(service=OuterRef("pk"))),
            has_phone=Exists(PhoneChannel.objects.filter(service=OuterRef("pk"))),
            has_online=Exists(ElectronicChannel.objects.filter(service=OuterRef("pk"))),
        )


class Service(models.Model):
    """A guidance service as a citizen meets it: what it is, for whom, where and how to reach it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    class Cost(models.TextChoices):
        FREE = "free", _("free of charge")
        PARTLY = "partly", _("partly charged")
        CHARGED = "charged", _("charged")

    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    service_types = models.ManyToManyField(ServiceType, verbose_name=_("service types"), blank=True)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True)
    national_goals = models.ManyToManyField(NationalGoal, verbose_name=_("national goals"), blank=True)

    nationwide = models.BooleanField(_("nationwide"), default=False)
    vitality_centres = models.ManyToManyField(
        VitalityCentre, verbose_name=_("vitality centre areas served"), blank=True, related_name="services"
    )
    regions = models.ManyToManyField(Region, verbose_name=_("regions served"), blank=True, related_name="services")
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities served"), blank=True, related_name="services"
    )
    employment_areas = models.ManyToManyField(
        EmploymentArea, verbose_name=_("employment areas served"), blank=True, related_name="services"
    )

    languages = ArrayField(
        models.CharField(max_length=3, choices=LANGUAGE_CHOICES),
        verbose_name=_("languages offered"),
        default=list,
        blank=True,
    )
    cost = models.CharField(_("cost"), max_length=10, choices=Cost.choices, default=Cost.FREE)
    # 500: the length of PTV's charge description (ChargeTypeAdditionalInfo), so that a synced text fits whole.
    cost_description = models.CharField(_("cost details"), max_length=500, blank=True)
    eligibility = models.TextField(
        _("who can use the service"),
        blank=True,
        help_text=_("Eligibility and requirements, for example an age limit or being registered as a jobseeker."),
    )
    how_to_apply = models.TextField(
        _("how to apply"),
        blank=True,
        help_text=_("What a person does to use the service: book a time, drop in, fill in a form…"),
    )
    emails = ArrayField(
        models.EmailField(max_length=254),
        verbose_name=_("e-mail addresses"),
        default=list,
        blank=True,
        size=MAX_EMAILS,
        help_text=_("At most five, separated by commas."),
    )
    status = models.CharField(
        pgettext_lazy("publication", "status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    external_id = models.CharField(_("external ID"), max_length=100, unique=True, null=True, blank=True)
    ptv_id = models.UUIDField(
        _("Suomi.fi Service Catalogue ID"), null=True, blank=True, unique=True, help_text=_("PTV service ID")
    )
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.ENTERED)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("services:service", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.status == self.Status.PUBLISHED and not (self.name_fi and self.summary_fi):
            raise ValidationError(_("A published service needs at least a Finnish name and summary."))

    def language_names(self) -> list[str]:
        """The languages offered, by name in the interface language."""
        return [str(LANGUAGES_OFFERED.get(code, code)) for code in self.languages]

    def areas_served(self) -> list[models.Model]:
        """The service area as listed on the page: areas, regions, employment areas, municipalities
        (uses the prefetched relations of ``with_detail``)."""
        return [
            *self.vitality_centres.all(),
            *self.regions.all(),
            *self.employment_areas.all(),
            *self.municipalities.all(),
        ]

    @property
    def needs_review(self) -> bool:
        return self.last_reviewed is None or self.last_reviewed < timezone.localdate() - REVIEW_INTERVAL


class ServiceLocation(models.Model):
    """Asiointipiste / serviceställe: where a service is offered in person."""

    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=200, blank=True)
    # Both optional: some services meet clients at several sites of a municipality, or by appointment only.
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True, validators=[validate_postal_code])
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="locations"
    )
    accessibility = models.TextField(_("accessibility"), blank=True)
    opening_hours_note = models.CharField(_("note on opening hours"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    # WGS84 degrees (what browsers and maps use); PTV's ETRS-TM35FIN coordinates are converted on the way in.
    # Six decimals is about 10 cm: more than any address needs.
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True, validators=[validate_latitude]
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_longitude]
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("service location")
        verbose_name_plural = _("service locations")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="service_location_both_coordinates_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.street_address or str(self.municipality)

    def clean(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))


class OpeningHoursException(models.Model):
    """A day or a run of days when a location keeps other hours than usual: a holiday, a temporary closure,
    longer hours in the joint-application weeks. PTV's "Exceptional" service hours have the same shape."""

    location = models.ForeignKey(
        ServiceLocation,
        verbose_name=_("service location"),
        on_delete=models.CASCADE,
        related_name="opening_hours_exceptions",
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty for a single day."))
    closed = models.BooleanField(_("closed"), default=False)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["valid_from", "opens"]
        verbose_name = _("exception to opening hours")
        verbose_name_plural = _("exceptions to opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="opening_hours_exception_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(closed=True, opens__isnull=True, closes__isnull=True)
                | Q(closed=False, opens__isnull=False, closes__isnull=False, opens__lt=models.F("closes")),
                name="opening_hours_exception_closed_or_hours",
            ),
        ]

    def __str__(self) -> str:
        days = f"{self.valid_from:%d.%m.%Y}" + (f"–{self.valid_to:%d.%m.%Y}" if self.valid_to else "")
        return f"{days} {_('closed') if self.closed else f'{self.opens:%H.%M}–{self.closes:%H.%M}'}"

    @property
    def last_day(self) -> datetime.date:
        return self.valid_to or self.valid_from

    def clean(self) -> None:
        if self.valid_to is not None and self.valid_from is not None and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The last day cannot be before the first.")})
        if self.closed and (self.opens is not None or self.closes is not None):
            raise ValidationError(_("A closed day has no opening hours."))
        if not self.closed:
            if self.opens is None or self.closes is None:
                raise ValidationError(_("Give the opening and closing time, or mark the days closed."))
            if self.opens >= self.closes:
                raise ValidationError({"closes": _("Closing time must be later than opening time.")})


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")
        SUNDAY = 7, _("Sunday")

    location = models.ForeignKey(
        ServiceLocation,
        verbose_name=_("service location"),
        on_delete=models.CASCADE,
        related_name="opening_hours",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(condition=Q(opens__lt=models.F("closes")), name="opening_hours_open_before_close"),
            models.CheckConstraint(condition=Q(weekday__gte=1, weekday__lte=7), name="opening_hours_weekday_1_7"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H.%M}–{self.closes:%H.%M}"

    def clean(self) -> None:
        if self.opens is not None and self.closes is not None and self.opens >= self.closes:
            raise ValidationError({"closes": _("Closing time must be later than opening time.")})


class PhoneChannel(models.Model):
    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="phones")
    name = models.CharField(_("name"), max_length=200, blank=True)
    number = models.CharField(_("phone number"), max_length=25, validators=[validate_phone_number])
    charge_note = models.CharField(_("call charge"), max_length=200, blank=True)
    hours_note = models.CharField(_("service hours"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("phone channel")
        verbose_name_plural = _("phone channels")

    def __str__(self) -> str:
        return self.number


class ElectronicChannel(models.Model):
    """A web page, chat, video meeting or e-service through which the service is used."""

    class Kind(models.TextChoices):
        WEB = "web", _("web page")
        CHAT = "chat", _("chat")
        VIDEO = "video", _("video meeting")
        ESERVICE = "eservice", _("e-service")

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="electronic_channels"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WEB)
    name = models.CharField(_("name"), max_length=200, blank=True)
    url = models.URLField(_("web address"), validators=[validate_http_url])

    class Meta:
        ordering = ["pk"]
        verbose_name = _("electronic channel")
        verbose_name_plural = _("electronic channels")

    def __str__(self) -> str:
        return self.url


def _json_fields(alias: str, names: Iterable[str]) -> str:
    return ", ".join(f"'{name}', {alias}.{connection.ops.quote_name(name)}" for name in names)


def _translated(*fields: str) -> list[str]:
    return [f"{field}_{code}" for field in fields for code, _label in settings.LANGUAGES]


def _outer_service() -> str:
    q = connection.ops.quote_name
    return f"{q(Service._meta.db_table)}.{q('id')}"


def _linked_rows_sql(relation: str, fields: Iterable[str], order: str) -> str:
    """A JSON array of the outer service's linked rows of a many-to-many ``relation``, in ``order``."""
    q = connection.ops.quote_name
    field = Service._meta.get_field(relation)
    table = q(field.related_model._meta.db_table)
    return (
        f"(SELECT coalesce(jsonb_agg(jsonb_build_object({_json_fields('t', fields)}) ORDER BY {order}), '[]')"  # noqa: S608
        f" FROM {table} t JOIN {q(field.m2m_db_table())} l ON l.{q(field.m2m_reverse_name())} = t.id"
        f" WHERE l.{q(field.m2m_column_name())} = {_outer_service()})"
    )


def _locations_sql(fields: Iterable[str], extra: str = "") -> str:
    """A JSON array of the outer service's locations, each with its municipality's id and names."""
    q = connection.ops.quote_name
    municipality_names = ", ".join(f"'municipality_{name}', m.{q(name)}" for name in _translated("name"))
    return (
        f"(SELECT coalesce(jsonb_agg(jsonb_build_object({_json_fields('t', fields)}, {municipality_names}{extra})"  # noqa: S608
        f" ORDER BY t.id), '[]') FROM {q(ServiceLocation._meta.db_table)} t"
        f" JOIN {q(Municipality._meta.db_table)} m ON m.id = t.municipality_id WHERE t.service_id = {_outer_service()})"
    )


@functools.cache
def _result_rows_sql() -> str:
    """``jsonb_build_object('target_groups', [...], 'locations', [...])``: what a search result shows of a
    service's relations (see ``ServiceQuerySet.with_result_rows``)."""
    vocabulary = ["id", "code", *_translated("name")]
    lists = {
        "target_groups": _linked_rows_sql("target_groups", vocabulary, 't."order", t.code'),
        "locations": _locations_sql(["id", "municipality_id"], ", 'municipality_code', m.code"),
    }
    return "jsonb_build_object(" + ", ".join(f"'{key}', {sql}" for key, sql in lists.items()) + ")"


@functools.cache
def _detail_rows_sql() -> str:
    """``jsonb_build_object('service_types', [...], ...)`` for the service of the outer row (see
    ``ServiceQuerySet.with_detail_rows``); table and column names come from the models' metadata, no value comes
    from a request (hence the ``noqa: S608``)."""
    q = connection.ops.quote_name
    outer = _outer_service()

    def owned(model: type[models.Model], fields: Iterable[str]) -> str:
        return (
            f"(SELECT coalesce(jsonb_agg(jsonb_build_object({_json_fields('t', fields)}) ORDER BY t.id), '[]')"  # noqa: S608
            f" FROM {q(model._meta.db_table)} t WHERE t.service_id = {outer})"
        )

    names = _translated("name")
    vocabulary = ["id", "code", *names]
    hours = (
        f"(SELECT coalesce(jsonb_agg(jsonb_build_object({_json_fields('h', ['weekday', 'opens', 'closes'])})"  # noqa: S608
        f" ORDER BY h.weekday, h.opens), '[]') FROM {q(OpeningHours._meta.db_table)} h WHERE h.location_id = t.id)"
    )
    # Exceptions that have not passed yet: a holiday of last year is no news to a reader.
    exception_fields = ["valid_from", "valid_to", "closed", "opens", "closes", *_translated("note")]
    exceptions = (
        f"(SELECT coalesce(jsonb_agg(jsonb_build_object({_json_fields('x', exception_fields)})"  # noqa: S608
        f" ORDER BY x.valid_from, x.opens), '[]') FROM {q(OpeningHoursException._meta.db_table)} x"
        f" WHERE x.location_id = t.id AND coalesce(x.valid_to, x.valid_from) >= current_date)"
    )
    location_fields = ["id", "postal_code", "municipality_id", "email", "latitude", "longitude"]
    location_fields += _translated("name", "street_address", "accessibility", "opening_hours_note")
    linked = _linked_rows_sql
    lists = {
        "service_types": linked("service_types", vocabulary, 't."order", t.code'),
        "target_groups": linked("target_groups", vocabulary, 't."order", t.code'),
        "national_goals": linked("national_goals", ["id", "number", *names], "t.number"),
        "vitality_centres": linked("vitality_centres", ["id", "code", *names], "t.code"),
        "regions": linked("regions", ["id", "code", *names], "t.code"),
        "employment_areas": linked("employment_areas", ["id", "code", *names], "t.code"),
        "municipalities": linked("municipalities", ["id", "code", *names], "t.name_fi"),
        "locations": _locations_sql(
            location_fields,
            f", 'municipality_code', m.code, 'opening_hours', {hours}, 'opening_hours_exceptions', {exceptions}",
        ),
        "phones": owned(PhoneChannel, ["id", "number", *_translated("name", "charge_note", "hours_note")]),
        "electronic_channels": owned(ElectronicChannel, ["id", "kind", *_translated("name", "url")]),
    }
    return "jsonb_build_object(" + ", ".join(f"'{key}', {sql}" for key, sql in lists.items()) + ")"


# A synonym's term: one to three words of letters and digits, parts joined by hyphens ("TE-toimisto").
SYNONYM_TERM = re.compile(r"[^\W_]+(?:-[^\W_]+)*(?: [^\W_]+(?:-[^\W_]+)*){0,2}")


class SearchSynonym(models.Model):
    """A word people use, and the words the entries use for it: "työkkäri" → TE-toimisto, työllisyyspalvelut.

    National administrators keep the list in the admin; the search reads it with every request
    (services.search.vocabularies), so a change takes effect at the next search (docs/search.md).
    """

    class Language(models.TextChoices):
        FI = "fi", _("Finnish")
        SV = "sv", _("Swedish")
        EN = "en", _("English")

    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    term = models.CharField(
        _("word people use"),
        max_length=60,
        help_text=_("One to three words, as people type them, for example “työkkäri” or “TE office”."),
    )
    equivalents = models.TextField(
        _("words the entries use"),
        help_text=_("One per line, for example “TE-toimisto”. A line of several words must match all of them."),
    )
    two_way = models.BooleanField(
        _("both ways"),
        default=False,
        help_text=_("Searching one of the equivalents also finds the word (labor ↔ labour)."),
    )
    modified = models.DateTimeField(_("modified"), auto_now=True)
    # The term's stems in its language's text-search configuration, as "sv:invandr"; written by the database
    # (trigger liv_synonym_stems, migration 0018) whatever saves the row, read with every search.
    stems = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["language", "term"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        constraints = [models.UniqueConstraint(fields=["language", "term"], name="services_synonym_unique_term")]

    def __str__(self) -> str:
        return f"{self.term} → {', '.join(self.equivalent_list())}"

    def equivalent_list(self) -> list[str]:
        return [line.strip().lower() for line in self.equivalents.splitlines() if line.strip()]

    def clean(self) -> None:
        self.term = " ".join(self.term.split()).lower()
        if not SYNONYM_TERM.fullmatch(self.term):
            raise ValidationError({"term": _("Enter one to three words: letters and digits, parts joined by hyphens.")})
        equivalents = self.equivalent_list()
        if not equivalents:
            raise ValidationError({"equivalents": _("Enter at least one equivalent.")})
        if len(equivalents) > MAX_EQUIVALENTS or any(len(line) > 100 for line in equivalents):
            raise ValidationError(
                {"equivalents": _("At most %(count)d lines of at most 100 characters.") % {"count": MAX_EQUIVALENTS}}
            )
        self.equivalents = "\n".join(dict.fromkeys(equivalents))


MAX_EQUIVALENTS = 8


class UnansweredSearch(models.Model):
    """A search text that no service held all the words of, counted per week: the words people use that the
    entries and the synonyms lack (services.search.unanswered, docs/search.md "What people searched and did not
    find"). Kept anonymous: no user, address, session or time of day, numbers and e-mail addresses masked; the
    weeks past SEARCH_LOG_DAYS are deleted by ``manage.py purge_personal_data``."""

    class Outcome(models.TextChoices):
        PARTIAL = "partial", _("closest matches only")
        NONE = "none", _("nothing found")

    week = models.DateField(_("week starting"))
    language = models.CharField(_("language"), max_length=2, choices=SearchSynonym.Language.choices)
    text = models.CharField(_("search text"), max_length=100)
    outcome = models.CharField(_("result"), max_length=7, choices=Outcome.choices)
    count = models.PositiveIntegerField(_("searches"), default=1)

    class Meta:
        ordering = ["-week", "-count", "text"]
        verbose_name = _("unanswered search")
        verbose_name_plural = _("unanswered searches")
        constraints = [
            models.UniqueConstraint(
                fields=["week", "language", "text", "outcome"], name="services_unanswered_search_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text


class ServiceEmbedding(models.Model):
    """A service's sentence embedding, the semantic half of the search (services/search/semantic.py).

    Kept apart from the search document on purpose: the document is rebuilt by triggers inside the transaction
    that changed the data, while an embedding is computed in Python by a model and may follow a bulk import
    later (``python manage.py embed_services``).
    """

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, primary_key=True, related_name="embedding", verbose_name=_("service")
    )
    # The dimensions of services.search.embedding's model; a model with others needs a migration.
    vector = VectorField(dimensions=384)
    guidance = models.FloatField(default=0.0)  # how much the text is about guidance (semantic.guidance())
    source_hash = models.CharField(max_length=64)  # of the text embedded, with the model's name
    embedded = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            HnswIndex(
                name="services_embedding_hnsw",
                fields=["vector"],
                m=16,
                ef_construction=64,
                opclasses=["vector_cosine_ops"],
            ),
            # A place alone is ranked by the guidance score of every service there: read from this index alone,
            # not from the rows with their vectors (docs/search.md, "One search path").
            models.Index(fields=["service"], include=["guidance"], name="services_embedding_guidance"),
            # The matched services most about guidance join the lexical candidates: read in this order, from this
            # index alone, until enough of them are found (docs/search.md, "From the query to a score").
            models.Index(fields=["-guidance"], include=["service"], name="services_embedding_by_guidance"),
        ]

    def __str__(self) -> str:
        return f"embedding of service {self.service_id}"
