"""Settings for the benchmark only: the product's settings plus a URLconf with a bare view.

gunicorn and the in-process runs select it with DJANGO_SETTINGS_MODULE=bench.settings
(PYTHONPATH holds the repository root and src/). Everything else comes from the environment
exactly as in production (DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, STATIC_MANIFEST).
"""

from arshjul.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
