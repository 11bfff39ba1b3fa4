"""Languages a service can be offered in: ISO 639 codes (639-1 where one exists, else 639-3).

Guidance is offered in far more languages than the site's three; immigrants' guidance especially. The list
covers Finland's national and minority languages, its sign languages, and the languages most spoken by
people who have moved to Finland.
"""

from django.utils.translation import gettext_lazy as _

LANGUAGES_OFFERED: dict[str, str] = {
    "fi": _("Finnish"),
    "sv": _("Swedish"),
    "en": _("English"),
    "se": _("Northern Sami"),
    "smn": _("Inari Sami"),
    "sms": _("Skolt Sami"),
    "fse": _("Finnish Sign Language"),
    "fss": _("Finland-Swedish Sign Language"),
    "ru": _("Russian"),
    "et": _("Estonian"),
    "uk": _("Ukrainian"),
    "ar": _("Arabic"),
    "so": _("Somali"),
    "fa": _("Persian"),
    "ku": _("Kurdish"),
    "zh": _("Chinese"),
    "vi": _("Vietnamese"),
    "th": _("Thai"),
    "tr": _("Turkish"),
    "sq": _("Albanian"),
    "es": _("Spanish"),
    "fr": _("French"),
    "de": _("German"),
    "pl": _("Polish"),
    "ti": _("Tigrinya"),
    "prs": _("Dari"),
}

LANGUAGE_CHOICES = list(LANGUAGES_OFFERED.items())
