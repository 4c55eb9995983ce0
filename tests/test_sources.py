"""Citations name a publisher's page: `validate --strict-sources` and the bundled data."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app
from treatytrack.core.sources import check_sources, source_problem
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path


@pytest.mark.parametrize(
    "url",
    [
        "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-9&chapter=26&clang=_en",
        "https://treaties.unoda.org/t/npt",
        "https://2001-2009.state.gov/t/isn/rls/fs/2001/3523.htm",
        "https://www.armscontrol.org/factsheets/openskies",
        "https://www.iaea.org/es/publications/magazines/bulletin/26-3",
    ],
)
def test_publishers_pages_pass(url: str) -> None:
    assert source_problem(url) is None


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://dd-floors.com/nwfz/content/protocols-nuclear-weapon-free-zone-treaties", "copies other publishers"),
        ("https://docslib.org/doc/6384779/start-treaty", "copies other publishers"),
        ("https://corpora.tika.apache.org/base/docs/govdocs1/449/449355.html", "copies other publishers"),
        ("https://books.google.to/books?id=Mpk3AAAAIAAJ&pg=RA6-PA79", "search-result or redirect"),
        ("https://www.un-ilibrary.org/locale/redirect?redirectItem=%2Fcontent", "search-result or redirect"),
        ("https://eucom-web-app-staging.azurewebsites.us/article/35986", "staging or test server"),
        ("https://treatydatabase-acc.overheid.nl/en/Treaty/Details/004285", "staging or test server"),
        ("https://certexternal-www.360.lexisnexis.at/d/L-10005273-A3", "staging or test server"),
        ("http://161.35.110.226/archives/la-xpm-1989-06-13-mn-2119-story.html", "bare IP address"),
        ("https://www.state.gov./new-start/", "ends with a dot"),
        ("NPT, Article IX(4)", "http(s) URL"),
        ("javascript:alert(1)", "http(s) URL"),
    ],
)
def test_copies_redirects_staging_and_bare_ips_are_refused(url: str, says: str) -> None:
    problem = source_problem(url)
    assert problem is not None and says in problem


def test_validate_strict_sources_locates_each_citation(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["validate", str(SMALL)]).exit_code == 0
    result = runner.invoke(app, ["validate", "--strict-sources", str(SMALL)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(f"{SMALL}:") for line in lines)
    assert any(
        "treaties[0].withdrawal_notice.source: cite the page where the fact is published" in line for line in lines
    )


def test_the_bundled_data_cites_publishers() -> None:
    dataset = load_dataset(bundled_path(), use_cache=False)
    assert [(f.path, f.message) for f in check_sources(dataset)] == []


def test_a_publishers_books_path_is_not_a_search_result() -> None:
    assert source_problem("http://muse.jhu.edu/books/9780295801414/9780295801414-23.pdf") is None
