"""Closed word lists the entity finder and the name canonicaliser share.

They hold what training data cannot teach reliably: titles and honorifics that precede names,
nationality adjectives, calendar words, pronouns and the words that join the parts of a name.
"""

from __future__ import annotations

# Lower-case words allowed inside a capitalised name ("Bank of England", "Charles de Gaulle").
CONNECTORS = (
    "of", "and", "&", "de", "for", "the", "van", "von", "der", "den", "del", "della", "da", "di",
    "du", "la", "le", "al", "el", "bin", "y", "on",
)

# Words that come before a person's name but are not part of it.
HONORIFICS = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady rev rev.
    reverend father sister brother sheikh imam rabbi mx mx. madam monsieur herr""".split()
)
TITLES = frozenset(
    """president vice prime minister ministers premier chancellor king queen prince princess
    emperor pope cardinal bishop archbishop general gen gen. colonel col col. lieutenant lt lt.
    captain capt capt. major sergeant sgt sgt. admiral commander governor gov gov. senator sen
    sen. representative rep rep. congressman congresswoman mayor judge justice chief secretary
    ambassador envoy spokesman spokeswoman spokesperson director chairman chairwoman chair ceo
    coach manager striker midfielder defender goalkeeper leader deputy head foreign finance
    defence defense interior health foreign-minister state attorney speaker commissioner
    president-elect acting former late opposition party officer inspector detective agent
    sheikh emir sultan ayatollah crown grand supreme dr senior junior first lady councillor
    alderman harbourmaster mp""".split()
)

NATIONALITIES = frozenset(
    """afghan albanian algerian american angolan argentine argentinian armenian australian
    austrian azerbaijani bahraini bangladeshi belarusian belgian bolivian bosnian brazilian
    british bulgarian burmese burundian cambodian cameroonian canadian chadian chilean chinese
    colombian congolese croatian cuban cypriot czech danish dutch ecuadorian egyptian emirati
    english eritrean estonian ethiopian european filipino finnish french georgian german
    ghanaian greek guatemalan haitian honduran hungarian icelandic indian indonesian iranian
    iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean
    kosovar kurdish kuwaiti kyrgyz lao latvian lebanese liberian libyan lithuanian macedonian
    malagasy malaysian malian maltese mauritanian mexican moldovan mongolian montenegrin
    moroccan mozambican namibian nepalese nigerian nigerien norwegian omani pakistani
    palestinian panamanian paraguayan peruvian polish portuguese qatari romanian russian
    rwandan saudi scottish senegalese serb serbian sierra slovak slovakian slovenian somali
    african asian arab arabic sudanese spanish sri swedish swiss syrian taiwanese tajik
    tanzanian thai tibetan togolese tunisian turkish turkmen ugandan ukrainian uruguayan
    uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean western eastern soviet
    islamic muslim christian jewish catholic sunni shia shiite""".split()
)

WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
PRONOUNS = frozenset(
    """i me my mine we us our ours you your yours he him his she her hers it its they them
    their theirs this that these those there here who whom whose which what""".split()
)

# Ordinary words that often open a sentence or a headline in capitals and are never names.
NEVER_NAMES = WEEKDAYS | MONTHS | PRONOUNS | frozenset(
    """the a an and or but if when while after before as at in on of for to from with by
    read more also however meanwhile yesterday today tomorrow tonight mr mrs ms dr""".split()
)

# Phrases that look like names but are page furniture.
JUNK_PHRASES = frozenset({"read more", "read also", "see also", "related", "photo", "video"})

# Trailing words that make a capitalised sequence an organization.
ORG_CUES = frozenset(
    """inc inc. corp corp. co co. ltd ltd. plc llc ag sa nv gmbh group bank university
    college council ministry party union association agency commission committee
    institute foundation federation league club fc court army navy police service
    company corporation authority board office department parliament assembly
    congress senate organisation organization movement front alliance airlines airways
    motors holdings industries network news times post journal press exchange fund""".split()
)
PLACE_CUES = frozenset(
    """strip river island islands mountains valley province sea ocean bay gulf lake desert
    region peninsula heights coast street road avenue lane quay""".split()
)

# ---- archive-wide rules (`archive.py`) -------------------------------------------------------

# Last words that make a multi-word name an organization across the archive, beyond ORG_CUES.
ARCHIVE_ORG_CUES = ORG_CUES | frozenset(
    """freight solar philharmonic orchestra observatory prize award awards hospital clinic
    museum gallery theatre theater school academy library trust shipping logistics energy
    power airline lines ferries railways rail telecom pharma capital partners ventures labs
    systems technologies media broadcasting radio television tv wire ledger herald gazette
    tribune courier chronicle review choir ensemble opera ballet cooperative co-op society
    guild syndicate consortium chamber bloc caucus images pictures photos photography""".split()
)
# First and last words that make a multi-word name a place (`River Wend`, `Sallow Strait`).
PLACE_FIRST_WORDS = frozenset("river port mount mt lake cape fort isle gulf bay".split())
ARCHIVE_PLACE_CUES = (PLACE_CUES - ORG_CUES) | frozenset(
    """strait straits gate bridge harbour harbor square channel canal plain plains fjord
    delta estuary""".split()
)
# Words before a name that place it (`in Caldwick`, `near Varno`); `at`, `from` and `to` also
# stand before people and firms, so they count as weaker evidence.
PLACE_PREPOSITIONS = frozenset("in near across into inside outside throughout".split())
WEAK_PLACE_PREPOSITIONS = frozenset("at from to towards toward around via".split())
# Nouns after a name (or its possessive) that make it a place: `Caldwick council`,
# `Kestrava's government`.
PLACE_NOUNS = frozenset(
    """government council officials authorities mayor cabinet delegation border borders coast
    coastline residents parliament capital harbour port town city villages countryside
    coastguard""".split()
)
SPEECH_VERBS = frozenset(
    "said says told added argued wrote asked replied insisted warned explained noted".split()
)
# Words right after a name that make the name part of a title: `Finance Minister Okonkwo`.
TITLE_NOUNS = frozenset("minister ministers secretary secretaries".split())
DETERMINERS = frozenset("the a an this that its their our his her every each".split())
DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "i", "ish", "ean")
