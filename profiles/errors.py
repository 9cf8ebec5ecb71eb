from django.shortcuts import render


def page_not_found(request, exception=None):
    """A friendly 404 with the search box and a way to suggest a new profile."""
    return render(request, "404.html", status=404)
