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
from functools import cache, lru_cache
from pathlib import Path

import ahocorasick

from jobs.sections import CUES, Part, PostingText

__all__ = [
    "CATEGORIES",
    "DATA_FILE",
    "SOFT_CATEGORIES",
    "PostingSkills",
    "Skill",
    "TaxonomyError",
    "all_skills",
    "canonical_skill",
    "canonical_skill_key",
    "canonical_skill_name",
    "canonicalize",
    "category_of",
    "extract_skills",
    "is_soft_skill",
    "load_taxonomy",
    "normalize_skills",
    "read_posting",
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
        "soft",       # soft skills (communication, mentoring, stakeholder management...)
        "spoken",     # spoken languages (English, German...)
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
_KEY_OF: dict[str, str] = {}  # raw name → casefolded canonical key (the same memo, one lookup cheaper)
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
            _KEY_OF.clear()
            _KEY_NAMES.clear()
        _CANONICAL[raw] = hit
        _KEY_OF[raw] = hit[0]
        _KEY_NAMES.setdefault(hit[0], name)
    return hit


def canonical_skill_key(raw: str) -> str:
    """The canonical key of a skill name (as :func:`stack_keys` gives them); memoised."""
    key = _KEY_OF.get(raw)
    return key if key is not None else canonical_skill(raw)[0]


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
    been seen before (one lookup per name in the memo)."""
    try:
        return set(map(_KEY_OF.__getitem__, stack))  # type: ignore[arg-type]
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

_GLUED_AFTER = frozenset("-&'’+#!@$%*=•·")  # Go-to, R&D, C++, C#, Go!, C's, C-level, C•CURE
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


@dataclass(frozen=True, slots=True)
class _Matcher:
    """The Aho-Corasick automaton over every lowercased name and alias of two or more characters,
    and a regex for the one-letter names ("R", "C"): as automaton patterns they would match every
    letter r and c of a text, only to be rejected one by one."""

    automaton: ahocorasick.Automaton
    letters: re.Pattern[str] | None
    letter_values: dict[str, tuple[int, str | None, str | None, bool, bool, str | None]]


def _build_automaton() -> _Matcher:
    """Build the matcher. Each pattern's value is ``(length, canonical name or None, exact form or
    None, has context rule, may take a glued version number, cue kind or None)``: the same pass also
    finds the cue phrases that :func:`read_posting` needs (:data:`jobs.sections.CUES` and the nouns
    of people and organisations), so a posting is scanned once."""
    automaton = ahocorasick.Automaton()
    values: dict[str, tuple[int, str | None, str | None, bool, bool, str | None]] = {}
    letter_values: dict[str, tuple[int, str | None, str | None, bool, bool, str | None]] = {}
    for skill in _index().skills:
        for form in skill.forms:
            key = _key(form)
            exact = form if form in skill.case_sensitive else None
            contextual = exact is not None and exact in _CONTEXT_RULES
            versionable = key[-1].isalpha() and not contextual
            value: tuple[int, str | None, str | None, bool, bool, str | None] = (
                len(key), skill.name, exact, contextual, versionable, None)
            if len(key) == 1:
                for char in {exact} if exact else {key, key.upper()}:
                    letter_values[char] = value
            else:
                values[key] = value
    for kind, phrases in _cue_phrases().items():
        for phrase in phrases:
            skill_value = values.get(phrase)
            values[phrase] = (*skill_value[:5], kind) if skill_value else (len(phrase), None, None, False, False, kind)
    for key, value in values.items():
        automaton.add_word(key, value)
    automaton.make_automaton()
    # The letter first (a fast character-class scan), the word boundary before it checked by hand.
    letters = re.compile(rf"[{re.escape(''.join(sorted(letter_values)))}](?!\w)") if letter_values else None
    return _Matcher(automaton, letters, letter_values)


@cache
def _automaton() -> _Matcher:
    return _build_automaton()


@cache
def _cue_phrases() -> dict[str, tuple[str, ...]]:
    return CUES


def _normalise_blanks(text: str) -> str:
    """Irregular blanks as single spaces (multi-word patterns have single spaces)."""
    if any(blank in text for blank in _IRREGULAR_BLANKS):
        text = _EXTRA_WHITESPACE.sub(" ", text)
    return text


def _scan(text: str, cues: dict[str, list[int]] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every skill mention in ``text`` (blanks already normalised),
    after the whole-word, case and context checks and the leftmost-longest resolution, in order.

    When ``cues`` is given, the offsets of the cue phrases found in the same pass are added to it,
    by kind (a cue counts where it starts a word)."""
    matcher = _automaton()
    low = text.lower()
    if len(low) != len(text):  # a few non-ASCII characters change length when lowercased
        low = text.translate(_ASCII_LOWER)
    low = low.replace("\n", " ")
    if "’" in low:
        low = low.replace("’", "'")
    n = len(low)

    candidates: list[tuple[int, int, str]] = []
    if matcher.letters is not None:
        for match in matcher.letters.finditer(text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue
            length, name, exact, contextual, _, _ = matcher.letter_values[match.group()]
            if name is None:
                continue
            if contextual and exact is not None and not _ambiguous_name_ok(text, start, start + 1, exact):
                continue
            candidates.append((start, -1, name))
    for last, (length, name, exact, contextual, versionable, cue) in matcher.automaton.iter(low):
        start = last - length + 1
        if start:
            c = low[start - 1]
            if c.isalnum() or c == "_":
                continue
        if cue is not None:
            if cues is not None:
                cues[cue].append(start)
            if name is None:
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
    found: list[tuple[int, int, str]] = []
    covered_until = 0
    for start, negative_length, name in candidates:
        if start < covered_until:
            continue  # overlaps a longer (or earlier) match
        covered_until = start - negative_length
        found.append((start, covered_until, name))
    return found


def extract_skills(text: str) -> list[str]:
    """Canonical skill names mentioned in ``text``, in order of first appearance, no duplicates.

    Every mention counts, wherever it sits in the text: :func:`read_posting` is the reading of a
    job posting. See the module docstring for the matching rules (whole words, case-sensitive
    forms, the Go/R/C context rule, leftmost-longest).

    >>> extract_skills("Senior engineer: Go, k8s and Postgres; ASP.NET Core a plus. Let's go!")
    ['Go', 'Kubernetes', 'PostgreSQL', 'ASP.NET Core']
    """
    if not text:
        return []
    return list(dict.fromkeys(name for _, _, name in _scan(_normalise_blanks(text))))


def _version_then_boundary(low: str, i: int) -> bool:
    """True if ``low[i:]`` starts with a version number ("3", "8", "3.12") then a non-word char."""
    n = len(low)
    while i < n and (low[i].isdigit() or (low[i] == "." and i + 1 < n and low[i + 1].isdigit())):
        i += 1
    return i == n or not (low[i].isalnum() or low[i] == "_")


# --------------------------------------------------------------------------------------------
# Reading a posting like a recruiter
# --------------------------------------------------------------------------------------------

_ASKING_PARTS = frozenset(part for part in Part if part.asks)

#: Categories that are never tech skills: they go to :attr:`PostingSkills.soft`.
SOFT_CATEGORIES: frozenset[str] = frozenset({"soft", "spoken"})


def is_soft_skill(name: str) -> bool:
    """Whether ``name`` is a soft skill or a spoken language of the taxonomy (never a tech skill)."""
    return category_of(name) in SOFT_CATEGORIES


@dataclass(frozen=True, slots=True)
class PostingSkills:
    """What a posting asks of the candidate, as canonical names in order of first mention.

    ``required`` and ``preferred`` hold tech skills only (a skill asked anywhere as a must-have is
    required, never both); ``soft`` holds soft skills and spoken languages, asked or a plus.
    """

    required: tuple[str, ...] = ()
    preferred: tuple[str, ...] = ()
    soft: tuple[str, ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """The spoken languages among :attr:`soft`."""
        return tuple(name for name in self.soft if category_of(name) == "spoken")


# The discipline a job title names, as the skill a recruiter lists for it ("Frontend Engineer" ->
# Frontend Development). Only the title is read this way: in the text, "our frontend engineers" are
# colleagues. Names missing from the taxonomy are skipped.
# (needles, pattern, skill): the pattern only runs on a title holding one of its needles.
_TITLE_DISCIPLINE_LIST: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("front",), r"\bfront[- ]?end\b", "Frontend Development"),
    (("back",), r"\bback[- ]?end\b", "Backend Development"),
    (("full",), r"\bfull[- ]?stack\b", "Full-Stack Development"),
    (("machine learning", "ml "), r"\b(?:machine learning|ml) (?:engineer|scientist|researcher|developer)",
     "Machine Learning"),
    (("ai ",), r"\bai (?:engineer|developer|researcher)", "Artificial Intelligence"),
    (("data engineer",), r"\bdata engineer", "Data Engineering"),
    (("data scien",), r"\bdata scien", "Data Science"),
    (("data analy",), r"\bdata analy", "Data Analysis"),
    (("reliability", "sre"), r"\bsite reliability\b|\bsre\b", "Site Reliability Engineering"),
    (("platform engineer",), r"(?<!data )\bplatform engineer", "Platform Engineering"),
    (("qa", "quality", "tester", "test analyst", "test engineer", "sdet"),
     r"\b(?:qa|quality assurance|quality engineer|software tester|test analyst|test engineer)\b|\bsdet\b",
     "Quality Assurance"),
    (("embedded",), r"\bembedded\b(?! linux)", "Embedded Systems"),
    (("firmware",), r"\bfirmware\b", "Firmware"),
    (("mobile",), r"\bmobile (?:engineer|developer|entwickler)", "Mobile Development"),
    (("product designer",), r"\bproduct designer", "Product Design"),
    (("pen",), r"\bpenetration tester|\bpentester|\bpen tester", "Penetration Testing"),
    (("detection engineer",), r"\bdetection engineer", "Detection Engineering"),
    (("application security", "appsec"), r"\bapplication security|\bappsec\b", "Application Security"),
    (("cloud engineer",), r"\bcloud engineer", "Cloud Computing"),
    (("release engineer",), r"\brelease engineer", "Release Engineering"),
    (("performance test",), r"\bperformance test", "Performance Testing"),
    (("recruit",), r"\b(?:technical|tech|it) recruit", "Technical Recruiting"),
    (("growth market",), r"\bgrowth market", "Growth Marketing"),
    (("marketing analy",), r"\bmarketing analy", "Marketing Analytics"),
    (("product manager", "product owner"), r"\bproduct (?:manager|owner)", "Product Management"),
    (("project manager",), r"\bproject manager", "Project Management"),
    (("technical writer",), r"\btechnical writer", "Technical Writing"),
)
_TITLE_DISCIPLINES = tuple((re.compile(pattern), name) for _, pattern, name in _TITLE_DISCIPLINE_LIST)
_TITLE_NEEDLES = tuple((needle, i) for i, (needles, _, _) in enumerate(_TITLE_DISCIPLINE_LIST) for needle in needles)


