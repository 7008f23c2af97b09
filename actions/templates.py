"""Every French sentence the actions write (static replies live in domain.yml)."""
from __future__ import annotations

from datetime import date

from offers_index import Offer, format_date
from offers_index.dates import iso_dates_in_words
from offers_index.fields import LABELS as FIELD_LABELS
from offers_index.normalize import fold

MAX_LISTED = 10


def plural(count: int, word: str, plural_word: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural_word or word + 's')}"


def name(offer: Offer) -> str:
    return f"« {offer.title} »"


def ref(offer: Offer) -> str:
    return f"réf. {offer.reference_number}" if offer.reference_number else "sans référence"


def status(offer: Offer, today: date, *, plural_form: bool = False) -> str:
    """"ouverte jusqu'au vendredi 8 août 2025 (encore 3 jours)" or "clôturée depuis le …"; a doubtful
    deadline is quoted as written, never counted."""
    deadline = offer.deadline_date
    ending = "es" if plural_form else "e"
    if offer.deadline_doubts and offer.surely_closed_on(today):
        latest = max(date.fromisoformat(d) for d in [offer.deadline, *offer.other_deadlines])
        return f"clôturé{ending} (toutes les dates limites que donne l'avis sont passées, la dernière le {format_date(latest)})"
    if offer.deadline_doubts:
        return f"date limite indiquée : {format_date(deadline)}, à vérifier (l'avis semble comporter une erreur)"
    days = (deadline - today).days
    if days < 0:
        return f"clôturé{ending} depuis le {format_date(deadline)}"
    if days == 0:
        return f"ouvert{ending} jusqu'à ce soir, {format_date(deadline)} (dernier jour)"
    return f"ouvert{ending} jusqu'au {format_date(deadline)} (encore {plural(days, 'jour')})"


def remaining(offer: Offer, today: date) -> str:
    if offer.deadline_doubts:
        return "date à vérifier auprès de l'employeur"
    days = (offer.deadline_date - today).days
    if days < 0:
        return "l'offre est clôturée"
    if days == 0:
        return "c'est aujourd'hui le dernier jour"
    return f"encore {plural(days, 'jour')}"


def elide(preposition: str, word: str) -> str:
    """elide("de", "attaché") -> "d'attaché"."""
    return f"{preposition[0]}'{word}" if fold(word)[:1] in "aeiouyh" else f"{preposition} {word}"


def line(offer: Offer, today: date) -> str:
    where = f", {offer.location}" if offer.location else ""
    return f"{offer.title} ({ref(offer)}{where}) : {status(offer, today)}"


def numbered(offers: list[Offer], today: date) -> str:
    return "\n".join(f"{rank}. {line(offer, today)}" for rank, offer in enumerate(offers, start=1))


def buttons(offers: list[Offer]) -> list[dict]:
    return [{"title": f"{rank}. {offer.title}"[:80], "payload": f'/choose{{"ordinal": "{rank}"}}'}
            for rank, offer in enumerate(offers, start=1)]


def describe_criteria(criteria: dict[str, str]) -> str:
    parts = []
    if criteria.get("corps"):
        parts.append(elide("de", criteria["corps"]))
    if criteria.get("respnc_job"):
        parts.append(f"d'emploi RESPNC « {criteria['respnc_job']} »")
    if criteria.get("service"):
        parts.append(f"au service {criteria['service']}")
    if criteria.get("employer"):
        parts.append(f"chez l'employeur {criteria['employer']}")
    if criteria.get("location"):
        parts.append(f"à {criteria['location']}" if not criteria["location"].startswith("province")
                     else f"en {criteria['location']}")
    return " ".join(parts)


PICK_TAIL = "\nDites « le 1 », « le 2 »… ou posez votre question (date limite, missions, référence…)."


def search_results(offers: list[Offer], total: int, criteria_text: str, open_only: bool, today: date) -> str:
    about = f" {criteria_text}" if criteria_text else ""
    if total > 1:
        head = f"J'ai trouvé {plural(total, 'offre')}{' encore ouvertes' if open_only else ''}{about} :"
    else:
        head = f"J'ai trouvé une offre{' encore ouverte' if open_only else ''}{about} :"
    more = f"\n… et {total - len(offers)} autres : précisez un lieu, un corps ou un service." if total > len(offers) else ""
    tail = PICK_TAIL if len(offers) > 1 else \
        "\nQue voulez-vous savoir ? (date limite, missions, comment postuler…)"
    return f"{head}\n{numbered(offers, today)}{more}{tail}"


