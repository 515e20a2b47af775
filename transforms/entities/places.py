"""Rule: an article's place names linked to the gazetteer, or left unlinked with a reason.

Pure and per article: a link depends on the name, the other places the same article names
and the shipped gazetteer, never on other articles, so nightly runs and backfills agree.
For each name, in order (docs/places.md):
1. a continent, country or US state by its name or an alias ("U.S." through the country
   list); a name that is both a country and a US state ("Georgia") is the state when the
   article names another US state or a US city and no place in the country, else the
   country;
2. a city: among same-named cities, the one in a region (a US state, or the region of a
   city) the article names, unless that region comes only from another city, in another
   country, and the name alone means a city of a country the article names ("Wellington"
   beside "London" and "New Zealand"), or a city that stands out (a million people, a US
   dateline city) when only cities that stand out name the region ("Rome" beside "New
   York"); else the most populous when it has DOMINANCE_RATIO times the
   people of the next and at least LINK_ALONE_POPULATION ("Uptown", "Marina" and "Sun
   Valley" are small places and common words: they link only in their state) and no
   region of another country has the name ("Ontario"), nor a part of a country the article
   names other than the city's ("Kent" beside "Britain"); else the one of at least
   LINK_ALONE_POPULATION in a country the article names, unless a region of another
   country has the name and no part of the city's country is named ("Ontario" beside
   "United States"); else none: `ambiguous`;
3. another spelling of a city (`Gazetteer.by_alternate`: "Basra" for "Basrah"): the city
   in a country the article names, clearly the most populous there; else `ambiguous`;
4. a name the gazetteer does not have: `unknown`.
"The article names" counts the places the other names are linked to, relinked until no link
changes (all at once, then one name at a time if two choices alternate), and the country of
a name that is a part of one country only ("England"), with its region for a federation's
region whose geonames code is known ("Quebec": its towns link as a US state's do), so
neither the order of the names nor their replacement by canonical names changes a link.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from newsetl.transforms.entities.gazetteer import (
    LINK_ALONE_POPULATION,
    Gazetteer,
    Place,
    country_of_part,
    country_of_region_after_comma,
    is_dominant,
    names_a_part_of,
    names_a_region_elsewhere,
    region_code,
    stands_out,
    state_after_comma,
)
from newsetl.transforms.entities.reference import fold

UNLINKED_REASONS = (
    "ambiguous",  # places of the name, but the name alone does not say which (several of
    # comparable size, or a town under LINK_ALONE_POPULATION) and neither does the article
    "unknown",  # no place of that name in the gazetteer
    "no_geonames_id",  # a first-level region outside the US (`Gazetteer.first_level`):
    # the packages give it no geonames id or coordinates; its row has country and region
)
ADMIN_CLASSES = frozenset({"continent", "country", "admin1"})
_MAX_CONTEXT_ROUNDS = 4  # links settle in one or two; a bound in case two names alternate


class PlaceLink(NamedTuple):
    """Where a place name went: a gazetteer place, or no place and why."""

    place: Place | None
    unlinked_reason: str | None  # one of UNLINKED_REASONS when `place` is None


class _Part(NamedTuple):
    """A part of one country that is no place here, as an article's name of it says."""

    country_code: str
    admin1_code: str | None  # geonames' code of a first-level region, where known


@dataclass
class _Context:
    """What the article's other names say: countries, (country, state) pairs, US or not."""

    countries: set[str] = field(default_factory=set)
    states: set[tuple[str, str]] = field(default_factory=set)
    named_states: set[tuple[str, str]] = field(default_factory=set)  # by their own name
    # by their own name or by a city of them that does not stand out ("Brampton", not
    # "Toronto"): the article is about the region, not only a list of big cities
    local_states: set[tuple[str, str]] = field(default_factory=set)
    # countries named by a part of them that is no place here ("British Columbia": CA)
    part_countries: set[str] = field(default_factory=set)
    us: bool = False  # a US state or US city is named

    def add(self, place: Place) -> None:
        if place.country_code is None:
            return
        self.countries.add(place.country_code)
        if place.feature_class in ("admin1", "city") and place.admin1_code:
            region = (place.country_code, place.admin1_code)
            self.states.add(region)
            if not stands_out(place):
                self.local_states.add(region)
        if place.feature_class == "admin1" and place.admin1_code:
            self.named_states.add((place.country_code, place.admin1_code))
        self.us |= place.country_code == "US" and place.feature_class != "country"


