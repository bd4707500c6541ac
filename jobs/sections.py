"""The parts of a job posting, read the way a recruiter reads them (pure Python, no Django).

A posting's text (``Job.description_text``: one line per HTML block, so headings sit on lines of
their own) is cut into consecutive spans, each a :class:`Part`:

- **Headings** start a part: a short line that reads like a heading ("What you'll bring", "Nice to
  have", "Über uns", "Dein Profil", "About Acme", "Why Acme", "As a Senior Engineer, you will"), or
  a heading followed by a colon at the start of a line or after a sentence ("Benefits: ...", "... in
  Python. Desirable: C++, TensorRT."). What a heading means comes from :data:`_HEADINGS`, anchored
  at its first words, so that a bullet such as "Experience in logistics" is never taken for one. A
  line that names a skill is never a heading (the caller says where skills were found).
- **The lead**, the text before the first heading, is the company's introduction when the posting
  has headings for the role or its requirements, except paragraphs that speak about the role
  ("you'll", "we're looking for", "is hiring"); in a posting without such headings (a snippet, a
  short ad) it is the role.
- **Boilerplate** is found wherever it sits: a sentence about equal opportunity or regulation
  (:attr:`Part.LEGAL`), salary prose (:attr:`Part.SALARY`) or the hiring process
  (:attr:`Part.PROCESS`) starts that part until the next heading. Inside a requirements list only
  equal-opportunity text does ("must be eligible to work in the UK" is a requirement).

:meth:`PostingText.preferred_at` tells whether an offset sits in a clause that an inline marker
makes "nice to have" ("X is a plus", "bonus points for Y", "ideally Z", "experience with A
preferred", "B von Vorteil").

Speed: the cue phrases of every rule (boilerplate, role talk, markers, fields of study) are found
in one Aho-Corasick pass over the lowercased text; the exact patterns only run where a cue is.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from enum import StrEnum
from functools import cache, lru_cache
from typing import NamedTuple

import ahocorasick

__all__ = ["CUES", "Part", "PostingText", "Span", "heading_part"]


class Part(StrEnum):
    COMPANY = "company"  # introduction, mission, product, values, how the company works
    ROLE = "role"  # what the role is and what you'll do
    REQUIRED = "required"  # requirements, qualifications, "what you bring"
    PREFERRED = "preferred"  # "nice to have", "bonus", "preferred qualifications"
    BENEFITS = "benefits"
    SALARY = "salary"
    PROCESS = "process"  # hiring process, how to apply, contact person
    LEGAL = "legal"  # equal opportunity, regulatory notes, background checks

    @property
    def asks(self) -> bool:
        """Whether skills named here are asked of the candidate."""
        return self in _ASKING


_ASKING = frozenset({Part.ROLE, Part.REQUIRED, Part.PREFERRED})


class Span(NamedTuple):
    """[start, end) of the text and the part it belongs to (a tuple: thousands are made per second)."""

    start: int
    end: int
    part: Part


# --------------------------------------------------------------------------------------------
# Headings
# --------------------------------------------------------------------------------------------

# (pattern, part), tried in this order on the normalised heading (lowercase, straight apostrophes,
# single spaces, no trailing colon), anchored at its start. "$" marks words that are only a heading
# when nothing follows them ("Bonus", "Skills", "Plus").
_HEADINGS: tuple[tuple[str, Part], ...] = (
    # "Nice to have" first: it shares words with others ("preferred qualifications").
    (r"(nice|good|great)[ -]to[ -]haves?|bonus( points)?|pluses|plus$|a plus|extra credit|desirable|desired"
     r"|preferred|preferably|ideally|optional|even better|brownie points|it would be (great|nice|a plus)"
     r"|it'd be (great|nice)|would be (great|nice)|strong candidates (may|might|will) also|you might also"
     r"|(what )?(would )?(makes?|sets?) you (stand out|apart)|bonus if|wünschenswert|von vorteil|pluspunkte"
     r"|das ist ein plus|idealerweise|wenn du (auch|zusätzlich)", Part.PREFERRED),
    (r"equal (employment )?opportunit(y|ies)|eeo|diversity|inclusion|accommodations?$|legal|privacy|disclaimer"
     r"|e-verify|chancengleichheit|datenschutz|(other )?notices?$|.* privacy notice$", Part.LEGAL),
    (r"(annual |base |yearly )?(salary|pay)( range| band| transparency)?$|compensation range|pay range"
     r"|gehalt|vergütung|salary( and| &)", Part.SALARY),
    (r"benefits|perks|what we offer|what we're offering|we offer|our offer|what's in it|what you('ll)? get"
     r"|compensation|total rewards|why (join|work)|why you'll love|why us$|why [a-z0-9][\w&.'-]*( [\w&.'-]+)?$"
     r"|pay and benefits|life at|working at|wir bieten|was wir bieten|das bieten wir|unser angebot"
     r"|deine vorteile|ihre vorteile|benefits bei|was dich bei uns erwartet|come work with us", Part.BENEFITS),
    (r"(our |the )?(hiring|interview|recruiting|recruitment|application) process|our process|how (we|to) (hire"
     r"|apply|interview)|next steps|apply now|interested|ready to apply|contact|dein ansprechpartner"
     r"|ihr ansprechpartner|ansprechpartner|bewerbung|so geht's weiter|kontakt|logistics$|where you'll be"
     r"|where you will be|location$|referral|find jobs", Part.PROCESS),
    (r"requirements|(minimum |basic |required |key |essential |technical |core )?qualifications|must[ -]haves?"
     r"|what you (will |'ll )?(bring|need|have)|what we('re| are) looking for|who we('re| are) looking for"
     r"|what we need|we need|you have|you bring|you'll (bring|need|have)|you should have|you will (need|have)"
     r"|about you|who you are|you are$|is this you|your (profile|skills|experience|background|qualifications)"
     r"|(key |required |technical |core )?skills( (and|&) (experience|qualifications))?$|experience$"
     r"|(tech|our|the) stack|tech$|technologies|tools( we use)?$|essential|must$|minimum requirements"
     r"|what it takes|what you'll need to succeed|you (might|may) be a (good )?fit|you('d| would) be a (good )?fit"
     r"|(a )?good fit|to be successful|we('d| would) love to hear from you if|we're excited about you if"
     r"|dein profil|ihr profil|profil$|anforderungen|was du mitbringst|was sie mitbringen|das bringst du mit"
     r"|das bringen sie mit|das solltest du mitbringen|du bringst mit|deine skills|qualifikationen"
     r"|voraussetzungen|kenntnisse$|was wir von dir erwarten|was wir erwarten", Part.REQUIRED),
    (r"(about |the |your )?(role|job|position|opportunity)$|about the (role|job|position|team|opportunity)"
     r"|(the |our |about the |meet the )team|what (you'll|you will|you'd) (do|be doing|work on|build|own)"
     r"|what the (team|role) (does|is)|in this role|as (a|an|our) .*(you will|you'll)$|you will$|you'll$"
     r"|(key |main |core )?responsibilities|your (responsibilities|role|tasks|mission|impact|day)|(key )?duties|tasks$"
     r"|day[ -]to[ -]day|a day in the life|the work|the challenge|what we're building|what you'll achieve"
     r"|deine aufgaben|ihre aufgaben|aufgaben|was dich erwartet|was sie erwartet|das erwartet dich"
     r"|deine rolle|die rolle", Part.ROLE),
    (r"about (us|[^\s].*)|who we are|(our )?(mission|story|values|culture|vision)|how we work|the company"
     r"|company( overview| description)?$|our company|über uns|wer wir sind|das sind wir|unternehmen"
     r"|unsere mission|introduction|overview$|how we're different|what makes us different|why we exist", Part.COMPANY),
)
# One alternation with a named group per part: the first (in the order above) that matches wins.
_HEADING_RE = re.compile("|".join(f"(?P<p{i}>(?:{pattern})(?:\\b|$))" for i, (pattern, _) in enumerate(_HEADINGS)))
_HEADING_PARTS = {f"p{i}": part for i, (_, part) in enumerate(_HEADINGS)}
_LEADING_SYMBOLS = re.compile(r"^[^\w]+")
_MAX_HEADING_WORDS = 9
_MAX_INLINE_HEADING_WORDS = 6
_BULLETS = "-*•·–—>#▪◦●"


@lru_cache(maxsize=8192)  # postings repeat the same few dozen headings
def heading_part(text: str) -> Part | None:
    """The part a heading starts ("Nice to have" -> PREFERRED), or None if it is not a heading.

    >>> heading_part("What you'll bring:"), heading_part("Über uns"), heading_part("Experience in retail")
    (<Part.REQUIRED: 'required'>, <Part.COMPANY: 'company'>, None)
    """
    heading = text.strip().strip(_BULLETS).strip().rstrip(":!").strip().lower()
    heading = " ".join(heading.replace("’", "'").replace("*", "").split())
    if heading and not heading[0].isalnum():  # "🏆 Perks & Benefits", "» Requirements"
        heading = _LEADING_SYMBOLS.sub("", heading)
    words = heading.count(" ") + 1
    if not heading or words > _MAX_HEADING_WORDS + 3:
        return None
    match = _HEADING_RE.match(heading)
    if match is None:
        return None
    if words > _MAX_HEADING_WORDS and not heading.endswith(("you will", "you'll")):
        return None
    return _HEADING_PARTS[match.lastgroup or ""]




def _headings(text: str, skill_starts: list[int]) -> list[tuple[int, Part]]:
    """(offset, part) of every heading: heading lines, and "Heading:" at a line or sentence start."""
    found: list[tuple[int, Part]] = []
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        # Cheapest tests first: most lines are long, or end like a sentence or a list item.
        if len(line) > 100 or not line or line[-1] in ".,; " or line.count(" ") > _MAX_HEADING_WORDS + 2:
            if not line or line[-1] != " " or not line.strip():
                continue
            line = line.rstrip()
            if line[-1] in ".,;" or len(line) > 100:
                continue
        if _has_skill(start, start + len(line), skill_starts):
            continue
        part = heading_part(line)
        if part is not None:
            found.append((start + len(line) - len(line.lstrip()), part))
    colon = text.find(":")
    if colon >= 0:
        lines = {start for start, _ in found}
        while colon >= 0:
            if (colon + 1 == len(text) or text[colon + 1] in " \t\n") and \
                    text.rfind("\n", 0, colon) + 1 not in lines:  # not a heading line found above
                label_start = _label_start(text, colon)
                if label_start is not None and label_start not in lines \
                        and not _has_skill(label_start, colon, skill_starts):
                    part = heading_part(text[label_start:colon])
                    if part is not None:
                        found.append((label_start, part))
            colon = text.find(":", colon + 1)
        found.sort()
    return found


def _label_start(text: str, colon: int) -> int | None:
    """Where the few words before a colon start, if they open a line or follow a sentence."""
    lo = max(0, colon - 62)
    start = -1
    for stop in ("\n", ". ", "! ", "? ", "… ", ".) "):
        at = text.rfind(stop, lo, colon)
        if at >= 0:
            start = max(start, at + len(stop))
    if start < 0:
        if lo > 0:
            return None
        start = 0
    label = text[start:colon]
    if not label.strip() or label.count(" ") >= _MAX_INLINE_HEADING_WORDS or any(c in label for c in ".!?:"):
        return None
    return start + len(label) - len(label.lstrip())


def _has_skill(start: int, end: int, skill_starts: list[int]) -> bool:
    i = bisect_left(skill_starts, start)
    return i < len(skill_starts) and skill_starts[i] < end


# --------------------------------------------------------------------------------------------
# Cues: phrases found in one pass, checked where they are
# --------------------------------------------------------------------------------------------

CUES: dict[str, tuple[str, ...]] = {
    # Equal-opportunity text: it ends even a requirements list.
    "eeo": ("equal opportunit", "equal employment opportunit", "equal-opportunit", "discriminat", "without regard to",
            "protected by law", "protected characteristic", "protected veteran", "affirmative action",
            "chancengleichheit", "gleichbehandlung"),
    "legal": ("reasonable accommodation", "reasonable adjustment", "accommodation during",
              "accommodations during", "accommodation throughout", "accommodations throughout", "background check",
              "background and credit check", "e-verify", "authorised by", "authorized by",
              "authorised and regulated by", "authorized and regulated by", "regulated by the",
              "pre-employment check", "dbs check",
              "committed to equality", "committed to diversity",
              "committed to building a diverse", "committed to creating an inclusive", "eligible to work in",
              "right to work in", "export-controlled", "export controlled", "contingent on",
              "we welcome applications from", "we welcome applicants from", "we encourage applications from",
              "we encourage applicants from", "value diversity", "values diversity", "celebrate diversity"),
    "salary": ("salary range", "salary band", "salary for this", "base pay", "pay range", "compensation range",
               "compensation package", "compensation for this", "final offer", "final compensation",
               "the range below", "the range above", "range shown below"),
    "process": ("hiring process", "interview process", "recruiting process", "recruitment process", "interviews are",
                "interviews consist", "we interview", "we reply", "we respond to every", "we answer every",
                "we get back to", "send us your cv", "send your cv", "send us your resume", "send your resume",
                "send us your application", "apply with your", "how to apply", "freuen uns auf deine bewerbung",
                "freuen uns auf ihre bewerbung", "no agencies"),
    # Words of the inline "nice to have" markers (the exact patterns are below).
    "marker": ("plus", "bonus", "advantage", "benefit", "nice to have", "nice-to-have", "desirable", "preferred",
               "welcome", "appreciated", "helpful", "ideally", "preferably", "optionally", "optional", "extra point",
               "brownie point", "even better", "would be great", "would be nice", "it'd be great", "great if",
               "nice if", "idealerweise", "gerne auch", "gern auch", "im besten fall", "optimalerweise", "von vorteil",
               "wünschenswert", "gern gesehen", "also nice", "might have", "might also have", "may have",
               "may also have", "not required"),
    # A field of study: "a degree in statistics", "Studium der Informatik".
    "degree": ("degree", "studium", "studiengang", "student/in", "studentin", "bachelor", "master's", "masters",
               "bsc", "msc", "b.sc", "m.sc", "phd", "ph.d", "diploma", "diplom", "ausbildung"),
}
# A lead paragraph that talks about the role or the candidate (searched in the lead only).
_ROLE_SIGNAL = re.compile(
    r"\byou(?:'ll| will|'d| would| can expect| are going to)\b|\byour (?:role|job|work|team|day)\b"
    r"|\b(?:we're|we are|is|are) (?:looking for|hiring|seeking|searching for)\b|\bwe need an? \b"
    r"|\bthis (?:role|position|job)\b|\bthe (?:role|position)\b|\bjoin (?:our|the|us|their)\b|\bin this role\b"
    r"|\bwir suchen\b|\bdu wirst\b|\bdu (?:arbeitest|entwickelst|bist)\b|\bsie werden\b|\bals (?:teil|verstärkung)\b"
)
# Every role signal holds one of these: a cheap test before the pattern.
_ROLE_ANCHORS = ("you", "looking for", "hiring", "seeking", "searching for", "we need", "this role", "this position",
                 "this job", "the role", "the position", "join ", "wir suchen", "du ", "sie werden", "als teil",
                 "als verstärkung")
# Words that end a field of study and start what is asked next.
_NOT_A_FIELD = frozenset({"and", "with", "plus", "experience", "knowledge", "skills", "strong", "solid", "good",
                          "und", "mit", "erfahrung", "kenntnisse", "as", "as well"})
_BOILERPLATE = {"eeo": Part.LEGAL, "legal": Part.LEGAL, "salary": Part.SALARY, "process": Part.PROCESS}


@cache
def _cue_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for kind, phrases in CUES.items():
        for phrase in phrases:
            automaton.add_word(phrase, (kind, len(phrase)))
    automaton.make_automaton()
    return automaton


# The marker follows what it qualifies: "Kafka is a plus", "experience with Go is preferred".
_TRAILING_MARKER = re.compile(
    r"(?:\b(?:is|are|would be|will be|'s|is also|are also|is definitely|is considered|counts as|as)\s+)"
    r"(?:an?\s+)?(?:big\s+|huge\s+|strong\s+|definite\s+|real\s+|nice\s+|added\s+|great\s+)?"
    r"(?:plus|bonus|advantage|benefit|nice[- ]to[- ]have|desirable|preferred|welcome|appreciated|helpful)\b"
    r"|\b(?:preferred|desirable|a plus|is nice to have|would be nice|would be great|welcome but not required"
    r"|not required but|nice[- ]to[- ]have)\b(?=\s*(?:[.;,)!]|$|but\b|and\b))"
    r"|\((?:preferred|nice[- ]to[- ]have|a plus|bonus|optional|desirable|ideally)\)"
    r"|\b(?:sind|ist|wäre|wären)\s+(?:ein\s+)?(?:großes\s+)?(?:von vorteil|wünschenswert|ein plus|plus|gern gesehen)\b"
    r"|\bvon vorteil\b|\bwünschenswert\b|\bgern gesehen\b"
)
# The marker precedes what it qualifies: "ideally STM32", "bonus points for Terraform".
_LEADING_MARKER = re.compile(
    r"\b(?:ideally|preferably|optionally|bonus points?(?: for| if)?|extra points? (?:for|if)|brownie points for"
    r"|plus points? for|a plus if|even better if|it would be (?:great|nice) if|it'd be great if|great if you"
    r"|nice if you|bonus if|idealerweise|gerne auch|gern auch|im besten fall|optimalerweise"
    r"|you might (?:also )?have|you may (?:also )?have|also nice)\b"
)
_CLAUSE_STOPS = (";", "\n", ". ", "! ", "? ", ": ")
_CLAUSE_REACH = 300


class PostingText:
    """A posting's text cut into parts, with what the skill rules need to know about its offsets.

    ``skill_starts`` are the sorted offsets where skills were found: a line holding one is not a
    heading.
    """

    def __init__(self, text: str, skill_starts: list[int], cues: dict[str, list[int]] | None = None) -> None:
        self.text = text
        self.low = low = text.lower().replace("’", "'") if "’" in text else text.lower()
        if len(low) != len(text):  # a few characters change length when lowercased: keep offsets
            self.low = low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text).replace("’", "'")
        if cues is None:  # the caller did not find them in its own pass over the text
            cues = {kind: [] for kind in CUES}
            for end, (kind, length) in _cue_automaton().iter(low.replace("\n", " ")):
                start = end - length + 1
                if start == 0 or not (low[start - 1].isalnum() or low[start - 1] == "_"):
                    cues[kind].append(start)
        self._cues = cues
        self.spans = self._split(skill_starts)
        self._span_starts = [span.start for span in self.spans]
        self._lines: dict[int, tuple[list[int], list[int], list[int]]] = {}
        self._marker_lines: set[int] | None = None

    # ---- parts

    def part_at(self, offset: int) -> Part:
        """The part holding ``offset``."""
        return self.spans[max(0, bisect_right(self._span_starts, offset) - 1)].part

    def _split(self, skill_starts: list[int]) -> list[Span]:
        text = self.text
        headings = _headings(text, skill_starts)
        lead_end = headings[0][0] if headings else len(text)
        structured = any(part in _ASKING for _, part in headings)
        spans = self._lead(lead_end, structured) if lead_end > 0 else []
        events = [(offset, 0, part, False) for offset, part in headings]
        for kind, part in _BOILERPLATE.items():
            for at in self._cues[kind]:
                events.append((_sentence_start(text, at), 1, part, kind == "eeo"))
        events.sort()
        current: Part | None = None
        for offset, is_boilerplate, part, eeo in events:
            if is_boilerplate and current in (Part.REQUIRED, Part.PREFERRED) and not eeo:
                continue
            if offset < lead_end:
                spans = [span for span in spans if span.start < offset]
            current = part
            spans.append(Span(offset, offset, part))
        return _merge(_tile(spans, len(text)))

    def _lead(self, end: int, structured: bool) -> list[Span]:
        """The paragraphs before the first heading: company introduction unless they speak about the
        role, or the role itself when the posting has no headings for the role or its requirements."""
        if not structured:
            return [Span(0, end, Part.ROLE)]
        text, low = self.text, self.low
        separator = "\n\n" if "\n\n" in text else "\n"
        spans = []
        start = 0
        while start < end:
            stop = text.find(separator, start, end)
            stop = end if stop < 0 else stop
            if stop > start:
                paragraph = low[start:stop]
                role = False
                for anchor in _ROLE_ANCHORS:
                    if anchor in paragraph:
                        role = _ROLE_SIGNAL.search(paragraph) is not None
                        break
                spans.append(Span(start, stop, Part.ROLE if role else Part.COMPANY))
            start = stop + len(separator)
        return spans or [Span(0, end, Part.COMPANY)]

    # ---- inline markers

    def preferred_at(self, at: int) -> bool:
        """Whether ``at`` sits in a clause that an inline marker makes "nice to have": after a leading
        marker ("ideally STM32", "bonus points for Terraform") or before a trailing one ("Kafka is a
        plus", "experience with Go is preferred"). A marker in parentheses only covers the
        parenthesis: in "a SIEM (Splunk preferred)" the SIEM is required."""
        text = self.text
        if self._marker_lines is None:
            self._marker_lines = {text.rfind("\n", 0, cue) + 1 for cue in self._cues["marker"]}
        if not self._marker_lines:
            return False
        line_start = text.rfind("\n", 0, at) + 1
        if line_start not in self._marker_lines:
            return False  # no marker word on this line
        line = self._lines.get(line_start)
        if line is None:
            line = self._line_markers(line_start)
        stops, trailing, leading = line
        j = bisect_left(stops, at)
        start = stops[j - 1] if j else line_start
        end = stops[j] if j < len(stops) else len(text)
        return any(start < m < end and m > at and self._same_scope(at, m, start) for m in trailing) or any(
            start <= m < at and self._same_scope(m, at, start) for m in leading)

    def _line_markers(self, line_start: int) -> tuple[list[int], list[int], list[int]]:
        """The clause stops and the marker offsets of the line starting at ``line_start``."""
        text, low = self.text, self.low
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        stops = sorted(at + 1 for stop in _CLAUSE_STOPS for at in _all(text, stop, line_start, line_end))
        line = (stops, [m.start() for m in _TRAILING_MARKER.finditer(low, line_start, line_end)],
                [m.start() for m in _LEADING_MARKER.finditer(low, line_start, line_end)])
        self._lines[line_start] = line
        return line

    def _same_scope(self, left: int, right: int, clause_start: int) -> bool:
        """False when ``right`` is inside a parenthesis that ``left`` is outside of."""
        text = self.text
        opened = text.rfind("(", max(clause_start, left - _CLAUSE_REACH), right)
        return opened < 0 or opened < left or text.find(")", opened, right) >= 0

    def has_cues(self, kind: str) -> bool:
        return bool(self._cues.get(kind))

    def cue_between(self, kind: str, start: int, length: int) -> bool:
        """Whether a cue of this kind starts in [start, start + length)."""
        cues = self._cues.get(kind, ())
        i = bisect_left(cues, start)
        return i < len(cues) and cues[i] < start + length

    # ---- fields of study

    def after_degree(self, at: int) -> bool:
        """Whether ``at`` names a field of study: it follows a degree cue by a few words ("a degree in
        statistics", "Studium der Informatik, Statistik"), not a skill asked after it ("a degree in
        physics and strong Python")."""
        cues = self._cues["degree"]
        i = bisect_left(cues, at) - 1
        if i < 0 or at - cues[i] > 60:
            return False
        between = self.low[cues[i]:at]
        return not any(stop in between for stop in (".", ";", ":", "\n")) and _NOT_A_FIELD.isdisjoint(
            between.replace(",", " ").split())


def _all(text: str, needle: str, start: int, end: int) -> list[int]:
    found = []
    at = text.find(needle, start, end)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1, end)
    return found


def _sentence_start(text: str, at: int) -> int:
    lo = max(0, at - _CLAUSE_REACH)
    return max(lo - 1, text.rfind("\n", lo, at), text.rfind(". ", lo, at) + 1, text.rfind("! ", lo, at) + 1,
               text.rfind("? ", lo, at) + 1) + 1


def _tile(spans: list[Span], n: int) -> list[Span]:
    """Extend the spans so they tile [0, n): each reaches the next one's start."""
    if not spans:
        return [Span(0, n, Part.ROLE)]
    return [Span(0 if i == 0 else span.start, spans[i + 1].start if i + 1 < len(spans) else n, span.part)
            for i, span in enumerate(spans)]


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].part is span.part:
            merged[-1] = Span(merged[-1].start, span.end, span.part)
        elif span.end > span.start or not merged:
            merged.append(span)
    return merged
