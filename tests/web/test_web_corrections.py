"""Corrections in the web app: the story page's forms, the corrections page, the JSON API, undo; every route a
POST behind the same-origin check, refused on a read-only server."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

TEXTS = {
    "flood1.txt": (
        "Valley News",
        "Floods force thousands from homes in Aldmoor valley\n\nFloods swept the Aldmoor river valley on Tuesday, "
        "forcing thousands of residents from their homes as rescue boats searched flooded streets, officials "
        'said.\n\n"We have never seen water this high," said Mayor Jana Novak, who ordered the evacuation.\n',
    ),
    "flood2.txt": (
        "River Post",
        "Aldmoor floods: thousands evacuated as river bursts banks\n\nThousands of people were evacuated from the "
        "Aldmoor valley on Tuesday after the river burst its banks, Mayor Jana Novak said. Rescue boats searched "
        'flooded streets.\n\n"The water has never been this high," Novak said.\n',
    ),
    "budget1.txt": (
        "Capital Times",
        "Parliament passes Brenland budget after long debate\n\nThe Brenland parliament passed the 2024 budget on "
        "Tuesday after a twelve-hour debate, Finance Minister Oskar Lind said. The budget raises spending on "
        'schools and hospitals by 4 percent.\n\n"This budget invests in our children," Lind said.\n',
    ),
}


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from storyline.api import Corpus

    root = tmp_path_factory.mktemp("webfix")
    db = root / "base.db"
    with Corpus(db) as corpus:
        for name, (source, text) in TEXTS.items():
            path = root / name
            path.write_text(text, encoding="utf-8")
            corpus.ingest(path, source=source, published="2024-05-08")
    return db


@pytest.fixture
def db(base_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "w.db"
    shutil.copy(base_db, target)
    return target


@pytest.fixture
def app_client(db: Path, client_class: Any) -> Any:
    from storyline.web import create_app

    with client_class(create_app(db)) as c:
        yield c


def stories(client: Any) -> dict[str, list[str]]:
    return {s["id"]: s["article_ids"] for s in client.get("/api/stories").json()}


def story_of(client: Any, path_part: str) -> str:
    for sid, ids in stories(client).items():
        for aid in ids:
            if path_part in client.get(f"/api/articles/{aid}").json()["path"]:
                return sid
    raise AssertionError(path_part)


def article_id(client: Any, path_part: str) -> str:
    return next(a["id"] for a in client.get("/api/export").json()["articles"] if path_part in a["path"])


def test_the_story_page_has_the_forms_and_the_corrections_page_lists(app_client: Any) -> None:
    flood = story_of(app_client, "flood1")
    page = app_client.get(f"/stories/{flood}")
    assert page.status_code == 200
    html = page.text
    for action in (f"/stories/{flood}/merge", f"/stories/{flood}/split", "/articles/move", "/claims/wrong"):
        assert f'action="{action}"' in html
    quotes = app_client.get(f"/api/stories/{flood}/dossier").json()["quotes"]
    assert len(re.findall(r'action="/quotes/hide"', html)) == len(quotes) > 0  # one Hide button per quote
    assert 'id="corrections"' in html and "No corrections to this story yet." in html
    assert app_client.get("/corrections").status_code == 200
    assert 'href="/corrections"' in html  # in the navigation


def test_merge_form_then_undo(app_client: Any) -> None:
    flood, budget = story_of(app_client, "flood1"), story_of(app_client, "budget1")
    r = app_client.post(f"/stories/{flood}/merge", data={"other": budget}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/stories/{flood}#corrections"
    assert list(stories(app_client)) == [flood] and len(stories(app_client)[flood]) == 3
    page = app_client.get(f"/stories/{flood}").text
    assert f"merged {budget} into {flood}" in page and 'action="/corrections/1/undo"' in page
    r = app_client.post("/corrections/1/undo", data={"story": flood}, follow_redirects=False)
    assert r.status_code == 303
    assert sorted(stories(app_client)) == sorted([flood, budget])
    listing = app_client.get("/corrections").text
    assert "undone" in listing and f"merged {budget} into {flood}" in listing


def test_split_move_claim_quote_and_outlet_forms(app_client: Any) -> None:
    flood, budget = story_of(app_client, "flood1"), story_of(app_client, "budget1")
    flood1 = article_id(app_client, "flood1")
    r = app_client.post(f"/stories/{flood}/split", data={"articles": [flood1]}, follow_redirects=False)
    assert r.status_code == 303
    new = story_of(app_client, "flood1")
    assert new != flood and r.headers["location"] == f"/stories/{new}#corrections"
    r = app_client.post("/articles/move", data={"article": flood1, "story": budget}, follow_redirects=False)
    assert r.status_code == 303 and story_of(app_client, "flood1") == budget
    # back together, for the claims and quotes: undo the move and the split
    for cid in (2, 1):
        assert app_client.post(f"/corrections/{cid}/undo", follow_redirects=False).status_code == 303
    assert story_of(app_client, "flood1") == story_of(app_client, "flood2") == flood
    claims = app_client.get(f"/api/stories/{flood}").json()["claims"]
    fact = next(c for c in claims if c["kind"] == "fact")
    r = app_client.post("/claims/wrong", data={"target": fact["id"], "story": flood}, follow_redirects=False)
    assert r.status_code == 303
    assert fact["text"] not in [c["text"] for c in app_client.get(f"/api/stories/{flood}").json()["claims"]]
    dossier = app_client.get(f"/api/stories/{flood}/dossier").json()
    quote = next(q for q in dossier["quotes"] if q["kind"] == "direct")
    qid = f"{quote['cite']['article_id']}:{quote['cite']['start']}-{quote['cite']['end']}"
    r = app_client.post("/quotes/hide", data={"quote": qid, "story": flood}, follow_redirects=False)
    assert r.status_code == 303
    left = app_client.get(f"/api/stories/{flood}/dossier").json()["quotes"]
    assert len(left) == len(dossier["quotes"]) - 1 and quote["text"] not in [q["text"] for q in left]
    r = app_client.post("/outlets/rename", data={"old": "River Post", "new": "Valley News"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/corrections"
    assert app_client.get(f"/api/stories/{flood}").json()["independent_sources"] == 1


def test_the_json_api(app_client: Any) -> None:
    flood, budget = story_of(app_client, "flood1"), story_of(app_client, "budget1")
    r = app_client.post(f"/api/stories/{flood}/merge", json={"other": budget})
    assert r.status_code == 200 and r.json()["kind"] == "merge" and r.json()["id"] == 1
    flood1 = article_id(app_client, "flood1")
    r = app_client.post(f"/api/stories/{flood}/split", json={"articles": [flood1]})
    assert r.status_code == 200 and r.json()["new_story"] == story_of(app_client, "flood1")
    r = app_client.post(f"/api/articles/{flood1}/move", json={"story": flood})
    assert r.status_code == 200 and story_of(app_client, "flood1") == flood
    r = app_client.post("/api/outlets/rename", json={"old": "Capital Times", "new": "The Capital Times"})
    assert r.status_code == 200 and r.json()["data"] == {"old": "Capital Times", "new": "The Capital Times"}
    log = app_client.get("/api/corrections").json()
    assert [c["kind"] for c in log] == ["merge", "split", "move", "outlet"]
    assert app_client.post("/api/corrections/4/undo").json()["undone_at"]
    assert app_client.post("/api/corrections/4/undo").status_code == 400  # already undone
    assert app_client.post("/api/claims/s99-c1/wrong", json={}).status_code == 404
    assert app_client.post("/api/quotes/nope/hide").status_code == 404
    assert app_client.post(f"/api/stories/{flood}/merge", json={"other": "s99"}).status_code == 404
    assert app_client.post(f"/api/stories/{flood}/merge", json={"other": flood}).status_code == 400
    paths = app_client.get("/openapi.json").json()["paths"]
    assert "/api/corrections" in paths and "/api/stories/{story_id}/merge" in paths


def test_cross_site_posts_are_refused_and_change_nothing(app_client: Any) -> None:
    flood, budget = story_of(app_client, "flood1"), story_of(app_client, "budget1")
    evil = {"Origin": "http://evil.example"}
    assert app_client.post(f"/stories/{flood}/merge", data={"other": budget}, headers=evil).status_code == 403
    assert app_client.post(f"/api/stories/{flood}/merge", json={"other": budget}, headers=evil).status_code == 403
    referer = {"Referer": "http://evil.example/page"}
    assert app_client.post("/corrections/1/undo", headers=referer).status_code == 403
    assert app_client.get("/api/corrections").json() == []
    same = {"Origin": "http://127.0.0.1"}
    assert app_client.post(f"/api/stories/{flood}/merge", json={"other": budget}, headers=same).status_code == 200


def test_read_only_refuses_corrections_and_shows_no_forms(db: Path, client_class: Any) -> None:
    from storyline.web import create_app

    with client_class(create_app(db, read_only=True)) as c:
        flood, budget = story_of(c, "flood1"), story_of(c, "budget1")
        r = c.post(f"/stories/{flood}/merge", data={"other": budget})
        assert r.status_code == 403 and "read-only" in r.text
        assert c.post(f"/api/stories/{flood}/merge", json={"other": budget}).status_code == 403
        assert c.post("/api/corrections/1/undo").status_code == 403
        page = c.get(f"/stories/{flood}").text
        assert 'action="/claims/wrong"' not in page and "corrections are disabled" in page
        assert 'action="/quotes/hide"' not in page
        assert c.get("/api/corrections").json() == []


def test_the_story_list_api_leaves_out_claims_marked_wrong(app_client: Any) -> None:
    flood = story_of(app_client, "flood1")
    claim = next(c for c in app_client.get(f"/api/stories/{flood}").json()["claims"] if c["kind"] == "fact")
    assert app_client.post(f"/api/claims/{claim['id']}/wrong", json={}).status_code == 200
    listed = next(s for s in app_client.get("/api/stories").json() if s["id"] == flood)
    assert claim["text"] not in [c["text"] for c in listed["claims"]]


def test_the_json_api_sets_an_article_outlet_and_date(app_client: Any) -> None:
    flood1 = article_id(app_client, "flood1")
    r = app_client.post(f"/api/articles/{flood1}/set", json={"source": "Aldmoor Gazette", "published": "2024-05-09"})
    assert r.status_code == 200 and r.json()["kind"] == "article"
    article = app_client.get(f"/api/articles/{flood1}").json()
    assert (article["source"], article["source_how"], article["published"]) == ("Aldmoor Gazette", "user", "2024-05-09")
    assert app_client.post(f"/api/articles/{flood1}/set", json={"published": "soon"}).status_code == 400
    assert app_client.post("/api/articles/nope/set", json={"source": "X"}).status_code == 404
    assert app_client.post(f"/api/corrections/{r.json()['id']}/undo").json()["undone_at"]
    assert app_client.get(f"/api/articles/{flood1}").json()["published"] == "2024-05-08"
