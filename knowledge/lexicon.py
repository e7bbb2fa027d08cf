"""Word lists the extraction rules use: language patterns and name variants, never facts.

Everything here describes how news English is written (titles, cue verbs, qualifiers) or how
names vary (demonyms, abbreviations, places the small English model mistakes for people).
"""

from __future__ import annotations

# Titles written before a name ("President Donald Trump"); stripped from canonical names.
NAME_TITLES = frozenset(
    """
    president vice-president prime minister pm chancellor premier king queen pope mr mrs ms
    miss dr sir lord dame gen general adm admiral col colonel lt sen senator rep secretary
    ambassador envoy spokesman spokeswoman spokesperson mayor governor commander marshal
    """.split()
)

# Head nouns of role phrases: "special envoy", "lead negotiator", "foreign policy adviser".
ROLE_NOUNS = frozenset(
    """
    president vice-president minister chancellor premier pm king queen pope secretary
    secretary-general envoy negotiator adviser advisor aide spokesman spokeswoman spokesperson
    ambassador diplomat chief commander general gen admiral adm chairman chairwoman chair head
    leader mayor governor official director founder designer expert analyst correspondent
    editor reporter pundit member son-in-law daughter-in-law wife husband son daughter
    brother sister deputy senator representative lawmaker speaker prosecutor judge officer
    president-elect counterpart ally candidate ceo executive owner veteran soldier negotiators
    coordinator representative emissary strategist
    """.split()
)

# Words that may lead into a role phrase without being part of a name.
ROLE_MODIFIERS = frozenset(
    """
    special senior top former lead chief deputy vice foreign defense defence interior finance
    energy treasury state press security national first prime supreme allied military policy
    affairs presidential acting then incoming outgoing longtime long-time assistant
    """.split()
)

# Country and bloc name variants → one canonical name.
PLACE_ALIASES: dict[str, str] = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "united states": "United States",
    "the united states": "United States",
    "united states of america": "United States",
    "the united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "the united kingdom": "United Kingdom",
    "eu": "European Union",
    "e.u.": "European Union",
    "european union": "European Union",
    "the european union": "European Union",
    "nato": "NATO",
    "un": "United Nations",
    "united nations": "United Nations",
    "the united nations": "United Nations",
    "russian federation": "Russia",
    "the kremlin": "Kremlin",
    "kremlin": "Kremlin",
    "the white house": "White House",
    "white house": "White House",
    "turkiye": "Turkey",
    "türkiye": "Turkey",
    "the netherlands": "Netherlands",
}

# Demonyms → country, for affiliations ("Russian President", "Ukrainian officials").
DEMONYMS: dict[str, str] = {
    "russian": "Russia",
    "ukrainian": "Ukraine",
    "american": "United States",
    "u.s.": "United States",
    "us": "United States",
    "british": "United Kingdom",
    "uk": "United Kingdom",
    "french": "France",
    "german": "Germany",
    "italian": "Italy",
    "turkish": "Turkey",
    "polish": "Poland",
    "finnish": "Finland",
    "swiss": "Switzerland",
    "slovak": "Slovakia",
    "hungarian": "Hungary",
    "swedish": "Sweden",
    "irish": "Ireland",
    "portuguese": "Portugal",
    "chinese": "China",
    "japanese": "Japan",
    "canadian": "Canada",
    "spanish": "Spain",
    "dutch": "Netherlands",
    "belgian": "Belgium",
    "danish": "Denmark",
    "norwegian": "Norway",
    "estonian": "Estonia",
    "latvian": "Latvia",
    "lithuanian": "Lithuania",
    "czech": "Czech Republic",
    "romanian": "Romania",
    "bulgarian": "Bulgaria",
    "greek": "Greece",
    "austrian": "Austria",
    "belarusian": "Belarus",
    "saudi": "Saudi Arabia",
    "qatari": "Qatar",
    "emirati": "United Arab Emirates",
    "israeli": "Israel",
    "iranian": "Iran",
    "indian": "India",
    "brazilian": "Brazil",
    "european": "Europe",
    "nato": "NATO",
    "eu": "European Union",
    "soviet": "Soviet Union",
}