def candidates(name: str, also: str | None, gazetteer: Gazetteer) -> list[Place]:
    """Places `name` may denote, admin-level first then cities most populous first. `also`
    is the name reference data gave it ("United States" for "U.S."), if any. "City, Region"
    and "City, Country" written as one name select among the city's places."""
    ids = [i for key in dict.fromkeys(fold(n) for n in (name, also) if n)
           for i in gazetteer.by_name.get(key, ())]
    if not ids and ", " in name:
        head, tail = name.rsplit(", ", 1)
        within = [p for p in candidates(tail, None, gazetteer) if p.feature_class in ADMIN_CLASSES]
        state = state_after_comma(name, gazetteer)
        if state is not None:  # "Seattle, Washington": the bare name alone is the city
            within.append(state)
        region_country = country_of_region_after_comma(name, gazetteer)
        if region_country is not None:  # "London, Ontario": a city of Canada
            within.append(region_country)
        cities = [p for p in candidates(head, None, gazetteer) if p.feature_class == "city"]
        return [c for c in cities if any(is_inside(c, w) for w in within)]
    places = [gazetteer.places[i] for i in dict.fromkeys(ids)]
    admin = [p for p in places if p.feature_class in ADMIN_CLASSES]
    cities = sorted((p for p in places if p.feature_class == "city"),
                    key=lambda p: (-p.population, p.geonames_id))
    return admin + cities


def names_an_area(name: str, also: str | None, gazetteer: Gazetteer) -> bool:
    """`name` may denote a continent, country or US state (not only cities)."""
    return any(p.feature_class in ADMIN_CLASSES for p in candidates(name, also, gazetteer))


def is_inside(city: Place, area: Place) -> bool:
    """`city` lies in `area`: its country, or its US state."""
    if area.feature_class == "country":
        return city.country_code == area.country_code
    return area.feature_class == "admin1" and (city.country_code, city.admin1_code) == (
        area.country_code, area.admin1_code)


def _sure(name: str, places: list[Place], gazetteer: Gazetteer) -> Place | None:
    """The place a name denotes without doubt: its only admin-level place, the place whose
    qualified canonical name it is ("Paris, Texas"), the only city of the name in the area
    written after its comma ("Gori, Georgia"), or its only city when that is big enough to
    be named without context."""
    admin = [p for p in places if p.feature_class in ADMIN_CLASSES]
    if len(admin) == 1:
        return admin[0]
    exact = [p for p in places if p.canonical_name == name and ", " in name]
    if exact:
        return exact[0]
    if ", " in name and len(places) == 1 and fold(name) not in gazetteer.by_name:
        return places[0]  # "Gori, Georgia": the only city of the name in the area after the comma
    return places[0] if len(places) == 1 and means_alone(name, places, gazetteer) else None


def means_alone(name: str, cities: list[Place], gazetteer: Gazetteer) -> bool:
    """The most populous of these cities is what the name alone means: clearly the most
    populous, big enough or with a bare canonical name, and no region of another
    country has the name ("Ontario")."""
    top = cities[0]
    known = top.population >= LINK_ALONE_POPULATION or top.canonical_name == name
    return known and _clear(cities) and not names_a_region_elsewhere(gazetteer, fold(name), top)


def _admin_choice(admin: list[Place], context: _Context) -> Place:
    states = [p for p in admin if p.feature_class == "admin1"]
    countries = [p for p in admin if p.feature_class == "country"]
    inside = any(c.country_code in context.countries for c in countries)  # "Tbilisi" named
    if len(states) == 1 and ((context.us and not inside) or not countries):
        return states[0]
    return (countries or admin)[0]


