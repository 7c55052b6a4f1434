#!/bin/bash
# Entry point of the clinic image: optionally install or update the clinic's
# application module, then hand over to the official image's entry point.
#   CLINIC_DB        database to serve and initialise (default: clinic)
#   CLINIC_INIT      "install": install crm_clinic when absent, update it when present;
#                    "update": update crm_clinic; empty (default): serve only
#   CLINIC_MODULE    module to install or update (default: crm_clinic)
#   ODOO_ENTRYPOINT  the command that runs Odoo with the database arguments
#                    (default: the official image's /entrypoint.sh)
set -euo pipefail
DB=${CLINIC_DB:-clinic}
MODULE=${CLINIC_MODULE:-crm_clinic}
ENTRY=${ODOO_ENTRYPOINT:-/entrypoint.sh}

case "${CLINIC_INIT:-}" in
    "") ;;
    install)
        # -i installs it when absent; -u updates it when it is already installed.
        echo "clinic: installing or updating $MODULE in $DB" >&2
        "$ENTRY" odoo -d "$DB" -i "$MODULE" -u "$MODULE" --stop-after-init --no-http
        ;;
    update)
        echo "clinic: updating $MODULE in $DB" >&2
        "$ENTRY" odoo -d "$DB" -u "$MODULE" --stop-after-init --no-http
        ;;
    *) echo "clinic: CLINIC_INIT must be empty, install or update" >&2; exit 2 ;;
esac
exec "$ENTRY" "$@"
