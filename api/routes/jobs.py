"""/api/v1/jobs: the jobs list (filters and pages as on the jobs page), one job, and its writes."""


from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from api.errors import ApiRequest, responses
from api.forms_bridge import bound, merged, valid
from api.pagination import ID_MAX, Pagination
from api.schemas import JobDetailOut, JobIn, JobOut, JobPatch
from copilot.accounts.services import get_profile
from jobs.forms import JobForm
from jobs.matching import match_job
from jobs.models import Job, JobOrigin
from jobs.queries import JobFilters, filter_jobs
from jobs.services import create_job, delete_job, update_job

router = Router(tags=["jobs"])
JobId = Annotated[int, Path(ge=1, le=ID_MAX)]


class JobFilterIn(Schema):
    q: str = Field("", max_length=200, description="Words in the title, company or description.")
    source: str = Field("", max_length=40, description="manual, url, csv or a board such as greenhouse.")
    remote: Literal["", "onsite", "hybrid", "remote"] = ""
    job_type: Literal["", "full_time", "part_time", "contract", "internship", "temporary"] = ""
    status: Literal["", "none", "any", "interested", "applied", "interview", "offer", "rejected", "accepted",
                    "declined", "withdrawn"] = Field("", description="An application status, \"none\" (not "
                                                     "tracked) or \"any\" (tracked).")
    added: Literal["", "1", "7", "30", "90"] = Field("", description="Added within this many days.")
    sort: Literal["newest", "oldest", "company", "title", "score"] = "newest"
    state: Literal["open", "closed", "archived", "all"] = "open"


def job_for(request: ApiRequest, job_id: JobId) -> Job:
    """Another user's job is a 404, never a 403: its existence is not revealed."""
    return get_object_or_404(Job.objects.for_user(request.auth).select_related("application"), pk=job_id)


def _detail(request: ApiRequest, job: Job) -> Job:
    """The job as ``JobDetailOut`` reads it: with its match for the caller's profile."""
    result = match_job(job, get_profile(request.auth))
    job.match = {  # type: ignore[attr-defined]  # read by the response schema only
        "total": result.total, "band": result.band, "components": result.components,
        "matched_skills": result.matched_skills, "missing_skills": result.missing_skills,
        "matched_preferred": result.matched_preferred, "missing_preferred": result.missing_preferred,
        "job_level": result.job_level,
    }
    return job


@router.get("/jobs", response=responses(200, list[JobOut], 422), summary="List your jobs")
@paginate(Pagination)
def list_jobs(request: ApiRequest, filters: Query[JobFilterIn]):
    """Your jobs, 25 a page (``page_size`` up to 100), filtered and sorted as on the jobs page.
    Open postings only unless ``state`` says otherwise."""
    return filter_jobs(request.auth, JobFilters.from_query(filters.dict()))


@router.get("/jobs/{job_id}", response=responses(200, JobDetailOut, 404), summary="One job")
def get_job(request: ApiRequest, job_id: JobId):
    """The job with its description and its match score for your profile."""
    return _detail(request, job_for(request, job_id))


@router.post("/jobs", response=responses(201, JobDetailOut, 403, 422), summary="Add a job")
def add_job(request: ApiRequest, payload: JobIn):
    """Validated as the “Add a job” form is; the skill lists, left empty, are read from the description."""
    cleaned = valid(bound(JobForm, payload.model_dump(mode="json")))
    job = create_job(user=request.auth, source=JobOrigin.MANUAL, **cleaned)
    return Status(201, _detail(request, job))


@router.patch("/jobs/{job_id}", response=responses(200, JobDetailOut, 403, 404, 422), summary="Change a job")
def change_job(request: ApiRequest, job_id: JobId, payload: JobPatch):
    """Only the fields sent change; validated as the edit form is."""
    job = job_for(request, job_id)
    cleaned = valid(merged(JobForm, job, payload.model_dump(mode="json", exclude_unset=True)))
    update_job(job=job, **cleaned)
    return _detail(request, job)


@router.delete("/jobs/{job_id}", response=responses(204, None, 403, 404), summary="Delete a job")
def remove_job(request: ApiRequest, job_id: JobId):
    """Its application, timeline, notes and interviews go with it."""
    delete_job(job=job_for(request, job_id))
    return Status(204, None)