def _city_choice(name: str, cities: list[Place], context: _Context,
                 gazetteer: Gazetteer) -> Place | None:
    in_state = [c for c in cities if (c.country_code, c.admin1_code) in context.states]
    if in_state and not _outweighed(name, cities, in_state, context, gazetteer):
        return in_state[0] if _clear(in_state) else None
    if means_alone(name, cities, gazetteer) and not _part_of_a_named_country(name, cities[0],
                                                                        context, gazetteer):
        return cities[0]
    # A federation's region ("Ontario") is what its name means unless the article names a
    # part of the city's country: naming the United States is no reason for Ontario,
    # California, but "Victoria" beside "British Columbia" is Victoria, Canada.
    big = [c for c in cities if c.population >= LINK_ALONE_POPULATION
           and (c.country_code in context.part_countries
                or not names_a_region_elsewhere(gazetteer, fold(name), c))]
    in_country = [c for c in big if c.country_code in context.countries]
    return in_country[0] if in_country and _clear(in_country) else None


def _outweighed(name: str, cities: list[Place], in_state: list[Place], context: _Context,
                gazetteer: Gazetteer) -> bool:
    """The name alone means a city, the article names the region of a namesake only through
    other cities, and either
    - the namesake is in another country and the article names the city's: "Wellington"
      beside "London" in an article about New Zealand is the capital, not the English town
      in London's region (for a city that does not stand out, a region of its own country
      decides: "Columbus" beside "Atlanta" is in Georgia, "Portland" beside "Bangor" in
      Maine); or
    - the city stands out (a million people, or a US city the news names alone) and only
      cities that stand out name the region: news lists big cities, so "Rome" beside "New
      York" is Italy's capital, "Dublin" beside "Los Angeles" and "San Francisco" Ireland's,
      "Washington" beside "Chicago" Washington, D.C.; but "London" beside "Vaughan" and
      "Brampton" is London, Ontario.
    A region the article names by its own name always decides ("Rome" beside "New York
    State")."""
    top = cities[0]
    if any((c.country_code, c.admin1_code) in context.named_states for c in in_state) or (
            not means_alone(name, cities, gazetteer)):
        return False
    if (top.country_code in context.countries
            and all(c.country_code != top.country_code for c in in_state)):
        return True
    return stands_out(top) and not any(
        (c.country_code, c.admin1_code) in context.local_states for c in in_state)


def _part_of_a_named_country(name: str, top: Place, context: _Context,
                             gazetteer: Gazetteer) -> bool:
    """The name is also a part (county, province, district) of a country the article names,
    and not of the big city's own: "Kent" in an article on Britain is the county, not Kent,
    Washington; "Durham" is not Durham, North Carolina."""
    return (top.country_code not in context.countries
            and names_a_part_of(gazetteer, fold(name), context.countries))


def _clear(cities: list[Place]) -> bool:
    """The first (most populous) of these is clearly the one meant among them."""
    return len(cities) == 1 or is_dominant(cities[0].population, cities[1].population)


def link_places(names: Mapping[str, str | None], gazetteer: Gazetteer) -> dict[str, PlaceLink]:
    """Link each of one article's place names (name → the name reference data gave it, or
    None): a place, or no place with the reason."""
    found = {name: candidates(name, also, gazetteer) for name, also in names.items()}
    sure = {name: place for name, places in found.items()
            if (place := _sure(name, places, gazetteer)) is not None}
    # What the article names starts as each name's link without context ("Portland" is
    # Portland, Oregon), then is each name's link in the others' context, until no link
    # changes. So the context holds the places the names were linked to, as it does when
    # an article's names are replaced by their canonical names: "Cambridge" linked to
    # Cambridge, Massachusetts by a US city beside it names Massachusetts, as
    # "Cambridge, Massachusetts" does.
    named = dict(sure)
    for name, places in found.items():
        if name not in sure and places and places[0].feature_class == "city":
            place = _city_choice(name, places, _Context(), gazetteer)
            if place is not None:
                named[name] = place
    # A part of a country that is no place of the gazetteer names its country ("England",
    # "Bavaria"), when it is a part of one country only, and its region where geonames'
    # code of it is known for a federation ("Quebec"; not "Scotland": `region_code`), as a
    # US state names its own.
    parts = {name: _Part(code, region_code(gazetteer, fold(name)))
             for name, places in found.items() if not places
             and (code := country_of_part(gazetteer, fold(name))) is not None}
    without_context = dict(named)
    links = _links_in_context(found, sure, named, parts, gazetteer)
    for _ in range(_MAX_CONTEXT_ROUNDS):
        linked = {name: link.place for name, link in links.items() if link.place is not None}
        if linked == named:
            return links
        named = linked
        links = _links_in_context(found, sure, named, parts, gazetteer)
    # Two choices that wait on each other alternate when relinked together ("Georgia" the
    # state beside Washington, D.C., which is the English town beside the state): from the
    # links without context again, settle them one name at a time, in a fixed order, so
    # that each link agrees with the others'.
    named = without_context
    for _ in range(_MAX_CONTEXT_ROUNDS):
        changed = False
        for name in sorted(found):
            link = _links_in_context({name: found[name]}, sure, named, parts, gazetteer)[name]
            changed |= link != links[name]
            links[name] = link
            if link.place is None:
                named.pop(name, None)
            else:
                named[name] = link.place
        if not changed:
            break
    return links


