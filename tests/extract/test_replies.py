"""Reply inference rules on small threads."""

from graphkit.extract.authors import AuthorRef
from graphkit.extract.replies import ThreadContext, infer_reply


def thread(*posts):
    """posts: (id, author, text, has_link, replied_to)."""
    ctx = ThreadContext("article")
    for pid, author, text, has_link, replied in posts:
        ctx.add(pid, author, text, has_link, replied)
    return ctx


def test_address_by_name_goes_to_that_participants_latest_comment():
    ctx = thread(("a", "Ann", "first", False, "article"), ("b", "Bob", "second", False, "article"))
    reply = infer_reply("Ann, I disagree.", "Bob", ctx, [AuthorRef(0, 3, "Ann", True)], [])
    assert (reply.target, reply.rule, reply.evidence) == ("a", "address", "Ann")


def test_thanks_for_the_link_goes_to_the_comment_with_a_link():
    ctx = thread(("a", None, "look http://x.org", True, "article"), ("b", "Ann", "no link", False, "article"))
    reply = infer_reply("Thanks for the link, very useful.", None, ctx, [], [])
    assert (reply.target, reply.rule) == ("a", "thanks-link")


def test_second_person_goes_to_the_previous_other_writer():
    ctx = thread(("a", "Ann", "x", False, "article"), ("b", "Bob", "y", False, "article"))
    assert infer_reply("Your point is wrong.", "Bob", ctx, [], []).target == "a"
    assert infer_reply("Your point is wrong.", None, ctx, [], []).target == "b"


def test_you_addressed_to_a_public_figure_is_not_a_reply():
    ctx = thread(("a", "Ann", "x", False, "article"))
    for text in ("Thank you, Mr Lavrov. You do your best.", "Unfortunately Mr. Lavrov, you’re right"):
        assert infer_reply(text, "Bob", ctx, [], []).rule == "default"


def test_generic_you_deep_into_a_comment_is_not_a_reply():
    ctx = thread(("a", "Ann", "x", False, "article"))
    text = "Long story about oil. " * 20 + "You can't trust them."
    assert infer_reply(text, "Bob", ctx, [], []).target == "article"


def test_quote_of_an_earlier_comment():
    earlier = "the most of the commentators have no idea how the ruling elite works in that country"
    ctx = thread(("a", "Ann", earlier, False, "article"), ("b", "Cy", "other", False, "article"))
    text = "> The most of the commentators have no idea how the ruling elite works in that country\nWrong."
    reply = infer_reply(text, "Bob", ctx, [], [(2, 86)])
    assert (reply.target, reply.rule) == ("a", "quote")


def test_turn_taking_between_two_users():
    ctx = thread(("a", "Ann", "x", False, "article"), ("b", "Bob", "y", False, "a"))
    reply = infer_reply("There is an earlier post about it.", "Ann", ctx, [], [])
    assert (reply.target, reply.rule) == ("b", "turn-taking")


def test_no_cue_defaults_to_the_article():
    ctx = thread(("a", "Ann", "x", False, "article"))
    reply = infer_reply("Interesting article.", "Bob", ctx, [], [])
    assert (reply.target, reply.rule, reply.confidence) == ("article", "default", 0.2)
