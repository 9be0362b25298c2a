"""Names by origin, with their frequencies and the ways each is written down in the Netherlands.

A person's name is kept once in its own spelling (:class:`TrueName`); every registration
writes it out again with :func:`write_name`, with the variation typical of its origin:
Dutch particles and married names, Turkish letters, French- and Dutch-style transliteration of
Moroccan Arabic and Berber names, Polish letters and gendered surnames, Romanian letters,
Ukrainian names in several transliteration systems (and in their Russian form), Nigerian short
names and middle names, Eritrean names made of the person's, the father's and the
grandfather's given names.

Frequencies follow a Zipf law over each list (most frequent first) with a long tail of names
composed from parts, so that some names are shared by many persons and most by few.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from testdata.second_generator.errors import fold_diacritics


class Zipf:
    """Draw from a list with weight 1 / (rank + offset) ** exponent; with probability
    ``tail`` a name from ``compose`` instead (the long tail of rare names)."""

    def __init__(self, items, exponent=1.0, offset=2.0, tail=0.0, compose=None):
        self.items = list(items)
        weights = [1.0 / (r + offset) ** exponent for r in range(len(self.items))]
        total = 0.0
        self.cumulative = []
        for w in weights:
            total += w
            self.cumulative.append(total)
        self.tail = tail
        self.compose = compose

    def draw(self, rng: random.Random) -> str:
        if self.compose is not None and rng.random() < self.tail:
            return self.compose(rng)
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


@dataclass
class TrueName:
    origin: str
    sex: str  # "m" or "f"
    given: str
    middle: str | None = None
    particle: str = ""  # Dutch tussenvoegsel or Arabic article, in its usual spelling
    surname: str = ""
    patronymic: str | None = None  # Ukrainian otchestvo or the Eritrean father's name
    grandfather: str | None = None  # Eritrean grandfather's name
    married: tuple[str, str] | None = None  # (particle, surname) of a husband's name used
    extra: dict = field(default_factory=dict)


def _compose(parts_a, parts_b, joiner=""):
    def make(rng: random.Random) -> str:
        return rng.choice(parts_a) + joiner + rng.choice(parts_b)

    return make


# ---------------------------------------------------------------- Dutch
NL_SURNAMES = [
    ("de", "Jong"),
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "Janssen"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Smits"),
    ("de", "Graaf"),
    ("van der", "Meer"),
    ("van der", "Linden"),
    ("", "Kok"),
    ("", "Jacobs"),
    ("de", "Haan"),
    ("", "Vermeulen"),
    ("van den", "Heuvel"),
    ("van der", "Veen"),
    ("van den", "Broek"),
    ("de", "Bruijn"),
    ("de", "Bruin"),
    ("van der", "Heijden"),
    ("", "Schouten"),
    ("van", "Beek"),
    ("", "Willems"),
    ("van", "Vliet"),
    ("van de", "Ven"),
    ("", "Hoekstra"),
    ("", "Maas"),
    ("", "Verhoeven"),
    ("", "Koster"),
    ("van", "Dam"),
    ("van der", "Wal"),
    ("", "Prins"),
    ("", "Blom"),
    ("", "Huisman"),
    ("", "Peeters"),
    ("de", "Jonge"),
    ("", "Kuipers"),
    ("van", "Veen"),
    ("", "Post"),
    ("", "Kuiper"),
    ("", "Veenstra"),
    ("", "Kramer"),
    ("van den", "Brink"),
    ("", "Scholten"),
    ("van", "Wijk"),
    ("", "Postma"),
    ("", "Martens"),
    ("", "Vink"),
    ("de", "Ruiter"),
    ("", "Timmermans"),
    ("", "Groen"),
    ("", "Gerritsen"),
    ("", "Jonker"),
    ("van", "Loon"),
    ("", "Boer"),
    ("van der", "Velde"),
    ("", "Willemsen"),
    ("", "Smeets"),
    ("de", "Lange"),
    ("de", "Vos"),
    ("", "Bosch"),
    ("van", "Dongen"),
    ("", "Schipper"),
    ("de", "Koning"),
    ("van der", "Laan"),
    ("", "Koning"),
    ("van der", "Velden"),
    ("", "Driessen"),
    ("van", "Doorn"),
    ("", "Hermans"),
    ("", "Evers"),
    ("van den", "Bosch"),
    ("van der", "Meulen"),
    ("", "Hofman"),
    ("", "Bosman"),
    ("", "Wolters"),
    ("", "Sanders"),
    ("van der", "Horst"),
    ("", "Mol"),
    ("", "Kuijpers"),
    ("", "Molenaar"),
    ("van de", "Pol"),
    ("de", "Leeuw"),
    ("", "Verbeek"),
    ("ter", "Horst"),
    ("ten", "Have"),
    ("in 't", "Veld"),
    ("van 't", "Hof"),
    ("op den", "Kamp"),
    ("", "Oosterhuis"),
    ("", "Wiersma"),
    ("", "Zijlstra"),
    ("", "Bouwmeester"),
]
_NL_STEMS = [
    "Hoog",
    "Laag",
    "Groen",
    "Zand",
    "Water",
    "Steen",
    "Molen",
    "Kerk",
    "Linde",
    "Eike",
    "Beuke",
    "Oost",
    "West",
    "Noord",
    "Zuid",
    "Over",
    "Brug",
    "Hout",
    "Vlas",
    "Riet",
    "Wolf",
    "Vos",
    "Haver",
    "Rog",
    "Berk",
    "Els",
    "Wilg",
    "Esch",
    "Akker",
    "Weide",
    "Ham",
    "Blok",
]
_NL_ENDS = [
    "veld",
    "kamp",
    "berg",
    "beek",
    "dijk",
    "broek",
    "horst",
    "hof",
    "hoven",
    "huis",
    "stra",
    "sma",
    "inga",
    "ema",
    "man",
    "mans",
    "ink",
    "meijer",
    "boer",
    "werf",
    "laar",
    "sloot",
    "wijk",
    "bosch",
    "hage",
    "stede",
    "land",
]
_NL_TAIL_PARTICLES = ["", "", "", "", "van", "van de", "van der", "ter", "ten", "de"]

NL_MALE_OLD = [
    "Johannes",
    "Cornelis",
    "Hendrik",
    "Jan",
    "Pieter",
    "Willem",
    "Gerrit",
    "Jacobus",
    "Petrus",
    "Adrianus",
    "Hendrikus",
    "Wilhelmus",
    "Gerardus",
    "Dirk",
    "Theodorus",
    "Antonius",
    "Klaas",
    "Albert",
    "Hans",
    "Peter",
    "Kees",
    "Henk",
    "Wim",
    "Ruud",
    "Erik",
    "Marco",
    "Frank",
    "Rob",
    "Martin",
    "Paul",
    "Johan",
    "Richard",
    "Edwin",
    "Ronald",
]
NL_MALE_NEW = [
    "Daan",
    "Sem",
    "Lucas",
    "Levi",
    "Finn",
    "Bram",
    "Thijs",
    "Ruben",
    "Jesse",
    "Tim",
    "Lars",
    "Niels",
    "Joost",
    "Sander",
    "Bas",
    "Wouter",
    "Maarten",
    "Jeroen",
    "Dennis",
    "Kevin",
    "Mark",
    "Stefan",
    "Jasper",
    "Rick",
    "Tom",
    "Luuk",
    "Stijn",
    "Mike",
    "Robin",
    "Thomas",
    "Koen",
    "Milan",
    "Jayden",
    "Dylan",
    "Sven",
    "Jelle",
    "Gijs",
    "Floris",
    "Hidde",
    "Teun",
]
NL_FEMALE_OLD = [
    "Maria",
    "Johanna",
    "Cornelia",
    "Anna",
    "Wilhelmina",
    "Elisabeth",
    "Catharina",
    "Hendrika",
    "Margaretha",
    "Petronella",
    "Adriana",
    "Jacoba",
    "Ingrid",
    "Monique",
    "Esther",
    "Petra",
    "Linda",
    "Sandra",
    "Wilma",
    "Annemarie",
    "Marja",
    "Anja",
    "Karin",
    "Ria",
    "Ellen",
    "Yvonne",
    "Marian",
    "Jolanda",
    "Mirjam",
    "Saskia",
]
NL_FEMALE_NEW = [
    "Emma",
    "Julia",
    "Sophie",
    "Tess",
    "Lotte",
    "Sanne",
    "Lisa",
    "Anouk",
    "Femke",
    "Eva",
    "Fleur",
    "Iris",
    "Marloes",
    "Nina",
    "Lieke",
    "Noa",
    "Zoë",
    "Sara",
    "Mila",
    "Roos",
    "Isa",
    "Maud",
    "Demi",
    "Kim",
    "Laura",
    "Romy",
    "Britt",
    "Naomi",
    "Floor",
    "Jasmijn",
    "Esmee",
    "Chantal",
    "Kimberley",
    "Melissa",
    "Bo",
    "Yara",
    "Elin",
    "Noor",
    "Liv",
    "Jade",
]
# official (baptismal) name -> the names one is called by
NL_CALLED = {
    "Johannes": ["Jan", "Hans", "Johan", "Joop"],
    "Cornelis": ["Kees", "Cor"],
    "Hendrik": ["Henk", "Henny"],
    "Hendrikus": ["Henk", "Rik"],
    "Wilhelmus": ["Wim", "Willem"],
    "Petrus": ["Piet", "Peter"],
    "Jacobus": ["Jaap", "Koos"],
    "Gerardus": ["Gerard", "Gert"],
    "Adrianus": ["Arie", "Adrie"],
    "Theodorus": ["Theo", "Ruud"],
    "Antonius": ["Ton", "Toon"],
    "Maria": ["Marij", "Mieke", "Ria"],
    "Johanna": ["Anneke", "Jo", "Hanneke"],
    "Cornelia": ["Corrie", "Nel"],
    "Wilhelmina": ["Wilma", "Mien", "Willy"],
    "Elisabeth": ["Els", "Lisa", "Bep"],
    "Catharina": ["Toos", "Tineke", "Karin"],
    "Hendrika": ["Riek", "Henny"],
    "Margaretha": ["Greet", "Margriet"],
    "Petronella": ["Nel", "Petra"],
    "Adriana": ["Jannie", "Ada"],
    "Jacoba": ["Coby", "Co"],
}

# ---------------------------------------------------------------- Turkish
TR_MALE = [
    "Mehmet",
    "Mustafa",
    "Ahmet",
    "Ali",
    "Hüseyin",
    "Hasan",
    "İbrahim",
    "Murat",
    "Emre",
    "Yusuf",
    "Ömer",
    "Osman",
    "Ramazan",
    "Halil",
    "Süleyman",
    "Kemal",
    "Cem",
    "Burak",
    "Serkan",
    "Erkan",
    "Volkan",
    "Furkan",
    "Enes",
    "Çağlar",
    "Oğuz",
    "Gökhan",
    "Tolga",
]
TR_FEMALE = [
    "Fatma",
    "Ayşe",
    "Emine",
    "Hatice",
    "Zeynep",
    "Elif",
    "Özlem",
    "Meryem",
    "Şerife",
    "Zehra",
    "Hülya",
    "Derya",
    "Esra",
    "Büşra",
    "Gülsüm",
    "Sevgi",
    "Tuğba",
    "Merve",
    "Gül",
    "Songül",
    "Nurcan",
    "Dilek",
    "Çiğdem",
    "Şule",
    "Yasemin",
    "Kübra",
]
TR_SURNAMES = [
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Yıldız",
    "Yıldırım",
    "Öztürk",
    "Aydın",
    "Özdemir",
    "Arslan",
    "Doğan",
    "Kılıç",
    "Aslan",
    "Çetin",
    "Kara",
    "Koç",
    "Kurt",
    "Özkan",
    "Şimşek",
    "Polat",
    "Korkmaz",
    "Erdoğan",
    "Güneş",
    "Akgül",
    "Tekin",
    "Uçar",
]
_TR_ROOTS = [
    "Ak",
    "Kara",
    "Öz",
    "Gül",
    "Er",
    "Ay",
    "Şen",
    "Tek",
    "Bay",
    "Uz",
    "Gök",
    "Tun",
    "Yurt",
    "Alp",
    "Sarı",
    "Bozk",
    "Çak",
    "Düz",
]
_TR_ENDS = [
    "soy",
    "han",
    "can",
    "oğlu",
    "er",
    "taş",
    "türk",
    "kaya",
    "doğan",
    "dağ",
    "el",
    "ay",
    "kan",
    "göz",
    "yiğit",
    "ata",
    "men",
]

# ---------------------------------------------------------------- Moroccan
# one canonical form per name and the spellings it is met in
MA_MALE = {
    "Mohamed": ["Mohamed", "Mohammed", "Muhammad", "Mohamad", "Mohammad", "Mhamed"],
    "Ahmed": ["Ahmed", "Ahmad", "Achmed"],
    "Youssef": ["Youssef", "Yousef", "Youssouf", "Joessef", "Yussuf"],
    "Abdelkader": ["Abdelkader", "Abdel Kader", "Abdelkadir", "Abd el Kader"],
    "Said": ["Said", "Saïd", "Saaid"],
    "Rachid": ["Rachid", "Rashid", "Rasjid"],
    "Karim": ["Karim", "Kerim"],
    "Hamza": ["Hamza", "Hamzah"],
    "Mustapha": ["Mustapha", "Mustafa", "Moestafa"],
    "Abdellah": ["Abdellah", "Abdallah", "Abdullah", "Abdelah"],
    "Khalid": ["Khalid", "Khaled", "Chalid"],
    "Hicham": ["Hicham", "Hisham", "Hisjam"],
    "Brahim": ["Brahim", "Ibrahim"],
    "Driss": ["Driss", "Idriss", "Dris"],
    "Omar": ["Omar", "Umar"],
    "Nordin": ["Nordin", "Noureddine", "Nourdin", "Noerdin"],
    "Soufiane": ["Soufiane", "Sofian", "Soufian", "Sufyan"],
    "Bilal": ["Bilal", "Bilaal"],
    "Anouar": ["Anouar", "Anwar", "Anoear"],
    "Zakaria": ["Zakaria", "Zakariya", "Zakariae"],
}
MA_FEMALE = {
    "Fatima": ["Fatima", "Fatiha", "Fadma", "Fatma"],
    "Khadija": ["Khadija", "Khadidja", "Chadija", "Khadijah"],
    "Naima": ["Naima", "Naïma", "Naeema"],
    "Samira": ["Samira", "Sameera"],
    "Nadia": ["Nadia", "Nadja"],
    "Malika": ["Malika", "Maleeka"],
    "Zineb": ["Zineb", "Zaynab", "Zainab", "Zeinab"],
    "Houda": ["Houda", "Hoeda", "Huda"],
    "Siham": ["Siham", "Sihame"],
    "Loubna": ["Loubna", "Lubna", "Loebna"],
    "Hanane": ["Hanane", "Hanan"],
    "Imane": ["Imane", "Iman", "Imaan"],
    "Souad": ["Souad", "Soad", "Soeaad"],
    "Latifa": ["Latifa", "Latiefa"],
    "Yasmina": ["Yasmina", "Jasmina", "Yasmine"],
    "Meryem": ["Meryem", "Meriem", "Maryam"],
}
MA_SURNAMES = [
    ("El", "Amrani"),
    ("", "Benali"),
    ("El", "Idrissi"),
    ("", "Bouzid"),
    ("El", "Ouali"),
    ("", "Azzouzi"),
    ("El", "Khattabi"),
    ("", "Boukhari"),
    ("", "Tahiri"),
    ("El", "Hamdaoui"),
    ("", "Haddad"),
    ("", "Ziani"),
    ("Ait", "Ahmed"),
    ("El", "Bakkali"),
    ("", "Chaoui"),
    ("", "Aboutaleb"),
    ("El", "Mourabit"),
    ("", "Ouazzani"),
    ("Ben", "Said"),
    ("", "Amzil"),
    ("El", "Yaakoubi"),
    ("", "Boulahrouz"),
    ("El", "Hadioui"),
    ("", "Marzouki"),
]
_MA_ROOTS = [
    "Amr",
    "Idris",
    "Khattab",
    "Hamd",
    "Bakk",
    "Mour",
    "Yaakoub",
    "Ghaz",
    "Ouaz",
    "Tah",
    "Azz",
    "Khal",
    "Zer",
    "Fass",
    "Meknass",
    "Rif",
    "Souss",
    "Tanj",
    "Oujd",
    "Nad",
    "Harr",
    "Lahm",
    "Baqq",
]
_MA_ENDS = ["ani", "aoui", "i", "ouni", "ari", "ati", "ali", "ouli", "iri", "oudi"]


def _ma_tail(rng: random.Random) -> str:
    return (
        rng.choice(["El ", "", "", "Ben ", "Bou", "Ait "])
        + rng.choice(_MA_ROOTS)
        + rng.choice(_MA_ENDS)
    )


# ---------------------------------------------------------------- Polish
PL_MALE = [
    "Piotr",
    "Krzysztof",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Michał",
    "Marcin",
    "Łukasz",
    "Grzegorz",
    "Jakub",
    "Mateusz",
    "Adam",
    "Dariusz",
    "Wojciech",
    "Kamil",
    "Sebastian",
    "Rafał",
    "Przemysław",
    "Zbigniew",
    "Jarosław",
]
PL_FEMALE = [
    "Anna",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Magdalena",
    "Joanna",
    "Ewa",
    "Monika",
    "Aleksandra",
    "Karolina",
    "Justyna",
    "Beata",
    "Dorota",
    "Marta",
    "Natalia",
    "Paulina",
    "Weronika",
    "Żaneta",
    "Grażyna",
    "Urszula",
]
# (male form, female form)
PL_SURNAMES = [
    ("Nowak", "Nowak"),
    ("Kowalski", "Kowalska"),
    ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"),
    ("Kowalczyk", "Kowalczyk"),
    ("Kamiński", "Kamińska"),
    ("Lewandowski", "Lewandowska"),
    ("Zieliński", "Zielińska"),
    ("Szymański", "Szymańska"),
    ("Woźniak", "Woźniak"),
    ("Dąbrowski", "Dąbrowska"),
    ("Kozłowski", "Kozłowska"),
    ("Jankowski", "Jankowska"),
    ("Mazur", "Mazur"),
    ("Wojciechowski", "Wojciechowska"),
    ("Kwiatkowski", "Kwiatkowska"),
    ("Krawczyk", "Krawczyk"),
    ("Kaczmarek", "Kaczmarek"),
    ("Piotrowski", "Piotrowska"),
    ("Grabowski", "Grabowska"),
    ("Szczepański", "Szczepańska"),
    ("Król", "Król"),
    ("Wieczorek", "Wieczorek"),
    ("Jabłoński", "Jabłońska"),
]
_PL_ROOTS = [
    "Nowak",
    "Zawadz",
    "Sobol",
    "Majew",
    "Olszew",
    "Pawl",
    "Michal",
    "Sadow",
    "Baran",
    "Wróbl",
    "Kubi",
    "Czarn",
    "Sikor",
    "Górs",
    "Rutk",
    "Walcz",
    "Ostrow",
    "Laskow",
    "Bielaw",
    "Chmiel",
    "Dudz",
    "Pietrz",
]
_PL_ENDS = [
    ("ski", "ska"),
    ("ski", "ska"),
    ("cki", "cka"),
    ("icz", "icz"),
    ("czyk", "czyk"),
    ("ak", "ak"),
    ("ek", "ek"),
    ("iński", "ińska"),
]

# ---------------------------------------------------------------- Romanian
RO_MALE = [
    "Ion",
    "Gheorghe",
    "Vasile",
    "Constantin",
    "Nicolae",
    "Mihai",
    "Andrei",
    "Alexandru",
    "Florin",
    "Ionuț",
    "Marius",
    "Cristian",
    "Adrian",
    "Ștefan",
    "Dănuț",
    "Cătălin",
    "Bogdan",
    "Costel",
    "Viorel",
    "Sorin",
]
RO_FEMALE = [
    "Maria",
    "Elena",
    "Ioana",
    "Andreea",
    "Mihaela",
    "Gabriela",
    "Alina",
    "Cristina",
    "Florentina",
    "Nicoleta",
    "Daniela",
    "Roxana",
    "Ramona",
    "Georgiana",
    "Larisa",
    "Bianca",
    "Mădălina",
    "Alexandra",
    "Loredana",
    "Petronela",
]
RO_SURNAMES = [
    "Popescu",
    "Popa",
    "Pop",
    "Radu",
    "Dumitru",
    "Stan",
    "Stoica",
    "Gheorghe",
    "Matei",
    "Ciobanu",
    "Rusu",
    "Munteanu",
    "Constantin",
    "Ionescu",
    "Florea",
    "Dinu",
    "Moldovan",
    "Șerban",
    "Lungu",
    "Mocanu",
    "Țurcanu",
    "Bălan",
    "Căpraru",
]
_RO_ROOTS = [
    "Pop",
    "Ion",
    "Rad",
    "Stan",
    "Dumitr",
    "Vasil",
    "Petr",
    "Marin",
    "Neag",
    "Munt",
    "Olt",
    "Dobr",
    "Barb",
    "Gheorgh",
    "Nistor",
    "Tănas",
    "Mihail",
    "Chiriț",
    "Brat",
]
_RO_ENDS = ["escu", "eanu", "aru", "ache", "oiu", "ică", "an", "u"]

# ---------------------------------------------------------------- Ukrainian
# (Ukrainian form, Russian form), in Cyrillic
UA_MALE = [
    ("Олександр", "Александр"),
    ("Андрій", "Андрей"),
    ("Сергій", "Сергей"),
    ("Дмитро", "Дмитрий"),
    ("Віктор", "Виктор"),
    ("Юрій", "Юрий"),
    ("Микола", "Николай"),
    ("Іван", "Иван"),
    ("Володимир", "Владимир"),
    ("Михайло", "Михаил"),
    ("Василь", "Василий"),
    ("Петро", "Пётр"),
    ("Богдан", "Богдан"),
    ("Олег", "Олег"),
    ("Максим", "Максим"),
    ("Артем", "Артём"),
    ("Тарас", "Тарас"),
    ("Ігор", "Игорь"),
]
UA_FEMALE = [
    ("Олена", "Елена"),
    ("Ольга", "Ольга"),
    ("Наталія", "Наталья"),
    ("Тетяна", "Татьяна"),
    ("Ірина", "Ирина"),
    ("Юлія", "Юлия"),
    ("Оксана", "Оксана"),
    ("Світлана", "Светлана"),
    ("Анастасія", "Анастасия"),
    ("Катерина", "Екатерина"),
    ("Марія", "Мария"),
    ("Людмила", "Людмила"),
    ("Галина", "Галина"),
    ("Вікторія", "Виктория"),
    ("Дарина", "Дарья"),
    ("Софія", "София"),
]
UA_SURNAMES = [
    "Шевченко",
    "Коваленко",
    "Бондаренко",
    "Ткаченко",
    "Кравченко",
    "Олійник",
    "Шевчук",
    "Коваль",
    "Поліщук",
    "Бойко",
    "Ткачук",
    "Савченко",
    "Мельник",
    "Лисенко",
    "Руденко",
    "Марченко",
    "Петренко",
    "Кравчук",
    "Іваненко",
    "Захарченко",
    "Гончаренко",
    "Мороз",
    "Павленко",
    "Левченко",
]
_UA_ROOTS = [
    "Шевч",
    "Ковал",
    "Бондар",
    "Ткач",
    "Кравч",
    "Мельнич",
    "Лис",
    "Руд",
    "Марч",
    "Петр",
    "Гонч",
    "Павл",
    "Сид",
    "Мороз",
    "Кушн",
    "Гриц",
    "Дорош",
    "Федор",
    "Остап",
    "Явор",
    "Зінч",
    "Костюч",
]
_UA_ENDS = ["енко", "ук", "чук", "ишин", "ак", "ець", "ик", "ський"]
# Ukrainian diminutives people give as their name
UA_CALLED = {
    "Олександр": "Саша",
    "Дмитро": "Діма",
    "Володимир": "Вова",
    "Тетяна": "Таня",
    "Наталія": "Наташа",
    "Анастасія": "Настя",
    "Катерина": "Катя",
    "Михайло": "Міша",
}

_UA_SCHEMES = {
    # the Ukrainian national system (passports since 2010)
    "national": {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "h",
        "ґ": "g",
        "д": "d",
        "е": "e",
        "є": "ie",
        "ж": "zh",
        "з": "z",
        "и": "y",
        "і": "i",
        "ї": "i",
        "й": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ь": "",
        "ю": "iu",
        "я": "ia",
        "'": "",
        "ё": "e",
        "ы": "y",
        "э": "e",
        "ъ": "",
    },
    # as a Dutch clerk writes what is heard
    "dutch": {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "h",
        "ґ": "g",
        "д": "d",
        "е": "e",
        "є": "je",
        "ж": "zj",
        "з": "z",
        "и": "y",
        "і": "i",
        "ї": "ji",
        "й": "j",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "oe",
        "ф": "f",
        "х": "ch",
        "ц": "ts",
        "ч": "tsj",
        "ш": "sj",
        "щ": "sjtsj",
        "ь": "",
        "ю": "joe",
        "я": "ja",
        "'": "",
        "ё": "jo",
        "ы": "y",
        "э": "e",
        "ъ": "",
    },
    # German documents and German-speaking clerks
    "german": {
        "а": "a",
        "б": "b",
        "в": "w",
        "г": "h",
        "ґ": "g",
        "д": "d",
        "е": "e",
        "є": "je",
        "ж": "sch",
        "з": "s",
        "и": "y",
        "і": "i",
        "ї": "ji",
        "й": "j",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "ch",
        "ц": "z",
        "ч": "tsch",
        "ш": "sch",
        "щ": "schtsch",
        "ь": "",
        "ю": "ju",
        "я": "ja",
        "'": "",
        "ё": "jo",
        "ы": "y",
        "э": "e",
        "ъ": "",
    },
    # older (Soviet-era style) passports and English-language forms, Russian-like
    "english": {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "ґ": "g",
        "д": "d",
        "е": "e",
        "є": "ye",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "і": "i",
        "ї": "yi",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ь": "",
        "ю": "yu",
        "я": "ya",
        "'": "",
        "ё": "yo",
        "ы": "y",
        "э": "e",
        "ъ": "",
    },
    # French-language forms (some NGOs)
    "french": {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "ґ": "g",
        "д": "d",
        "е": "e",
        "є": "ie",
        "ж": "j",
        "з": "z",
        "и": "y",
        "і": "i",
        "ї": "ii",
        "й": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "ou",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "tch",
        "ш": "ch",
        "щ": "chtch",
        "ь": "",
        "ю": "iou",
        "я": "ia",
        "'": "",
        "ё": "io",
        "ы": "y",
        "э": "e",
        "ъ": "",
    },
}
_UA_SCHEME_WEIGHTS = {
    "national": 0.45,
    "english": 0.2,
    "dutch": 0.15,
    "german": 0.12,
    "french": 0.08,
}
# the national system writes a word-initial є ї й ю я as ye yi y yu ya
_UA_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def transliterate(cyrillic: str, scheme: str) -> str:
    table = _UA_SCHEMES[scheme]
    out = []
    for word in cyrillic.split(" "):
        letters = []
        for i, ch in enumerate(word):
            low = ch.lower()
            if scheme == "national" and i == 0 and low in _UA_INITIAL:
                piece = _UA_INITIAL[low]
            elif scheme == "national" and low == "г" and i > 0 and word[i - 1].lower() == "з":
                piece = "gh"  # зг is written zgh
            else:
                piece = table.get(low, low)
            letters.append(piece.capitalize() if ch.isupper() else piece)
        out.append("".join(letters))
    return " ".join(out)


def ua_patronymic(father_cyrillic: str, sex: str) -> str:
    """Ukrainian patronymic from the father's (Ukrainian) given name."""
    stem = father_cyrillic
    if stem.endswith("ій") or stem.endswith("ий"):
        stem = stem[:-2] + "і"
    elif stem[-1] in "аоь":
        stem = stem[:-1]
    return stem + ("ович" if sex == "m" else "івна")


