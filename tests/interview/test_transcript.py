"""Transcripts: the terminal score, the JSON transcript (version 2, a superset of version 1), Markdown."""

from __future__ import annotations

import json
from pathlib import Path

from reqdrill.content.model import CATEGORY_IDS, Content

V1_TURN_KEYS = ["question", "category", "confidence", "field", "answer", "elapsed_seconds"]
V1_SCORE_KEYS = ["questions", "unclear", "hints", "level", "feedback", "signals", "study"]


def test_json_transcript_keeps_every_version_1_key(cli_invoke, content: Content) -> None:  # type: ignore[no-untyped-def]
    lines = "What's the DAU?\nhello\n:hint\nDo we show ads?\nLet's assume no ads.\n"
    data = json.loads(cli_invoke("interview", "video-streaming", "--json", input=lines).stdout)
    assert list(data) == [
        "version",
        "scenario",
        "time_limit_seconds",
        "elapsed_seconds",
        "ended",
        "turns",
        "coverage",
        "score",
        "facts",
    ]
    assert data["version"] == 2
    assert data["scenario"]["id"] == "video-streaming" and data["ended"] == "end_of_input"
    assert [list(t)[:6] for t in data["turns"]] == [V1_TURN_KEYS] * 4
    assert [
        (t["question"], t["category"], t["field"], t["kind"], t["facts"], t["invited"]) for t in data["turns"]
    ] == [
        ("What's the DAU?", "scale", "dau", "question", ["scale.dau"], False),
        ("hello", "none", None, "question", [], False),
        ("Do we show ads?", "data", None, "question", [], True),
        ("Let's assume no ads.", "data", None, "assumption", [], False),
    ]
    assert data["turns"][0]["answer"] == "40M DAU (about 25 videos watched per DAU a day)."
    assert data["coverage"] == {
        "covered": ["data", "scale"],
        "missed": [c for c in CATEGORY_IDS if c not in ("data", "scale")],
        "count": 2,
        "total": 7,
        "ratio": 0.286,
    }
    score = data["score"]
    assert list(score)[: len(V1_SCORE_KEYS)] == V1_SCORE_KEYS
    assert (score["questions"], score["unclear"], score["hints"]) == (3, 1, 1)
    assert [s["id"] for s in score["signals"]] == [
        "all_categories",
        "follow_ups",
        "numbers",
        "failure_tolerance",
        "iteration_cadence",
        "e6_probes",
        "assumptions",
    ]
    depth = score["depth"]
    assert (depth["uncovered"], depth["total"], depth["ratio"]) == (1, 36, 0.028)
    assert list(depth["missed_important"]) == list(CATEGORY_IDS)  # every category still has some
    assert "scale.dau" not in depth["missed_important"]["scale"]
    assert score["assumptions"] == [
        {"text": "Let's assume no ads.", "category": "data", "after": "Do we show ads?"}
    ]
    facts = {f["id"]: f for f in data["facts"]}
    assert len(facts) == 36 and facts["scale.dau"]["uncovered"] is True
    assert facts["scale.dau"] == {
        "id": "scale.dau",
        "kind": "field",
        "category": "scale",
        "label": "DAU",
        "important": True,
        "uncovered": True,
    }
    assert sum(f["uncovered"] for f in facts.values()) == depth["uncovered"]


def test_the_terminal_score_shows_depth_and_what_to_study(cli_invoke) -> None:  # type: ignore[no-untyped-def]
    lines = "What's the DAU?\nCan we use a vendor API?\nI'll assume we can.\n"
    out = cli_invoke("interview", "payment-fraud-detection", input=lines).stdout
    assert "Questions asked: 2 (0 unclear), hints used: 0\n" in out
    assert "Facts uncovered: 1/36 (3%)\nAssumptions stated: 1\n" in out
    assert "  [x] E6: States assumptions where the scenario is silent - I'll assume we can.\n" in out
    assert "\nImportant facts never asked about:\n  Business Objective: Primary goal; Success metric\n" in out
    assert "  Scale: Users; QPS; Peak QPS\n" in out
    assert (
        "  Constraints: Deployment; Compute; Auto-improve; E6 probe: If the model doesn't answer within "
        "the authorization budget, do we approve or decline?\n"
    ) in out


def test_markdown_transcript_is_saved_and_escaped(cli_invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "t.md"
    lines = "<b>DAU</b>?\nDo we show ads?\nLet's assume no ads.\n"
    result = cli_invoke("interview", "video-streaming", "--transcript", str(target), input=lines)
    assert result.stdout.endswith(f"Transcript saved to {target}\n")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Mock interview: Video Streaming App\n\n> Design the recommendation system")
    assert "1. **&lt;b&gt;DAU&lt;/b&gt;?** (0:00, Scale)\n" in text
    assert "3. **Let's assume no ads\\.** (0:00, Data, assumption)\n" in text
    assert "- Facts uncovered: 1/36 (3%)\n" in text
    assert "### Assumptions stated\n\n- Let's assume no ads\\.\n" in text
    assert (
        "### Important facts never asked about\n\n- Business Objective: Primary goal; Success metric; E6"
        in text
    )
    assert "\n- Performance: Latency; Real\\-time\n" in text
    assert "Anki search: `" in text
    assert [p.name for p in tmp_path.iterdir()] == ["t.md"]
