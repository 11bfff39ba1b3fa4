"""compose.yaml's "scaled" profile: two web containers behind nginx, sharing PostgreSQL (docs/deployment.md,
"Scaling out"). No Docker engine runs here, so the file is read as YAML and checked for what the profile needs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

REPO = Path(settings.BASE_DIR)


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((REPO / "compose.yaml").read_text())


def _scaled(compose: dict) -> dict[str, dict]:
    return {name: service for name, service in compose["services"].items() if "scaled" in service.get("profiles", [])}


def test_default_profile_is_unchanged_by_the_scaled_one(compose):
    default = {name for name, service in compose["services"].items() if not service.get("profiles")}
    assert default == {"db", "migrate", "web", "embedder", "mailer"}
    assert set(_scaled(compose)) == {"web-2", "lb"}


def test_both_web_containers_run_the_same_image_with_the_same_settings(compose):
    web, web_2 = compose["services"]["web"], compose["services"]["web-2"]
    assert web_2["image"] == web["image"]
    assert web_2["environment"] == web["environment"]  # one SECRET_KEY, one DATABASE_URL: the same PostgreSQL
    assert "@db:5432/" in web_2["environment"]["DATABASE_URL"]
    assert web_2["healthcheck"] == web["healthcheck"]
    assert web_2["depends_on"] == web["depends_on"]
    assert "ports" not in web_2  # reached through the load balancer only


def test_load_balancer_balances_every_web_container_once_they_are_ready(compose):
    lb = compose["services"]["lb"]
    assert lb["ports"] == ["127.0.0.1:8080:80"]
    assert lb["depends_on"] == {"web": {"condition": "service_healthy"}, "web-2": {"condition": "service_healthy"}}
    source, target = lb["volumes"][0].split(":")[:2]
    conf = (REPO / source).read_text()
    assert target == "/etc/nginx/conf.d/default.conf"
    upstream = re.search(r"upstream liv_web \{(.*?)\}", conf, re.S).group(1)
    assert re.findall(r"server (\S+):8000", upstream) == ["web", "web-2"]
    assert "proxy_pass http://liv_web;" in conf


def test_nginx_sets_the_headers_liv_trusts(compose):
    conf = (REPO / "deploy" / "nginx-scaled.conf").read_text()
    # X-Forwarded-For appended (TRUSTED_PROXY_COUNT=1 reads the entry nginx wrote), X-Forwarded-Proto set.
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert compose["x-django-env"]["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-0}"
    # Longer than gunicorn's worker timeout, so gunicorn, not nginx, ends a slow request.
    assert int(re.search(r"proxy_read_timeout (\d+)s;", conf).group(1)) > 30
