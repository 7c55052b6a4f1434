"""The production route's files agree with each other (run by ./clinic lint and the tests).

- requirements.txt holds the runtime only, and each line is used by an addon: a
  manifest's ``external_dependencies`` (Python) or ``depends`` (an OCA addon wheel);
  every Python package a manifest names is in requirements.txt; requirements-dev.txt
  includes the runtime file and adds only what is not runtime.
- The Dockerfile starts from a pinned odoo:19.0 tag, installs requirements.txt and
  docker/apt-packages.txt through docker/install-runtime.sh, copies the addons and the
  production config, and enters through docker/clinic-entrypoint.sh.
- docker-compose.yml builds that image and mounts nothing over the addons; its image
  tags are pinned; the "cluster" profile has two web nodes without cron threads, one
  cron node without HTTP, PostgreSQL and a proxy whose upstreams are exactly the web
  nodes on the HTTP and bus ports of docker/odoo.conf; every Odoo node shares one
  filestore volume and one database; proxy_mode is on.

``problems(root)`` returns the list of disagreements (empty when all agree), so a test
can run it on a broken copy of the files and see it complain.
"""

import ast
import configparser
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# Import name (manifest) -> distribution name (requirements) where they differ.
DIST_NAMES = {}
REQ_RE = re.compile(r"^([A-Za-z0-9_.\-]+)\s*(==|>=|~=)\s*([^\s;#]+)")
PINNED_TAG_RE = re.compile(r"^[\w./-]+:\d+(\.\d+)+([-\w.]*)?$")


def _norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def read_requirements(path):
    """{normalised name: line} of a requirements file, and its -r includes."""
    reqs, includes = {}, []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            includes.append(line[3:].strip())
            continue
        match = REQ_RE.match(line)
        if not match:
            reqs[_norm(line)] = line
            continue
        reqs[_norm(match.group(1))] = line
    return reqs, includes


def manifests(root):
    for path in sorted((root / "addons").glob("*/__manifest__.py")):
        yield path.parent.name, ast.literal_eval(path.read_text(encoding="utf-8"))


def requirement_problems(root):
    out = []
    runtime, runtime_includes = read_requirements(root / "requirements.txt")
    dev, dev_includes = read_requirements(root / "requirements-dev.txt")
    if runtime_includes:
        out.append("requirements.txt must not include other files: it is the runtime list")
    if "requirements.txt" not in dev_includes:
        out.append("requirements-dev.txt must include the runtime file (-r requirements.txt)")
    for name in sorted(set(runtime) & set(dev)):
        out.append(f"{name} is in both requirements.txt and requirements-dev.txt")
    for line in runtime.values():
        if not REQ_RE.match(line) or "==" not in line:
            out.append(f"requirements.txt: {line!r} is not pinned with ==")
    used = set()
    for addon, manifest in manifests(root):
        # The test addon's needs are development needs.
        if addon.startswith("test_"):
            continue
        for package in manifest.get("external_dependencies", {}).get("python", []):
            dist = _norm(DIST_NAMES.get(package, package))
            used.add(dist)
            if dist not in runtime:
                out.append(
                    f"{addon} needs the Python package {package}: add it to requirements.txt"
                )
        for dep in manifest.get("depends", []):
            dist = _norm(f"odoo-addon-{dep}")
            if dist in runtime:
                used.add(dist)
    for name in sorted(set(runtime) - used):
        out.append(
            f"requirements.txt lists {name}, which no addon's manifest names "
            "(external_dependencies or depends): runtime holds only what an addon uses"
        )
    return out


