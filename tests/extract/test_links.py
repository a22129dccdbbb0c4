"""URLs: trailing punctuation, brackets, markdown, and registrable domains from the bundled list."""

from graphkit.extract.links import domain, find_links


def urls(text):
    return [link.url for link in find_links(text)]


def test_trailing_punctuation_is_not_part_of_the_url():
    assert urls("See https://example.com/a/b. Then") == ["https://example.com/a/b"]
    assert urls("Really?https://x.org/p?q=1!") == ["https://x.org/p?q=1"]


def test_urls_in_brackets_and_markdown():
    assert urls("(see https://example.com/page)") == ["https://example.com/page"]
    assert urls("[the source](https://news.site.co.uk/story-1)") == ["https://news.site.co.uk/story-1"]
    assert urls("https://en.wikipedia.org/wiki/Foo_(bar)") == ["https://en.wikipedia.org/wiki/Foo_(bar)"]
    assert urls("“http://theduran.com/x/”") == ["http://theduran.com/x/"]


def test_offsets_point_at_the_url():
    text = "Link: www.southfront.org/a, and more"
    [link] = find_links(text)
    assert text[link.start : link.end] == link.url == "www.southfront.org/a"


def test_registrable_domain():
    assert domain("https://uploads.disquscdn.com/images/x.jpg") == "disquscdn.com"
    assert domain("https://www.bbc.co.uk/news") == "bbc.co.uk"
    assert domain("www.youtube.com/watch?v=1") == "youtube.com"
