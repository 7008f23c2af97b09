"""Synthetic job offers of New Caledonia's public sector, written in the portal's text format.

The files look like `data/offers/*.txt` (same labels, same mix of `# Label` + value on the next
line and inline `Label : value`, a standalone "Service … (ACRONYM)" line, French dates in the
portal's forms, "Détails de l'offre", "Emploi RESPNC" and "Missions" sections), so that a benchmark
run goes through the real parser. Everything is drawn from `random.Random(seed)`: the same
(count, seed) always gives the same files, byte for byte.

    python -m bench.generator COUNT DIR [--seed N]     # write COUNT offer files into DIR

Each generated offer also carries its ground truth (`Spec`), which the benchmark uses to derive
queries and to check what the parser extracted.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

COMMUNES_FILE = Path(__file__).resolve().parent.parent / "offers_index" / "data" / "communes.csv"

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]
WEEKDAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]

# --- title parts --------------------------------------------------------------------------------
# Families of specialities; a job noun applies to the families it lists ("*" = all of them).
SPECIALITIES = {
    "adm": [
        "de la commande publique", "des marchés publics", "des ressources humaines", "de la paie",
        "de la gestion des carrières", "du recrutement", "de la formation continue", "du budget",
        "de la comptabilité publique", "du contrôle de gestion", "des affaires juridiques", "du contentieux",
        "de la fiscalité", "des recettes", "des douanes", "du patrimoine immobilier", "du foncier",
        "des assurances", "de l'état civil", "des élections", "des affaires coutumières", "du courrier",
        "des archives", "de la qualité", "de l'audit interne", "de la modernisation de l'action publique",
        "des affaires générales", "des subventions", "des relations avec les communes", "de la communication",
        "du protocole", "de la régie d'avances", "des prestations sociales", "du recouvrement des cotisations",
        "de la tarification", "des affaires réglementaires", "de la fonction publique", "des retraites",
    ],
    "tech": [
        "des réseaux d'eau", "de l'assainissement", "des routes", "des ouvrages d'art", "des bâtiments publics",
        "de la maintenance", "du parc automobile", "de l'énergie", "des énergies renouvelables",
        "de l'éclairage public", "de la voirie", "des travaux neufs", "de l'urbanisme", "de l'aménagement",
        "du cadastre", "de la topographie", "de la cartographie", "des transports terrestres",
        "de l'aviation civile", "des infrastructures portuaires", "de la sécurité civile",
        "de la prévention des risques", "des installations classées", "des mines", "de la géologie",
        "de l'hydraulique", "du génie civil", "de l'habitat social", "des équipements sportifs",
        "du laboratoire", "de la météorologie", "des radiocommunications",
    ],
    "env": [
        "pour les affaires maritimes", "des aires marines protégées", "de la biodiversité",
        "des espèces envahissantes", "de la pêche", "de l'aquaculture", "de l'agriculture", "de l'élevage",
        "de la forêt", "des eaux et forêts", "de la gestion des déchets", "de la qualité de l'air",
        "de la ressource en eau", "du littoral", "de la protection du lagon", "de la lutte contre les incendies",
        "du développement rural", "de la sécurité alimentaire", "des services vétérinaires",
        "de la réforme foncière", "du parc naturel de la mer de Corail", "de la police de l'environnement",
    ],
    "san": [
        "de la santé publique", "de la protection de l'enfance", "de la petite enfance", "des personnes âgées",
        "du handicap", "de l'action sociale", "de la santé scolaire", "de la vaccination",
        "de la lutte antivectorielle", "de la prévention", "des addictions", "de la santé mentale",
        "du dispensaire", "de la protection maternelle et infantile", "de l'insertion", "de l'aide médicale",
        "de la veille sanitaire", "de l'hygiène alimentaire",
    ],
    "num": [
        "des systèmes d'information", "en cybersécurité", "des réseaux et télécommunications",
        "des applications métiers", "de la téléphonie mobile", "du support utilisateurs",
        "des bases de données", "de la donnée", "de la statistique", "du numérique",
        "de l'infrastructure cloud", "des services en ligne", "de la fibre optique",
        "de la sécurité des systèmes", "du développement web", "de la dématérialisation",
    ],
    "int": [
        "pour les relations multilatérales", "des relations internationales", "de la coopération régionale",
        "des affaires européennes", "de la culture", "du patrimoine culturel", "des langues kanak",
        "de la jeunesse et des sports", "de l'enseignement primaire", "de l'enseignement secondaire",
        "de la formation professionnelle", "de l'emploi", "du travail", "de la vie associative", "du tourisme",
        "de l'économie", "du commerce extérieur", "de la condition féminine", "de la recherche",
    ],
}
FAMILIES = list(SPECIALITIES)

# (forms of the noun, families, corps it is usually recruited in, RESPNC jobs)
NOUNS = [
    (["Chargé(e) de mission", "Chargé de mission"], "*", ["attaché", "administrateur"], ["Chargé de mission", "Responsable administratif"]),
    (["Chargé(e) d'études", "Chargé d'études"], "*", ["attaché", "ingénieur"], ["Chargé d'études"]),
    (["Chargé(e) de projet", "Chargé de projet"], "*", ["attaché", "ingénieur"], ["Chef de projet"]),
    (["Chef de service"], "*", ["attaché", "ingénieur", "administrateur"], ["Responsable administratif", "Responsable d'unité"]),
    (["Chef de bureau"], "*", ["attaché", "rédacteur"], ["Responsable d'unité"]),
    (["Chef de section"], "*", ["rédacteur", "technicien"], ["Responsable d'unité"]),
    (["Chef de pôle"], "*", ["attaché", "ingénieur"], ["Responsable d'unité"]),
    (["Adjoint(e) au chef de service", "Adjoint au chef de service"], "*", ["attaché"], ["Responsable administratif"]),
    (["Responsable"], "*", ["attaché", "rédacteur", "ingénieur"], ["Responsable d'unité", "Responsable administratif"]),
    (["Gestionnaire"], "*", ["rédacteur", "adjoint administratif"], ["Gestionnaire administratif"]),
    (["Assistant(e)", "Assistant"], "*", ["adjoint administratif", "rédacteur"], ["Assistant de gestion"]),
    (["Conseiller(ère)", "Conseiller"], "*", ["attaché"], ["Conseiller technique"]),
    (["Coordonnateur(trice)", "Coordonnateur"], "*", ["attaché", "rédacteur"], ["Chef de projet"]),
    (["Chef de projet"], "*", ["ingénieur", "attaché"], ["Chef de projet"]),
    (["Référent(e)", "Référent"], "*", ["rédacteur", "technicien"], ["Conseiller technique"]),
    (["Directeur(trice) adjoint(e)", "Directeur adjoint"], "*", ["administrateur", "attaché"], ["Directeur"]),
    (["Agent"], "*", ["adjoint administratif", "agent de bureau", "adjoint technique"], ["Agent d'exécution"]),
    (["Inspecteur(trice)", "Inspecteur"], "*", ["inspecteur", "contrôleur"], ["Inspecteur"]),
    (["Contrôleur(se)", "Contrôleur"], "*", ["contrôleur"], ["Contrôleur"]),
    (["Instructeur(trice)", "Instructeur"], "*", ["rédacteur", "contrôleur"], ["Gestionnaire administratif"]),
    (["Analyste"], "*", ["attaché", "ingénieur"], ["Chargé d'études"]),
    (["Animateur(trice)", "Animateur"], "*", ["rédacteur", "assistant socio-éducatif"], ["Animateur"]),
    (["Formateur(trice)", "Formateur"], "*", ["rédacteur", "professeur"], ["Formateur"]),
    (["Secrétaire"], "*", ["adjoint administratif"], ["Secrétaire"]),
    (["Rédacteur(trice)", "Rédacteur"], "adm", ["rédacteur"], ["Gestionnaire administratif"]),
    (["Juriste"], "adm", ["attaché"], ["Juriste"]),
    (["Comptable"], "adm", ["rédacteur", "adjoint administratif"], ["Comptable"]),
    (["Acheteur(se)", "Acheteur"], "adm", ["rédacteur", "attaché"], ["Acheteur"]),
    (["Auditeur(trice)", "Auditeur"], "adm", ["attaché", "inspecteur"], ["Auditeur"]),
    (["Archiviste"], "adm", ["attaché", "rédacteur"], ["Archiviste"]),
    (["Régisseur(se)", "Régisseur"], "adm", ["rédacteur", "adjoint administratif"], ["Régisseur"]),
    (["Technicien(ne)", "Technicien"], "tech env num", ["technicien", "technicien supérieur"], ["Technicien", "Technicien supérieur"]),
    (["Ingénieur(e)", "Ingénieur"], "tech env num", ["ingénieur"], ["Ingénieur d'études", "Ingénieur"]),
    (["Conducteur(trice) de travaux", "Conducteur de travaux"], "tech", ["technicien", "agent de maîtrise"], ["Conducteur de travaux"]),
    (["Dessinateur(trice)-projeteur(se)", "Dessinateur-projeteur"], "tech", ["technicien"], ["Dessinateur"]),
    (["Géomètre"], "tech", ["technicien supérieur", "ingénieur"], ["Géomètre"]),
    (["Surveillant(e) de travaux", "Surveillant de travaux"], "tech", ["agent de maîtrise", "technicien"], ["Technicien"]),
    (["Électricien(ne)", "Électricien"], "tech", ["adjoint technique", "agent de maîtrise"], ["Ouvrier qualifié"]),
    (["Mécanicien(ne)", "Mécanicien"], "tech", ["adjoint technique"], ["Ouvrier qualifié"]),
    (["Agent d'exploitation"], "tech num", ["cadre d'exploitation", "adjoint technique"], ["Agent d'exploitation"]),
    (["Chef d'équipe"], "tech env", ["agent de maîtrise"], ["Chef d'équipe"]),
    (["Garde-nature"], "env", ["agent de maîtrise", "technicien"], ["Garde-nature"]),
    (["Biologiste"], "env san", ["ingénieur"], ["Ingénieur d'études"]),
    (["Hydrologue"], "env tech", ["ingénieur"], ["Ingénieur d'études"]),
    (["Vétérinaire"], "env", ["ingénieur", "médecin"], ["Vétérinaire"]),
    (["Officier(ère) de port", "Officier de port"], "env", ["contrôleur", "technicien supérieur"], ["Officier de port"]),
    (["Infirmier(ère)", "Infirmier"], "san", ["infirmier"], ["Infirmier"]),
    (["Médecin"], "san", ["médecin"], ["Médecin"]),
    (["Psychologue"], "san", ["psychologue"], ["Psychologue"]),
    (["Assistant(e) social(e)", "Assistant social"], "san", ["assistant socio-éducatif"], ["Travailleur social"]),
    (["Éducateur(trice) spécialisé(e)", "Éducateur spécialisé"], "san", ["assistant socio-éducatif"], ["Éducateur"]),
    (["Pharmacien(ne)", "Pharmacien"], "san", ["pharmacien"], ["Pharmacien"]),
    (["Sage-femme"], "san", ["sage-femme"], ["Sage-femme"]),
    (["Diététicien(ne)", "Diététicien"], "san", ["technicien supérieur"], ["Diététicien"]),
    (["Développeur(se)", "Développeur"], "num", ["ingénieur", "technicien supérieur"], ["Développeur"]),
    (["Administrateur(trice) systèmes", "Administrateur systèmes"], "num", ["ingénieur", "cadre d'exploitation"], ["Administrateur systèmes"]),
    (["Architecte"], "num tech", ["ingénieur"], ["Architecte"]),
    (["Chargé(e) de clientèle", "Chargé de clientèle"], "num adm", ["cadre d'exploitation", "contrôleur"], ["Chargé de clientèle"]),
    (["Professeur(e)", "Professeur"], "int", ["professeur"], ["Enseignant"]),
    (["Conseiller(ère) pédagogique", "Conseiller pédagogique"], "int", ["professeur", "attaché"], ["Conseiller technique"]),
    (["Bibliothécaire"], "int", ["rédacteur", "attaché"], ["Bibliothécaire"]),
    (["Médiateur(trice) culturel(le)", "Médiateur culturel"], "int", ["rédacteur", "assistant socio-éducatif"], ["Médiateur"]),
    (["Traducteur(trice)-interprète", "Traducteur-interprète"], "int", ["attaché", "rédacteur"], ["Traducteur"]),
]
# Adjectives after the noun ("Rédacteur comptable", "Technicien(ne) principal(e)"), weight of "" first.
ADJECTIVES = [("", "")] * 14 + [  # (gendered form, masculine form)
    ("principal(e)", "principal"), ("supérieur(e)", "supérieur"), ("administratif(ve)", "administratif"),
    ("comptable", "comptable"), ("territorial(e)", "territorial"), ("polyvalent(e)", "polyvalent"),
    ("référent(e)", "référent"), ("confirmé(e)", "confirmé"), ("itinérant(e)", "itinérant"), ("adjoint(e)", "adjoint"),
    ("junior", "junior"), ("senior", "senior"), ("spécialisé(e)", "spécialisé"), ("de terrain", "de terrain"),
    ("qualifié(e)", "qualifié")]
ZONES = ["secteur Nord", "secteur Sud", "secteur Est", "secteur Ouest", "Grand Nouméa", "côte Est",
         "côte Ouest", "zone VKP", "Brousse"]
CONTRACTS = ["(H/F)", "(CDD de 12 mois)", "(CDD de 6 mois)", "(remplacement)", "(remplacement congé maternité)",
             "à temps partiel", "— poste de nuit", "(poste à 80 %)", "(contrat de projet)", "(vacataire)"]
# Titles posted again and again (real portals have many "Chef de service"): the duplicates.
GENERIC_TITLES = [
    "Chef de service", "Secrétaire de direction", "Agent d'accueil", "Comptable", "Juriste", "Assistant(e) de direction",
    "Chargé(e) de communication", "Gestionnaire administratif", "Infirmier(ère)", "Technicien(ne) informatique",
    "Chef de bureau", "Agent d'entretien", "Chauffeur", "Standardiste", "Responsable administratif et financier",
    "Rédacteur comptable", "Assistant(e) social(e)", "Médecin généraliste", "Agent de sécurité", "Magasinier",
    "Ingénieur(e) informatique", "Adjoint(e) administratif", "Agent polyvalent", "Chargé(e) de mission", "Archiviste",
]
GENERIC_SHARE = 0.04

EMPLOYERS = [  # (name, weight, province of its communes, reference suffix)
    ("Nouvelle-Calédonie", 40, None, "MPRH"), ("Province Sud", 14, "province Sud", "MPRH"),
    ("Province Nord", 9, "province Nord", "MPRH"), ("Province des îles Loyauté", 5, "province des Îles Loyauté", "MPRH"),
    ("Office des postes et télécommunications (OPT)", 6, None, "MPRH"), ("CAFAT", 5, None, "MPRH"),
    ("Ville de Nouméa", 6, "nouméa", "MPRH"), ("Ville du Mont-Dore", 2, "le mont-dore", "MPRH"),
    ("Ville de Dumbéa", 2, "dumbéa", "MPRH"), ("Ville de Païta", 2, "païta", "MPRH"),
    ("Congrès de la Nouvelle-Calédonie", 2, "nouméa", "MPRH"), ("Agence sanitaire et sociale", 2, None, "MPRH"),
    ("Centre hospitalier territorial", 3, None, "MPRH"), ("Port autonome de la Nouvelle-Calédonie", 1, "nouméa", "MPRH"),
    ("Université de la Nouvelle-Calédonie", 1, "nouméa", "MPRH"),
]
GENERIC_UNIT_WORDS = {"de", "la", "le", "les", "des", "du", "d", "l", "et", "en", "pour", "aux", "au", "a"}
STREETS = ["rue de Sébastopol", "avenue du Maréchal Foch", "rue du Général Gallieni", "boulevard Vauban",
           "rue Jean Jaurès", "avenue James Cook", "rue de la République", "route de l'Anse Vata",
           "promenade Roger Laroque", "rue Georges Clemenceau"]
BUILDINGS = ["Immeuble Carcopino", "Immeuble Le Centre", "Centre administratif", "Immeuble Malawi",
             "Hôtel de la province", "Bâtiment B", "Immeuble Kariba"]
STARTS = ["immédiatement", "immédiatement", "dès que possible", "susceptible d'être à pourvoir", None]
RESIDENCES = ["", "", "", "", "3 ans", "5 ans", "10 ans", "5 ans (agents non titulaires)"]

DETAILS_OPENINGS = [
    "Le {service} ({acronym}) est placé sous l'autorité du secrétaire général et met en œuvre la politique {employer_de} en matière {topic}.",
    "Rattaché à la direction générale, le {service} ({acronym}) assure la conduite des actions {employer_de} dans le domaine {topic}.",
    "Le {service} compte une équipe de {team} personnes et s'organise en plusieurs pôles, dont le pôle {topic_short}.",
    "Dans le cadre de la réorganisation de ses services, {employer_article} renforce le {service} ({acronym}).",
]
DETAILS_FOLLOWUPS = [
    "Le service travaille en lien étroit avec les autres directions, les communes et les partenaires institutionnels du territoire.",
    "Il assure également le suivi des conventions de financement et la préparation des délibérations soumises aux assemblées.",
    "Une transformation du service est en cours ; l'agent recruté participera à la modernisation des procédures.",
    "Le poste s'inscrit dans un contexte de forte activité et de renouvellement des outils de gestion.",
    "Des déplacements réguliers en Brousse et dans les îles sont à prévoir.",
    "Le service accueille du public du lundi au vendredi et travaille avec de nombreux usagers.",
]
MISSION_LINES = [
    "préparer et suivre les dossiers {topic} ;", "assurer le suivi administratif et budgétaire des opérations ;",
    "rédiger les notes, courriers et projets de délibération ;", "conseiller la hiérarchie sur les questions {topic} ;",
    "animer les réunions avec les partenaires et en assurer le compte rendu ;",
    "participer à l'élaboration du budget du service et en suivre l'exécution ;",
    "contrôler la conformité des dossiers et des pièces justificatives ;",
    "encadrer une équipe de {team} agents et organiser le travail ;", "tenir à jour les tableaux de bord et les indicateurs ;",
    "représenter le service auprès des organismes extérieurs ;", "instruire les demandes des usagers et y répondre ;",
    "piloter les marchés et suivre les prestataires ;", "assurer une veille réglementaire {topic} ;",
    "intervenir sur le terrain et établir les rapports d'intervention ;",
]
PROFILE_LINES = [
    "Titulaire d'un diplôme de niveau {level} dans le domaine concerné.", "Expérience souhaitée sur un poste similaire.",
    "Maîtrise des outils bureautiques.", "Qualités rédactionnelles et sens de l'organisation.",
    "Connaissance de l'environnement institutionnel de la Nouvelle-Calédonie.", "Permis B exigé.",
    "Aptitude au travail en équipe et sens du service public.", "Discrétion professionnelle.",
]


@dataclass
class Spec:
    """Ground truth of one generated offer (what its file says) and the file text."""
    filename: str
    title: str
    reference_number: str
    reference: str
    employer: str
    corps: str
    service: str
    service_acronym: str
    location: str  # display name of the commune ("Nouméa")
    published_on: str  # ISO
    deadline: str  # ISO
    respnc_job: str
    generic: bool  # title drawn from GENERIC_TITLES (a deliberate duplicate)
    text: str


def _communes() -> list[tuple[str, str]]:
    with COMMUNES_FILE.open(encoding="utf-8") as handle:
        return [(row["commune"], row["province"]) for row in csv.DictReader(handle)]


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _strip_accents(text).lower()).strip("-")[:60].strip("-")


def _de(name: str) -> str:
    """French "de" + a place name: "de Koné", "du Mont-Dore", "de l'Île des Pins"."""
    if name.startswith("Mont-"):
        return "du " + name
    if name.startswith("Île"):
        return "de l'" + name
    if name[0] in "AEIOUYÉ":
        return "d'" + name
    return "de " + name


def format_portal_date(value: date, rng: random.Random, *, weekday_share: float = 0.6) -> str:
    """A date as the portal writes it: "Vendredi 8 août 2025", "04 avril 2025", "1er août 2025", "08/08/2025"."""
    draw = rng.random()
    day = "1er" if value.day == 1 else str(value.day)
    if draw < weekday_share:
        return f"{WEEKDAYS[value.weekday()]} {day} {MONTHS[value.month - 1]} {value.year}"
    if draw < weekday_share + 0.3:
        day = "1er" if value.day == 1 else f"{value.day:02d}"
        return f"{day} {MONTHS[value.month - 1]} {value.year}"
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def _acronym(head: str, topic: str) -> str:
    initials = [w[0] for w in re.findall(r"[A-Za-zÀ-ÿ]+", _strip_accents(f"{head} {topic}"))
                if w.lower() not in GENERIC_UNIT_WORDS and len(w) > 1]
    return "".join(initials).upper()[:8]


class _Titles:
    """Draws mostly-distinct titles: a weighted random draw, redrawn while it was already used."""

    def __init__(self, rng: random.Random, communes: list[tuple[str, str]]):
        self.rng, self.communes, self.used = rng, communes, set()

    def draw(self) -> tuple[str, tuple, str, bool]:
        """(title, noun entry, speciality family, generic?)"""
        rng = self.rng
        if rng.random() < GENERIC_SHARE:
            title = rng.choice(GENERIC_TITLES)
            self.used.add(title)
            return title, rng.choice(NOUNS[:24]), rng.choice(FAMILIES), True
        for _ in range(40):
            title, noun, family = self._compose()
            if title not in self.used:
                break
        self.used.add(title)
        return title, noun, family, False

    def _compose(self) -> tuple[str, tuple, str]:
        rng = self.rng
        noun = rng.choice(NOUNS)
        forms, families = noun[0], noun[1]
        family = rng.choice(FAMILIES if families == "*" else families.split())
        form = forms[0] if len(forms) == 1 or rng.random() < 0.7 else rng.choice(forms[1:])
        parts = [form]
        gendered, masculine = rng.choice(ADJECTIVES)
        adjective = gendered if "(" in form or (len(forms) == 1 and rng.random() < 0.5) else masculine
        if adjective and adjective.split("(")[0] not in form.lower():
            parts.append(adjective)
        speciality = rng.choice(SPECIALITIES[family])
        if not speciality.startswith(("pour", "en")) and rng.random() < 0.12 and form != "Chargé(e) de mission":
            speciality = ("en charge " if rng.random() < 0.5 else "chargé(e) " if "(" in form else "chargé ") + speciality
        parts.append(speciality)
        if rng.random() < 0.12:  # "… des ressources humaines et de la paie"
            other = rng.choice(SPECIALITIES[family])
            if other != speciality and not other.startswith(("pour", "en")) and not speciality.startswith(("pour", "en ")):
                parts.append("et " + other)
        draw = rng.random()
        if draw < 0.25:
            parts.append("— " + rng.choice(ZONES))
        elif draw < 0.45:
            commune = rng.choice(self.communes)[0]
            prefix = rng.choice(["de la subdivision", "(antenne", "— site", "— circonscription"])
            parts.append(f"{prefix} {_de(commune)}" + (")" if prefix == "(antenne" else ""))
        elif draw < 0.60:
            parts.append(rng.choice(CONTRACTS))
        return " ".join(parts), noun, family


def _place(rng: random.Random, employer_province: str | None, communes: list[tuple[str, str]]) -> str:
    if employer_province and not employer_province.startswith("province"):
        wanted = _strip_accents(employer_province).lower()
        return next(c for c, _ in communes if _strip_accents(c).lower() == wanted)
    if rng.random() < (0.7 if employer_province in (None, "province Sud") else 0.15):
        return "Nouméa"
    pool = [c for c, p in communes if employer_province is None or p == employer_province]
    return rng.choice(pool)


def _workplace_text(rng: random.Random, commune: str) -> str:
    """The "Lieu de travail" value: "Nouméa", "NOUMEA", "nouméa", an address…"""
    draw = rng.random()
    if draw < 0.4:
        return commune
    if draw < 0.65:
        return _strip_accents(commune).upper() if rng.random() < 0.7 else commune.upper()
    if draw < 0.75:
        return _strip_accents(commune) if rng.random() < 0.5 else commune.lower()
    number = rng.randint(1, 120)
    return f"{rng.choice(BUILDINGS)}, {number} {rng.choice(STREETS)} - {commune if rng.random() < 0.6 else commune.upper()}"


class _Layout:
    """One offer's choice of label styles: `# Label` + value on the next line, or `Label : value`."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.heading_share = rng.choice([0.0, 0.0, 0.3, 0.5, 1.0])
        self.heading_colon = rng.random() < 0.3
        self.upper_headings = rng.random() < 0.05
        self.no_space_colon = rng.random() < 0.1

    def field(self, label: str, value: str, *, may_heading: bool = True) -> list[str]:
        if may_heading and self.rng.random() < self.heading_share:
            shown = label.upper() if self.upper_headings else label
            lines = [f"# {shown}{' :' if self.heading_colon else ''}", ""]
            return lines + ([value, ""] if value else [])
        colon = ":" if self.no_space_colon else " :"
        return [f"{label}{colon} {value}".rstrip(), ""]

    def section(self, label: str) -> list[str]:
        if self.rng.random() < 0.85:
            return [f"# {label}{' :' if self.heading_colon else ''}", ""]
        return [f"{label} :", ""]


