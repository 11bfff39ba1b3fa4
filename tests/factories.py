"""factory_boy factories for the directory's models, on top of the real reference data."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from regions.models import Municipality
from services.models import (
    ElectronicChannel,
    OpeningHours,
    PhoneChannel,
    Provider,
    Service,
    ServiceLocation,
)


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name_fi = factory.Sequence(lambda n: f"Ohjausorganisaatio {n}")
    name_sv = factory.Sequence(lambda n: f"Handledningsorganisation {n}")
    name_en = factory.Sequence(lambda n: f"Guidance organisation {n}")
    sector = Provider.Sector.PUBLIC
    kind = Provider.Kind.MUNICIPALITY
    municipality = factory.LazyFunction(lambda: municipality("091"))


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    name_fi = factory.Sequence(lambda n: f"Uraohjaus {n}")
    name_sv = factory.Sequence(lambda n: f"Karriärvägledning {n}")
    name_en = factory.Sequence(lambda n: f"Career guidance {n}")
    summary_fi = "Henkilökohtaista uraohjausta aikuisille."
    summary_sv = "Personlig karriärvägledning för vuxna."
    summary_en = "Personal career guidance for adults."
    status = Service.Status.PUBLISHED
    languages = factory.LazyFunction(lambda: ["fi", "sv"])
    last_reviewed = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class ServiceLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceLocation

    service = factory.SubFactory(ServiceFactory)
    street_address_fi = "Esimerkkikatu 1"
    street_address_sv = "Exempelgatan 1"
    postal_code = "50100"
    municipality = factory.LazyFunction(lambda: municipality("491"))


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    location = factory.SubFactory(ServiceLocationFactory)
    weekday = 1
    opens = datetime.time(9, 0)
    closes = datetime.time(16, 0)


class PhoneChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhoneChannel

    service = factory.SubFactory(ServiceFactory)
    number = "+358 29 5000"


class ElectronicChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElectronicChannel

    service = factory.SubFactory(ServiceFactory)
    kind = ElectronicChannel.Kind.WEB
    url_fi = "https://example.org/fi/"
