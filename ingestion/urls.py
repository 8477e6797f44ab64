from django.urls import path

from . import views

app_name = "ingestion"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/tasks/add/", views.task_add, name="task_add"),
    path("<int:pk>/convert/", views.convert, name="convert"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/split/", views.task_split, name="task_split"),
    path("tasks/<int:pk>/merge/", views.task_merge, name="task_merge"),
    path("tasks/<int:pk>/target/", views.task_target, name="task_target"),
    path("tasks/<int:pk>/<str:verb>/", views.task_step, name="task_step"),
]