def service_catalogue(seed: int) -> dict[str, dict[str, list[tuple[str, str, str]]]]:
    """A fixed set of services per employer (about 320 in all, whatever the number of offers), as a
    real portal has: employer -> family -> [(service name, acronym, topic)]."""
    rng = random.Random(f"services:{seed}")
    catalogue: dict[str, dict[str, list[tuple[str, str, str]]]] = {}
    for employer, weight, province, _ in EMPLOYERS:
        head = ("Service provincial" if employer.startswith("Province") else "Service municipal" if employer.startswith("Ville")
                else "Service")
        names: set[str] = set()
        for _ in range(8 + 2 * weight):
            family = rng.choice(FAMILIES)
            topic = rng.choice(SPECIALITIES[family])
            words = re.sub(r"^(pour les|de la|de l'|des|du|en)\s*", "", topic)
            name = f"{rng.choice([head, head, 'Service'])} {topic if not topic.startswith(('pour', 'en ')) else 'des ' + words}"
            if rng.random() < 0.25:
                name += " et " + rng.choice([t for t in SPECIALITIES[family] if not t.startswith(("pour", "en "))])
            name = name.replace("Service des services vétérinaires", "Service des affaires vétérinaires")
            if name in names:
                continue
            names.add(name)
            acronym = _acronym("Service", name[len("Service"):])
            acronym = acronym if len(acronym) >= 2 else acronym + "NC"
            catalogue.setdefault(employer, {}).setdefault(family, []).append((name, acronym, topic))
    return catalogue


