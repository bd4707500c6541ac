"""The writes of the résumé feature: store an upload, read it in a worker, apply the reviewed diff, delete.

The upload request only checks the file (size, type by its first bytes) and stores it; a django-q2
worker reads it (:func:`read_resume`), reporting progress on the row for the page that polls it. pypdf
on a long or hostile PDF can take seconds, which is why reading never happens in the request.
"""

from __future__ import annotations

import logging
import zoneinfo
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_q.tasks import async_task

from copilot.accounts.models import Profile
from copilot.accounts.services import bump_data_version, user_language
from jobs.models import Job, Resume
from jobs.resumes.matching import ResumeMatch, match_resume
from jobs.resumes.reading import ResumeError, estimate_experience, read_text, skills_in
from jobs.resumes.review import ProfileDiff, apply_diff, profile_diff
from jobs.skills import is_soft_skill

logger = logging.getLogger("copilot.resumes")

Status = Resume.Status
_ERROR_MAX = 2000


def current_resume(user: Any) -> Resume | None:
    """The user's résumé: the newest one read successfully (without its bytes)."""
    return Resume.objects.for_user(user).without_file().filter(status=Status.PARSED).first()


def latest_upload(user: Any) -> Resume | None:
    """The newest upload, whatever its state (the page shows its progress or why it failed)."""
    return Resume.objects.for_user(user).without_file().first()


def store_upload(*, user: Any, filename: str, kind: str, data: bytes) -> Resume:
    """Store a checked file and hand it to a worker once the row is committed. Earlier uploads that
    were never read (failed or still waiting) go: only the current résumé and this one are kept."""
    with transaction.atomic():
        Resume.objects.for_user(user).exclude(status=Status.PARSED).delete()
        resume = Resume.objects.create(user=user, filename=filename[:255], kind=kind, size=len(data), data=data)
        transaction.on_commit(lambda: async_task("jobs.tasks.read_resume", resume.pk,
                                                 task_name=f"resume-{resume.pk}"))
    return resume


def read_resume(resume_id: int, *, today: Any = None) -> str:
    """Read a queued résumé (the worker's side) and store what it says; the status it ends in ("gone":
    not queued any more, e.g. deleted meanwhile or a second delivery of the same task)."""
    now = timezone.now()
    taken = Resume.objects.filter(pk=resume_id, status=Status.QUEUED).update(
        status=Status.RUNNING, progress=5, lease_expires_at=now + Resume.LEASE)
    if not taken:
        return "gone"
    resume = Resume.objects.select_related("user__profile").get(pk=resume_id)
    # What is kept (the reason of a failure, a quoted sentence) is read on the user's page.
    with translation.override(user_language(resume.user)):
        return _read(resume_id, resume, today)


def _read(resume_id: int, resume: Resume, today: Any) -> str:

    def progress(percent: int) -> None:
        Resume.objects.filter(pk=resume_id, status=Status.RUNNING).update(progress=min(percent, 99))

    try:
        text = read_text(resume.kind, bytes(resume.data), progress)
    except ResumeError as error:
        return _finish(resume_id, Status.FAILED, error=str(error))
    except Exception:  # a bug or a library's surprise: the page still gets an answer
        logger.exception("résumé reading crashed", extra={"resume_id": resume_id})
        return _finish(resume_id, Status.FAILED, error=gettext("Something went wrong while reading this file. "
                                                               "Please try again, or upload it in the other format "
                                                               "(PDF or DOCX)."))
    found = skills_in(text)
    local_today = today or timezone.localdate(timezone=_zone(resume))
    experience = estimate_experience(text, today=local_today)
    with transaction.atomic():
        status = _finish(resume_id, Status.PARSED, fields={
            "text": text, "skills": [name for name in found if not is_soft_skill(name)],
            "other_skills": [name for name in found if is_soft_skill(name)], "years": experience.years,
            "years_evidence": experience.source[:200], "level": experience.level, "parsed_at": timezone.now()})
        if status == Status.PARSED:  # the new résumé replaces the old one
            Resume.objects.for_user(resume.user).filter(status=Status.PARSED).exclude(pk=resume_id).delete()
    return status


def _zone(resume: Resume) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(resume.user.profile.timezone)
    except (Profile.DoesNotExist, zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _finish(resume_id: int, status: str, *, error: str = "", fields: dict[str, Any] | None = None) -> str:
    updated = Resume.objects.filter(pk=resume_id, status=Status.RUNNING).update(
        status=status, error=error[:_ERROR_MAX], progress=100, lease_expires_at=None, **(fields or {}))
    return status if updated else "gone"


def recover_resumes(now: datetime | None = None) -> int:
    """End the readings no worker will finish (the page then says so)."""
    now = now or timezone.now()
    ended = Resume.objects.filter(status=Status.RUNNING, lease_expires_at__lt=now).update(
        status=Status.FAILED, lease_expires_at=None, progress=100,
        error=gettext("The background worker stopped while reading this file. Please upload it again."))
    ended += Resume.objects.filter(status=Status.QUEUED, uploaded_at__lt=now - Resume.QUEUE_WAIT).update(
        status=Status.FAILED, progress=100,
        error=gettext("No background worker picked this file up. Please try again later."))
    return ended


def diff_for(*, resume: Resume, profile: Profile) -> ProfileDiff:
    return profile_diff(resume_skills=resume.skills, resume_level=resume.level, profile_skills=profile.skills,
                        profile_level=profile.experience_level)


@transaction.atomic
def apply_review(*, resume: Resume, profile: Profile, add: list[str], remove: list[str], set_level: bool
                 ) -> tuple[int, int, bool]:
    """Change the profile by the ticked part of the résumé's diff; (added, removed, level changed)."""
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    diff = diff_for(resume=resume, profile=profile)
    before = list(profile.skills)
    after = apply_diff(diff=diff, profile_skills=before, add=add, remove=remove)
    before_keys, after_keys = {name.casefold() for name in before}, {name.casefold() for name in after}
    added, removed = len(after_keys - before_keys), len(before_keys - after_keys)
    level_changed = bool(set_level and diff.level)
    fields = []
    if added or removed:
        profile.skills = after
        fields.append("skills")
    if level_changed:
        profile.experience_level = diff.level
        fields.append("experience_level")
    if fields:
        profile.save(update_fields=[*fields, "updated_at"])
        bump_data_version(profile.user_id)  # cached insights depend on the profile
    Resume.objects.filter(pk=resume.pk).update(reviewed_at=timezone.now())
    return added, removed, level_changed


def delete_resume(*, resume: Resume) -> None:
    """Delete the file and what was read from it; the profile keeps what the user accepted from it."""
    resume.delete()


def resume_match_for(*, job: Job, resume: Resume | None) -> ResumeMatch | None:
    """The résumé check of a job (``jobs.resumes.matching``); None without a résumé."""
    if resume is None:
        return None
    return match_resume(resume_text=resume.text, resume_skills=[*resume.skills, *resume.other_skills],
                        title=job.title, tech_stack=job.tech_stack, preferred_stack=job.preferred_stack,
                        soft_skills=job.soft_skills, job_text=f"{job.description_text}\n{job.requirements}",
                        company=job.company)
