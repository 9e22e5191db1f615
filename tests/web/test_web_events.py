"""Events in the web app: the story page's Events section and the events an entity page lists."""

from __future__ import annotations

import re
from typing import Any

from storyline.model import Article, Cite, Entity, Event, Story
from storyline.web.views import dossier_view, entity_view


def test_story_view_lists_events_with_article_links() -> None:
    ev = {
        "date": "2025-11-24",
        "action": "CONSULT",
        "mode": "phone",
        "actor_text": "Xi",
        "actor_country": "CHN",
        "actor_sector": "GOV",
        "target_text": "Trump",
        "target_country": "USA",
        "independent_sources": 2,
        "cites": [{"article_id": "a/1", "start": 3, "end": 40, "label": "Reuters, 24 Nov 2025"}],
    }
    v = dossier_view({"story": {"id": "s1"}, "events": [ev, {"action": "AID"}]})
    first = v["events"][0]
    assert (first["action_label"], first["actor"]["code"], first["sources"]) == ("consult (phone)", "CHN · GOV", 2)
    assert first["cites"] == [{"href": "/articles/a%2F1?start=3&end=40#cite", "label": "Reuters, 24 Nov 2025",
                               "title": "", "article": "a/1"}]
    assert "CHN–USA" in str(v["events_svg"])
    assert dossier_view({"story": {"id": "s1"}})["events"] == []


def test_entity_view_lists_the_events_it_is_actor_or_target_of() -> None:
    text = "Xi called Trump. Trump praised Xi. Japan protested."
    art = Article("a1", "feeds/a1.txt", raw=text, text=text, source="Reuters", published="2025-11-24")
    evs = [
        Event("CONSULT", "called", actor="xi", actor_text="Xi", target="trump", target_text="Trump",
              date="2025-11-24", cites=[Cite("a1", 0, 16)], independent_sources=1),
        Event("SUPPORT", "praised", actor="trump", actor_text="Trump", target="xi", target_text="Xi",
              date="2025-11-25", cites=[Cite("a1", 17, 34)], independent_sources=1),
        Event("PROTEST", "protested", actor="japan", actor_text="Japan", date="2025-11-24"),
    ]
    story = Story("s1", "Xi and Trump talk", "2025-11-24", events=evs)
    v = entity_view(Entity("xi", "Xi", "PERSON"), [art], [story])
    assert [(e["action"], e["role"]) for e in v["events"]] == [("CONSULT", "actor"), ("SUPPORT", "target")]
    assert v["events"][0]["story_href"] == "/stories/s1"
    assert v["events"][0]["cites"][0]["label"] == "Reuters, 24 Nov 2025"
    # the cites name their article, so that one article's passages show as one chip
    assert v["events"][0]["cites"][0]["article"] == "a1"
    assert entity_view(Entity("nobody", "Nobody", "PERSON"), [art], [story])["events"] == []


def test_story_and_entity_pages_show_events(client: Any) -> None:
    stories = client.get("/api/stories").json()
    pages = [client.get(f"/stories/{s['id']}").text for s in stories]
    with_events = [p for p in pages if '<table class="data events">' in p]
    assert with_events, "no story page lists events"
    page = with_events[0]
    section = page.split('<section id="events">')[1].split("</section>")[0]
    hrefs = re.findall(r'href="(/articles/[^"]+)"', section)
    assert hrefs and all("#cite" in h for h in hrefs)
    assert client.get(hrefs[0].replace("&amp;", "&")).status_code == 200
    # Some entity is the actor or target of an event, and its page lists it.
    ids = set(re.findall(r'href="/entities/([^"]+)"', page))
    listed = [i for i in ids if 'id="events"' in client.get(f"/entities/{i}").text]
    assert listed
