from django.urls import path

from zicht.barriers import views

app_name = "barriers"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.start, name="start"),
    path("<int:year>/", views.model_page, name="model"),
    path("<int:year>/vergelijking/", views.comparison, name="comparison"),
    path("<int:year>/afdrukken/", views.print_page, name="print"),
    path("<int:year>/pdf/", views.pdf, name="pdf"),
    path("<int:year>/barrieres/nieuw/", views.add, name="add"),
    path("barrieres/<int:barrier_id>/", views.barrier_page, name="barrier"),
    path("barrieres/<int:barrier_id>/beschrijven/", views.describe, name="describe"),
    path("barrieres/<int:barrier_id>/beoordelen/", views.rate, name="rate"),
]
