# The project's Jupyter server configuration, found through JUPYTER_CONFIG_PATH, which
# bin/jupyter-env.js sets (per-user state stays in .jupyter/, untracked).

# One language per lab session (FINSAM_LANG, default sv): see jupyter/python/finsam_lab.py
# (on PYTHONPATH through bin/jupyter-env.js).
c.ServerApp.contents_manager_class = "finsam_lab.LanguageContentsManager"