def named_offers(offers: list[Offer], today: date) -> str:
    return f"Vous parlez de ces {len(offers)} offres :\n{numbered(offers, today)}{PICK_TAIL}"


def no_match(criteria_text: str, alternatives: list[str]) -> str:
    text = f"Je n'ai trouvé aucune offre {criteria_text}.".replace("  ", " ")
    if alternatives:
        text += " En revanche, " + " ; ".join(alternatives) + "."
    return text


def alternative(label: str, values: list[str]) -> str:
    shown = ", ".join(list(dict.fromkeys(values))[:5])
    return {"location": f"il y a des offres à {shown}", "corps": f"il y a des offres pour les corps : {shown}",
            "service": f"il y a des offres dans ces services : {shown}",
            "employer": f"il y a des offres chez : {shown}",
            "respnc_job": f"il y a des offres pour les emplois RESPNC : {shown}",
            "open": "des offres clôturées correspondent"}.get(label, shown)


def topic_results(offers: list[Offer], wanted: list[str], missing: list[str], today: date) -> str:
    about = " ".join(wanted)
    head = f"Offres qui parlent de « {about} », les plus proches d'abord :" if len(offers) > 1 else \
        f"Une offre parle de « {about} » :"
    note = f"\n(Aucune offre ne mentionne « {' '.join(missing)} ».)" if missing else ""
    tail = PICK_TAIL if len(offers) > 1 \
        else "\nQue voulez-vous savoir ? (date limite, missions, comment postuler…)"
    return f"{head}\n{numbered(offers, today)}{note}{tail}"


def no_topic(missing: list[str], where: str) -> str:
    return (f"Je n'ai trouvé aucune offre pour « {' '.join(missing)} »{where}. Les offres publiées concernent d'autres "
            f"métiers : demandez-moi par exemple « des postes à Nouméa ? » ou la liste des offres encore ouvertes.")


def none_open(today: date, recent: list[Offer], criteria_text: str) -> str:
    about = f" {criteria_text}" if criteria_text else ""
    text = f"Aucune offre{about} n'est ouverte aujourd'hui ({format_date(today, weekday=False)})."
    if recent:
        text += " Les plus récemment clôturées :\n" + numbered(recent, today)
    return text


def count(total: int, open_count: int, today: date) -> str:
    if total == 0:
        return "Aucune offre n'est publiée pour le moment."
    return (f"Il y a {plural(total, 'offre')} au total, dont {plural(open_count, 'encore ouverte', 'encore ouvertes')}"
            f" aujourd'hui ({format_date(today, weekday=False)}).")


def ask_which(question_label: str | None, offers: list[Offer], today: date) -> str:
    about = f" ({question_label})" if question_label else ""
    return f"Pour quelle offre{about} ? Répondez par son numéro ou son intitulé :\n{numbered(offers, today)}"


def ambiguous(offers: list[Offer], today: date) -> str:
    return f"Plusieurs offres correspondent ; laquelle voulez-vous ?\n{numbered(offers, today)}"


# field -> (Offer attribute, answer when the offer gives no value, answer with its value)
_ONE_VALUE_FIELDS = {
    "corps": ("corps", "L'offre {name} ({ref}) n'indique pas de corps ou cadre d'emploi.",
              "Le poste {name} ({ref}) est ouvert au corps ou cadre d'emploi : {value}."),
    "employer": ("employer", "L'offre {name} ({ref}) ne nomme pas d'employeur.",
                 "L'employeur pour {name} ({ref}) est : {value}."),
    "start": ("start", "L'offre {name} ({ref}) ne dit pas quand le poste est à pourvoir.",
              "Le poste {name} ({ref}) est à pourvoir : {value}."),
    "residence": ("residence_requirement",
                  "L'offre {name} ({ref}) n'indique aucune durée de résidence exigée pour le recrutement sur titre.",
                  "Durée de résidence exigée pour {name} ({ref}) : {value}."),
    "respnc_job": ("respnc_job", "L'offre {name} ({ref}) n'indique pas d'emploi RESPNC.",
                   "L'emploi RESPNC du poste {name} ({ref}) est : {value}."),
}