# ---------------------------------------------------------------- Nigerian
NG_MALE = [
    "Chukwuemeka",
    "Chinedu",
    "Oluwaseun",
    "Adebayo",
    "Babatunde",
    "Ifeanyi",
    "Olumide",
    "Kelechi",
    "Obinna",
    "Emmanuel",
    "Samuel",
    "Godwin",
    "Prosper",
    "Osaze",
    "Osagie",
    "Efosa",
    "Uyi",
    "Ikechukwu",
    "Oluwatobi",
    "Chinonso",
    "Friday",
    "Sunday",
    "Peter",
    "Victor",
]
NG_FEMALE = [
    "Blessing",
    "Precious",
    "Joy",
    "Favour",
    "Esther",
    "Mercy",
    "Patience",
    "Ngozi",
    "Chiamaka",
    "Adaeze",
    "Olufunmilayo",
    "Osas",
    "Efe",
    "Gift",
    "Faith",
    "Happiness",
    "Princess",
    "Oghogho",
    "Ivie",
    "Uwa",
    "Chioma",
    "Ifeoma",
    "Oluwakemi",
    "Omosede",
]
NG_SURNAMES = [
    "Okafor",
    "Okonkwo",
    "Adeyemi",
    "Olawale",
    "Eze",
    "Nwosu",
    "Obi",
    "Okoro",
    "Adebayo",
    "Ogunleye",
    "Balogun",
    "Chukwu",
    "Igwe",
    "Nwachukwu",
    "Osagie",
    "Omoregie",
    "Idahosa",
    "Ighodaro",
    "Osaghae",
    "Aigbe",
    "Ehigiator",
    "Edo",
    "Obaseki",
    "Iyamu",
    "Okunbor",
]
_NG_ROOTS = [
    "Ade",
    "Olu",
    "Oluwa",
    "Chukwu",
    "Nwa",
    "Oko",
    "Eze",
    "Osa",
    "Omo",
    "Ehi",
    "Iye",
    "Ogun",
    "Ola",
    "Ife",
    "Obi",
    "Uzo",
    "Agbon",
    "Ose",
]
_NG_ENDS = [
    "yemi",
    "bayo",
    "wale",
    "tunji",
    "kunle",
    "emeka",
    "nedu",
    "diegwu",
    "nkwo",
    "gie",
    "regie",
    "ruyi",
    "muyi",
    "hosa",
    "lade",
    "toyin",
    "dike",
    "nna",
    "agie",
]
# long name -> short name it is also given as
NG_SHORT = {
    "Chukwuemeka": "Emeka",
    "Oluwaseun": "Seun",
    "Oluwatobi": "Tobi",
    "Olufunmilayo": "Funmi",
    "Adebayo": "Bayo",
    "Babatunde": "Tunde",
    "Chiamaka": "Amaka",
    "Chinonso": "Nonso",
    "Ikechukwu": "Ike",
    "Oluwakemi": "Kemi",
    "Olumide": "Mide",
    "Omosede": "Sede",
    "Ifeanyi": "Ify",
}

