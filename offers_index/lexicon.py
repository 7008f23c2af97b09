"""French words of the notices, as data (in the spirit of spaCy's `lang/fr/`): the parser's logic
reads these lists and spells no word itself. All entries are folded (lower-case, no accents).
"""
from __future__ import annotations

# A field value that says "nothing": "Durée de résidence exigée : /".
EMPTY_VALUES = frozenset({"", "/", "-", "–", "neant", "sans objet", "aucune", "aucun", "nc"})

# Headings that open the body of a notice, and prefixes of the body's other section headings.
BODY_STARTERS = frozenset({"details de l'offre", "missions"})
# Words of section names that say what the job does (« Activités principales », « Missions principales »).
MISSION_SECTION_WORDS = ("mission", "activite")
SECTION_HINTS = ("profil", "conditions", "contact", "avantages", "competences", "remuneration",
                 "activites", "savoir", "comportement", "pour repondre", "caracteristiques",
                 "place dans l'organigramme", "fonction du superieur", "nb d'agents", "nombre d'agents",
                 "contexte", "positionnement", "candidature", "informations", "a propos")

# Words that start the name of an organisational unit ("Service des permis de conduire").
UNIT_WORDS = ("service", "direction", "bureau", "cellule", "pole", "section", "agence", "office",
              "secretariat", "conseil", "chambre", "division", "mission")

# Words that start the name of a unit below a direction, and verbs that end such a name in a sentence.
SERVICE_WORDS = ("service", "pole", "bureau", "cellule", "section")
UNIT_NAME_ENDS = ("comprend", "est", "assure", "a pour", "compte", "regroupe", "dispose", "gere", "met")

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
CONTRACT_SENTENCE = r"\b(?:contrat|le poste est|recrut|dans le cadre d'une|grille|acdp|contractuel|emploi fonctionnel)"
CONTRACT_SENTENCE_STARTS = "clrdage"  # first letters of CONTRACT_SENTENCE's words (a fast pre-check)

# Deadline said in a sentence, postponed deadline (over the text as written, any case), several posts.
DEADLINE_IN_PROSE = r"au plus tard le\b"
POSTPONED_DEADLINE = r"date de cl[oô]ture initialement pr[ée]vue le (.{6,40}?) a [ée]t[ée] report[ée]e"
POSTS_OFFERED = r"(?<!\S)(\d{1,2}|deux|trois|quatre|cinq|six)\s+(?:postes?|agents?)\b[^.]{0,40}?(?:[àa] pourvoir|vacants?)"

# Questions that are not about one field (folded text, SMS and English forms included).
STILL_OPEN = (r"encore ouvert|toujours ouvert|(?:est|c'est|c est|elle est|il est|is it|still) (?:encore |toujours )?"
              r"(?:ouvert|open)|encore (?:possible|temps|valable|dispo)|pas (?:encore )?(?:clos|clotur|ferme)|"
              r"\bstill open\b|\bopen\b.*\?|peut encore (?:postuler|candidater)|trop tard|"
              r"\b(?:c|c'est|c est|elle est|il est|est[- ]elle|est[- ]il|is it) (?:deja )?(?:ferme|clos|cloture|closed)e?s?\b(?! (?:quand|qd|le|a)\b)")
HOW_TO_APPLY = (r"comment (?:on |je |faire pour |puis-je |dois-je )?(?:postul|candidat)|(?:how|where) (?:do|can|to|should) "
                r"(?:i |we )?(?:apply|send)|\bapply\b|envoyer (?:mon|ma|le|la|mes)|adresser (?:mon|ma|le|mes)|"
                r"deposer (?:mon|ma|un)|\bdossier de candidature|\bprocess|\bprocedure|a qui (?:envoyer|ecrire|adresser)|"
                r"modalites de candidature|pieces a fournir|\bpieces (?:\w+(?: - |[- ])){0,3}fournir\b|\bquel(?:le)?s? (?:documents|papiers|pieces) (?:\w+(?: - |[- ])){0,3}(?:fournir|joindre|envoyer)\b|\bj'?envoie\b.{0,40}\ba (?:quel|quelle)\b|"
                r"\ba quel(?:le)? (?:mail|e-?mail|courriel|adresse)\b|\badresse (?:electronique|mail|e-?mail)\b|\bquel (?:mail|courriel)\b")
# SMS and phonetic spellings -> the word (folded), applied word by word before reading a question.
SMS_WORDS = {"koi": "quoi", "ki": "qui", "pr": "pour", "ds": "dans", "qd": "quand", "kan": "quand", "cb": "combien",
             "jusqua": "jusqu'a", "ya": "il y a", "yatil": "y a-t-il", "tjs": "toujours", "tjrs": "toujours",
             "dispo": "disponible", "infos": "informations", "info": "information", "rdv": "rendez-vous",
             "slt": "salut", "bjr": "bonjour", "mrc": "merci", "svp": "s'il vous plait", "stp": "s'il te plait",
             "taf": "travail", "boulot": "travail", "ref": "reference", "dl": "date limite",
             "tjr": "toujours", "tj": "toujours", "jsuis": "je suis", "chui": "je suis", "jpeux": "je peux",
             "jveux": "je veux", "cmt": "comment", "pk": "pourquoi", "pq": "pourquoi", "mtn": "maintenant",
             "ajd": "aujourd'hui", "auj": "aujourd'hui", "qqn": "quelqu'un", "qqch": "quelque chose",
             "jai": "j'ai", "jvx": "je veux", "jve": "je veux", "dla": "de la", "bosser": "travailler", "bcp": "beaucoup"}
