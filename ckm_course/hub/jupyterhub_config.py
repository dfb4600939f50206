"""A local, TEST-ONLY JupyterHub for the course (issue 15): ``make hub`` and ``tests/e2e/test_hub.py``.

NOT FOR A REAL CLASS. Everyone who knows the one shared password can log in as any student, and
every student's server runs as the user who started the hub, in a plain folder, with no
isolation (``SimpleLocalProcessSpawner``). It listens on 127.0.0.1 only. A real class uses its
university's hub, TLJH or Zero to JupyterHub (README, "Running a class").

Set by environment variables (``make hub`` and the test set them; defaults in brackets):

* ``CKM_HUB_PORT`` [8000]: the hub's port on 127.0.0.1;
* ``CKM_HUB_STATE`` [build/hub]: the hub's database, cookie secret and logs;
* ``CKM_HUB_HOMES`` [build/hub/home]: one home folder per student, ``<homes>/<username>``;
* ``CKM_HUB_PASSWORD`` [ckm-test-only]: the shared test password (at least 8 characters);
* ``CKM_HUB_USERS`` [anyone]: comma-separated user names allowed to log in;
* ``CKM_HUB_PROXY``: the configurable-http-proxy to run [``.venv/hub/node_modules/.bin/...``,
  installed from ``ckm_course/hub/package-lock.json`` by ``make hub``].

Start it with ``jupyterhub -f ckm_course/hub/jupyterhub_config.py``.
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - JupyterHub provides get_config() when it loads this file

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
STATE = Path(os.environ.get("CKM_HUB_STATE", REPO / "build" / "hub")).resolve()
HOMES = Path(os.environ.get("CKM_HUB_HOMES", STATE / "home")).resolve()
PROXY = os.environ.get("CKM_HUB_PROXY", str(Path(sys.prefix) / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"))
STATE.mkdir(parents=True, exist_ok=True)
HOMES.mkdir(parents=True, exist_ok=True)

# --- loopback only: the public proxy, the hub and every student's server --------------------
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ.get("CKM_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("CKM_HUB_API_PORT", "0")) or c.JupyterHub.port + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{c.JupyterHub.port + 2}"
c.ConfigurableHTTPProxy.command = [PROXY]
c.ConfigurableHTTPProxy.debug = False
c.Spawner.ip = "127.0.0.1"

# --- state in one folder (never the repo root) ----------------------------------------------
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# --- TEST-ONLY login: one shared password, JupyterHub's own SharedPasswordAuthenticator -----
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ.get("CKM_HUB_PASSWORD", "ckm-test-only")
users = [u.strip() for u in os.environ.get("CKM_HUB_USERS", "").split(",") if u.strip()]
if users:
    c.Authenticator.allowed_users = set(users)
else:
    c.Authenticator.allow_all = True

# --- TEST-ONLY spawner: each student's server is a local process in <homes>/<username> -------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
# The offline classroom flags of `make lab`: no news feed, no update check, no PyPI extension manager.
c.Spawner.args = ["--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                  "--LabApp.extension_manager=readonly", *(["--allow-root"] if os.geteuid() == 0 else [])]
c.Spawner.environment = {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}  # git, python, jupyter of .venv
