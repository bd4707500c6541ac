"""What the API reads and writes, as pydantic schemas (they make the OpenAPI document).

Inputs are typed for the schema and the docs; the validation that decides is the pages' own forms
(``api.forms_bridge``), so the API accepts exactly what the pages accept.
"""


from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from applications.models import InterviewKind, Status
from copilot.accounts.models import ExperienceLevel, RemotePreference
from jobs.choices import JobType, RemoteOption

# --------------------------------------------------------------------------- errors


class ErrorOut(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str | int] = Field(description="Where: e.g. [\"body\", \"payload\", \"title\"] or [\"query\", \"page\"].")
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[FieldError]


# --------------------------------------------------------------------------- jobs

StatusName = Status
RemoteIn = RemoteOption | Literal[""]
JobTypeIn = JobType | Literal[""]


class JobOut(Schema):
    id: int
    title: str
    company: str
    location: str
    remote_option: str
    job_type: str
    url: str
    salary_text: str
    salary_min: float | None
    salary_max: float | None
    salary_currency: str
    salary_period: str
    tech_stack: list[str]
    preferred_stack: list[str]
    soft_skills: list[str]
    source: str
    posted_date: date | None
    date_applied: date | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    application_id: int | None = Field(description="The application tracking this job, if any.")
    application_status: str | None
    match_score: int | None = Field(None, description="0–100: how well the job matches your profile.")

    @staticmethod
    def resolve_application_id(job: Any) -> int | None:
        application = getattr(job, "application", None)
        return application.pk if application is not None else None

    @staticmethod
    def resolve_application_status(job: Any) -> str | None:
        application = getattr(job, "application", None)
        return application.status if application is not None else None


class ComponentOut(Schema):
    name: str
    label: str
    weight: int
    score: float
    points: float
    reason: str


class MatchOut(Schema):
    total: int
    band: str
    components: list[ComponentOut]
    matched_skills: list[str]
    missing_skills: list[str]
    matched_preferred: list[str]
    missing_preferred: list[str]
    job_level: str


class JobDetailOut(JobOut):
    description_html: str
    requirements: str
    match: MatchOut


class JobIn(Schema):
    title: str = Field(max_length=200)
    company: str = Field(max_length=200)
    location: str = Field("", max_length=200)
    remote_option: RemoteIn = ""
    job_type: JobTypeIn = ""
    url: str = Field("", max_length=2000, description="An http(s) address.")
    salary_text: str = Field("", max_length=200, description="As written in the posting, e.g. “€60k–75k per year”.")
    tech_stack: list[str] = Field(default_factory=list, description="Left empty with the two lists below: "
                                  "read from the description.")
    preferred_stack: list[str] = Field(default_factory=list)
    soft_skills: list[str] = Field(default_factory=list)
    description_html: str = Field("", description="Plain text or simple HTML; anything unsafe is removed.")
    requirements: str = ""
    posted_date: date | None = None
    date_applied: date | None = None


class JobPatch(Schema):
    """Only the fields sent change."""

    title: str | None = Field(None, max_length=200)
    company: str | None = Field(None, max_length=200)
    location: str | None = Field(None, max_length=200)
    remote_option: RemoteIn | None = None
    job_type: JobTypeIn | None = None
    url: str | None = Field(None, max_length=2000)
    salary_text: str | None = Field(None, max_length=200)
    tech_stack: list[str] | None = None
    preferred_stack: list[str] | None = None
    soft_skills: list[str] | None = None
    description_html: str | None = None
    requirements: str | None = None
    posted_date: date | None = None
    date_applied: date | None = None


# --------------------------------------------------------------------------- applications


class JobSummaryOut(Schema):
    id: int
    title: str
    company: str
    location: str


class ApplicationOut(Schema):
    id: int
    job: JobSummaryOut
    status: Status
    status_changed_at: datetime
    applied_date: date | None
    follow_up_date: date | None
    created_at: datetime
    updated_at: datetime


class DatesPatch(Schema):
    """Only the dates sent change; null clears one (a cleared follow-up stops the reminder)."""

    applied_date: date | None = None
    follow_up_date: date | None = None


