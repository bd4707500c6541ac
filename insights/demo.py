"""The demo account: a believable job search in progress (text written for this project).

It fills every layer (profile, jobs, applications with their histories, interviews, notes), so it
lives in the top layer; ``manage.py seed_demo`` (run by ``bin/run``) creates it.
"""

from __future__ import annotations

import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import docx
from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from applications.contacts.services import create_contact, log_interaction
from applications.models import Application, TimelineEvent
from applications.services import add_note, move_application, schedule_interview, start_application
from copilot.accounts.models import Profile, User
from copilot.accounts.services import batched_bumps
from jobs.models import Job, Resume
from jobs.resumes.services import read_resume
from jobs.services import create_job

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "copilot-demo-2026"
DEMO_EMAIL = "demo@copilot.example"
DEMO_TIMEZONE = "Europe/Berlin"

DEMO_PROFILE = {
    "skills": ["Python", "Django", "PostgreSQL", "Docker", "REST", "JavaScript", "htmx", "Redis", "Git", "Linux"],
    "preferred_locations": ["Berlin, Germany", "Remote - EU"],
    "experience_level": "mid",
    "target_roles": ["Backend Engineer", "Python Developer", "Platform Engineer"],
    "remote_preference": "any",
    "timezone": DEMO_TIMEZONE,
}


@transaction.atomic
def seed_demo(*, reset: bool = False) -> tuple[User, bool]:
    if reset:
        User.objects.filter(username=DEMO_USERNAME).delete()
    user = User.objects.filter(username=DEMO_USERNAME).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(
        username=DEMO_USERNAME, email=DEMO_EMAIL, password=DEMO_PASSWORD, first_name="Dana"
    )
    _mark_email_verified(user)
    Profile.objects.create(user=user, **DEMO_PROFILE)
    with batched_bumps():
        seed_jobs(user)
    seed_resume(user)
    return user, True


DEMO_RESUME = [
    "Dana Demo",
    "Backend Developer · Berlin · dana@copilot.example",
    "Profile",
    "Python and Django developer who likes boring, well-tested services. Happy on call, happier when nobody "
    "gets paged.",
    "Experience",
    "Backend Developer, Parcelwise GmbH, 04/2022 – present",
    "Django and Django REST Framework services on PostgreSQL; Celery workers on Redis; Docker images deployed to "
    "Kubernetes with GitHub Actions.",
    "Cut the nightly billing run from 3 hours to 20 minutes; introduced code review checklists.",
    "Junior Developer, Stadtwerk Digital, 09/2020 – 03/2022",
    "FastAPI services and a TypeScript admin front end; REST APIs for meter readings.",
    "Education",
    "BSc Computer Science, HTW Berlin, 2016 – 2020",
    "Languages: German (native), English (fluent)",
]


def seed_resume(user: User) -> Resume:
    """The demo's résumé, read at once (no worker needed): its review offers skills and the level to change."""
    document = docx.Document()
    for line in DEMO_RESUME:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    resume = Resume.objects.create(user=user, filename="Dana Demo - CV.docx", kind=Resume.Kind.DOCX, size=len(data),
                                   data=data)
    read_resume(resume.pk)
    return resume


def _mark_email_verified(user: User) -> None:
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