def dockerfile_problems(root):
    out = []
    path = root / "Dockerfile"
    if not path.exists():
        return ["Dockerfile is missing"]
    text = path.read_text(encoding="utf-8")
    args = dict(re.findall(r"^ARG (\w+)=(\S+)", text, re.MULTILINE))
    froms = re.findall(r"^FROM (\S+)", text, re.MULTILINE)
    if len(froms) != 1:
        out.append("the Dockerfile must have exactly one FROM")
    else:
        image = re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), ""), froms[0])
        if not image.startswith("odoo:19.0") or not PINNED_TAG_RE.match(image):
            out.append(f"the Dockerfile must start FROM a pinned odoo:19.0 tag, not {image!r}")
    needed = {
        "docker/install-runtime.sh": "installs requirements.txt and docker/apt-packages.txt",
        "requirements.txt": "is the runtime list install-runtime.sh reads",
        "docker/apt-packages.txt": "is the system list install-runtime.sh reads",
        "docker/odoo.conf": "is the production configuration",
        "docker/clinic-entrypoint.sh": "installs or updates the clinic on start",
    }
    for file, why in needed.items():
        if not re.search(rf"^COPY .*\b{re.escape(file)}\b", text, re.MULTILINE):
            out.append(f"the Dockerfile must COPY {file} (it {why})")
    if not re.search(r"^RUN .*install-runtime\.sh", text, re.MULTILINE | re.DOTALL):
        out.append("the Dockerfile must RUN docker/install-runtime.sh")
    if not re.search(r"^COPY .*\baddons /mnt/extra-addons", text, re.MULTILINE):
        out.append("the Dockerfile must COPY addons to /mnt/extra-addons")
    if "clinic-entrypoint.sh" not in "".join(re.findall(r"^ENTRYPOINT (.*)$", text, re.MULTILINE)):
        out.append("the Dockerfile's ENTRYPOINT must be clinic-entrypoint.sh")
    script = (root / "docker" / "install-runtime.sh").read_text(encoding="utf-8")
    for file in ("requirements.txt", "apt-packages.txt"):
        if file not in script:
            out.append(f"docker/install-runtime.sh does not read {file}")
    return out


def _command(service):
    cmd = service.get("command") or []
    return cmd if isinstance(cmd, list) else cmd.split()


def _flag(cmd, name):
    """Value of --name=V or --name V in a command list; True for a bare flag."""
    for i, part in enumerate(cmd):
        if part == f"--{name}":
            nxt = cmd[i + 1] if i + 1 < len(cmd) else None
            return nxt if nxt and not nxt.startswith("-") else True
        if part.startswith(f"--{name}="):
            return part.split("=", 1)[1]
    return None


def config_problems(options):
    out = []
    if options.get("proxy_mode", "False").lower() not in ("true", "1"):
        out.append("docker/odoo.conf must set proxy_mode = True (Odoo runs behind a proxy)")
    if options.get("list_db", "True").lower() not in ("false", "0"):
        out.append("docker/odoo.conf must set list_db = False (no database manager)")
    if options.get("dbfilter") or not options.get("db_name"):
        out.append(
            "docker/odoo.conf must name its database (db_name) without a dbfilter: a filter "
            "makes Odoo list the databases over a second connection on every request"
        )
    if int(options.get("workers", "0")) < 2:
        out.append("docker/odoo.conf must serve in prefork mode (workers >= 2)")
    return out


def node_problems(name, service):
    """What every Odoo node of either profile must be."""
    out = []
    if service.get("build") not in (".", {"context": "."}):
        out.append(f"service {name} must build the clinic image from ./Dockerfile")
    volumes = service.get("volumes", [])
    if any(":/mnt/extra-addons" in str(v) for v in volumes):
        out.append(f"service {name} mounts over /mnt/extra-addons: the image has them")
    if "odoo-data:/var/lib/odoo" not in volumes:
        out.append(f"service {name} must share the odoo-data volume at /var/lib/odoo")
    if service.get("environment", {}).get("HOST") != "db":
        out.append(f"service {name} must use the database service db")
    if _flag(_command(service), "proxy-mode") in ("False", "false", "0"):
        out.append(f"service {name} turns proxy_mode off")
    return out


