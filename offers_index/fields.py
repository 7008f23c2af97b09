"""The one table of an offer's fields: answer key, Offer attribute, French label, how notices
label it, how candidates ask for it. The parser reads `notice_labels`, the actions read
`candidate_pattern`, the answers read `label`; no other module spells a field's words.
Ordered most specific first: the first field whose candidate pattern matches a question wins.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str  # answer key (the NLU `field` entity's value)
    label: str  # French, with its article, as answers write it
    notice_labels: str = ""  # pattern over folded (lower-case, accent-free) notice text; "" = no label
    candidate_pattern: str = ""  # pattern over a folded question that asks for this field
    single_line: bool = False  # in a notice, the value never continues on the next line
    attribute: str = ""  # Offer attribute when it differs from `name`

    @property
    def offer_attribute(self) -> str:
        return self.attribute or self.name

    @property
    def short_label(self) -> str:
        """The label without its article: "date limite"."""
        return self.label.split("'", 1)[1] if self.label.startswith("l'") else self.label.split(" ", 1)[1]


FIELDS: tuple[Field, ...] = (
    Field("deadline", "la date limite", r"date limite(?: de (?:candidatures?|depot(?: des candidatures)?))?",
          r"date limite|date lim\b|clotur|jusqu.?a (?:quand|quelle date|quel jour)|avant quelle date|fin des candidatures|dernier (?:delai|jour)|deadline|date butoir|"
          r"limite|ferme quand|\bclos(?:es?|ing)\b|until when|closing date|\blast day\b|\bse termin\w*\b(?=.{0,25}\bquand\b)|\b(?:se )?finit quand|\bferm\w* quand\b|"
          r"(?:repouss|report|prolong|decal)\w*\b.{0,25}\bdate\b(?! de fin)|\bdate\b(?! de fin).{0,25}\b(?:repouss|report|prolong|decal)",  # « la date a été repoussée ? », not « prolongé après la date de fin »
          single_line=True),
    Field("published_on", "la date de dépôt", r"date de (?:depot|publication)(?: de l'offre)?",
          r"date de (?:depot|publication)|\bdepos|\bpubli(?:e|ee|es|ees|cation)?\b|mise en ligne|\bparu|\bposted\b",
          single_line=True),
    # not « à quel numéro le joindre ? », « le numéro de la responsable ? », a phone; « le numéro de l'offre » is one
    Field("reference", "la référence", r"references?",
          r"\bref|numero(?! de (?:tel|telephone|portable|fixe)\b)(?!(?: [\w'-]+){0,4} (?:joindre|appeler|contacter|telephoner)\b)"
          r"(?! (?:de la|du|de l'|de mme|de madame|de monsieur|de m\b\s?\.?) ?(?!(?:offre|poste|annonce|avis|dossier|job|emploi|fiche|candidature)\b)[a-z])",
          single_line=True),
    Field("residence", "la durée de résidence exigée",
          r"duree de residence exigee(?:\s+pour le recrutement)?(?:\s+sur(?:\s+titre)?)?", r"residence|\bresid",
          single_line=True, attribute="residence_requirement"),
    Field("respnc_job", "l'emploi RESPNC", r"emploi respnc", r"respnc|repertoire des emplois", single_line=True),
    Field("start", "la date de prise de poste", r"postes? a pourvoir",
          r"a pourvoir|pourvoir|prise de poste|\bcommence|\bdebut\b|\bdemarr|\bstart|\b(?:disponible|libre|vacant) (?:a partir|quand|qd|des quand)|a partir de quand",
          single_line=True),
    Field("location", "le lieu de travail", r"lieu de travail",
          r"\bou\b(?!\s+(?:pas|non|bien|plutot|alors)\b)|\blieux?\b|\blocalis|\bville\b|adresse du poste|\bsitue|(?<!suis )\bbasee? (?:a|au|en|sur|dans)\b|\bwhere\b|\bc ou\b|\blocated\b|\bquel endroit\b|"
          r"\bquelle (?:commune|province)\b"),
    Field("employer", "l'employeur", r"employeur", r"employeur|recrute\b|recrutent\b|embauche|\bemployer\b|who is hiring",
          single_line=True),
    Field("corps", "le corps ou cadre d'emploi",
          r"corps(?:\s*ou\s*cadres?\s*d'emplois?)?(?:\s*/\s*cadre)?(?:\s*/\s*domaine)?"
          r"|cadres?\s*/\s*corps\s*/\s*grade|cadres? d'emplois?(?:\s*/\s*domaine)?",
          r"\bcorps|cadre d.?emploi|categorie|grade"),
    # "Direction : …" is recognised by its capital letter (layout._DIRECTION): the word is too common.
    Field("service", "le service", r"(?:direction\s*/\s*)?service(?= ?:)",  # « aux services fiscaux » names one
          r"(?<!\bau )(?<!\baux )(?<!\ba la )(?<!\bdu )(?<!\bdes )(?<!\bde la )(?<!\bde )\b(?:service|direction)|\brattache"),
    Field("unit", "l'unité", r"unite(?: organisationnelle)?(?= ?:)", single_line=True),
    # « en quoi consiste le poste ? », not « en quoi consiste l'examen professionnel ? » (a passage of the notice)
    Field("missions", "les missions", "", r"\bmissions?\b|\btaches?\b|\brole\b|fait quoi|\bactivites\b|\bduties\b|\btasks\b|"
          r"\bconsiste(?!\s+(?:l'|le|la|les|un|une|ce|cet|cette)\s*(?!(?:poste|job|travail|boulot|emploi|metier|mission)s?\b)[a-z])"),
    Field("details", "les détails", "", r"\bdetails?\b|\bdescription\b|en savoir plus|\bpresentation\b"),
)

BY_NAME = {field.name: field for field in FIELDS}
BY_ATTRIBUTE = {field.offer_attribute: field for field in FIELDS}
LABELS = {field.name: field.label for field in FIELDS}
NOTICE_LABELS = {field.name: field.notice_labels for field in FIELDS if field.notice_labels}
SINGLE_LINE = frozenset(field.name for field in FIELDS if field.single_line)
QUESTION_PATTERNS = [(field.name, field.candidate_pattern) for field in FIELDS if field.candidate_pattern]
ANSWERED = frozenset(name for name, _ in QUESTION_PATTERNS)


def label_of(name: str) -> str:
    """Short French label of a field named by its answer key or Offer attribute ("deadline" ->
    "date limite"); other names (e.g. "fichier") as they are."""
    field = BY_NAME.get(name) or BY_ATTRIBUTE.get(name)
    if field:
        return field.short_label
    return {"published_on": "date de dépôt"}.get(name, name)
# Fields whose name is also a term of the glossary: « c'est quoi le RESPNC ? », « catégorie A, ça
# correspond à quoi ? » ask what the word means, « et le corps ? » the offer's value.
GLOSSARY_TERMS = frozenset({"corps", "respnc_job", "residence"})
# Fields whose question always asks an offer's value, even with no offer in the conversation
# (« c'est quoi la date limite ? » -> which offer?).
ALWAYS_A_VALUE = frozenset({"deadline", "published_on", "reference"})
# The knowledge entry giving the general rule of pay when a notice says nothing of it, by the
# kind of contract the notice offers (« agent contractuel ») or otherwise.
PAY_RULE = {"contractuel": "remuneration-contractuel", None: "remuneration-fonctionnaire"}
