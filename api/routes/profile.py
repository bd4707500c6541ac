"""/api/v1/profile: what the match scores and recommendations are built from."""


from django.db import transaction
from ninja import Router

from api.auth import request_token
from api.errors import ApiRequest, responses
from api.forms_bridge import merged, valid
from api.schemas import ProfileOut, ProfilePatch
from copilot.accounts.services import get_profile
from copilot.middleware import remember_timezone
from jobs.profile.forms import ProfileForm

router = Router(tags=["profile"])


@router.get("/profile", response=responses(200, ProfileOut), summary="Your profile")
def get_own_profile(request: ApiRequest):
    return get_profile(request.auth)


@router.patch("/profile", response=responses(200, ProfileOut, 403, 422), summary="Change your profile")
def change_profile(request: ApiRequest, payload: ProfilePatch):
    """Only the fields sent change; validated as the Settings page is (skills matched to the taxonomy,
    places that must be understood, a known time zone)."""
    profile = get_profile(request.auth)
    form = merged(ProfileForm, profile, payload.model_dump(mode="json", exclude_unset=True))
    valid(form)
    with transaction.atomic():
        profile = form.save(commit=False)
        profile.data_version += 1  # cached insights depend on the profile, as the Settings page says too
        profile.save()
    if request_token(request) is None:  # the pages' session keeps the zone it shows dates in
        remember_timezone(request, profile.timezone)
    return profile
