"""Where a dataset's facts come from, checked: every citation is an http(s) URL of a publisher, not a copy.

`validate --strict-sources` refuses citations that point at hosts known to copy other sites'
pages (an unrelated domain mirroring un.org, document dumps, content farms), at search-result or
redirect URLs, at staging or test servers, or at bare IP addresses: a reader following the link
should land on the page of whoever published the fact. Pure: no network, only the URL's text.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from treatytrack.core.checks import Finding, Path
from treatytrack.core.models import Act, Dataset, Treaty

# Hosts (and their subdomains) that copy other publishers' pages or host anything uploaded.
DENIED_HOSTS = frozenset(
    {
        "dd-floors.com",  # copies un.org's disarmament pages on an unrelated domain
        "docslib.org",
        "paperzz.com",
        "fdocuments.in",
        "fdocuments.net",
        "vdocument.in",
        "vdocuments.us",
        "vdocuments.mx",
        "dokumen.tips",
        "studylib.net",
        "studylibde.com",
        "scribd.com",
        "corpora.tika.apache.org",  # a test corpus of crawled government files
        "voltairenet.org",
        "pledgetimes.com",
        "awnewscenter.com",
        "shhada.ir",
        "dre.tretas.org",
        "wikimili.com",
        "de-academic.com",
        "en-academic.com",
        "everything.explained.today",
        "github.com",  # copies of speeches and laws, not their publisher
    }
)
# Parts of a host name that mark a staging, test or backup server.
_STAGING = re.compile(r"(^|[.-])(staging|stage|dev|test|backup|acc|cert\w*external\w*)([.-]|$)")
# Paths of search results and redirects rather than the page itself.
_INDIRECT = re.compile(r"/locale/redirect|[?&]redirectItem=|/url\?", re.IGNORECASE)


def source_problem(url: str) -> str | None:
    """Why a citation is refused, or None when it names a publisher's page."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "cite the page where the fact is published, as an http(s) URL"
    host = (parts.hostname or "").lower()
    if host.endswith("."):
        return f"the host `{host}` ends with a dot; write it without"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return f"`{host}` is a bare IP address (a mirror); cite the publisher's own address"
    if host.startswith("books.google.") or _INDIRECT.search(parts.path + ("?" + parts.query if parts.query else "")):
        return "a search-result or redirect URL; cite the page itself"
    bare = host.removeprefix("www.")
    if any(bare == denied or bare.endswith("." + denied) for denied in DENIED_HOSTS):
        return f"`{bare}` copies other publishers' pages; cite the original publisher (depositary, government, UN)"
    if _STAGING.search(host):
        return f"`{host}` is a staging or test server; cite the public site"
    return None


def citations(dataset: Dataset) -> Iterator[tuple[Path, str]]:
    """Every citation in the dataset, with where it is (for `FILE:LINE:COL`)."""
    for code, life in dataset.state_history.items():
        yield ("state_history", code, "source"), life.source
    for index, treaty in enumerate(dataset.treaties):
        for path, url in _treaty_citations(treaty):
            yield ("treaties", index, *path), url


def _treaty_citations(treaty: Treaty) -> Iterator[tuple[Path, str]]:
    for key in ("signed", "opened_for_signature", "entry_into_force", "duration", "withdrawal_notice", "party_count"):
        value = getattr(treaty, key)
        if value is not None:
            yield (key, "source"), value.source
    for i, event in enumerate(treaty.events):
        yield ("events", i, "source"), event.source
    for i, limit in enumerate(treaty.limits):
        yield ("limits", i, "source"), limit.source
    for i, reference in enumerate(treaty.sources):
        yield ("sources", i, "url"), reference.url
    table = treaty.participation
    if table is None:
        return
    if table.source is not None:
        yield ("participation", "source"), table.source
    for key in ("in_force_for_state", "entry_into_force_condition"):
        rule = getattr(table, key)
        if rule is not None:
            yield ("participation", key, "source"), rule.source
    for code, row in table.states.items():
        if row.source is not None:
            yield ("participation", "states", code, "source"), row.source
        for kind, _day, written in row.acts():
            if isinstance(written, Act) and written.source is not None:
                yield ("participation", "states", code, kind.value, "source"), written.source


def check_sources(dataset: Dataset) -> list[Finding]:
    return [Finding(path, f"{problem}: {url}") for path, url in citations(dataset) if (problem := source_problem(url))]
