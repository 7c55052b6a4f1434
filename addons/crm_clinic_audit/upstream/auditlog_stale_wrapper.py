# Copyright 2026 Clinic CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Re-apply OCA auditlog's method wrapper where it has gone stale.

CANDIDATE FIX FOR UPSTREAM: OCA/server-tools, ``auditlog`` 19.0 (checked on 19.0.2.0.1),
``AuditlogRule._patch_methods``. Everything here disappears from this addon once upstream
does the same check; nothing else in the addon depends on it.

The bug
-------
``_patch_method`` wraps ``create``/``write``/``unlink``/``export_data`` of an audited model
by setting the wrapper on the model's *registry class* and remembering the method the class
resolved to at that moment as ``wrapper.origin``; it then sets ``auditlog_ruled_<method>``
on the class, and ``_patch_methods`` skips any model that has this flag.

Odoo does not replace the registry class when an addon that extends the model is loaded
into a registry that already holds it: ``odoo.orm.model_classes.add_to_registry`` reuses
``registry[name]`` and only changes its ``__bases__`` (``_prepare_setup``). The wrapper
stays in the class's own ``__dict__`` and keeps calling the ``origin`` it found before, so

- the new addon's override of the method, now in the class's bases, **never runs** while
  the rule is confirmed (no error, the business logic is silently skipped); and
- because the flag is set, ``_register_hook`` at the end of the loading does not repair it.

The flag is also seen through inheritance: an audited model whose class inherits from
another audited model's class (``_inherit`` of that model with a new ``_name``) and
overrides the method is skipped, although the method it resolves to is no wrapper: its
changes go unaudited.

When it happens
---------------
Whenever a rule is confirmed *before* another addon that overrides one of the audited
methods is loaded in the same process: installing or updating several addons in one run
(``-i crm_clinic_audit,crm_referrals``: this addon's data confirms the ``crm.lead`` and
``res.partner`` rules, then crm_referrals' ``create``/``write`` of both are loaded below
the wrappers and never run), or installing such an addon from the Apps menu on a running
server. A restart hides it (a fresh registry patches the final classes), which is why it
shows in test runs and right after an install, and silently corrupts business logic until
the next restart in production.

The fix
-------
For each confirmed rule and each logged method: if the class's own method is a wrapper
whose ``origin`` is no longer the method found below the class in its MRO, drop it; if the
class resolves to a method that is not a wrapper, wrap it (again). Upstream, the same
test replaces the bare ``hasattr(model, check_attr)`` in ``_patch_methods``.
``test_audit_patch_calls_every_addons_override`` proves it.
"""

# The methods auditlog patches with a wrapper that has an ``origin`` (``read`` is never
# logged by the clinic: form openings are audited by ``web_read`` instead).
PATCHED_METHODS = ("create", "write", "unlink", "export_data")


def _method_below(cls, method):
    """The method ``cls`` would resolve to without its own definition."""
    return next(
        (base.__dict__[method] for base in cls.__mro__[1:] if method in base.__dict__),
        None,
    )


def repatch_stale_wrappers(rules):
    """Wrap again every audited method whose auditlog wrapper is missing or stale.

    :param rules: ``auditlog.rule`` records (any state; only confirmed ones are handled)
    :return: True if a method was patched (the registry must then be signalled)
    """
    updated = False
    for rule in rules.filtered(lambda r: r.state == "confirmed"):
        name = rule.model_id.model or rule.model_model
        if name not in rule.pool:
            continue
        model = rule.env[name]
        cls = rule.pool[name]
        for method in PATCHED_METHODS:
            if not rule[f"log_{method}"]:
                continue
            own = cls.__dict__.get(method)
            if own is not None and hasattr(own, "origin"):
                if own.origin is _method_below(cls, method):
                    continue
                # Stale: it wraps a method the class no longer resolves to.
                delattr(cls, method)
            elif hasattr(getattr(cls, method), "origin"):
                # Wrapped on a class this one inherits from, and still current there.
                continue
            updated = rule._patch_method(model, method, f"auditlog_ruled_{method}") or updated
    return updated
