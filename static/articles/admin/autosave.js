// Autosave and the concurrent-editing notice (articles/admin/editing.py).
//
// What is typed goes to the editor's autosave slot every few seconds and when the page is
// hidden or left; it is never a save of the essay. An offer to restore an older slot is
// answered before autosaving starts again, so the slot it came from is not overwritten.
"use strict";
{
    const MANAGEMENT = /-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/;
    const FORMSETS = ["sections", "pinned_links"];
    const NOT_FIELDS = new Set(["file", "submit", "button", "reset", "image"]);
    const encoder = new TextEncoder();

    function readJson(response) {
        const type = response.headers.get("content-type") || "";
        return type.includes("application/json") ? response.json().catch(() => null) : null;
    }

    function clock(date) {
        return date.toLocaleTimeString([], {hour: "2-digit", minute: "2-digit", hour12: false});
    }

    function age(since) {
        const seconds = Math.round((Date.now() - since) / 1000);
        if (seconds < 5) {
            return "just now";
        }
        if (seconds < 60) {
            return `${Math.floor(seconds / 5) * 5} s ago`;
        }
        const minutes = Math.floor(seconds / 60);
        return minutes < 60 ? `${minutes} min ago` : `at ${clock(new Date(since))}`;
    }

    class Indicator {
        constructor(element) {
            this.element = element;
            this.text = element && element.querySelector(".autosave-status__text");
            this.live = element && element.querySelector("[role=status]");
        }

        show(state, text) {
            if (!this.element) {
                return;
            }
            this.element.dataset.state = state;
            if (this.text.textContent !== text) {
                this.text.textContent = text;
            }
        }

        // The visible text counts seconds; a screen reader is told only what changed.
        announce(message) {
            if (this.live && this.live.textContent !== message) {
                this.live.textContent = message;
            }
        }
    }

    function start() {
        const configNode = document.getElementById("autosave-config");
        const form = document.getElementById("article_form");
        if (!configNode || !form) {
            return;
        }
        const config = JSON.parse(configNode.textContent);
        const offerNode = document.getElementById("autosave-offer-data");
        const offer = offerNode ? JSON.parse(offerNode.textContent) : null;
        const banner = document.getElementById("autosave-offer");
        const indicator = new Indicator(document.getElementById("autosave-status"));
        const tokenField = form.querySelector("[name=csrfmiddlewaretoken]");
        const token = tokenField ? tokenField.value : "";

        let edits = 0; // input and change events since the page loaded
        let autosaved = 0; // how many of those the slot holds
        let lastSaved = null; // when the slot last took them (this page's clock)
        let request = null; // the autosave under way (a promise)
        let failure = null; // why the last autosave failed, until one succeeds
        let stopped = false; // refused for good: the essay is no longer the user's to edit
        let submitting = false;
        let undecided = Boolean(offer && banner);

        function render() {
            let state = "idle";
            let text = "";
            if (undecided && edits > 0) {
                state = "paused";
                text = "Not saved yet: restore or discard the unsaved changes above first";
            } else if (request) {
                state = "saving";
                text = "Saving…";
            } else if (failure) {
                state = "failed";
                text = failure;
            } else if (lastSaved !== null) {
                state = edits > autosaved ? "dirty" : "saved";
                text = `Saved ${age(lastSaved)}`;
            } else if (edits > autosaved) {
                state = "dirty";
                text = "Not saved yet";
            }
            indicator.show(state, text);
        }

        function fields() {
            const body = new FormData(form);
            let size = 0;
            for (const [name, value] of [...body.entries()]) {
                if (value instanceof File) {
                    body.delete(name);
                } else {
                    size += encoder.encode(name).length + encoder.encode(value).length;
                }
            }
            return size > config.maxBytes ? null : body;
        }

        function fail(message, {retry}) {
            failure = message;
            stopped = stopped || !retry;
            indicator.announce(message);
        }

        function autosave() {
            if (stopped || submitting || undecided || request || edits === autosaved) {
                return;
            }
            const body = fields();
            if (body === null) {
                fail("Too long to autosave: save the essay to keep your changes", {retry: true});
                render();
                return;
            }
            request = send(body, edits);
            render();
        }

        async function send(body, upTo) {
            try {
                const response = await fetch(config.storeUrl, {
                    method: "POST",
                    body,
                    credentials: "same-origin",
                    headers: {"X-CSRFToken": token, Accept: "application/json"},
                });
                const answer = await readJson(response);
                if (response.ok && answer) {
                    const first = lastSaved === null || failure !== null;
                    autosaved = upTo;
                    lastSaved = Date.now();
                    failure = null;
                    if (first) {
                        indicator.announce("Your changes are being saved automatically as you type.");
                    }
                } else if (response.status === 403 || response.status === 404) {
                    const why = answer ? answer.error : "you may not edit this essay.";
                    fail(`Autosave is off: ${why}`, {retry: false});
                } else if (response.status === 413 && answer) {
                    fail(answer.error, {retry: true});
                } else if (response.redirected) {
                    fail("Autosave failed: you are logged out. Log in again in another tab.", {
                        retry: true,
                    });
                } else {
                    fail("Autosave failed — will retry", {retry: true});
                }
            } catch (error) {
                fail("Autosave failed — will retry", {retry: true});
            } finally {
                request = null;
                render();
            }
        }

        // The page may be closed, or discarded by the browser, once it is out of sight.
        function autosaveOnLeaving() {
            if (stopped || submitting || undecided || edits === autosaved) {
                return;
            }
            const body = fields();
            if (body !== null && navigator.sendBeacon(config.storeUrl, body)) {
                autosaved = edits;
                lastSaved = Date.now();
                render();
            }
        }

        function edited() {
            edits += 1;
            render();
        }

        form.addEventListener("input", edited);
        form.addEventListener("change", edited);
        // Moving a section renumbers positions without an input event (section_order.js).
        form.addEventListener("sections:reordered", edited);
        let held = null; // a submission waiting for the autosave under way
        form.addEventListener("submit", (event) => {
            if (held === "waiting") {
                event.preventDefault(); // pressed again while waiting
                return;
            }
            submitting = true;
            if (request && held === null) {
                // An autosave landing after the save would fill the slot the save empties:
                // the save waits for it (a few seconds at most), then goes as pressed.
                event.preventDefault();
                held = "waiting";
                const submitter = event.submitter;
                const waited = new Promise((resolve) => setTimeout(resolve, 3000));
                Promise.race([request, waited]).then(() => {
                    held = "released";
                    form.requestSubmit(submitter);
                });
                return;
            }
            // Another script may still cancel the submission (a check that failed).
            setTimeout(() => {
                if (event.defaultPrevented) {
                    submitting = false;
                    held = null;
                }
            });
        });
        window.addEventListener("beforeunload", (event) => {
            if (!submitting && edits > 0) {
                event.preventDefault();
                event.returnValue = "";
            }
        });
        document.addEventListener("visibilitychange", () => {
            if (document.visibilityState === "hidden") {
                autosaveOnLeaving();
            }
        });
        window.addEventListener("pagehide", autosaveOnLeaving);
        setInterval(autosave, config.autosaveSeconds * 1000);
        setInterval(render, 5000);

        if (undecided) {
            offerRestore(form, banner, offer, {
                token,
                discardUrl: config.discardUrl,
                indicator,
                typed: () => edits > 0,
                decided(restored) {
                    undecided = false;
                    if (restored) {
                        edited();
                    }
                    render();
                },
            });
        }
        if (config.presenceUrl) {
            watchPresence(config, token);
        }
        render();
    }

    // --- Restore or discard what an earlier visit left unsaved --------------------------------

    function offerRestore(form, banner, offer, {token, discardUrl, indicator, typed, decided}) {
        const restoreButton = banner.querySelector("[data-autosave-restore]");
        const discardButton = banner.querySelector("[data-autosave-discard]");
        banner.hidden = false;

        function close(message) {
            banner.hidden = true;
            indicator.announce(message);
            const title = document.getElementById("id_title");
            if (title) {
                title.focus();
            }
        }

        restoreButton.addEventListener("click", () => {
            const replaces = "Restoring replaces what you have typed since opening the page.";
            if (typed() && !window.confirm(`${replaces} Restore anyway?`)) {
                return;
            }
            fill(form, offer.data, offer.labels || {});
            close(`Restored your unsaved changes from ${offer.label}. Save the essay to keep them.`);
            decided(true);
        });
        discardButton.addEventListener("click", async () => {
            discardButton.disabled = true;
            try {
                const response = await fetch(discardUrl, {
                    method: "POST",
                    credentials: "same-origin",
                    headers: {"X-CSRFToken": token, Accept: "application/json"},
                });
                if (!response.ok) {
                    throw new Error(`discard answered ${response.status}`);
                }
                close(`Discarded the unsaved changes from ${offer.label}.`);
                decided(false);
            } catch (error) {
                discardButton.disabled = false;
                indicator.announce("Could not discard the unsaved changes: try again.");
            }
        });
    }

    function setFormCount(form, prefix, wanted) {
        const total = form.querySelector(`[name="${prefix}-TOTAL_FORMS"]`);
        if (!total || !Number.isInteger(wanted)) {
            return;
        }
        // Django's inline script builds each new row, with its widgets, on "Add another".
        const add = document.querySelector(`#${prefix}-group .add-row a`);
        for (let guard = 0; add && Number(total.value) < wanted && guard < 1000; guard++) {
            add.click();
        }
        // Rows saved since the slot was filled: the restored form did not have them.
        for (let index = wanted; index < Number(total.value); index++) {
            const remove = form.querySelector(`[name="${prefix}-${index}-DELETE"]`);
            if (remove && !remove.checked) {
                remove.checked = true;
                remove.dispatchEvent(new Event("change", {bubbles: true}));
            }
        }
    }

    function setSelect(select, values, labels) {
        const known = new Set([...select.options].map((option) => option.value));
        for (const value of values) {
            // Autocomplete selects list only the options saved with the essay.
            if (value && !known.has(value) && labels[value] !== undefined) {
                select.add(new Option(labels[value], value));
                known.add(value);
            }
        }
        if (select.multiple) {
            let changed = false;
            for (const option of select.options) {
                const wanted = values.includes(option.value);
                changed = changed || option.selected !== wanted;
                option.selected = wanted;
            }
            return changed;
        }
        const value = values[0] ?? "";
        if (select.value === value || !known.has(value)) {
            return false;
        }
        select.value = value;
        return true;
    }

    function fill(form, data, labels) {
        for (const prefix of FORMSETS) {
            const total = data[`${prefix}-TOTAL_FORMS`];
            if (total) {
                setFormCount(form, prefix, Number.parseInt(total[0], 10));
            }
        }
        const changed = [];
        for (const element of form.elements) {
            const name = element.name;
            if (
                !name ||
                name === "csrfmiddlewaretoken" ||
                name.includes("__prefix__") ||
                MANAGEMENT.test(name) ||
                NOT_FIELDS.has(element.type)
            ) {
                continue;
            }
            const values = data[name];
            if (element.type === "checkbox" || element.type === "radio") {
                // An unticked box is not posted: absent from the slot means unticked.
                const checked = (values || []).includes(element.value);
                if (element.checked !== checked) {
                    element.checked = checked;
                    changed.push(element);
                }
            } else if (values === undefined) {
                continue;
            } else if (element.tagName === "SELECT") {
                if (setSelect(element, values, labels[name] || {})) {
                    changed.push(element);
                }
            } else if (element.value !== (values[0] ?? "")) {
                // `loaded_version` too: text typed over an older version must meet the
                // conflict check when it is saved, not silently replace a newer one.
                element.value = values[0] ?? "";
                changed.push(element);
            }
        }
        // So that the word count, the preview and select2 catch up.
        for (const element of changed) {
            element.dispatchEvent(new Event("input", {bubbles: true}));
            element.dispatchEvent(new Event("change", {bubbles: true}));
        }
        orderSections();
    }

    // Sections are numbered from their order on screen when the form is submitted
    // (section_order.js): the restored positions must be the order on screen too.
    function orderSections() {
        const group = document.getElementById("sections-group");
        const anchor = document.getElementById("sections-empty");
        if (!group || !anchor) {
            return;
        }
        const rows = [...group.querySelectorAll(".inline-related")].filter(
            (row) => row !== anchor && row.parentNode === anchor.parentNode,
        );
        const position = (row) => {
            const input = row.querySelector("input[name$='-position']");
            const number = Number.parseInt(input ? input.value : "", 10);
            return Number.isNaN(number) ? Number.MAX_SAFE_INTEGER : number;
        };
        const sorted = rows
            .map((row, index) => ({row, index, position: position(row)}))
            .sort((a, b) => a.position - b.position || a.index - b.index)
            .map((entry) => entry.row);
        if (sorted.every((row, index) => row === rows[index])) {
            return;
        }
        for (const row of sorted) {
            anchor.parentNode.insertBefore(row, anchor);
        }
        group.dispatchEvent(
            new CustomEvent("sections:reordered", {bubbles: true, detail: {row: sorted[0]}}),
        );
    }

    // --- "Maria is also editing this essay" -----------------------------------------------

    function watchPresence(config, token) {
        const notice = document.getElementById("autosave-presence");
        let timer = null;
        let company = false; // whether anyone else had the essay open at the last heartbeat

        function body(leave) {
            const fields = new FormData();
            fields.append("csrfmiddlewaretoken", token);
            if (leave) {
                fields.append("leave", "1");
            }
            return fields;
        }

        async function beat() {
            try {
                const response = await fetch(config.presenceUrl, {
                    method: "POST",
                    body: body(false),
                    credentials: "same-origin",
                    headers: {Accept: "application/json"},
                });
                if (response.status === 403 || response.status === 404) {
                    clearInterval(timer);
                    return;
                }
                const answer = await readJson(response);
                if (!response.ok || !answer) {
                    return;
                }
                company = answer.others.length > 0;
                if (notice && notice.textContent !== answer.notice) {
                    notice.textContent = answer.notice;
                }
            } catch (error) {
                // A missed heartbeat only delays the notice; the next one tries again.
            }
        }

        timer = setInterval(beat, config.presenceSeconds * 1000);
        // Alone, nobody is told we are here but those who arrive after our last heartbeat,
        // and only for three heartbeats: leaving says so only when there is company.
        window.addEventListener("pagehide", () => {
            if (company) {
                navigator.sendBeacon(config.presenceUrl, body(true));
            }
        });
        window.addEventListener("pageshow", (event) => {
            if (event.persisted) {
                beat();
            }
        });
        beat();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
