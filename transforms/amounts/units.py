"""Units of quantity spans: a table of the common ones, written out or abbreviated, to one
short name each. A unit not in the table is kept as written (lower case): what the text
says, not a guess at what it means."""

UNITS: dict[str, str] = {}
for _names, _unit in (
    (("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"), "km"),
    (("m", "metre", "metres", "meter", "meters"), "m"),
    (("cm", "centimetre", "centimetres", "centimeter", "centimeters"), "cm"),
    (("mm", "millimetre", "millimetres", "millimeter", "millimeters"), "mm"),
    (("mile", "miles", "mi"), "mile"),
    (("nautical mile", "nautical miles", "nmi"), "nmi"),
    (("foot", "feet", "ft"), "ft"),
    (("inch", "inches"), "in"),
    (("yard", "yards", "yd", "yds"), "yd"),
    (("kg", "kgs", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos"), "kg"),
    (("g", "gram", "grams", "gramme", "grammes"), "g"),
    (("mg", "milligram", "milligrams"), "mg"),
    (("t", "tonne", "tonnes", "metric ton", "metric tons", "metric tonnes"), "t"),
    (("ton", "tons"), "ton"),
    (("lb", "lbs", "pound", "pounds"), "lb"),
    (("oz", "ounce", "ounces"), "oz"),
    (("km2", "km²", "sq km", "square kilometre", "square kilometres", "square kilometer",
      "square kilometers"), "km2"),
    (("m2", "m²", "square metre", "square metres", "square meter", "square meters"), "m2"),
    (("sq mi", "square mile", "square miles"), "sq mi"),
    (("sq ft", "square foot", "square feet"), "sq ft"),
    (("ha", "hectare", "hectares"), "ha"),
    (("acre", "acres"), "acre"),
    (("l", "litre", "litres", "liter", "liters"), "L"),
    (("gallon", "gallons"), "gal"),
    (("barrel", "barrels", "bbl"), "barrel"),
    (("m3", "m³", "cubic metre", "cubic metres", "cubic meter", "cubic meters"), "m3"),
    (("km/h", "kph", "kmh", "kilometres per hour", "kilometers per hour"), "km/h"),
    (("mph", "miles per hour"), "mph"),
    (("knot", "knots", "kn"), "kn"),
    (("°c", "degrees celsius", "degree celsius", "degrees centigrade"), "°C"),
    (("°f", "degrees fahrenheit", "degree fahrenheit"), "°F"),
    (("degree", "degrees"), "degree"),
    (("mw", "megawatt", "megawatts"), "MW"),
    (("kw", "kilowatt", "kilowatts"), "kW"),
    (("gw", "gigawatt", "gigawatts"), "GW"),
    (("magnitude", "on the richter scale", "richter", "on the richter"), "magnitude"),
    (("kwh", "kilowatt hour", "kilowatt hours", "kilowatt-hour", "kilowatt-hours"), "kWh"),
):
    for _name in _names:
        UNITS[_name] = _unit

PERCENT_UNITS: dict[str, str] = {
    "%": "%", "percent": "%", "pct": "%", "per cent": "%", "per-cent": "%",
    "percentage point": "percentage_point", "percentage points": "percentage_point",
    "basis point": "basis_point", "basis points": "basis_point", "bps": "basis_point",
    "bp": "basis_point",
}


def unit_name(words: list[str]) -> str | None:
    """The unit some words name: the table's name, else the words as written."""
    if not words:
        return None
    phrase = " ".join(words)
    return UNITS.get(phrase, phrase)