def _links_in_context(found: Mapping[str, list[Place]], sure: Mapping[str, Place],
                      named: Mapping[str, Place], parts: Mapping[str, _Part],
                      gazetteer: Gazetteer) -> dict[str, PlaceLink]:
    def context_without(name: str) -> _Context:
        context = _Context()
        for other, place in sorted(named.items()):
            if other != name:
                context.add(place)
        for other, part in parts.items():
            if other != name:
                context.part_countries.add(part.country_code)
                if part.admin1_code is not None:
                    region = (part.country_code, part.admin1_code)
                    context.states.add(region)
                    context.named_states.add(region)
                    context.local_states.add(region)
        context.countries.update(context.part_countries)
        return context

    links: dict[str, PlaceLink] = {}
    for name, places in found.items():
        admin = [p for p in places if p.feature_class in ADMIN_CLASSES]
        if name in sure:
            links[name] = PlaceLink(sure[name], None)
        elif len(admin) > 1:  # "Georgia": the country or the state
            links[name] = PlaceLink(_admin_choice(admin, context_without(name)), None)
        elif not places:
            links[name] = _alternate_link(name, context_without(name), gazetteer)
        else:
            city = _city_choice(name, places, context_without(name), gazetteer)
            links[name] = PlaceLink(city, None if city is not None else "ambiguous")
    return links


def _alternate_link(name: str, context: _Context, gazetteer: Gazetteer) -> PlaceLink:
    """A name the gazetteer has only as another spelling of cities links to the one in a
    country the article names: geonames' other names come from every language, so alone
    "Angara" (the Siberian river) could be Ankara, and "Ouja" (Saddam Hussein's village)
    Oujda, Morocco."""
    ids = gazetteer.by_alternate.get(fold(name), ())
    if not ids:
        return PlaceLink(None, "unknown")
    cities = [gazetteer.places[i] for i in ids]
    in_country = [c for c in cities if c.country_code in context.countries]
    if in_country and _clear(in_country):
        return PlaceLink(in_country[0], None)
    return PlaceLink(None, "ambiguous")


def county_names(names: Iterable[str], links: Mapping[str, PlaceLink],
                 gazetteer: Gazetteer) -> dict[str, str]:
    """The canonical names of one article's US counties ("Orange County" → "Orange County,
    California"): the state its name gives ("Orange County, Florida"), else the one state
    with a county of that name, else the one such state the article names (by a state, a
    city of it, or another county's name). A unique county name in an article that names
    places elsewhere and none in the US is left alone: it may be another country's county.
    Counties are no gazetteer places (no geonames id), so they get no `dim_place` link."""
    context = _Context()
    for link in links.values():
        if link.place is not None:
            context.add(link.place)
    named_states = {code for country, code in context.states if country == "US"}
    found: dict[str, tuple[Mapping[str, str], str | None]] = {}
    for name in names:
        county, _, state = name.partition(", ")
        by_state = gazetteer.counties.get(fold(county))
        if not by_state:
            continue
        code = gazetteer.state_codes.get(fold(state)) if state else None
        if state and code not in by_state:
            continue  # "Orange County, Texas": no such county
        found[name] = (by_state, code)
    named_states |= {code for _, code in found.values() if code is not None}
    elsewhere_only = bool(context.countries - {"US"}) and not named_states
    canonical = {}
    for name, (by_state, code) in found.items():
        if code is None and len(by_state) == 1 and not elsewhere_only:
            code = next(iter(by_state))
        elif code is None:
            in_article = [c for c in by_state if c in named_states]
            code = in_article[0] if len(in_article) == 1 else None
        if code is not None:
            canonical[name] = by_state[code]
    return canonical
