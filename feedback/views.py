"""Public feedback pages: "Report an error in this information" for a service, and feedback on the site."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods

from feedback import handling, ratelimit
from feedback.forms import FeedbackForm
from feedback.models import Feedback
from services import selectors

MAX_PAGE_PARAMETER = 300


def _handle(request: HttpRequest, *, topic: str, service=None, page: str = "") -> HttpResponse:
    sent = request.GET.get("sent") == "1"
    form = FeedbackForm(request.POST or None, topic=topic)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(request):
            status = 429
            form.add_error(None, _rate_message())
        else:
            if not form.is_spam:
                handling.receive(
                    message=form.cleaned_data["message"],
                    email=form.cleaned_data["email"],
                    language=(get_language() or "fi")[:2],
                    service=service,
                    page=page,
                )
            # A bot that filled the honeypot sees the same thank-you page and learns nothing.
            return HttpResponseRedirect(f"{request.path}?sent=1")
    elif request.method == "POST":
        status = 400
    context = {"form": form, "service": service, "topic": topic, "sent": sent, "page": page}
    return render(request, "feedback/feedback_form.html", context, status=status)


def _rate_message() -> str:
    return gettext("You have sent several messages in a short time. Please try again in a few minutes.")


@require_http_methods(["GET", "HEAD", "POST"])
def service_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.published_service(pk)
    return _handle(request, topic=Feedback.Topic.SERVICE, service=service)


@require_http_methods(["GET", "HEAD", "POST"])
def site_feedback(request: HttpRequest) -> HttpResponse:
    page = request.GET.get("page", "")[:MAX_PAGE_PARAMETER]
    if not page.startswith("/"):
        page = ""
    return _handle(request, topic=Feedback.Topic.SITE, page=page)
