"""Posts are checked and made storable on their way in, however their fields are typed or filled."""

import pytest

from graphkit.records import Post, Stated, storable

LONE = "\udc00"


def _post(**fields):
    return Post(
        **{
            "id": "comment:1",
            "thread": "article:1",
            "is_article": False,
            "text": "hi",
            "platform": "x",
            "source": "f.jsonl",
            **fields,
        }
    )


@pytest.mark.parametrize(
    ("field", "value", "clean"),
    [
        ("text", f"a{LONE}b", "a\ufffdb"),
        ("author", f"d{LONE}n", "d\ufffdn"),
        ("meta", {"subreddit": f"s{LONE}"}, {"subreddit": "s\ufffd"}),
        ("meta", {"nested": {"deep": [f"x{LONE}"]}}, {"nested": {"deep": ["x\ufffd"]}}),
        ("quoted", ("fine", f"q{LONE}"), ("fine", "q\ufffd")),
        (
            "stated",
            (Stated("MENTIONS", "author:x:a", name=f"n{LONE}"),),
            (Stated("MENTIONS", "author:x:a", "n\ufffd"),),
        ),
    ],
)
def test_a_lone_surrogate_anywhere_in_a_post_is_replaced(field, value, clean):
    # the other fields hold only strings that encode: a surrogate in one field alone is still found
    post = storable(_post(**{field: value}))
    assert getattr(post, field) == clean
    assert storable(post) is post  # nothing left to replace


def test_a_storable_post_is_the_same_post():
    post = _post(meta={"subreddit": "s"}, quoted=("q",), stated=(Stated("MENTIONS", "author:x:a", "a"),))
    assert storable(post) is post


class _Text(str):
    """A string of a subclass, as some parsers return them."""


def test_field_types_are_checked_and_subclasses_pass():
    assert _post(text=_Text("kept")).text == "kept"
    for fields in ({"text": 3}, {"position": True}, {"author": ["a"]}, {"quoted": ["a"]}, {"guest": 1}):
        with pytest.raises(TypeError):
            _post(**fields)
