"""Names of companies and the online services people name them by, from a lexicon that ships as a package and a
short list of our own: a capitalised "Cisco", "Halliburton" or "PayPal" names a company, though towns are so called
(Cisco, Texas) and the small model tags them as places or people, and "Twitter" or "YouTube" names a platform, though
the model often tags nothing there at all ("Twitter banned him").

``pytickersymbols`` ships the members of twenty stock indices (S&P 500 and 600, NASDAQ 100, Dow Jones, FTSE 100,
DAX, CAC 40, Nikkei 225 and others, ≈1,800 companies) as a Python module, nothing downloaded. Its names carry
their legal form ("Tesla, Inc.", "Anglo American plc"); people write them without it, so each is kept both
ways. The indices list a company under its own name, not under its services' ("Alphabet", "Meta Platforms"), and
leave out the unlisted ones (Telegram, Wikipedia): the well-known online platforms are a short list beside it
(``PLATFORMS``). Each look-up says which list named the word, so a label keeps its reason.
"""

from __future__ import annotations

import re
from functools import cache

from .register import lower_opened

__all__ = ["PLATFORMS", "company", "platform"]

# a legal form or a word of the register after a company's name, left out when people name it
_LEGAL = re.compile(
    r"(?:,?\s+(?:Inc|Corp|Corporation|Company|Co|plc|PLC|AG|SE|SA|S\.A|N\.V|NV|Ltd|Limited|LLC|Holdings|"
    r"Holding|Group|& Co|KGaA|ASA|AB|Oyj)\.?)+$"
)

# well-known online platforms and services, as commenters name them: social networks, video and streaming sites,
# messengers, search engines, forums and encyclopaedias. None is an English word or a given name ("Signal",
# "Threads", "Zoom", "Slack", "Rumble" and "Gab" are words first and are left out), and none is a comment widget that
# a news site embeds ("your Disqus posting archive" speaks of the page's own machinery, no body a reader discusses)
PLATFORMS = frozenset(
    "Twitter Facebook YouTube Reddit TikTok Telegram Instagram WhatsApp Google Wikipedia Snapchat LinkedIn "
    "Pinterest Tumblr Discord Twitch Spotify Yahoo Skype Gmail Hotmail Myspace Vimeo Weibo WeChat Baidu VKontakte "
    "Craigslist WikiLeaks Quora Patreon Substack Bluesky Flickr Imgur GitHub Dropbox DuckDuckGo OnlyFans "
    "GoFundMe Kickstarter".split()
)
_PLATFORMS_LOWER = frozenset(p.lower() for p in PLATFORMS)


@cache
def _names() -> frozenset[str]:
    from pytickersymbols.indices_data import INDICES

    names: set[str] = set()
    for index in INDICES.values():
        for member in index["companies"]:
            name = member["name"].strip()
            short = _LEGAL.sub("", name).removeprefix("The ").strip()
            names.update(n.lower() for n in (name, short) if len(n) > 2)
    return frozenset(names)


def platform(name: str) -> bool:
    """``name`` (capitalised, however its inner capitals are written: "Youtube") is a well-known online platform's."""
    return name[:1].isupper() and name.lower() in _PLATFORMS_LOWER


def company(name: str) -> str | None:
    """Which list names ``name`` (a capitalised name or one cased as brands are, "eBay"; its case aside) as a listed
    company or an online platform, or None."""
    if platform(name):
        return "a well-known online platform (graphkit's list)"
    if not (name[:1].isupper() or lower_opened(name)) or name.lower() not in _names():
        return None
    return "a listed company (pytickersymbols)"