DEMO_JOBS = [
    {"title": "Senior Backend Engineer (Python)", "company": "Northwind Freight", "location": "Berlin, Germany",
     "remote_option": "hybrid", "job_type": "full_time", "salary_text": "€75,000 – €90,000 per year",
     "url": "https://careers.northwind-freight.example/jobs/backend-python",
     "description_html": (
         "<p>Northwind moves 40,000 pallets a day across Europe. You will own the Django services that "
         "plan routes and price shipments.</p><ul><li>Python and Django REST services on "
         "PostgreSQL</li><li>Celery-style background work, Redis, Docker on Kubernetes</li><li>Mentoring "
         "two mid-level engineers</li></ul>"
     ),
     "flow": ["applied", "interview"]},
    {"title": "Python Developer", "company": "Lumenfield Energy", "location": "Remote - EU", "remote_option": "remote",
     "job_type": "full_time", "salary_text": "€60k–70k",
     "description_html": (
         "<p>Build the data pipelines behind our solar forecasting. Python, pandas, PostgreSQL, Airflow "
         "and a bit of FastAPI. We value clear writing and small pull requests.</p>"
     ),
     "flow": ["applied"]},
    {"title": "Platform Engineer", "company": "Quillstack GmbH", "location": "Munich, Germany",
     "remote_option": "onsite", "job_type": "full_time",
     "description_html": (
         "<p>Run the platform 120 product engineers deploy to: Kubernetes, Terraform on AWS, GitHub "
         "Actions, Prometheus and Grafana. Go or Python for tooling.</p>"
     ),
     "flow": ["applied", "rejected"]},
    {"title": "Full-Stack Engineer (Django + htmx)", "company": "Harbourlight Health", "location": "Hamburg, Germany",
     "remote_option": "hybrid", "job_type": "full_time", "salary_text": "€65,000 - €80,000 a year",
     "description_html": (
         "<p>Server-rendered Django with htmx and a sprinkle of JavaScript. PostgreSQL, Redis, Docker. "
         "Patient-facing features used by 300 clinics.</p>"
     ),
     "flow": ["applied", "interview", "offer"]},
    {"title": "Backend Engineer, Payments", "company": "Cobalt Ledger", "location": "Amsterdam, Netherlands",
     "remote_option": "hybrid", "job_type": "full_time",
     "description_html": (
         "<p>Java and Kotlin services on Spring Boot, Kafka, PostgreSQL. Experience with payment schemes "
         "is a plus.</p>"
     ),
     "flow": ["interested"]},
    {"title": "Site Reliability Engineer", "company": "Fernway Maps", "location": "Remote", "remote_option": "remote",
     "job_type": "full_time", "salary_text": "$130,000 - $155,000 a year",
     "description_html": (
         "<p>Keep our tile servers fast. Linux, Kubernetes, Terraform, GCP, Python and Go. On-call one "
         "week in six.</p>"
     ),
     "flow": []},
    {"title": "Junior Data Engineer", "company": "Pebblebrook Analytics", "location": "Leipzig, Germany",
     "remote_option": "onsite", "job_type": "full_time",
     "description_html": (
         "<p>SQL, Python, dbt and Snowflake. You will learn from a team of five and ship on day three.</p>"
     ),
     "flow": []},
    {"title": "Senior Software Engineer, Search", "company": "Atlas Bookshops", "location": "Berlin, Germany",
     "remote_option": "hybrid", "job_type": "full_time",
     "description_html": (
         "<p>Elasticsearch relevance, Python services, PostgreSQL and React on the front end. TypeScript "
         "a plus.</p>"
     ),
     "flow": ["applied", "withdrawn"]},
    {"title": "Django Developer (Contract, 6 months)", "company": "Ridgeback Studio", "location": "Remote - EU",
     "remote_option": "remote", "job_type": "contract", "salary_text": "€550 per day",
     "description_html": (
         "<p>Help a small studio finish a Django 5 upgrade and move from MySQL to PostgreSQL. Tests with "
         "pytest.</p>"
     ),
     "flow": ["interested"]},
    {"title": "Machine Learning Engineer", "company": "Sorrel Robotics", "location": "Zurich, Switzerland",
     "remote_option": "onsite", "job_type": "full_time",
     "description_html": "<p>PyTorch, Python, CUDA and ROS. Deploy perception models to warehouse robots.</p>",
     "flow": []},
    {"title": "Backend Engineer", "company": "Tidewater Travel", "location": "Lisbon, Portugal",
     "remote_option": "hybrid", "job_type": "full_time",
     "description_html": (
         "<p>Node.js and TypeScript APIs on AWS Lambda, DynamoDB, and a PostgreSQL reporting store.</p>"
     ),
     "flow": ["applied"]},
    {"title": "Engineering Manager, Platform", "company": "Quillstack GmbH", "location": "Munich, Germany",
     "remote_option": "hybrid", "job_type": "full_time",
     "description_html": "<p>Lead eight engineers running Kubernetes and CI/CD. Hiring, coaching, roadmaps.</p>",
     "flow": []},
]


