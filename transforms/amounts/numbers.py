"""Figures in amount spans: digits ("1,200.5"), scale words ("3.5 billion", "$2bn") and
numbers in words ("three million", read by text2num)."""

from text_to_num import text2num

# Scale word → (factor, the word recorded in `scale_word`).
SCALES: dict[str, tuple[float, str]] = {
    "hundred": (1e2, "hundred"),
    "thousand": (1e3, "thousand"), "k": (1e3, "thousand"),
    "million": (1e6, "million"), "mn": (1e6, "million"), "mln": (1e6, "million"),
    "m": (1e6, "million"),
    "billion": (1e9, "billion"), "bn": (1e9, "billion"), "b": (1e9, "billion"),
    "trillion": (1e12, "trillion"), "tn": (1e12, "trillion"),
    "lakh": (1e5, "lakh"), "lakhs": (1e5, "lakh"), "crore": (1e7, "crore"),
    "crores": (1e7, "crore"),
}
# Plural scale words read as scales only after digits ("7.3 millions barrels").
PLURAL_SCALES = {"thousands": SCALES["thousand"], "millions": SCALES["million"],
                 "billions": SCALES["billion"]}
# Abbreviations that are units in a quantity ("100m" is 100 metres), scales only in money.
MONEY_ONLY_SCALES = frozenset({"m", "k", "b", "mn", "tn"})

NUMBER_WORDS = frozenset({
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "trillion",
})
# Words that say "many" without a figure: the amount is vague, never guessed.
VAGUE_WORDS = frozenset({
    "dozen", "dozens", "tens", "hundreds", "thousands", "millions", "billions", "trillions",
    "several", "few", "many", "multiple", "couple", "numerous", "countless",
})


def digits_value(text: str) -> float:
    """`1,200.5` → 1200.5 (thousands commas, decimal point)."""
    return float(text.replace(",", ""))


def is_number_word(word: str) -> bool:
    """A word of a number written out ("twenty-five" included)."""
    return all(part in NUMBER_WORDS for part in word.split("-"))


def words_value(words: list[str]) -> float | None:
    """The number some words write out ("a hundred and fifty thousand", "half a million"),
    or None when text2num cannot read them."""
    if words[:1] == ["half"]:
        rest = words[1:]
        if rest[:1] in (["a"], ["an"]):
            rest = rest[1:]
        if not rest:
            return 0.5
        inner = words_value(rest) if all(w in SCALES or w == "hundred" for w in rest) else None
        return None if inner is None else 0.5 * inner
    if words[:1] in (["a"], ["an"]):
        words = ["one", *words[1:]]
    try:
        return float(text2num(" ".join(words), "en"))
    except ValueError:
        return None
