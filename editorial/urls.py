from django.urls import path

app_name = "editorial"

urlpatterns = []