# ---------------------------------------------------------------- Eritrean (Tigrinya)
ER_MALE = [
    "Yonas",
    "Dawit",
    "Samuel",
    "Daniel",
    "Filmon",
    "Habtom",
    "Kibrom",
    "Merhawi",
    "Robel",
    "Tesfalem",
    "Mikael",
    "Yohannes",
    "Tekle",
    "Haile",
    "Mehari",
    "Tesfay",
    "Berhane",
    "Kidane",
    "Ghirmay",
    "Tewelde",
    "Asmerom",
    "Woldu",
    "Negash",
    "Fitsum",
    "Medhanie",
    "Zerai",
    "Yemane",
    "Amanuel",
    "Isaias",
    "Abraham",
    "Goitom",
    "Efrem",
    "Gebremedhin",
    "Gebremariam",
    "Habtemariam",
    "Tesfamariam",
    "Weldemichael",
    "Gebrehiwet",
    "Ghebreselassie",
    "Okbazghi",
]
ER_FEMALE = [
    "Senait",
    "Helen",
    "Semhar",
    "Saba",
    "Selam",
    "Luwam",
    "Ruta",
    "Yordanos",
    "Feven",
    "Mebrat",
    "Abeba",
    "Hiwet",
    "Tsega",
    "Eden",
    "Winta",
    "Yohana",
    "Akberet",
    "Letemariam",
    "Tsehay",
    "Mizan",
    "Rahwa",
    "Freweyni",
    "Almaz",
    "Milen",
]
# systematic Tigrinya transliteration alternations (first applicable ones are applied at random)
ER_RESPELL = (
    ("Gebre", ["Ghebre", "Gebrey", "Gbre", "Gebra"]),
    ("Ghebre", ["Gebre", "Gebrey"]),
    ("Ghirmay", ["Girmay", "Germay", "Ghirmai"]),
    ("Tesfay", ["Tesfaye", "Tesfai"]),
    ("Tesfa", ["Tesfay", "Tesfaye"]),
    ("Haile", ["Hayle", "Hailé"]),
    ("Mehari", ["Mehary", "Mahari"]),
    ("Tekle", ["Teklay", "Tekleh", "Teckle"]),
    ("Kidane", ["Kidan", "Kidana"]),
    ("Woldu", ["Weldu", "Woldou"]),
    ("Welde", ["Wolde", "Weldeh"]),
    ("Berhane", ["Birhane", "Brhane", "Berhe"]),
    ("Yohannes", ["Yohanes", "Johannes", "Yohhannes"]),
    ("Yohana", ["Yohanna", "Johanna"]),
    ("Mariam", ["Maryam", "Mariyam"]),
    ("medhin", ["medhn", "medhine"]),
    ("hiwet", ["hiwot", "hiwet"]),
    ("Tsega", ["Tsegga", "Sega"]),
    ("Tsehay", ["Tsehaye", "Tsahay"]),
    ("Zerai", ["Zeray", "Zerei"]),
    ("Yemane", ["Yemani", "Yamane"]),
    ("Medhanie", ["Medhane", "Medhani"]),
    ("Merhawi", ["Merhawy", "Mrhawi"]),
    ("Habtom", ["Habtu", "Habtoum"]),
    ("Kibrom", ["Kbrom", "Kibrum"]),
    ("Senait", ["Senayt", "Sennait"]),
    ("Semhar", ["Semhare", "Samhar"]),
    ("Luwam", ["Luam", "Loewam"]),
    ("Yordanos", ["Yordanoss", "Jordanos"]),
    ("Goitom", ["Goytom", "Goitum"]),
    ("Amanuel", ["Amanual", "Emanuel"]),
    ("Dawit", ["Dawitt", "David"]),
    ("Freweyni", ["Frewoini", "Freweini"]),
    ("Okbazghi", ["Okbazgi", "Ogbazghi"]),
)
# compound names of two parts, written joined, apart or hyphenated
ER_COMPOUND = ("Gebre", "Ghebre", "Habte", "Tesfa", "Welde", "Lete")


