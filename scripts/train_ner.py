#!/usr/bin/env python3
"""Train the NER layer's spaCy pipeline and write it to models/ner-zh (deterministic: fixed seed).

Training text is what the project makes and labels itself (scripts/ner_data.py): narrative
phrasings filled from word lists with every span known, the narrative paragraphs of generated
reports labelled from their truth, and — weak labels — the prose of the real PDFs in
../shared/real-pdfs with what the pattern layer finds there (department, projects, shapes; tokens
that could belong to another organisation's name left unknown). Without ../shared the model is
trained on the rest and differs; `training.json` lists the PDFs used. The evaluation sets in
tests/ner/ (hand-annotated seeds, blind sentences) are never used here. After training, the
entity_ruler gets the subject catalogue's names and the pipeline is saved with a `training.json`
that records the settings and the scores on held-out phrasings.

    python scripts/train_ner.py                      # writes models/ner-zh (about 4 min on 2 cores)
    python scripts/train_ner.py --out /tmp/ner --sentences 300 --epochs 2
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import time
import warnings
from pathlib import Path

import ner_data
from extractor.evaluate import span_scores
from extractor.recognize import ner

ROOT = Path(__file__).resolve().parents[1]


# words that may be (part of) an organisation's name: in weakly labelled real prose, where only the
# department is labelled, these tokens are "unknown" rather than "no entity"
_ORG_END = ("局", "委", "办", "中心", "政府", "院", "所", "处", "科", "股", "室", "站", "队", "会", "部", "厅")


def examples_of(nlp, data, partial: bool = False):
    """spaCy Examples; `partial`: only the labelled spans are certain, and tokens that could be part
    of an unlabelled organisation name are left unknown."""
    from spacy.training import Example, offsets_to_biluo_tags

    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # spans not on token boundaries become "missing", not wrong
        for text, spans in data:
            doc = nlp.make_doc(text)
            ents = [(a, b, label) for a, b, label in spans]
            if partial:
                tags = offsets_to_biluo_tags(doc, ents)
                tags = ["-" if t == "O" and tok.text.endswith(_ORG_END) else t for t, tok in zip(tags, doc)]
                out.append(Example.from_dict(doc, {"entities": tags}))
            else:
                out.append(Example.from_dict(doc, {"entities": ents}))
    return out


def train(sentences: int = 4000, report_seeds: int = 25, epochs: int = 8, seed: int = 0, log=print,
          real_pdfs: bool = True):
    """The trained pipeline and a record of how it was made."""
    import spacy
    from spacy.util import compounding, fix_random_seed, minibatch
    from thinc.api import Adam

    t0 = time.perf_counter()
    fix_random_seed(seed)
    nlp = ner.build_blank()
    data = ner_data.sentences(sentences, seed=seed, split="train")
    for kind in ("final", "budget", "self_eval"):
        data += ner_data.report_paragraphs(range(5000, 5000 + report_seeds), kind=kind)
    real = sorted((ROOT.parent / "shared" / "real-pdfs").glob("*.pdf")) if real_pdfs else []
    train_examples = examples_of(nlp, data)
    # weak labels from the pattern layer on real prose (the seeds are never used: they are the test)
    train_examples += examples_of(nlp, ner_data.real_paragraphs(real), partial=True)
    # Adam with parameter averaging: the saved weights are the running average over all updates,
    # not the last update's, so a change in the data or the seed moves the model less
    optimizer = Adam(0.001, use_averages=True, L2=0.01, L2_is_weight_decay=True, grad_clip=1.0)
    nlp.initialize(lambda: train_examples[:300], sgd=optimizer)
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(train_examples)
        losses: dict[str, float] = {}
        with nlp.select_pipes(enable=["ner"]):
            for batch in minibatch(train_examples, size=compounding(4.0, 32.0, 1.001)):
                nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
        log(f"epoch {epoch + 1}/{epochs}: ner loss {losses.get('ner', 0.0):.1f}")
    with nlp.use_params(optimizer.averages):
        weights = nlp.get_pipe("ner").to_bytes()
    nlp.get_pipe("ner").from_bytes(weights)  # the averaged weights, kept
    ner.add_rules(nlp)
    held = ner_data.sentences(400, seed=seed + 1, split="unseen")
    pred = [ner.views(nlp, text)[0] for text, _ in held]
    record = {
        "spacy": spacy.__version__, "seed": seed, "sentences": sentences, "report_seeds": report_seeds,
        "epochs": epochs, "examples": len(train_examples), "real_pdfs": [p.name for p in real],
        "optimizer": "Adam lr 0.001, L2 0.01, grad clip 1.0; the averaged weights are saved",
        "seconds": round(time.perf_counter() - t0, 1),
        "unseen_phrasing_ner_only": span_scores(pred, [g for _, g in held], ner.LABELS),
    }
    return nlp, record


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "ner-zh")
    ap.add_argument("--sentences", type=int, default=4000)
    ap.add_argument("--report-seeds", type=int, default=25, help="generated reports of each kind")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    nlp, record = train(args.sentences, args.report_seeds, args.epochs, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.meta.update({"name": "finreport_ner", "version": "0.1.0", "lang": "zh",
                     "description": "Entities of Chinese public-finance reports (scripts/train_ner.py)"})
    nlp.to_disk(args.out)
    (args.out / "training.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"wrote {args.out} ({size / 1e6:.1f} MB) in {record['seconds']} s; "
          f"unseen phrasing, ner alone: {json.dumps(record['unseen_phrasing_ner_only']['ALL'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
