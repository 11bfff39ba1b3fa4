"""`manage.py unmatched_synonyms`: the synonyms whose equivalents match no published service (docs/search.md)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from services.models import SearchSynonym, Service
from services.search import documents
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_lists_the_synonyms_that_lead_to_no_published_service() -> None:
    ServiceFactory(name_fi="Talous- ja velkaneuvonta", summary_fi="Neuvontaa velkojen järjestelyyn.")
    ServiceFactory(name_fi="Rakettikerho", summary_fi="Raketteja.", status=Service.Status.DRAFT)
    documents.refresh()
    SearchSynonym.objects.create(language="fi", term="rahapulat", equivalents="velkaneuvonta")
    SearchSynonym.objects.create(language="fi", term="avaruusjutut", equivalents="avaruuslentäjä\nraketti")
    out = StringIO()
    call_command("unmatched_synonyms", stdout=out)
    lines = out.getvalue().splitlines()
    assert "fi\tavaruusjutut\tavaruuslentäjä | raketti" in lines  # a draft's words do not count
    assert not any(line.startswith("fi\trahapulat\t") for line in lines)  # "velkaneuvonta" is in a published text
    assert lines[-1].endswith("synonyms match no published service.")