def er_respell(rng: random.Random, name: str) -> str:
    found = [(a, bs) for a, bs in ER_RESPELL if a in name]
    if not found:
        return name
    a, bs = rng.choice(found)
    return name.replace(a, rng.choice(bs), 1)


def er_split_compound(rng: random.Random, name: str) -> str:
    for part in ER_COMPOUND:
        if name.startswith(part) and len(name) > len(part) + 2:
            rest = name[len(part) :]
            return part + rng.choice([" ", "-", " "]) + rest.capitalize()
    return name


# ---------------------------------------------------------------- Turkish writing
_TR_WAYS = {
    "ş": ["s", "s", "sh", "sch", "sj"],
    "Ş": ["S", "S", "Sh", "Sch"],
    "ç": ["c", "c", "ch", "tsj"],
    "Ç": ["C", "C", "Ch"],
    "ğ": ["g", "g", "", "gh"],
    "ı": ["i", "i", "i", "e"],
    "İ": ["I"],
    "ö": ["o", "o", "oe"],
    "Ö": ["O", "O", "Oe"],
    "ü": ["u", "u", "ue"],
    "Ü": ["U", "U", "Ue"],
}


def tr_write(rng: random.Random, name: str, mode: str) -> str:
    """As written: with its Turkish letters, folded to ASCII, or transcribed as heard."""
    if mode == "native":
        return name
    if mode == "ascii":
        return fold_diacritics(name)
    return "".join(rng.choice(_TR_WAYS[ch]) if ch in _TR_WAYS else ch for ch in name)