# Words candidates glue to an elided article or pronoun (« ladresse », « dannees », « jenvoie »), each
# with the letters it can follow: split back (« l'adresse ») before reading. Five letters at least:
# « dans » is no « d'ans », « sage » no « s'age »; and « saurai » no « s'aurai », « coffre » no « c'offre ».
_ELIDED_NOUNS = """
adresse annee annees ecole emploi emplois offre offres annonce annonces horaires experience equipe employeur
entretien inscription unite indice echelon anciennete ouverture interieur informatique enfance education examen
""".split()
ELIDED_WORDS = {**{noun: ("l", "d") for noun in _ELIDED_NOUNS},
                "envoie": ("j", "l", "m", "t"), "envoyer": ("l", "m", "t"), "aurai": ("j", "n"),
                "habite": ("j", "n"), "appelle": ("j", "l", "m", "s", "t"), "etait": ("c", "j", "n", "qu")}
ELISION = r"(?:qu|[cdjlmnst])"
# Words of questions whose typos are corrected before reading (« date limitte » -> « date limite »).
QUESTION_KEYWORDS = ("limite", "cloture", "reference", "residence", "candidature", "candidater", "postuler",
                     "missions", "employeur", "ouverte", "ouvert", "deadline", "publication", "service", "corps",
                     "pourvoir", "commence", "contacter", "salaire", "diplome", "horaires", "personnes", "equipe")

# A question about pay (folded; « pays » the country is not « payé »), and where a notice states it.
PAY_QUESTION = (r"\b(?:salaires?|salary|wages?|remuneration|remunere(?:e|s)?|paie|paye(?:e|s)?|payer|"
                r"(?:combien|cb|cbien) (?:on |je |il |elle )?(?:gagne|touche)|gagner combien|(?:gagne|touche) combien|"
                r"traitement indiciaire|grilles? (?:indiciaire|de salaire|des salaires)|"
                r"how much (?:does it |do you |will i )?(?:pay|earn)|\bpay\b|combien (?:par|le|au) mois|how much (?:a|per) month)")
PAY_SECTIONS = ("salaire", "remuneration")
CONTRACTUAL = r"contractuel|\bcdd\b|mission ponctuelle|remplacement"
# A status of public employment a general question names (« un contractuel en catégorie B… »).
EMPLOYMENT_STATUS = (r"\b(?:contractuel(?:le)?s?|fonctionnaires?|titulaires?|categorie [abc]|remplacant(?:e)?s?|"
                     r"vacataires?|agents? publics?)\b")
PAY_LABEL = r"informations? (?:sur le )?salaire"
URL = r"https?://[^\s<>()\[\]*]+"
PAY_IN_NOTICE = r"\b(?:est remunere|remuneration|percoit|grille indiciaire|indice (?:brut|majore)|salaire (?:mensuel|brut|net|de))\b"

# A question of meaning on the candidate's own words (accents and capitals kept), the term asked
# in the group « term »: « c'est quoi le FIPHFP ? », or before it: « congé bonifié, ça veut dire quoi ? ».
_ARTICLE = r"(?:(?:un|une|le|la|les|des|du|a|an|the)\s+|l['’]\s*)?"
MEANING_OF = (r"(?:c['’]?\s?est\s+quoi|c\s+(?:quoi|koi)|qu['’]est[- ]ce\s+qu(?:e|['’])(?:\s*c['’]est)?|que\s+veut\s+dire|que\s+signifie|"
              r"what\s+is|what['’]s|d[ée]finition\s+d[eu']?|signification\s+d[eu']?|(?:[cç]a\s+)?veut\s+dire\s+quoi)\s*" + _ARTICLE +
              r"(?P<term>[^?!.,;:\n]{2,90}?)\s*(?:[?!.,;:\n]|$)")
TERM_THEN_MEANING = (r"(?P<term>[^?!.,;:\n]{2,60}?)\s*,?\s*(?:c\s+(?:quoi|koi)|[cç]a\s+veut\s+dire\s+quoi|veut\s+dire\s+quoi|"
              r"c['’]?\s?est\s+quoi|signifie\s+quoi|[cç]a\s+sert\s+[àa]\s+quoi|k[ée]sako|qu[ée]saco|[cç]a\s+consiste\s+en\s+quoi|"
              r"[cç]a\s+se\s+passe\s+comment|[cç]a\s+marche\s+comment|[cç]a\s+correspond\s+[àa]\s+quoi|"
              r"c['’]?\s?est\s+(?:pareil|la\s+m[êe]me\s+chose)|c(?:['’]\s?est|\s+est)?\s+(?:autoris|permi|possible|interdit)\w*)")
# A question on the rules of the public service in general, not on an offer (folded): its term is
# read as in a question of meaning (« le CET ça marche comment dans la fonction publique ? »).
_PUBLIC_SERVICE = r"(?:la|les|un|une) (?:fonction publique|fonctionnaires?|agents? publics?)\b"
GENERAL_RULE = rf"\b(?:dans|pour) {_PUBLIC_SERVICE}"
# Words that say the public service at large, not a topic of it (folded): in a question they weigh
# like a word of an answer (« le temps partiel dans la fonction publique » is no « emploi fonctionnel »).
PUBLIC_SERVICE_WORDS = frozenset("fonction publique public publics agent agents nouvelle caledonie caledonienne "
                                 "caledonien caledoniens caledoniennes".split())
