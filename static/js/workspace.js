// The editor's workspace, made quicker: the preview follows typing, Cite and Find work in
// place, infobox rows are added and moved without a page load, and a cited source's marker
// goes where the cursor was. Without this script every button still works by sending the form.

const form = document.getElementById("workspace-form");
if (form) {
  const preview = document.getElementById("preview");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let lastText = form.querySelector("textarea[name=body]");
  let timer = null;
  let sequence = 0;

  form.addEventListener("focusin", (event) => {
    const field = event.target;
    if (field.matches("textarea, input[name$=-value]")) lastText = field;
  });

  // The preview, rendered on the server by the public page's own code, half a second after the
  // last keystroke; an answer to an older request never replaces a newer one.
  async function refreshPreview() {
    const mine = ++sequence;
    // URL-encoded, not multipart: a form of 60 citations is some 700 fields, which Django
    // reads several times faster this way.
    const data = new URLSearchParams(new FormData(form));
    if (form.dataset.profile) data.set("profile", form.dataset.profile);
    const response = await fetch(form.dataset.previewUrl, {
      method: "POST",
      body: data,
      headers: { "X-CSRFToken": csrf },
      credentials: "same-origin",
    });
    if (!response.ok || mine !== sequence) return;
    const answer = await response.json();
    preview.innerHTML = answer.html;
  }
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refreshPreview, 500);
  });

  // Rows of a formset: a new one from its <template>, numbered after the others.
  function addRow(prefix) {
    const total = form.querySelector(`input[name=${prefix}-TOTAL_FORMS]`);
    const index = Number(total.value);
    const template = document.getElementById(`${prefix}-empty-row`);
    const html = template.innerHTML.replaceAll("__prefix__", String(index));
    const list = form.querySelector(`[data-formset=${prefix}]`);
    list.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const row = list.lastElementChild;
    showRowTools(row);
    return { row, index };
  }

  function showRowTools(row) {
    row.querySelectorAll("[data-move]").forEach((button) => (button.hidden = false));
    row.querySelectorAll(".workspace-order").forEach((label) => (label.hidden = true));
  }

  function renumber(list) {
    list.querySelectorAll("input[name$=-ORDER]").forEach((input, position) => {
      input.value = String(position + 1);
    });
  }

  form.querySelectorAll("[data-add-row]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const { row } = addRow(button.dataset.addRow);
      renumber(row.parentElement);
      row.querySelector("select, input")?.focus();
    });
  });
  form.querySelectorAll("[data-formset=facts] > li").forEach(showRowTools);
  form.querySelectorAll("[data-formset=facts]").forEach(renumber);
  form.addEventListener("click", (event) => {
    const move = event.target.closest("[data-move]");
    if (!move) return;
    const row = move.closest("li");
    const other = move.dataset.move === "up" ? row.previousElementSibling : row.nextElementSibling;
    if (!other) return;
    if (move.dataset.move === "up") other.before(row);
    else other.after(row);
    renumber(row.parentElement);
    move.focus();
    form.dispatchEvent(new Event("input"));
  });

  // A marker at the cursor (or at the end of the text when no text field had the focus).
  function insertMarker(key) {
    const field = lastText;
    const marker = `[^${key}]`;
    const at = field.selectionEnd ?? field.value.length;
    field.value = field.value.slice(0, at) + marker + field.value.slice(at);
    field.focus();
    field.setSelectionRange(at + marker.length, at + marker.length);
    form.dispatchEvent(new Event("input"));
  }

  function takenKeys() {
    return [...form.querySelectorAll("input[name^=citations-][name$=-key]")].map((i) => i.value);
  }

  function addCitation(key, fields) {
    const { row, index } = addRow("citations");
    row.querySelector(`[name=citations-${index}-key]`).value = key;
    for (const [name, value] of Object.entries(fields)) {
      const input = row.querySelector(`[name=citations-${index}-${name}]`);
      if (input) input.value = value ?? "";
    }
    return row;
  }

  const status = document.getElementById("cite-status");
  form.querySelector("[data-cite]")?.addEventListener("click", async (event) => {
    event.preventDefault();
    const url = document.getElementById("cite-url").value.trim();
    const query = new URLSearchParams({ url });
    takenKeys().forEach((key) => query.append("taken", key));
    const response = await fetch(`${form.dataset.citeUrl}?${query}`, { credentials: "same-origin" });
    const answer = await response.json();
    if (!response.ok) {
      status.textContent = answer.error;
      return;
    }
    if (answer.found) {
      const row = addCitation(answer.key, { source: answer.source.id, accessed: answer.accessed });
      row.querySelector(".workspace-new-source")?.replaceWith(storedSource(answer.source));
      status.textContent = `We have this page: “${answer.source.title}”. Cited as [^${answer.key}].`;
    } else {
      addCitation(answer.key, answer.new);
      status.textContent = `A new source, cited as [^${answer.key}]: check its details below.`;
    }
    insertMarker(answer.key);
    document.getElementById("cite-url").value = "";
  });

  function storedSource(source) {
    const line = document.createElement("p");
    line.className = "mb-0 small workspace-stored-source";
    const cite = document.createElement("cite");
    cite.textContent = `“${source.title}”`;
    line.append(cite);
    const rest = [source.publication, source.date].filter(Boolean).join(", ");
    line.append(rest ? `, ${rest} ` : " ");
    const where = document.createElement("span");
    where.className = "text-body-secondary text-break";
    where.textContent = source.domain;
    line.append(where);
    return line;
  }

  const results = document.getElementById("source-results");
  form.querySelector("[data-find]")?.addEventListener("click", async (event) => {
    event.preventDefault();
    const query = new URLSearchParams({ q: document.getElementById("source-query").value });
    takenKeys().forEach((key) => query.append("taken", key));
    const response = await fetch(`${form.dataset.sourcesUrl}?${query}`, {
      credentials: "same-origin",
    });
    const answer = await response.json();
    results.replaceChildren(
      ...answer.results.map((source) => {
        const item = document.createElement("li");
        item.className = "source-choice d-flex gap-2 align-items-start mb-2";
        const button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-sm btn-outline-primary";
        button.textContent = "Cite this";
        button.addEventListener("click", () => citeStored(source));
        const text = storedSource(source);
        text.append(` · cited by ${source.citing} profile${source.citing === 1 ? "" : "s"}`);
        item.append(button, text);
        return item;
      }),
    );
    if (!answer.results.length) results.textContent = "No source matches.";
  });

  function citeStored(source) {
    const key = source.key;
    const row = addCitation(key, { source: source.id });
    row.querySelector(".workspace-new-source")?.replaceWith(storedSource(source));
    status.textContent = `Cited “${source.title}” as [^${key}].`;
    insertMarker(key);
  }
}
