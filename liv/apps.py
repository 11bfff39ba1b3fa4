from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivConfig(AppConfig):
    name = "liv"
    verbose_name = _("Site")

    def ready(self) -> None:
        from liv import checks  # noqa: F401 - registers the deployment checks
