"""The NER layer's spaCy pipeline: blank Chinese with the jieba segmenter, a trained `ner`, an
`entity_ruler` fed from the subject catalogue, and `finreport_shapes`, the pattern layer's regexes
for amounts, percentages, dates and document numbers.

What it does: `build_blank()` makes the untrained pipeline (what `scripts/train_ner.py` trains);
`load()` reads the trained one from `models/ner-zh` (or `$EXTRACTOR_NER_MODEL`) once per process;
`views(nlp, text)` gives, for one paragraph, what the trained ner finds and what the rules (ruler
and shapes) find, separately, so the caller can weigh agreement. Labels: PROJECT,
ORG, SUBJECT, DOC_NO, DATE, MONEY, PERCENT. Nothing is downloaded: jieba's dictionary is inside its
wheel, the model is in the repository.
What it does not: decide between rule and NER findings in a report (recognize/entities.py does).
"""
from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Optional

import regex as re

from ..evidence.numbers import LOOSE_NUM

LABELS = ("PROJECT", "ORG", "SUBJECT", "DOC_NO", "DATE", "MONEY", "PERCENT")
SHAPE_LABELS = ("MONEY", "PERCENT", "DATE", "DOC_NO")
MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "ner-zh"

# the pattern layer's shapes, on normalized text (full-width digits already mapped)
_N = LOOSE_NUM
SHAPES = {
    "MONEY": re.compile(rf"(?<![\d.])-?{_N}\s?(?:亿元|万元|元)"),
    "PERCENT": re.compile(rf"(?<![\d.])-?{_N}\s?[%％]"),
    "DATE": re.compile(r"(?<!\d)(?:19|20)\d{2}\s?年(?:\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?|度|底|末|初)?"
                       r"|(?<![\d.])(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}(?![\d.])"),
    "DOC_NO": re.compile(r"\p{Han}{1,8}[〔\[［【(（]\s?(?:19|20)\d{2}\s?[〕\]］】)）]\s?\d{1,4}\s?号"),
}


# words before an issuer's abbreviation that the DOC_NO shape would otherwise swallow
_BEFORE_DOC_NO = re.compile(r"^.*(?:根据|按照|依据|依照|参照|印发|通知|文件|关于|的|及|和|与|等|经|据|按)")


def shape_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of every fixed-shape entity, longest first where two overlap."""
    found = []
    for label, rx in SHAPES.items():
        for m in rx.finditer(text):
            start = m.start()
            if label == "DOC_NO":
                cut = _BEFORE_DOC_NO.match(text[start:m.end()].split("〔")[0].split("[")[0].split("［")[0]
                                           .split("【")[0].split("(")[0].split("（")[0])
                start += cut.end() if cut else 0
            found.append((start, m.end(), label))
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, str]] = []
    for s in found:
        if out and s[0] < out[-1][1]:
            continue
        out.append(s)
    return out


def _quiet_jieba() -> None:
    import jieba

    jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=1)
def _catalogue_names() -> tuple[str, ...]:
    from .. import catalog

    names = {e.name for kind in ("function", "economic") for e in catalog.all_entries(kind)}
    return tuple(sorted(n for n in names if 3 <= len(n) <= 30))


def _teach_segmenter() -> None:
    """Catalogue names become words of jieba's dictionary, so a subject name is whole tokens in
    any context and the ruler's phrase patterns match it (the same words at training and at use)."""
    import jieba

    _quiet_jieba()
    for name in _catalogue_names():
        jieba.add_word(name, freq=20000)


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory("finreport_shapes"):
        return

    @Language.component("finreport_shapes")
    def finreport_shapes(doc):
        """Amounts, percentages, dates and document numbers by the pattern layer's regexes; they
        replace whatever the statistical model said about the same tokens."""
        spans = []
        for start, end, label in shape_spans(doc.text):
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
        from spacy.util import filter_spans

        doc.ents = filter_spans(keep + spans)
        return doc


# spaCy's transition-based ner with its default CNN (a half-size one, width 64 and depth 2, ran
# 1.4x faster but found a quarter fewer unseen project names)
NER_MODEL = {
    "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
    "hidden_width": 64, "maxout_pieces": 2, "use_upper": True, "nO": None,
    "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": 96, "depth": 4,
                "embed_size": 2000, "window_size": 1, "maxout_pieces": 3, "subword_features": True},
}


def build_blank():
    """The untrained pipeline: tokenizer, ner (labels added), an empty entity_ruler,
    finreport_shapes. `add_rules` fills the ruler once the ner is initialized (initializing a
    pipeline empties its rulers)."""
    import spacy

    _register()
    _teach_segmenter()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    ner = nlp.add_pipe("ner", config={"model": NER_MODEL})
    for label in LABELS:
        ner.add_label(label)
    nlp.add_pipe("entity_ruler", config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"})
    nlp.add_pipe("finreport_shapes")
    return nlp


def add_rules(nlp) -> None:
    """The subject catalogue's names as the ruler's SUBJECT phrase patterns."""
    ruler = nlp.get_pipe("entity_ruler")
    with nlp.select_pipes(disable=["ner"]):
        ruler.add_patterns([{"label": "SUBJECT", "pattern": name} for name in _catalogue_names()])


def model_path() -> Path:
    return Path(os.environ.get("EXTRACTOR_NER_MODEL") or MODEL_DIR)


@lru_cache(maxsize=1)
def _load(path: str):
    import spacy

    _register()
    _teach_segmenter()
    return spacy.load(path)


def load(path: Optional[Path] = None):
    """The trained pipeline, loaded once per process. Raises RuntimeError naming the folder when
    it is missing (train it with scripts/train_ner.py)."""
    p = Path(path) if path else model_path()
    if not (p / "meta.json").exists():
        raise RuntimeError(f"NER model not found in {p} (make it with: python scripts/train_ner.py)")
    return _load(str(p.resolve()))


def views_many(nlp, texts: list[str], batch_size: int = 256):
    """`views` for many paragraphs, the ner run in batches (several times faster than one by one)."""
    docs = [nlp.make_doc(t) for t in texts]
    ner_docs = nlp.get_pipe("ner").pipe([d.copy() for d in docs], batch_size=batch_size)
    ruler, shapes = nlp.get_pipe("entity_ruler"), nlp.get_pipe("finreport_shapes")
    for doc, ner_doc in zip(docs, ner_docs):
        rule_doc = shapes(ruler(doc))
        yield ([(e.start_char, e.end_char, e.label_) for e in ner_doc.ents],
               [(e.start_char, e.end_char, e.label_) for e in rule_doc.ents])


def views(nlp, text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """One paragraph seen twice on one tokenization: (what the trained ner finds, what the rules —
    the catalogue ruler and the shapes — find), each as (start, end, label) character spans."""
    return next(views_many(nlp, [text]))
