"""Skills taxonomy and fast skill extraction from free text (pure Python, no Django).

The taxonomy lives in ``jobs/data/skills.json`` (see ``jobs/data/README.md``): one object per
skill with a canonical ``name``, a ``category`` from :data:`CATEGORIES`, a list of ``aliases``
and, optionally, ``case_sensitive``: the forms (name or aliases) that only count when written
with exactly that capitalisation because the lowercase spelling is an ordinary English word
("REST" vs "the rest", "Spring" vs "spring 2026", "Excel" vs "excel at").

Extraction (:func:`extract_skills`) is one Aho-Corasick pass (pyahocorasick) over a lowercased
copy of the text, with every lowercased name and alias as a pattern. The automaton is built once,
lazily, and cached at module level. Each raw match is then kept only if:

1. **Whole word.** The character before and the character after the match are not word characters
   (letters, digits, ``_``). Symbols inside a pattern are literal, so ``C++``, ``C#``, ``F#``,
   ``.NET``, ``Node.js``, ``CI/CD`` and ``ASP.NET`` match as written, "Java" does not match inside
   "JavaScript", ".NET" does not match inside "ASP.NET", and punctuation around a skill
   ("Python.", "Node.js,", "(Go)") is fine. A version number glued to a name ending in a letter is
   allowed: "Python3", "Java8", "Vue3" (not for the ambiguous names below).
2. **Case**, for the forms listed in ``case_sensitive``: the original text must match exactly.
3. **Context**, for the ambiguous language names ``Go``, ``R`` and ``C`` (see
   :func:`_ambiguous_name_ok` for the exact rule). ``Golang`` always counts.
4. **Longest, leftmost.** Overlapping survivors are resolved leftmost-longest, so "ASP.NET Core"
   wins over ".NET", "Google Cloud Platform" over "Google Cloud" and "Spring Boot" over "Spring".

The result is the canonical names in order of first appearance, without duplicates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

__all__ = [
    "CATEGORIES",
    "DATA_FILE",
    "Skill",
    "TaxonomyError",
    "all_skills",
    "canonical_skill",
    "canonical_skill_name",
    "canonicalize",
    "category_of",
    "extract_skills",
    "load_taxonomy",
    "normalize_skills",
    "skill_name_for_key",
    "skill_names",
    "stack_keys",
    "stack_skills",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "skills.json"

CATEGORIES: frozenset[str] = frozenset(
    {
        "language",   # programming, query, markup and hardware description languages
        "framework",  # web, desktop and UI frameworks
        "library",    # libraries, ORMs, UI/state libraries
        "database",   # databases, data stores, search engines
        "cloud",      # cloud providers and their managed services
        "devops",     # build, CI/CD, infrastructure, containers, observability
        "tool",       # editors, IDEs, collaboration and productivity tools
        "platform",   # runtimes, SaaS/enterprise platforms, engines, hardware platforms
        "practice",   # methods, architectures, engineering practices
        "data",       # data engineering, analytics, BI, data formats
        "ml",         # machine learning / AI methods and tools
        "mobile",     # mobile platforms, SDKs and tooling
        "testing",    # testing kinds and tools
        "security",   # security practices, standards, identity
        "os",         # operating systems
        "protocol",   # network protocols and networking
        "design",     # UI/UX, graphic and CAD design
        "soft",       # soft skills and spoken languages
    }
)


class TaxonomyError(ValueError):
    """The skills data file is malformed (bad category, duplicate name or alias, ...)."""


@dataclass(frozen=True, slots=True)
class Skill:
    """One canonical skill of the taxonomy.

    ``case_sensitive`` lists the forms (the name and/or aliases) that only match free text
    when written with exactly this capitalisation.
    """

    name: str
    category: str
    aliases: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The name followed by the aliases: every spelling that maps to this skill."""
        return (self.name, *self.aliases)


def _key(form: str) -> str:
    """Lookup key for a name or alias: inner whitespace collapsed, lowercased."""
    return " ".join(form.split()).lower()


# --------------------------------------------------------------------------------------------
# Taxonomy loading
# --------------------------------------------------------------------------------------------