@lru_cache(maxsize=4096)
def _title_skills(title: str) -> tuple[tuple[str, str | None], ...]:
    """(name, category) of the skills a title names and the discipline it names; titles repeat, so
    this is memoised."""
    categories = _categories()
    found = [(name, categories.get(name)) for _, _, name in _scan(title)]
    low = title.lower()
    for i in sorted({i for needle, i in _TITLE_NEEDLES if needle in low}):
        pattern, name = _TITLE_DISCIPLINES[i]
        if name in categories and pattern.search(low):
            found.append((name, categories[name]))
    return tuple(found)


# Nouns of an organisation: a domain word right before one describes the company ("an AI company",
# "AI-first company", "a big data platform"), it is not asked of the candidate.
_ORG_NOUNS = frozenset(
    {"company", "companies", "startup", "start-up", "scale-up", "scaleup", "firm", "fintech", "insurtech",
     "healthtech", "proptech", "lab", "labs", "laboratory", "consultancy", "agency", "studio", "unicorn",
     "business", "provider", "vendor", "leader", "pioneer", "organisation", "organization", "unternehmen",
     "firma", "dienstleister"}
)
# Only after "is a/the" or "we are a": "the DevSecOps platform", "an observability product".
_DESCRIBED_NOUNS = _ORG_NOUNS | {"platform", "product", "team", "shop", "house", "marketplace", "tool", "suite"}
_DESCRIPTOR_CATEGORIES = frozenset({"ml", "data", "practice", "security", "cloud", "soft"})
# Words allowed between a domain word and the noun: "AI-first", "AI-powered", "AI research lab".
_DESCRIPTOR_FILLERS = frozenset(
    {"first", "powered", "driven", "based", "native", "focused", "centric", "enabled", "led", "research",
     "and", "software", "tech", "technology", "data", "small", "fast-growing", "growing", "person", ","}
)
_COPULA = frozenset({"is", "are", "we're", "we’re", "as", "be", "become", "being", "sind", "ist", "we"})
# Colleagues: "our iOS engineer", "UX designers", "tell a Java developer from ...", "the firmware team".
_PEOPLE_NOUNS = frozenset(
    {"engineer", "engineers", "developer", "developers", "designer", "designers", "scientist", "scientists",
     "analyst", "analysts", "manager", "managers", "architect", "architects", "specialist", "specialists",
     "experts", "lead", "leads", "team", "teams", "squad", "squads", "people", "colleagues", "desk", "recruiter",
     "recruiters", "consultant", "consultants", "advocates", "folks", "guild", "chapter", "practitioners",
     "entwickler", "entwicklerin", "entwicklerinnen", "kollegen", "kolleginnen"}
)
# ... unless the candidate is one: "as a Python developer", "we're hiring a Go engineer".
_CANDIDATE_WORDS = frozenset({"as", "hiring", "hire", "seeking", "become", "be", "you're", "you", "experienced", "are",
                              "als", "is"})
