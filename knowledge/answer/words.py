"""Every word list the question analysis, the name matcher and the question kinds read.

In one place so that a word's part in a question (a cue for meetings, a measure, a word never
taken for a name) can be seen, and changed, at once. Language data for extraction lives in
`knowledge.lexicon`; these are the words of questions.
"""

from __future__ import annotations

from knowledge.answer.text import stem
from knowledge.facts import MeetingKind, MeetingStatus


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words("""
    a an the and or nor but of to in on at by for from with without about between among into
    onto over under after before since during until than then as via per vs versus re is are
    was were be been being am do does did done doing has have had having will would shall
    should can could may might must who whom whose what which when where why how that this
    these those there here it its he him his she her hers they them their theirs we us our you
    your i me my mine any all some each every no not yes if so also just only very much many
    more most less least other another such up down out off again ever even yet still both
    either neither own same too please tell show list give find get got know let lets see want
    need like latest news recent recently now today yesterday tomorrow tonight week weeks month
    months year years day days time times ago next last soon far anything something everything
    nothing anyone someone everyone anybody one ones thing things happen happened happening
    going go went take took taken place way well really actually currently current new
    regarding concerning whether hi hello hey thanks thank bot ok okay info information detail
    details update updates whats whos mention mentions mentioned mentioning involving involve
    """)
MEETING_CUES = _words("""
    meet meets met meeting meetings call calls called calling phone phoned phonecall telephone
    spoke speak video videoconference virtual online zoom summit summits talk talks talked
    negotiation negotiations negotiate negotiated negotiating visit visited visits held hold
    planned proposed propose declined decline refused rejected cancelled canceled paused
    postponed suspended shelved stalled upcoming scheduled future expected possible potential
    person face past sat discuss discussed discusses discussing
    """)
STRONG_MEETING_CUES = _words(
    "meet meets met meeting meetings call calls called calling phone phoned spoke visit visited"
)
QUOTE_CUES = _words("""
    say says said saying quote quotes quoted quotation statement statements told claim claims
    claimed comment comments commented remark remarks words think thinks thought stance view
    views warn warned
    """)
FIGURE_CUES = _words(
    "how many much number numbers figure figures stat stats statistics total count"
)
FIGURE_TOPICS = _words("""
    casualties casualty killed dead deaths death toll injured wounded drones drone missiles
    missile billion bn million percent cost costs dollars euros troops soldiers
    """)
# "how long", "what is the range": figures in units of a measure.
MEASURES: dict[str, frozenset[str]] = {
    "distance": _words("mile miles km kilometre kilometres kilometer kilometers metre metres"),
    "duration": _words("day days week weeks month months year years hour hours minute minutes"),
    "money": _words("$ $bn $m $k € €bn €m £ £bn £m bn billion million dollars euros"),
    "share": _words("% percent per cent"),
}
MEASURE_WORDS: dict[str, tuple[str, ...]] = {
    "long": ("distance", "duration"),
    "far": ("distance",),
    "range": ("distance",),
    "distance": ("distance",),
    "length": ("distance",),
    "wide": ("distance",),
    "miles": ("distance",),
    "kilometres": ("distance",),
    "km": ("distance",),
    "duration": ("duration",),
    "money": ("money",),
    "worth": ("money",),
    "cost": ("money",),
    "costs": ("money",),
    "percent": ("share",),
    "percentage": ("share",),
    "share": ("share",),
}
MEASURE_NOUNS = _words("range distance length duration percentage")
HOW_WORDS = _words("many much long far big large")
ROLE_CUES = _words("role roles title titles job jobs position positions post")
PROFILE_CUES = _words("profile about")
HELP_WORDS = _words("help usage commands examples")
DOMAIN_WORDS = _words("""
    peace war deal plan plans leader leaders president minister envoy official officials
    people drones missiles killed attack attacks army troops security guarantees guarantee
    ceasefire territory sanctions negotiator negotiators adviser advisor secretary spokesman
    spokesperson chief head foreign defense defence prime lead senior special state
    """)
WEEKDAYS_MONTHS = _words("""
    monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december weekend
    """)
GENERIC_NOUNS = _words("""
    state states army energy commission council treasury united union security service
    government ministry department office congress senate house parliament team delegation
    allies west east north south independent times post channel news media press court
    military navy forces force police bank central national federal republic kingdom
    """)
