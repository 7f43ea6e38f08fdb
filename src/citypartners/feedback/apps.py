from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "citypartners.feedback"
    label = "feedback"
    verbose_name = "Feedback"
