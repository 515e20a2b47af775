"""Rule 1 of `labels`: a group noun names people in the plural or a faith, never one named
thing, so it is NORP whatever spaCy called it: an adherent of a religion or movement
("Muslims", "Catholics", "Sunni"), a religion ("Islam", "Judaism"), a people that is no
country's demonym ("Aboriginal", "Māori", "Croats"; not "Karen", "Han" or "Roma", which are
also names), or the people of a country, US state, continent, region of a federation or city
of `LINK_ALONE_POPULATION` people ("Londoners", "New Brunswickers", "Africans"). Demonyms of
countries are the reference data's (`reference`).
"""

from newsetl.transforms.entities.gazetteer import LINK_ALONE_POPULATION
from newsetl.transforms.entities.reference import ReferenceData, fold

GROUP_NOUNS = frozenset((
    "muslim", "muslims", "christian", "christians", "jew", "jews", "jewish", "hindu", "hindus",
    "buddhist", "buddhists", "sikh", "sikhs", "catholic", "catholics", "protestant",
    "protestants", "shia", "shiite", "shiites", "shi'ite", "shi'ites", "sunni", "sunnis",
    "mormon", "mormons", "evangelical", "evangelicals", "orthodox", "anglican", "anglicans",
    "baptist", "baptists", "methodist", "methodists", "lutheran", "lutherans", "quaker",
    "quakers", "atheist", "atheists", "islamist", "islamists", "jihadist", "jihadists",
    "zionist", "zionists", "kurd", "kurds", "arab", "arabs", "druze", "alawite", "alawites",
    "copt", "copts", "coptic", "yazidi", "yazidis", "rohingya", "uighur", "uighurs", "uyghur",
    "uyghurs", "pashtun", "pashtuns", "tamil", "tamils", "hutu", "hutus", "tutsi", "tutsis",
    "democrats", "republicans", "conservatives", "liberals", "socialists", "communists",
    "marxists", "maoists", "libertarians", "loyalists", "unionists", "nationalists",
    # peoples that are no country's demonym (not those that are also given names or
    # places: "Karen", "Han", "Roma")
    "aboriginal", "aboriginals", "aborigine", "aborigines", "aboriginal australians",
    "maori", "inuit", "first nations", "bedouin", "bedouins", "berber", "berbers",
    "tuareg", "tuaregs", "hmong", "baloch", "baluch", "hazara", "hazaras", "sinhalese",
    "serbs", "croats", "bosniaks", "basques", "catalans", "chechens", "tatars",
    "kashmiris", "zulu", "zulus", "xhosa", "maasai", "masai", "igbo", "yoruba", "hausa",
    "fulani", "dinka", "nuer", "abkhaz", "ossetians",
))  # fmt: skip
# Religions: spaCy calls "Islam" an organisation as often as a group.
RELIGIONS = frozenset((
    "islam", "christianity", "judaism", "hinduism", "buddhism", "sikhism", "jainism",
    "catholicism", "protestantism", "anglicanism", "shinto", "taoism", "confucianism",
    "zoroastrianism", "mormonism", "sufism", "wahhabism", "salafism", "bahaism",
))  # fmt: skip
# Endings that make a place's name its people's ("Londoners", "Africans", "Bostonians"), and
# the shortest place name read so: "Peters" and "Sanders" are families, not Pet's or Sand's.
_PEOPLE_OF_PLACE_ENDINGS = ("ers", "ns", "ians")
_MIN_PEOPLE_OF_PLACE_STEM = 5


def names_people_of_a_place(name: str, reference: ReferenceData) -> bool:
    """`name` is the people of a place of the gazetteer ("Londoners", "New Brunswickers",
    "Africans", "Bostonians"): a country, US state, continent, region of a federation or a
    city of `LINK_ALONE_POPULATION` people, and an ending of its people. Which of several
    cities of the name does not matter, so this is no link (`places`)."""
    gazetteer = reference.gazetteer
    if gazetteer is None or not name.endswith("s"):
        return False
    for ending in _PEOPLE_OF_PLACE_ENDINGS:
        stem = fold(name[: -len(ending)])
        if not name.endswith(ending) or len(stem) < _MIN_PEOPLE_OF_PLACE_STEM:
            continue
        if stem in gazetteer.regions or any(
                place.feature_class != "city" or place.population >= LINK_ALONE_POPULATION
                for place in map(gazetteer.places.__getitem__, gazetteer.by_name.get(stem, ()))):
            return True
    return False


def is_group_noun(name: str, label: str, reference: ReferenceData) -> bool:
    """`name`, labelled `label` by spaCy, is a group noun, as above."""
    folded = fold(name)
    return folded in GROUP_NOUNS or folded in RELIGIONS or (
        label != "NORP" and names_people_of_a_place(name, reference))
