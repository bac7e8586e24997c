"""Word lists and sentence templates for the synthetic archive; data only, no randomness.

Every name here is invented from syllables or plain English words, so a generated archive never
repeats a real person, organization or place on purpose. Templates use slot codes in braces
(`{P}` a person, `{O}` an organization, `{L}` a place, ...) that `generate.py` fills.
"""

from __future__ import annotations

SECTIONS = (
    "world", "politics", "business", "science", "health", "sport", "culture", "technology",
)

ONSETS = (
    "ta", "ve", "ko", "mi", "ra", "so", "da", "li", "ne", "ju", "ba", "fe", "ha", "zo", "ri",
    "ka", "lu", "me", "no", "sa", "te", "vi", "ya", "pe", "go", "di", "ro", "ma", "si", "bo",
)
FIRST_ENDINGS = ("n", "r", "l", "s", "ra", "na", "ia", "el", "an", "o", "en", "is", "ta", "mir")
SURNAME_ENDINGS = (
    "ski", "son", "ell", "ard", "ova", "ez", "ane", "ine", "er", "ovic", "berg", "well",
    "ani", "oux", "ley", "dor", "ssen", "mond", "enko", "ath",
)
TOWN_ENDINGS = (
    "ford", "ton", "vik", "burg", "mora", "delle", "haven", "port", "stad", "grad", "field",
    "wick", "bridge", "holm", "ria", "vale",
)
COUNTRY_ENDINGS = ("ia", "land", "ora", "ova", "esia", "ania", "istan", "ovo", "aria", "enia")

PERSON_TITLES = (
    "Finance Minister", "Foreign Minister", "Health Minister", "Interior Minister",
    "President", "Prime Minister", "Senator", "Mayor", "Governor", "Professor",
    "Chief Executive", "General", "Judge", "Ambassador", "Coach", "Deputy Mayor",
)
ORG_SUFFIXES = ("Bank", "University", "Institute", "Group", "Holdings", "Foundation", "Hospital")
MINISTRY_TOPICS = (
    "Finance", "Health", "Education", "Transport", "Energy", "Agriculture", "Defence",
    "Justice", "Labour", "Culture", "Housing", "Water", "Trade", "Fisheries", "Tourism",
)
PARTY_ADJECTIVES = (
    "Progressive", "National", "Democratic", "Green", "Liberal", "Social", "Popular",
    "Free", "United", "Reform", "Civic", "Labour",
)
PARTY_NOUNS = ("Unity", "Renewal", "Alliance", "Future", "Citizens", "Workers", "Centre")
UNION_WORDS = (
    ("Northern", "Southern", "Coastal", "Federal", "Independent", "Regional", "Central"),
    ("Farmers", "Teachers", "Dockworkers", "Nurses", "Miners", "Drivers", "Growers", "Pilots"),
    ("Union", "Council", "Association", "Federation", "League", "Board", "Commission"),
)

AGENCIES = (
    "Northwind Press", "Meridian Wire", "Harbor Photo Agency", "Lantern News", "Eastgate Images",
    "Bluewater Pictures", "Crescent Wire",
)
TAGS = (
    "elections", "budget", "inflation", "trade", "climate", "drought", "floods", "health care",
    "vaccines", "schools", "universities", "housing", "transport", "railways", "ports",
    "energy", "oil", "solar power", "fisheries", "farming", "tourism", "football", "athletics",
    "cycling", "tennis", "film", "music", "museums", "books", "courts", "police", "prisons",
    "protests", "strikes", "wages", "pensions", "taxes", "banks", "markets", "startups",
    "artificial intelligence", "space", "research", "hospitals", "water", "wildfires",
    "diplomacy", "border", "migration", "defence", "corruption", "media", "privacy",
)

