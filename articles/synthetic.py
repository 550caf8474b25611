"""
Synthetic essays for benchmarks: plausible titles, standfirsts, headed sections and
paragraphs of realistic length, and a tag vocabulary whose use follows a Zipf-like curve
(a few tags on everything, a long tail of rare ones), as on a real publication.

Pure functions over a `random.Random`, so one seed always gives the same essays. The word
lists are our own; the prose is grammatical nonsense with the rhythm of criticism.
"""

import bisect
import itertools
from dataclasses import dataclass


def word_list(text):
    return text.split()


PLACES = word_list(
    """
afghan albanian algerian argentine armenian australian austrian azerbaijani bangladeshi
basque belgian bengali bolivian bosnian brazilian british bulgarian burkinabe cambodian
cameroonian canadian catalan chilean chinese colombian cuban czech danish dutch egyptian
estonian ethiopian filipino finnish french galician georgian german ghanaian greek
hungarian icelandic indian indonesian iranian iraqi irish israeli italian ivorian japanese
kazakh kenyan korean kurdish kyrgyz latvian lebanese lithuanian malian mexican mongolian
moroccan nigerian nordic norwegian pakistani palestinian peruvian polish portuguese
quebecois romanian russian scottish senegalese serbian slovak slovenian south-african
spanish sri-lankan swedish swiss syrian taiwanese thai tunisian turkish ukrainian
uruguayan venezuelan vietnamese welsh
"""
)

FORMS = [
    "cinema", "documentary", "animation", "new wave", "melodrama", "silent film",
    "avant-garde", "short film", "television", "comedy", "film criticism", "film archives",
]  # fmt: skip

GENRES = [
    "horror", "western", "musical", "film noir", "thriller", "science fiction", "road movie",
    "war film", "costume drama", "crime film", "martial arts", "romantic comedy", "slapstick",
    "biopic", "heist film", "disaster film", "coming-of-age film", "political thriller",
    "essay film", "city symphony", "found footage", "mockumentary", "chamber drama",
    "family saga", "ghost story", "folk horror", "spy film", "sports film", "satire", "fantasy",
]  # fmt: skip

THEMES = word_list(
    """
memory labour migration landscape childhood exile borders colonialism faith grief
adolescence ageing architecture cities villages the-sea rivers mountains deserts forests
weather night money work unemployment class family marriage divorce motherhood fatherhood
friendship solitude desire violence war peace revolution protest censorship propaganda
surveillance technology television radio music dance theatre painting photography
literature translation language dialect humour silence noise light darkness colour
black-and-white time duration waiting travel trains cars roads airports hotels prisons
hospitals schools churches cinemas audiences fandom stardom celebrity fashion food
animals ecology climate agriculture industry mining fishing ports islands diaspora
nationalism independence dictatorship democracy history archives ruins reconstruction
modernity tradition ritual myth folklore dreams madness medicine the-body disability
queer-cinema feminism masculinity race religion ghosts the-uncanny nostalgia utopia
"""
)

CRAFT = [
    "editing", "cinematography", "sound design", "production design", "costume",
    "screenwriting", "acting", "casting", "directing", "producing", "distribution",
    "programming", "restoration", "preservation", "subtitling", "dubbing", "film scores",
    "visual effects", "colour grading", "location scouting", "long takes", "close-ups",
    "montage", "voice-over", "framing", "lighting", "widescreen", "16mm", "35mm", "digital video",
    "co-production", "film funding", "film festivals", "film schools", "film clubs",
    "streaming", "box office", "censorship boards", "film criticism", "cinephilia",
]  # fmt: skip

DECADES = [f"{decade}s" for decade in range(1900, 2030, 10)]