# A device or a user of a platform, not work on it: "cheap Android phones", "our iOS and Android apps".
_DEVICE_NOUNS = frozenset({"phones", "phone", "handsets", "users", "owners", "customers", "tablets", "store"})
_OWN_APP_NOUNS = ("app", "apps", "application", "applications")
_DEVICE_CATEGORIES = frozenset({"mobile", "os"})
# Skills that are also first names: "Ray Okafor", "Julia, our Head of Quality".
_PERSON_NAMES = frozenset({"Ada", "Ray", "Julia", "Pascal", "Ruby", "Crystal", "Elixir", "Dart", "Rust", "Scala",
                           "Flask", "Spring", "Jasmine", "Mocha", "Chai", "Sage", "Gin", "Apex", "Delphi", "Luigi"})
_PERSON_TITLES = frozenset(
    {"recruiter", "cto", "ceo", "cfo", "coo", "cpo", "founder", "co-founder", "cofounder", "manager", "colleague",
     "ansprechpartner", "ansprechpartnerin", "hi", "dear", "contact", "meet", "ask", "mr", "mr.", "mrs", "mrs.",
     "ms", "ms.", "dr", "dr.", "herr", "frau", "head", "director", "vp", "president", "partner"}
)
_SURNAME = re.compile(r" ([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\b")
_APPOSITION = re.compile(r",\s+(?:our|the|who|a|an|his|her|their)\b")
# Skills spelt like an English verb: at the start of a sentence or bullet and followed by a
# lowercase word they are the verb ("Render large drawings", "Combine both"), not the product.
_VERB_FORMS = frozenset({"Render", "Combine", "Express", "Spark", "Sketch", "Flux"})
_AFTER_VERB_FORM_OK = frozenset({"and", "or", "is", "are", "experience", "skills", "knowledge", "framework", "apps",
                                 "app", "jobs", "applications", "sql", "streaming", "js", "for", ","})
