"""The public feedback form: short, no login, with a honeypot field that people never fill in."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import MAX_MESSAGE, Feedback


class FeedbackForm(forms.ModelForm):
    # A field hidden from people (visually and from assistive technology) that simple spam bots fill in.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Feedback
        fields = ["message", "email"]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": MAX_MESSAGE}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "email": _("Optional. Give it only if you want a reply."),
        }

    def __init__(self, *args, topic: str = Feedback.Topic.SERVICE, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if topic == Feedback.Topic.SITE:
            self.fields["message"].label = _("Your feedback")
        self.fields["message"].widget.attrs["aria-describedby"] = "id_message_helptext"

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("homepage"))
