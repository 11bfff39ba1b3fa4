"""A burst of parallel searches on the threaded live server (here for the live server's transactional database and
the folder's reference-data snapshot; no browser is opened).

Each request has its own thread and database connection. A search that finds no service with all its words is
counted with one ``INSERT … ON CONFLICT DO UPDATE`` (services/search/unanswered.py), so parallel requests wait on
the row: none may fail on the unique constraint or lose an update.
"""

from __future__ import annotations

import concurrent.futures
import urllib.request
from urllib.parse import urlencode

from services.models import UnansweredSearch
from tests.factories import ServiceFactory

REQUESTS = 40


def test_a_burst_of_the_same_unanswered_search_counts_every_one(live_server) -> None:
    ServiceFactory(name_fi="Uraohjaus aikuisille", summary_fi="Ohjausta uranvaihtoon ja koulutusvalintoihin.")
    url = f"{live_server.url}/fi/search/?" + urlencode({"q": "uraohjaus zzqxv"})

    def get(_: int) -> int:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(get, range(REQUESTS)))
    assert statuses == [200] * REQUESTS
    assert list(UnansweredSearch.objects.values_list("text", "count")) == [("uraohjaus zzqxv", REQUESTS)]