CITIES = word_list(
    """
Aarhus Accra Almaty Antwerp Arequipa Asmara Baku Bergen Bilbao Bologna Brno Busan Cairo
Cartagena Cork Dakar Durban Gdansk Ghent Gothenburg Graz Guadalajara Hanoi Havana Hobart
Izmir Jaipur Jeonju Kaunas Kerala Kharkiv Kolkata Krakow Lagos Leipzig Lille Locarno Lodz
Lyon Malmo Manila Marrakech Medellin Montevideo Mumbai Nantes Odense Oporto Oulu Pesaro
Plovdiv Porto Rabat Riga Rotterdam Salvador Sarajevo Seville Skopje Tampere Tartu Tbilisi
Thessaloniki Trieste Tromso Turin Valdivia Valencia Vilnius Wroclaw Yamagata Zagreb Zlin
"""
)

ADJECTIVES = word_list(
    """
quiet restless patient lucid tender stubborn luminous austere generous unruly fragile
melancholy playful severe intimate oblique radical modest furious elegant wayward
unfinished forgotten borrowed borderless nocturnal provisional slow wry feverish gentle
"""
)

NOUNS = word_list(
    """
camera frame shot cut close-up long-take landscape face gesture silence rhythm archive
print reel screen audience festival programme projector soundtrack voice image shadow
season harbour village city border corridor kitchen train window doorway memory ghost
""".replace("-take", " take")
)

CRITICS_VERBS = [
    "insists on", "returns to", "refuses", "lingers over", "rehearses", "unsettles",
    "borrows from", "quarrels with", "circles around", "trusts", "redeems", "inherits",
    "misreads", "translates", "reframes", "withholds", "stages", "makes room for",
]  # fmt: skip

CONNECTIVES = [
    "In the end", "Seen today", "From the first reel", "Against expectation", "Once again",
    "For its first audiences", "In the festival's catalogue", "Years later", "Read closely",
    "On a second viewing", "Outside the capital", "In the restored print", "Even so",
    "Between the lines", "By the final scene", "Without announcing it", "Meanwhile",
]  # fmt: skip

SUBJECTS = [
    "the film", "the director", "the camera", "the editor", "this generation of filmmakers",
    "the script", "the lead actor", "the festival", "the restored print", "the programme",
    "the soundtrack", "the cinematographer", "the audience", "the producer", "the critic",
    "the national film board", "the archive", "the documentary", "the second feature",
]  # fmt: skip

CLAUSES = [
    "which few critics noticed at the time", "as if the story could wait",
    "without ever raising its voice", "long before the industry caught up",
    "in a language the censors did not speak", "with the patience of a documentary",
    "as the light changes over the afternoon", "while the crew waited for the weather",
    "in defiance of the distributor", "for reasons the credits never explain",
    "with almost no money and a borrowed camera", "in a country that had no film school",
    "the way a novel might", "as much for the ear as for the eye",
    "because the actors were not professionals", "even when the plot forgets them",
]  # fmt: skip

HEADING_FORMS = [
    "The {adj} {noun}", "On {theme}", "{City}, {decade}", "A {adj} {noun}",
    "After the {noun}", "{theme_title} and the {noun}", "What the {noun} remembers",
    "Notes on {theme}", "The {noun} at {City}",
]  # fmt: skip

TITLE_FORMS = [
    "The {adj} {noun}: {theme} in {place} {form}",
    "{theme_title}, {adj} and {adj2}: {place} {form} since the {decade}",
    "Notes from {City}: {theme} on screen",
    "How {place} {form} learned to love {theme}",
    "A {adj} {noun}: the {genre} after the {decade}",
    "{City} diary: {theme}, {craft} and the {noun}",
    "Against {theme}: {craft} in {place} {form}",
    "The {noun} and the {noun2}: on {craft}",
]  # fmt: skip