# A noun's complement right after it (« indemnité d'éloignement », « compte épargne »): the group is
# a term of its own (folded).
NOUN_COMPLEMENT = r"\s*(?:de |d'|du |des )(?!(?:travail|poste|postes|l'offre|offre|ce|cet|cette|votre|ton|mon)\b)([a-z]{3,})"
# An indefinite article before a term: its meaning in general (« c'est quoi un corps ? »), where « le
# corps » may ask an offer's value (folded; the term follows).
INDEFINITE = r"\b(?:un|une|des|a|an)\s+"
# Words of a « c'est quoi … ? » that speak of the offers or the conversation, not of a term.
NOT_A_TERM = (r"\b(?:poste|postes|offre|offres|emploi|emplois|job|jobs|annonce|avis|ca|cela|celui|celle|ce|cette|"
              r"il|elle|tu|toi|vous|ton|ta|votre|bot|suite|probleme|bug)\b")
# Words around a term that are no part of it (« c quoi exactement ? »).
_FILLER = r"(?:exactement|concretement|au juste|precisement|donc|alors|deja|en fait|au fait|sinon|d'ailleurs|et|mais|ok|bon|svp|stp|please)"
TERM_BEFORE = (rf"^(?:(?:{_FILLER}|un|une|le|la|les|des|du|ce|cet|cette|ces|comme)\b\s*|l'\s*|"
               r"(?:histoire|notion|mention|expression|formule|affaire)s?\s+(?:de|d'|du|des)\s*)*")
# « … dont ils parlent », « … dans la fonction publique », « un corps de la fonction publique »
TERM_AFTER = rf"(?:\s+(?:(?:dont|qu'ils?|qu'elles?|qu'on|que l'on)\b|(?:dans|pour|de) {_PUBLIC_SERVICE})[^?]*)?(?:\s*\b{_FILLER})*\s*$"
# A « term » made of these words only is no term: the message's other words say what is asked
# (« … le premier et le second, c'est quoi la nuance ? », « acdp ça veut dire quoi comme statut »).
GENERIC_TERM_WORDS = frozenset("""
nuance nuances difference differences statut principe principes concept idee regle regles sens histoire truc chose
mot mots terme termes notion mention expression ca cela
""".split())
# A « term » that starts so is where the term was used, not the term (« … veut dire quoi dans les annonces »).
NOT_A_TERM_START = r"^(?:dans|pour|sur|en|a|au|aux|chez|par|avec)\b"
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# A notice's sentence, outside any « Candidature » section, that says where to send the application.
APPLY_SENTENCE = (r"\b(?:envoyer|adresser|faire parvenir|transmettre)\b.{0,120}\bcandidature|"
                  r"\bcandidatures?\b.{0,120}\b(?:doivent parvenir|a adresser|a envoyer|sont a transmettre)\b")
# A question for an e-mail address (normalised text: « par mail c'est quelle adresse ? », « what email »).
ASKS_EMAIL = r"\b(?:e-?mail|mail|courriel|adresse electronique)\b"

# A unit's name cut at the end of a line (folded): the next line goes on with it.
UNFINISHED_NAME = r"\b(?:et|de|des|du|la|le|les|a|aux|en|pour|l'|d')$"

# « c'est une mission jusqu'à quand ? », « le CDD court jusqu'à quand ? »: the end of the contract, not the deadline.
CONTRACT_END = (r"\b(?:une mission|mission ponctuelle|un cdd|le cdd|le contrat|un contrat|un remplacement|le remplacement)\b"
                r"(?:(?!postul|candidat|dossier|envoi)[^?,;.]){0,25}\bjusqu.?a (?:quand|quelle date)|"
                r"\bjusqu.?a (?:quand|quelle date)\b[^?,;.]{0,20}\b(?:le contrat|le cdd|la mission|le remplacement)\b")
# « des renseignements sur les missions, qui contacter ? »: what follows names the subject of a contact question.
ABOUT_SUBJECT = r"\b(?:renseignements?|informations?|infos?|questions?|precisions?) (?:sur|concernant)\b"
# A message that starts by picking from the list just shown (« la première, elle ferme quand ? »).
LEADING_ORDINAL = (r"^\s*(?:et |ok |alors )?(?:pour |pr |concernant )?(?:le |la |l')?(?:premier|premiere|1er|1ere|deuxieme|second|seconde|2e|2eme|2nd|2nde|3e|3eme|troisieme|"
                   r"quatrieme|cinquieme|dernier|derniere|\d{1,2})\b(?!\s*(?:ans|an|annees?|mois|semaines?|jours?|heures?|fois|postes?|offres?)\b)")
# A refusal of every offer of the choice list just shown (folded): « ni l'une ni l'autre », « aucune des deux ».
REFUSES_A_CHOICE = (r"\bni (?:l'une?|le premier|la premiere|celui-ci|celle-ci) ni (?:l'autre|le second|la seconde|le deuxieme|la deuxieme)\b|"
                    r"\baucune? (?:des deux|de ces|de celles|de ceux|ne me convient)|\bnone of (?:them|those|these)\b|\bneither\b")
# An offer refused in a message that names two (« pas le géologue, le cadre de santé »): not a question about both.
REFUSES_AN_OFFER = r"\b(?:pas|plus|not) (?:le|la|l'|celui|celle|the|du|de la|pour le|pour la)\b"
# A position of the list refused (« non pas la première »): it picks nothing; « pas la 1, la 2 » picks the second.
NEGATED_ORDINAL = (r"\b(?:pas|not) (?:le |la |l'|the )?(?:premier|premiere|1er|1ere|deuxieme|second|seconde|2e|2eme|2nd|2nde|"
                   r"troisieme|3e|3eme|dernier|derniere|first|last|\d{1,2})\b(?: (?:one|offre|poste))?")