# Places the small model tags as people or organizations; forced to GPE/LOC/FAC by the ruler.
PLACES = """
Kyiv Kiev Kharkiv Odesa Odessa Lviv Dnipro Zaporizhzhia Kherson Mykolaiv Donetsk Luhansk
Crimea Sevastopol Kursk Bryansk Belgorod Sumy Poltava Chernihiv Kremenchuk Lubny Pokrovsk
Bakhmut Avdiivka Mariupol Kramatorsk Sloviansk Vinnytsia Zhytomyr Chernivtsi Uzhhorod Irpin
Bucha Donbas Dnipropetrovsk Moscow Minsk Istanbul Ankara Geneva Riyadh Jeddah Doha Budapest
Warsaw Berlin Paris London Brussels Rome Vienna Helsinki Stockholm Oslo Copenhagen Tallinn
Riga Vilnius Bratislava Prague Bucharest Washington Anchorage Alaska Florida Miami Vladivostok
Tehran Gaza Israel Beijing Davos Munich Abu Dhabi Rzeszow Kaliningrad Transnistria Chisinau
""".split()

FACILITIES = [
    "White House",
    "Oval Office",
    "Kremlin",
    "Elysee Palace",
    "Élysée Palace",
    "Downing Street",
    "Mar-a-Lago",
    "Camp David",
    "Pentagon",
]

# News outlets and platforms: organizations, never people, never meeting participants.
MEDIA = (
    """
Reuters AFP AP Politico Axios CNN BBC Bloomberg Guardian Telegram TASS Interfax RIA WWD SRF
LCI TF1 PA NBC CBS ABC Fox Sky Euronews Ukrinform Suspilne RBC Kommersant Izvestia
""".split()
    + [
        "Associated Press",
        "The Associated Press",
        "Fox News",
        "Fox News Channel",
        "Fox & Friends",
        "Financial Times",
        "The Financial Times",
        "Kyiv Independent",
        "The Kyiv Independent",
        "Moscow Times",
        "The Moscow Times",
        "New York Times",
        "The New York Times",
        "Washington Post",
        "The Washington Post",
        "Wall Street Journal",
        "The Wall Street Journal",
        "Womenswear Daily",
        "RIA Novosti",
        "Russia 24",
        "Truth Social",
        "Kyiv Post",
        "Ukrainska Pravda",
    ]
)

# Weapons and other products the model takes for people or organizations.
PRODUCTS = (
    """
Tomahawk Tomahawks Patriot Patriots ATACMS HIMARS Taurus Oreshnik Iskander Shahed Shaheds
Kinzhal Kalibr Abrams Leopard Leopards Starlink Gripen Gripens
""".split()
    + ["Storm Shadow", "F-16", "F-16s", "Air Force One"]
)

SPEECH_VERBS = frozenset(
    """
    say tell add ask write post argue insist warn stress note reply declare state tweet confirm
    describe claim announce explain suggest urge emphasise emphasize reiterate accuse dismiss
    praise criticise criticize predict vow promise acknowledge admit concede respond continue
    recall reveal report assure thank caution contend maintain observe remark comment
    echo summarise summarize repeat conclude quip shoot
    """.split()
)

MEETING_VERBS = frozenset("meet host receive visit greet welcome join".split())
MEETING_NOUNS: dict[str, str] = {
    "meeting": "in person",
    "meetings": "in person",
    "sit-down": "in person",
    "encounter": "in person",
    "visit": "in person",
    "talks": "talks",
    "talk": "talks",
    "negotiations": "talks",
    "discussions": "talks",
    "summit": "summit",
    "call": "call",
    "conversation": "call",
    "videoconference": "video",
    "conference": "video",
}