def tag_vocabulary(count, rng):
    """`count` distinct tag names; the first ones end up the most used."""
    pools = [
        [f"{place} {form}" for place in PLACES for form in FORMS],
        [f"{place} {genre}" for place in PLACES for genre in GENRES],
        [f"{decade} {genre}" for decade in DECADES for genre in GENRES],
        [f"{city} film festival" for city in CITIES],
        list(THEMES),
        list(CRAFT),
        list(GENRES),
        [f"{decade} cinema" for decade in DECADES],
    ]
    names = list(dict.fromkeys(name.replace("-", " ") for pool in pools for name in pool))
    rng.shuffle(names)
    # A few broad tags lead, as on any real publication.
    broad = ["film criticism", "film festivals", "documentary", "memory", "distribution"]
    names = broad + [name for name in names if name not in broad]
    pairs = (f"{a} and {b}" for a, b in itertools.permutations(THEMES, 2))
    while len(names) < count:
        names.append(next(pairs).replace("-", " "))
    return names[:count]


def zipf_cumulative_weights(count, exponent=1.0):
    """Cumulative weights for `random.choices`: rank r is drawn in proportion to 1 / r**s."""
    return list(itertools.accumulate(1 / rank**exponent for rank in range(1, count + 1)))


def draw_tags(rng, names, cumulative_weights, *, low=3, high=8):
    """Between `low` and `high` distinct tags, common ones far more often than rare ones."""
    wanted = rng.randint(low, high)
    total = cumulative_weights[-1]
    chosen = {}
    while len(chosen) < wanted:
        index = bisect.bisect(cumulative_weights, rng.random() * total)
        chosen[min(index, len(names) - 1)] = True
    return [names[index] for index in chosen]


@dataclass(frozen=True)
class SyntheticEssay:
    title: str
    standfirst: str
    sections: list  # [(heading, body), ...]; the first heading is empty
    tags: list


class EssayWriter:
    """Writes essays from a bank of sentences made once, so 100,000 essays take seconds."""

    def __init__(self, rng, *, sentence_bank_size=6000):
        self.rng = rng
        self.sentences = [self._sentence() for _ in range(sentence_bank_size)]

    def _fill(self, form):
        rng = self.rng
        theme = rng.choice(THEMES).replace("-", " ")
        return form.format(
            adj=rng.choice(ADJECTIVES),
            adj2=rng.choice(ADJECTIVES),
            noun=rng.choice(NOUNS),
            noun2=rng.choice(NOUNS),
            theme=theme,
            theme_title=theme.capitalize(),
            place=rng.choice(PLACES).replace("-", " ").capitalize(),
            form=rng.choice(FORMS),
            genre=rng.choice(GENRES),
            craft=rng.choice(CRAFT),
            decade=rng.choice(DECADES),
            City=rng.choice(CITIES),
        )

    def _sentence(self):
        rng = self.rng
        subject = rng.choice(SUBJECTS)
        verb = rng.choice(CRITICS_VERBS)
        obj = f"the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        shape = rng.randrange(4)
        if shape == 0:
            text = f"{rng.choice(CONNECTIVES)}, {subject} {verb} {obj}, {rng.choice(CLAUSES)}"
        elif shape == 1:
            theme = rng.choice(THEMES).replace("-", " ")
            text = f"{subject.capitalize()} {verb} {obj} and, through it, {theme}"
        elif shape == 2:
            text = (
                f"What {subject} {verb} is not {obj} but the {rng.choice(NOUNS)} "
                f"{rng.choice(CLAUSES)}"
            )
        else:
            text = f"{subject.capitalize()} {verb} {obj}; {rng.choice(CLAUSES)}"
        return text[0].upper() + text[1:] + "."

    def paragraph(self):
        return " ".join(self.rng.choices(self.sentences, k=self.rng.randint(3, 7)))

    def essay(self, tags):
        rng = self.rng
        sections = []
        for position in range(rng.randint(3, 7)):
            heading = "" if position == 0 else self._fill(rng.choice(HEADING_FORMS))
            body = "\n\n".join(self.paragraph() for _ in range(rng.randint(2, 6)))
            sections.append((heading, body))
        title = self._fill(rng.choice(TITLE_FORMS))
        return SyntheticEssay(
            title=title[0].upper() + title[1:],
            standfirst=" ".join(rng.choices(self.sentences, k=rng.randint(1, 2))),
            sections=sections,
            tags=tags,
        )
