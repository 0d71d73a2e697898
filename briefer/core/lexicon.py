"""Calendar and number words, one list each for every stage that reads dates or counts."""

from __future__ import annotations

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")  # index = date.weekday()
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
# Regex alternatives, longest first so "September" is not read as "Sep".
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_PATTERN = "|".join(WEEKDAYS)
# Verbs that attribute a quotation to its speaker ("..., Singh said"), past and present.
SPEECH_VERBS = (
    "said", "says", "asked", "asks", "added", "adds", "wrote", "writes", "told", "tells", "replied", "tweeted",
    "posted", "insisted", "stressed", "noted", "argued", "explained", "declared", "warned", "stated", "recalled",
    "countered", "remarked", "continued",
)
SPEECH_VERB_PATTERN = "|".join(SPEECH_VERBS)
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12,
}  # "one" is left out: far more often a pronoun ("one of the officials") than a count
NUMBER_WORD_PATTERN = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))  # longest first: "seventeen" before "seven"
_TENS = frozenset(range(20, 100, 10))
_ONES = {**{word: value for word, value in NUMBER_WORDS.items() if value < 10}, "one": 1}


def read_number_word(word: str) -> tuple[int, str]:
    """A number word's value and what its hyphenated form goes on with: "eighty-eight" -> (88, ""),
    "twenty-five-year" -> (25, "-year"), "six-year" -> (6, "-year"). `word` starts with a number word."""
    parts = word.lower().split("-")
    value, used = NUMBER_WORDS[parts[0]], 1
    if len(parts) > 1 and value in _TENS and parts[1] in _ONES:
        value, used = value + _ONES[parts[1]], 2
    rest = word.split("-")[used:]
    return value, "-" + "-".join(rest) if rest else ""
