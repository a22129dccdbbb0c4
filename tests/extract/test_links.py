"""URLs end where a reader sees them end; hosts parse or the text stays text; registrable domains come from the
bundled public suffix list."""

import pytest

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


# (comment text, the urls a reader sees in it)
ENDINGS = [
    # CJK and full-width punctuation end a link; so does the bracket that opened before it
    ("博客地址(http://tanglei.name)。欢迎访问", ["http://tanglei.name"]),
    ("我的站点(http://www.i3zhai.com)，我把重定向取消了…", ["http://www.i3zhai.com"]),
    ("见http://example.cn/a/b、http://example.cn/c", ["http://example.cn/a/b", "http://example.cn/c"]),
    ("地址是「https://weibo.com/u/123」吗？", ["https://weibo.com/u/123"]),
    ("链接：https://github.com/foo/bar！", ["https://github.com/foo/bar"]),
    ("（http://www.douban.com/note/1）", ["http://www.douban.com/note/1"]),
    ("【https://zh.wikipedia.org/wiki/北京】", ["https://zh.wikipedia.org/wiki/北京"]),
    ("https://zh.wikipedia.org/wiki/中国。后来", ["https://zh.wikipedia.org/wiki/中国"]),
    ("see http://foo.com\u3000next", ["http://foo.com"]),
    ("zero\u200bwidth http://foo.com/a\u200bb", ["http://foo.com/a"]),
    # an SMTP log pasted into a comment: the host ends at the bracket that closes outside it
    ("relay (http://smtp.example.edu.cn)([166.111.8.80]) said", ["http://smtp.example.edu.cn"]),
    ("Received: from http://smtp.example.edu.cn)([166.111.8.80]", ["http://smtp.example.edu.cn"]),
    # sentence punctuation, ellipses, emphasis
    (
        "Read this: https://www.nytimes.com/2016/11/08/us/politics.html...",
        ["https://www.nytimes.com/2016/11/08/us/politics.html"],
    ),
    ("*https://example.org/x*", ["https://example.org/x"]),
    ("Source: https://example.com/story…", ["https://example.com/story"]),
    ("https://example.com/a;b,c.", ["https://example.com/a;b,c"]),
    ("'https://example.com/q'", ["https://example.com/q"]),
    ('<a href="http://example.com/p">x</a>', ["http://example.com/p"]),
    ("«https://lemonde.fr/article»", ["https://lemonde.fr/article"]),
    ("`http://example.com/code`", ["http://example.com/code"]),
    # brackets inside the url stay; markdown around it does not
    ("[wiki](https://en.wikipedia.org/wiki/Mercury_(planet))", ["https://en.wikipedia.org/wiki/Mercury_(planet)"]),
    ("(https://en.wikipedia.org/wiki/Foo_(bar))", ["https://en.wikipedia.org/wiki/Foo_(bar)"]),
    ("{https://example.com/a}", ["https://example.com/a"]),
    ("https://example.com/search?q[]=1&q[]=2", ["https://example.com/search?q[]=1&q[]=2"]),
    ("label (https://example.com/x)", ["https://example.com/x"]),
    # two glued links, links at the very start and end
    ("https://a.example.com/x,https://b.example.com/y", ["https://a.example.com/x,https://b.example.com/y"]),
    ("www.example.com", ["www.example.com"]),
    ("HTTPS://EXAMPLE.COM/PATH", ["HTTPS://EXAMPLE.COM/PATH"]),
    # a text is only scanned when it holds "://" or the end of "www." in any case
    ("see WWW.EXAMPLE.COM/A now", ["WWW.EXAMPLE.COM/A"]),
    ("see wwW.example.com now", ["wwW.example.com"]),
    ("see wWw.example.com now", ["wWw.example.com"]),
]

HOSTS = [
    # internationalised names, in Unicode or punycode, and IP hosts
    ("https://例え.jp/パス", "例え.jp"),
    ("https://xn--r8jz45g.jp/", "例え.jp"),
    ("http://www.Bücher.DE/katalog", "bücher.de"),
    ("http://www.xn--bcher-kva.de/", "bücher.de"),
    ("http://пример.рф/", "пример.рф"),
    ("http://exａmple.com/full-width-letter", "example.com"),
    ("http://166.111.8.80/", "166.111.8.80"),
    ("http://166.111.8.80:8080/cgi?x=1", "166.111.8.80"),
    ("http://[2001:db8::1]/", "2001:db8::1"),
    ("http://[2001:DB8:0:0::1]:8443/a", "2001:db8::1"),
    ("http://[fe80::1%25eth0]/", "fe80::1"),
    ("http://user:secret@example.co.uk/", "example.co.uk"),
    ("http://sub.domain.example.com./", "example.com"),
    ("https://abc.blogspot.com/", "blogspot.com"),
]

NOT_LINKS = [
    "http://[166.111.8.80]/",  # an IPv4 address cannot be in brackets
    "http://exa\u2100mple.com",  # NFKC turns the character into "a/c"
    "http://[not-an-address]/",
    "http://localhost:8080/",
    "http://999.1.1.1/",
    "http://a..b.com/",
    "http://-dash.com/",
    "http://example.123/",
    "https://",
    "www.",
    "http://" + "a" * 300 + ".com/",
]


@pytest.mark.parametrize(("text", "expected"), ENDINGS)
def test_links_end_where_a_reader_sees_them_end(text, expected):
    found = find_links(text)
    assert [link.url for link in found] == expected
    assert all(text[link.start : link.end] == link.url for link in found)


@pytest.mark.parametrize(("url", "expected"), HOSTS)
def test_internationalised_and_ip_hosts_parse(url, expected):
    assert urls(f"see {url} now") == [url]
    assert domain(url) == expected


@pytest.mark.parametrize("text", NOT_LINKS)
def test_a_url_that_cannot_parse_stays_text(text):
    assert urls(f"before {text} after") == []
    assert domain(text) == ""


def _real_urls():
    """Every http(s) URL the real exports of the tests' data hold, as ``find_links`` reads them."""
    from pathlib import Path

    found = set()
    for path in sorted((Path(__file__).parent.parent / "data" / "real").rglob("*")):
        if path.is_file() and path.stat().st_size < 5_000_000:
            found.update(link.url for link in find_links(path.read_text("utf-8", "replace")))
    return sorted(u for u in found if u.lower().startswith("http"))


AUTHORITIES = [
    "http://a.com@b.com/x",  # a user before the host
    "http://User:pw@Example.ORG/",
    "http://example.com:8080/x",
    "HTTPS://WWW.Example.COM/Path",
    "http://example.com?q=1",
    "http://example.com#top",
    "http://example.com",
    "http://\u212aelvin.com/",  # a letter that IGNORECASE would read as "k"
    "http://ex_ample.com/",
    "http://./",
    "http://[::1]/x",
]


def test_a_links_host_is_the_one_urlsplit_reads():
    """Links whose authority is a plain host name are looked up by that name alone: the host must be the one
    urlsplit reads, whatever comes around it (a user, a port, a path, a query)."""
    from urllib.parse import urlsplit

    from graphkit.extract.links import _host, _named

    urls = _real_urls()
    assert len(urls) > 100
    for url in urls + AUTHORITIES:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        expected = None if not host or host.startswith("[") or ":" in host else _named(host)
        if ":" in (host or ""):
            continue  # an IPv6 address: read by urlsplit alone
        assert _host.__wrapped__(url) == expected, url