# ---------------------------------------------------------------- Polish writing
_PL_HEARD = (
    ("sz", ["sj", "sch", "s"]),
    ("cz", ["tsj", "ch", "tsch"]),
    ("rz", ["zj", "rz", "z"]),
    ("w", ["v", "w"]),
    ("ł", ["l", "w"]),
    ("ó", ["u", "o"]),
    ("ą", ["on", "a"]),
    ("ę", ["en", "e"]),
    ("ś", ["sj", "s"]),
    ("ć", ["tsj", "c"]),
    ("ż", ["zj", "z"]),
    ("ń", ["n", "nj"]),
    ("ski", ["sky", "ski"]),
)


def pl_write(rng: random.Random, name: str, mode: str) -> str:
    if mode == "native":
        return name
    if mode == "ascii":
        return fold_diacritics(name)
    low = name.lower()
    found = [(a, bs) for a, bs in _PL_HEARD if a in low]
    out = name
    for a, bs in rng.sample(found, k=min(len(found), rng.choice([1, 1, 2]))):
        at = out.lower().find(a)
        if at >= 0:
            rep = rng.choice(bs)
            rep = rep.capitalize() if out[at].isupper() else rep
            out = out[:at] + rep + out[at + len(a) :]
    return fold_diacritics(out)


# ---------------------------------------------------------------- Romanian writing
_RO_WAYS = {
    "ș": ["s", "s", "sh"],
    "Ș": ["S", "S", "Sh"],
    "ş": ["s"],
    "ț": ["t", "t", "ts", "tz"],
    "Ț": ["T", "T", "Ts"],
    "ă": ["a"],
    "â": ["a", "i"],
    "î": ["i", "a"],
    "Ă": ["A"],
    "Î": ["I"],
    "Â": ["A"],
}


