from django.urls import path

from . import views

app_name = "rectification"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("new/", views.item_create, name="item_create"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("<int:pk>/step/<slug:verb>/", views.item_step, name="item_step"),
    path("<int:pk>/progress/", views.item_progress, name="item_progress"),
    path("<int:pk>/measures/", views.measure_add, name="measure_add"),
    path("measures/<int:pk>/state/", views.measure_state, name="measure_state"),
    path("<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("<int:pk>/reinspection/", views.reinspection_schedule, name="reinspection_schedule"),
    path("<int:pk>/reinspection/result/", views.reinspection_result,
         name="reinspection_result"),
    path("<int:pk>/case/", views.case_create, name="case_create"),
    path("export.xlsx", views.export_xlsx, name="export"),
    path("exports/<int:pk>/", views.export_job, name="export_job"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("report.docx", views.report_docx, name="report"),
    path("import/", views.import_ledger, name="import"),
    path("statistics/", views.statistics, name="stats"),
    path("public/", views.public, name="public"),
    path("checklists/", views.checklists, name="checklists"),
    path("checklists/new/", views.checklist_create, name="checklist_create"),
    path("checklists/<int:pk>/", views.checklist_detail, name="checklist"),
    path("checklists/answer/<int:pk>/", views.checklist_answer, name="checklist_answer"),
    path("cases/", views.cases, name="cases"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/<slug:decision>/", views.case_review, name="case_review"),
]