_OPENER_BEFORE = re.compile(r"(?:^|[.!?:]\s+|\n\s*(?:[-*•·–—>]\s*)?)$")
# Words that ask for the employer's own product: "experience with Stripe's API", "you've used GitLab CI".
_ASKING_BEFORE = re.compile(
    r"\b(?:experience|familiar(?:ity)?|knowledge|expertise|proficien(?:t|cy)|skilled|comfortable|background"
    r"|worked|work(?:ing)?|used|using|built|integrat(?:e|ed|ing)|certifi\w*|hands-on|exposure)"
    r"(?:\s+(?:with|in|of|on|using|to|the|our|a|an))*\s+$",
    re.IGNORECASE,
)
_ASKED_AFTER = re.compile(r"(?:'s|’s)?\s+(?:APIs?|SDKs?|integrations?|certification)\b")
_LEGAL_SUFFIXES = re.compile(
    r"[\s,]+(?:gmbh(?:\s*&\s*co\.?\s*kg)?|ag|se|kg|ltd\.?|limited|llc|l\.l\.c\.|inc\.?|incorporated|corp\.?"
    r"|corporation|plc|b\.v\.|bv|n\.v\.|s\.a\.|sa|s\.r\.l\.|srl|oy|ab|as|aps|pty|co\.|& co\.?|group|holding)$",
    re.IGNORECASE,
)
# A spoken language counts when the word after it, if any, is about speaking it ("German is a plus",
# "fluent English (C1)"), not when it qualifies a noun ("German customers", "a Dutch work permit").
_LANGUAGE_NEXT = frozenset(
    {"and", "or", "is", "are", "would", "will", "skills", "skill", "language", "languages", "proficiency",
     "level", "fluency", "fluent", "speaker", "speakers", "speaking", "as", "a", "an", "required", "preferred",
     "desirable", "both", "plus", "nice", "knowledge", "communication", "written", "spoken", "native", "in", "to",
     "with", "also", "on", "for", "at", "c1", "c2", "b1", "b2", "mandatory", "essential", "und", "oder", "ist",
     "sind", "von", "wünschenswert", "fließend", "auf", "kenntnisse", "sprachkenntnisse", "&", "+", "and/or",
     "necessary", "needed", "helps", "useful", ","}
)
_YEAR_AFTER = re.compile(r"\s*(?:['’]\d\d\b|(?:19|20)\d\d\b)")


