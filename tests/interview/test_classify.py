"""The question classifier: known phrasings, fields, signals, the vocabulary section, the command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import msgspec
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reqdrill.content.load import load_content
from reqdrill.content.model import CATEGORY_IDS, Content
from reqdrill.content.paths import bundled_root
from reqdrill.errors import ContentError
from reqdrill.interview.classify import LABELS, NONE, Classification, Classifier
from strategies import contents, questions

EVAL = Path(__file__).parents[2] / "benchmarks" / "data" / "classifier_eval.yaml"
VALIDATION = EVAL.with_name("classifier_validation.yaml")
SMALL = Path(__file__).parents[1] / "data" / "small"


@pytest.fixture(scope="module")
def classifier(content: Content) -> Classifier:
    return Classifier.from_content(content)


@pytest.mark.parametrize(
    "question,category",
    [
        ("How many daily active users do we have?", "scale"),
        ("What's the north-star metric?", "business_objective"),
        ("Can viewers leave comments or share videos?", "features_supported"),
        ("Is the training data labeled by humans?", "data"),
        ("Does this have to run on the phone, or in the cloud?", "constraints"),
        ("What's the p99 latency budget?", "performance"),
        ("Do we need to comply with GDPR?", "privacy_ethics"),
        ("Can I use the whiteboard?", NONE),
        ("", NONE),
    ],
)
def test_real_phrasings(classifier: Classifier, question: str, category: str) -> None:
    assert classifier.classify(question).category == category


@pytest.mark.parametrize(
    "question,field",
    [
        ("What's the peak QPS?", "peak_qps"),
        ("How many DAUs are there?", "dau"),
        ("How fast is the user base growing?", "growth"),
        ("What's the latency budget in milliseconds?", "latency"),
        ("Is the data labeled?", "labeled"),
    ],
)
def test_numbers_and_details_are_located(classifier: Classifier, question: str, field: str) -> None:
    assert classifier.classify(question).field == field


def test_signals(classifier: Classifier) -> None:
    assert classifier.classify("What happens if the ranking service goes down?").signals == {
        "failure_tolerance"
    }
    assert "iteration_cadence" in classifier.classify("How often do we retrain the model?").signals
    assert "numbers" in classifier.classify("How many requests per second at peak?").signals
    assert classifier.classify("What is the goal?").signals == frozenset()


def test_confidence_is_a_probability(classifier: Classifier) -> None:
    sure = classifier.classify("What's the DAU and peak QPS?")
    vague = classifier.classify("What about users?")
    assert 0 < vague.confidence < sure.confidence <= 1


@pytest.mark.parametrize("path", [EVAL, VALIDATION], ids=["old-held-out", "validation"])
def test_accuracy_floor(classifier: Classifier, path: Path) -> None:
    """A floor well below the 90% aim; the benchmark reports the real figures."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples = [(label, q) for label, qs in data.items() for q in qs]
    assert set(data) == set(LABELS) and 8 <= len(data[NONE]) <= 15
    right = sum(classifier.classify(q).category == label for label, q in examples)
    assert right / len(examples) >= 0.75


def test_the_old_held_out_set_is_large_enough() -> None:
    data = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    assert sum(map(len, data.values())) >= 150


def test_works_without_a_vocabulary() -> None:
    small = load_content(SMALL)
    assert small.classifier is None
    bundled = load_content(bundled_root())
    plain = Classifier.from_content(msgspec.structs.replace(bundled, classifier=None))
    assert plain.classify("Is there any privacy concern?").category == "privacy_ethics"
    assert plain.classify("What's the expected growth rate of the catalog?").category == "scale"
    assert plain.classify("lorem ipsum").category == NONE


def _strip(text: str) -> str:
    return text.strip().rstrip("?!.,;: ")


@settings(max_examples=60)
@given(
    q=questions,
    case=st.sampled_from([str.upper, str.lower, str.swapcase, str.title, lambda s: s]),
    pad=st.sampled_from(["", " ", "\t", "  \n"]),
    tail=st.sampled_from(["", "?", "?!", ".", " ?", "..."]),
)
def test_case_whitespace_and_trailing_punctuation_do_not_matter(
    classifier: Classifier, q: str, case, pad: str, tail: str
) -> None:  # type: ignore[no-untyped-def]
    base = classifier.classify(q)
    other = classifier.classify(pad + case(q) + tail + pad)
    assert (other.category, other.field, other.signals) == (base.category, base.field, base.signals)


