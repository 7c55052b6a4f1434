# Copyright 2026 Clinic CRM contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a user sees on a form, evaluated on the server as the web client would.

The web client evaluates ``invisible`` and ``domain`` expressions against the record's
values (a many2one as its id); these helpers do the same with ``safe_eval`` so that a
test can assert which label a field shows, or which stages the stage bar offers.
"""

import ast

from lxml import etree

from odoo.tools.safe_eval import safe_eval


def _eval_context(record, expr):
    names = {
        node.id
        for node in ast.walk(ast.parse(expr.strip(), mode="eval"))
        if isinstance(node, ast.Name)
    }
    context = {"uid": record.env.uid, "context": {}}
    for name in names & set(record._fields):
        field, value = record._fields[name], record[name]
        if field.type == "many2one":
            value = value.id
        elif field.relational:
            value = value.ids
        context[name] = value
    return context


def eval_on_record(record, expr):
    """Evaluate a view expression (``invisible``, ``domain``…) on ``record``."""
    return safe_eval(expr, _eval_context(record, expr))


def form_arch(record, user=None):
    """The form view of ``record``'s model as ``user`` gets it (groups applied)."""
    model = record.env[record._name]
    if user:
        model = model.with_user(user)
    views = model.get_views([(False, "form")])
    return etree.fromstring(views["views"]["form"]["arch"]), views["models"][record._name]["fields"]


def is_shown(record, node):
    """Whether ``node`` is visible on ``record``'s form (its ``invisible`` and its parents')."""
    while node is not None and isinstance(node.tag, str):
        invisible = node.get("invisible")
        if invisible and eval_on_record(record, invisible):
            return False
        node = node.getparent()
    return True


def _in_subview(node):
    return any(parent.tag == "field" for parent in node.iterancestors())


def shown_labels(record, field_name, user=None):
    """The labels shown for ``field_name`` on ``record``'s form: explicit ``<label>``s and
    the label a ``<group>`` gives a field without ``nolabel``."""
    arch, fields = form_arch(record, user)
    default = fields.get(field_name, {}).get("string")
    ids = {field_name}
    labels = []
    for node in arch.iter("field"):
        if node.get("name") != field_name or _in_subview(node):
            continue
        if node.get("id"):
            ids.add(node.get("id"))
        if not is_shown(record, node):
            continue
        if node.getparent().tag == "group" and node.get("nolabel") not in ("1", "True"):
            labels.append(node.get("string") or default)
    for node in arch.iter("label"):
        if node.get("for") in ids and not _in_subview(node) and is_shown(record, node):
            labels.append(node.get("string") or default)
    return labels


def shown_fields(record, field_name, user=None):
    """How many times ``field_name`` is visible on ``record``'s form (subviews aside)."""
    arch, _fields = form_arch(record, user)
    return sum(
        1
        for node in arch.iter("field")
        if node.get("name") == field_name and not _in_subview(node) and is_shown(record, node)
    )