_LIST_WORDS = frozenset({",", "and", "or"})
# The words after a mention, and the categories, that some rule of _Mentions.asked looks at.
_RULE_WORDS_AFTER = (_PEOPLE_NOUNS | _LIST_WORDS | _DESCRIBED_NOUNS | _DESCRIPTOR_FILLERS | _DEVICE_NOUNS
                     | frozenset(_OWN_APP_NOUNS))
_RULE_CATEGORIES = frozenset({"spoken"}) | _DEVICE_CATEGORIES


@cache
def _surface_rule_names() -> frozenset[str]:
    """The canonical names of the forms the surface rules look at (person names, verb forms, "QA")."""
    forms = _PERSON_NAMES | _VERB_FORMS | {"QA", "Spring"}
    return frozenset(skill.name for skill in _index().skills if forms & set(skill.forms))
_NEXT_WORD = re.compile(r"[ \t-]*(,|[^\s,;:.!?()\[\]{}\"“”]+)")
_WORD = re.compile(r"[^\s,;:.!?()\[\]{}\"“”]+")
_LETTERS = re.compile(r"[^\W\d_]+")
# What joins the members of a list: "Python, Go", "iOS and Android", "C/C++", "Java or Kotlin".
_GLUE_WORDS = frozenset({"", "/", "and", "or", "&", "and/or", "und", "oder"})


def _next_words(text: str, end: int, count: int) -> list[str]:
    """Up to ``count`` lowercased words after ``end`` within the sentence (commas kept as words)."""
    words: list[str] = []
    i, n = end, len(text)
    while len(words) < count:
        while i < n and text[i] in " \t-":
            i += 1
        if i >= n or text[i] in ".;:!?()\n\"“”":
            break
        if text[i] == ",":
            words.append(",")
            i += 1
            continue
        match = _WORD.match(text, i)
        if match is None:
            break
        words.append(match.group(0).lower())
        i = match.end()
    return words


def _prev_words(text: str, start: int, count: int) -> list[str]:
    """Up to ``count`` lowercased words before ``start`` within the sentence, nearest first."""
    chunk = text[max(0, start - 60):start]
    cut = max(chunk.rfind(". "), chunk.rfind("\n"), chunk.rfind(";"), chunk.rfind(":"))
    if cut >= 0:
        chunk = chunk[cut + 1:]
    return [w.lower().strip(",") for w in chunk.split()[-count:]][::-1]


@lru_cache(maxsize=4096)
def _company_names(company: str) -> tuple[str, ...]:
    """Lowercased forms of the employer's name that mark its own products: the name, the name without
    its legal suffix, and its first word when that is a word of its own ("helm" of "Helm Marine")."""
    name = " ".join((company or "").split())
    if not name:
        return ()
    forms = {name.lower()}
    bare = name
    while True:
        shorter = _LEGAL_SUFFIXES.sub("", bare).strip(" ,")
        if shorter == bare or not shorter:
            break
        bare = shorter
    forms.add(bare.lower())
    first_word = bare.split()[0].strip(",.").lower()
    if len(first_word) >= 3:
        forms.add(first_word)
    return tuple(sorted(forms, key=len, reverse=True))