def field_answer(field: str, offer: Offer, today: date) -> str:
    o = offer
    if field == "deadline":
        verb = "était" if not o.is_open_on(today) else "est"
        if o.deadline_doubts:
            return doubtful_deadline(o) + (" Toutes les dates limites qu'il donne sont passées : l'offre est clôturée."
                                           if o.surely_closed_on(today) else "")
        return f"La date limite de candidature pour {name(o)} ({ref(o)}) {verb} le {format_date(o.deadline_date)} " \
               f"({remaining(o, today)})." + postponed(o) + caution(o, "deadline") + reposted(o)
    if field == "published_on":
        if not o.published_on:
            return f"L'offre {name(o)} ({ref(o)}) n'indique pas sa date de dépôt."
        return f"L'offre {name(o)} ({ref(o)}) a été déposée le {format_date(o.published_date)}." \
            + caution(o, "published_on") + reposted(o)
    if field == "reference":
        if not o.reference:
            number = f" ; elle est publiée sous le numéro {o.reference_number}" if o.reference_number else ""
            return f"L'offre {name(o)} n'indique pas de référence{number}."
        return f"La référence de l'offre {name(o)} est {iso_dates_in_words(o.reference)}." + caution(o, "reference") + reposted(o)
    if field == "location":
        if not o.location:
            if o.workplace:
                return f"Le poste {name(o)} ({ref(o)}) a pour lieu de travail : {o.workplace}."
            return f"L'offre {name(o)} ({ref(o)}) n'indique pas de lieu de travail."
        detail = f" (adresse indiquée : {o.workplace})" if o.workplace and o.workplace.lower() != o.location.lower() else ""
        return f"Le poste {name(o)} ({ref(o)}) est basé à {o.location}{detail}."
    if field == "service":
        if not (o.service or o.direction):
            return f"L'offre {name(o)} ({ref(o)}) ne nomme pas de service."
        parts = []
        if o.service:
            parts.append(o.service + (f" ({o.service_acronym})" if o.service_acronym else ""))
        if o.direction:
            parts.append(f"direction : {o.direction}" + (f" ({o.direction_acronym})" if o.direction_acronym else ""))
        return f"Le poste {name(o)} ({ref(o)}) relève de : " + " ; ".join(parts) + "."
    if field == "corps" and o.corps and o.domain:
        return f"Le poste {name(o)} ({ref(o)}) est ouvert au corps ou cadre d'emploi : {o.corps}, domaine {o.domain}."
    if field in _ONE_VALUE_FIELDS:
        attribute, missing, present = _ONE_VALUE_FIELDS[field]
        value = getattr(o, attribute)
        return (present if value else missing).format(name=name(o), ref=ref(o), value=value)
    if field == "missions":
        missions = o.missions
        if not missions:
            return f"L'offre {name(o)} ({ref(o)}) ne détaille pas de missions."
        return f"Missions du poste {name(o)} ({ref(o)}) :\n{missions}"
    details = o.sections.get("Détails de l'offre")
    if details:
        return f"Détails de l'offre {name(o)} ({ref(o)}) :\n{details}"
    return summary(o, today)


def caution(offer: Offer, field: str) -> str:
    """The notice's warnings about the field an answer states."""
    related = [w.message for w in offer.warnings_about(field) if w.code not in _NOT_CAUTIONS]
    return f"\n(Attention : l'avis publié semble comporter une erreur — {related[0]}.)" if related else ""


_NOT_CAUTIONS = {"missing", "from_text"}  # said by the answer itself, or harmless


def doubtful_deadline(offer: Offer) -> str:
    """A deadline that looks wrong: as written, why it looks wrong, and whom to ask; no day count."""
    reasons = " ; ".join(w.message for w in offer.deadline_doubts)
    who = f" ({offer.employer})" if offer.employer else ""
    return (f"L'avis {name(offer)} ({ref(offer)}) indique comme date limite le {format_date(offer.deadline_date)}. "
            f"Attention : cette date semble erronée ({reasons}). Vérifiez-la auprès de l'employeur{who} "
            f"avant de vous y fier.")


def postponed(offer: Offer) -> str:
    if not offer.initial_deadline:
        return ""
    return f" La date de clôture, initialement prévue le {format_date(date.fromisoformat(offer.initial_deadline))}, a été reportée."


def reposted(offer: Offer) -> str:
    """« republiée le … sous la réf. … » when the same job was posted again."""
    parts = []
    for later in offer.later_postings:
        when = f" le {format_date(date.fromisoformat(later['published_on']))}" if later.get("published_on") else ""
        parts.append(f"\nCe poste a été republié{when} sous la réf. {iso_dates_in_words(later['reference'])}.")
    for earlier in offer.earlier_postings:
        when = f" le {format_date(date.fromisoformat(earlier['published_on']))}" if earlier.get("published_on") else ""
        parts.append(f"\nCe poste avait déjà été publié{when} sous la réf. {iso_dates_in_words(earlier['reference'])}.")
    return "".join(parts)


