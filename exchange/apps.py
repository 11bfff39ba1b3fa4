from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Import, export and open data of the directory and the regional cooperation; it has no models of its own."""

    name = "exchange"
    verbose_name = _("Data exchange")
