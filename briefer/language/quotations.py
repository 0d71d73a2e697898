"""Direct quotations in a whole article text, with offsets and their speakers.

The marks: curly (“ ”), straight (") and wire-style (`` '') quotation marks; single quotes only
inside a quotation; marks inside markup tags (<tweet author="...">) are not quotations. A
paragraph that opens a quotation without closing it continues into the next paragraph when that
one opens with a quotation mark (news style for a quote running over paragraphs). A quotation
split by its attribution (“It’s over,” she said. “For now.”) is given as its fragments, each with
the speaker. A direct quotation is given as the words inside its marks. A quoted phrase inside reported speech (Morris says the campaign will “compete
vigorously.”) is given as the reported clause, from the speech verb (or the verb of the person
the sentence is about) to the end of the sentence, as attribution corpora annotate it. A few
words in quotation marks that nothing attributes (“launch team”) are a term, not speech.

Speakers are read from the shapes of news attribution:
    “...,” X said.  “...,” said X, a title.  “...,” X, the title, said.  “...,” title X told ...
    X said: “...”  X said that ... “...”  According to X, ...  “...,” according to X.
    X wrote on X/Twitter: “...”  In a statement, X said ...  Analyst X: “...”
    X celebrated ..., saying “...”  X “felt a duty” to act, Y said.
A name is given in the fullest form the article uses for it ("Singh" -> "Rajnath Singh"), titles
dropped ("Republican Sen. John McCain" -> "John McCain"). A pronoun, or a definite description
such as "the official", takes the one person named in the nearest sentence before that names
anyone (the sentence's subject when it names several; never one whose pronoun differs); a
quotation standing alone continues the speaker of the sentence before it. "One official", "a
spokesman", "the statement" name no one. When that is unclear the speaker is None, not a guess.
Cue words are data: briefer/language/cues/*.txt. Everything is linear in the text's length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from briefer.core.cues import phrase_pattern, phrases
from briefer.core.lexicon import MONTHS, NUMBER_WORDS, WEEKDAYS
from briefer.core.text import STOPWORDS


@dataclass(frozen=True)
class Quotation:
    start: int  # offsets into the text given to find_quotes, the quoted words' first to last fragment
    end: int
    text: str
    speaker: str | None  # the fullest name the article gives, or None when it is unclear
    cue: str | None = None  # the attributing verb or phrase ("said", "according to")


@dataclass(frozen=True)
class Limits:
    """How far the readers look; named so they are tuned in one place."""

    min_chars: int = 2  # a quotation holds at least this many characters between its marks
    max_span_words: int = 700  # an unclosed quotation running longer than this is a stray mark
    quote_run_words: int = 200  # a quotation open longer than this before a sentence is no run of quoted sentences
    name_tokens: int = 9  # longest run of words read as one name with its titles
    listener_words: int = 14  # words between a speech verb and the quotation it introduces
    antecedent_sentences: int = 3  # how far back a pronoun looks for the person it stands for
    continuation_paragraphs: int = 1  # a quotation standing alone continues the speaker this far back
    apposition_phrases: int = 4  # comma-set phrases between a speaker and the verb ("X, 30, of Raleigh, N.C., said")
    apposition_words: int = 12  # words in one such phrase
    attribution_tail_words: int = 6  # words after "X said" that still end an attribution ("on Friday in Geneva")
    scare_quote_words: int = 3  # an unattributed quotation this short inside a sentence is a term, not speech


LIMITS = Limits()


def _words(name: str) -> frozenset[str]:
    return frozenset(phrases("language", name))


SPEECH_VERBS = _words("speech_verbs")
# The past forms of the verbs of saying ("said", "told", "warned", "claimed"), longest first.
PAST_SPEECH_VERBS = tuple(sorted((w for w in SPEECH_VERBS if " " not in w and (w.endswith("ed") or w in (
    "said", "told", "wrote", "spoke"))), key=len, reverse=True))
# Verbs of saying that as often do something else ("called an election", "the fighting continued"):
# alone they do not show someone spoke.
OTHER_SENSES = _words("speech_verbs_other_senses")
TITLE_MODIFIERS = _words("title_modifiers")  # "former", "national": part of a title, no title alone
ROLE_TITLES = _words("speaker_titles")  # a title that alone names a person's role: "minister", "senator"
TITLES = ROLE_TITLES | TITLE_MODIFIERS
PERSON_NOUNS = _words("person_nouns")
PRONOUNS = _words("pronouns")
ADVERBS = _words("speaker_adverbs")
INTROS = phrases("language", "attribution_intros")
INVERTED_VERBS = _words("inverted_verbs")
# Month names, not their abbreviations or "May": "Jun wrote", "Theresa May said".
_NOT_NAME = STOPWORDS | frozenset(WEEKDAYS) | frozenset(m for m in MONTHS if len(m) > 3 and m != "may") | _words(
    "not_names")
_DETERMINERS = _words("determiners")
_CONJUNCTIONS = _words("conjunctions")
_PARTICLES = _words("name_particles")
_ORGANISATION_HEADS = _words("organisation_heads")
_TO_AUXILIARIES = phrases("language", "to_auxiliaries")

# --- Marks -------------------------------------------------------------------------------------
_MARK = re.compile(r"``|''|[“”\"]")
_PARAGRAPH = re.compile(r"\n")
_OPENING_CONTEXT = frozenset(" \t\n([{—–-/\u00a0")


def _in_markup(text: str, at: int) -> bool:
    """A mark inside a markup tag (<tweet author="...">): an attribute value, not a quotation."""
    opened = text.rfind("<", max(0, at - 300), at)
    return opened >= 0 and text.rfind(">", opened, at) < 0 and re.match(r"</?[A-Za-z]", text[opened:opened + 2]) is not None


def _role(text: str, at: int, mark: str) -> str:
    """'open', 'close' or 'either' for the quotation mark at `at`."""
    if mark == "``":
        return "open"
    if mark == "“":  # a closing mark typed as an opening one: “Do you?“ he asked.
        before = text[at - 1] if at > 0 else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        return "either" if not before.isspace() and before in ".,?!;:" and (after.isspace() or after in ".,;:") else "open"
    if mark == "''":
        return "close"
    before = text[at - 1] if at > 0 else " "
    after = text[at + len(mark)] if at + len(mark) < len(text) else " "
    left = before in _OPENING_CONTEXT or before in "“‘"
    right = after.isspace() or after in ".,;:!?)]}—–-’'" or at + len(mark) >= len(text)
    if mark == "”":
        return "open" if left and not right else "close"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either"


def _paragraph_starts(text: str) -> list[int]:
    """Where each paragraph (a line with words on it) starts."""
    return [m.start() for m in re.finditer(r"^[ \t]*\S", text, re.M)]


def _opens_paragraph(text: str, at: int) -> bool:
    """The mark at `at` is the first thing of its paragraph."""
    line = text.rfind("\n", 0, at) + 1
    return not text[line:at].strip()


def open_quotation_at(text: str, start: int, runs: list[tuple[int, int]] | None = None) -> bool:
    """A quotation opened earlier in the paragraph is still open at `start`: a sentence there is
    the speaker's, a quotation running over several sentences (“We won. We rest now,” she said;
    a transcript's paragraphs). One open longer than LIMITS.quote_run_words words is a stray mark."""
    runs = quotation_runs(text) if runs is None else runs
    at = bisect_right(runs, (start, -1)) - 1  # the last run opening before `start`
    if at < 0 or not runs[at][0] < start < runs[at][1]:
        return False
    opened = runs[at][0]
    # (no run of that many words is longer than this many characters: the words are counted only then)
    return start - opened <= LIMITS.quote_run_words * _LONGEST_WORD and len(text[opened:start].split()) <= LIMITS.quote_run_words