# Where a message's second question begins (folded): « …encore ouverte, et qui je peux contacter ? »,
# « which grade? and who is the contact? ».
NEXT_QUESTION = (r"\?|;|\s*,?\s*(?:et puis|et|puis|ensuite) (?=(?:est\s*-\s*ce|qui|quel|quelle|quels|quelles|ou|comment|combien|il|elle|c'est|c|si|a quel(?:le)?|"
                 r"a qui|faut|jusqu|ca)\b)|\band (?=(?:who|what|where|when|how|is|which)\b)")
# A correction in one message: what follows it replaces what came before (« X… ah non, plutôt Y »).
CORRECTION = (r"\b(?:ah |euh |oups |pardon,? )?non,? (?:plutot|je voulais dire|pardon)\b|\bje voulais dire\b|\bje me suis trompe|"
              r"(?<=\bpas )(?:le|la|l'|du|de la|celui|celle)\b[^?.!]{2,80}?\bmais (?:plutot )?")

# What the assistant cannot do, kind -> folded pattern: it says so, never searches on these words.
CANNOT_DO = {
    "alert": r"\bpreviens|\bprevenez|\bprevenir\b|\balerte|\bnotifi|\bm'?abonner|\btenir au courant|\bm'avertir|"
             r"\bnotify\b|\balert\b|\bremind|\brappel(?:le|ez)[- ]moi",
    "send_cv": r"\b(?:envoyer|envoie|deposer|transmettre|joindre|send|upload)\b[^.?!]{0,20}\b(?:cv|curriculum|resume)\b|"
               r"\bje vous envoie\b|\b(?:can|could|will) you (?:send|submit|forward)\b[^.?!]{0,20}\b(?:application|cv|resume)\b|"
               r"\b(?:pouvez[- ]vous|peux[- ]tu|tu peux|vous pouvez) (?:envoyer|transmettre|deposer)\b[^.?!]{0,20}"
               r"\b(?:cv|candidature|dossier)\b",
    "human": r"\bparler (?:a|avec) (?:quelqu'un|un humain|une personne|un conseiller|une conseillere|un agent|les rh|la drh)|"
             r"\b(?:talk|speak) to (?:a |an )?(?:human|person|someone|agent)\b|\bun vrai humain\b",
}
# A reference as candidates type it (« 26-64414 », « 3134-26-0778 », « 25-58915/MPRH »).
REFERENCE_LIKE = r"(?<![\d-])(?:\d{4}-\d{2}-\d{4}|\d{2}-\d{4,5})(?![\d-])"  # not a date, a phone or « 10-15 ans »

# Offers in the plural (« quelles offres sont encore ouvertes ? »): a question about the catalogue,
# not about the offer under discussion.
SEVERAL_OFFERS = r"\b(?:offres|postes|jobs|annonces|emplois|vacancies|openings)\b"

# What joins the offers of a message that asks about several (« la date limite du géologue et du
# cadre de santé ? », « 26-1433, 26-1423 »), folded.
OFFERS_JOINED = r"\s*(?:,|;|&|\bet (?:aussi |pour |celle |celui )?|\bainsi que\b|\bpuis\b|\band\b)\s*"
# Questions that compare offers (« laquelle ferme en premier ? »): not a question about one offer.
COMPARISON = (r"\b(?:laquelle|lequel|lesquelles|which one|which ones|en premier|first|plus recente?s?|most recent|latest|"
              r"toutes|tous|ces offres|ces postes|leurs|chacune|chacun|all|each)\b")
# Words that point into the list just shown (« celle de Koné », « le deuxième »).
LIST_REFERENCE = (r"\b(?:celui|celle|ceux|celles)\b|\b(?:the|that) (?:[a-z'-]+ )?one\b|\b(?:le|la) (?:premier|premiere|deuxieme|second|seconde|troisieme|"
                  r"quatrieme|cinquieme|dernier|derniere)\b|^\s*(?:le|la|n°|numero)?\s*\d{1,2}\s*$|"
                  r"\b(?:le|la) (?:1er|1ere|2e|2eme|2nd|2nde|3e|3eme|4e|5e)\b(?! (?:janvier|fevrier|mars|avril|mai|juin|"
                  r"juillet|aout|septembre|octobre|novembre|decembre)\b)")
# The one of a list that is still open, or closed (folded): « celui qui est encore ouvert », « the open one ».
OPEN_ONE = (r"\b(?:celui|celle)(?: qui (?:est|reste))? (?:encore |toujours )?ouverte?\b|"
            r"\b(?:celui|celle) (?:qui n'est|pas) (?:pas )?(?:encore )?(?:ferme|fermee|cloture|cloturee)\b|\bthe (?:still )?open one\b")