def summary(offer: Offer, today: date) -> str:
    o = offer
    facts = [f"{name(o)} — {ref(o)}"]
    if o.employer or o.service:
        facts.append(", ".join(filter(None, [o.service_acronym or o.service, o.employer])))
    if o.location:
        facts.append(f"Lieu : {o.location}")
    if o.corps:
        facts.append(f"Corps : {o.corps}")
    facts.append(f"Offre {status(o, today)}")
    return "\n".join(facts) + "\nQue voulez-vous savoir ? (date limite, missions, comment postuler, référence…)"


def still_open(offer: Offer, today: date) -> str:
    if offer.deadline_doubts and offer.surely_closed_on(today):
        return f"Non : l'offre {name(offer)} ({ref(offer)}) est {status(offer, today)}." + reposted(offer)
    if offer.deadline_doubts:
        return "Je ne peux pas l'affirmer. " + doubtful_deadline(offer)
    if offer.is_open_on(today):
        return f"Oui : les candidatures pour {name(offer)} ({ref(offer)}) sont {status(offer, today, plural_form=True)}." \
               + postponed(offer) + caution(offer, "deadline")
    return f"Non : l'offre {name(offer)} ({ref(offer)}) est {status(offer, today)}." + caution(offer, "deadline") \
        + reposted(offer)


def contract(offer: Offer) -> str:
    """The terms of the contract the notice states, and its sentence when it has one."""
    text = f"Pour {name(offer)} ({ref(offer)}), l'avis indique : {', '.join(offer.contract)}."
    if offer.contract_text:
        text += f"\n« {iso_dates_in_words(offer.contract_text)} »"
    return text


def emails(offer: Offer, lines: list[str]) -> str:
    """The notice's lines that give an e-mail address, as written."""
    quoted = "\n".join(f"« {line.strip(' -•*')} »" for line in lines)
    return f"Adresse(s) électronique(s) que donne l'offre {name(offer)} ({ref(offer)}) :\n{quoted}"


def how_to_apply(offer: Offer, passage: str | None) -> str:
    reference = iso_dates_in_words(offer.reference or offer.reference_number or "")
    quoted = f" en rappelant sa référence ({reference})" if reference else ""
    if passage:
        return f"Pour postuler à {name(offer)}{quoted}, l'offre indique :\n{passage}"
    return (f"L'offre {name(offer)} ne précise pas les modalités de candidature (ni adresse ni contact) dans le texte "
            f"dont je dispose. Si vous candidatez, faites-le{quoted} auprès de l'employeur"
            f"{' (' + offer.employer + ')' if offer.employer else ''}.")


def detail_passages(offer: Offer, passages: list[str]) -> str:
    return f"D'après l'offre {name(offer)} ({ref(offer)}) :\n" + "\n".join(f"« {p} »" for p in passages)


def not_stated(offer: Offer, topic_label: str, offer_says: list[str]) -> str:
    text = f"L'offre {name(offer)} ({ref(offer)}) ne précise pas {topic_label}."
    if offer_says:
        text += " Elle indique notamment : " + ", ".join(offer_says) + "."
    return text


def nothing_found_in_offer(offer: Offer) -> str:
    return (f"Je ne trouve pas de passage de l'offre {name(offer)} ({ref(offer)}) qui réponde à cette question. "
            "Je peux vous donner sa date limite, ses missions, son lieu ou sa référence.")


def closing_first(offer: Offer, today: date, among: int) -> str:
    if among == 1:
        return f"Une seule offre est encore ouverte : {name(offer)} ({ref(offer)}), {status(offer, today)}."
    return f"Parmi les {among} offres encore ouvertes, celle qui ferme en premier est {name(offer)} ({ref(offer)}) : " \
           f"{status(offer, today)}."


def most_recent(offer: Offer, among: int) -> str:
    return f"Parmi {plural(among, 'offre')}, la plus récente est {name(offer)} ({ref(offer)}), déposée le " \
           f"{format_date(offer.published_date)}."