class _Mentions:
    """The skill mentions of one posting's text and the rules that tell which are asked of the candidate."""

    def __init__(self, text: str, hits: list[tuple[int, int, str]], company: str, posting: PostingText) -> None:
        self.text = text
        self.hits = hits
        self.posting = posting
        self.company_forms = _company_names(company)
        self.company_spans: list[tuple[int, int]] = []
        if self.company_forms:
            low = posting.low
            for form in self.company_forms:
                at = low.find(form)
                while at >= 0:
                    self.company_spans.append((at, at + len(form)))
                    at = low.find(form, at + 1)
            self.company_spans.sort()
        # Offsets covered by the company's name: a mention is the company's when it lies within one.
        self._company_mask = bytearray(len(text) + 1) if self.company_spans else bytearray()
        for span_start, span_end in self.company_spans:
            self._company_mask[span_start:span_end] = b"\x01" * (span_end - span_start)
        # Each mention's list ("iOS and Android", "Python, Go or Rust"): where it starts and ends.
        n = len(hits)
        firsts = [0] * n
        for i in range(1, n):
            gap_start, gap_end = hits[i - 1][1], hits[i][0]
            glued = gap_end - gap_start <= 9 and text[gap_start:gap_end].strip(" ,") in _GLUE_WORDS
            firsts[i] = firsts[i - 1] if glued else i
        self.group_starts = [hits[first][0] for first in firsts]
        self.group_ends = [0] * n
        last_end = hits[-1][1] if n else 0
        for i in range(n - 1, -1, -1):
            if i < n - 1 and firsts[i + 1] != firsts[i]:
                last_end = hits[i][1]
            self.group_ends[i] = last_end
        self._after: dict[int, str] = {}
        self._following: dict[int, frozenset[str]] = {}
        self._surface_names = _surface_rule_names()
        self._degrees = posting.has_cues("degree")

    def asked(self, i: int, category: str | None) -> bool:
        """Whether mention ``i`` is a skill asked of the candidate (not a name, a product, a colleague...)."""
        start, end, name = self.hits[i]
        group_end = self.group_ends[i]
        after = self._after.get(group_end)
        if after is None:
            match = _NEXT_WORD.match(self.text, group_end)
            after = self._after[group_end] = match.group(1).lower() if match else ""
        if not (after in _RULE_WORDS_AFTER or category in _RULE_CATEGORIES or name in self._surface_names
                or (self.company_spans and self._is_company_name(start, end))):
            # No rule of _asked applies but the field-of-study one: the common case, decided cheaply.
            return not (self._degrees and self.posting.after_degree(self.group_starts[i]))
        return self._asked(i, category, after)

    def _asked(self, i: int, category: str | None, after: str) -> bool:
        text = self.text
        start, end, name = self.hits[i]
        group_end = self.group_ends[i]

        if self.company_spans and self._is_company_name(start, end) and not (
                _ASKING_BEFORE.search(text, max(0, start - 80), start) or _ASKED_AFTER.match(text, end)):
            return False
        if after:
            if (after in _PEOPLE_NOUNS or (after in _LIST_WORDS and self._near(group_end, _PEOPLE_NOUNS))) \
                    and category not in SOFT_CATEGORIES and self._colleagues(i):
                return False
            if category in _DESCRIPTOR_CATEGORIES and (after in _DESCRIBED_NOUNS or (
                    (after in _DESCRIPTOR_FILLERS or text.startswith("-", group_end))
                    and self._near(group_end, _DESCRIBED_NOUNS))) \
                    and self._describes_organisation(self.group_starts[i], group_end):
                return False
            if category == "spoken" and after not in _LANGUAGE_NEXT:
                return False
        if category in _DEVICE_CATEGORIES:
            if after in _DEVICE_NOUNS:
                return False
            if (after in _OWN_APP_NOUNS or text[start:end].endswith(_OWN_APP_NOUNS)) \
                    and "our" in _prev_words(text, self.group_starts[i], 3):
                return False
        if name in self._surface_names:
            surface = text[start:end]
            if surface in _PERSON_NAMES and self._is_person(start, end):
                return False
            if surface in _VERB_FORMS and after and after[0].islower() and after not in _AFTER_VERB_FORM_OK \
                    and _OPENER_BEFORE.search(text, max(0, start - 6), start):
                return False
            if surface == "QA" and _prev_words(text, start, 1) == ["with"]:
                return False  # "work with QA": the team
            if name == "Spring Framework" and _YEAR_AFTER.match(text, end):
                return False  # "Spring '26", "Spring 2026": a season
        return not (self._degrees and self.posting.after_degree(self.group_starts[i]))

    def _colleagues(self, i: int) -> bool:
        """Mention ``i`` (with its list) names people, and not the candidate ("as a Python developer")."""
        return self._names_people(self.group_ends[i]) and not (
            set(_prev_words(self.text, self.group_starts[i], 3)) & _CANDIDATE_WORDS)

    def _near(self, end: int, words: frozenset[str]) -> bool:
        """Whether one of ``words`` is among the next few words (a cheap test before the exact one)."""
        following = self._following.get(end)
        if following is None:
            following = self._following[end] = frozenset(_LETTERS.findall(self.posting.low, end, end + 60))
        return not words.isdisjoint(following)

    def _names_people(self, end: int) -> bool:
        """The words after a skill (or a list of them) end in people: "engineers", "firmware, autonomy
        and hardware engineers", "the data team"."""
        after = _next_words(self.text, end, 6)
        if not after:
            return False
        if after[0] in _PEOPLE_NOUNS:
            return True
        if after[0] not in (",", "and", "or"):
            return False
        for k, word in enumerate(after[1:5], start=1):
            if word in _PEOPLE_NOUNS:
                return any(w in ("and", "or") for w in after[:k])
            if not (word in (",", "and", "or") or word.isalpha()):
                return False
        return False

    def _is_company_name(self, start: int, end: int) -> bool:
        """Whether the mention is the company's name or one of its products: it starts with the name
        ("GitLab CI" at GitLab) or lies within it ("Kafka" of "Kafka & Co.")."""
        if not self._company_mask[start]:
            return False  # the common case: nowhere near the company's name
        return self.posting.low.startswith(self.company_forms, start) or any(
            s <= start and end <= e for s, e in self.company_spans)

    def _describes_organisation(self, start: int, end: int) -> bool:
        before = _prev_words(self.text, start, 2)
        copula = len(before) > 1 and before[0] in ("a", "an", "the") and before[1] in _COPULA
        nouns = _DESCRIBED_NOUNS if copula else _ORG_NOUNS
        for word in _next_words(self.text, end, 4):
            parts = [p for p in word.split("-") if p]
            if word in nouns or any(p in nouns for p in parts):
                return True
            if not all(p in _DESCRIPTOR_FILLERS or p.isdigit() for p in parts or [word]):
                return False
        return False

    def _is_person(self, start: int, end: int) -> bool:
        text = self.text
        before = _prev_words(text, start, 1)
        if before and before[0] in _PERSON_TITLES:
            return True
        if _APPOSITION.match(text, end):
            return True
        match = _SURNAME.match(text, end)
        # A capitalised word that is not a skill follows: a surname ("Ray Okafor").
        return bool(match and canonicalize(match.group(1)) is None)