CLOSED_ONE = r"\b(?:celui|celle)(?: qui (?:est|a))? (?:deja )?(?:ferme|fermee|cloture|cloturee|clos|close)\b|\bthe closed one\b"
# The same job posted before or after the one under discussion.
EARLIER_POSTING = r"\b(?:ancienne|precedente|vieille|earlier|previous|old) (?:annonce|offre|publication|posting|one)\b|\bl'ancien(?:ne)?\b"
# « où » asks a place when followed or preceded by these (folded), not in « par courrier ou par mail ».
ACCENTED = r"[éèêëàâîïôûùüç]"  # a writer who puts accents (raw text)
WHERE_ACCENTED = r"(?i)\boù\b"
WHERE_AFTER = r"\bou (?:est|se trouve|ca|c'est|exactement|precisement)|\?\s*$"
WHERE_BEFORE = r"(?:^\s*|(?:\bc(?:'est| est)?|\bse trouve|\bsitue|\bbase) )$"  # « ou » starting the message, « c'est ou »
# « où télécharger la fiche ? » asks where to get a document, not the offer's place (folded).
WHERE_TO_GET = (r"\bou (?:est ?[- ] ?ce (?:que|qu') ?)?(?:je |on |j'|l'on )?(?:peux |peut |puis |pourrais |dois )?(?:la |le |les )?"
                r"(?:telecharger|trouver|obtenir|recuperer|consulter|voir)\b")
# Words of a service's name that name no service by themselves: « la coopération régionale » names
# the SCRRE, « en Nouvelle-Calédonie » names none of the many « … de la Nouvelle-Calédonie ».
GENERIC_UNIT_WORDS = "service direction section cellule bureau pole agence nouvelle caledonie"
# An employer is named by its first word alone (« le conservatoire ») only when that word is this long
# at least: shorter ones (« office », « ville ») are too often something else.
EMPLOYER_HEAD_MIN_LETTERS = 8
# Topics of the notice's text that ask for a person (its contact, its hierarchy): a role they name
# (« le chef de service », « la secrétaire générale ») is the notice's, not an offer's title.
PERSON_TOPICS = ("contact", "hierarchy")
# A deadline asked for applying (« jusqu'à quel jour pour envoyer le dossier ? »): one question, the
# deadline, not also how to apply (folded).
DEADLINE_TO_APPLY = (r"\b(?:jusqu'?a (?:quand|quel(?:le)? (?:date|jour))|avant quelle date|quelle date limite)\b"
                     r"[^?]{0,20}\bpour (?:envoyer|deposer|postuler|candidater|transmettre|rendre)\b|"
                     r"\b(?:deadline|last day|closing date|date limite) (?:to|for|pour|pr) (?:apply|applying|applications?|postuler|candidater)\b")
# Words that ask a number (folded): without them, a message taken for a count is no count (« et plombier ? »).
ASKS_A_NUMBER = r"\b(?:combien|cb|cbien|nombre|how many|count)\b"
# « il y a combien de postes ? » about the offer under discussion: its number of posts (folded).
POSTS_OF_OFFER = r"\bcombien de (?:postes?|places?|personnes? (?:recrutees?|recherchees?))\b|\bhow many (?:posts|positions)\b"
WHOLE_CATALOGUE = r"\b(?:au total|en tout|ouverts?|disponibles?|en ce moment|actuellement|offres?|annonces?)\b"
# Phrases of a search that say how, not what (« journaliste de formation » is a journalist).
SEARCH_FILLER_PHRASES = r"\b(?:de|par) (?:formation|metier)\b"
# Where or to whom to send: always the notice's own answer, never the knowledge base's (folded).
ASKS_WHERE_TO_SEND = r"\b(?:quelle |l'|une )?adresses?\b|\be-?mails?\b|\bcourriel\b|\ba qui\b|\bquel (?:numero|contact)\b"
# A message that asks after something (folded): a question mark, or « et … » going on from the last answer.
ASKS_AFTER = r"\?|^\s*(?:et|and)\b"
# Words that ask for offers like one (« des postes similaires ? », « d'autres comme ça »).
SIMILAR_OFFERS = r"\bsimilaires?\b|\bsemblables?\b|\bpareils?\b|\b(?:d')?autres?\b|\bcomme (?:ca|celui|celle)\b|\bsimilar\b|\blike this\b|\bdu meme (?:type|genre|corps)\b"
# Words that point to the offer under discussion (« pour cette offre », « sur ce poste »).
THIS_OFFER = r"\b(?:ce|cet|cette|le|la|l') ?(?:poste|offre|annonce|job|emploi|avis)(?: la| ci)?\b(?! (?:de|d'|du|des|a|au)\b)"
# « … de ce poste », « pour cette offre »: the question is about the offer under discussion's value.
OF_THIS_OFFER = r"\b(?:de|du|pour|sur|dans) (?:ce|cet|cette) (?:poste|offre|annonce|job|emploi|avis)\b"
# A year the candidate gives for a posting (« celui publié fin août 2026 », « l'offre de 2025 »).
POSTING_YEAR = r"\b(20\d{2})\b"
# What follows « publié » when it describes a posting rather than asks its date (folded).
POSTING_DATE_AFTER = (r"\w*\s+(?:en|le|au|fin|debut|mi|courant|a la fin|au debut)?\s*(?:\d|janvier|fevrier|mars|avril|mai|juin|"
                      r"juillet|aout|septembre|octobre|novembre|decembre|l'an|cette annee|l'annee)")
LATER_POSTING = (r"\b(?:nouvelle|recente|new) (?:annonce|offre|publication|posting|one)\b|"
                 r"\bla nouvelle\b(?![- ]caledonie)")
# Words that ask something of an offer without naming one: alone they never name an offer whose
# title holds them (« qui contacter ? » is not about the « chargé de contact clientèle »).
QUESTION_ONLY_WORDS = ("contact", "contacter", "joindre", "horaires", "salaire", "remuneration", "teletravail",
                       "diplome", "anglais", "logement", "voiture", "permis")

