"""Translated fields of the areas (django-modeltranslation): names in Finnish, Swedish and English."""

from modeltranslation.translator import TranslationOptions, register

from regions.models import ElyCentre, EmploymentArea, Municipality, Region, VitalityCentre


@register(VitalityCentre)
class VitalityCentreTranslation(TranslationOptions):
    fields = ("name",)


@register(ElyCentre)
class ElyCentreTranslation(TranslationOptions):
    fields = ("name",)


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(EmploymentArea)
class EmploymentAreaTranslation(TranslationOptions):
    fields = ("name",)


@register(Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = ("name",)
