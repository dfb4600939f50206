"""A whole class on JupyterHub (issue 15): nbgitpuller links, collection from home folders, a local test hub.

* :mod:`ckm_course.hub.link` builds the nbgitpuller link instructors paste into their LMS;
* :mod:`ckm_course.hub.homes` expands a glob over home folders for ``ckm-course grade`` and
  names the student of a file that carries no identity (its home folder's owner);
* ``jupyterhub_config.py`` is the local, test-only hub ``make hub`` starts on 127.0.0.1.
"""
