"""Display labels for requirements fields: the template's own label, or one made from the key.

Every renderer (cards, answer keys, the interviewer, scaffolds) labels a field through here, so
`peak_qps` reads `Peak QPS` everywhere and never `Peak qps`.
"""

from __future__ import annotations

from reqdrill.content.model import Content

# Lower-case word → how it is written. Words outside this table keep their case.
ACRONYMS = {
    "ab": "A/B",
    "api": "API",
    "auc": "AUC",
    "ccpa": "CCPA",
    "coppa": "COPPA",
    "cpu": "CPU",
    "ctr": "CTR",
    "dau": "DAU",
    "e5": "E5",
    "e6": "E6",
    "eta": "ETA",
    "gdpr": "GDPR",
    "gpu": "GPU",
    "hipaa": "HIPAA",
    "id": "ID",
    "kpi": "KPI",
    "mau": "MAU",
    "ml": "ML",
    "ndcg": "NDCG",
    "pii": "PII",
    "qps": "QPS",
    "sla": "SLA",
    "slo": "SLO",
    "tps": "TPS",
    "ui": "UI",
    "yoy": "YoY",
}


def humanize(key: str) -> str:
    """A label made from a field key: `peak_qps` → `Peak QPS`, `impact_of_mistakes` → `Impact of mistakes`."""
    words = [ACRONYMS.get(w.lower(), w) for w in key.split("_") if w]
    if not words:
        return key
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


def field_labels(content: Content | None) -> dict[tuple[str, str], str]:
    """(category id, field key) → the requirements template's label for that field."""
    if content is None:
        return {}
    return {(s.category, f.key): f.label for s in content.requirements_template.sections for f in s.fields}


def field_label(labels: dict[tuple[str, str], str], category: str, key: str) -> str:
    """The template's label for a field, or one made from its key when the template lacks it."""
    return labels.get((category, key)) or humanize(key)
