"""The learnt part of reply inference: how likely each candidate parent is, as a probability.

A conditional logit: every candidate (the article and the comments before) gets a score, a
weighted sum of the features ``replies`` computes for it; a softmax over the candidates turns the
scores into probabilities, divided by a temperature fitted on the threads each fold of training
left out, so that they are calibrated (a plain temperature transfers to new pages better than a
fitted curve: see ``bench/replies/train.py``). Explicit cues (a quote, a participant addressed by
name, thanks for a link) decide on their own, with the share of such cues that were right in
training as their probability. The weights live in ``reply_model.json`` beside this module,
written by ``bench/replies/train.py`` from real threads whose structure is known; loading it takes
a few milliseconds and needs nothing but the standard library.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["FEATURES", "MODEL_FILE", "ReplyModel", "model", "softmax"]

FEATURES = (
    "article",  # the candidate is the article
    "article_length",  # … times the comment's length: long comments tend to open a new branch
    "article_share",  # … times the page's running share of comments on the article (its prior)
    "article_known_author",  # … when the writer has a recent comment on the page
    "article_question",  # … when the comment asks something
    "article_lowercase",  # … when the comment starts in lower case (replies often do)
    "previous",  # the comment just before
    "branch",  # an ancestor of the previous comment (where a reading-order reply can attach)
    "branch_depth",  # … how far up the branch
    "distance",  # log of comments in between
    "same_author",  # written by the same person
    "turn_taking",  # the candidate answered this comment's author
    "mention",  # this comment names the candidate's author
    "overlap",  # shared content words
    "depth",  # log of the candidate's depth in the thread
    "best_overlap",  # the candidate sharing the most words
    "second_person_previous",  # "you" early in the comment, candidate = previous comment by someone else
    "second_person",  # "you" early in the comment, candidate is a comment
    "question",  # the candidate asks something
    "opener",  # the comment opens like an answer ("Yes", "No", "This", "Lol"…)
    "children",  # log of replies the candidate has so far
    "short",  # a short comment, candidate is a comment
    "anonymous",  # the candidate has no author
    "previous_same_author",  # the previous comment, by the same person (a continuation)
    # the page as a whole (``ThreadContext.survey``), on the article; shares of its comments centred on zero
    "article_page_back",  # … whose writer wrote an earlier comment
    "article_page_turns",  # … whose writer wrote the comment two before (A, B, A)
    "article_page_coherence",  # log of how many more words neighbours share than comments six apart
)
MODEL_FILE = Path(__file__).with_name("reply_model.json")


def softmax(scores: list[float], temperature: float = 1.0) -> list[float]:
    top = max(scores)
    exps = [math.exp((s - top) / temperature) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


@dataclass(frozen=True)
class ReplyModel:
    weights: tuple[float, ...]
    temperature: float
    cue_precision: dict[str, float]

    def probabilities(self, rows: list[list[tuple[int, float]]]) -> list[float]:
        """Probability of each candidate, given each one's non-zero features (index, value)."""
        w = self.weights
        return softmax([sum(w[i] * v for i, v in row) for row in rows], self.temperature)

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "weights": [round(x, 5) for x in self.weights],
            "temperature": round(self.temperature, 4),
            "cue_precision": {k: round(v, 4) for k, v in self.cue_precision.items()},
        }

    @classmethod
    def from_json(cls, data: dict) -> ReplyModel:
        by_name = dict(zip(data["features"], data["weights"], strict=True))
        return cls(tuple(by_name.get(f, 0.0) for f in FEATURES), data["temperature"], data["cue_precision"])


@cache
def model() -> ReplyModel:
    """The shipped model (read once)."""
    return ReplyModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