NAME_SUFFIXES = _words("jr sr ii iii iv")
HONORIFICS = _words("mr mrs ms dr sir president prime minister")
# "who is the lead negotiator": the words around a title that are not part of it.
HONORIFICS_AND_WHO = frozenset({"who", "is", "the"})
# Words of a question that name which kind of question it is, not what it is about.
CUE_WORDS = MEETING_CUES | QUOTE_CUES | FIGURE_CUES | ROLE_CUES | PROFILE_CUES | HELP_WORDS
# "who led / hosted / attended …": the question asks for a person who did something.
ACTION_WORDS = _words("""
    met meet meets led lead leads leading headed heads head hosted host hosts attended attend
    attends took part joined join chaired chair chairs co else represented accompanied called
    spoke negotiated visited participants participant attendees present room included
    """)
# A sentence with one of these tells of a meeting (evidence for "who met X").
EVIDENCE_MEETING_WORDS = _words("""
    met meet meeting talks talked call called spoke hosted hosts host summit visit visited
    received welcomed joined attended attend led leads delegation held sat negotiations
    """)
# Words a question uses for what a sentence may say otherwise ("who attended" → "accompanied"):
# each word of a group brings the others into the evidence query.
EVIDENCE_SYNONYMS: dict[str, str] = {
    word: group
    for group in (
        "attend attended attending accompanied accompanying joined join present participated part "
        "participants participant attendees included include includes",
        "host hosted hosting hosts welcomed received",
        "lead led leading leads headed head heads",
        "chair chaired chairs co-chaired chairing",
        "agree agreed agreement deal accord",
        "appointed appoint named nominated decree",
        "cancelled canceled called off scrapped shelved postponed",
        "block blocked blocking veto vetoed opposed",
    )
    for word in group.split()
}
# A sentence opening with one of these may be about the one before ("Its director, …").
REFERRING_WORDS = _words("its his her their he she they it this these the")
# Words a free search and a profile leave out of the words they look for.
SEARCH_CUES = PROFILE_CUES | ROLE_CUES

# Meetings
STATUS_WORDS: dict[str, frozenset[MeetingStatus]] = {
    "held": frozenset({"held"}),
    "happened": frozenset({"held"}),
    "past": frozenset({"held"}),
    "planned": frozenset({"planned"}),
    "scheduled": frozenset({"planned"}),
    "upcoming": frozenset({"planned", "proposed"}),
    "future": frozenset({"planned", "proposed"}),
    "expected": frozenset({"planned", "proposed"}),
    "proposed": frozenset({"proposed"}),
    "propose": frozenset({"proposed"}),
    "possible": frozenset({"proposed", "planned"}),
    "potential": frozenset({"proposed", "planned"}),
    "declined": frozenset({"declined"}),
    "decline": frozenset({"declined"}),
    "refused": frozenset({"declined"}),
    "rejected": frozenset({"declined"}),
    "cancelled": frozenset({"declined"}),
    "canceled": frozenset({"declined"}),
    "paused": frozenset({"on hold"}),
    "postponed": frozenset({"on hold"}),
    "suspended": frozenset({"on hold"}),
    "shelved": frozenset({"on hold"}),
    "stalled": frozenset({"on hold"}),
}
KIND_WORDS: dict[str, frozenset[MeetingKind]] = {
    "call": frozenset({"call"}),
    "calls": frozenset({"call"}),
    "called": frozenset({"call"}),
    "calling": frozenset({"call"}),
    "phone": frozenset({"call"}),
    "phoned": frozenset({"call"}),
    "phonecall": frozenset({"call"}),
    "telephone": frozenset({"call"}),
    "video": frozenset({"video"}),
    "videoconference": frozenset({"video"}),
    "virtual": frozenset({"video"}),
    "online": frozenset({"video"}),
    "zoom": frozenset({"video"}),
    "summit": frozenset({"summit"}),
    "summits": frozenset({"summit"}),
    "visit": frozenset({"in person"}),
    "visited": frozenset({"in person"}),
}
# A meeting kind as a noun in a heading, singular and plural.
KIND_NOUNS: dict[str, tuple[str, str]] = {
    "in person": ("meeting", "meetings"),
    "talks": ("talks", "talks"),
    "call": ("call", "calls"),
    "video": ("video call", "video calls"),
    "summit": ("summit", "summits"),
}
# A question that opens with one of these asks yes or no ("did Trump meet Putin").
YES_NO_WORDS = _words("did do does has have had is are was were will would")
# A reply in a thread the bot answered (knowledge/answer/followup.py): these words add the
# names it gives to the question before ("Kushner too?") instead of putting them in place of
# its names ("and Kushner?"); a reply of names alone is a question when it opens with one of
# QUESTION_OPENERS or ends with "?".
FOLLOW_UP_ADDING = _words("too also with both plus")
QUESTION_OPENERS = _words("who whom whose what which when where why how") | YES_NO_WORDS
FUTURE_WORDS = _words("will next upcoming going shall planned scheduled expected future")
PAST_WORDS = _words("did was were held last previous earlier happened past")
# Words about every talk ("the peace talks"), so no filter on the meetings' sentences.
TOPIC_OF_ALL_TALKS = _words("peace war deal plan plans proposal framework")
# "did Driscoll take part in the Abu Dhabi talks", "who attended": how one is in a meeting, not
# what the meeting is about (no meeting's words need to have them).
PARTICIPATION_WORDS = _words("""
    attend attends attended attending take takes took taking part participate participates
    participated participating join joins joined joining present there room participants
    participant attendees attendance included include includes
    """)