def posts(offer: Offer) -> str:
    if offer.posts:
        return f"L'offre {name(offer)} ({ref(offer)}) porte sur {plural(offer.posts, 'poste')}."
    return f"L'offre {name(offer)} ({ref(offer)}) ne mentionne pas plusieurs postes : l'avis ne donne pas d'autre nombre."


def all_deadlines(offers: list[Offer], today: date) -> str:
    return "Dates limites :\n" + numbered(offers, today)


def similar(offer: Offer, others: list[Offer], today: date) -> str:
    if not others:
        return f"Aucune autre offre n'est ouverte au corps « {offer.corps} » que {name(offer)}."
    return f"Autres offres du corps « {offer.corps} » :\n" + numbered(others, today)


CANNOT_DO = {
    "alert": "Je ne peux pas encore vous prévenir des nouvelles offres (pas d'alerte ni d'abonnement). Revenez me "
             "demander « quelles offres sont encore ouvertes ? » : je réponds toujours sur les offres publiées du jour.",
    "send_cv": "Je ne peux pas recevoir ni transmettre votre CV : envoyez votre candidature vous-même, comme l'avis "
               "l'indique.",
    "human": "Je suis un assistant automatique : je ne peux pas vous mettre en relation avec une personne. Le contact "
             "à utiliser est celui que donne l'avis de l'offre.",
}


def cannot_do(kind: str, offer: Offer | None, passage: str | None) -> str:
    text = CANNOT_DO[kind]
    if offer is None:
        return text + " Dites-moi de quelle offre il s'agit et je vous donne ce qu'elle indique pour candidater."
    if passage:
        return f"{text}\nPour {name(offer)} ({ref(offer)}), l'avis indique :\n{passage}"
    return f"{text}\nL'avis {name(offer)} ({ref(offer)}) ne donne pas de contact dans le texte dont je dispose."


def unknown_reference(number: str) -> str:
    return (f"Aucune offre n'a la référence {number}. Les références ressemblent à « 26-64414 » ou « 3134-26-0778 » "
            "et figurent en haut de l'avis ; vous pouvez aussi me demander « quelles offres sont encore ouvertes ? ».")


NO_CORPS = "Cette offre n'indique pas de corps : je ne peux pas chercher d'offres semblables."
def _requirement(offer: Offer) -> str:
    rows = offer.residence
    if not rows:
        return (f"L'offre {name(offer)} ({ref(offer)}) n'indique aucune durée de résidence exigée"
                + (f" (elle écrit « {offer.residence_requirement} »)" if offer.residence_requirement else "") + ".")
    parts = [f"{row['grade']} : {row['text']}" if row.get("grade") else row["text"] for row in rows]
    route = rows[0].get("route") or "recrutement sur titre"
    return (f"Pour {name(offer)} ({ref(offer)}), l'avis indique une durée de résidence exigée, pour le {route}, "
            + ("« " + parts[0] + " »" if len(parts) == 1 else "par grade : " + " ; ".join(f"« {p} »" for p in parts)) + ".")


def eligibility(offer: Offer, stated) -> str:
    """The notice's durée de résidence beside what the candidate said (if anything); never a verdict."""
    if stated is None:
        return _requirement(offer) + "\nC'est l'employeur qui vérifie la durée de résidence, sur les justificatifs " \
                                     "décrits dans la notice explicative."
    if stated.problem == "future":
        return (f"« {stated.said} » est une date à venir : depuis quelle année, ou depuis combien d'années, "
                "résidez-vous en Nouvelle-Calédonie ?")
    if stated.problem == "impossible":
        return (f"Je n'arrive pas à lire « {stated.said} » comme une durée de résidence : depuis combien d'années "
                "résidez-vous en Nouvelle-Calédonie ?")
    said = []
    if stated.years is not None:
        said.append(f"vous indiquez « {stated.said.split(' ; ')[0]} », soit {plural(stated.years, 'an')} de résidence environ")
    if stated.citizen:
        said.append("vous indiquez être citoyen(ne) de la Nouvelle-Calédonie")
    if stated.civil_servant:
        said.append("vous indiquez être déjà fonctionnaire")
    lines = [_requirement(offer), "De votre côté, " + " ; ".join(said) + "."]
    lines.append("Cette durée concerne le recrutement sur titre ; un fonctionnaire qui vient par mutation ou par "
                 "détachement relève d'un autre cas, que l'employeur examine à part." if stated.civil_servant else
                 "Cette durée concerne le recrutement sur titre ; les fonctionnaires en mutation ou en détachement "
                 "relèvent d'un autre cas.")
    lines.append("C'est l'employeur qui vérifie la durée de résidence ou la citoyenneté, sur les justificatifs "
                 "décrits dans la notice explicative : je ne peux pas décider à sa place.")
    return "\n".join(lines)


