# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Offline, transparent classifier of patient messages (standard library only).

Rules and a lexicon, no model download and no outside service: patient text never
leaves the server, and every label comes with the words that triggered it, so
staff can see why and correct it. The module imports nothing from Odoo so that
``tools/clinic_classifier_report.py`` can load it by path and score it on the
labelled sample in ``tests/data/clinic_messages.csv``.

A message gets one label per axis. When several match, the first in these
orders wins (the order is the clinic's priority, not a probability):

* urgency: emergency, broken appliance, pain, none;
* intent: opt-out, hesitation, ready to book, price question, none;
* sentiment: the sign of the summed lexicon weights (negated words flip).
"""

import re
import unicodedata

SENTIMENTS = [("positive", "Positive"), ("neutral", "Neutral"), ("negative", "Negative")]
URGENCIES = [
    ("none", "None"),
    ("pain", "Pain"),
    ("broken_appliance", "Broken appliance"),
    ("emergency", "Emergency"),
]
INTENTS = [
    ("none", "None"),
    ("ready_to_book", "Ready to book"),
    ("price_question", "Price question"),
    ("hesitation", "Hesitation"),
    ("opt_out", "Opt-out"),
]

URGENCY_ORDER = ["emergency", "broken_appliance", "pain"]
INTENT_ORDER = ["opt_out", "hesitation", "ready_to_book", "price_question"]

# Words that cancel the phrase that follows within NEGATION_WINDOW words
# ("no pain", "doesn't hurt", "not ready to book").
NEGATORS = {
    "no",
    "not",
    "never",
    "without",
    "dont",
    "doesnt",
    "didnt",
    "isnt",
    "arent",
    "wasnt",
    "cant",
    "cannot",
    "wont",
    "nothing",
    "neither",
    "nor",
    "hardly",
    "longer",
}
NEGATION_WINDOW = 3

# (label, pattern, [pattern continued...]). Patterns are regular expressions over the
# normalised text (lower case, apostrophes dropped, one space between words); the
# parts are joined and \b is added around.
URGENCY_RULES = [
    ("emergency", r"emergenc(y|ies)"),
    ("emergency", r"urgent(ly)?"),
    ("emergency", r"asap"),
    ("emergency", r"(a lot of |heavy |keeps? |wont stop )?bleed(ing|s)?"),
    ("emergency", r"swell(ing|ed|s)?|swollen"),
    ("emergency", r"infect(ion|ed)"),
    ("emergency", r"abscess"),
    ("emergency", r"fever"),
    ("emergency", r"(an|the|car|bike|sports?|school) accident"),
    ("emergency", r"(knocked|fell|came) out (tooth|teeth)|tooth (was |got )?knocked out"),
    ("emergency", r"(cant|cannot|unable to) (eat|sleep|open (my|his|her) mouth|close)"),
    ("emergency", r"(swallowed|choking|choked)"),
    ("emergency", r"right away|immediately|as soon as possible"),
    ("broken_appliance", r"brok(e|en)( off)?"),
    ("broken_appliance", r"snapp?(ed)?|cracked|bent"),
    (
        "broken_appliance",
        r"(bracket|band|wire|retainer|aligner|tray|spacer|expander|elastic)s? ",
        r"(came|come|comes|fell|popped|is|are|got) (off|out|loose)",
    ),
    ("broken_appliance", r"loose (bracket|band|wire|retainer|spacer|expander)s?"),
    (
        "broken_appliance",
        r"(bracket|band|wire|retainer|spacer|expander)s? ",
        r"([a-z]+ ){0,4}(is|are|feels?) loose",
    ),
    ("broken_appliance", r"(wire|bracket)s? (is |are )?(poking|stabbing|sticking out)"),
    ("broken_appliance", r"poking (wire|bracket)"),
    (
        "broken_appliance",
        r"lost (a |an |my |his |her |the |their )?",
        r"(aligner |retainer )?(retainer|aligner|tray)s?",
    ),
    ("broken_appliance", r"(retainer|aligner|tray)s? (doesnt|dont|does not|do not|no longer) fit"),
    ("pain", r"pain(ful|s)?"),
    ("pain", r"hurt(s|ing)?"),
    ("pain", r"sore(ness)?"),
    ("pain", r"ach(e|es|ing|y)|toothache"),
    ("pain", r"discomfort"),
    ("pain", r"throbbing"),
    ("pain", r"sensitive|sensitivity"),
]

INTENT_RULES = [
    ("opt_out", r"^(stop|stop all|unsubscribe|end|quit|cancel)$"),
    ("opt_out", r"stop (texting|messaging|calling|contacting|emailing|sending)"),
    ("opt_out", r"unsubscribe|opt(ing)? out"),
    ("opt_out", r"remove (me|us|my (number|email))"),
    ("opt_out", r"take (me|us|my (number|email)) off"),
    ("opt_out", r"(dont|do not|never) (contact|call|text|email|message) (me|us) (again|anymore)"),
    ("opt_out", r"(dont|do not) (contact|call|text|email|message) (me|us)"),
    ("opt_out", r"leave (me|us) alone"),
    ("opt_out", r"no thanks|no thank you"),
    ("opt_out", r"no longer interested|not interested( anymore)?"),
    (
        "opt_out",
        r"(went|going|decided to go) (with|to) (another|a different) ",
        r"(clinic|office|orthodontist|practice|dentist)",
    ),
    ("hesitation", r"not sure|unsure|undecided"),
    ("hesitation", r"think (about|it over)|thinking (about it|it over)"),
    ("hesitation", r"(need|want|like) (some )?(more )?time"),
    (
        "hesitation",
        r"(talk|speak|discuss|check) (it )?(with|to) (my )?",
        r"(husband|wife|partner|spouse|family|parents?)",
    ),
    (
        "hesitation",
        r"(too )?expensive|too much|(cant|cannot|couldnt) afford|out of (our|my) budget",
    ),
    ("hesitation", r"second opinion|other (options|offices|quotes)|shop(ping)? around"),
    (
        "hesitation",
        r"(hold off|put (it|this) off|wait (until|till|a few|a couple|a bit)|",
        r"maybe (later|next)|not (right )?now|not yet|postpone)",
    ),
    ("hesitation", r"(dont|do not) think (we|i) (can|will|should|need)"),
    ("hesitation", r"waiting (until|till|for (the|my|our|his|her))"),
    (
        "hesitation",
        r"(another|other) (office|clinic|practice|orthodontist)s? (quoted|offered|charges?)",
        r"|quoted? ([a-z]+ )?elsewhere",
    ),
    ("hesitation", r"(nervous|worried|scared|afraid|anxious|hesitant|on the fence)"),
    ("hesitation", r"(is it|are they|is this) (really )?(worth|necessary|needed)"),
    ("hesitation", r"(insurance|coverage) (wont|doesnt|might not|may not|will not) cover"),
    (
        "ready_to_book",
        r"(book|schedule|set up|make|get)( me| us)?( in| an?)? ",
        r"(appointment|consult(ation)?|visit|exam|time|slot)",
    ),
    ("ready_to_book", r"(book|schedule)( it| me| us| him| her| them| my (son|daughter|kid))?"),
    (
        "ready_to_book",
        r"(ready|want|like|love|eager|excited) to (start|begin|get started|go ahead|",
        r"move forward|proceed|sign up|come in|commit|decide)",
    ),
    ("ready_to_book", r"lets (do it|go ahead|start|get started|move forward)"),
    ("ready_to_book", r"sign (me|us|him|her) up|count (me|us) in"),
    (
        "ready_to_book",
        r"(when|what time|what days?) (can|could) (i|we|he|she) (come|be seen|start)",
    ),
    ("ready_to_book", r"(any|next|earliest|first) (available|opening|openings|slot)s?"),
    ("ready_to_book", r"(can|could|may) (i|we|he|she|they) come in"),
    (
        "ready_to_book",
        r"(can|could) (someone|you|the doctor|dr [a-z]+) ",
        r"(see|fit) (him|her|me|us|them|my [a-z]+)",
    ),
    ("ready_to_book", r"fit (him|her|me|us|them|my [a-z]+) in"),
    (
        "ready_to_book",
        r"available (next|this|on|tomorrow|today|monday|tuesday|wednesday|thursday|",
        r"friday|saturday)",
    ),
    ("ready_to_book", r"(is|are) there (an |any )?openings?"),
    ("ready_to_book", r"(is|are) (there|you) (any )?(available|openings?|free)"),
    (
        "ready_to_book",
        r"(works|work) for (me|us)|see you (then|on|at|tomorrow|monday|tuesday|",
        r"wednesday|thursday|friday|saturday)",
    ),
    ("ready_to_book", r"confirm(ed|ing)? (the |my |our )?(appointment|consult(ation)?|visit)"),
    (
        "price_question",
        r"how much|what (does|do|would|will) (it|this|that|they|braces|aligners|",
        r"treatment|invisalign) cost",
    ),
    ("price_question", r"cost(s)?|price(s|d)?|pricing|fees?|quote"),
    ("price_question", r"payment plans?|monthly payments?|financing|down payment|installments?"),
    ("price_question", r"(take|accept) ([a-z]+ ){0,3}(insurance|medicaid|care ?credit|hsa|fsa)"),
    (
        "price_question",
        r"(is it|are they|is that) covered|covered by|out of pocket|copay|deductible",
    ),
    ("price_question", r"(is|are) (the |it |that |this |your )?([a-z]+ )?free"),
]

# Sentiment lexicon: word or phrase -> weight. Urgency and hesitation words are not
# repeated here; they add their own weight (SENTIMENT_FROM_LABEL).
SENTIMENT_LEXICON = {
    # positive
    "thank you": 2,
    "thanks": 2,
    "thank": 2,
    "thx": 1,
    "great": 2,
    "wonderful": 2,
    "amazing": 2,
    "awesome": 2,
    "excellent": 2,
    "love": 2,
    "loved": 2,
    "happy": 2,
    "glad": 2,
    "appreciate": 2,
    "appreciated": 2,
    "perfect": 2,
    "excited": 2,
    "helpful": 2,
    "kind": 1,
    "friendly": 2,
    "fantastic": 2,
    "pleased": 2,
    "good": 1,
    "nice": 1,
    "best": 1,
    "recommend": 2,
    "grateful": 2,
    "lovely": 2,
    "smile": 1,
    "impressed": 2,
    "easy": 1,
    "sounds good": 2,
    "looking forward": 2,
    "cant wait": 2,
    "yay": 2,
    "definitely": 1,
    "recommended": 2,
    "doing well": 2,
    "see you": 1,
    # negative
    "disappointed": -2,
    "disappointing": -2,
    "frustrated": -2,
    "frustrating": -2,
    "angry": -3,
    "upset": -2,
    "annoyed": -2,
    "terrible": -3,
    "horrible": -3,
    "awful": -3,
    "worst": -3,
    "rude": -3,
    "bad": -2,
    "unhappy": -2,
    "ridiculous": -2,
    "unacceptable": -3,
    "waste": -2,
    "wasted": -2,
    "never again": -3,
    "complaint": -2,
    "complain": -2,
    "problem": -1,
    "issue": -1,
    "unfortunately": -1,
    "sadly": -1,
    "no one called": -2,
    "nobody called": -2,
    "no response": -2,
    "still waiting": -2,
    "havent heard": -2,
    "ignored": -2,
    "late": -1,
    "overcharged": -3,
    "mistake": -2,
    "confused": -1,
    "confusing": -1,
    "stressed": -2,
    "miserable": -3,
    "hate": -3,
    "scam": -3,
    "why hasnt": -2,
    "never called": -2,
    "tender": -1,
    "self conscious": -2,
    "too expensive": -2,
    "too much": -2,
    "cant afford": -2,
    "out of our budget": -2,
    "nervous": -2,
    "scared": -2,
    "worried": -2,
    "anxious": -2,
    "afraid": -2,
    "sorry": -1,
    "crooked": -1,
    "cancel": -1,
    "sucks": -2,
    "poor": -2,
    "waiting forever": -3,
}
SENTIMENT_FROM_LABEL = {"emergency": -2, "broken_appliance": -1, "pain": -2, "opt_out": -2}


def _compile(rules):
    return [(label, re.compile(r"\b(?:%s)\b" % "".join(parts))) for label, *parts in rules]


_URGENCY = _compile(URGENCY_RULES)
_INTENT = _compile(INTENT_RULES)
_SENTIMENT = [
    (re.compile(r"\b%s\b" % re.escape(word)), weight)
    for word, weight in sorted(SENTIMENT_LEXICON.items(), key=lambda item: -len(item[0]))
]
_TAGS = re.compile(r"<[^>]+>")


def normalize(text):
    """Lower case, accents and apostrophes dropped, punctuation to spaces except
    sentence ends (kept as " . " so negation does not cross sentences)."""
    text = _TAGS.sub(" ", text or "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['\u2019\u2018`]", "", text)
    text = re.sub(r"[.!?;,:]+", " . ", text)
    text = re.sub(r"[^a-z0-9.$ ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _negated(text, start):
    """True when a negator sits within NEGATION_WINDOW words before ``start``
    in the same sentence."""
    before = text[:start].split(" . ")[-1].split()
    return any(word in NEGATORS for word in before[-NEGATION_WINDOW:])


def _find(rules, text, negatable=True):
    """(label, matched words) of every rule that matches, negated matches dropped."""
    hits = []
    taken = []
    for label, regex in rules:
        for match in regex.finditer(text):
            span = match.span()
            if span[0] == span[1] or any(s <= span[0] < e for s, e in taken):
                continue
            if negatable and _negated(text, span[0]):
                continue
            taken.append(span)
            hits.append((label, match.group(0).strip()))
    return hits


def classify(text):
    """Classify one message.

    Returns a dict with ``sentiment``, ``urgency``, ``intent`` (keys of SENTIMENTS,
    URGENCIES, INTENTS), ``words`` (label -> list of triggering words or phrases,
    sentiment words under "positive"/"negative") and ``score`` (the sentiment sum).
    """
    norm = normalize(text)
    words = {}
    urgency_hits = _find(_URGENCY, norm)
    # "Not ready", "don't want to book" are hesitation, not booking.
    intent_hits = []
    for label, regex in _INTENT:
        for match in regex.finditer(norm):
            if label == "opt_out" and match.group(0) in ("end", "quit", "cancel", "stop"):
                intent_hits.append((label, match.group(0)))
                continue
            negated = _negated(norm, match.start())
            if negated and label == "ready_to_book":
                intent_hits.append(("hesitation", "not " + match.group(0)))
            elif negated and label in ("hesitation", "price_question"):
                continue
            elif not negated or label == "opt_out":
                intent_hits.append((label, match.group(0)))
    for label, word in urgency_hits + intent_hits:
        words.setdefault(label, [])
        if word not in words[label]:
            words[label].append(word)
    urgency = next((label for label in URGENCY_ORDER if label in words), "none")
    intent = next((label for label in INTENT_ORDER if label in words), "none")

    score = 0
    consumed = []
    for regex, weight in _SENTIMENT:
        for match in regex.finditer(norm):
            span = match.span()
            if any(s <= span[0] < e for s, e in consumed):
                continue
            consumed.append(span)
            signed = -weight if _negated(norm, span[0]) else weight
            score += signed
            key = "positive" if signed > 0 else "negative"
            words.setdefault(key, []).append(match.group(0))
    for label in {urgency, intent} - {"none"}:
        score += SENTIMENT_FROM_LABEL.get(label, 0)
    sentiment = "positive" if score > 0 else "negative" if score < 0 else "neutral"
    return {
        "sentiment": sentiment,
        "urgency": urgency,
        "intent": intent,
        "words": words,
        "score": score,
    }


def trigger_summary(result):
    """One line for staff: "pain: hurts; ready to book: book an appointment"."""
    labels = dict(URGENCIES + INTENTS + SENTIMENTS)
    parts = []
    for key in (
        "emergency",
        "broken_appliance",
        "pain",
        "opt_out",
        "hesitation",
        "ready_to_book",
        "price_question",
        "positive",
        "negative",
    ):
        if result["words"].get(key):
            parts.append("%s: %s" % (labels[key], ", ".join(result["words"][key])))
    return "; ".join(parts)


def evaluate(samples):
    """Precision, recall and support per class on labelled samples.

    ``samples``: iterable of dicts with ``text``, ``sentiment``, ``urgency``, ``intent``.
    Returns {axis: {label: (precision, recall, support)}} plus {"accuracy": {axis: float}}.
    """
    axes = {"sentiment": SENTIMENTS, "urgency": URGENCIES, "intent": INTENTS}
    pairs = {axis: [] for axis in axes}
    for sample in samples:
        result = classify(sample["text"])
        for axis in axes:
            pairs[axis].append((sample[axis], result[axis]))
    report = {"accuracy": {}}
    for axis, labels in axes.items():
        report[axis] = {}
        for label, _name in labels:
            tp = sum(1 for gold, pred in pairs[axis] if gold == pred == label)
            predicted = sum(1 for _gold, pred in pairs[axis] if pred == label)
            support = sum(1 for gold, _pred in pairs[axis] if gold == label)
            precision = tp / predicted if predicted else 0.0
            recall = tp / support if support else 0.0
            report[axis][label] = (precision, recall, support)
        total = len(pairs[axis]) or 1
        report["accuracy"][axis] = sum(1 for g, p in pairs[axis] if g == p) / total
    return report
