"""Translated fields (django-modeltranslation): fi, sv, en with Finnish as the fallback."""

import simple_history
from modeltranslation.translator import TranslationOptions, register
from simple_history.models import HistoricalRecords

from services.models import (
    ElectronicChannel,
    NationalGoal,
    OpeningHoursException,
    PhoneChannel,
    Provider,
    Service,
    ServiceLocation,
    ServiceType,
    TargetGroup,
)


@register(TargetGroup)
class TargetGroupTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ServiceType)
class ServiceTypeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(NationalGoal)
class NationalGoalTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Provider)
class ProviderTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "summary", "description", "cost_description", "eligibility", "how_to_apply")
    required_languages = {"fi": ("name",)}


@register(ServiceLocation)
class ServiceLocationTranslation(TranslationOptions):
    fields = ("name", "street_address", "accessibility", "opening_hours_note")


@register(OpeningHoursException)
class OpeningHoursExceptionTranslation(TranslationOptions):
    fields = ("note",)


@register(PhoneChannel)
class PhoneChannelTranslation(TranslationOptions):
    fields = ("name", "charge_note", "hours_note")


@register(ElectronicChannel)
class ElectronicChannelTranslation(TranslationOptions):
    fields = ("name", "url")


class ServiceHistory(HistoricalRecords):
    """The services' history, kept on the model as ``Service.history_records`` so that a writer that changes a
    service in several steps (the import: the row, then seven relations) can skip the history of each step
    (``skip_history_when_saving``) and record the result once: one entry per imported service, not eight."""

    def finalize(self, sender, **kwargs) -> None:
        super().finalize(sender, **kwargs)
        if sender is Service:
            sender.history_records = self


# History (django-simple-history) is registered here, after the translated fields exist: a HistoricalRecords
# attribute on the model class would be built before modeltranslation adds name_fi/name_sv/name_en, and the
# history would then miss every translated field.
simple_history.register(Provider)
simple_history.register(
    Service, records_class=ServiceHistory, m2m_fields=["service_types", "target_groups", "national_goals"]
)
simple_history.register(ServiceLocation)
simple_history.register(PhoneChannel)
simple_history.register(ElectronicChannel)
