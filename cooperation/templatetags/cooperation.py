"""Inclusion tags that let the search app's area and goals pages show regional cooperation with one line each,
without those views knowing this app: each tag only calls a selector and renders a partial template."""

from __future__ import annotations

from django import template

from cooperation import selectors
from cooperation.coverage import coverage_table
from cooperation.coverage_map import coverage_map
from regions.models import VitalityCentre
from services.models import NationalGoal
from services.permissions import scope_for

register = template.Library()


@register.inclusion_tag("cooperation/_area_sections.html")
def area_cooperation(area: VitalityCentre) -> dict:
    """The area's ELO groups with their strategies, published self-assessments, regional measures, practices,
    and its coverage of services (map and table)."""
    # The area page has read the area's regions with their municipalities already (services.selectors).
    municipalities = [municipality for region in area.regions.all() for municipality in region.municipalities.all()]
    table = coverage_table(area=area, municipalities=municipalities)
    cooperation = selectors.area_cooperation(area)
    return {
        "cooperation": cooperation,
        "coverage": table,
        "map": coverage_map(table),
        "assessments": cooperation.assessments,
    }


@register.inclusion_tag("cooperation/admin/_coverage_gaps.html")
def admin_coverage(user) -> dict:
    """The admin start page: a coordinator's areas with their coverage gaps; all areas side by side for the
    national administrators."""
    return {"coverage": selectors.admin_coverage(scope_for(user))}


@register.inclusion_tag("cooperation/_goal_measures.html", takes_context=True)
def goal_measures(context: template.Context, goal: NationalGoal) -> dict:
    """The goal's national measures with their latest status; all goals' measures are read once per page."""
    by_goal = context.render_context.get("liv_goal_measures")
    if by_goal is None:
        by_goal = {g.pk: g.national_measures for g in selectors.goals_with_measures()}
        context.render_context["liv_goal_measures"] = by_goal
    return {"goal": goal, "measures": by_goal.get(goal.pk, [])}
