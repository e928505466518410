"""Scenario values as an interviewer says them: '~20M transactions/day' → 'about 20M transactions a day'."""

from __future__ import annotations

import re

_REWRITES = (
    # "a ~$15 fee", "the top ~10 results": "about" reads wrong after an article or a superlative.
    (re.compile(r"\b(a|an|the|top|\w+est) ~\s*"), r"\1 roughly "),
    (re.compile(r"(?<![\w~])~\s*"), "about "),
    (re.compile(r"(?<!\S)<=\s*(?=\d)"), "at most "),
    (re.compile(r"(?<!\S)>=\s*(?=\d)"), "at least "),
    (re.compile(r"(?<!\S)<\s*(?=\d)"), "under "),
    (re.compile(r"(?<!\S)>\s*(?=\d)"), "over "),
    (re.compile(r"(?<=\w)/sec\b"), " a second"),
    (re.compile(r"(?<=\w)/(day|second|minute|week|month|year)\b"), r" a \1"),
    (re.compile(r"(?<=\w)/hour\b"), " an hour"),
    (re.compile(r"\bYoY\b"), "a year"),
    (re.compile(r" = "), " means "),
    (re.compile(r" \+ "), " plus "),
    (re.compile(r" - "), ": "),
)
_BARE_NUMBER = re.compile(r"[~<>]?\s*[\d.,]+\s*[KMBT]?\+?")
_END = (".", "!", "?")


def spoken(text: str) -> str:
    """Symbols and abbreviations of a value in words, as said aloud."""
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return text


def sentence(text: str) -> str:
    """Text as one sentence: a capital first letter and a full stop."""
    text = " ".join(text.split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith(_END) else text + "."


def lower_first(text: str) -> str:
    """Lower-case the first word unless it is an acronym or a name with inner capitals ('ETAs')."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def lower_words(text: str) -> str:
    """Lower-case every plain capitalized word: 'Natural Labels' → 'natural labels', 'NDCG' kept."""
    return " ".join(lower_first(word) for word in text.split(" "))


def listed(items: tuple[str, ...]) -> str:
    """'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def say(frame: str | None, value: str, unit: str | None = None) -> str:
    """The interviewer's sentence: the value in the field's frame, in words."""
    value = value.strip().rstrip(".")
    if unit and _BARE_NUMBER.fullmatch(value):
        value = f"{value} {unit}"
    if frame and not frame.startswith("{value}"):
        value = lower_first(value)
    text = (frame or "{value}.").format(value=value)
    return sentence(spoken(text))