# A requirement asked of the offer under discussion (« faut-il le permis de conduire ? »): words of
# another title in it do not name that other offer.
ASKS_A_REQUIREMENT = (r"\bfaut[- ]il\b|\bil (?:me )?faut\b|\bfaut (?:avoir|etre|le|la|un|une)\b|\best-ce qu'il faut\b|"
                      r"\bexige|\bobligatoire\b|\bdo i need\b|\brequired\b|\bneed (?:a|an|the)\b")

# Words by which a follow-up moves to another offer (« et pour le juriste ? », « plutôt celui de Koné »);
# without them, a word shared with another offer's title does not switch offers.
SWITCH_TO_ANOTHER_OFFER = (r"\bet (?:pour|pr|concernant|celui|celle|ceux)\b|^\s*(?:pour|pr|concernant)\b|\bl'autre\b|"
                           r"\bplutot\b|\b(?:le|au|du|un|des) postes? (?:de|d')|\bl'offre (?:de|d')|\bl'annonce (?:de|d')|"

                           r"\b(?:celui|celle) (?:de|du|d'|des|a|au|pour)\b|\bparlons\b|\bwhat about\b|\band for\b")
SWITCH_COVERAGE_SCORE = 80  # a title mention scoring this (most of a title's words) names its offer outright
SWITCH_TITLE_WORDS = 2  # or naming this many of its title's own words (« aide maternelle »)

# A title line that starts with the aggregator's number: "26-1433 - Sage-femme".
TITLE_NUMBER_PREFIX = r"^\s*(\d{2}-\d{3,6})(?:_[A-Z]+)?\s+-\s+"

# A message that looks for offers (« je suis infirmière », « un poste dans l'informatique ? »), whatever
# intent the NLU gave it.
LOOKS_FOR_OFFERS = (r"\bje suis\b|\bj'?ai (?:un|une|le|la)\b|\bje (?:cherche|recherche|fais|travaille)\b|\bpostes?\b|\bjobs?\b|"
                    r"\boffres?\b|\bemplois?\b|\btravail\b|\brecrut|\bil y a\b|\bvous avez\b|\bdans (?:le|la|l')\b|"
                    r"\bdomaine\b|\bi am\b|\bi'm\b|\blooking for\b|\bquelque chose pour\b|\bpour moi\b")

# « c'est quoi la CPS ? »: a question about a word, not a description of a job.
WHAT_IS = r"\bc(?:'est| est)? ?(?:quoi|koi)\b|\bqu'est[- ]ce\b|\bwhat is\b|\bque veut dire\b|\bca veut dire\b|\bkesako\b|\bquesaco\b|\bque signifie\b"

# Words of a search that say nothing of what is searched (folded): the rest is looked for in the
# notices' text (fulltext.py).
SEARCH_FILLER_WORDS = frozenset("""
poste postes offre offres annonce annonces job jobs emploi emplois travail travailler boulot taf metier metiers
cherche cherches cherchons recherche recherches rechercher suis fais fait faire ai avez auriez aurait quoi moi pour
correspond correspondre correspondrait quelque chose domaine domaines secteur formation diplome diplomee titulaire bts
master licence experience ans annee annees existe existent egalement aussi quel quelle quels quelles vous ouvert ouverte
ouverts ouvertes encore actuellement moment merci bonjour svp plait interesse interessee profil possible serait
dispo disponible disponibles recrute recrutez recrutement candidature candidater postuler peux pouvez voudrais
aimerais souhaite souhaiterais bien avoir une des les qui que looking for any there something work working with
position positions vacancy vacancies open the and what have you are is in at role opening openings hiring
actuel actuelle aujourd hui maintenant dans sur chez vers niveau genre type style peu plus
toutes tous tout toute liste lister listez montre montrez montrer affiche afficher voir donne donner publiees
publies combien nombre all show list me please comme connaitre savoir leurs leur chacune chacun redonner clairement
how many much total does do can could would tell give about know salut hello coucou offer
quand comment pourquoi madame monsieur etait etre faut peut dois doit
semaine semaines mois jour jours recente recentes recent recents nouvelle nouvelles nouveau nouveaux bientot
ferment ferme fermer fermeront prochain prochaine prochains prochaines derniere dernieres dernier derniers recemment
beaucoup tres ok oui non cette ces ce cet
depuis pourriez pourrais pourrait dire elles ils correspondent correspondant evoluer evolution
experiences un deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt longtemps carriere
cordialement bonsoir vraiment idealement eventuellement possibilite possibilites
veux veut voulais voudrait
autre autres sinon
mais vise vises visons viser plutot devenir
""".split())

# Clipped job words -> the title word they stand for (« le psy », « la kiné »), read when matching
# titles (folded). Only clippings that mean one job: « com » is also SMS for « comme ».
CLIPPED_JOB_WORDS = {"psy": "psychologue", "kine": "kinesitherapeute", "veto": "veterinaire", "compta": "comptable",
                     "labo": "laboratoire", "instit": "instituteur", "prof": "professeur", "ortho": "orthophoniste"}