STATUS_ON_HOLD = (
    "on hold",
    "postponed",
    "shelved",
    "suspended",
    "called off",
    "cancelled",
    "canceled",
    "put off",
    "scrapped",
    "delayed",
    "paused",
)
STATUS_DECLINED = (
    "declined",
    "decline",
    "refused",
    "refuse",
    "rejected",
    "reject",
    "won't",
    "will not",
    "stayed away",
    "no willingness",
    "not invited",
    "resisted",
    "snubbed",
    "turned down",
    "hasn't shown any interest",
    "no interest",
    "not be attending",
    "skipped",
    "said “no”",
    'said "no"',
)
STATUS_PROPOSED = (
    "proposed",
    "propose",
    "proposal",
    "suggested",
    "suggest",
    "offered",
    "offer",
    "invited",
    "invitation",
    "floated",
    "could",
    "might",
    "may",
    "possible",
    "possibly",
    "potential",
    "hoped-for",
    "hope",
    "hopes",
    "hoped",
    "would like",
    "urged",
    "challenged",
    "open to",
    "idea",
    "considering",
    "pushing for",
    "calls for",
    "called for",
    "wants",
    "want",
    "ready to",
    "willing",
    "can",
    "would be",
    "eyeing",
    "mulling",
    "weighing",
)
STATUS_PLANNED = (
    "will",
    "shall",
    "'ll",
    "’ll",
    "going to",
    "plans",
    "plan",
    "planned",
    "planning",
    "expected",
    "scheduled",
    "set to",
    "due to",
    "arranging",
    "arrange",
    "preparing",
    "prepare",
    "to be held",
    "next week",
    "upcoming",
    "agreed to",
    "is to",
    "are to",
    "would soon",
    "later on",
    "later today",
    "tomorrow",
    "within the next",
    "in the works",
    "provisionally",
)

QUALIFIERS: dict[str, str] = {
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "more than": "over",
    "over": "over",
    "above": "over",
    "upwards of": "over",
    "in excess of": "over",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "up to": "up to",
    "as many as": "up to",
    "less than": "under",
    "fewer than": "under",
    "under": "under",
    "just over": "over",
    "just under": "under",
    "at most": "up to",
}

NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "a dozen": 12,
}
MULTIPLIERS: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
CURRENCIES: dict[str, str] = {
    "$": "$",
    "€": "€",
    "£": "£",
    "us$": "$",
    "usd": "$",
    "eur": "€",
    "dollars": "$",
    "euros": "€",
    "pounds": "£",
}

# Nouns naming collective participants ("European leaders", "Ukrainian officials").
GROUP_NOUNS = frozenset(
    """
    leaders officials delegations delegation chiefs ministers allies negotiators envoys team
    teams representatives diplomats counterparts aides partners heads governments lawmakers
    generals commanders advisers advisors planners
    """.split()
)
GROUP_DROP_WORDS = frozenset(
    "the a an other several some many their his her its our all both two three four five "
    "respective these those".split()
)

# Pronouns that stand for a person already named.
PERSON_PRONOUNS = frozenset("he she him her his hers".split())

COUNTRIES = frozenset(
    """
    Russia Ukraine France Germany Italy Poland Finland Sweden Norway Denmark Estonia Latvia
    Lithuania Hungary Slovakia Romania Bulgaria Greece Turkey Switzerland Austria Spain Portugal
    Ireland Belgium Netherlands Luxembourg Czechia Moldova Belarus Georgia Armenia Azerbaijan
    Kazakhstan China Japan India Iran Israel Syria Qatar Canada Mexico Brazil Australia Egypt
    Europe Croatia Slovenia Serbia Albania Montenegro Iceland Malta Cyprus
    """.split()
) | frozenset(
    [
        "United States",
        "United Kingdom",
        "Saudi Arabia",
        "United Arab Emirates",
        "New Zealand",
        "North Korea",
        "South Korea",
        "Czech Republic",
        "Vatican",
        "Holy See",
    ]
)

# Last words that make a multi-word name an institution, not a person.
INSTITUTION_WORDS = frozenset(
    """
    house council commission ministry office times news party union force forces service agency
    bank fund court statute bridge palace base staff peninsula republic committee parliament
    assembly department government administration army navy command organization organisation
    alliance coalition institute university center centre group company corporation
    independent post journal daily channel broadcaster friends kremlin duma senate congress
    """.split()
)
