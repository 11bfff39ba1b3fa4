"""The public coverage page stays light on a phone: what a browser downloads for it, counted in bytes.

The bound is the issue's (issue 14): at most 120 KB transferred for the national page — the HTML compressed as the
view sends it, the stylesheets compressed as whitenoise serves them in production (gzip at the same level here),
and the icon. Before the page was compressed it was about 410 kB (docs/performance.md). Its table equivalent stays:
every municipality has its row.
"""

from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BOUND = 120 * 1024
PAGES = ["/fi/coverage/", "/sv/coverage/", "/en/coverage/?by=service_types", "/fi/coverage/06/"]
_LINKED = re.compile(r'<link[^>]+href="/static/([^"]+)"')


def _compressed_size(path: str) -> int:
    with open(finders.find(path), "rb") as file:
        return len(gzip.compress(file.read(), compresslevel=9))


@pytest.mark.parametrize("url", PAGES)
def test_the_coverage_page_with_what_it_loads_stays_under_120_kb(client, url):
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    linked = _LINKED.findall(html)
    assert "liv/site.css" in linked and "cooperation/cooperation.css" in linked

    total = len(response.content) + sum(_compressed_size(path) for path in linked)
    assert total < BOUND, f"{url}: {total / 1024:.1f} KB"
    assert len(html) > 5 * len(response.content)  # really compressed, not merely labelled


def test_the_table_equivalent_is_all_there(client):
    html = gzip.decompress(client.get("/fi/coverage/", HTTP_ACCEPT_ENCODING="gzip").content).decode()
    assert len(re.findall(r'<path d="[^"]+" fill="url\(#cov-', html)) == 308  # the map
    table = html.split('id="table-heading"', 1)[1].split("</table>", 1)[0]
    assert table.count('<th scope="row">') == 308  # and every municipality in the table


def test_a_client_that_takes_no_compression_gets_the_plain_page(client):
    response = client.get("/fi/coverage/")
    assert not response.has_header("Content-Encoding")
    assert "Vary" in response and "Accept-Encoding" in response["Vary"]