def ro_write(rng: random.Random, name: str, mode: str) -> str:
    if mode == "native":
        return name
    return "".join(rng.choice(_RO_WAYS[ch]) if ch in _RO_WAYS else ch for ch in name)


# ---------------------------------------------------------------- Moroccan writing
_MA_SURNAME_WAYS = (
    ("ou", ["ou", "ou", "oe", "u"]),
    ("kh", ["kh", "ch", "kh"]),
    ("ch", ["ch", "sj", "sh"]),
    ("zz", ["zz", "z"]),
    ("kk", ["kk", "k"]),
    ("aa", ["aa", "a"]),
    ("ss", ["ss", "s"]),
)


def ma_surname_write(rng: random.Random, particle: str, core: str) -> str:
    """El Amrani, Elamrani, El-Amrani, Amrani, Amrani El; Ben Said, Bensaid; and the
    French or Dutch spelling of its sounds."""
    low = core.lower()
    for a, ways in _MA_SURNAME_WAYS:
        if a in low and rng.random() < 0.35:
            at = low.find(a)
            core = core[:at] + rng.choice(ways) + core[at + len(a) :]
            low = core.lower()
    if not particle:
        return core
    x = rng.random()
    if x < 0.5:
        return f"{particle} {core}"
    if x < 0.68:
        return f"{particle}{core.lower()}"
    if x < 0.8:
        return f"{particle}-{core}"
    if x < 0.93:
        return core
    return f"{core}, {particle.lower()}"


