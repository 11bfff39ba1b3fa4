from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PtvConfig(AppConfig):
    """Synchronisation with the Suomi.fi Service Catalogue (Palvelutietovaranto, PTV)."""

    name = "ptv"
    verbose_name = _("Suomi.fi Service Catalogue (PTV)")
    default_auto_field = "django.db.models.BigAutoField"
