"""Text to word stems for the question classifier: case-, accent-, punctuation- and inflection-blind."""

from __future__ import annotations

import functools
import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")
# ASCII text (nearly every question) splits the same way, several times faster, as bytes: every
# byte that is not an ASCII letter or digit becomes a space.
_ASCII_SEPARATORS = bytes(c if c < 128 and chr(c).isalnum() else 32 for c in range(256))
# Turkish dotless i upper-cases to ASCII "I" but case-folds to itself; fold it to "i" so that
# a question and its upper-case form always give the same words.
_FOLD = str.maketrans({"ı": "i"})
_VOWELS = frozenset("aeiouy")
_KEEP_S = ("ss", "is", "as")
# British and American spellings meet: -ise/-isation → -ize/-ization, -yse → -yze,
# behaviour → behavior, catalogue → catalog. Applied to every text alike, so a rare
# false merge ("flour" → "flor") costs nothing.
_SPELLING = (
    (re.compile(r"(?<=\w{3})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[ilnbv])our"), "or"),
    (re.compile(r"ogue(s?)$"), r"og\1"),
)
_UNDOUBLE = frozenset("bdfgklmnprtz")


def fold(text: str) -> str:
    """Lower-case text without accents: 'Anonymisé' → 'anonymise'."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded.translate(_FOLD))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # NFKD can expose upper-case letters (e.g. from compatibility forms); fold once more.
    return unicodedata.normalize("NFC", stripped.casefold())


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light English stemmer: plurals, -ing, -ed and a final -e, so inflections meet.

    'users' → 'user', 'retraining'/'retrained'/'retrains' → 'retrain', 'labelled'/'labeling' →
    'label', 'latencies' → 'latency', 'scale'/'scaling' → 'scal'. Only words of four or more
    letters change, and a stem always keeps a vowel, so short words and acronyms are left alone.
    """
    if len(word) < 4 or not word.isalpha():
        return word
    w = word
    if "is" in w or "ys" in w or "our" in w or "ogue" in w:
        for pattern, replacement in _SPELLING:
            w = pattern.sub(replacement, w)
    if w.endswith("ies") and len(w) > 4 or w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(_KEEP_S):
        w = w[:-1]
    if w.endswith("ing") and _has_vowel(w[:-3]) and len(w) > 5:
        w = _undouble(w[:-3])
    elif w.endswith("ed") and not w.endswith("eed") and _has_vowel(w[:-2]) and len(w) > 4:
        w = _undouble(w[:-2])
    if w.endswith("e") and len(w) > 3 and not w.endswith("ee"):
        w = w[:-1]
    return w


def _has_vowel(text: str) -> bool:
    return any(ch in _VOWELS for ch in text)


def _undouble(w: str) -> str:
    if len(w) > 3 and w[-1] == w[-2] and w[-1] in _UNDOUBLE:
        return w[:-1]
    return w


def stems(text: str) -> tuple[str, ...]:
    """The stems of a text's words, in order: 'How many DAUs?' → ('how', 'many', 'dau')."""
    folded = fold(text)
    if folded.isascii():
        words = folded.encode().translate(_ASCII_SEPARATORS).decode().split()
    else:
        words = _WORD.findall(folded)
    return tuple(map(stem, words))


def term_parts(term: str) -> tuple[tuple[str, ...], ...]:
    """A vocabulary term's parts as stem sequences: 'how many + user' → (('how', 'many'), ('user',))."""
    return tuple(stems(part) for part in term.split(" + "))
