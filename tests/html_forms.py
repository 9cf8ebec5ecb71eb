"""Submitting HTML forms the way a browser would, from the page the server sent."""


def form_data(form):
    """The data a browser sends for this <form> (a BeautifulSoup tag) as it stands."""
    data = {}

    def add(name, value):
        data.setdefault(name, []).append(value)

    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            # Browsers drop the newline that follows the opening tag.
            text = field.get_text()
            add(name, text[1:] if text.startswith("\n") else text)
        elif field.name == "select":
            options = field.find_all("option")
            chosen = [option for option in options if option.has_attr("selected")]
            if not chosen and options and not field.has_attr("multiple"):
                chosen = options[:1]
            for option in chosen:
                add(name, option.get("value", option.get_text()))
        else:
            kind = field.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                continue
            if kind in {"checkbox", "radio"}:
                if field.has_attr("checked"):
                    add(name, field.get("value", "on"))
                continue
            add(name, field.get("value", ""))
    return data