def _offer(rng: random.Random, titles: _Titles, communes: list[tuple[str, str]], used_numbers: set[str],
           services: dict) -> Spec:
    title, noun, family, generic = titles.draw()
    employer, _, employer_province, suffix = rng.choices(EMPLOYERS, weights=[e[1] for e in EMPLOYERS])[0]
    if family == "num" and rng.random() < 0.3:
        employer, employer_province = "Office des postes et télécommunications (OPT)", None
    published = date(2021, 1, 4) + timedelta(days=rng.randrange(0, 5 * 365 + 180))
    while published.weekday() >= 5:
        published -= timedelta(days=1)
    reference_day = published if rng.random() < 0.8 else published - timedelta(days=rng.randint(1, 4))
    deadline = published + timedelta(days=rng.choice([14, 15, 21, 21, 28, 30, 31, 35, 42]))
    while True:
        number = f"{published.year % 100:02d}-{rng.randint(10000, 99999)}"
        if number not in used_numbers:
            used_numbers.add(number)
            break
    day = "1er" if reference_day.day == 1 else (f"{reference_day.day:02d}" if rng.random() < 0.5 else str(reference_day.day))
    reference = f"{number}/{suffix} du {day} {MONTHS[reference_day.month - 1]} {reference_day.year}"

    corps = rng.choice(noun[2])
    if employer.startswith("Office des postes") and rng.random() < 0.6:
        corps = "cadre d'exploitation"
    corps_text = corps if rng.random() < 0.8 else corps.capitalize()
    catalogue = services[employer]
    service, acronym, topic = rng.choice(catalogue.get(family) or [s for group in catalogue.values() for s in group])
    topic_words = re.sub(r"^(pour les|de la|de l'|des|du|en)\s*", "", topic)
    commune = _place(rng, employer_province, communes)
    respnc = rng.choice(noun[3])
    start = rng.choice(STARTS)
    if start is None:
        start = format_portal_date(deadline + timedelta(days=rng.randint(10, 60)), rng, weekday_share=0.2)

    layout = _Layout(rng)
    lines = ["", f"# {title}", ""] if rng.random() < 0.3 else [f"# {title}", ""]
    lines += layout.field(rng.choice(["Référence", "Référence", "Références"]), reference, may_heading=rng.random() < 0.5)
    lines += layout.field("Employeur", employer)
    lines += layout.field(rng.choice(["Corps ou Cadre d'emploi /Domaine", "Corps ou Cadre d'emploi /Domaine",
                                      "Cadre d'emplois / Domaine", "Corps"]), corps_text)
    lines += [f"{service} ({acronym})", ""]
    residence = rng.choice(RESIDENCES)
    lines += layout.field(rng.choice(["Durée de résidence exigée pour le recrutement sur titre (1)",
                                      "Durée de résidence exigée"]), residence)
    lines += layout.field("Lieu de travail", _workplace_text(rng, commune))
    lines += layout.field(rng.choice(["Poste à pourvoir", "Postes à pourvoir"]), start)
    lines += layout.field(rng.choice(["Date de dépôt de l'offre", "Date de dépôt de l'offre", "Date de publication"]),
                          format_portal_date(published, rng))
    lines += layout.field(rng.choice(["Date limite de candidature", "Date limite de candidature",
                                      "Date limite de dépôt des candidatures"]), format_portal_date(deadline, rng))

    article = {"Nouvelle-Calédonie": "la Nouvelle-Calédonie", "CAFAT": "la CAFAT"}.get(
        employer, "la " + employer[0].lower() + employer[1:] if employer.startswith(("Province", "Ville")) else "l'employeur")
    employer_de = "de " + article
    values = {"service": service[0].lower() + service[1:], "acronym": acronym, "employer_de": employer_de,
              "employer_article": article, "topic": topic if topic.startswith(("de ", "des ", "du ")) else "de " + topic_words,
              "topic_short": topic_words, "team": rng.randint(3, 40), "level": rng.choice(["III", "II", "I", "bac+2", "bac+3", "bac+5"])}
    values["topic"] = values["topic"].replace("de des ", "des ").replace("de de ", "de ")
    lines += layout.section("Détails de l'offre")
    lines += [rng.choice(DETAILS_OPENINGS).format(**values), ""]
    for sentence in rng.sample(DETAILS_FOLLOWUPS, rng.randint(1, 3)):
        lines += [sentence, ""]
    if rng.random() < 0.8:
        lines += layout.section("Emploi RESPNC") + [respnc, ""]
    else:
        lines += [f"Emploi RESPNC : {respnc}", ""]
    lines += layout.section("Missions")
    lowered = title[0].lower() + title[1:] if not title[:2].isupper() else title
    who = f"l'{lowered}" if _strip_accents(lowered[:1]).lower() in "aeiouyh" else f"la ou le {lowered}"
    lines += [f"Sous l'autorité du chef de service, {who} assure notamment les missions suivantes :", ""]
    lines += ["- " + line.format(**values) for line in rng.sample(MISSION_LINES, rng.randint(3, 6))]
    lines.append("")
    if rng.random() < 0.3:
        lines += layout.section(rng.choice(["Profil recherché", "Profil", "Compétences requises"]))
        lines += ["- " + line.format(**values) for line in rng.sample(PROFILE_LINES, rng.randint(2, 4))] + [""]
    text = "\n".join(lines).rstrip("\n") + ("\n" if rng.random() < 0.7 else "")
    return Spec(filename=f"{_slug(title)[:50]}-{number}.txt", title=title, reference_number=number, reference=reference,
                employer=employer, corps=corps_text, service=service, service_acronym=acronym, location=commune,
                published_on=published.isoformat(), deadline=deadline.isoformat(), respnc_job=respnc,
                generic=generic, text=text)


def generate(count: int, seed: int = 2025) -> list[Spec]:
    """`count` offers, deterministic for (count, seed)."""
    rng = random.Random(f"{seed}:{count}")
    communes = _communes()
    titles = _Titles(rng, communes)
    used_numbers: set[str] = set()
    services = service_catalogue(seed)
    return [_offer(rng, titles, communes, used_numbers, services) for _ in range(count)]


def write_offers(specs: list[Spec], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for spec in specs:
        (directory / spec.filename).write_text(spec.text, encoding="utf-8")


def title_stats(specs: list[Spec]) -> dict:
    counts = Counter(spec.title for spec in specs)
    return {"offers": len(specs), "distinct_titles": len(counts), "distinct_ratio": len(counts) / max(len(specs), 1),
            "largest_duplicate_group": max(counts.values(), default=0),
            "offers_with_duplicated_title": sum(c for c in counts.values() if c > 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generator", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    specs = generate(args.count, args.seed)
    write_offers(specs, args.directory)
    stats = title_stats(specs)
    print(f"{stats['offers']} offres écrites dans {args.directory} ; titres distincts : {stats['distinct_titles']} "
          f"({stats['distinct_ratio']:.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
