// The live preview panel and preview links (articles/admin/preview.py).
'use strict';
{
    // Quiet time after the last keystroke before the preview asks the server again.
    const DEBOUNCE_MS = 800;
    // How often to notice changes no input event announces (rows added, reordered, removed).
    const POLL_MS = 1500;
    const STORAGE_KEY = 'filmculture.preview';

    function remembered() {
        try {
            return JSON.parse(window.sessionStorage.getItem(STORAGE_KEY)) || {};
        } catch {
            return {};
        }
    }

    function remember(state) {
        try {
            window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify({...remembered(), ...state}));
        } catch {
            // Private windows may refuse storage: the panel just starts closed.
        }
    }

    function livePreview(root) {
        const form = document.getElementById(root.dataset.form);
        if (!form) {
            return;
        }
        const url = root.dataset.url;
        const toggle = root.querySelector('.live-preview__toggle');
        const panel = root.querySelector('.live-preview__panel');
        const frame = root.querySelector('.live-preview__frame');
        const viewport = root.querySelector('.live-preview__viewport');
        const status = root.querySelector('.live-preview__status');
        const closeButton = root.querySelector('.live-preview__close');
        const widthButtons = root.querySelectorAll('[data-preview-width]');
        const csrf = form.querySelector('input[name=csrfmiddlewaretoken]');

        let open = false;
        let lastSent = null;
        let timer = null;
        let pending = null;
        let lastInputAt = 0;

        // The form as it would be posted, less files: an image goes up with Save, not with
        // every keystroke. The key tells whether anything changed since the last preview.
        function snapshot() {
            const entries = [...new FormData(form).entries()].filter(
                ([, value]) => !(value instanceof File)
            );
            const body = new FormData();
            for (const [name, value] of entries) {
                body.append(name, value);
            }
            return {body, key: new URLSearchParams(entries).toString()};
        }

        function show(html) {
            let scrolled = 0;
            try {
                scrolled = frame.contentWindow.scrollY;
            } catch {
                scrolled = 0;
            }
            frame.addEventListener('load', () => {
                try {
                    frame.contentWindow.scrollTo(0, scrolled);
                } catch {
                    // Nothing to keep: the reader starts at the top.
                }
            }, {once: true});
            frame.srcdoc = html;
        }

        async function refresh(force = false) {
            if (!open) {
                return;
            }
            const {body, key} = snapshot();
            if (!force && key === lastSent) {
                return;
            }
            lastSent = key;
            if (pending) {
                pending.abort();
            }
            const controller = new AbortController();
            pending = controller;
            panel.classList.add('is-updating');
            try {
                const response = await fetch(url, {
                    method: 'POST',
                    body,
                    credentials: 'same-origin',
                    headers: {'X-CSRFToken': csrf ? csrf.value : ''},
                    signal: controller.signal,
                });
                if (!response.ok) {
                    throw new Error(response.status === 403
                        ? 'you may not preview this essay'
                        : `the server answered ${response.status}`);
                }
                const html = await response.text();
                if (pending === controller) {
                    show(html);
                    status.textContent = '';
                }
            } catch (error) {
                if (error.name === 'AbortError') {
                    return;
                }
                lastSent = null;  // try again at the next change
                status.textContent = `The preview could not be updated (${error.message}). ` +
                    'Your text is still in the form.';
            } finally {
                if (pending === controller) {
                    pending = null;
                    panel.classList.remove('is-updating');
                }
            }
        }

        function changed() {
            lastInputAt = Date.now();
            if (!open) {
                return;
            }
            window.clearTimeout(timer);
            timer = window.setTimeout(refresh, DEBOUNCE_MS);
        }

        function setOpen(value, {focus = true} = {}) {
            open = value;
            panel.hidden = !value;
            toggle.setAttribute('aria-expanded', String(value));
            document.body.classList.toggle('live-preview-open', value);
            remember({open: value});
            if (value) {
                refresh(true);
            } else if (focus) {
                toggle.focus();
            }
        }

        function setWidth(width) {
            viewport.dataset.width = width;
            for (const button of widthButtons) {
                button.setAttribute('aria-pressed', String(button.dataset.previewWidth === width));
            }
            remember({width});
        }

        toggle.addEventListener('click', () => setOpen(!open));
        closeButton.addEventListener('click', () => setOpen(false));
        panel.addEventListener('keydown', (event) => {
            if (event.key === 'Escape') {
                setOpen(false);
            }
        });
        for (const button of widthButtons) {
            button.addEventListener('click', () => setWidth(button.dataset.previewWidth));
        }
        form.addEventListener('input', changed);
        form.addEventListener('change', changed);
        document.addEventListener('formset:added', changed);
        document.addEventListener('formset:removed', changed);
        window.setInterval(() => {
            if (open && Date.now() - lastInputAt >= DEBOUNCE_MS) {
                refresh();
            }
        }, POLL_MS);

        const state = remembered();
        setWidth(state.width === 'phone' ? 'phone' : 'desktop');
        if (state.open) {
            setOpen(true, {focus: false});
        }
    }

    function previewLinks(details) {
        if (window.location.hash === '#preview-links') {
            details.open = true;
        }
        for (const button of details.querySelectorAll('[data-copy]')) {
            button.addEventListener('click', async () => {
                const field = document.getElementById(button.dataset.copy);
                field.select();
                try {
                    await navigator.clipboard.writeText(field.value);
                    button.firstChild.textContent = 'Copied';
                } catch {
                    // Without clipboard access the link stays selected for Ctrl+C.
                }
            });
        }
    }

    function init() {
        document.querySelectorAll('[data-live-preview]').forEach(livePreview);
        document.querySelectorAll('#preview-links').forEach(previewLinks);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
}