# Where each demo job came from, so per-source analytics have something to compare.
DEMO_SOURCES = ["greenhouse", "remotive", "lever", "url", "manual", "remoteok", "csv", "greenhouse", "url",
                "ashby", "lever", "manual"]


def seed_jobs(user) -> None:
    """Create the demo jobs and move their applications through believable histories."""
    now = timezone.now()
    zone = ZoneInfo(DEMO_TIMEZONE)
    for index, spec in enumerate(DEMO_JOBS):
        fields = {k: v for k, v in spec.items() if k != "flow"}
        job = create_job(user=user, source=DEMO_SOURCES[index % len(DEMO_SOURCES)], **fields)
        # The last jobs arrived in the past day, so the morning brief has new matches to show.
        age = timedelta(days=3 * (len(DEMO_JOBS) - index)) if index < len(DEMO_JOBS) - 3 else timedelta(
            hours=3 * (len(DEMO_JOBS) - index))
        Job.objects.filter(pk=job.pk).update(created_at=now - age)
        if not spec["flow"]:
            continue
        application = start_application(user=user, job=job)
        for status in spec["flow"]:
            if status != "interested":
                application = move_application(application=application, status=status)
        # Spread the history over the weeks since the job was added, so charts look like a real search; a job
        # added hours ago gets its history squeezed into those hours. Nothing that happened is dated after now,
        # nor after today where the user lives (issue 14: "applied 4 Dec" on 2 Dec).
        events = list(TimelineEvent.objects.filter(application=application).order_by("id"))
        gap = min(timedelta(days=2), age / (len(events) + 1))
        start = now - age + min(timedelta(hours=3), gap / 2)
        at = [start + gap * step for step in range(len(events))]
        for step, event in enumerate(events):
            TimelineEvent.objects.filter(pk=event.pk).update(created_at=at[step])
        applied_on = timezone.localdate(at[min(1, len(at) - 1)], zone)
        Application.objects.filter(pk=application.pk).update(
            applied_date=applied_on if application.applied_date else None,
            follow_up_date=(applied_on + timedelta(days=7)) if application.status == "applied" else None,
            status_changed_at=at[-1],
            updated_at=at[-1],
        )
        if application.applied_date:
            Job.objects.filter(pk=job.pk).update(date_applied=applied_on)
    _seed_interviews_and_notes(user, now)
    _seed_contacts(user, now)


def _seed_contacts(user, now) -> None:
    """Two people the demo user talks to, with an interaction on the application in interview."""
    interviewing = Application.objects.filter(user=user, status="interview").select_related("job").first()
    mara = create_contact(user=user, name="Mara Lindqvist", role="Technical Recruiter",
                          company=interviewing.job.company if interviewing else "Northwind",
                          email="mara@recruiting.example", linkedin_url="https://www.linkedin.com/in/example-mara",
                          notes="Prefers calls before 11:00.", application=interviewing)
    create_contact(user=user, name="Jonas Weber", role="Engineering Manager", company="Former colleague",
                   phone="+49 30 555 0142", notes="Happy to refer; knows people at several Berlin start-ups.")
    if interviewing:
        log_interaction(user=user, contact=mara, application=interviewing, kind="call",
                        date=timezone.localtime(now).date() - timedelta(days=3),
                        note="Screening call: salary band confirmed, tech interview next.")


def _seed_interviews_and_notes(user, now) -> None:
    interviewing = Application.objects.filter(user=user, status="interview").select_related("job").first()
    if interviewing:
        schedule_interview(application=interviewing, kind="technical", duration_minutes=90,
                           starts_at=(now + timedelta(days=2)).replace(hour=13, minute=0, second=0, microsecond=0),
                           location="https://meet.example.com/northwind-tech", notes="System design: route planning.")
        add_note(application=interviewing,
                 text="Recruiter (Mara) said the team uses Django 5 and Celery; ask about on-call.")
    offer = Application.objects.filter(user=user, status="offer").first()
    if offer:
        add_note(application=offer, text="Offer: €78k + 28 days holiday. Decide by Friday.")