class TrackIn(Schema):
    job_id: int = Field(ge=1, description="One of your jobs.")


class MoveIn(Schema):
    status: Status
    note: str = Field("", max_length=2000, description="Why it moved (kept on the timeline).")


class TimelineEventOut(Schema):
    id: int
    from_status: str = Field(description="\"\" for the first event.")
    to_status: Status
    note: str
    created_at: datetime


class NoteOut(Schema):
    id: int
    text: str
    created_at: datetime


class NoteIn(Schema):
    text: str = Field(min_length=1, max_length=5000)


class InterviewOut(Schema):
    id: int
    application_id: int
    starts_at: datetime
    duration_minutes: int
    kind: InterviewKind
    location: str
    notes: str


class InterviewIn(Schema):
    starts_at: datetime = Field(description="ISO 8601; without an offset it is read in your time zone.")
    duration_minutes: int = Field(60, ge=5, le=600)
    kind: InterviewKind = InterviewKind.VIDEO
    location: str = Field("", max_length=300, description="Address or meeting link.")
    notes: str = ""


# --------------------------------------------------------------------------- profile


class ProfileOut(Schema):
    username: str
    skills: list[str]
    experience_level: str
    target_roles: list[str]
    preferred_locations: list[str]
    remote_preference: RemotePreference
    timezone: str
    morning_digest: bool
    morning_hour: int
    evening_digest: bool
    evening_hour: int
    archive_closed_after_days: int

    @staticmethod
    def resolve_username(profile: Any) -> str:
        return profile.user.get_username()


class ProfilePatch(Schema):
    """Only the fields sent change."""

    skills: list[str] | None = None
    experience_level: ExperienceLevel | Literal[""] | None = None
    target_roles: list[str] | None = None
    preferred_locations: list[str] | None = None
    remote_preference: RemotePreference | None = None
    timezone: str | None = Field(None, max_length=64, description="An IANA name such as Europe/Berlin.")
    morning_digest: bool | None = None
    morning_hour: int | None = Field(None, ge=0, le=23)
    evening_digest: bool | None = None
    evening_hour: int | None = Field(None, ge=0, le=23)
    archive_closed_after_days: int | None = Field(None, ge=1, le=365)


# --------------------------------------------------------------------------- insights


class RecommendationOut(Schema):
    job_id: int
    title: str
    company: str
    location: str
    remote_option: str
    salary_text: str
    tech_stack: list[str]
    status: str = Field(description="\"\" (not tracked) or \"interested\".")
    score: int
    reasons: list[str]
    missing_skills: list[str]


class RecommendationsOut(Schema):
    items: list[RecommendationOut]
    candidates: int
    total_jobs: int
    closed_jobs: int
    profile_empty: bool


class SkillCountOut(Schema):
    name: str
    count: int
    percent: int
    has: bool
    category: str
    required: int
    preferred: int


class LearnSuggestionOut(Schema):
    name: str
    count: int
    category: str
    alongside: str
    reason: str


class SkillGapOut(Schema):
    scope: str
    jobs: int
    jobs_with_stack: int
    coverage: int | None = Field(description="Percent of skill mentions you cover; null when no job lists a stack.")
    user_skills: list[str]
    market: list[SkillCountOut]
    missing: list[SkillCountOut]
    matched: list[SkillCountOut]
    unasked: list[str]
    to_learn: list[LearnSuggestionOut]
    also_asked: list[SkillCountOut]


class CountOut(Schema):
    key: str
    label: str
    count: int


class FunnelStageOut(Schema):
    key: str
    label: str
    count: int
    percent: int


class WeekOut(Schema):
    week: date
    count: int


class SourceRateOut(Schema):
    source: str
    sent: int
    responded: int
    rate: int


class SummaryOut(Schema):
    jobs: int
    closed_jobs: int
    applications: int
    sent: int
    responded: int
    interviews: int
    offers: int
    response_rate: int | None


class AnalyticsOut(Schema):
    summary: SummaryOut
    statuses: list[CountOut]
    funnel: list[FunnelStageOut]
    weeks: list[WeekOut]
    sources: list[SourceRateOut]
