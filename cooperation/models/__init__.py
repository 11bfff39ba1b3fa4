"""Regional ELO cooperation, one module per concern: groups and strategies, the maturity model and
self-assessments, the catalogue of practices, and the strategy's measures with their follow-up."""

from cooperation.models.coverage import CoverageSnapshot
from cooperation.models.groups import GroupMember, GroupTask, RegionalGroup, RegionalStrategy, StrategicGoal
from cooperation.models.maturity import (
    DimensionRating,
    MaturityAssessment,
    MaturityDimension,
    MaturityStage,
    StageDescription,
)
from cooperation.models.measures import FollowUp, FollowUpStatus, Measure
from cooperation.models.practices import Practice, PracticeLink

__all__ = [
    "CoverageSnapshot",
    "DimensionRating",
    "FollowUp",
    "FollowUpStatus",
    "GroupMember",
    "GroupTask",
    "MaturityAssessment",
    "MaturityDimension",
    "MaturityStage",
    "Measure",
    "Practice",
    "PracticeLink",
    "RegionalGroup",
    "RegionalStrategy",
    "StageDescription",
    "StrategicGoal",
]