_LONGEST_WORD = 20  # characters a word and its space take at most, for the bound above


def quotation_runs(text: str) -> list[tuple[int, int]]:
    """(where a quotation opens, where it closes or its paragraph ends) for each quotation of the
    text, read in one pass: read once per article, then asked of each sentence."""
    runs: list[tuple[int, int]] = []
    open_at: int | None = None
    paragraph_end = 0  # where the open quotation's paragraph ends
    for match in _MARK.finditer(text):
        at = match.start()
        if _in_markup(text, at):
            continue
        if open_at is not None and at > paragraph_end:
            runs.append((open_at, paragraph_end))  # the paragraph ended with the quotation open
            open_at = None
        role = _role(text, at, match.group())
        if open_at is None and role in ("open", "either") or role == "open":
            if open_at is not None:
                runs.append((open_at, at))
            open_at = at
            newline = text.find("\n", at)
            paragraph_end = len(text) if newline < 0 else newline
        elif open_at is not None and role in ("close", "either"):
            runs.append((open_at, at))
            open_at = None
    if open_at is not None:
        runs.append((open_at, paragraph_end))
    return runs


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation, its marks included, in text order."""
    marks = [(m.start(), m.group()) for m in _MARK.finditer(text) if not _in_markup(text, m.start())]
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    open_kind = ""
    checked = 0  # where the open quotation was last seen to continue
    newlines = [m.start() for m in _PARAGRAPH.finditer(text)]
    for at, mark in marks:
        kind = "wire" if mark in ("``", "''") else "mark"
        role = _role(text, at, mark)
        if open_at is not None and _newline_between(newlines, max(open_at, checked), at):
            checked = at
            # A new paragraph while a quotation is open: it continues only if this paragraph
            # opens with a quotation mark; otherwise the open mark was a stray one.
            if _opens_paragraph(text, at) and role != "close":
                continue
            spans.append(_trimmed_to_paragraph(text, open_at))
            open_at = None
        if open_at is None:
            if role in ("open", "either"):
                open_at, open_kind, checked = at, kind, at
            continue
        if role in ("close", "either") and (kind == open_kind or mark in "”\""):
            end = at + len(mark)
            if end - open_at - 2 >= LIMITS.min_chars:
                spans.append((open_at, end))
            open_at = None
        elif role == "open":
            # A quotation that runs on into the next paragraph has no closing mark; the next
            # paragraph opens again (wire copy: ``We won. ``We rest now,'' she said). Where the
            # paragraph break is lost (text flowed into one line), the second opening still ends
            # the first: it ran up to there, and its words are the speaker's, never the writer's.
            end = len(text[:at].rstrip())
            if kind == open_kind == "wire" and end - open_at - 2 >= LIMITS.min_chars:
                spans.append((open_at, end))
            open_at, open_kind, checked = at, kind, at
    if open_at is not None:
        spans.append(_trimmed_to_paragraph(text, open_at))
    return [(s, e) for s, e in spans if e - s > 2 and len(text[s:e].split()) <= LIMITS.max_span_words]


def _newline_between(newlines: list[int], start: int, end: int) -> bool:
    i = bisect_right(newlines, start - 1)
    return i < len(newlines) and newlines[i] < end


def _trimmed_to_paragraph(text: str, start: int) -> tuple[int, int]:
    """An unclosed quotation: it runs to the end of the last paragraph it reaches."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --- Sentences ---------------------------------------------------------------------------------
_ABBREVIATIONS = _words("abbreviations")
_END = re.compile(r"[.!?]+(?:''|[”\"’')\]])*(?=\s)")
_NEXT_STARTS = re.compile(r"\s+(?:[\"“‘'`(\[]|[^\W\d_]|\d)")