# ---------------------------------------------------------------- Dutch writing
def nl_surname_write(rng: random.Random, particle: str, core: str) -> str:
    """A surname with a tussenvoegsel in one of the ways registers and people write it."""
    if not particle:
        return core
    short = {"van der": "v.d.", "van den": "v.d.", "van de": "v.d.", "van": "v."}
    x = rng.random()
    if x < 0.45:
        return f"{particle} {core}"
    if x < 0.6:
        return f"{particle.title()} {core}" if rng.random() < 0.5 else f"{particle} {core}".upper()
    if x < 0.72:
        return f"{core}, {particle}"
    if x < 0.8:
        return f"{core} {particle}"
    if x < 0.87 and particle in short:
        return f"{rng.choice([short[particle], 'vd', 'v/d'] if ' ' in particle else ['v.'])} {core}"
    if x < 0.93:
        return core  # the tussenvoegsel left out
    return f"{particle}{core}".replace(" ", "").capitalize()  # written as one word


def draw_origin_name(rng: random.Random, origin: str, sex: str, born: int) -> TrueName:
    """A new person's name."""
    male = sex == "m"
    if origin == "nl":
        first = (
            (NL_MALE_OLD if born < 1978 else NL_MALE_NEW)
            if male
            else (NL_FEMALE_OLD if born < 1978 else NL_FEMALE_NEW)
        )
        given = _zipf(first, 0.9).draw(rng)
        particle, surname = _nl_surname(rng)
        middle = _zipf(first, 0.9).draw(rng) if rng.random() < 0.35 else None
        return TrueName(origin, sex, given, middle, particle, surname)
    if origin == "tr":
        given = _zipf(TR_MALE if male else TR_FEMALE, 0.85).draw(rng)
        return TrueName(origin, sex, given, None, "", _TR_SURNAME.draw(rng))
    if origin == "ma":
        given = _zipf(_MA_MALE_NAMES if male else _MA_FEMALE_NAMES, 1.1).draw(rng)
        if rng.random() < 0.8:
            particle, surname = rng.choices(MA_SURNAMES, cum_weights=_MA_CUM)[0]
        else:
            tail = _ma_tail(rng)
            particle, surname = tail.split(" ", 1) if " " in tail else ("", tail)
        return TrueName(origin, sex, given, None, particle, surname)
    if origin == "pl":
        given = _zipf(PL_MALE if male else PL_FEMALE, 0.9).draw(rng)
        if rng.random() < 0.8:
            pair = rng.choices(PL_SURNAMES, cum_weights=_PL_CUM)[0]
        else:
            end = rng.choice(_PL_ENDS)
            root = rng.choice(_PL_ROOTS)
            pair = (root + end[0], root + end[1])
        return TrueName(
            origin,
            sex,
            given,
            None,
            "",
            pair[0] if male else pair[1],
            extra={"other_form": pair[1] if male else pair[0]},
        )
    if origin == "ro":
        given = _zipf(RO_MALE if male else RO_FEMALE, 0.9).draw(rng)
        middle = _zipf(RO_FEMALE, 0.9).draw(rng) if (not male and rng.random() < 0.2) else None
        return TrueName(origin, sex, given, middle, "", _RO_SURNAME.draw(rng))
    if origin == "ua":
        pair = _zipf(UA_MALE if male else UA_FEMALE, 0.9).draw_pair(rng)
        father = _zipf(UA_MALE, 0.9).draw_pair(rng)
        surname = _UA_SURNAME.draw(rng)
        if not male and surname.endswith("ський"):
            surname = surname[:-5] + "ська"
        return TrueName(
            origin,
            sex,
            pair[0],
            None,
            "",
            surname,
            patronymic=ua_patronymic(father[0], sex),
            extra={"russian": pair[1]},
        )
    if origin == "ng":
        given = _zipf(NG_MALE if male else NG_FEMALE, 0.8).draw(rng)
        middle = _zipf(_NG_ALL, 0.6).draw(rng) if rng.random() < 0.4 else None
        return TrueName(origin, sex, given, middle, "", _NG_SURNAME.draw(rng))
    if origin == "er":
        given = _zipf(ER_MALE if male else ER_FEMALE, 0.7).draw(rng)
        father = _zipf(ER_MALE, 0.7).draw(rng)
        grandfather = _zipf(ER_MALE, 0.7).draw(rng)
        return TrueName(
            origin, sex, given, None, "", father, patronymic=father, grandfather=grandfather
        )
    raise ValueError(origin)