# Figures and topics
_SYNONYM_GROUPS = [
    "killed kill dead death deaths died fatalities fatality lives toll",
    "injured injuries wounded hurt",
    "drone drones uav uavs shahed shaheds",
    "missile missiles rocket rockets",
    "dollars dollar usd bn billion billions money funding aid cost costs",
    "euros euro eur",
    "people persons civilians",
    "soldiers troops army personnel servicemen",
]
_CASUALTIES = "casualties casualty killed dead deaths died injured injuries wounded"
DEMONYMS = {
    "russian": "russia",
    "russians": "russia",
    "ukrainian": "ukraine",
    "ukrainians": "ukraine",
    "american": "united states",
    "americans": "united states",
    "european": "europe",
    "europeans": "europe",
    "turkish": "turkey",
    "hungarian": "hungary",
    "french": "france",
    "british": "britain",
    "german": "germany",
    "polish": "poland",
}
MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}


def _synonyms() -> dict[str, frozenset[str]]:
    """Stem → the stems of its synonym group; "casualties" means killed and injured alike."""
    synonyms: dict[str, frozenset[str]] = {}
    for group in _SYNONYM_GROUPS:
        stems_of_group = frozenset(stem(w) for w in group.split())
        for s in stems_of_group:
            synonyms[s] = synonyms.get(s, frozenset()) | stems_of_group
    casualty_stems = frozenset(stem(w) for w in _CASUALTIES.split())
    for s in ("casualty", "casualti"):
        synonyms[s] = casualty_stems
    return synonyms


SYNONYMS = _synonyms()

# Words never matched fuzzily to a name, and never taken for a one-word name unless capitalized.
NO_FUZZY = (
    GENERIC_NOUNS
    | STOPWORDS
    | MEETING_CUES
    | QUOTE_CUES
    | FIGURE_CUES
    | FIGURE_TOPICS
    | ROLE_CUES
    | HELP_WORDS
    | DOMAIN_WORDS
    | WEEKDAYS_MONTHS
    | frozenset(DEMONYMS)
)

# A sentence that says a meeting took place: one of these verbs (past tense, as written)...
HELD_VERBS = _words("""
    met held hosted spoke talked visited received welcomed sat attended joined chaired led
    headed discussed
    """)
# ... and none of these, which make it a plan, an offer, a hope or a refusal.
MODAL_WORDS = _words("""
    will would could might may should shall expected expects planned plans plan proposed
    proposes propose possible possibly next ready willing hope hopes hoped invited invite
    offer offered declined refused rejected ruled postponed premature unlikely if whether
    """)
# An evidence sentence with one of these answers "will X meet Y", "did X refuse to meet Y",
# "is a meeting planned": whether it is planned, offered, refused, put off or only hoped for.
MODALITY_WORDS = _words("""
    plan plans planned planning expected expect proposed propose proposal offered offer
    invited invitation refused refuse declined decline rejected ruled postponed premature
    unlikely possible ready willing date scheduled hold cancelled canceled shelved prepared
    agreed agree arranging arrange intend intends hoped hopes consider considering
    """)
# In a sentence, these make who attended or led a hope or a plan ("with him possibly attending").
# A question about when someone took up a post ("when was X appointed / named / made …").
APPOINTED_WORDS = _words("appointed appoint named nominated became become made chosen elected")
# A question about what is newest ("latest on T", "any updates on T"): see evidence.
LATEST_WORDS = _words("latest newest recent recently update updates developments")
UNSURE_WORDS = _words(
    "possibly possible perhaps maybe might expected planned proposed next hope yet agreed"
)
