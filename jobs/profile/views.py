from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from copilot.accounts.models import timezone_names
from copilot.accounts.services import get_profile
from copilot.middleware import remember_language, remember_timezone
from copilot.requests import AuthedRequest
from jobs.locations import describe, parse_location
from jobs.profile.forms import ProfileForm
from jobs.scores import save_profile
from jobs.skills import skill_names


def _understood(text: str) -> str:
    """How a saved place was read ("Warszawa" → "Warsaw, Poland"), so a misreading shows; "" if not at all."""
    location = parse_location(text)
    return "" if location.is_empty else describe(location)


@login_required
def profile_settings(request: AuthedRequest) -> HttpResponse:
    profile = get_profile(request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=profile)
        if form.is_valid():
            queued = save_profile(form.save(commit=False))
            remember_timezone(request, profile.timezone)
            remember_language(request, profile.language)
            messages.success(request, _("Your profile was saved. Your jobs' match scores are being refreshed in "
                                        "the background.") if queued else _("Your profile was saved."))
            return redirect("profile:settings")
        messages.error(request, _("Nothing was saved: please correct the fields marked below."))
    else:
        form = ProfileForm(instance=profile)
    context = {
        "form": form,
        "profile": profile,
        "skill_suggestions": skill_names(),
        "timezones": sorted(timezone_names()),
        "understood_places": [(text, _understood(text)) for text in profile.preferred_locations],
    }
    return render(request, "jobs/profile/settings.html", context, status=400 if form.errors else 200)