def read_posting(*, title: str, text: str, company: str = "") -> PostingSkills:
    """Read a job posting like a recruiter: what it asks of the candidate.

    - The text is cut into parts (:mod:`jobs.sections`): company introduction, role, requirements,
      nice-to-have, benefits, salary, hiring process, legal. Only the role, its requirements and
      its nice-to-haves add skills; the title always does, with the discipline it names
      ("Frontend Engineer" -> Frontend Development).
    - A skill is **preferred** when it sits under a nice-to-have heading or in a clause with an
      inline marker ("X is a plus", "bonus points for Y", "ideally Z"); otherwise **required**. A
      skill required anywhere is not also preferred.
    - Soft skills and spoken languages go to ``soft``, never to the tech lists; a language counts
      when it is asked ("fluent German", "German is a plus"), not as an adjective ("German
      customers").
    - Not skills: the employer's own name and products unless the text asks for experience with
      them ("experience with Stripe's API"); a domain word about an organisation ("an AI company",
      "the DevSecOps platform"); colleagues ("our iOS engineer", "UX designers"); devices and the
      company's own apps ("cheap Android phones", "our iOS and Android apps"); people's names
      ("Ray Okafor"); a season ("Spring '26"); a field of study ("a degree in statistics").
    - In the same sentence as an AWS service, "IAM" is AWS IAM; a list with one head noun counts
      for each member ("unit and integration tests").
    """
    title = _normalise_blanks(" ".join((title or "").split()))
    text = _normalise_blanks(text or "")
    categories = _categories()
    required: dict[str, None] = {}
    preferred: dict[str, None] = {}
    soft: dict[str, None] = {}

    def add(name: str, category: str | None, is_preferred: bool) -> None:
        if category in SOFT_CATEGORIES:
            soft[name] = None
        elif is_preferred:
            preferred[name] = None
        else:
            required[name] = None

    for name, category in _title_skills(title):
        add(name, category, False)

    cues: dict[str, list[int]] = {kind: [] for kind in _cue_phrases()}
    hits = _scan(text, cues) if text else []
    if hits or " test" in text:
        posting = PostingText(text, [start for start, _, _ in hits], cues)
        mentions = _Mentions(text, hits, company, posting)
        spans = posting.spans
        span_index, span_count = 0, len(spans)
        for i, (start, _, name) in enumerate(hits):
            if name in required or name in soft:
                continue  # already asked as a must-have: nothing this mention says can change that
            while span_index + 1 < span_count and spans[span_index + 1].start <= start:
                span_index += 1  # hits and spans are both in text order
            part = spans[span_index].part
            if part not in _ASKING_PARTS or (part is Part.PREFERRED and name in preferred):
                continue
            category = categories.get(name)
            if not mentions.asked(i, category):
                continue
            if name == "Identity and Access Management" and text.startswith("IAM", start) \
                    and _vendor_in_sentence(text, hits, start, ("AWS", "Amazon ")):
                name, category = "AWS IAM", categories.get("AWS IAM")
            if category in SOFT_CATEGORIES:
                soft[name] = None
            elif part is Part.PREFERRED or posting.preferred_at(start):
                preferred[name] = None
            else:
                required[name] = None
        for start, name in _elided(text, posting, hits):
            part = posting.part_at(start)
            if part.asks:
                add(name, categories.get(name), part is Part.PREFERRED or posting.preferred_at(start))
    return PostingSkills(
        required=tuple(required),
        preferred=tuple(name for name in preferred if name not in required),
        soft=tuple(soft),
    )


