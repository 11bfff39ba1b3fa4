"""Translated fields (django-modeltranslation): fi, sv, en with Finnish as the fallback, and the history.

As in ``services/translation.py``, history (django-simple-history) is registered here, after the translated
fields exist, so that the historical models carry name_fi/name_sv/name_en too.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from cooperation.models import (
    DimensionRating,
    FollowUp,
    GroupMember,
    GroupTask,
    MaturityAssessment,
    MaturityDimension,
    MaturityStage,
    Measure,
    Practice,
    PracticeLink,
    RegionalGroup,
    RegionalStrategy,
    StageDescription,
    StrategicGoal,
)


@register(RegionalGroup)
class RegionalGroupTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"fi": ("name",)}


@register(GroupTask)
class GroupTaskTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = {"fi": ("text",)}


@register(GroupMember)
class GroupMemberTranslation(TranslationOptions):
    fields = ("name",)


@register(RegionalStrategy)
class RegionalStrategyTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"fi": ("name",)}


@register(StrategicGoal)
class StrategicGoalTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"fi": ("title",)}


@register(MaturityDimension)
class MaturityDimensionTranslation(TranslationOptions):
    fields = ("name",)


@register(MaturityStage)
class MaturityStageTranslation(TranslationOptions):
    fields = ("name",)


@register(StageDescription)
class StageDescriptionTranslation(TranslationOptions):
    fields = ("text",)


@register(MaturityAssessment)
class MaturityAssessmentTranslation(TranslationOptions):
    fields = ("summary",)


@register(DimensionRating)
class DimensionRatingTranslation(TranslationOptions):
    fields = ("evidence", "next_steps")


@register(Practice)
class PracticeTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "results", "evaluation", "other_organisations")
    required_languages = {"fi": ("title",)}


@register(PracticeLink)
class PracticeLinkTranslation(TranslationOptions):
    fields = ("title",)


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("title", "description", "responsible_organisations")
    required_languages = {"fi": ("title",)}


@register(FollowUp)
class FollowUpTranslation(TranslationOptions):
    fields = ("note",)


simple_history.register(RegionalGroup)
simple_history.register(RegionalStrategy)
simple_history.register(MaturityAssessment)
simple_history.register(DimensionRating, m2m_fields=["practices"])
simple_history.register(
    Practice, m2m_fields=["vitality_centres", "target_groups", "national_goals", "dimensions", "providers"]
)
simple_history.register(PracticeLink)
simple_history.register(Measure, m2m_fields=["national_goals"])
simple_history.register(FollowUp)