PAY_LABEL = "le salaire"
# What « pour quelle offre ? » says it is asked, for the questions that are no field.
QUESTION_LABELS = {"pay": PAY_LABEL, "still_open": "encore ouverte ?", "how_to_apply": "comment postuler"}


def pay_link(offer: Offer, link: str) -> str:
    return (f"Pour l'offre {name(offer)} ({ref(offer)}), la notice renvoie, pour le salaire, à ce document : "
            f"{link}\nLe montant exact dépend de votre classement dans la grille : l'employeur le précise.")


def pay_sentence(offer: Offer, passage: str) -> str:
    return f"Sur la rémunération, l'offre {name(offer)} ({ref(offer)}) indique : « {passage} »"


def pay_not_stated(offer: Offer, rule) -> str:
    text = f"L'offre {name(offer)} ({ref(offer)}) ne précise pas la rémunération : je ne peux donc pas vous en donner le montant."
    if rule is not None:
        text += " En règle générale :\n" + knowledge(rule)
    return text


def unknown_term(term: str) -> str:
    return (f"Ma base de connaissances ne couvre pas « {term} » : je préfère ne pas vous répondre au hasard. "
            "La DRHFPNC (direction des ressources humaines et de la fonction publique de la Nouvelle-Calédonie, "
            "https://drhfpnc.gouv.nc) peut vous renseigner ; pour une offre précise, le contact indiqué dans "
            "l'avis est le plus sûr. J'ai noté la question, sans vos coordonnées, pour que l'équipe RH complète "
            "mes réponses.")


def knowledge(entry) -> str:
    """A glossary answer: our words, then where they come from (every source, with the date checked)."""
    sources = " ; ".join(f"{source.url} (vérifiée le {format_date(source.checked, weekday=False)})" for source in entry.sources)
    label = "Source" if len(entry.sources) == 1 else "Sources"
    return f"{entry.topic} : {entry.answer}\n{label} : {sources}"


NO_OFFERS = "Aucune offre n'est publiée pour le moment."
NO_LIST = "Je n'ai pas de liste en cours. Demandez par exemple « quelles offres sont ouvertes ? »."
BAD_CHOICE = "Je n'ai pas ce numéro dans la liste : choisissez entre 1 et {count}."
UNKNOWN_OFFER = "Je ne trouve pas d'offre qui corresponde à « {text} ». Voici les offres disponibles :\n{listing}"
FALLBACK = ("Désolé, je n'ai pas compris. Vous pouvez me demander par exemple : « quelles offres sont ouvertes ? », "
            "« date limite pour le chef de service ? » ou « des postes d'attaché à Nouméa ? »")
EMPTY_MESSAGE = ("Votre message est vide. Posez-moi une question sur les offres, par exemple "
                 "« quelles offres sont ouvertes ? ».")
NO_WORDS = ("Je ne lis que du texte : posez-moi une question sur les offres avec des mots, par exemple "
            "« des postes à Nouméa ? ».")
TOO_LONG = ("Votre message est trop long ({length} caractères ; {limit} au plus). Posez une question courte, "
            "par exemple « date limite pour le chef de service ? ».")
BAD_REQUEST = "Requête illisible : envoyez un objet JSON en UTF-8 {\"sender\": \"…\", \"message\": \"…\"}."
# Refusals of the REST channel (HTTP 400, 401, 413) and of the socket.io channel (event message_refused).
NO_SENDER = ("Requête refusée : le champ « sender » (l'identifiant de la conversation, 1 à 200 caractères) "
             "est obligatoire, un par conversation.")
REST_UNAUTHORIZED = "Accès refusé : ce canal demande l'en-tête « Authorization: Bearer <REST_TOKEN> »."
REST_CLOSED = ("Accès refusé : le canal REST est fermé (REST_TOKEN n'est pas défini et Rasa n'écoute pas "
               "seulement sur cette machine).")
TOO_LARGE = "Requête trop volumineuse : {limit} octets au plus."
MESSAGE_REFUSED = "Votre message n'a pas été transmis. Rechargez la page, puis réessayez."
ERROR = "Désolé, un problème technique m'empêche de répondre pour le moment. Réessayez dans un instant."
