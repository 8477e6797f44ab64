from django.urls import path

from . import views

app_name = "rectification"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("<int:pk>/", views.item_detail, name="item"),
]
