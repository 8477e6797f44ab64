from django.urls import path

from . import views

app_name = "assignments"
urlpatterns = [
    path("todo/", views.todo, name="todo"),
    path("", views.board, name="board"),
    path("export.xlsx", views.board_export, name="export"),
    path("remind/", views.board_remind, name="remind"),
    path("items/new/", views.item_create, name="create"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="edit"),
    path("items/<int:pk>/act/<str:verb>/", views.item_act, name="act"),
    path("items/<int:pk>/decompose/", views.decompose, name="decompose"),
    path("items/<int:pk>/plan/", views.plan, name="plan"),
    path("items/<int:pk>/report/", views.report, name="report"),
    path("items/<int:pk>/extension/", views.extension_request, name="extension"),
    path("milestones/<int:pk>/", views.milestone_edit, name="milestone"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("reports/<int:pk>/review/", views.review, name="review"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path("units/<int:pk>/", views.unit_dashboard, name="unit"),
    path("leader/", views.leader_dashboard, name="leader"),
    path("weekly/", views.weekly, name="weekly"),
    path("weekly.xlsx", views.weekly_xlsx, name="weekly_xlsx"),
    path("weekly.docx", views.weekly_docx, name="weekly_docx"),
    path("import/", views.import_ledger, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("summons/", views.summons_list, name="summons"),
    path("summons/<int:pk>/", views.summons_follow_up, name="summons_follow_up"),
]