NOUNS = (
    "the budget", "fuel subsidies", "the new rail line", "water prices", "the pension reform",
    "the port expansion", "a ban on night flights", "teacher pay", "the hospital plan",
    "the grain harvest", "rents in the capital", "the tax on imports", "the coastal highway",
    "a new solar farm", "the fishing quota", "bus fares", "the data protection law",
    "the bridge project", "school meals", "the border crossing", "interest rates",
    "the drought relief fund", "the stadium deal", "the vaccine rollout", "public broadcasting",
)
GROUPS = (
    "farmers", "teachers", "residents", "commuters", "nurses", "students", "shop owners",
    "fishermen", "pensioners", "dockworkers", "small businesses", "families", "investors",
    "tenants", "doctors", "local officials", "voters", "drivers",
)
VERBS = (
    "cut", "expand", "review", "delay", "scrap", "approve", "fund", "reform", "extend",
    "suspend", "protect", "overhaul", "audit", "defend", "renegotiate",
)
VERBS_PAST = (
    "approved", "rejected", "delayed", "announced", "criticised", "welcomed", "questioned",
    "defended", "suspended", "unveiled", "backed", "postponed",
)
TIMES = (
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
    "on Sunday", "last week", "earlier this month", "late on Tuesday", "this morning",
    "late on Friday", "over the weekend",
)
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ACTIONS = (
    "speaks at a news conference", "arrives for talks", "visits a grain depot",
    "addresses supporters", "walks through a flooded street", "meets workers at a factory",
    "attends a memorial service", "waves to reporters", "tours a new hospital ward",
)

HEADLINES = (
    "{PF} vows to {V} {N}",
    "{OF} {VP} {N} as {G} wait for answers",
    "{L} to {V} {N} amid protests by {G}",
    "{OF} warns of delays to {N} in {L}",
    "{PF} faces questions over {N}",
    "{G_cap} in {L} rally against plan to {V} {N}",
    "Talks on {N} stall in {L}",
    "{PF} and {OF} clash over {N}",
    "{L} counts the cost of {N}",
    "{OF} says {NUM} {G} affected by changes to {N}",
)
SENTENCES = (
    "{P} {T} announced a plan to {V} {N} in {L}.",
    "{O} said {PCT} of {G} in {L} had been affected since {MON}.",
    "The decision to {V} {N} was {VP} by {O} {T}.",
    "{P} met representatives of {G} in {L} {T}, according to {O}.",
    "Critics said the move would hurt {G} and do little to {V} {N}.",
    "{O} has {VP} the proposal, which would {V} {N} over the next {YRS} years.",
    "About {NUM} {G} gathered outside the offices of {O} in {L} {T}.",
    "{P} is expected to travel to {L} next month to discuss {N}.",
    "Officials in {L} said the cost of {N} had risen by {PCT} in a year.",
    "The plan still needs the approval of {O}, which meets again in {MON}.",
    "{P} did not respond to a request for comment.",
    "Figures published by {O} show that {G} in {L} pay more for {N} than elsewhere.",
    "It was not clear whether {O} would {V} {N} before the end of the year.",
    "Local media in {L} reported that {P} had {VP} the idea {T}.",
    "Talks between {O} and representatives of {G} broke down {T}.",
)
QUOTES = (
    "We will not {V} {N} while {G} are still waiting",
    "This is a difficult moment for {G} across {L}",
    "Nobody expected the talks on {N} to move this quickly",
    "We have listened to {G} and we will act",
    "The numbers speak for themselves",
    "There is no plan to {V} {N} this year",
    "I think {G} deserve a clear answer",
    "Our position on {N} has not changed",
)
QUOTE_FORMS = (
    '"{Q}," {S} said.',
    '"{Q}," said {S}.',
    '{S} said: "{Q}."',
    '"{Q}," {S} told reporters in {L}.',
)
SUBHEADINGS = (
    "What happens next", "Pressure on {L}", "A long road for {G}", "Questions over the plan",
    "{L} reacts", "Funding gap", "Opposition responds", "Divided views", "Years of delay",
    "Money and votes",
)