# A candidate's profession or domain -> words the notices use for it (folded).
PROFESSION_SYNONYMS = {
    "facteur": ("distribution", "courrier", "prepose"), "postier": ("distribution", "courrier", "guichet"),
    "velo": ("cyclisme",), "cycliste": ("cyclisme",), "sport": ("sports", "sportif"),
    "prof": ("professeur", "enseignant", "enseignement"), "enseignant": ("professeur", "instituteur", "enseignement"),
    "instit": ("instituteur",), "juriste": ("juridique", "juridiques", "droit"), "droit": ("juridique", "juridiques"),
    "laborantin": ("laboratoire",), "laborantine": ("laboratoire",), "labo": ("laboratoire",),
    "dentiste": ("dentiste", "dentaire"), "nurse": ("infirmier",), "infirmiere": ("infirmier",),
    "compta": ("comptable", "comptabilite"), "comptabilite": ("comptable",), "finance": ("finances", "budget"),
    "informaticien": ("informatique", "numerique"), "developpeur": ("developpement", "informatique"),
    "dev": ("developpement", "informatique"), "it": ("informatique", "numerique"),
    "com": ("communication",), "journaliste": ("communication", "presse", "medias"),
    "animaux": ("animaux", "animal", "soigneur", "veterinaire"), "sante": ("sante", "soins", "medical"),
    "electricien": ("electrique", "electricite", "energie"), "electrotechnique": ("energie", "electrique", "electricite"),
    "mecanicien": ("mecanique", "maintenance"), "secretaire": ("secretariat", "assistant", "secretaire"),
    "cyber": ("cybersecurite",), "rh": ("ressources humaines",), "educateur": ("educatif", "educative", "educateur"),
    "animateur": ("animation", "animateur"), "pompier": ("incendie", "pompier"), "geologue": ("geologie", "geologue"),
    "statisticien": ("statistiques",), "acheteur": ("achats", "acheteur"), "achat": ("achats", "acheteur"),
    "hopital": ("hospitalier", "soins"), "ecole": ("ecoles", "scolaire"),
    "psy": ("psychologue",), "kine": ("kinesitherapeute",), "veto": ("veterinaire",), "vet": ("veterinaire",),
    "vets": ("veterinaire",), "veterinarian": ("veterinaire",), "infi": ("infirmier",), "educ": ("educateur",),
    "assistante sociale": ("social",), "prof des ecoles": ("professeur des ecoles",),
    "auto": ("permis de conduire", "securite routiere"),
    "bepecaser": ("permis de conduire", "securite routiere"),
}
# A question said to be general (« et en général, un contractuel… »): about no offer, even one under discussion.
GENERAL_QUESTION = (r"\ben general\b|\ben regle generale\b|\b(?:de|d'une) (?:maniere|facon) generale\b|\bgeneralement\b|"
                    r"\bin general\b")
# A place the message excludes (« hors Nouméa », « en dehors de Koné »): no offer is sought there.
EXCLUDED_PLACE = r"\b(?:hors|sauf|excepte|en dehors d[eu']?|loin d[eu']?|a part|outside)\s*(?:de |du |d'|la |le |l')*[a-z'-]+"
# Feminine endings of French job words and their masculine (« directrice » -> « directeur »).
FEMININE_ENDINGS = (("trice", "teur"), ("euse", "eur"), ("ienne", "ien"), ("iere", "ier"), ("ere", "er"), ("ive", "if"),
                    ("ante", "ant"), ("ee", "e"))
# Endings of a word naming a trade (« plombier », « coiffeuse », « mécanicien »): beside a place or an
# employer, such a word is what the candidate looks for (« plombier à Nouméa ? »), not a filler.
TRADE_WORD = r"(?:ier|iere|eur|euse|iste|icien|icienne|logue|graphe)s?$"
# Words by which candidates describe themselves (« je suis hôtesse d'accueil… »).
DESCRIBES_ONESELF = r"\b(?:je suis|jsuis|chui|i am|i'm)\b"
# The words before the job a candidate has now (« je suis infirmier », « actuellement aide-soignante »),
# which is not the job sought when another is named beside it.
HAS_THE_JOB = r"\b(?:je suis|j'?ai ete|je travaille comme|je bosse comme|en tant que|actuellement|i am|i'm)\s+(?:[a-z'-]+\s+){0,2}$"
# Words that say a candidate describes themself or the job they want (« je suis », « un poste de »):
# then the rest of the message is what to look for, even beside a place or an employer.
DESCRIBES_A_JOB = (r"\bje suis\b|\bj'?ai (?:un|une|le|la)\b|\bje (?:cherche|recherche|fais|travaille)\b|"
                   r"\b(?:un|une|des|le|les|ya|y a) (?:postes?|jobs?|emplois?|metiers?|offres?|annonces?) (?:de|d'|dans|en)\b|"
                   r"\bany [a-z]+ (?:jobs?|positions?|vacanc(?:y|ies))\b|\b(?:jobs?|positions?) (?:as|for) (?:an? )?[a-z]+\b|"
                   r"\b(?:travaille|bosse|suis) dans\b|\bdomaine\b|\bi am\b|\bi'm\b|\blooking for\b|\bcomme (?:poste|metier|job|taf|travail)\b")

# Words of a glossary question that say nothing of its topic (« c'est quoi exactement un … ? »).
KNOWLEDGE_STOPWORDS = frozenset("""
les des une aux avec ces cet cette elle est sont etait etre suis sommes etes ont avez avons fait faut faire
peut peux peuvent pouvez dois doit doivent veut veux voudrais voulez voudrait aimerais savoir quoi koi que quel
quelle quels quelles qui quand comment combien pourquoi dire veut mot signifie signification definition expliquer
explique expliquez explication svp stp merci bonjour salut madame monsieur vous nous mon mes ton tes son ses
notre votre leur leurs pour par sur dans chez entre sans sous vers tout tous toute toutes tres bien plus moins
aussi encore deja alors donc mais car ceci cela ont the what does mean about est-ce qu'est qu'un qu'une
exactement vraiment concretement genre truc trucs chose choses cas exemple question questions
de du la le un au et ou ne on se sa ce il je tu me te ma ta ca si ni en es at is it of to in do an my
pr ds qd cb ya jpeux jveux jsuis chui jvx dla avait avais avaient ete sera serait pas oui non ok bcp tjr tjs
toujours mtn quil qu'il cetait c'etait
""".split())

