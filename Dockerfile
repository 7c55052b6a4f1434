# Clinic CRM for Odoo: the official Odoo 19 image with what the clinic addons need.
#   docker compose build && CLINIC_INIT=install docker compose --profile single up -d
# Pinned to a dated release of the image; bump it deliberately (docs/DEPLOYMENT.md).
ARG ODOO_IMAGE=odoo:19.0-20260118
FROM ${ODOO_IMAGE}

USER root
# System and Python packages, from the same lists ./clinic and the tests use.
COPY docker/apt-packages.txt docker/install-runtime.sh /opt/clinic/docker/
COPY requirements.txt /opt/clinic/
# Ubuntu's Python is "externally managed": the image's Odoo lives in it, so we add to it.
RUN APT=install PIP="python3 -m pip" PIP_FLAGS="--break-system-packages --no-cache-dir" \
        /opt/clinic/docker/install-runtime.sh

COPY --chown=odoo:odoo docker/odoo.conf /etc/odoo/odoo.conf
COPY --chmod=0755 docker/clinic-entrypoint.sh /usr/local/bin/clinic-entrypoint.sh
# /mnt/extra-addons is a VOLUME of the base image: COPY (not RUN) is what persists there,
# and nothing may be mounted over it at run time.
COPY --chown=odoo:odoo addons /mnt/extra-addons

USER odoo
EXPOSE 8069 8072
HEALTHCHECK --interval=30s --timeout=10s --retries=5 \
    CMD curl -fsS http://127.0.0.1:8069/web/health || exit 1
ENTRYPOINT ["/usr/local/bin/clinic-entrypoint.sh"]
CMD ["odoo"]
