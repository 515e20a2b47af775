"""Currency markers of money spans and the ISO 4217 code each one names.

The rule (docs/design.md#amounts): a marker that names one currency gives its code; a bare
`$` or "dollars" is USD unless the span names another dollar ("A$", "HK$", "Canadian
dollars"); a marker that several currencies share (`¥`, "Rs", "pesos" or "rupees" without a
country) gives no code, and the amount stays unparsed (`ambiguous_currency`): never a guess.
"""

# Symbols and prefixed symbols, lower case as the tokenizer gives them.
SYMBOLS: dict[str, str | None] = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "$us": "USD",
    "a$": "AUD", "au$": "AUD", "$a": "AUD",
    "c$": "CAD", "ca$": "CAD", "cdn$": "CAD", "$c": "CAD",
    "hk$": "HKD", "$hk": "HKD", "nz$": "NZD", "$nz": "NZD", "s$": "SGD", "nt$": "TWD",
    "r$": "BRL", "mex$": "MXN", "z$": "ZWD",
    "£": "GBP", "€": "EUR", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₱": "PHP",
    "₦": "NGN", "₪": "ILS", "฿": "THB",
    "¥": None, "rs": None, "rs.": None, "kr": None, "kr.": None,
}

# Codes written out ("USD 5 million", "5 million EUR"), matched in upper case only.
ISO_CODES = frozenset({
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "AUD", "CAD", "CHF", "HKD", "NZD", "SGD", "KRW",
    "RUB", "BRL", "MXN", "ZAR", "SEK", "NOK", "DKK", "PLN", "TRY", "ILS", "AED", "SAR", "EGP",
    "NGN", "KES", "PKR", "IDR", "THB", "MYR", "PHP", "VND", "TWD", "CZK", "HUF", "ARS", "CLP",
    "COP", "UAH", "QAR", "KWD", "IQD", "IRR", "BDT", "LKR", "NPR", "ISK", "RON", "BGN",
})
ISO_ALIASES = {"RMB": "CNY"}

# Currency words (singular and plural) with the code each country adjective gives; the
# key None is the code without an adjective (absent: ambiguous without one).
WORDS: dict[str, dict[str | None, str]] = {}
_DOLLAR = {None: "USD", "us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD",
           "canadian": "CAD", "hong kong": "HKD", "new zealand": "NZD", "singapore": "SGD",
           "singaporean": "SGD", "taiwan": "TWD", "taiwanese": "TWD", "new taiwan": "TWD",
           "zimbabwe": "ZWD", "zimbabwean": "ZWD", "jamaican": "JMD", "bahamian": "BSD",
           "fijian": "FJD", "namibian": "NAD", "liberian": "LRD", "east caribbean": "XCD",
           "brunei": "BND", "belize": "BZD", "guyanese": "GYD", "barbados": "BBD",
           "trinidad and tobago": "TTD"}
_CENT = {None: "USD", **{k: v for k, v in _DOLLAR.items() if k}, "euro": "EUR"}
for _names, _codes in (
    (("dollar", "dollars"), _DOLLAR),
    (("cent", "cents"), _CENT),
    (("euro", "euros"), {None: "EUR"}),
    (("pound", "pounds"), {None: "GBP", "british": "GBP", "sterling": "GBP",
                           "egyptian": "EGP", "lebanese": "LBP", "syrian": "SYP",
                           "sudanese": "SDG"}),
    (("sterling",), {None: "GBP"}),
    (("pence", "penny"), {None: "GBP"}),
    (("yen",), {None: "JPY"}),
    (("yuan", "renminbi"), {None: "CNY"}),
    (("rupee", "rupees"), {"indian": "INR", "pakistani": "PKR", "sri lankan": "LKR",
                           "nepalese": "NPR", "nepali": "NPR", "mauritian": "MUR"}),
    (("peso", "pesos"), {"mexican": "MXN", "philippine": "PHP", "argentine": "ARS",
                         "argentinian": "ARS", "chilean": "CLP", "colombian": "COP",
                         "cuban": "CUP", "uruguayan": "UYU", "dominican": "DOP"}),
    (("franc", "francs"), {"swiss": "CHF"}),
    (("rouble", "roubles", "ruble", "rubles"), {None: "RUB", "russian": "RUB"}),
    (("won",), {None: "KRW", "south korean": "KRW", "north korean": "KPW"}),
    (("rand",), {None: "ZAR"}),
    (("naira",), {None: "NGN"}),
    (("shekel", "shekels"), {None: "ILS"}),
    (("lira", "lire"), {"turkish": "TRY"}),
    (("dinar", "dinars"), {"iraqi": "IQD", "kuwaiti": "KWD", "jordanian": "JOD",
                           "bahraini": "BHD", "libyan": "LYD", "tunisian": "TND",
                           "algerian": "DZD", "serbian": "RSD"}),
    (("riyal", "riyals", "rial", "rials"), {"saudi": "SAR", "qatari": "QAR",
                                            "iranian": "IRR", "omani": "OMR",
                                            "yemeni": "YER"}),
    (("dirham", "dirhams"), {"uae": "AED", "emirati": "AED", "moroccan": "MAD"}),
    (("krona", "kronor"), {"swedish": "SEK", "icelandic": "ISK"}),
    (("krone", "kroner"), {"norwegian": "NOK", "danish": "DKK"}),
    (("real", "reais", "reals"), {None: "BRL", "brazilian": "BRL"}),
    (("baht",), {None: "THB"}),
    (("ringgit",), {None: "MYR"}),
    (("rupiah",), {None: "IDR"}),
    (("dong",), {None: "VND"}),
    (("zloty", "zlotys", "zlotych"), {None: "PLN"}),
    (("forint", "forints"), {None: "HUF"}),
    (("hryvnia", "hryvnias"), {None: "UAH"}),
    (("koruna", "korunas"), {"czech": "CZK"}),
    (("shilling", "shillings"), {"kenyan": "KES", "ugandan": "UGX", "tanzanian": "TZS"}),
    (("taka",), {None: "BDT"}),
    (("tenge",), {None: "KZT"}),
    (("lev", "leva"), {None: "BGN"}),
    (("birr",), {None: "ETB"}),
    (("cedi", "cedis"), {None: "GHS"}),
):
    for _name in _names:
        WORDS[_name] = _codes

# Words that are a hundredth of their currency.
HUNDREDTHS = frozenset({"cent", "cents", "pence", "penny"})
# Adjectives of more than one word, joined with a space before lookup.
MULTIWORD_ADJECTIVES = tuple(sorted(
    {adjective for codes in WORDS.values() for adjective in codes
     if adjective and " " in adjective}, key=len, reverse=True))
DOLLAR_SIGNS = frozenset({"$"})
