"""Forms of the job-source subscriptions page: follow a company board, save a board search, edit."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from copilot.forms import refuse_control_characters
from jobs.models import SourceSubscription
from jobs.sources import SOURCES, SourceError, detect_board, get_source
from jobs.sources.common import title_from_token
from jobs.sources.ingest import subscription_params

BOARD_KINDS = [kind for kind, cls in SOURCES.items() if cls.takes == "board"]
SEARCH_KINDS = [kind for kind, cls in SOURCES.items() if cls.takes == "query"]


class OptionsSelect(forms.Select):
    """A select whose listed values are shown but cannot be picked (a source switched off here)."""

    def __init__(self, *args: Any, disabled_values: frozenset[str] = frozenset(), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.disabled_values = disabled_values

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if value in self.disabled_values:
            option["attrs"]["disabled"] = True
        return option


def _text(value: str) -> str:
    refuse_control_characters(value)
    return " ".join(value.split())


class _SubscriptionForm(forms.Form):
    label = forms.CharField(max_length=100, required=False, label=gettext_lazy("Name (optional)"),
                            help_text=gettext_lazy("Shown in your list instead of the board name or search."))

    def __init__(self, *args: Any, user: Any, instance: SourceSubscription | None = None, for_preview: bool = False,
                 **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        self.instance = instance
        self.for_preview = for_preview  # previewing a source you already follow is fine

    def clean_label(self) -> str:
        return _text(self.cleaned_data["label"])

    def _check_params(self, kind: str, params: dict[str, str]) -> None:
        """The board accepts these params and the user does not follow them yet; else a form error."""
        try:
            get_source(kind).validate_params(params)
            self._check_unique(kind, params)
        except SourceError as error:
            self.add_error(None, str(error))
        except forms.ValidationError as error:
            self.add_error(None, error)

    def _check_unique(self, kind: str, params: dict[str, str]) -> None:
        if self.for_preview:
            return
        others = SourceSubscription.objects.for_user(self.user).filter(kind=kind, params=params)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("You already follow this — it is in your list above."))


class BoardSubscriptionForm(_SubscriptionForm):
    """A company's own board, by system + board name, or by pasting its careers page address."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Job board system"), required=False,
        choices=[("", gettext_lazy("Choose…"))] + [(kind, SOURCES[kind].label) for kind in BOARD_KINDS],
    )
    board = forms.CharField(
        label=gettext_lazy("Board name"), max_length=100, required=False,
        help_text=gettext_lazy("The company's name in its careers page address: <em>acme</em> in "
                               "boards.greenhouse.io/acme."),
    )
    url = forms.CharField(
        label=gettext_lazy("…or paste its careers page address"), max_length=500, required=False,
        widget=forms.TextInput(attrs={"placeholder": "https://jobs.lever.co/acme", "inputmode": "url"}),
        help_text=gettext_lazy("Greenhouse, Lever and Ashby pages are recognised."),
    )
    field_order = ["kind", "board", "url", "label"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        url = _text(cleaned.get("url") or "")
        board = _text(cleaned.get("board") or "")
        kind = cleaned.get("kind") or ""
        if not url and ("/" in board or "." in board):  # an address typed into the name box
            url, board = board, ""
        if url:
            detected = detect_board(url)
            if detected is None:
                self.add_error("url", _("We don't recognise this address as a Greenhouse, Lever or Ashby careers "
                                        "page. Open the company's job list and copy its address (for example "
                                        "https://boards.greenhouse.io/acme), or pick the system and type the "
                                        "board name."))
                return cleaned
            kind, board = detected
            if not board:
                self.add_error("url", _("That is %(source)s, a job search site, not a company board: use “Search "
                                        "a job board” instead.") % {"source": SOURCES[kind].label})
                return cleaned
        else:
            if not kind:
                self.add_error("kind", _("Pick the system the company's careers page runs on."))
            if not board:
                self.add_error("board", _("Type the board name, or paste the careers page address below."))
            if not (kind and board):
                return cleaned
        try:
            get_source(kind).validate_params({"board": board})
        except SourceError as error:
            self.add_error("board", str(error))
            return cleaned
        params = subscription_params(kind, board=board)
        try:
            self._check_unique(kind, params)
        except forms.ValidationError as error:
            self.add_error(None, error)
            return cleaned
        cleaned.update(kind=kind, params=params, label=cleaned.get("label") or title_from_token(board))
        return cleaned


def search_kind_choices() -> tuple[list[tuple[str, str]], frozenset[str]]:
    choices, disabled = [], set()
    for kind in SEARCH_KINDS:
        cls = SOURCES[kind]
        if cls.is_enabled():
            choices.append((kind, cls.label))
        else:
            choices.append((kind, _("%(source)s — not available: no API key on this server") % {"source": cls.label}))
            disabled.add(kind)
    return choices, frozenset(disabled)


class SearchSubscriptionForm(_SubscriptionForm):
    """A keyword search on an aggregator (Remotive, Remote OK, Arbeitnow, Adzuna)."""

    kind = forms.ChoiceField(label=gettext_lazy("Job board"))
    query = forms.CharField(label=gettext_lazy("Keywords"), max_length=100, required=False,
                            widget=forms.TextInput(attrs={"placeholder": "python django"}),
                            help_text=gettext_lazy("Leave empty for all recent jobs; your profile still decides what "
                                                   "is kept."))
    location = forms.CharField(label=gettext_lazy("Location"), max_length=100, required=False,
                               widget=forms.TextInput(attrs={"placeholder": "Berlin"}))
    field_order = ["kind", "query", "location", "label"]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices, disabled = search_kind_choices()
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = choices
        kind.widget = OptionsSelect(choices=choices, disabled_values=disabled)
        self.disabled_kinds = disabled

    def clean_kind(self) -> str:
        kind = self.cleaned_data["kind"]
        if kind in self.disabled_kinds:
            raise forms.ValidationError(_("%(source)s needs an API key that this server does not have "
                                          "(ADZUNA_APP_ID and ADZUNA_APP_KEY).") % {"source": SOURCES[kind].label})
        return kind

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        kind = cleaned.get("kind")
        if not kind:
            return cleaned
        query, location = _text(cleaned.get("query") or ""), _text(cleaned.get("location") or "")
        params = subscription_params(kind, query=query, location=location)
        self._check_params(kind, params)
        cleaned["params"] = params
        if not cleaned.get("label"):  # as typed, not the lower-cased search; kept, so in the language of today
            what = query or _("All jobs")
            cleaned["label"] = (_("%(what)s in %(location)s") % {"what": what, "location": location}
                                if location else what)[:100]
        return cleaned


class SubscriptionEditForm(_SubscriptionForm):
    """Rename a subscription or change its board name / search words (not its board system)."""

    board = forms.CharField(label=gettext_lazy("Board name"), max_length=100, required=False)
    query = forms.CharField(label=gettext_lazy("Keywords"), max_length=100, required=False)
    location = forms.CharField(label=gettext_lazy("Location"), max_length=100, required=False)

    instance: SourceSubscription

    def __init__(self, *args: Any, instance: SourceSubscription, **kwargs: Any):
        params = instance.params or {}
        kwargs.setdefault("initial", {"label": instance.label, **params})
        super().__init__(*args, instance=instance, **kwargs)
        self.takes = SOURCES[instance.kind].takes if instance.kind in SOURCES else "query"
        if self.takes == "board":
            del self.fields["query"], self.fields["location"]
            self.fields["board"].required = True
        else:
            del self.fields["board"]
        self.order_fields(["board", "query", "location", "label"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        kind = self.instance.kind
        if self.takes == "board":
            if not cleaned.get("board"):
                return cleaned
            params = subscription_params(kind, board=_text(cleaned["board"]))
        else:
            params = subscription_params(kind, query=_text(cleaned.get("query") or ""),
                                         location=_text(cleaned.get("location") or ""))
        self._check_params(kind, params)
        cleaned["params"] = params
        return cleaned
