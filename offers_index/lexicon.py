"""French words of the notices, as data (in the spirit of spaCy's `lang/fr/`): the parser's logic
reads these lists and spells no word itself. All entries are folded (lower-case, no accents).
"""
from __future__ import annotations

# A field value that says "nothing": "Durée de résidence exigée : /".
EMPTY_VALUES = frozenset({"", "/", "-", "–", "neant", "sans objet", "aucune", "aucun", "nc"})

# Headings that open the body of a notice, and prefixes of the body's other section headings.
BODY_STARTERS = frozenset({"details de l'offre", "missions"})
SECTION_HINTS = ("profil", "conditions", "contact", "avantages", "competences", "remuneration",
                 "activites", "savoir", "comportement", "pour repondre", "caracteristiques",
                 "place dans l'organigramme", "fonction du superieur", "nb d'agents", "nombre d'agents",
                 "contexte", "positionnement", "candidature", "informations", "a propos")

# Words that start the name of an organisational unit ("Service des permis de conduire").
UNIT_WORDS = ("service", "direction", "bureau", "cellule", "pole", "section", "agence", "office",
              "secretariat", "conseil", "chambre", "division", "mission")

# The DRHFPNC's "domaines" written after the corps ("ingénieur /Informatique").
DOMAINS = ("informatique", "numerique", "equipement", "economie rurale", "statistiques", "cadre de sante",
           "administration generale", "sante", "social", "enseignement", "culture", "jeunesse et sports",
           "finances", "juridique", "communication", "environnement", "agriculture", "education",
           "statut particulier")

# Words of a street address (the place is then the commune named in it).
ADDRESS_WORDS = ("rue", "avenue", "route", "boulevard", "bd", "bp", "quai", "place", "lot", "immeuble",
                 "centre administratif", "cedex")

# A line about where to send an application: its town is not the place of work.
APPLICATION_LINE = r"\bb\.?\s?p\b|cedex|voie postale|depot physique|merci d'envoyer|candidatures?\b.{0,200}?\b(?:parvenir|adress)"

# Contract terms a notice may state, folded pattern -> the term answers use.
CONTRACT_TERMS = {
    r"contrat a duree determinee|\bcdd\b": "contrat à durée déterminée (CDD)",
    r"\bremplacement\b": "remplacement",
    r"mission ponctuelle": "mission ponctuelle",
    r"\brenouvelable\b|possibilite de renouvellement|reconductible": "renouvelable",
    r"agent contractuel|\bacdp\b|contractuel de droit public": "agent contractuel de droit public",
    r"\balternance\b|\bapprenti": "alternance",
    r"\bstage\b|\bstagiaire\b": "stage",
    r"emploi fonctionnel": "emploi fonctionnel",
}
CONTRACT_DURATION = r"(?:d'une duree )?d'(?:un|une|deux|trois|\d+) (?:an|ans|mois|annee)s?\b"

# Residence requirement: how notices state the duration.
RESIDENCE_AT_LEAST = r"(?:au moins egale?|superieure? ou egale?|minimum(?: de)?|d'au moins)\s*(?:a\s*)?(\d{1,2})\s*ans?"
RESIDENCE_LESS_THAN = r"inferieure?\s*(?:a\s*)?(\d{1,2})\s*ans?"
RESIDENCE_ROUTE = r"pour le recrutement\b[^:()]{0,110}?(?:\(\s*1\s*\)\s*:?|:)"
NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
                "huit": 8, "neuf": 9, "dix": 10}

# A sentence about the contract (not an activity such as « assurer le remplacement des collègues »);
# read in the text as written, any case.
CONTRACT_SENTENCE = (r"\b(?:contrat|le poste est|recrut|[àa] pourvoir|dans le cadre d'une|grille|acdp|contractuel|"
                     r"emploi fonctionnel)")
CONTRACT_SENTENCE_STARTS = "clràadge"  # first letters of CONTRACT_SENTENCE's words (a fast pre-check)

# Deadline said in a sentence, postponed deadline (over the text as written, any case), several posts.
DEADLINE_IN_PROSE = r"au plus tard le\b"
POSTPONED_DEADLINE = r"date de cl[oô]ture initialement pr[ée]vue le (.{6,40}?) a [ée]t[ée] report[ée]e"
POSTS_OFFERED = r"(?<!\S)(\d{1,2}|deux|trois|quatre|cinq|six)\s+(?:postes?|agents?)\b[^.]{0,40}?(?:[àa] pourvoir|vacants?)"

# A title line that starts with the aggregator's number: "26-1433 - Sage-femme".
TITLE_NUMBER_PREFIX = r"^\s*(\d{2}-\d{3,6})(?:_[A-Z]+)?\s+-\s+"