def sentence_bounds(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences as (start, end): a boundary is a final stop or a line break, never inside a
    quotation, nor between a quotation and its attribution (“Who are they?” Trump said.)."""
    inside = _inside(spans)
    masked = _masked(text, spans)
    cuts = set()
    for m in _END.finditer(text):
        end = m.end()
        if inside(end) or not _NEXT_STARTS.match(text, end):
            continue
        word = re.search(r"([\w.]+)[.!?]+\W*$", text[max(0, m.start() - 12):m.start() + 1])
        if word and m.group().startswith(".") and (
                word.group(1).lower().rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word.group(1))):
            continue
        nxt = _NEXT_STARTS.match(text, end).end() - 1
        if text[nxt].islower():
            continue
        if masked[end - 1] == "\u2026" and re.search(r"[?!]", m.group()):
            closing = attribution_after(masked, end, min(len(text), end + 120))
            verb = closing and re.search(r"(?<![\w’'-])" + re.escape(closing.cue) + r"(?![\w’'-])", masked[end:end + 160])
            if verb and not re.match(r"[^.,;:!?\u2026]*\u2026", masked[end + verb.end():end + 200]):
                continue  # “Why?” Vitter demanded. — not “...!” Huckabee called the plan “worse.”
        cuts.add(end)
    for m in _PARAGRAPH.finditer(text):
        if not inside(m.start()):
            cuts.add(m.start())
    bounds, start = [], 0
    for cut in sorted(cuts) + [len(text)]:
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            bounds.append((s, e))
        start = cut
    return bounds


def _inside(spans: list[tuple[int, int]]):
    starts = [s for s, _ in spans]

    def test(at: int) -> bool:
        i = bisect_right(starts, at - 1) - 1
        return i >= 0 and spans[i][0] < at < spans[i][1]

    return test


# --- Names -------------------------------------------------------------------------------------
_TOKEN = re.compile(r"[^\W_][\w’'.-]*[\w.]|[^\W_]")


def _bare(token: str) -> str:
    return re.sub(r"(?:[’']s?)$", "", token)


def _is_title(token: str) -> bool:
    word = token.lower().rstrip(".").split("-")[-1]
    return word in TITLES or re.fullmatch(r"\d+(?:st|nd|rd|th)", word) is not None  # "Air Force 1st Lt."


def _ends_sentence(token: str) -> bool:
    """ "News." in "... on Fox News. Section ...": a full stop, not an initial or abbreviation."""
    if not token.endswith("."):
        return False
    word = token.rstrip(".")
    return not (len(word) == 1 or "." in word or word.lower() in _ABBREVIATIONS or _is_title(token))


def _is_name_word(token: str) -> bool:
    if not token[0].isupper():
        # "al-Zuwiy", "el-Baradei", "bin-Talal": a lower-case particle joined to a name
        particle, _, rest = token.partition("-")
        return particle.lower() in _PARTICLES and rest[:1].isupper() and _is_name_word(rest)
    word = token.lower().rstrip(".")
    if word.split("-")[0] in NUMBER_WORDS or (token.isupper() and len(word) > 4 and "." not in word) \
            or word in INVERTED_VERBS:  # "Added Stern, ..." opens with the verb
        return False  # "Twenty-two years ago", a heading or dateline in capitals ("LOS ANGELES")
    return word not in _NOT_NAME and not _is_title(token)


def name_of(phrase: str) -> str | None:
    """The person's name in a speaker phrase, titles and roles dropped: "Republican Sen. John McCain"
    -> "John McCain", "canal administrator Elena Moreno" -> "Elena Moreno"; None if there is none."""
    tokens = _TOKEN.findall(phrase)
    name: list[str] = []
    # A title word ends no name, so a capitalised one at the end after a name is part of it:
    # "Hun Sen said" (not "Sen." the senator).
    if len(tokens) >= 2 and _is_title(tokens[-1]) and tokens[-1][0].isupper() and not tokens[-1].endswith(".") \
            and _is_name_word(tokens[-2]):
        name.append(tokens.pop())
    elif tokens and _is_title(tokens[-1]):
        return None  # "the U.S. prosecutor", "a NY1 representative": a role, the name is not given
    for token in reversed(tokens):
        if name and (token.endswith(("’s", "'s", "’", "'")) or _ends_sentence(token)):
            break  # "Media Research Center’s Bozell" -> "Bozell"; "Fox News. Section" -> "Section"
        if _is_name_word(token) or (name and token.lower() in _PARTICLES):
            name.insert(0, token)
        elif name:
            break
    while name and name[0].lower() in _PARTICLES:
        name.pop(0)
    if not name:
        return None
    name[-1] = _bare(name[-1].rstrip(".") if _ends_sentence(name[-1]) else name[-1])
    return " ".join(name)


class People:
    """The people an article names: each surname to the fullest forms ending in it."""

    def __init__(self) -> None:
        self.forms: dict[str, set[str]] = defaultdict(set)
        self.pronoun: dict[str, str] = {}  # a person's pronoun once the article used one for them
        self._inside: frozenset[str] | None = None

    def agrees(self, name: str, pronoun: str | None) -> bool:
        return pronoun is None or self.pronoun.get(name, pronoun) == pronoun

    def add(self, name: str) -> None:
        tokens = name.split()
        if 1 <= len(tokens) <= 4:
            self.forms[tokens[-1]].add(name)

    def fullest(self, name: str) -> str:
        """ "Singh" -> "Rajnath Singh" when the article names one such person; else as written."""
        tokens = name.split()
        forms = [f for f in self.forms.get(tokens[-1], ()) if f.endswith(name) and len(f) > len(name)
                 and (f[-len(name) - 1] == " ")]
        if not forms:
            return name
        longest = max(len(f.split()) for f in forms)
        best = {f for f in forms if len(f.split()) == longest}
        shorter = {f for f in forms if len(f.split()) < longest}
        if len(best) == 1 and all(next(iter(best)).endswith(f) for f in shorter):
            return best.pop()
        return name

    def capitalised_inside(self, text: str, word: str) -> bool:
        """The word is capitalised somewhere inside a sentence too (after a lower-case word): a name."""
        if self._inside is None:
            self._inside = frozenset(re.findall(r"(?<=[a-z,] )([A-Z][\w’'-]*)", text))
        return word in self._inside

    def known(self, name: str) -> bool:
        return name.split()[-1] in self.forms


# --- Speaker phrases ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Speaker:
    phrase: str  # as written: "Sen. John McCain", "he", "the official"
    cue: str
    start: int  # where the phrase stands in the text


_TO_AUXILIARY = re.compile(r"\b(?:" + "|".join(map(phrase_pattern, _TO_AUXILIARIES))
                           + r")\s+to\s*$")


def _subject_before(text: str, verb_start: int, floor: int, things: bool = False) -> tuple[str, int] | None:
    """The speaker phrase ending just before a speech verb: a name with its titles, a name with a
    title in apposition ("Htay Oo, its acting chairman,"), a pronoun or a description."""
    at = verb_start
    head = text[floor:at]
    # Adverbs and auxiliaries between the subject and the verb: "Trump has also said",
    # "Byrne went on to say", "Clinton wanted to tell".
    head = _TO_AUXILIARY.sub("", head)
    while True:
        m = re.search(r"([\w’'-]+)\s*$", head)
        if m and m.group(1).lower() in ADVERBS and m.group(1)[0].islower():
            head = head[:m.start()]
            continue
        break
    head = re.sub(r"\s*\([^()]{0,40}\)\s*$", "", head)  # "Gov. John Kasich (R-OH) said"
    # Apposition: "X, the title, said" / "X, 45, said" / "Trump, in Kentucky, said" /
    # "Harry Bond, 30, of Raleigh, N.C., said" / "the GOP nominee, Donald Trump, said".
    if re.search(r",\s*$", head):
        found = _apposition_subject(head, floor)
        if found:
            return found
    m_word = re.search(r"([\w’'.-]+)\s*$", head)
    if not m_word:
        return None
    word = m_word.group(1)
    if word.lower() in PRONOUNS:
        return word, floor + m_word.start()
    found = _name_ending(head, floor)
    if found:
        return found
    # "the official", "a spokesman for the campaign", "the Vermont senator"
    m = re.search(r"\b((?:the|a|an|one|another)\s+(?:[\w’'-]+\s+){0,3}?([\w-]+)(?:\s+(?:for|of|at)\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,2})?)\s*$",
                  head, re.I)
    if m and (m.group(2).lower() in PERSON_NOUNS or m.group(2).lower().rstrip("s") in PERSON_NOUNS
              or (things and re.fullmatch(r"[a-z][\w-]*", m.group(2)))):
        return m.group(1), floor + m.start(1)  # "the official"; after a quotation also "the statement"
    return None


_PLACE_BEFORE = re.compile(r"\b(?:in|of|from|at|near)\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*\s*$")
_PARTY_STATE = re.compile(r"[A-Z]-[A-Z][\w.]*")  # "R-Fla."


def _apposition_subject(head: str, floor: int) -> tuple[str, int] | None:
    """The name before the comma-set phrases that end `head`: walking back over phrases set off by
    commas (a title, an age, a place, a clause), the first one that is a name alone, unless it is
    the state after a town ("in Columbus, Ohio,"); else the name ending the text before them."""
    cuts = [m.start() for m in re.finditer(",", head)]
    if not cuts or len(cuts) - 1 > LIMITS.apposition_phrases:
        return None
    for k in range(len(cuts) - 1, 0, -1):
        chunk_start = cuts[k - 1] + 1
        chunk = head[chunk_start:cuts[k]]
        the = re.match(r"\s*the\s+(?=\S)", chunk, re.I)
        if the and _is_title(chunk[the.end():].split()[0]):
            # "his cousin, the Rev. Anne Kitch, said": a title after "the" names the person too
            chunk_start += the.end()
            chunk = chunk[the.end():]
        verbs = _verbs(chunk, 0, len(chunk))
        tokens = chunk.split()
        if len(tokens) > LIMITS.apposition_words or any(not v.group().endswith("ing") for v in verbs):
            return None  # a clause of its own, not a phrase about the speaker
        if tokens and len(tokens) <= LIMITS.name_tokens and name_of(chunk) and all(
                (_is_name_word(t) or _is_title(t)) and not _PARTY_STATE.fullmatch(t) for t in tokens) \
                and not _PLACE_BEFORE.search(head[:cuts[k - 1]]):
            return chunk.strip(), floor + chunk_start + len(chunk) - len(chunk.lstrip())
    return _name_ending(head[:cuts[0]], floor)


def _name_ending(head: str, floor: int) -> tuple[str, int] | None:
    """A name (with titles before it) that ends `head`, or None."""
    stripped = head.rstrip()
    if not stripped or not re.search(r"[\w.]$", stripped):
        return None
    tokens = list(_TOKEN.finditer(stripped))
    picked: list[re.Match] = []
    for token in reversed(tokens):
        gap = stripped[token.end():picked[0].start() if picked else len(stripped)]
        if gap.strip() or "\n" in gap:
            break
        word = token.group()
        if picked and _ends_sentence(word):
            break
        if _is_name_word(word) or _is_title(word) or (picked and word.lower() in _PARTICLES):
            picked.insert(0, token)
            if len(picked) >= LIMITS.name_tokens:
                break
            continue
        break
    if not picked or picked[-1].group().endswith(("’s", "'s", "’", "'")):
        return None  # "Hun Sen's calls": the owner, not the speaker
    complement = _TITLE_COMPLEMENT.search(stripped[:picked[0].start()])
    if complement and complement.group(1)[0].isupper() and _is_title(complement.group(1)) and len(picked) >= 3 \
            and not _is_organisation(stripped):
        # "Ambassador to Russia Andrew Wood", "Secretary of State Madeleine K. Albright": a title
        # before a name (capitalised, as news style sets it there; "director of the Federal
        # Security Service" after a name is not one) whose complement runs into the name after
        # it, which is its last words (a given name, any initials, a surname); the attribution
        # starts at the title
        first = len(picked) - 2
        while first > 1 and re.fullmatch(r"[A-Z]\.", picked[first].group()):
            first -= 1
        return stripped[picked[first].start():], floor + complement.start(1)
    of = re.search(r"\b(?:of|at|for)\s+(?:the\s+)?$", stripped[:picked[0].start()])
    if of and picked[0].group().lower().rstrip(".") not in ROLE_TITLES:
        # "Joel Pollak of Breitbart California", "Vladimir Putin, director of the Federal Security
        # Service (FSB) told": the person, not the body named after him (an apposition whose
        # closing comma the writer left out ends at the verb)
        lead_in = stripped[:of.start()]
        earlier = _name_ending(lead_in, floor)
        apposed = _APPOSED_ROLE.search(lead_in) if earlier is None else None
        if apposed:
            earlier = _name_ending(lead_in[:apposed.start()], floor)
        if earlier and not _is_organisation(earlier[0]) and name_of(earlier[0]):
            return earlier
    phrase = stripped[picked[0].start():]
    if name_of(phrase) is None:
        return None
    return phrase, floor + picked[0].start()


_APPOSED_ROLE = re.compile(r",\s+(?:(?:a|an|the)\s+)?(?:[a-z][\w’'-]*\s+){0,2}[a-z][\w’'-]*\s*$")  # ", director", ", a senior fellow"
_TITLE_COMPLEMENT = re.compile(r"(?<![\w’'.-])([\w’'.-]+)\s+(?:of|to|for)\s+(?:the\s+)?$")


def _is_organisation(phrase: str) -> bool:
    return phrase.split()[-1].lower() in _ORGANISATION_HEADS


def _speaker_after(text: str, start: int, limit: int) -> tuple[str, int] | None:
    """The speaker phrase right after an inverted speech verb: "said Tomás Ibarra, a director"."""
    segment = text[start:limit]
    m = re.match(r"\s+((?:the|a|an|one|another)\s+(?:[\w’'-]+\s+){0,3}?[\w-]+)(?=\s*[,.;:]|\s*$)", segment, re.I)
    tokens = list(_TOKEN.finditer(segment))
    picked: list[re.Match] = []
    lead = re.match(r"\s+((?:[a-z0-9][\w/-]*\s+){1,3})(?=(?:[\w.-]+\s+){0,2}[A-Z])", segment)
    if lead and lead.group(1).split()[0] not in _DETERMINERS | PRONOUNS and (
            any(_is_title(w) for w in lead.group(1).split())
            or re.match(r"(?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+", segment[lead.end(1):])):  # "said retired neurosurgeon Ben Carson"
        tokens = [t for t in tokens if t.start() >= lead.end(1)]  # "said 9/11 widow Terry Strada"
        segment_floor = lead.end(1)
    else:
        segment_floor = 0
    last_end = segment_floor
    for token in tokens:
        if segment[last_end:token.start()].strip():
            break
        last_end = token.end()
        word = token.group()
        if _is_name_word(word) or _is_title(word) or (picked and word.lower() in _PARTICLES):
            if word.endswith(("’s", "'s")):  # "said Florida’s Rick Wilson": the name comes after
                picked = []
                continue
            picked.append(token)
            if len(picked) >= LIMITS.name_tokens or _ends_sentence(word):
                break
            continue
        break
    if picked and name_of(segment[picked[0].start():picked[-1].end()]) and not picked[-1].group().endswith(("’s", "'s")) \
            and _ends_clause(segment[picked[-1].end():]):
        return segment[picked[0].start():picked[-1].end()], start + picked[0].start()
    if tokens and tokens[0].group().lower() in PRONOUNS and not segment[:tokens[0].start()].strip() \
            and re.match(r"\s*(?:[.,;:!?]|$)", segment[tokens[0].end():]):  # "said he." not "said he heard"
        return tokens[0].group(), start + tokens[0].start()
    if m:
        named = re.match(r",\s+((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)(?=\s*[.,;]|\s*$)", segment[m.end(1):])
        if named and name_of(named.group(1)) and all(_is_name_word(t) for t in named.group(1).split()):
            return named.group(1), start + m.end(1) + named.start(1)  # "said the NBA commissioner, David Stern"
        last = m.group(1).split()[-1].lower()
        if last in PERSON_NOUNS or last.rstrip("s") in PERSON_NOUNS:
            return m.group(1), start + m.start(1)
    return None


# Speech verbs in lower case only (so "States" in a name is not one), longest phrase first.
_VERB = re.compile(r"(?<![\w’'-])(?:" + "|".join(
    phrase_pattern(v) for v in sorted(SPEECH_VERBS, key=len, reverse=True)) + r")(?![\w’'-])")


def _verbs(text: str, start: int, end: int) -> list[re.Match]:
    return list(_VERB.finditer(text, start, end))


_CLAUSE_END = re.compile(
    r"\s*(?:[.,;:!?()\u2026—–]|$|\s(?:" + "|".join(map(re.escape, phrases("language", "clause_end_words")))
    + "|" + "|".join(WEEKDAYS) + r")\b)", re.I)


def _ends_clause(rest: str) -> bool:
    """An inverted speaker ends its clause: "said Holt." / "said Holt, a director" / "said Holt on
    Friday" — not "said Ohio’s law" or "said Rubio will run", where the name starts what was said."""
    return _CLAUSE_END.match(rest) is not None


def attribution_after(text: str, start: int, end: int) -> Speaker | None:
    """ “...,” X said / said X / X, the title, said / according to X — in text[start:end]."""
    segment = text[start:end]
    lead = re.match(r"[\s,—–-]*", segment).end()
    if re.match(r"according to\b", segment[lead:], re.I):
        found = _speaker_after(text, start + lead + len("according to"), end)
        return Speaker(found[0], "according to", found[1]) if found else None
    verbs = _verbs(text, start + lead, min(end, start + lead + 160))
    if not verbs:
        return None
    verb = verbs[0]
    if verb.start() == start + lead:  # inverted: "said Holt" (not "told Reuters", "saying")
        if verb.group() not in INVERTED_VERBS:
            return None
        found = _speaker_after(text, verb.end(), end)
        return Speaker(found[0], verb.group(), found[1]) if found else None
    found = _subject_before(text, verb.start(), start + lead, things=True)
    gap = text[start + lead:found[1]] if found else ""
    if found and _DESCRIBED.fullmatch(gap) and re.fullmatch(r"[^,]*,\s*", text[found[1]:verb.start()]):
        # the name set beside a description of the speaker: "his cousin, the Rev. Anne Kitch, said"
        return Speaker(found[0], verb.group(), found[1])
    if found and re.fullmatch(r"(?:[\w’'/-]+\s+){0,4}", gap) and not re.match(r"(?:and|or|but|while)\b", gap) \
            and not re.search(r"\b(?:for|to|of|about|with|from|against|by)\s*$", gap):  # “...” for Clinton, said Kunin
        return Speaker(found[0], verb.group(), found[1])  # "“...,” warm-and-fuzzy Trump said"
    return None


_DESCRIBED = re.compile(r"(?:his|her|their|its|the|a|an)\s+(?:[a-z][\w’'-]*\s+){0,2}[a-z][\w’'-]*,\s+(?:the\s+)?", re.I)
_COORDINATED = re.compile(r"\s*,?\s*(?:and|but)(?:\s+(?:then|also))?\s+")  # "said, but added", "said and then added"


def attribution_before(text: str, start: int, end: int) -> tuple[Speaker, int] | None:
    """The attribution in text[start:end] that introduces a quotation at `end`: "X said: “",
    "X said that ... “", "According to X, ... “"; with where the reported content starts."""
    verbs = [v for v in _verbs(text, start, end)]
    for index in range(len(verbs) - 1, -1, -1):
        verb = verbs[index]
        between = text[verb.end():end]
        if len(between.split()) > LIMITS.listener_words and not re.search(r"\bthat\b", between):
            continue
        if verb.group().endswith("ing") and re.search(r",\s*$", text[start:verb.start()]):
            found = sentence_subject(text, start, verb.start())  # "Trump went after Bush, calling him"
        else:
            found = _subject_before(text, verb.start(), start)
        if not found and verb.group() in INVERTED_VERBS:
            found = _speaker_after(text, verb.end(), end)  # "said Holt: “..."
        if not found and index and _COORDINATED.fullmatch(text, verbs[index - 1].end(), verb.start()):
            # "Doctors say it is inedible, he said, but added, “...”": the subject of the verb of
            # saying it is coordinated with, not the sentence's
            found = _subject_before(text, verbs[index - 1].start(), start)
        if not found and (verb.group().endswith("ing") or re.search(r"(?:,|\band|\bbut)\s*$", text[start:verb.start()])):
            found = sentence_subject(text, start, verb.start())  # "Clinton celebrated ..., declaring “..."
        if not found:
            continue
        content = verb.end()
        that = re.search(r"\bthat\b", between)
        if that and len(between[:that.start()].split()) <= LIMITS.listener_words:
            content = verb.end() + that.start()
        while content < end and text[content] in " ,:\u00a0":
            content += 1
        return Speaker(found[0], verb.group(), found[1]), content
    opening = re.match(r"\s*([A-Z][a-z]+)\s", text[start:end])
    if opening and opening.group(1).lower() in INVERTED_VERBS:  # "Said Hunter, “If you go ...”"
        found = _speaker_after(text, start + opening.end(1), end)
        if found:
            content = found[1] + len(found[0])
            while content < end and text[content] in " ,:":
                content += 1
            return Speaker(found[0], opening.group(1).lower(), found[1]), content
    for intro in INTROS:
        m = None
        for m in re.finditer(rf"\b{re.escape(intro)}\b", text[start:end], re.I):
            pass
        if m:
            at = start + m.end()
            found = _speaker_after(text, at, end)
            if found:
                comma = text.find(",", found[1] + len(found[0]), end)
                content = comma + 1 if comma >= 0 else found[1] + len(found[0])
                while content < end and text[content].isspace():
                    content += 1
                return Speaker(found[0], intro, found[1]), content
    return None


# "LOS ANGELES (UPI) — ", "Washington (AFP) – ", "PHILADELPHIA, July 25 (UPI) — "
_DATELINE = re.compile(r"[A-Z][\w .'-]{1,40}?(?:,[\w .]{1,20})?\s*\([A-Za-z]{1,10}\)\s*[—–-]+\s*")
_INTRO = re.compile(r"(?:[\w’'-]+(?:\s+[\w’'.-]+){0,16}?,\s+)")


def sentence_subject(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The name or pronoun that opens a sentence, after an opening phrase ("On Sunday, Trump ...")."""
    at = start
    while at < end and not text[at].isalnum():
        at += 1
    dateline = _DATELINE.match(text, at, end)
    if dateline:
        at = dateline.end()
    for _ in range(3):  # "Thursday, after remaining neutral, Warren appeared ..."
        intro = _INTRO.match(text, at, end)
        if not intro:
            break
        words = text[at:intro.end()].rstrip(", ").split()
        place = re.search(r"\b(?:in|at|from|of)\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*$", text[at:intro.end()].rstrip(", "))
        if words[0].lower() in _CONJUNCTIONS or not (
                words[0].lower() in _NOT_NAME or text[at].islower() or words[0].lower().endswith(("ly", "ing"))):
            break
        at = intro.end()
        if place:  # "Speaking in Salem, New Hampshire, Trump went ...": the state is no subject
            state = re.match(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2},\s+(?=[A-Z])", text[at:end])
            if state:
                at += state.end()
    first = re.match(r"[\w’'-]+", text[at:end])
    if first and first.group().lower() in PRONOUNS:
        return first.group(), at
    tokens = []
    for token in _TOKEN.finditer(text, at, end):
        if tokens and text[tokens[-1].end():token.start()].strip():
            break
        if tokens and token.group() == "of" and _is_title(tokens[-1].group()):
            continue  # "Former Secretary of State Madeleine Albright"
        if not tokens and token.group().lower() in _NOT_NAME and token.start() - at < 12:
            at = token.end()
            continue  # "And then Trump went on the attack"
        if _is_name_word(token.group()) or _is_title(token.group()) or (tokens and token.group().lower() in _PARTICLES):
            tokens.append(token)
            if token.group().endswith(("’s", "'s")):
                return None  # "Clinton’s campaign said": not the person
            if _ends_sentence(token.group()):
                break
            continue
        break
    if tokens and name_of(text[tokens[0].start():tokens[-1].end()]):
        return text[tokens[0].start():tokens[-1].end()], tokens[0].start()
    return None


# --- The finder --------------------------------------------------------------------------------
def _people(text: str, spans: list[tuple[int, int]]) -> People:
    """Names the article gives persons, read outside quotations: after a title, before or after a
    speech verb, or before a title in apposition."""
    people = People()
    masked = _masked(text, spans)
    for verb in _verbs(masked, 0, len(masked)):
        for found in (_subject_before(masked, verb.start(), max(0, verb.start() - 120)),
                      _speaker_after(masked, verb.end(), min(len(masked), verb.end() + 80))):
            if found:
                name = name_of(found[0])
                if name and found[0].split()[0].lower() not in PRONOUNS:
                    people.add(name)
    for m in _NAME_RUN.finditer(masked):
        before = re.search(r"([\w.-]+)\s+$", masked[max(0, m.start() - 40):m.start()])
        run = m.group()
        if any(_is_title(t) for t in run.split()[:-1]) or (before and _is_title(before.group(1))):
            name = name_of(run)  # "defence minister Rajnath Singh", "Sen. John McCain"
            if name and len(name.split()) >= 1:
                people.add(name)
    return people


_NAME_RUN = re.compile(r"(?<![\w’'.-])(?:[A-Z][\w’'.-]*\s+){0,7}[A-Z][\w’'-]*")


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = "\u2026"
    return "".join(chars)


def _resolve(phrase: str, people: People, text: str, sentences: list[tuple[int, int]], index: int,
             last_speaker: tuple[str, int] | None) -> str | None:
    """A speaker phrase as the name to show, or None when it names no one clearly."""
    first = phrase.split()[0].lower()
    name = name_of(phrase)
    if name and first not in PRONOUNS and first not in _DETERMINERS:
        full = people.fullest(name)  # "Sen. John McCain", "former congressman Dan Maffei"
        title = first.rstrip(".")
        if len(name.split()) == 1 and (title in _MARRIED or title in _COURTESY and people.pronoun.get(full) == "he"):
            return phrase.strip()  # "Mrs. Yeltsin" is not the "Boris Yeltsin" the article names in full
        return full
    last = phrase.split()[-1].lower()
    if first not in PRONOUNS:
        if first not in ("the", "this", "that"):
            return None  # "one official", "a spokesman": someone the article does not name
        if not (last in PERSON_NOUNS or last.rstrip("s") in PERSON_NOUNS):
            return None  # "the ministry", "a NY1 representative": no one to name
        if last.endswith("s") and last.rstrip("s") in PERSON_NOUNS:
            return None  # "the officials": several people
    pronoun = first if first in PRONOUNS else None
    name = _antecedent(people, text, sentences, index, last_speaker, pronoun)
    if name and pronoun:
        people.pronoun.setdefault(name, pronoun)
    return name


# Courtesy titles for a woman. "Mrs. Yeltsin" names a wife, whom a story about her husband
# rarely names in full: she stays as written, never the "Boris Yeltsin" of the article. "Ms.
# Albright" is the one "Madeleine Albright" the article names, unless that person is a "he".
_MARRIED = frozenset({"mrs", "mme", "madame"})
_COURTESY = frozenset({"ms", "miss"}) | _MARRIED


_PLACE_IN = re.compile(r"\b(?:in|from)\s+(?:[A-Z][\w’'.-]*\s+)*$")  # "Doctors in North Korea": a place


def _persons_in(people: People, text: str) -> list[tuple[str, bool]]:
    """The persons a sentence names, each with whether it stands as a subject (a word follows it
    that is not a name, a comma or "and": "Trump launched", not "by Joe Arpaio, the sheriff")."""
    found: dict[str, bool] = {}
    for m in re.finditer(r"[^\W\d_][\w’'.-]*", text):
        token = _bare(m.group())
        if token[0].isupper() and token in people.forms and token.lower() not in _NOT_NAME \
                and not m.group().endswith(("’s", "'s")) and not _PLACE_IN.search(text, max(0, m.start() - 60), m.start()):
            full = people.fullest(token)
            nxt = re.match(r"\s+([a-z][\w-]*)", text[m.end():])
            subject = bool(nxt) and nxt.group(1) not in STOPWORDS | _PARTICLES
            # "Holt and Marek thanked ...": both are the subject.
            subject = subject or bool(re.match(r"\s+and\s+[A-Z][\w’'-]*\s+[a-z][\w-]*", text[m.end():])) and \
                not re.match(r"\s+and\s+[A-Z][\w’'-]*\s+(?:" + "|".join(STOPWORDS) + r")\b", text[m.end():])
            found[full] = found.get(full, False) or subject
    return list(found.items())


def _antecedent(people: People, text: str, sentences: list[tuple[int, int]], index: int,
                last_speaker: tuple[str, int] | None, pronoun: str | None = None) -> str | None:
    """The one person named in the nearest sentence before that names any (the sentence itself
    first, up to its quotation); None when that sentence names two."""
    masked_start = max(0, index - LIMITS.antecedent_sentences)
    for i in range(index, masked_start - 1, -1):
        s, e = sentences[i]
        persons = [(name, subject) for name, subject in _persons_in(people, text[s:e]) if people.agrees(name, pronoun)]
        if last_speaker and pronoun and any(name == last_speaker[0] for name, _ in persons):
            return last_speaker[0]  # "he" goes on with the person last quoted, named here again
        if any(len(name.split()) > 1 for name, _ in persons):
            # A person the article names in full, before a one-word name ("Libya", "Microsoft").
            persons = [(name, subject) for name, subject in persons if len(name.split()) > 1]
        if persons:
            if len(persons) == 1:
                return persons[0][0]
            subjects = [name for name, subject in persons if subject]
            if len(subjects) == 1:
                return subjects[0]
            if last_speaker and last_speaker[0] in subjects:
                return last_speaker[0]
            return None
    return None


def find_quotes(text: str) -> tuple[Quotation, ...]:
    """The article's quotations in text order, each with its speaker (or None)."""
    spans = quote_spans(text)
    if not spans:
        return ()
    sentences = sentence_bounds(text, spans)
    starts = [s for s, _ in sentences]
    masked = _masked(text, spans)
    people = _people(text, spans)
    by_sentence: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for span in spans:
        by_sentence[max(0, bisect_right(starts, span[0]) - 1)].append(span)
    found: list[Quotation] = []
    last: tuple[str, int] | None = None  # the last speaker named, and the paragraph it was in
    paragraphs = _paragraph_starts(text)
    for index in sorted(by_sentence):
        s_start, s_end = sentences[index]
        quotes = by_sentence[index]
        paragraph = bisect_right(paragraphs, s_start) - 1
        speaker = None
        # After each quotation (between fragments too): “...,” X said.
        for i, (q_start, q_end) in enumerate(quotes):
            limit = quotes[i + 1][0] if i + 1 < len(quotes) else s_end
            speaker = attribution_after(masked, q_end, limit)
            if speaker:
                break
        content_start = content_end = None
        tail = None if speaker else _tail_attribution(masked, quotes[-1][1], s_end)
        if tail:  # Obama “felt a moral obligation to do something about” climate change, Axelrod said.
            speaker, content_end = tail
            if quotes[0][0] > s_start:
                content_start = s_start
        before = attribution_before(masked, s_start, quotes[0][0]) if quotes[0][0] > s_start and not tail else None
        if before and (speaker is None or before[1] < quotes[0][0]):
            if speaker is None:
                speaker = before[0]
            if text[before[1]:quotes[0][0]].strip() and not re.search(r"[:,]\s*$", text[before[1]:quotes[0][0]]):
                content_start = before[1]  # not "Marek wrote on Twitter: “...”", a whole quotation
        elif speaker is None and content_start is None and quotes[0][0] > s_start \
                and not re.search(r"[:,]\s*$", text[s_start:quotes[0][0]]):
            content_start = _predicate_start(masked, s_start, quotes[0][0])
        cue = speaker.cue if speaker else None
        name = None
        standalone = not text[s_start:quotes[0][0]].strip()
        previous = sentences[index - 1] if index > 0 else None
        same_paragraph = previous is not None and "\n" not in text[previous[1]:s_start]
        if speaker:
            name = _resolve(speaker.phrase, people, masked, sentences, index, last)
        elif standalone and previous and masked[previous[0]:previous[1]].endswith(":"):
            # "Cruz continued:" then the quotation: the sentence before names its speaker.
            intro = attribution_before(masked, previous[0], previous[1])
            phrase = intro[0].phrase if intro else (sentence_subject(masked, *previous) or (None,))[0]
            if phrase:
                cue = intro[0].cue if intro else None
                name = _resolve(phrase, people, masked, sentences, index - 1, last)
        elif standalone and last and paragraph - last[1] <= LIMITS.continuation_paragraphs \
                and _previous_quoted(masked, sentences, index, last):
            name = last[0]  # a quotation standing alone continues the one before
        elif standalone and previous and (intro := attribution_before(masked, previous[0], previous[1])):
            # "Holt said the plan was affordable. “We have budgeted ...”": who spoke just before.
            cue = intro[0].cue
            name = _resolve(intro[0].phrase, people, masked, sentences, index - 1, last)
        elif standalone and same_paragraph:
            # "Clinton touted her record. “We need ...”": the person the sentence before is about.
            name = _person_subject(masked, previous, people, sentences, index - 1, last)
        elif not standalone and (labelled := _name_ending(re.sub(r":\s*$", "", masked[s_start:quotes[0][0]]), s_start)) \
                and re.search(r"[\w.]:\s*$", masked[s_start:quotes[0][0]]):
            # "... surprise Republican pollster Daron Shaw: “...”", "Pollsters agree - Carl Bialik: “...”"
            name = _resolve(labelled[0], people, masked, sentences, index, last)
        elif not standalone:
            # "Trump attacked “the hateful ideology ...”": the person the sentence is about.
            name = _person_subject(masked, (s_start, quotes[0][0]), people, sentences, index, last)
        if name and speaker and speaker.phrase.split()[0].lower() not in PRONOUNS | _DETERMINERS:
            people.add(name)
        if name:
            last = (name, paragraph)
        elif speaker:
            last = None
        if content_start is not None:
            end = content_end or max(quotes[-1][1], _clause_end(text, quotes[-1][1], s_end))
            found.append(Quotation(content_start, end, text[content_start:end], name, cue))
            continue
        for q_start, q_end in quotes:
            if speaker is None and name is None and _scare_quote(text, q_start, q_end, s_start):
                continue
            inner_start, inner_end = _inner(text, q_start, q_end)
            found.append(Quotation(inner_start, inner_end, text[inner_start:inner_end], name, cue))
    return tuple(found)


def _tail_attribution(masked: str, after: int, end: int) -> tuple[Speaker, int] | None:
    """ “..., X said.” after the quotation's clause, at the end of the sentence: the speaker and
    where the clause ends (the comma). Also "..., said X, a title, ..." and "..., according to X." """
    stop = end
    while stop > after and masked[stop - 1] in ".!? ":
        stop -= 1
    for comma in (m.start() for m in re.finditer(",", masked[after:stop])):
        at = after + comma
        found = attribution_after(masked, at + 1, stop)
        if not found:
            continue
        verb = re.search(r"\b" + re.escape(found.cue) + r"\b", masked[at:stop])
        rest = re.split(r"[,;]", masked[at + verb.end():stop])[0] if verb else ""
        if found.cue == "according to" or len(rest.split()) <= LIMITS.attribution_tail_words:
            return found, at
    return None


def _predicate_start(masked: str, start: int, end: int) -> int | None:
    """Where the clause after a person's verb starts: "Rubio also bemoaned [the climate in which
    people “hate each other”]" — the words a partial quotation is part of."""
    found = sentence_subject(masked, start, end)
    if not found:
        return None
    at = found[1] + len(found[0])
    m = re.match(r"\s+(?:(?:[a-z]+ly|also|then|later|now|has|had|have|would|will|did)\s+){0,2}[a-z][\w-]*(?:ed|s)\b\s+(?:(?:of|to|about|on|for|that)\s+)?",
                 masked[at:end])
    return at + m.end() if m and at + m.end() < end else None


def _inner(text: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words without their quotation marks (a mark a paragraph break left open has no closer)."""
    opening = _MARK.match(text, start)
    closing = re.search(r"(?:``|''|[“”\"])$", text[start:end]) if end - start > 2 else None
    inner_start = start + (len(opening.group()) if opening else 0)
    inner_end = end - (len(closing.group()) if closing and end - len(closing.group()) > inner_start else 0)
    return inner_start, inner_end


def _scare_quote(text: str, start: int, end: int, sentence_start: int) -> bool:
    """A few words in quotation marks inside a sentence that attributes them to no one: a term,
    a title or a nickname (“launch team”, “Bloodline,”), not someone's words."""
    return len(text[start:end].split()) <= LIMITS.scare_quote_words and bool(text[sentence_start:start].strip()) \
        and not _verbs(text, sentence_start, start)  # not "a man yelled “Stay there!”"


def _person_subject(masked: str, bounds: tuple[int, int], people: People, sentences: list[tuple[int, int]],
                    index: int, last: tuple[str, int] | None) -> str | None:
    """The person a sentence opens with, when the article names that person elsewhere too."""
    found = sentence_subject(masked, *bounds)
    if not found:
        return None
    name = _resolve(found[0], people, masked, sentences, index, last)
    if name and len(found[0].split()) == 1 and found[0].lower() not in PRONOUNS and not people.known(name) \
            and not people.capitalised_inside(masked, name):
        return None  # one capitalised word opening a sentence ("Pressure is building ..."), never a name elsewhere
    return name


def _previous_quoted(masked: str, sentences: list[tuple[int, int]], index: int, last: tuple[str, int]) -> bool:
    """The sentence before holds a quotation or ends in a colon: this one continues it."""
    if index == 0:
        return False
    s, e = sentences[index - 1]
    return "\u2026" in masked[s:e] or masked[s:e].rstrip().endswith(":")


def _clause_end(text: str, after: int, sentence_end: int) -> int:
    """Where the reported clause holding a quotation ends: the sentence end, without its stop."""
    end = sentence_end
    while end > after and text[end - 1] in ".;":
        end -= 1
    return end