# A question about what a word means, not about an offer's value: « c'est quoi un corps ? »,
# « ça veut dire quoi détachement ? » (« c'est quoi la date limite ? » asks an offer's date).
ASKS_A_MEANING = (r"\b(?:c(?:'est| est)? ?(?:quoi|koi)|qu'est[- ]ce (?:que|qu')(?: c'est)?|what is|what's) ?(?:un|une|des|a|an)\b|"
                  r"\b(?:que|ca) veut dire\b|\bveut dire quoi\b|\bcorrespond a (?:quoi|quel)\b|\bsert a quoi\b|\bkesako\b|\bquesaco\b|"
                  r"\bconsiste\b|\b(?:pourquoi|pk|pq) (?:ils|elles|on) (?:mettent|met|ecrivent|demandent)\b|\bca (?:se passe|marche) comment\b|\bcomment ca (?:se passe|marche)\b|\bm'?expliquer\b|"
                  r"\bexplique[rz]?[- ]moi\b|\bla (?:nuance|difference)\b|\bc'?est (?:pareil|la meme chose)\b|\bc'?est un (?:corps|cadre|grade|statut)\b|\ba quoi (?:ca|cela) sert\b|\bsignifie\b|\bsignification\b|\bdefinition\b|\bmeaning\b")

# What a candidate says of their residence or status (« j'habite ici depuis 2019 », « arrivé en
# 2015 », « ça fait 6 ans que je vis en NC », « je suis citoyen calédonien », « déjà fonctionnaire »).
RESIDENCE_CONTEXT = (r"\b(?:habite|habites|habitons|vis|vit|reside|residence|resident|residente|installee?s?|arrivee?s?|"
                     r"ici|en nc|caledonie|sur le territoire|au pays|sur le caillou|suis la|lived?|living|moved|arrived)\b")
RESIDENCE_YEARS = (r"\b(?:depuis|ca fait|cela fait|il y a|for)\s+(\d{1,3})\s*(?:ans?|annees?|years?)\b|"
                   r"\b(\d{1,3})\s*(?:ans?|annees?|years?)\s+(?:de residence|que j'?habite|que je (?:vis|reside)|ici|en nc|"
                   r"en nouvelle[- ]caledonie|sur le territoire)\b")
RESIDENCE_SINCE = (r"\b(?:depuis|(?:arrivee?s?|installee?s?)(?:\s+[a-z']+){0,4}?\s+en|"
                   r"since|in)\s+(?:l'annee\s+|l'an\s+|(?:(?:debut|fin|mi)[- ])?(?:janvier|fevrier|mars|avril|mai|juin|juillet|"
                   r"aout|septembre|octobre|novembre|decembre)\s+)?(\d{4})\b")
CITIZEN = (r"\bcito[iy]en(?:ne)?s?\s+(?:caledonien(?:ne)?|de (?:la )?(?:nouvelle[- ]caledonie|nc)|nc)\b|"
           r"\bcitoyennete (?:caledonienne|de (?:la )?nouvelle[- ]caledonie)\b")
CIVIL_SERVANT = (r"\b(?:deja|suis|etant|je suis deja)\s+(?:un |une )?fonctionnaire\b|\bfonctionnaire titulaire\b|"
                 r"\btitulaire de la fonction publique\b|\bcivil servant\b")
ELIGIBILITY_QUESTION = (r"\bj(?:e |')?(?:peux|pourrais|pourrai) (?:postuler|candidater|y aller|me presenter)\b|\bsuis[- ]je eligible\b|"
                        r"\bpuis[- ]je (?:postuler|candidater|me presenter)\b|\brecevable\b|"
                        r"\b(?:je suis|suis) eligible\b|\beligible\b|\bai[- ]je le droit\b|\bj'?ai le droit\b|\bcan i apply\b|"
                        r"\bca (?:passe|compte)\b|\bc(?:'est| est)? bon pour (?:moi|ce|cette|ca|le|la)\b|\bsuffit\b|\bassez\b|"
                        r"\bsuffisante?s?\b|\bduree de (?:residence|sejour)\b|\bc(?:'est| est)? (?:bon|ok)\b|\bca coince\b|\bun probleme\b|\ba problem\b|\bcombien d'?annees\b(?! d'?experience)|"
                        r"\bremplis?\b.{0,20}\bconditions?\b|\b(?:puis[- ]je|je (?:peux|pourrais|pourrai)|est[- ]ce que je peux) "
                        r"(?:deposer|presenter|envoyer|soumettre)\b")

# A message that looks for offers, not for what a word means (« des postes de mutation ? »).
SEARCHES_OFFERS = (r"\bje (?:cherche|recherche)\b|\b(?:des|les|quels?|quelles?|autres?) (?:offres|postes|jobs|annonces|emplois)\b|"
                   r"\b(?:un|une) autre (?:poste|offre|job|annonce|emploi)\b|"
                   r"\by a[- ]t[- ]il des\b|\bya des\b|\bil y a des\b|\b(?:il y a|ya|y a[- ]t[- ]il) (?:un|une) (?:poste|offre|job|emploi)\b|"
                   r"\b(?:postes?|offres?|jobs?|emplois?|taf) p(?:ou)?r moi\b")
