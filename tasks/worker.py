"""Worker and beat entry: `celery -A tasks.worker worker` / `celery -A tasks.worker beat`."""

from courier.app import create_app

celery_app = create_app().extensions["celery"]
