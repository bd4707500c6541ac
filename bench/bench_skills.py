"""Benchmark skill extraction on generated job descriptions: the raw matcher
(jobs.skills.extract_skills) and the reading every write path uses (jobs.skills.read_posting:
parts of the posting, required vs nice to have, soft skills apart).

Run from the project root:

    .venv/bin/python bench/bench_skills.py [--count 1000] [--seed 7] [--runs 3]

Generates realistic, varied job descriptions (300-600 words each) from hand-written sentence
templates, including the usual traps for a skills matcher ("go the extra mile", "R&D",
"Series C", "the rest of the team", "C-level"), then times both over all of them (best of N runs,
CPU time of this process, so other work on the machine weighs less) and the one-off taxonomy load
+ automaton build. The first line of each description is its title.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jobs import skills  # noqa: E402

COMPANIES = [
    "Northwind Analytics", "Bluefin Health", "Acme Logistics", "Kestrel Robotics", "Lumen Pay",
    "Harbor & Pine", "Quanta Retail", "Orbital Media", "Greenfield Energy", "Atlas Insurance",
    "Brightpath Learning", "Cobalt Security", "Juniper Travel", "Meridian Bank", "Nimbus Games",
]
INDUSTRIES = [
    "fintech", "healthcare", "logistics", "e-commerce", "climate tech", "insurance", "edtech",
    "media", "gaming", "cybersecurity", "travel", "retail", "public sector", "biotech",
]
CITIES = ["Berlin", "London", "Austin, TX", "Toronto", "Lisbon", "Amsterdam", "Remote (EU)", "New York", "Bangalore"]
SENIORITY = ["Junior", "Mid-level", "Senior", "Staff", "Lead", "Principal"]

ROLES: dict[str, dict[str, list[str]]] = {
    "Backend Engineer": {
        "core": ["Python", "Django", "Go", "Java", "Spring Boot", "PostgreSQL", "Redis", "Kafka",
                 "REST APIs", "gRPC", "Docker", "Kubernetes", "Node.js", "TypeScript", "C#", ".NET",
                 "ASP.NET Core", "Ruby on Rails", "Golang", "FastAPI", "microservices", "MySQL"],
        "nice": ["GraphQL", "Elasticsearch", "RabbitMQ", "Terraform", "AWS", "GCP", "event-driven architecture",
                 "DDD", "CQRS", "OpenTelemetry", "Rust", "Scala", "DynamoDB"],
    },
    "Frontend Engineer": {
        "core": ["JavaScript", "TypeScript", "React", "Vue.js", "Angular", "HTML5", "CSS3", "Sass",
                 "Redux", "Next.js", "Webpack", "Vite", "Jest", "Tailwind", "accessibility", "responsive design"],
        "nice": ["Svelte", "GraphQL", "Storybook", "Cypress", "Playwright", "Figma", "WCAG 2.1", "Node.js",
                 "web performance", "design systems", "Three.js", "D3.js", "PWA"],
    },
    "Full-Stack Developer": {
        "core": ["JavaScript", "TypeScript", "React", "Node.js", "Express.js", "PostgreSQL", "MongoDB",
                 "Python", "Django", "PHP", "Laravel", "Ruby on Rails", "REST", "Docker", "Git"],
        "nice": ["AWS", "Heroku", "Vercel", "Redis", "GraphQL", "CI/CD", "Tailwind CSS", "Prisma", "Stripe"],
    },
    "Data Engineer": {
        "core": ["Python", "SQL", "Apache Spark", "PySpark", "Airflow", "dbt", "Snowflake", "BigQuery",
                 "Kafka", "AWS Glue", "Redshift", "ETL", "data modeling", "Scala", "Databricks"],
        "nice": ["Flink", "Delta Lake", "Terraform", "Looker", "Tableau", "Fivetran", "Great Expectations",
                 "Kubernetes", "Iceberg", "data governance"],
    },
    "Data Scientist": {
        "core": ["Python", "R", "SQL", "pandas", "NumPy", "scikit-learn", "statistics", "A/B testing",
                 "machine learning", "Jupyter", "Tableau", "XGBoost", "time series forecasting"],
        "nice": ["PyTorch", "TensorFlow", "Spark", "causal inference", "Bayesian methods", "Power BI",
                 "Looker", "dbt", "Airflow", "NLP"],
    },
    "Machine Learning Engineer": {
        "core": ["Python", "PyTorch", "TensorFlow", "MLOps", "Kubeflow", "MLflow", "Docker", "Kubernetes",
                 "LLMs", "Hugging Face", "NLP", "computer vision", "CUDA", "RAG", "LangChain"],
        "nice": ["ONNX", "TensorRT", "Ray", "SageMaker", "Vertex AI", "C++", "Go", "vector databases",
                 "Pinecone", "FAISS", "prompt engineering", "fine-tuning"],
    },
    "DevOps / SRE": {
        "core": ["Linux", "Kubernetes", "k8s", "Docker", "Terraform", "Ansible", "AWS", "Azure", "GCP",
                 "CI/CD", "GitHub Actions", "Jenkins", "Prometheus", "Grafana", "Bash", "Python", "Go"],
        "nice": ["Helm", "Argo CD", "Istio", "Datadog", "PagerDuty", "Vault", "Packer", "OpenTelemetry",
                 "ELK Stack", "Nginx", "GitOps", "SRE", "chaos engineering", "PowerShell"],
    },
    "iOS / Android Developer": {
        "core": ["Swift", "SwiftUI", "UIKit", "Kotlin", "Jetpack Compose", "Android SDK", "iOS", "Android",
                 "Xcode", "Android Studio", "Objective-C", "Firebase", "REST"],
        "nice": ["Flutter", "React Native", "Dart", "Fastlane", "Core Data", "XCTest", "Espresso",
                 "GraphQL", "CI/CD", "Combine", "Kotlin Coroutines"],
    },
    "QA Automation Engineer": {
        "core": ["Selenium", "Cypress", "Playwright", "pytest", "JUnit", "TestNG", "Postman", "test automation",
                 "regression testing", "Java", "Python", "JavaScript", "API testing"],
        "nice": ["JMeter", "k6", "Appium", "Cucumber", "BDD", "Jenkins", "Docker", "SQL", "Jira", "Gatling"],
    },
    "Security Engineer": {
        "core": ["OWASP", "penetration testing", "threat modeling", "SIEM", "Splunk", "AWS", "IAM",
                 "OAuth 2.0", "SAML", "Python", "Burp Suite", "incident response", "Linux"],
        "nice": ["Go", "Kubernetes", "Terraform", "SOC 2", "ISO 27001", "PCI DSS", "zero trust",
                 "CrowdStrike", "Okta", "SAST", "DAST", "CISSP"],
    },
    "Embedded Software Engineer": {
        "core": ["C", "C++", "embedded C", "RTOS", "FreeRTOS", "ARM", "microcontrollers", "Embedded Linux",
                 "Python", "SPI", "I2C", "CAN bus", "firmware"],
        "nice": ["Rust", "Yocto", "Zephyr", "Bluetooth Low Energy", "MATLAB", "Simulink", "VHDL", "FPGA",
                 "Git", "Jenkins", "Assembly language"],
    },
}

INTROS = [
    "{company} is a {industry} company headquartered in {city}, building software "
    "that millions of people rely on every day.",
    "At {company}, we are on a mission to make {industry} simpler, fairer and more transparent.",
    "Founded in {year}, {company} has grown from a five-person team to more than "
    "{headcount} employees across {n_offices} offices.",
    "{company} just closed its Series C and is scaling the engineering team in {city} and remotely.",
    "We are a profitable, remote-first {industry} business and we are looking for people "
    "who want to go the extra mile for our customers.",
    "Our R&D group works closely with product, design and operations to ship improvements every week.",
    "{company} partners with hospitals, insurers and public agencies to modernise legacy systems.",
]
ROLE_SUMMARIES = [
    "We are hiring a {seniority} {role} to join the platform team in {city}.",
    "As a {seniority} {role}, you will own features end to end, from discovery to production.",
    "You will work with the rest of the team to design, build and operate services used by our customers.",
    "This role reports to the Director of Engineering and works with C-level stakeholders on the technical roadmap.",
    "You will help us go from a handful of prototypes to a reliable, well-tested platform.",
    "The {role} position is a hybrid role with two days per week in our {city} office.",
]
RESPONSIBILITIES = [
    "Design, build and maintain services using {s1} and {s2}.",
    "Write clean, well-tested code in {s1}, and review pull requests from your peers.",
    "Own the deployment pipeline built on {s1} and {s2}, and keep it fast and reliable.",
    "Collaborate with product managers and designers to turn ideas into shipped features.",
    "Improve observability with {s1}, dashboards and sensible alerts.",
    "Migrate legacy components to {s1} while keeping the lights on.",
    "Mentor junior engineers and contribute to our engineering culture.",
    "Participate in an on-call rotation shared by the whole team (roughly one week in eight).",
    "Model data in {s1} and make sure queries stay fast as we grow.",
    "Automate infrastructure with {s1}; we treat everything as code.",
    "Profile and optimise hot paths in {s1} services.",
    "Work with the data team to expose clean APIs for analytics and reporting.",
    "Document decisions, write design docs and share knowledge in tech talks.",
    "Help define our testing strategy with {s1} and {s2}.",
    "Break down large projects into small, shippable increments and estimate them with the team.",
    "Run blameless post-mortems and follow up on the action items.",
    "Evaluate new tools such as {s1} and write up the trade-offs.",
    "Keep dependencies up to date and reduce our build times.",
    "Pair with engineers across squads to spread knowledge of {s1}.",
    "Go deep on performance: measure first, then optimise where it matters.",
]
REQUIREMENTS = [
    "{years}+ years of professional experience with {s1}.",
    "Strong knowledge of {s1} and {s2}.",
    "Hands-on experience with {s1}, {s2} and {s3}.",
    "Solid understanding of {s1} and modern software engineering practices.",
    "Experience building and operating production systems on {s1}.",
    "You are comfortable with {s1} or {s2}; we care more about fundamentals than specific tools.",
    "Familiarity with {s1} in a cloud environment.",
    "Excellent written and verbal communication skills in English.",
    "A degree in Computer Science or equivalent practical experience.",
    "Proficiency in {s1} (we also use {s2} in a few places).",
    "You write tests by default and have worked with {s1}.",
    "A track record of shipping products that customers love.",
    "You can explain complex technical topics to non-technical colleagues.",
    "Experience working in an agile team with short feedback loops.",
    "Curiosity, humility and a bias for action.",
]
NICE_TO_HAVE = [
    "Experience with {s1} is a plus.",
    "Bonus points for {s1} or {s2}.",
    "Exposure to {s1}, {s2} or similar tools.",
    "Open-source contributions, especially to {s1} projects.",
    "You have used {s1} in production before.",
    "Knowledge of {s1} would be nice but is not required.",
]
BENEFITS = [
    "Competitive salary and equity.",
    "Flexible working hours and a generous remote-work budget.",
    "30 days of paid vacation plus public holidays.",
    "A yearly learning budget of 1,500 EUR for books, courses and conferences.",
    "Private health insurance, including dental and vision.",
    "Parental leave well above the legal minimum.",
    "Free espresso, fruit and the occasional team dinner.",
    "A modern laptop of your choice (Mac or Linux).",
    "Let's go: if this sounds like you, apply even if you don't tick every box.",
]
CLOSINGS = [
    "{company} is an equal opportunity employer. We celebrate diversity and are committed "
    "to an inclusive environment for all employees.",
    "Our hiring process: a 30-minute intro call, a take-home exercise, a technical "
    "interview and a meeting with the team.",
    "We will get back to every applicant within two weeks. Ready to go? Send us your CV.",
    "Please note that we cannot sponsor visas for this position at this time.",
    "Copyright (C) {year} {company}. All rights reserved.",
]


def _fill(template: str, rng: random.Random, ctx: dict[str, str], pool: list[str]) -> str:
    picks = rng.sample(pool, k=min(3, len(pool)))
    return template.format(s1=picks[0], s2=picks[1], s3=picks[2], years=rng.randint(2, 8), **ctx)


class _Deck:
    """Templates dealt in shuffled order, reshuffled when exhausted (few repeated sentences)."""

    def __init__(self, templates: list[str], rng: random.Random) -> None:
        self.templates, self.rng, self.cards = templates, rng, []

    def deal(self) -> str:
        if not self.cards:
            self.cards = self.rng.sample(self.templates, len(self.templates))
        return self.cards.pop()


def generate_description(rng: random.Random) -> str:
    """One job description of 300-600 words, built from the templates above."""
    role, pools = rng.choice(list(ROLES.items()))
    core, nice = pools["core"], pools["nice"]
    ctx = {
        "company": rng.choice(COMPANIES), "industry": rng.choice(INDUSTRIES), "city": rng.choice(CITIES),
        "seniority": rng.choice(SENIORITY), "role": role, "year": str(rng.randint(2005, 2024)),
        "headcount": str(rng.choice([80, 150, 300, 600, 1200])), "n_offices": str(rng.randint(2, 9)),
    }
    target = rng.randint(300, 600)
    head = [f"{ctx['seniority']} {role} - {ctx['company']} ({ctx['city']})", ""]
    head += [_fill(t, rng, ctx, core) for t in rng.sample(INTROS, 2)]
    head += [_fill(t, rng, ctx, core) for t in rng.sample(ROLE_SUMMARIES, 2)]
    closing = _fill(rng.choice(CLOSINGS), rng, ctx, core)
    sections = {  # title -> (deck of templates, skill pool, weight)
        "What you'll do": (_Deck(RESPONSIBILITIES, rng), core, 4),
        "What we're looking for": (_Deck(REQUIREMENTS, rng), core, 4),
        "Nice to have": (_Deck(NICE_TO_HAVE, rng), nice, 2),
        "What we offer": (_Deck(BENEFITS, rng), core, 1),
    }
    body: dict[str, list[str]] = {title: [] for title in sections}
    words = sum(len(line.split()) for line in [*head, closing]) + 12  # + section titles
    titles, weights = list(sections), [w for _, _, w in sections.values()]
    while True:
        title = rng.choices(titles, weights=weights)[0]
        deck, pool, _ = sections[title]
        line = _fill(deck.deal(), rng, ctx, pool)
        n_words = len(line.split()) + 1  # + bullet
        if words + n_words > target and words >= 300:
            break
        body[title].append(line)
        words += n_words
    parts = ["\n".join(head)]
    for title, lines in body.items():
        if lines:
            parts.append(title + ":\n" + "\n".join(f"- {line}" for line in lines))
    parts.append(closing)
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--show", type=int, default=0, help="print N sample descriptions with their skills")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    docs = [generate_description(rng) for _ in range(args.count)]
    size_mb = sum(len(d.encode("utf-8")) for d in docs) / 1_000_000
    word_counts = [len(d.split()) for d in docs]

    # One-off cost: taxonomy load + automaton build (from a cold cache).
    skills._automaton.cache_clear()
    skills._index.cache_clear()
    t0 = time.perf_counter()
    skills._index()
    t1 = time.perf_counter()
    skills._automaton()
    t2 = time.perf_counter()
    load_ms, build_ms = (t1 - t0) * 1000, (t2 - t1) * 1000

    timings = []
    results: list[list[str]] = []
    for _ in range(args.runs):
        start = time.process_time()
        results = [skills.extract_skills(d) for d in docs]
        timings.append(time.process_time() - start)
    best = min(timings)

    postings = [doc.split("\n", 1) for doc in docs]
    read_timings = []
    readings: list[skills.PostingSkills] = []
    for _ in range(args.runs):
        skills._title_skills.cache_clear()  # generated titles rarely repeat; real ones do
        start = time.process_time()
        readings = [skills.read_posting(title=title, text=text) for title, text in postings]
        read_timings.append(time.process_time() - start)
    read_best = min(read_timings)

    print(
        f"skill extraction: {len(docs)} descriptions, {size_mb:.2f} MB, {best * 1000:.0f} ms total, "
        f"{len(docs) / best:,.0f} descriptions/s, automaton build {build_ms:.0f} ms"
    )
    found = [len(r) for r in results]
    print(
        f"  details: {len(skills.all_skills())} skills, taxonomy load {load_ms:.0f} ms, "
        f"words/description {min(word_counts)}-{max(word_counts)} (median {statistics.median(word_counts):.0f}), "
        f"skills/description median {statistics.median(found):.0f} (max {max(found)}), "
        f"runs {', '.join(f'{t * 1000:.0f}' for t in timings)} ms"
    )
    print(
        f"posting reading: {len(docs)} descriptions, {read_best * 1000:.0f} ms total, "
        f"{len(docs) / read_best:,.0f} descriptions/s (read_posting: parts, required vs nice to have, soft apart); "
        f"target >= 5,000/s"
    )
    print(
        f"  details: skills/description median {statistics.median(len(r.required) for r in readings):.0f} required, "
        f"{statistics.median(len(r.preferred) for r in readings):.0f} nice to have, "
        f"{statistics.median(len(r.soft) for r in readings):.0f} soft; "
        f"runs {', '.join(f'{t * 1000:.0f}' for t in read_timings)} ms"
    )
    for doc, found_skills, reading in list(zip(docs, results, readings, strict=True))[: args.show]:
        print("\n" + "=" * 80 + "\n" + doc + "\n--> " + ", ".join(found_skills) + f"\n--> {reading}")


if __name__ == "__main__":
    main()