class _PairZipf(Zipf):
    def draw_pair(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


_ZIPFS: dict[tuple[int, float], _PairZipf] = {}


def _zipf(items, exponent) -> _PairZipf:
    key = (id(items), exponent)
    if key not in _ZIPFS:
        _ZIPFS[key] = _PairZipf(items, exponent=exponent, offset=1.5)
    return _ZIPFS[key]


def _cum(n, exponent, offset=2.0):
    out, total = [], 0.0
    for r in range(n):
        total += 1.0 / (r + offset) ** exponent
        out.append(total)
    return out


_MA_MALE_NAMES = list(MA_MALE)
_MA_FEMALE_NAMES = list(MA_FEMALE)
_NG_ALL = NG_MALE + NG_FEMALE
_MA_CUM = _cum(len(MA_SURNAMES), 1.0)
_PL_CUM = _cum(len(PL_SURNAMES), 0.9)
_NL_CUM = _cum(len(NL_SURNAMES), 0.8, offset=3.0)
_TR_SURNAME = Zipf(TR_SURNAMES, 0.9, tail=0.35, compose=_compose(_TR_ROOTS, _TR_ENDS))
_RO_SURNAME = Zipf(RO_SURNAMES, 0.9, tail=0.35, compose=_compose(_RO_ROOTS, _RO_ENDS))
_UA_SURNAME = Zipf(UA_SURNAMES, 0.8, tail=0.4, compose=_compose(_UA_ROOTS, _UA_ENDS))
_NG_SURNAME = Zipf(NG_SURNAMES, 0.7, tail=0.45, compose=_compose(_NG_ROOTS, _NG_ENDS))


def _nl_surname(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.55:
        return rng.choices(NL_SURNAMES, cum_weights=_NL_CUM)[0]
    particle = rng.choice(_NL_TAIL_PARTICLES)
    return particle, rng.choice(_NL_STEMS) + rng.choice(_NL_ENDS)


def write_name(rng: random.Random, name: TrueName, style: dict) -> tuple[str, str]:
    """The first-name and surname fields of one registration of this person.

    ``style`` holds the registering organisation's habits: ``called`` (use the name the
    person goes by), ``middle`` (write middle names too), ``foreign`` (how carefully foreign
    letters are kept: "native", "ascii" or "heard")."""
    foreign = style.get("foreign", "ascii")
    origin = name.origin
    given, surname = name.given, name.surname
    if origin == "nl":
        if rng.random() < style.get("called", 0.0) and given in NL_CALLED:
            given = rng.choice(NL_CALLED[given])
        if name.middle and rng.random() < style.get("middle", 0.2):
            given = f"{given} {name.middle}"
        if name.married and rng.random() < 0.55:
            own = nl_surname_write(rng, name.particle, surname)
            his = nl_surname_write(rng, *name.married)
            x = rng.random()
            last = his if x < 0.4 else (f"{his}-{own}" if x < 0.8 else f"{own}-{his}")
        else:
            last = nl_surname_write(rng, name.particle, surname)
        return given, last
    if origin == "tr":
        last = tr_write(rng, surname, foreign)
        if name.married and rng.random() < 0.5:
            his = tr_write(rng, name.married[1], foreign)
            last = f"{last} {his}" if rng.random() < 0.6 else his
        return tr_write(rng, given, foreign), last
    if origin == "ma":
        options = (MA_MALE if name.sex == "m" else MA_FEMALE)[given]
        first = options[0] if rng.random() < 0.55 else rng.choice(options)
        return first, ma_surname_write(rng, name.particle, surname)
    if origin == "pl":
        if rng.random() < 0.06:  # the gendered form mixed up
            surname = name.extra["other_form"]
        last = pl_write(rng, surname, foreign)
        if name.married and rng.random() < 0.5:
            last = f"{last}-{pl_write(rng, name.married[1], foreign)}"
        return pl_write(rng, given, foreign), last
    if origin == "ro":
        first = ro_write(rng, given, foreign)
        if name.middle and rng.random() < style.get("middle", 0.2):
            first = f"{first}-{ro_write(rng, name.middle, foreign)}"
        return first, ro_write(rng, surname, foreign)
    if origin == "ua":
        cyr_given = given
        if rng.random() < 0.15:
            cyr_given = name.extra["russian"]
        elif rng.random() < 0.03 and given in UA_CALLED:
            cyr_given = UA_CALLED[given]
        if foreign == "native" and rng.random() < 0.25:
            first, last = cyr_given, surname
            scheme = None
        else:
            schemes = list(_UA_SCHEME_WEIGHTS)
            scheme = rng.choices(schemes, weights=[_UA_SCHEME_WEIGHTS[s] for s in schemes])[0]
            first, last = transliterate(cyr_given, scheme), transliterate(surname, scheme)
        if name.patronymic and rng.random() < style.get("middle", 0.2):
            pat = name.patronymic if scheme is None else transliterate(name.patronymic, scheme)
            if rng.random() < 0.85:
                first = f"{first} {pat}"
            else:  # the patronymic taken for the surname, the surname lost
                last = pat
        return first, last
    if origin == "ng":
        first = given
        if given in NG_SHORT and rng.random() < 0.12:
            first = NG_SHORT[given]
        if name.middle and rng.random() < style.get("middle", 0.2):
            first = f"{first} {name.middle}"
        return first, surname
    if origin == "er":
        # the surname field holds the father's name, sometimes the grandfather's, sometimes
        # both ("Tesfay Gebremedhin"); spellings vary with every writer
        x = rng.random()
        if x < 0.72:
            last = name.patronymic or ""
        elif x < 0.85:
            last = name.grandfather or ""
        else:
            last = f"{name.patronymic} {name.grandfather}"
        first = given
        if rng.random() < 0.35:
            first = er_respell(rng, first)
        if rng.random() < 0.35:
            last = er_respell(rng, last)
        if rng.random() < 0.25:
            first = er_split_compound(rng, first)
        if rng.random() < 0.25:
            last = er_split_compound(rng, last)
        return first, last
    raise ValueError(origin)
