"""Score the message classifier on its labelled samples and write docs/CLASSIFIER.md.

Loads addons/crm_clinic_assist/lib/clinic_message_classifier.py by path (it
only uses the standard library), so no Odoo server or database is needed:

    .venv/bin/python tools/clinic_classifier_report.py          # rewrite the doc
    .venv/bin/python tools/clinic_classifier_report.py --print  # only print
"""

import argparse
import csv
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDON = ROOT / "addons" / "crm_clinic_assist"
MODULE = ADDON / "lib" / "clinic_message_classifier.py"
DATA = ADDON / "tests" / "data"
DOC = ROOT / "docs" / "CLASSIFIER.md"
SETS = [
    ("clinic_messages.csv", "Development sample (rules were tuned while reading its errors)"),
    ("clinic_messages_holdout.csv", "Held-out sample (written after the rules, never tuned on)"),
]

INTRO = """# Message classifier: how it reads and how well

Inbound e-mails, SMS replies and web-form messages on leads are read by
`crm_clinic_assist/lib/clinic_message_classifier.py`: regular-expression
rules and a weighted lexicon, standard library only. Nothing is downloaded and no
text leaves the server. Each label comes with the words that triggered it.

* **Urgency** — first match in: emergency (bleeding, swelling, fever, infection,
  knocked-out tooth, cannot eat/sleep/open the mouth, "urgent", "ASAP"), broken
  appliance (broken/snapped/cracked/bent, bracket/band/wire came off or loose,
  poking wire, lost or ill-fitting retainer/aligner), pain (pain, hurts, sore,
  ache, discomfort, sensitive), none.
* **Intent** — first match in: opt-out (STOP, unsubscribe, remove me, don't
  contact me, not interested, went with another office), hesitation (not sure,
  think about it, talk with my spouse, too expensive, second opinion, wait/hold
  off, nervous, "is it worth it", negated booking such as "not ready to book"),
  ready to book (book/schedule an appointment, ready to start, any openings,
  "works for me", "can I come in"), price question (how much, cost, payment plan,
  insurance accepted/covered, copay), none.
* **Sentiment** — sum of lexicon weights (thank you +2, rude −3...), a negator
  within three words before a word flips it ("not happy"), urgency and opt-out
  add a negative weight; > 0 positive, < 0 negative, else neutral.

Negation ("no pain", "doesn't hurt") cancels an urgency or intent word within
three words in the same clause. A lone "stop" is an opt-out; "the pain won't
stop" is not.

## Measured on labelled samples

Both samples were written for this purpose by the engineer who wrote the rules
(`tests/data/*.csv`, one message per row with its sentiment, urgency and intent).
The development figures are therefore optimistic; the held-out sample is the
better estimate. In production, staff corrections on *Clinic CRM › Insights ›
Patient Messages* are kept (predicted and corrected labels side by side) and
*Classifier Accuracy* shows the confusion matrix of reviewed messages.

**For developers.** A message posted on a lead with `message_post` is read when
its type is e-mail, SMS or comment and its author is not an employee (no author,
or a partner without an internal user). Code that posts a patient's words as
the superuser (a webhook, for instance) should pass the patient's partner as
`author_id`, or post with the context key `clinic_classify_message=True`.

Regenerate this page with `.venv/bin/python tools/clinic_classifier_report.py`;
the test `TestMessageClassifier` asserts the minimums (development sample:
accuracy ≥ 0.9 for urgency and intent, ≥ 0.85 for sentiment, precision and
recall ≥ 0.8 for every class; held-out: urgency ≥ 0.7, intent and sentiment ≥ 0.5).
"""


def load_module():
    spec = importlib.util.spec_from_file_location("clinic_message_classifier", MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def render(module):
    out = [INTRO]
    for filename, title in SETS:
        with open(DATA / filename, newline="", encoding="utf-8") as handle:
            samples = list(csv.DictReader(handle))
        report = module.evaluate(samples)
        out.append(f"### {title}: {len(samples)} messages\n")
        accuracy = ", ".join(f"{axis} {value:.0%}" for axis, value in report["accuracy"].items())
        out.append(f"Accuracy: {accuracy}.\n")
        out.append("| Axis | Class | Precision | Recall | Messages |")
        out.append("|---|---|---:|---:|---:|")
        for axis in ("sentiment", "urgency", "intent"):
            for label, (precision, recall, support) in report[axis].items():
                out.append(f"| {axis} | {label} | {precision:.2f} | {recall:.2f} | {support} |")
        out.append("")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print", action="store_true", help="print instead of writing the doc")
    args = parser.parse_args()
    text = render(load_module())
    if args.print:
        print(text)
    else:
        DOC.write_text(text, encoding="utf-8")
        print(f"wrote {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
