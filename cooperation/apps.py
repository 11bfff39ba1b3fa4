from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    """Regional ELO cooperation: groups, strategies, measures, self-assessments, practices and coverage.

    The geography itself (municipalities, regions, vitality centres) stays in ``regions``.
    """

    name = "cooperation"
    verbose_name = _("Regional cooperation")