def cluster_problems(web, cron):
    out = []
    if len(web) != 2:
        out.append(f"the cluster profile must have two web nodes, not {sorted(web)}")
    if len(cron) != 1:
        out.append(f"the cluster profile must have one cron node, not {sorted(cron)}")
    for name, service in web.items():
        if _flag(_command(service), "max-cron-threads") != "0":
            out.append(f"web node {name} must run no cron threads (--max-cron-threads=0)")
        if service.get("ports"):
            out.append(f"web node {name} publishes ports: only the proxy does")
        if service.get("environment", {}).get("CLINIC_INIT"):
            out.append(f"web node {name} must not install or update: the cron node does")
    for name, service in cron.items():
        threads = _flag(_command(service), "max-cron-threads")
        if threads in (None, True) or int(threads) < 1:
            out.append(f"cron node {name} must run cron threads (--max-cron-threads>=1)")
    return out


def proxy_problems(root, proxy, web, http_port, bus_port):
    if not proxy or "cluster" not in proxy.get("profiles", []):
        return ["the cluster profile must have a proxy service"]
    mounts = [str(v).split(":")[0] for v in proxy.get("volumes", [])]
    confs = [m for m in mounts if m.endswith(".conf")]
    if len(confs) != 1:
        return ["the proxy must mount one nginx configuration file"]
    out = []
    nginx = (root / confs[0]).read_text(encoding="utf-8")
    upstreams = dict(re.findall(r"upstream (\w+) \{([^}]*)\}", nginx))
    servers = [sorted(re.findall(r"server ([\w.-]+:\d+);", body)) for body in upstreams.values()]
    expected_http = sorted(f"{n}:{http_port}" for n in web)
    expected_bus = sorted(f"{n}:{bus_port}" for n in web)
    if expected_http not in servers:
        out.append(f"the proxy must balance HTTP over exactly {expected_http}")
    if expected_bus not in servers:
        out.append(f"the proxy must send /websocket to exactly {expected_bus}")
    for header in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host"):
        if f"proxy_set_header {header}" not in nginx:
            out.append(f"the proxy must set {header} (proxy_mode relies on it)")
    if "$proxy_add_x_forwarded_for" in nginx:
        out.append("the proxy must replace X-Forwarded-For, not append the client's")
    return out


def compose_problems(root):
    compose = yaml.safe_load((root / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose.get("services", {})
    conf = configparser.ConfigParser()
    conf.read(root / "docker" / "odoo.conf")
    options = conf["options"]
    out = config_problems(options)
    for name, service in services.items():
        image = service.get("image", "")
        if not PINNED_TAG_RE.match(re.sub(r"\$\{\w+:-([^}]+)\}", r"\1", image)):
            out.append(f"service {name}: image {image!r} is not pinned to a version")
    odoo_nodes = {n: s for n, s in services.items() if n not in ("db", "proxy")}
    for name, service in odoo_nodes.items():
        out += node_problems(name, service)
    cluster = {n: s for n, s in odoo_nodes.items() if "cluster" in s.get("profiles", [])}
    web = {n: s for n, s in cluster.items() if _flag(_command(s), "no-http") is None}
    cron = {n: s for n, s in cluster.items() if _flag(_command(s), "no-http") is not None}
    out += cluster_problems(web, cron)
    out += proxy_problems(
        root,
        services.get("proxy"),
        web,
        options.get("http_port", "8069"),
        options.get("gevent_port", "8072"),
    )
    single = [n for n, s in odoo_nodes.items() if "single" in s.get("profiles", [])]
    if len(single) != 1:
        out.append(f"the single profile must have one Odoo node, not {sorted(single)}")
    return out


def problems(root=ROOT):
    root = Path(root)
    return requirement_problems(root) + dockerfile_problems(root) + compose_problems(root)


def main():
    found = problems()
    for problem in found:
        print(f"    {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
