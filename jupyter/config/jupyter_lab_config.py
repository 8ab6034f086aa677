# The project's JupyterLab configuration, found through JUPYTER_CONFIG_PATH, which
# bin/jupyter-env.js sets.
import os

_jupyter = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# No calls home and no news prompt in a new browser profile: jupyter/lab/settings/overrides.json
# sets the notification plugin's fetchNews to "false" (the prompt appears while it is unset).
c.LabApp.app_settings_dir = os.path.join(_jupyter, "lab", "settings")
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
