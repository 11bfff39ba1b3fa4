from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivConfig(AppConfig):
    name = "liv"
    verbose_name = _("Site")
