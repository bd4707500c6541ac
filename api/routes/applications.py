"""/api/v1/applications: tracking a job, moving it through the statuses, its timeline, notes and interviews."""


from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from api.errors import ApiRequest, responses
from api.forms_bridge import bound, service_error, valid
from api.pagination import ID_MAX, Pagination
from api.schemas import (
    ApplicationOut,
    DatesPatch,
    InterviewIn,
    InterviewOut,
    MoveIn,
    NoteIn,
    NoteOut,
    TimelineEventOut,
    TrackIn,
)
from applications.forms import DatesForm, InterviewForm, MoveForm, NoteForm
from applications.models import Application, Interview
from applications.queries import table_queryset
from applications.services import (
    add_note,
    cancel_interview,
    move_application,
    schedule_interview,
    start_application,
    update_dates,
)
from jobs.models import Job

router = Router(tags=["applications"])
Id = Annotated[int, Path(ge=1, le=ID_MAX)]


class ApplicationFilterIn(Schema):
    status: Literal["", "interested", "applied", "interview", "offer", "rejected", "accepted", "declined",
                    "withdrawn"] = ""
    q: str = Field("", max_length=200, description="Words in the job's title or company.")


def application_for(request: ApiRequest, application_id: int) -> Application:
    """Another user's application is a 404, never a 403."""
    return get_object_or_404(Application.objects.for_user(request.auth).select_related("job"), pk=application_id)


@router.get("/applications", response=responses(200, list[ApplicationOut], 422), summary="List your applications")
@paginate(Pagination)
def list_applications(request: ApiRequest, filters: Query[ApplicationFilterIn]):
    """Most recently changed first, as in the table view."""
    return table_queryset(request.auth, status=filters.status, q=" ".join(filters.q.split()))


@router.post("/applications", response={**responses(201, ApplicationOut, 403, 404), 200: ApplicationOut},
             summary="Track a job")
def track_job(request: ApiRequest, payload: TrackIn):
    """Start an application for one of your jobs, as Interested. Idempotent: a job already tracked
    answers 200 with its application, unchanged."""
    job = get_object_or_404(Job.objects.for_user(request.auth), pk=payload.job_id)
    existing = Application.objects.filter(job=job).select_related("job").first()
    if existing is not None:
        return Status(200, existing)
    return Status(201, start_application(user=request.auth, job=job))


@router.get("/applications/{application_id}", response=responses(200, ApplicationOut, 404), summary="One application")
def get_application(request: ApiRequest, application_id: Id):
    return application_for(request, application_id)


@router.patch("/applications/{application_id}", response=responses(200, ApplicationOut, 403, 404),
              summary="Change the dates")
def change_dates(request: ApiRequest, application_id: Id, payload: DatesPatch):
    """The applied and follow-up dates, validated as on the application's page (a follow-up never before the
    day you applied)."""
    application = application_for(request, application_id)
    current = {"applied_date": application.applied_date, "follow_up_date": application.follow_up_date}
    cleaned = valid(bound(DatesForm, {**current, **payload.model_dump(mode="json", exclude_unset=True)}))
    return update_dates(application=application, **cleaned)


@router.post("/applications/{application_id}/status", response=responses(200, ApplicationOut, 403, 404, 422),
             summary="Change the status")
def move(request: ApiRequest, application_id: Id, payload: MoveIn):
    """Moves are recorded on the timeline (with the note); moving to Applied stamps the applied date and
    a follow-up a week later, as on the board."""
    application = application_for(request, application_id)
    cleaned = valid(bound(MoveForm, payload.model_dump(mode="json")))
    return move_application(application=application, status=cleaned["status"], note=cleaned["note"])


@router.get("/applications/{application_id}/timeline", response=responses(200, list[TimelineEventOut], 404),
            summary="The status timeline")
def timeline(request: ApiRequest, application_id: Id):
    """Every status change, oldest first."""
    return application_for(request, application_id).events.all()


@router.get("/applications/{application_id}/notes", response=responses(200, list[NoteOut], 404),
            summary="The notes")
def notes(request: ApiRequest, application_id: Id):
    """Newest first."""
    return application_for(request, application_id).dated_notes.all()


@router.post("/applications/{application_id}/notes", response=responses(201, NoteOut, 403, 404, 422),
             summary="Add a note")
def note_add(request: ApiRequest, application_id: Id, payload: NoteIn):
    application = application_for(request, application_id)
    cleaned = valid(bound(NoteForm, payload.model_dump(mode="json")))
    try:
        return Status(201, add_note(application=application, text=cleaned["text"]))
    except ValidationError as error:
        raise service_error(error, "text") from None


@router.get("/applications/{application_id}/interviews", response=responses(200, list[InterviewOut], 404),
            summary="The interviews")
def interviews(request: ApiRequest, application_id: Id):
    """Soonest first, past ones included."""
    return application_for(request, application_id).interviews.all()


@router.post("/applications/{application_id}/interviews", response=responses(201, InterviewOut, 403, 404, 422),
             summary="Schedule an interview")
def interview_add(request: ApiRequest, application_id: Id, payload: InterviewIn):
    """A time without an offset is read in your time zone (Settings)."""
    application = application_for(request, application_id)
    cleaned = valid(bound(InterviewForm, payload.model_dump(mode="json")))
    try:
        return Status(201, schedule_interview(application=application, **cleaned))
    except ValidationError as error:
        raise service_error(error) from None


def interview_for(request: ApiRequest, interview_id: int) -> Interview:
    interviews = Interview.objects.filter(application__user=request.auth)
    return get_object_or_404(interviews, pk=interview_id)


@router.get("/interviews/{interview_id}", response=responses(200, InterviewOut, 404), summary="One interview")
def get_interview(request: ApiRequest, interview_id: Id):
    return interview_for(request, interview_id)


@router.delete("/interviews/{interview_id}", response=responses(204, None, 403, 404), summary="Cancel an interview")
def interview_delete(request: ApiRequest, interview_id: Id):
    cancel_interview(interview=interview_for(request, interview_id))
    return Status(204, None)
