"""URLs in post text and the registrable domain of each (the ``Source`` node).

A link ends where a reader sees it end: at whitespace, quotes, CJK or full-width punctuation
("http://a.cn)。…"), at a closing bracket that opened before the URL ("(see http://a.org)",
"[label](http://b.org)"), and before trailing sentence punctuation. A candidate whose host is
not a plausible domain name, IPv4 address or bracketed IPv6 address stays plain text. Domains
come from the public suffix list that ships inside ``publicsuffixlist`` (it never fetches);
internationalised names are compared in their Unicode form, so ``xn--`` and Unicode spellings
of one site share a domain.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import urlsplit

__all__ = ["Link", "find_links", "domain", "named_by_address", "names_by_address"]

# Characters a URL never runs through: whitespace, controls, quotes, angle brackets, zero-width
# marks, CJK symbols and punctuation (U+3000-303F) and the full-width punctuation of U+FF00-FF65.
_STOP = (
    r"\s\x00-\x1f\x7f<>\"'`“”‘’«»\u200b-\u200d\u2060\ufeff\u3000-\u303f"
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
_URL = re.compile(rf"(?:https?://|www\.)[^{_STOP}]+", re.I)
_TRAILING = ".,;:!?…*_~"
_OPENS = {")": "(", "]": "[", "}": "{"}
_LABEL = re.compile(r"[^\W_](?:[\w-]{0,61}[^\W_])?")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
# A URL whose authority is an ASCII host name alone (no user, port or brackets): urlsplit's host is that name
# in lower case, so its links are looked up by the name.
_PLAIN = re.compile(r"https?://([a-z0-9.-]+)(?=[/?#]|\Z)", re.I | re.A)


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    url: str


def _balanced(url: str) -> str:
    """``url`` up to its first closing bracket that no bracket inside it opened."""
    if ")" not in url and "]" not in url and "}" not in url:  # nothing to close: most urls, not read one by one
        return url
    depth = {opener: 0 for opener in _OPENS.values()}
    for i, char in enumerate(url):
        if char in depth:
            depth[char] += 1
        elif char in _OPENS:
            if not depth[_OPENS[char]]:
                return url[:i]
            depth[_OPENS[char]] -= 1
    return url


@lru_cache(maxsize=1 << 12)  # asked again for each link found (``find_links``, then ``domain``)
def _host(url: str) -> str | None:
    """The host in its normal form (Unicode, NFKC, lower case), or None when it cannot be a host."""
    if plain := _PLAIN.match(url):  # most links: read as urlsplit reads them, and their site's host worked out once
        return _named(plain.group(1).lower())
    try:
        host = urlsplit(url if "//" in url else f"http://{url}").hostname
    except ValueError:  # e.g. "http://[1.2.3.4]", or characters NFKC turns into delimiters
        return None
    if not host:
        return None
    if host.startswith("["):  # urlsplit keeps the brackets of an IPv6 address it cannot read
        return None
    if ":" in host:
        try:
            return str(ipaddress.IPv6Address(host.split("%", 1)[0]))
        except ValueError:
            return None
    return _named(host)


@lru_cache(maxsize=1 << 12)  # a site is cited again and again
def _named(host: str) -> str | None:
    """``_host`` of a host name as urlsplit gives it (no brackets, no port)."""
    host = unicodedata.normalize("NFKC", host).rstrip(".").lower()
    if _IPV4.fullmatch(host):
        try:
            return str(ipaddress.IPv4Address(host))
        except ValueError:
            return None
    labels = host.split(".")
    if len(labels) < 2 or len(host) > 253 or labels[-1].isdigit():
        return None
    return ".".join(_unicode(label) for label in labels) if all(map(_LABEL.fullmatch, labels)) else None


def _unicode(label: str) -> str:
    """A punycode (``xn--``) label in its Unicode form; anything else as it is."""
    if not label.startswith("xn--"):
        return label
    try:
        return label[4:].encode("ascii").decode("punycode").lower()
    except UnicodeError:
        return label


def find_links(text: str) -> list[Link]:
    """Every URL in ``text`` with its character offsets; a candidate that is no URL is left as text. A
    text with neither "://" nor "w." (the end of "www.") holds none and is not scanned (most comments)."""
    if "://" not in text and "w." not in text and "W." not in text:
        return []
    out = []
    for match in _URL.finditer(text):
        url = _balanced(match.group()).rstrip(_TRAILING)
        if _host(url) is not None:
            out.append(Link(match.start(), match.start() + len(url), url))
    return out


# a name written as its web address: a capitalised name and a lower-case suffix companies take their names with
# ("Beautiful.ai", "MD.ai", "Amazon.com", "Clay.run"); no path, scheme or "www". Suffixes that are also files'
# extensions ("Makefile.am", "Main.rs", "Readme.md") name files far more often than companies
_ADDRESS_NAME = re.compile(r"[A-Z][A-Za-z0-9-]*\.(?:com|net|org|io|ai|co|app|dev|run|ly|me|tv|xyz)")


def names_by_address(text: str) -> bool:
    """Whether ``text`` may hold a name written as a web address (``named_by_address``): one search of the text, so
    that a post without one has none of its words tried."""
    return bool(_ADDRESS_NAME.search(text))


def named_by_address(word: str) -> bool:
    """A word that names a company by its web address ("Beautiful.ai"), as start-ups are called: a capitalised name
    and a suffix of ``_ADDRESS_NAME``; "Node.js" and "Makefile.am" end in none."""
    return bool(_ADDRESS_NAME.fullmatch(word))


@cache
def _psl():
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList(only_icann=True)


def domain(url: str) -> str:
    """Registrable domain of a URL (``uploads.disquscdn.com`` → ``disquscdn.com``); an IP address is
    its own domain; "" when the URL has no readable host."""
    host = _host(url)
    return _registrable(host) if host else ""


@lru_cache(maxsize=1 << 14)  # a site is cited again and again; the suffix list is slow to ask
def _registrable(host: str) -> str:
    if _IPV4.fullmatch(host) or ":" in host:
        return host
    return _psl().privatesuffix(host) or host
