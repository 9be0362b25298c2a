"""The criteria of the municipal baseline, as data.

Sources (the user's own policy plans in the project's seeds):

- VNG, *Kader voor de aanpak van mensenhandel*, plateau 1 (basic level for every
  municipality) and plateau 2 (optional building blocks, warmly recommended), per theme, as
  explained in *Regionaal Beleidsplan Mensenhandel Zaanstreek-Waterland* (2022), appendix 3
  ("Toelichting op de plateaus van het Kader voor de aanpak mensenhandel (VNG)"). The
  numbering a), b), ... is the appendix's; long texts are shortened in our own words.
  The appendix gives no plateau 2 for the theme "Opvang van en hulpverlening aan
  slachtoffers en daders", so neither does this list.
- *Basisniveau bestuurlijke aanpak mensenhandel* (Ministerie van Justitie en Veiligheid and
  CCV), as listed in *Mensenhandel in Zeeland, Plan van Aanpak* (2020), section 4.1: five
  things every municipality has, numbered 1 to 5 here in the order of that list.

The migration 0002 writes these rows; `sync_criteria` writes them again (idempotent, by
code) for a database flushed by a test. Texts are Dutch: they are the source's words, like
the names of municipalities, not interface text.
"""

from __future__ import annotations

from typing import Any, NamedTuple

VNG = "VNG-kader aanpak mensenhandel, toelichting in Beleidsplan Zaanstreek-Waterland, bijlage 3"
CCV = "Basisniveau bestuurlijke aanpak mensenhandel (JenV/CCV), Plan van Aanpak Zeeland §4.1"


class CriterionData(NamedTuple):
    theme: str
    plateau: int
    number: str
    text: str
    source: str
    proved_by: str = ""


CRITERIA: tuple[CriterionData, ...] = (
    # Beleidsmatige basis
    CriterionData("policy", 1, "a", "Het beleid voor mensenhandel is ingebed in de bestaande gemeentelijke structuren, met een verbinding tussen zorg en veiligheid en specifieke aandacht voor jeugd.", VNG),
    CriterionData("policy", 1, "b", "De beleidsmatige basis maakt het verschil tussen de vier vormen van mensenhandel duidelijk, en hoe ketenpartners onderling informatie kunnen uitwisselen.", VNG),
    CriterionData("policy", 1, "c", "Ook buiten de gemeentelijke organisatie (onder meer voor professionals in het veld) is een meldstructuur voor signalen van mensenhandel ingericht.", VNG),
    CriterionData("policy", 2, "a", "De gemeente signaleert tendensen: verschuivingen in de eigen informatie en landelijke en regionale ontwikkelingen in de aanpak.", VNG),
    CriterionData("policy", 2, "b", "De gemeente maakt good practices uit het melden van signalen zichtbaar en deelt ze met ketenpartners.", VNG),
    # Aandacht voor en bewustwording van het fenomeen mensenhandel
    CriterionData("awareness", 1, "a", "Aandacht voor mensenhandel op bestuurlijk, ambtelijk en uitvoerend niveau en met bestuurlijke partners; ten minste twee keer per jaar besproken in de driehoek en ambtelijk; aandacht voor professionals en burgers.", VNG),
    CriterionData("awareness", 1, "b", "Een omgevingsscan of risicoanalyse van sectoren die kwetsbaar zijn voor mensenhandel brengt ook risicogroepen in beeld, waar mogelijk met (lokale) cijfers.", VNG),
    CriterionData("awareness", 1, "c", "Structureel kennis opbouwen over het signaleren van mensenhandel bij gemeentelijke medewerkers, met jaarlijks terugkerende aandacht (informatiebijeenkomsten, webinars, brochures).", VNG, "training"),
    CriterionData("awareness", 1, "d", "Een beleidsplan waarin alle onderdelen van een geslaagde aanpak aan bod komen, zoals opvang, handhaving, preventie en voorlichting.", VNG),
    CriterionData("awareness", 2, "a", "Verdergaande bestuurlijke en ambtelijke aandacht, ook voor de doorwerking op andere beleidsterreinen; meerdere keren per jaar besproken in de driehoek en ambtelijk.", VNG),
    CriterionData("awareness", 2, "b", "Een brede omgevingsscan die naast kwetsbare sectoren ook mogelijke slachtoffer(groep)en en andere actoren in beeld brengt, met verdergaand inzicht in de cijfers.", VNG),
    # Samenwerking in de keten en/of regio
    CriterionData("cooperation", 1, "a", "De gemeente weet welke partijen een rol spelen in de aanpak en heeft de samenwerking met hen geregeld, bijvoorbeeld in samenwerkingsafspraken.", VNG),
    CriterionData("cooperation", 1, "b", "De samenwerking is ingebed in bestaande samenwerkingsstructuren: het onderwerp komt terug op regionale overlegtafels.", VNG),
    CriterionData("cooperation", 1, "c", "De aanpak van de gemeente sluit aan op die in de regio en draagt bij aan een landelijk dekkend stelsel van zorgcoördinatie.", VNG),
    CriterionData("cooperation", 2, "a", "Een breder besef van rollen en verantwoordelijkheden van ketenpartners en van elkaars kennis en expertise, inzichtelijk gemaakt (bijvoorbeeld in een 'wegenkaart').", VNG),
    CriterionData("cooperation", 2, "b", "Er is een ketenregisseur op regionaal niveau, verantwoordelijk voor de ketenaanpak richting slachtoffer en dader en voor regionale strategische afspraken.", VNG),
    # Opvang van en hulpverlening aan slachtoffers en daders
    CriterionData("care", 1, "a", "De gemeente neemt haar organisatorische en financiële verantwoordelijkheid voor zorg en opvang van slachtoffers, ook waar die regionaal of landelijk is georganiseerd.", VNG),
    CriterionData("care", 1, "b", "Zorgcoördinatie voor slachtoffers is geregeld, met casemanagement, een regionaal en landelijk netwerk, voorlichting en preventie; ingekochte opvang en hulp voldoen aan kwaliteitscriteria.", VNG),
    # Basisniveau bestuurlijke aanpak (CCV)
    CriterionData("baseline", 1, "1", "De gemeente werkt aan actieve signalering van mensenhandel.", CCV),
    CriterionData("baseline", 1, "2", "Er is een aandachtsfunctionaris: contactpersoon binnen de gemeente, bekend met de bestuurlijke mogelijkheden tegen mensenhandel en met de instanties waar slachtoffers terechtkunnen.", CCV, "focal_officer"),
    CriterionData("baseline", 1, "3", "Er is gemeentelijk beleid dat de aanpak van mensenhandel ondersteunt.", CCV),
    CriterionData("baseline", 1, "4", "Er is lokale regelgeving (zoals de APV) die de aanpak van mensenhandel ondersteunt.", CCV),
    CriterionData("baseline", 1, "5", "Er is beleid gericht op het tegengaan van (seksuele) uitbuiting in de seksindustrie.", CCV),
)  # fmt: skip


def criterion_code(data: CriterionData) -> str:
    return f"{data.theme}-{data.plateau}{data.number}"


def sync_criteria(criterion_model: Any) -> int:
    """Write CRITERIA into the table of `criterion_model` (the real model or a migration's
    historical one); returns how many rows were new."""
    created = 0
    for position, data in enumerate(CRITERIA, start=1):
        _row, new = criterion_model.objects.update_or_create(
            code=criterion_code(data),
            defaults={
                "theme": data.theme,
                "plateau": data.plateau,
                "number": data.number,
                "text": data.text,
                "source": data.source,
                "proved_by": data.proved_by,
                "position": position,
            },
        )
        created += new
    return created