def load_taxonomy(path: Path | str = DATA_FILE) -> tuple[Skill, ...]:
    """Read and validate a taxonomy file; raise :class:`TaxonomyError` on any problem.

    Checked: every entry has a non-empty ``name`` and a ``category`` from :data:`CATEGORIES`;
    no name or alias appears twice anywhere in the file (case-insensitively, whitespace
    collapsed); every ``case_sensitive`` form is the name or one of the aliases; the ambiguous
    names with a context rule are declared case-sensitive.
    """
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TaxonomyError(f"cannot read skills taxonomy {path}: {exc}") from exc
    if not isinstance(raw, list):
        raise TaxonomyError("the skills taxonomy must be a JSON list of objects")

    skills: list[Skill] = []
    owner: dict[str, str] = {}  # key -> name of the skill that owns it
    for position, entry in enumerate(raw):
        where = f"entry #{position}"
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{where}: expected an object, got {entry!r}")
        unknown = set(entry) - {"name", "category", "aliases", "case_sensitive"}
        if unknown:
            raise TaxonomyError(f"{where}: unknown field(s) {sorted(unknown)}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip() or name != name.strip():
            raise TaxonomyError(f"{where}: 'name' must be a non-empty trimmed string")
        where = f"skill {name!r}"
        category = entry.get("category")
        if category not in CATEGORIES:
            raise TaxonomyError(f"{where}: unknown category {category!r} (allowed: {sorted(CATEGORIES)})")
        aliases = entry.get("aliases", [])
        case_sensitive = entry.get("case_sensitive", [])
        for field_name, values in (("aliases", aliases), ("case_sensitive", case_sensitive)):
            if not isinstance(values, list) or not all(
                isinstance(v, str) and v.strip() and v == v.strip() for v in values
            ):
                raise TaxonomyError(f"{where}: {field_name!r} must be a list of non-empty trimmed strings")
        skill = Skill(name, category, tuple(aliases), tuple(case_sensitive))
        for form in skill.forms:
            key = _key(form)
            if key in owner:
                raise TaxonomyError(f"{where}: {form!r} is already used by skill {owner[key]!r}")
            owner[key] = name
        stray = set(case_sensitive) - set(skill.forms)
        if stray:
            raise TaxonomyError(f"{where}: case_sensitive {sorted(stray)} are not its name or aliases")
        for form in skill.forms:
            if form in _CONTEXT_RULES and form not in case_sensitive:
                raise TaxonomyError(f"{where}: ambiguous name {form!r} must be listed in case_sensitive")
        skills.append(skill)
    return tuple(skills)


@dataclass(frozen=True, slots=True)
class _Index:
    skills: tuple[Skill, ...]
    by_key: dict[str, Skill]
    sorted_names: tuple[str, ...]


@cache
def _index() -> _Index:
    skills = load_taxonomy(DATA_FILE)
    by_key = {_key(form): skill for skill in skills for form in skill.forms}
    names = tuple(sorted((s.name for s in skills), key=lambda n: (n.casefold(), n)))
    return _Index(skills, by_key, names)


# --------------------------------------------------------------------------------------------
# Public lookup API
# --------------------------------------------------------------------------------------------


def all_skills() -> list[Skill]:
    """Every skill of the taxonomy, in data-file order (grouped by category)."""
    return list(_index().skills)


def skill_names() -> list[str]:
    """All canonical names, sorted case-insensitively (for autocomplete suggestions)."""
    return list(_index().sorted_names)


def canonicalize(name: str) -> str | None:
    """Canonical name for a skill name or alias (case- and whitespace-insensitive), else None.

    >>> canonicalize("postgres"), canonicalize("K8S"), canonicalize("underwater basket weaving")
    ('PostgreSQL', 'Kubernetes', None)
    """
    skill = _index().by_key.get(_key(name)) if isinstance(name, str) else None
    return skill.name if skill else None


def category_of(name: str) -> str | None:
    """Category of a skill given by canonical name or alias; None when unknown."""
    skill = _index().by_key.get(_key(name)) if isinstance(name, str) else None
    return skill.category if skill else None


def normalize_skills(names: Iterable[str]) -> list[str]:
    """Clean a user-entered skill list.

    Known names/aliases become canonical names; unknown entries are kept as typed (trimmed,
    inner whitespace collapsed): they are the user's own words. Entries are deduplicated
    case-insensitively (first occurrence wins, order kept) and empty ones dropped.

    >>> normalize_skills([" postgres ", "PostgreSQL", "js", "Underwater basket weaving", ""])
    ['PostgreSQL', 'JavaScript', 'Underwater basket weaving']
    """
    by_key = _index().by_key
    result: list[str] = []
    seen: set[str] = set()
    for raw in names:
        if not isinstance(raw, str):
            continue
        cleaned = " ".join(raw.split())
        if not cleaned:
            continue
        skill = by_key.get(cleaned.lower())
        value = skill.name if skill else cleaned
        folded = value.casefold()
        if folded not in seen:
            seen.add(folded)
            result.append(value)
    return result


# --------------------------------------------------------------------------------------------
# Canonical keys of stacks, memoised (the match score and the skill gap compare skills this way)
# --------------------------------------------------------------------------------------------

_CANONICAL: dict[str, tuple[str, str]] = {}  # raw name → (casefolded canonical key, canonical name)
_KEY_NAMES: dict[str, str] = {}  # casefolded canonical key → canonical name
_MEMO_LIMIT = 100_000  # user-typed names are unbounded; keep the memos small


def canonical_skill(raw: str) -> tuple[str, str]:
    """(key, name) of a skill name through the taxonomy; memoised, since stacks repeat the same names."""
    hit = _CANONICAL.get(raw)
    if hit is None:
        cleaned = " ".join(raw.split())
        name = canonicalize(cleaned) or cleaned
        hit = (name.casefold(), name)
        if len(_CANONICAL) > _MEMO_LIMIT:
            _CANONICAL.clear()
            _KEY_NAMES.clear()
        _CANONICAL[raw] = hit
        _KEY_NAMES.setdefault(hit[0], name)
    return hit


def canonical_skill_name(raw: str) -> str:
    return canonical_skill(raw)[1]


def skill_name_for_key(key: str) -> str:
    """The display name of a canonical key (as returned by :func:`stack_keys`)."""
    return _KEY_NAMES.get(key) or canonical_skill(key)[1]

def stack_skills(stack: Iterable[str] | None) -> dict[str, str]:
    """Canonical key → name for a job's stack, deduplicated, in the stack's order."""
    names: dict[str, str] = {}
    memo = _CANONICAL
    for raw in stack or ():
        if isinstance(raw, str):
            hit = memo.get(raw) or (canonical_skill(raw) if raw.strip() else None)
            if hit is not None:
                names.setdefault(hit[0], hit[1])
    return names


def stack_keys(stack: Iterable[str] | None) -> set[str]:
    """The canonical keys of a stack: the keys of :func:`stack_skills`, faster when every name has
    been seen before (one set comprehension over the memo)."""
    try:
        return {_CANONICAL[raw][0] for raw in stack}  # type: ignore[union-attr]
    except (KeyError, TypeError):  # a new name, a blank, a non-string, or no stack at all
        return set(stack_skills(stack))


# --------------------------------------------------------------------------------------------
# Ambiguous names: Go, R, C
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ContextRule:
    veto_prev: frozenset[str]  # lowercased word right before that means "not the language"
    veto_next: frozenset[str]  # lowercased word right after that means "not the language"
    and_or_at_sentence_start: bool  # may "X and ..." / "X or ..." count at a sentence start?


# The same nouns precede a letter grade/series/label and never a language.
_LABEL_WORDS = frozenset(
    {
        "series", "round", "plan", "type", "grade", "class", "tier", "level", "vitamin", "section",
        "part", "appendix", "annex", "exhibit", "option", "phase", "step", "stage", "usb", "block",
        "building", "unit", "wing", "schedule", "form", "size", "floor", "gate", "group", "team",
        "rating", "rated", "score", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof",
        "prof.",
    }
)
_GO_NOT_LANGUAGE_NEXT = frozenset(
    {
        "to", "ahead", "live", "back", "beyond", "above", "get", "for", "further", "big", "far",
        "out", "home", "forward", "along", "fast", "faster", "the", "through", "over", "on", "into",
        "with", "up", "down", "green", "global", "team", "time",
    }
)

#: The ambiguous names handled by :func:`_ambiguous_name_ok`, with their veto words.
_CONTEXT_RULES: dict[str, _ContextRule] = {
    "Go": _ContextRule(_LABEL_WORDS | {"let's", "let’s", "lets"}, _GO_NOT_LANGUAGE_NEXT,
                       and_or_at_sentence_start=False),
    "R": _ContextRule(_LABEL_WORDS, frozenset(), and_or_at_sentence_start=True),
    "C": _ContextRule(_LABEL_WORDS, frozenset({"level", "levels", "suite", "corp", "corporation", "grade"}),
                      and_or_at_sentence_start=True),
}
_LANGUAGE_LETTERS = frozenset(form for form in _CONTEXT_RULES if len(form) == 1)

_GLUED_AFTER = frozenset("-&'’+#!@$%*=")  # Go-to, R&D, C++, C#, Go!, C's, C-level
_GLUED_BEFORE = frozenset("-&'’.@$#%*=\\")  # USB-C, P&C, x.R
_LIST_BEFORE = frozenset(",/;:([{|&+")  # "Python, Go", "Python/Go", "(R", "Languages: C"
_LIST_AFTER = frozenset(",/;)]}|&")  # "Go, Rust", "C/C++", "R)"
_OPENERS = frozenset(".!?-*•·–—>")  # what starts a sentence or a list item: "… team. Go", "- Go"
_JOIN_WORDS = frozenset({"and", "or", "and/or", "nor", "plus"})
_INTRO_WORDS = frozenset(
    {"in", "with", "using", "of", "including", "includes", "like", "e.g.", "eg", "eg.", "i.e.",
     "embedded", "idiomatic", "modern", "ansi", "learn", "learning", "know", "knows", "write",
     "writing", "written", "via", "especially", "particularly", "ideally", "preferably", "use",
     "uses", "used", "for", "prefer", "preferred", "master", "mastery", "than"}
)
_TECH_NEXT = frozenset(
    {
        "developer", "developers", "development", "dev", "devs", "engineer", "engineers",
        "engineering", "programmer", "programmers", "programming", "language", "languages",
        "code", "coding", "codebase", "codebases", "services", "service", "microservices",
        "backend", "backends", "back-end", "modules", "module", "packages", "package", "scripts",
        "script", "scripting", "libraries", "library", "stack", "apps", "applications",
        "runtime", "compiler", "compilers", "toolchain", "tooling", "ecosystem", "expertise",
        "experience", "skills", "knowledge", "proficiency", "api", "apis", "sdk", "projects",
        "binaries", "concurrency", "goroutines", "routines", "channels", "generics", "shiny",
        "markdown", "studio", "pointers", "header", "headers", "standard", "99", "11", "17",
        "1.21", "1.22", "1.23", "1.24",
    }
)
_WORD_BEFORE = re.compile(r"([^\s,;:()\[\]{}/|]+):?$")  # "with", "e.g.", "grade" (of "Grade:")
_WORD_AFTER = re.compile(r"[^\s,;:()\[\]{}/|!?]+")
# A neighbouring lone capital letter across a separator means an enumeration of letters
# ("A, B and C", "Plan B or C", "R & D"), not languages, unless the letter is itself R or C.
_LETTER_LIST_BEFORE = re.compile(
    r"(?<![\w.&'’-])([A-Z])(?:[ \t]*[,/&]|[ \t]+(?:and|or))[ \t]*(?:(?:and|or)[ \t]+)?$"
)
_LETTER_LIST_AFTER = re.compile(
    r"(?:[ \t]*[,/&]|[ \t]+(?:and|or)\b)[ \t]*(?:(?:and|or)[ \t]+)?([A-Z])(?![\w+#])"
)


def _ambiguous_name_ok(text: str, start: int, end: int, form: str) -> bool:
    """Decide whether an exact-case ``Go``, ``R`` or ``C`` at ``text[start:end]`` is the language.

    Word boundaries and exact case were already checked. Then, in order:

    1. **Glued punctuation vetoes**: immediately followed by ``- & ' + # ! @ $ % * =`` or by
       ``.`` and a letter ("Go-to", "R&D", "C-level", "C++", "C#", "Go!", "C.V."), immediately
       preceded by ``- & ' . @ $ # % * = \\`` ("USB-C"), or wrapped as ``(C)``/``(R)``
       (copyright and registered marks).
    2. **Veto words**: the previous word is a label noun ("Series C", "Plan C", "Type C",
       "Vitamin C", "Grade: C", "Let's Go"), or the next word is in the name's own veto list
       ("Go to", "Go ahead", "Go live", "Go the extra mile", "C suite", "C level").
    3. **Letter lists veto**: a lone capital letter other than R/C next to it across
       ``, / & and or`` ("A, B and C", "B or C", "R & D").
    4. **A positive signal is required**:

       - *strong, anywhere*: list punctuation right after (``, / ; ) ] } | &``: "Go, Rust",
         "C/C++"), or a tech noun as next word ("Go developer", "R programming", "C code",
         "Go experience", ...);
       - *mid-sentence*: the previous word joins or introduces it ("Python and Go",
         "experience with R", "in C", "e.g. Go", "Embedded C"), list punctuation before
         (``, / ; : ( [ { | & +``: "Python, Go", "Languages: C"), or "and"/"or" after
         ("Go or Rust");
       - *at an opener* (start of text or line, after ``. ! ?`` or a bullet ``- * •``), where
         "Go" is usually the English verb, only the strong signals count, or the name being
         alone on its line/bullet ("- Go"); R and C (not English words) may also be followed by
         "and"/"or" there ("C and C++ experience").

    Lowercase "go", all-caps "GO" and sentence-start "Go" without such context never count;
    "Golang" (any case) always counts. Known misses: "Go is our main language.", "Go and Rust
    are ..." at the start of a sentence.
    """
    rule = _CONTEXT_RULES[form]
    n = len(text)
    before = text[start - 1] if start else ""
    after = text[end] if end < n else ""

    # 1. Glued punctuation.
    if after in _GLUED_AFTER or before in _GLUED_BEFORE or (before == "(" and after == ")" and len(form) == 1):
        return False
    if after == "." and end + 1 < n and text[end + 1].isalnum():
        return False

    # Look left past blanks and newlines.
    i = start - 1
    newline_before = False
    while i >= 0 and text[i] in " \t\n":
        newline_before = newline_before or text[i] == "\n"
        i -= 1
    prev_char = text[i] if i >= 0 else ""
    match = _WORD_BEFORE.search(text, max(0, i - 40), i + 1) if 0 <= i < start - 1 else None
    if match is None and prev_char == ":":
        match = _WORD_BEFORE.search(text, max(0, i - 40), i + 1)
    prev_word = match.group(1).lower() if match else ""

    # Look right past blanks (not newlines: the next line is not "after" it in a sentence).
    j = end
    while j < n and text[j] in " \t":
        j += 1
    next_char = text[j] if j < n else ""
    match = _WORD_AFTER.match(text, j) if j > end else None
    next_word = match.group(0).lower().rstrip(".") if match else ""

    # 2. Veto words.
    if prev_word in rule.veto_prev or next_word in rule.veto_next:
        return False

    # 3. Enumerations of letters.
    match = _LETTER_LIST_BEFORE.search(text, max(0, start - 24), start)
    if match and match.group(1) not in _LANGUAGE_LETTERS:
        return False
    match = _LETTER_LIST_AFTER.match(text, end)
    if match and match.group(1) not in _LANGUAGE_LETTERS:
        return False

    # 4. Positive signals.
    if next_char in _LIST_AFTER or next_word in _TECH_NEXT:
        return True
    if prev_word in _JOIN_WORDS or prev_word in _INTRO_WORDS:
        return True
    if i < 0 or newline_before or prev_char in _OPENERS:
        if rule.and_or_at_sentence_start and next_word in ("and", "or"):
            return True
        k = j + 1 if next_char == "." else j  # alone on its line: "- Go", "Languages:\nGo."
        while k < n and text[k] in " \t":
            k += 1
        return k >= n or text[k] == "\n"
    return prev_char in _LIST_BEFORE or next_word in ("and", "or")


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------

# Multi-word patterns have single spaces; irregular blanks in the text are normalised first.
# Only ASCII blanks and NBSP are handled (rarer Unicode spaces would only hide multi-word names);
# the cheap substring checks in _IRREGULAR_BLANKS skip the (slow) regex for most texts.
_IRREGULAR_BLANKS = ("  ", "\t", "\r", "\xa0", "\f", "\v")
_EXTRA_WHITESPACE = re.compile(r"[ \t\r\f\v\xa0]{2,}|[\t\r\f\v\xa0]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _build_automaton() -> ahocorasick.Automaton:
    """Build the Aho-Corasick automaton over every lowercased name and alias.

    Each pattern's value is ``(length, canonical name, exact form or None, has context rule,
    may take a glued version number)``.
    """
    automaton = ahocorasick.Automaton()
    for skill in _index().skills:
        for form in skill.forms:
            key = _key(form)
            exact = form if form in skill.case_sensitive else None
            contextual = exact is not None and exact in _CONTEXT_RULES
            versionable = key[-1].isalpha() and not contextual
            automaton.add_word(key, (len(key), skill.name, exact, contextual, versionable))
    automaton.make_automaton()
    return automaton


@cache
def _automaton() -> ahocorasick.Automaton:
    return _build_automaton()


def extract_skills(text: str) -> list[str]:
    """Canonical skill names mentioned in ``text``, in order of first appearance, no duplicates.

    See the module docstring for the matching rules (whole words, case-sensitive forms, the
    Go/R/C context rule, leftmost-longest).

    >>> extract_skills("Senior engineer: Go, k8s and Postgres; ASP.NET Core a plus. Let's go!")
    ['Go', 'Kubernetes', 'PostgreSQL', 'ASP.NET Core']
    """
    if not text:
        return []
    automaton = _automaton()
    if any(blank in text for blank in _IRREGULAR_BLANKS):
        text = _EXTRA_WHITESPACE.sub(" ", text)
    low = text.lower()
    if len(low) != len(text):  # a few non-ASCII characters change length when lowercased
        low = text.translate(_ASCII_LOWER)
    low = low.replace("\n", " ")
    n = len(low)

    candidates: list[tuple[int, int, str]] = []
    for last, (length, name, exact, contextual, versionable) in automaton.iter(low):
        start = last - length + 1
        if start:
            c = low[start - 1]
            if c.isalnum() or c == "_":
                continue
        end = last + 1
        if end < n:
            c = low[end]
            if (c.isalnum() or c == "_") and not (versionable and c.isdigit() and _version_then_boundary(low, end)):
                continue
        if exact is not None:
            if text[start:end] != exact:
                continue
            if contextual and not _ambiguous_name_ok(text, start, end, exact):
                continue
        candidates.append((start, -length, name))

    if not candidates:
        return []
    candidates.sort()
    found: dict[str, None] = {}  # insertion-ordered set
    covered_until = 0
    for start, negative_length, name in candidates:
        if start < covered_until:
            continue  # overlaps a longer (or earlier) match
        covered_until = start - negative_length
        found[name] = None
    return list(found)


def _version_then_boundary(low: str, i: int) -> bool:
    """True if ``low[i:]`` starts with a version number ("3", "8", "3.12") then a non-word char."""
    n = len(low)
    while i < n and (low[i].isdigit() or (low[i] == "." and i + 1 < n and low[i + 1].isdigit())):
        i += 1
    return i == n or not (low[i].isalnum() or low[i] == "_")
