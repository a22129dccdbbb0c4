"""The learnt part of reply inference: how likely each candidate parent is, as a probability.

A conditional logit: every candidate (the article and the open comments of the branch above) gets a
score, a weighted sum of the features ``replies_page`` computes for it; a softmax over the
candidates turns the scores into probabilities. On a page read as a threaded discussion the chosen
candidate's probability is then mapped through a calibration (logistic, on its log-odds, whether the
article's writer wrote the comment and the share of the page's comments they wrote) fitted on the choices
that the model, trained without their source, made on the training threads (cross-validation), so that a
confidence of 0.7 is right about 70% of the time. On a page read as a flat comment section a comment
answers the article with the probability the two readings of the page give together (the gate's probability of a
flat page, mixed with the threaded model's probability of the article for this comment), mapped by a logistic on
its log-odds fitted on the same cross-validated choices.
Explicit cues (a quote, a quote under its writer's name, a participant addressed by name, thanks for a
link) decide on their own, with the share of such cues that were right in training as their probability (on mail
and question-and-answer pages, the share on pages read as that kind). The weights live in
``reply_model.json`` beside this module, written by ``bench/replies/train.py`` from real threads
whose structure is known; loading it takes a few milliseconds and needs nothing but the standard
library.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

__all__ = [
    "ANSWERS",
    "CALIBRATION",
    "FEATURES",
    "calibration_values",
    "model_identity",
    "MODEL_FILE",
    "ReplyModel",
    "model",
    "softmax",
    "UNSEEN_CUE",
]

FEATURES = (
    "article",  # the candidate is the article
    "article_length",  # … times the comment's length: long comments tend to open a new branch
    "article_known_author",  # … when the writer wrote an earlier comment
    "article_on_branch",  # … when the writer wrote a comment of the open branch (answering back down it)
    "article_question",  # … when the comment asks something
    "article_lowercase",  # … when the comment starts in lower case (replies often do)
    "article_you",  # … when the comment says "you" early
    "article_opener",  # … when the comment opens like an answer ("Yes", "No", "This", "Lol"…)
    "article_depth",  # … log of the previous comment's depth
    "article_op",  # … when the article's writer wrote the comment (answering the comments on it)
    "article_answered",  # … when the comment shows a question-and-answer site's "answered …" line (an answer)
    # the page as a whole (``ThreadContext.survey``), on the article; shares of its comments centred on zero
    "article_page_back",  # … whose writer wrote an earlier comment
    "article_page_turns",  # … whose writer wrote the comment two before (A, B, A)
    "article_page_coherence",  # log of how many more words neighbours share than comments six apart
    "article_page_you",  # … that say "you" early
    "article_page_named",  # … that name an earlier writer of the page (any language: names are the page's own)
    "article_page_lowercase",  # … that start in lower case (replies often do; flat comment sections' rarely)
    "previous",  # the comment just before
    "previous_same_author",  # … by the same person (a continuation, rarely an answer)
    "branch",  # an open comment above the previous one (an ancestor of it)
    "branch_depth",  # … log of how far up the branch
    "branch_parent",  # … the previous comment's parent
    "distance",  # log of comments in between
    "same_author",  # written by the same person
    "turn_taking",  # the candidate answered this comment's writer
    "answered_back",  # the candidate's writer wrote the comment after this one (A, B, A: answering back)
    "mention",  # this comment names the candidate's writer
    "overlap",  # shared content words, weighed by their rarity on the page
    "sibling_overlap",  # … with the candidate's reply on the branch (the comment would be its sibling)
    "best_overlap",  # the candidate sharing the most words
    "depth",  # log of the candidate's depth in the thread
    "second_person",  # "you" early in the comment, candidate is a comment
    "second_person_previous",  # … and the latest comment by someone else
    "question",  # the candidate asks something
    "opener",  # the comment opens like an answer, candidate is a comment
    "children",  # log of replies the candidate has so far
    "short",  # a short comment, candidate is a comment
    "anonymous",  # the candidate has no author
    "closed",  # the candidate is a comment an earlier choice took off the branch
    "closed_top",  # … the closed top-level comment with the most replies (``replies_page.TOPS_KEPT``)
    "answered",  # the candidate shows a question-and-answer site's "answered …" line: an answer, its comments under it
    # what a list archive's page shows of a mail and of the candidate (``replies_page.mail_head``)
    "mail_later",  # the candidate was sent after the mail (one only where the mail names it: ``replies_page``)
    "mail_hours",  # log of the hours between the candidate and the mail
    "mail_subject",  # the same subject ("Re:" and list tags left out)
    "mail_attributed",  # the mail's attribution line names the candidate's writer, or the minute it was sent
    "mail_greeted",  # the mail's greeting names the candidate's writer ("Hi Joerg,")
    "mail_child_later",  # the candidate's reply on the branch was sent after the mail (its replies are in date order)
    "article_mail_child_later",  # … the article's
    "article_mail_named",  # the mail greets or attributes the article's writer, or a name no earlier mail's writer has
)
MODEL_FILE = Path(__file__).with_name("reply_model.json")
IDENTITY_DIGITS = 12  # hex digits of a model's ``identity``
# the calibration of a choice on a threaded page: a weight each in the log-odds that the choice is right
CALIBRATION = (
    "bias",
    "logit",  # the log-odds of the model's probability
    "writer",  # the article's writer wrote the comment (answering on their own page: placed more surely)
    "writer_logit",  # … times the log-odds
    "writer_share",  # the share of the page's comments the article's writer wrote
)
UNSEEN_CUE = 0.9  # probability of an explicit cue that the training threads never showed
_EDGE = 1e-4  # probabilities are kept this far from 0 and 1 before their log-odds are taken


# in a page's shape (``ThreadContext.survey``): the share of its comments showing a date whose date line names their
# writer, as a forum's posts do ("Posted on 2019-03-04 10:15 by Jo"); a page where most do is read as no list
# archive's thread whatever the mail gate says (a forum's "Re:" subjects and dates show what a list archive's do)
POSTED = "dated_by_writer"
# … the number of its comments ending in a question-and-answer site's "answered …" line: a page where two or more do is
# read as such a site's, its comments under their question or answer (the weights of "qa")
ANSWERS = "answers_shown"


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


@dataclass(frozen=True)
class ReplyModel:
    # page kind ("threaded": a discussion; "mail": a list's thread; "qa": a question-and-answer site's page, its
    # answers showing the site's line) → one weight per feature; a kind with none (a comment section, "flat"): comments
    # answer the article
    weights: dict[str, tuple[float, ...]]
    gate: dict[str, float]  # page shape feature (and "bias") → its weight in the log-odds of a threaded discussion
    cue_precision: dict[str, float]
    calibration: dict[str, float] = field(default_factory=dict)  # on threaded pages: ``CALIBRATION`` weights
    lean: float = 0.0  # added to the gate's log-odds before it decides
    on_article: dict[str, float] = field(default_factory=dict)  # page kind → share of comments answering the article
    # on pages read as flat: "bias" and "logit" (``CALIBRATION``) of a logistic from ``flat_evidence`` to the article
    flat_calibration: dict[str, float] = field(default_factory=dict)
    # what a discussion's comments show above their text ("page_dated", "page_repeated") and of mail in it
    # ("page_wrapped", "page_signed": ``ThreadContext.survey``) and "bias" → its weight in the log-odds of a list's
    # thread, however shown, read with the weights of "mail"
    mail_gate: dict[str, float] = field(default_factory=dict)
    mail_calibration: dict[str, float] = field(default_factory=dict)  # on mail pages: ``CALIBRATION`` weights
    # page kind → explicit cue → its share right on pages read as that kind, where it differs from the pooled
    # ``cue_precision`` (a question-and-answer site's comment calling on a writer stands under its post all the same)
    kind_cue_precision: dict[str, dict[str, float]] = field(default_factory=dict)
    # what the model file holds, as a digest (``model_identity``): a store names the model each inferred reply came from
    identity: str = ""

    def threaded(self, shape: dict[str, float]) -> float:
        """The probability that a page of this shape (``ThreadContext.survey``) is a threaded discussion."""
        return _logistic(self.gate, shape)

    def kind(self, shape: dict[str, float]) -> str:
        """The page's kind: a question-and-answer site's when two of its comments or more end in the site's "answered
        …" line, a list archive's thread when its comments show what such a page does (``mail_gate``), else read as
        threaded from a probability the ``lean`` sets."""
        if "qa" in self.weights and shape.get(ANSWERS, 0.0) >= 2:
            return "qa"
        if self.mail(shape):
            return "mail"
        p = self.threaded(shape)
        return "threaded" if math.log(p / (1 - p)) + self.lean > 0 else "flat"

    def mail(self, shape: dict[str, float]) -> bool:
        """Whether a page of this shape is read as a list archive's thread (with the weights of "mail")."""
        return "mail" in self.weights and shape.get(POSTED, 0.0) < 0.5 and _logistic(self.mail_gate, shape) > 0.5

    def flat_evidence(self, p_threaded: float, p_article: float) -> float:
        """How likely a comment of a page read as flat answers the article, before calibration: the page is
        flat (its comments answer the article as often as the flat training pages' did) or, with the gate's
        probability ``p_threaded``, threaded, the comment then answering the article with the threaded
        model's probability ``p_article`` (its words, "you", its opening, the comment before it)."""
        return (1 - p_threaded) * self.on_article.get("flat", 1.0) + p_threaded * p_article

    def flat_confidence(self, shape: dict[str, float], p_article: float) -> float:
        """The probability that a comment of a page read as flat answers the article: its ``flat_evidence``
        through the logistic fitted on the training pages' comments read as flat (cross-validated)."""
        return self.flat_calibrated(self.flat_evidence(self.threaded(shape), p_article))

    def flat_calibrated(self, evidence: float) -> float:
        """The share of comments of pages read as flat with this ``flat_evidence`` that answered the article
        (``evidence`` itself without a calibration)."""
        return _calibrated(self.flat_calibration, evidence, False, 0.0)

    def cue_confidence(self, rule: str, kind: str) -> float:
        """The probability that an explicit cue's parent is right on a page read as ``kind``: its share right on
        such pages, else on every page, else ``UNSEEN_CUE`` for a cue the training threads never showed. Extraction
        and the training script's cross-validation both ask this, so the confidences measured are those shipped."""
        return self.kind_cue_precision.get(kind, {}).get(rule, self.cue_precision.get(rule, UNSEEN_CUE))

    def probabilities(self, rows: list[list[tuple[int, float]]], kind: str = "threaded") -> list[float]:
        """Probability of each candidate on a page of this kind, given each one's non-zero features (index, value)."""
        w = self.weights[kind]
        return softmax([sum(w[i] * v for i, v in row) for row in rows])

    def calibrated(self, p: float, by_writer: bool = False, writer_share: float = 0.0, kind: str = "threaded") -> float:
        """The share of choices of probability ``p`` that were right on pages of this kind (threaded or mail), for
        a comment the article's writer wrote (``by_writer``) or not, on a page whose comments they wrote
        ``writer_share`` of (``p`` itself without a calibration)."""
        weights = self.mail_calibration if kind == "mail" and self.mail_calibration else self.calibration
        return _calibrated(weights, p, by_writer, writer_share)

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "weights": {k: [round(x, 5) for x in w] for k, w in self.weights.items()},
            "gate": {k: round(v, 5) for k, v in self.gate.items()},
            "lean": round(self.lean, 4),
            "on_article": {k: round(v, 4) for k, v in self.on_article.items()},
            "cue_precision": {k: round(v, 4) for k, v in self.cue_precision.items()},
            "calibration": {k: round(v, 5) for k, v in self.calibration.items()},
            "flat_calibration": {k: round(v, 5) for k, v in self.flat_calibration.items()},
            "mail_gate": {k: round(v, 5) for k, v in self.mail_gate.items()},
            "mail_calibration": {k: round(v, 5) for k, v in self.mail_calibration.items()},
            "kind_cue_precision": {
                kind: {k: round(v, 4) for k, v in shares.items()} for kind, shares in self.kind_cue_precision.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> ReplyModel:
        weights = {}
        for kind, values in data["weights"].items():
            by_name = dict(zip(data["features"], values, strict=True))
            weights[kind] = tuple(by_name.get(f, 0.0) for f in FEATURES)
        return cls(
            weights,
            data["gate"],
            data["cue_precision"],
            data["calibration"],
            data["lean"],
            data["on_article"],
            data.get("flat_calibration", {}),
            data.get("mail_gate", {}),
            data.get("mail_calibration", {}),
            data.get("kind_cue_precision", {}),
            model_identity(data),
        )


def model_identity(data: dict) -> str:
    """A model file's identity: a digest of what it holds, written in one way (key order and spacing do not
    count), so a retrained or upgraded model has another and the same model the same on every machine."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()[:IDENTITY_DIGITS]


def calibration_values(p: float, by_writer: bool, writer_share: float) -> tuple[float, ...]:
    """What the ``CALIBRATION`` weights weigh for a choice of probability ``p``, in their order."""
    q = min(max(p, _EDGE), 1 - _EDGE)
    logit = math.log(q / (1 - q))
    return 1.0, logit, float(by_writer), by_writer * logit, writer_share


def _calibrated(weights: dict[str, float], p: float, by_writer: bool, writer_share: float) -> float:
    """A choice's probability ``p`` through a calibration's ``CALIBRATION`` weights (``p`` itself without weights)."""
    if not weights:
        return p
    values = calibration_values(p, by_writer, writer_share)
    return _sigmoid(sum(weights.get(k, 0.0) * v for k, v in zip(CALIBRATION, values, strict=True)))


def _logistic(weights: dict[str, float], shape: dict[str, float]) -> float:
    """The probability a logistic of these weights (and "bias") gives a page of this shape."""
    return _sigmoid(weights.get("bias", 0.0) + sum(w * shape.get(k, 0.0) for k, w in weights.items() if k != "bias"))


def _sigmoid(score: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))


@cache
def model() -> ReplyModel:
    """The shipped model (read once)."""
    return ReplyModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