def _vendor_in_sentence(text: str, hits: list[tuple[int, int, str]], at: int, prefixes: tuple[str, ...]) -> bool:
    """Whether the sentence holding ``at`` names a skill of this vendor: "AWS (EKS, RDS, IAM)" is AWS IAM."""
    lo = max(0, at - 300)
    start = max(lo - 1, text.rfind(". ", lo, at), text.rfind("\n", lo, at)) + 1
    ends = [e for e in (text.find(". ", at, at + 300), text.find("\n", at, at + 300)) if e >= 0]
    end = min(ends) if ends else len(text)
    return any(start <= s < end and name.startswith(prefixes) for s, _, name in hits)


# "unit and integration tests", "functional, regression and user acceptance testing", "frontend and
# backend development": the head noun is written once for the whole list.


def _elided(text: str, posting: PostingText, hits: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    """(offset, skill) of the list members whose head noun is elided ("unit" of "unit and UI tests")."""
    found: list[tuple[int, str]] = []
    found_names: set[str] | None = None  # built when a member is found: most postings have none
    low = posting.low
    heads = []
    for head in _HEAD_NOUNS:
        at = low.find(" " + head)
        while at >= 0:
            end = at + 1 + len(head)
            # The conjunction sits just before the last member: "unit and integration tests".
            near = low[max(0, at - 30):at]
            if (end == len(low) or not low[end].isalnum()) and (" and " in near or " or " in near or " & " in near):
                heads.append((at + 1, head))
            at = low.find(" " + head, end)
    for at, head in heads:
        window = text[max(0, at - 90):at - 1]
        if " and " not in window and " or " not in window and " & " not in window:
            continue
        cut = max(window.rfind("\n"), window.rfind(". "), window.rfind(": "), window.rfind("("))
        base = max(0, at - 90) + cut + 1
        words = window[cut + 1:].split(" ")
        # From the right: the last member (one or two words, already named with its head), the
        # conjunction, then the members before it, separated by commas.
        conjunction = next((k for k in (len(words) - 2, len(words) - 3) if k >= 1 and words[k] in _CONJUNCTIONS), 0)
        end = conjunction - 1  # index of the last word of the member being read
        while end >= 0:
            member = words[end].rstrip(",")
            two = f"{words[end - 1]} {member}" if end >= 1 and not words[end - 1].endswith(",") else ""
            length = 1
            for candidate, size in ((two, 2), (member, 1)):
                name = _compound(candidate, head) if candidate else None
                if name:
                    length = size
                    if found_names is None:
                        found_names = {name for _, _, name in hits}
                    if name not in found_names:
                        found.append((base + len(" ".join(words[:end - size + 1])) + (end >= size), name))
                        found_names.add(name)
                    break
            end -= length
            if end < 0 or not words[end].endswith(","):
                break
    return found


_CONJUNCTIONS = frozenset({"and", "or", "&", "and/or"})


@lru_cache(maxsize=8192)
def _compound(member: str, head: str) -> str | None:
    """The skill "<member> <head>" names ("unit" + "tests" -> Unit Testing), if any."""
    return canonicalize(f"{member} {head}")
_HEAD_NOUNS = ("tests", "testing", "development", "engineering", "design")


@cache
def _categories() -> dict[str, str]:
    return {skill.name: skill.category for skill in _index().skills}
