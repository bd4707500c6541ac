"""jobs.skills.read_posting reads a posting like a recruiter: what it asks of the candidate, required
apart from nice-to-have, soft skills and languages apart from the tech stack, and nothing from the
company's introduction, its products, its benefits or its legal text. Pure: no database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobs.skills import PostingSkills, canonicalize, category_of, read_posting

HELDOUT = Path(__file__).resolve().parent.parent / "fixtures" / "skills_heldout" / "postings.json"


def read(text: str, title: str = "Software Engineer", company: str = "Acme") -> PostingSkills:
    return read_posting(title=title, text=text, company=company)


def everything(result: PostingSkills) -> set[str]:
    return {*result.required, *result.preferred, *result.soft}


# --------------------------------------------------------------------------------------------
# Parts of a posting
# --------------------------------------------------------------------------------------------


def test_the_company_introduction_adds_no_skills_but_the_requirements_do():
    text = (
        "About Tallow\n\nTallow builds scheduling software. Our React Native app and our Django backend serve "
        "3,000 dental clinics.\n\nWhat you'll do\n\nBuild the clinic dashboard in TypeScript and React.\n\n"
        "What you bring\n\nThree years of frontend work with React.\nSolid CSS."
    )
    result = read(text, title="Frontend Engineer", company="Tallow")
    assert set(result.required) == {"Frontend Development", "TypeScript", "React", "CSS"}
    assert "React Native" not in everything(result) and "Django" not in everything(result)


def test_a_lead_paragraph_about_the_role_counts_even_before_the_first_heading():
    text = (
        "Quarry Labs makes estimating software for builders.\n\n"
        "We're looking for an engineer to own our Kafka pipelines.\n\n"
        "Requirements\n\nPython."
    )
    assert set(read(text, company="Quarry Labs").required) == {"Apache Kafka", "Python"}


def test_benefits_legal_text_and_the_hiring_process_add_no_skills():
    text = (
        "Requirements\n\nStrong Rust.\n\nWhat we offer\n\nOur annual summer bash, a Linux or Mac laptop and a "
        "learning budget.\n\nAcme is an equal opportunity employer. We do not discriminate on the basis of gender "
        "expression.\n\nThis role requires our HIPAA training in the first week.\n\n"
        "Our hiring process: a call, a Python exercise and a chat with the team."
    )
    assert read(text) == PostingSkills(required=("Rust",))


def test_equal_opportunity_text_in_the_same_snippet_as_the_nice_to_haves_adds_nothing():
    text = ("Mobile Developer - Bristol. You'll build apps in Swift and Kotlin. Bonus: Flutter or React Native. "
            "Kite Digital is an equal opportunities employer and we welcome applicants who know Ruby.")
    result = read(text, title="Mobile Developer", company="Kite Digital")
    assert set(result.preferred) == {"Flutter", "React Native"}
    assert "Ruby" not in everything(result)


def test_a_posting_without_headings_is_read_as_the_role():
    result = read("Pelican Payments is hiring a senior engineer to build our card ledger in Go. Remote in the EU.",
                  title="Senior Engineer", company="Pelican Payments")
    assert result.required == ("Go",)


# --------------------------------------------------------------------------------------------
# Required and nice to have
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("heading", ["Nice to have", "Bonus points", "Preferred qualifications", "Pluses", "Plus",
                                     "Extra credit", "It would be great if you have:", "Good to have", "Desirable"])
def test_skills_under_a_nice_to_have_heading_are_preferred(heading):
    text = f"Requirements\n\nPython and PostgreSQL.\n\n{heading}\n\nTerraform.\nKubernetes in production."
    result = read(text)
    assert result.required == ("Python", "PostgreSQL")
    assert result.preferred == ("Terraform", "Kubernetes")


@pytest.mark.parametrize("sentence", [
    "Experience with Terraform is a plus.",
    "Terraform would be nice to have.",
    "Bonus points for Terraform.",
    "Ideally you have used Terraform.",
    "Experience with Terraform preferred.",
    "Terraform (nice to have).",
    "Kenntnisse in Terraform sind von Vorteil.",
])
def test_an_inline_marker_makes_its_clause_preferred(sentence):
    result = read(f"What you bring\n\nStrong Python.\n{sentence}")
    assert result.required == ("Python",)
    assert result.preferred == ("Terraform",)


def test_a_marker_only_covers_its_own_clause():
    result = read("You have: strong Python; Go is a plus. Experience with Kafka, ideally Kafka Streams.")
    assert set(result.required) == {"Python", "Apache Kafka"}
    assert set(result.preferred) == {"Go", "Kafka Streams"}


def test_a_marker_in_parentheses_only_covers_the_parenthesis():
    result = read("Requirements\n\nHands-on experience with a SIEM (Splunk preferred) and an EDR tool.")
    assert set(result.required) == {"SIEM", "EDR"}
    assert result.preferred == ("Splunk",)


def test_a_skill_required_anywhere_is_not_also_preferred():
    result = read("What you'll do\n\nBuild services in Go.\n\nNice to have\n\nGo and Rust.")
    assert result.required == ("Go",)
    assert result.preferred == ("Rust",)


def test_german_headings_split_the_parts():
    text = (
        "Über uns\n\nDie Flink Logistik GmbH ist ein Kurierdienst. Bei uns geht alles flink.\n\n"
        "Deine Aufgaben\n\nDu entwickelst Services mit Java und Spring Boot.\n\n"
        "Dein Profil\n\nErfahrung mit PostgreSQL und Docker.\nSehr gute Deutschkenntnisse.\n\n"
        "Wünschenswert\n\nErfahrung mit Kafka.\n\nWir bieten\n\n30 Tage Urlaub und ein MacBook mit Linux."
    )
    result = read(text, title="Backend Entwickler (m/w/d)", company="Flink Logistik GmbH")
    assert set(result.required) == {"Backend Development", "Java", "Spring Boot", "PostgreSQL", "Docker"}
    assert result.preferred == ("Apache Kafka",)
    assert result.soft == ("German",)


def test_inline_headings_in_a_snippet_split_required_from_desirable():
    text = ("We are looking for a Cloud Engineer. Essential: AWS, Terraform, Linux. Desirable: Kubernetes, "
            "Ansible. Salary £55,000.")
    result = read(text, title="Cloud Engineer")
    assert set(result.required) == {"Cloud Computing", "AWS", "Terraform", "Linux"}
    assert set(result.preferred) == {"Kubernetes", "Ansible"}


def test_the_role_description_counts_as_required():
    result = read("The role\n\nYou'll design event-driven services in Kotlin.\n\nNice to have\n\ngRPC.")
    assert set(result.required) == {"Event-Driven Architecture", "Kotlin"}
    assert result.preferred == ("gRPC",)


# --------------------------------------------------------------------------------------------
# Soft skills and spoken languages
# --------------------------------------------------------------------------------------------


def test_soft_skills_and_languages_never_enter_the_tech_lists():
    text = ("Requirements\n\nPython.\nExcellent communication skills and attention to detail.\n"
            "You mentor junior engineers.\nFluent English; German is a plus.")
    result = read(text)
    assert result.required == ("Python",)
    assert result.preferred == ()
    assert set(result.soft) == {"Communication", "Attention to Detail", "Mentoring", "English", "German"}
    assert set(result.languages) == {"English", "German"}


def test_a_language_counts_when_asked_not_as_an_adjective():
    text = "What you'll do\n\nSupport our German customers from our Dutch office in Python."
    assert read(text).soft == ()


def test_values_in_the_company_introduction_are_not_soft_skills_asked():
    text = ("About us\n\nOur values put collaboration and ownership first.\n\nRequirements\n\nRuby on Rails.\n"
            "Clear written communication.")
    assert read(text).soft == ("Communication",)


def test_soft_skill_phrasings_and_german_terms_are_recognised():
    result = read("Dein Profil\n\nTeamfähigkeit und Kommunikationsstärke.\nYou can explain complex models to "
                  "non-technical stakeholders and present findings to leadership.")
    assert {"Teamwork", "Communication", "Stakeholder Management", "Presentation Skills"} <= set(result.soft)


# --------------------------------------------------------------------------------------------
# The employer, its products and the domain it works in
# --------------------------------------------------------------------------------------------


def test_the_employers_own_product_is_not_a_skill():
    text = ("Stripe builds the software businesses use to get paid. Behind every checkout that uses Stripe Billing "
            "sit our services.\n\nWhat you'll do\n\nImprove the services behind Stripe Billing in Java.")
    result = read(text, company="Stripe")
    assert result.required == ("Java",)


def test_the_employers_product_counts_when_the_text_asks_for_experience_with_it():
    text = ("About Helio: Helio is a payments company built on Stripe.\n\nYou have\n\nMarkdown and Git.\n\n"
            "Extra credit: experience with Stripe's API.")
    result = read(text, title="Technical Writer", company="Helio")
    assert result.preferred == ("Stripe",)


def test_a_company_named_like_a_skill_is_not_the_skill():
    text = ("Kafka & Co. Booksellers runs online shops for bookshops.\n\nWhat you'll do\n\nBuild integrations in "
            "PHP for Kafka & Co.\n\nRequirements\n\nLaravel and MySQL.")
    result = read(text, company="Kafka & Co. Booksellers")
    assert "Apache Kafka" not in everything(result)
    assert {"PHP", "Laravel", "MySQL"} <= set(result.required)


@pytest.mark.parametrize("sentence", ["Ocula Vision is an AI company building roadside cameras.",
                                      "We are an AI-first company.", "It is the DevSecOps platform for teams.",
                                      "We're an agile, 25-person team."])
def test_a_domain_word_about_the_company_is_not_a_skill(sentence):
    result = read(f"{sentence} We're hiring an engineer to write Python.", title="Engineer", company="Ocula Vision")
    assert result.required == ("Python",)


def test_the_same_domain_word_asked_as_experience_is_a_skill():
    result = read("Requirements\n\nExperience with AI and DevSecOps practices.\nAgile delivery.")
    assert set(result.required) == {"Artificial Intelligence", "DevSecOps", "Agile"}


# --------------------------------------------------------------------------------------------
# Words that look like skills
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "not_a_skill"), [
    ("Julia, our Head of Quality, leads testing in Python.", "Julia"),
    ("Our CTO, Ada Mensah, wants Python expertise.", "Ada"),
    ("You'll report to Ray Okafor and write Python.", "Ray"),
    ("Pair with Pascal Martin on Python services.", "Pascal"),
    ("Ship our Spring '26 release in Python.", "Spring Framework"),
    ("Everything we build in Python has to be scalable.", "Scala"),
    ("We celebrate our ruby anniversary with Python.", "Ruby"),
    ("Lunch under the big elm tree, then Python.", "Elm"),
    ("Bei uns geht alles flink, auch mit Python.", "Apache Flink"),
    ("Meridian Bank plc writes Python.", "PLC Programming"),
    ("Render large drawings in the browser with Python.", "Render"),
    ("A degree in statistics and strong Python.", "Statistics"),
])
def test_look_alike_words_are_not_skills(text, not_a_skill):
    result = read(f"Requirements\n\n{text}")
    assert not_a_skill not in everything(result)
    assert "Python" in result.required


def test_a_first_name_that_is_a_skill_still_counts_when_it_is_the_skill():
    result = read("Requirements\n\nDistributed training with Ray.\nJulia or R for the models.\nRuby on Rails.")
    assert {"Ray", "Julia", "R", "Ruby on Rails"} <= set(result.required)


@pytest.mark.parametrize("sentence", ["Work with our iOS engineer on the app.",
                                      "Work with product managers and UX designers.",
                                      "Enough to tell a Java developer from a JavaScript developer.",
                                      "You'll run our Java and Python desk.",
                                      "Working with firmware, autonomy and hardware engineers.",
                                      "Sync with the firmware team weekly."])
def test_colleagues_are_not_skills(sentence):
    assert read(f"What you'll do\n\n{sentence}").required == ()


def test_the_candidates_own_role_noun_is_not_mistaken_for_a_colleague():
    assert read("We're hiring a Python developer to join us.").required == ("Python",)


@pytest.mark.parametrize("sentence", ["Make pages fast on cheap Android phones.",
                                      "Own retention for our iOS and Android apps."])
def test_devices_and_the_companys_own_apps_are_not_platform_skills(sentence):
    assert read(f"What you'll do\n\n{sentence}").required == ()


def test_building_for_a_platform_is_a_skill():
    result = read("What you'll do\n\nBuild the companion app in React Native for iOS and Android.")
    assert set(result.required) == {"React Native", "iOS", "Android"}


# --------------------------------------------------------------------------------------------
# Title, vendor context, shared head nouns
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("title", "skills"), [
    ("Senior Frontend Engineer (Vue)", {"Frontend Development", "Vue.js"}),
    ("Senior Engineer (Go)", {"Go"}),
    ("Machine Learning Engineer, Search", {"Machine Learning"}),
    ("QA Analyst (Manual & Automation)", {"Quality Assurance"}),
    ("Embedded Linux Engineer", {"Embedded Linux"}),
    ("Data Platform Engineer (Databricks)", {"Databricks"}),
])
def test_the_title_names_the_stack_and_the_discipline(title, skills):
    assert set(read_posting(title=title, text="").required) == skills


def test_a_product_managers_title_is_a_soft_skill():
    assert read_posting(title="Senior Product Manager", text="").soft == ("Product Management",)


def test_iam_next_to_aws_services_is_aws_iam_and_alone_is_the_practice():
    assert read("Requirements\n\nAWS (EKS, RDS, IAM).").required == ("AWS", "Amazon EKS", "Amazon RDS", "AWS IAM")
    assert read("Requirements\n\nIAM and SSO.").required == ("Identity and Access Management", "Single Sign-On")


@pytest.mark.parametrize(("sentence", "skills"), [
    ("Write unit and integration tests.", {"Unit Testing", "Integration Testing"}),
    ("Carry out functional, regression and user acceptance testing.",
     {"Functional Testing", "Regression Testing", "User Acceptance Testing"}),
    ("Frontend and backend development in TypeScript.",
     {"Frontend Development", "Backend Development", "TypeScript"}),
])
def test_a_list_sharing_one_head_noun_names_each_skill(sentence, skills):
    assert set(read(f"What you'll do\n\n{sentence}").required) == skills


# --------------------------------------------------------------------------------------------
# The vocabulary recruiters list
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "skill"), [
    ("Read query plans and rewrite slow queries.", "Query Optimization"),
    ("Own our data models in Snowflake.", "Data Modeling"),
    ("Build batch and streaming data pipelines.", "Data Pipelines"),
    ("Profile hot paths with profilers.", "Profiling"),
    ("Service-oriented architecture (SOA).", "Service-Oriented Architecture"),
    ("Containerise services with Docker.", "Containerization"),
    ("Configuration management with Ansible.", "Configuration Management"),
    ("Run penetration tests of our APIs.", "Penetration Testing"),
    ("A secure SDLC.", "SDLC"),
    ("Our MVC Rails app.", "MVC"),
    ("Designing APIs that other teams depend on.", "API Design"),
    ("Accessible interfaces (screen readers, WCAG).", "Accessibility"),
    ("Performance optimisation of hot paths.", "Performance Optimization"),
    ("Lead incident response.", "Incident Response"),
    ("Extend our HIL rigs.", "Hardware-in-the-Loop Testing"),
    ("Bring up new boards with an oscilloscope.", "Board Bring-Up"),
    ("Bring up new boards with an oscilloscope.", "Oscilloscope"),
    ("Networking fundamentals.", "Computer Networking"),
    ("Define SLOs and error budgets.", "Service Level Objectives"),
    ("Plan capacity for the peak season.", "Capacity Planning"),
    ("Datenmodellierung und Barrierefreiheit.", "Data Modeling"),
    ("Netzwerksicherheit und Schwachstellenscans.", "Network Security"),
])
def test_practices_and_concepts_postings_ask_for_are_found(sentence, skill):
    assert skill in read(f"Requirements\n\n{sentence}").required


def test_every_soft_or_spoken_skill_of_the_taxonomy_goes_to_soft():
    for name in ("Communication", "Mentoring", "Leadership", "Stakeholder Management", "Attention to Detail",
                 "English", "German", "French", "Spanish", "Dutch", "Portuguese"):
        assert category_of(name) in ("soft", "spoken")
        assert read(f"Requirements\n\n{name}.").soft == (canonicalize(name),)


# --------------------------------------------------------------------------------------------
# The held-out postings stay usable by bench/eval_skills.py --heldout
# --------------------------------------------------------------------------------------------


def test_the_held_out_postings_are_well_formed():
    postings = json.loads(HELDOUT.read_text(encoding="utf-8"))
    assert len(postings) >= 12
    assert len({p["id"] for p in postings}) == len(postings)
    for posting in postings:
        assert posting["title"] and posting["company"] and posting["text"]
        assert not set(map(str.casefold, posting["required"])) & set(map(str.casefold, posting["preferred"]))
        asked = set(map(str.casefold, posting["required"] + posting["preferred"]))
        for negative in posting["negatives"]:
            assert negative["skill"].casefold() not in asked
            assert negative["text"].casefold() in f"{posting['title']}\n{posting['text']}".casefold()