@settings(max_examples=25)
@given(content=contents(max_scenarios=1), q=questions)
def test_invariance_holds_for_any_vocabulary(content: Content, q: str) -> None:
    classifier = Classifier.from_content(content)
    base = classifier.classify(q)
    assert base.category in LABELS and 0 <= base.confidence <= 1
    assert classifier.classify(f"  {q.upper()}?! ").category == base.category


def _copy_bundled(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(bundled_root() / "decks", root / "decks")
    shutil.copytree(bundled_root() / "scenarios", root / "scenarios")
    return root


def test_classifier_section_is_optional(tmp_path: Path) -> None:
    root = _copy_bundled(tmp_path)
    (root / "decks" / "classifier.yaml").unlink()
    assert load_content(root).classifier is None


def test_vocabulary_errors_are_located(tmp_path: Path) -> None:
    root = _copy_bundled(tmp_path)
    (root / "decks" / "classifier.yaml").write_text(
        "classifier:\n"
        "  categories:\n"
        "    - category: scael\n"
        "      terms: [users]\n"
        "    - category: scale\n"
        "      terms: ['peak + ?']\n"
        "      fields:\n"
        "        - field: peak\n"
        "          terms: [peak]\n"
        "    - category: none\n"
        "      strong: ['---']\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as info:
        load_content(root)
    file = root / "decks" / "classifier.yaml"
    assert [str(p) for p in info.value.problems] == [
        f"{file}:11:16: classifier.categories[2].strong[0]: '---' has no words to match",
    ]
    (root / "decks" / "classifier.yaml").write_text(
        (root / "decks" / "classifier.yaml").read_text(encoding="utf-8").replace("'---'", "hello"),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as info:
        load_content(root)
    fields = "users, dau, items, qps, peak_qps, growth"
    assert [str(p) for p in info.value.problems] == [
        f"{file}:3:17: classifier.categories[0].category: unknown category 'scael'; use one of: "
        + ", ".join((*CATEGORY_IDS, NONE)),
        f"{file}:6:15: classifier.categories[1].terms[0]: 'peak + ?' has a part with no words; "
        "write 'a + b' with words on both sides",
        f"{file}:8:18: classifier.categories[1].fields[0].field: "
        f"scale has no field 'peak'; its fields are: {fields}",
    ]


def test_repeated_terms_and_examples_are_located(tmp_path: Path) -> None:
    root = _copy_bundled(tmp_path)
    (root / "decks" / "classifier.yaml").write_text(
        "classifier:\n"
        "  categories:\n"
        "    - category: constraints\n"
        "      strong: [GPU, on-device]\n"
        "      terms: [GPUs, budget]\n"
        "      examples: ['Do we have GPUs?']\n"
        "    - category: scale\n"
        "      strong: [GPU]\n"
        "      examples: ['do we have  GPUs']\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as info:
        load_content(root)
    file = root / "decks" / "classifier.yaml"
    assert [str(p) for p in info.value.problems] == [
        f"{file}:5:15: classifier.categories[0].terms[0]: 'GPUs' matches the same words as the term at "
        "classifier.categories[0].strong[0]",
        f"{file}:9:18: classifier.categories[1].examples[0]: the same question as the example at "
        "classifier.categories[0].examples[0]; list it once",
    ]


def test_classify_command_prints_tab_separated_lines(cli_invoke) -> None:  # type: ignore[no-untyped-def]
    out = cli_invoke("classify", "How many DAU?", "What's the north-star\nmetric?", "Can I get water?").stdout
    assert (
        out
        == "scale\tHow many DAU?\nbusiness_objective\tWhat's the north-star metric?\nnone\tCan I get water?\n"
    )


def test_classify_command_reads_stdin(cli_invoke) -> None:  # type: ignore[no-untyped-def]
    out = cli_invoke("classify", input="What's the p99 latency?\n\n  Any GDPR concerns?  \n").stdout
    assert out == "performance\tWhat's the p99 latency?\nprivacy_ethics\tAny GDPR concerns?\n"


def test_classify_command_json(cli_invoke, classifier: Classifier) -> None:  # type: ignore[no-untyped-def]
    out = json.loads(cli_invoke("classify", "--json", "peak QPS?", "hello").stdout)
    assert out == [
        {
            "question": "peak QPS?",
            "category": "scale",
            "confidence": classifier.classify("peak QPS?").confidence,
        },
        {"question": "hello", "category": "none", "confidence": classifier.classify("hello").confidence},
    ]
    assert cli_invoke("classify", "--json", input="").stdout == "[]\n"


def test_classification_is_plain_data(classifier: Classifier) -> None:
    result = classifier.classify("What is the peak QPS?")
    assert result == Classification(
        "What is the peak QPS?", "scale", result.confidence, "peak_qps", result.signals
    )
