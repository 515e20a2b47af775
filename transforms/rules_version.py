"""Version of the normalization rules and shipped alias data.

Bump it whenever a rule or an alias file changes what a transform outputs: every run records
it, and a `stale` backfill rebuilds the days an older version made.
"""

# 2026.12.4: + event and award names by their head word, known organisations NER missed
# 2026.12.5: + organisation head words alone, US counties, title complements, HTML residue,
#              places nested before a possessive
# 2026.12.6: + a party's or chamber's name only the country's it carries, a name before its
#              preposition, a portfolio before its office word, currency codes before
#              amounts and time zones, an initial at its own place, names in capitals,
#              ampersands, a person's short forms labelled PERSON
# 2026.12.7: + a generic name as the body of the article's country ("Senate" of an
#              Australian article, its government, cabinet and armed forces), known
#              countries and organisations keep their kind after resolution, religions as
#              group nouns, "D.C.", wiki behaviour switches, "Members of Parliament"
# 2026.12.8: + character references decoded and wiki section headings made paragraphs before
#              NER, a known city written after "in", "near" or "outside" a place
# 2026.12.9: + in news, another year holds for yearless dates only in its own sentence, from
#              the text's start; "that summer", "April 13 of that year" stay in the last year;
#              "Fort Lee", "Mount Druitt" called a person, work or product are places; a
#              city's region in another country yields to the big city of a named country;
#              no title is stripped from a name the reference data knows whole ("DR Congo");
#              "Ambassador to Iraq Ryan C. Crocker": the country ends the title, not the name;
#              a region of another country ("British Columbia") unbinds a US body's name;
#              a legal form without a comma is dropped where the rest names the company
#              alone ("Enron Corp." is "Enron"; "Apple Inc." stays); a federation's region
#              labelled ORG is a place; "of the United Kingdom Tony Blair" (ORG) is split
# 2026.12.10: + a city linked by context names its region for the article's other places
#              ("London" beside "Richmond Hill, Ontario" is London, Ontario); a city called
#              an organisation after "in" is a place where the article names its country
#              ("in Quetta" beside "Pakistan"); "shares in Toyota" is no place cue; the
#              later names of a list after "in" are places too ("in Paris and Lyon");
#              "Matthew William Goode" is "Matthew Goode" where the article writes that
#              at least as often; soldiers', police and councillors' ranks written short
#              ("Cmdr", "Cpl", "Pfc", "Supt", "Cllr") are titles; a part of a country the
#              article names is no city elsewhere ("Kent" beside "Britain"), and a part
#              that is no place names its country ("England", "British Columbia")
# 2026.12.11: + a city of the country an article names most, that spaCy called a person or
#              a work, is a place ("Maracaibo" beside "Venezuela"; not in the US); an
#              acronym of an organisation the article writes out is an organisation ("JEM");
#              a longer name spaCy called a person whose last word names a facility or a
#              body, and is nobody's family name, is one ("Fitzroy Gardens", "Dave Matthews
#              Band"); an acronym of a region is a place ("NSW"); a group noun resolved
#              to a party is a mention of the party ("Republicans": ORG, not NORP); a
#              bare family name is the office holder of that name in office on the
#              publication date in a country the article names ("Bush" of 2005), and a
#              holder's full name in another spelling is the holder's ("Hugo Chavez"); a
#              known demonym is NORP whatever spaCy called it ("Ugandan" PERSON)
# 2026.12.12: + a holder's full name is a person whatever spaCy called it ("Romano Prodi"
#              ORG), before the article's names are resolved, so its family name and
#              misspellings find it ("Chavez" beside "Hugo Chávez" and "Uribe-Chavez");
#              a span that opens with a personal title is a person's name whatever spaCy
#              called it ("Rev Matiya Nkhoma" ORG, "King Fahd" GPE; not "General Motors"),
#              and so is an unknown name of two to four words a role in apposition follows
#              ("Per Engebak, UNICEF's regional director," ORG); a name ending in an
#              organisation's head word is the one longer name of the article it ends
#              ("the Study Group" of "Iraq Study Group"; not a party, house, court or
#              bank), and "Group" alone is such a head; a hyphenated rank is a title by
#              its last part ("Sub-Lieutenant", "Lance-Corporal")
# 2026.12.13: + "Al" or "Ben" before one family name is a given name ("Edwards" of "Al
#              Edwards"); "Thai" and "Togolese" are demonyms, not their countries; a
#              mention resolved to a country or city that spaCy called a group is a place
#              ("Tajikistan" NORP); a titled name may open with a title of two words
#              ("Major General Nicola Calipari" ORG); a tie in the type vote of a linked
#              place goes to its place label ("Guayaquil"); a region of the article's
#              country that spaCy called a person is a place ("Tamil Nadu"); the people of
#              a known place are a group ("Londoners" LOC); Hebrew and Arabic settlement
#              words open place names ("Kfar Tapuah" PERSON); peoples are group nouns
#              ("Aboriginal" ORG); an event keeps its lower-case head word ("the Iraq
#              war" is the Iraq War); a bracketed full name before a quotation is its
#              speaker ("[Danny O'Brien] Sigh"); a bare family name a generational suffix
#              splits stays ("Gore" of "Al Gore" and "Albert Gore III"); more last
#              words of facilities ("Mermaid Theatre" PERSON)
# 2026.12.14: + entity keys are blind to accents, case (but for names in capitals alone),
#              hyphens, dots and quotes ("Tom DeLay" and "Tom Delay", "Sinn Féin" and
#              "Sinn Fein" are one entity; every key changes), and an entity's canonical
#              name is the spelling most of its mentions write, voted over the warehouse;
#              a name after "the town of", "the southern city of" … is a place ("the
#              village of Dolno Sahrane" PERSON); a currency's code and amount in one span
#              are money ("GBP 4.25" LAW); the portfolio an office with "for" opens is part
#              of the title ("Minister for Transport and Regional Services" ORG); a
#              party after a word of political colour keeps "Party" ("the National
#              party" is the National Party of the article's country, not "National");
#              "Majesty", "Highness", "Excellency", "Holiness" are titles; a PERSON and
#              ORG tie in the type vote of a one-word name goes to ORG ("Dell"); a
#              brand's lower-case letter before a capital stays ("eBay", not "EBay")
# 2026.12.15: + another spelling of a city geonames lists ("Basra" for "Basrah", "Teheran",
#              "Gaza City", "Frankfurt") links to it where the article names its country;
#              a first-level region outside the US ("Scotland", "New South Wales") gets
#              its country and region in dim_place (`no_geonames_id`); "Wales" names the
#              United Kingdom, and Welsh cities' admin1_name is "Wales"; a party's
#              member word labelled NORP is its party in the article's country ("Republican"
#              in a US article, "Tory" in a British or Canadian one, "National" in a New
#              Zealand or Australian one); "Ontario" beside "United States" is no longer
#              Ontario, California
# 2026.12.16: + entity keys ignore a lone middle initial ("John R. Bolton" and "John Bolton"
#              are one entity; "George H. W. Bush" keeps his two, written together or
#              apart) and a lone first one before two words ("C. Ray Nagin"), and a tie
#              in the spelling vote goes to the spelling without it; so do Arabic articles
#              inside a name ("Nouri al-Maliki" and "Nouri Maliki"); a country's name in
#              another language that is a frequent English word is no alias ("Island" is
#              not Iceland); an organisation's last word spelt otherwise is a misspelling
#              even where it is a prefix ("World Food Program" is the World Food
#              Programme); "Euskadi Ta Askatasuna" is ETA
# 2026.12.17: + a place the text writes with its US state or country ("Sun Valley, Idaho",
#              "Tripoli, Lebanon": two spans) is named with it and linked there
#              ("Vancouver, Washington"); a town the gazetteer lacks keeps the qualified
#              name, and its dim_place row (and a US county's) has its country and state;
#              "City, Washington" and "City, New York" written as one name select in the
#              state, and the only city of the name in the area after the comma links;
#              "St." and "Saint" spell one city ("St. Paul"); a place name of two words or
#              more labelled a place in the article is no short form of a longer name
#              ("Las Vegas" of "Wynn Las Vegas", "San Francisco" of "San Francisco
#              Chronicle")
# 2026.12.18: + a federation's region and its seat of one name: "Quebec" is the province,
#              the city "Quebec City" (and "Oaxaca", "Chihuahua" … the Mexican states), where
#              geonames writes the city "<Name> City"; the region takes its seat's geonames
#              code and, named in an article, links its small towns as a US state does
#              a name that opens with a body's word in a language that puts it first
#              ("Bloc Québécois", "Partido Socialista Brasileiro") is an organisation; an
#              acronym of two spellings of one name ("Bloc Quebecois", "Bloc Québécois") is it
#              a wire's "1800 GMT", "02:00 Tuesday UTC" and "UTC +3" are times, "AUD $95" an
#              amount; "ABC" is the broadcaster of the article's country (Australia's or the
#              US's), "NDP", "ALP", "CBC" and "NSW" are known
#              "N. Korea" is North Korea (a compass point cut short before a known place);
#              "Reporters Without Borders", cut at its preposition, is whole and a body
#              demonyms the country list lacks ("Briton", "Turks", "Spaniards",
#              "Philippine") are the country's
#              a yearless period after "since" is the last one ("since March" in February)
# 2026.12.19: + a span cut after the first words of a known name takes them ("Liberal
#              Democrats" was "Democrats", the US party; "Santo Domingo" was "Domingo"); a
#              known body whose name opens with a country or its demonym counts for that
#              country when the article's country is chosen ("Australian Senate"); a span
#              over a sentence end after a legal form is two ("Google Inc. Yahoo's");
#              57 more acronyms of well-known bodies ("FCC", "CDU", "ASIO", "NFL"), and an
#              acronym of a longer name of the article is that name before the table's
# 2026.12.20: + a legal form comes off before a company the reference knows, abbreviated
#              or written out ("Google Inc." and "Microsoft Corporation" are "Google" and
#              "Microsoft"; "British Broadcasting Corporation" keeps its word)
# 2026.12.21: + a known organisation inside a longer name is a mention of it ("UNESCO" of
#              "UNESCO World Heritage Site", "UN" of "UN Security Council"), but one
#              entity is mentioned once where its names nest ("AP" of "AP Photo"); "WB"
#              is no longer the World Bank (the news writes it out; "WB" is a network);
#              a federation's region nests in a longer name too ("British Columbia
#              Lottery Corporation", "Government of Sindh"); not an acronym before a
#              company's word ("SCO Group"); a known place NER left untagged before a
#              name NER tagged on its own is added ("the President of Colombia Alvaro
#              Uribe Velez", "US" before "Second Amendment" LAW); eleven social platforms
#              are known organisations ("YouTube", "TikTok"), and a known name with a
#              capital inside is searched for though its word is frequent; an
#              abbreviation of a common noun ("GDP", "VAT", "HIV", "PhD") is no name
# 2026.12.22: ~ the states named like their cities are "New York (state)" and "Washington
#              (state)", Wikipedia's titles, not "New York State"; a place's canonical name
#              with its disambiguator keeps it when normalized again
# 2026.12.23: + a span that stops before the last words of a known name joined by "and",
#              "of" or "the" takes them ("Trinidad" and "Tobago" → "Trinidad and Tobago",
#              "Democratic Republic" and "Congo" → "Democratic Republic of the Congo");
#              the parliament of 28 more countries and the opposition of four; a head word
#              that may stand for two longer bodies of the article is the country's body;
#              a wiki behaviour switch ("__TOC__") is dropped from the text before NER;
#              a city that stands out (a million people, a US dateline city) keeps its
#              name against a region only other such cities name ("Rome" beside "New
#              York"); a first-level region abroad after a comma selects within its
#              country ("London, Ontario")
RULES_VERSION = "2026.12.23"
