/*
 * Record a meeting or a workshop. The form's fields carry the API's names; it posts through the query
 * service's forwarding to POST /api/projects/{p}/meetings or /workshops, shows the API's 422 messages
 * next to the fields they name, and after saving reads the project's activities at the write's
 * position, so what was saved is listed at once.
 */
(function () {
    'use strict';

    const { h, getJson, getJsonAfter, send, showProblem, clearProblem, showSaved, organisationName } = window.Samverkan;
    const i18n = window.SamverkanI18n;
    const t = i18n.t;
    const KINDS = ['PLANNING', 'CHECK_IN', 'MAPPING', 'FOLLOW_UP', 'RETRO', 'THINK_TANK', 'OTHER'];

    const page = document.getElementById('activity-page');
    const projectId = page.dataset.projectId;
    const api = '/api/projects/' + encodeURIComponent(projectId);
    const form = document.getElementById('activity-form');
    const chosen = new Map(); // orgNumber -> organisation, kept while the search changes
    let project = null;
    let activities = [];
    let lastSavedId = null;
    let searchTimer = null;
    let searchTicket = 0;

    function type() {
        return form.elements.activityType.value;
    }

    function newId() {
        return window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() : null;
    }
    // one id per filled-in form: sending it twice (a double click, a retry) records it once
    let pendingId = newId();

    function drawType() {
        const workshop = type() === 'workshop';
        document.getElementById('kind-field').hidden = workshop;
        document.getElementById('targetGroup-field').hidden = !workshop;
        document.getElementById('notes-field').hidden = workshop;
        document.getElementById('outcome-field').hidden = !workshop;
    }

    function drawSelects() {
        const wp = form.elements.workPackage;
        const selectedWp = wp.value;
        wp.replaceChildren(...(project.workPackages || []).map((w) =>
            h('option', { value: w.number, text: t('work.workPackage', { number: w.number, name: w.name }) })));
        if (selectedWp) {
            wp.value = selectedWp;
        }
        const kind = form.elements.kind;
        const selectedKind = kind.value;
        kind.replaceChildren(...KINDS.map((k) => h('option', { value: k, text: t('kind.' + k) })));
        kind.value = selectedKind || 'PLANNING';
        const date = form.elements.date;
        date.min = project.periodStart || '';
        date.max = project.periodEnd || '';
    }

    function organisationOption(organisation) {
        const id = 'organisation-' + organisation.orgNumber.replace(/[^0-9A-Za-z]/g, '');
        const box = h('input', {
            type: 'checkbox', name: 'organisations', value: organisation.orgNumber, id,
            checked: chosen.has(organisation.orgNumber),
            onchange: (e) => {
                if (e.target.checked) {
                    chosen.set(organisation.orgNumber, organisation);
                } else {
                    chosen.delete(organisation.orgNumber);
                }
            }
        });
        return h('div', { class: 'organisation-option' }, box,
            h('label', { for: id }, organisationName(organisation), ' ', h('span', { class: 'muted small', text: organisation.orgNumber })));
    }

    async function search() {
        const ticket = ++searchTicket;
        const text = document.getElementById('organisation-search').value;
        try {
            const found = await getJson('/api/organisations?q=' + encodeURIComponent(text));
            if (ticket !== searchTicket) {
                return;
            }
            const shown = new Map();
            chosen.forEach((o, n) => shown.set(n, o)); // the chosen ones stay in view
            found.forEach((o) => shown.set(o.orgNumber, o));
            const options = document.getElementById('organisation-options');
            options.replaceChildren(...Array.from(shown.values()).map(organisationOption),
                found.length ? null : h('p', { class: 'muted small', text: t('activity.noOrganisations') }));
        } catch (error) {
            showLoadError(error);
        }
    }

    function body() {
        const e = form.elements;
        const count = (name) => (e[name].value.trim() === '' ? null : Number(e[name].value));
        const common = {
            workPackage: e.workPackage.value === '' ? null : Number(e.workPackage.value),
            date: e.date.value || null,
            title: e.title.value,
            organisations: Array.from(chosen.keys()),
            participants: { women: count('women'), men: count('men'), other: count('other') }
        };
        if (pendingId) {
            common.id = pendingId;
        }
        return type() === 'workshop'
            ? Object.assign(common, { targetGroup: e.targetGroup.value, outcome: e.outcome.value })
            : Object.assign(common, { kind: e.kind.value, notes: e.notes.value });
    }

    async function save(event) {
        event.preventDefault();
        clearProblem(form);
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        try {
            const answer = await send('POST', api + (type() === 'workshop' ? '/workshops' : '/meetings'), body());
            if (!answer.ok) {
                showProblem(form, answer);
                const first = form.querySelector('[aria-invalid="true"]');
                if (first) {
                    first.focus();
                }
                return;
            }
            lastSavedId = answer.body && answer.body.id;
            showSaved(form, t('activity.saved', { title: form.elements.title.value }));
            form.elements.title.value = '';
            form.elements.notes.value = '';
            form.elements.outcome.value = '';
            pendingId = newId();
            await loadActivities(answer.position);
        } catch (error) {
            if (error.status !== 401) {
                showProblem(form, { status: error.status, body: { detail: error.detail } });
            }
        } finally {
            button.disabled = false;
        }
    }

    async function loadActivities(position) {
        activities = await getJsonAfter(api + '/activities', position);
        drawActivities();
    }

    function drawActivities() {
        const list = document.getElementById('recent-activities');
        const newestFirst = activities.slice().sort((a, b) => String(b.date).localeCompare(String(a.date))).slice(0, 30);
        list.replaceChildren(...newestFirst.map((a) => h('li', {
            class: 'work-item' + (a.id === lastSavedId ? ' just-changed' : '') + (a.cancelled ? ' cancelled' : ''),
            'data-testid': 'activity-' + a.id
        },
            h('div', {},
                h('strong', { text: a.title }), ' ',
                h('span', { class: 'muted small', text: i18n.date(a.date) + ' · ' + t('work.wpShort', { number: a.workPackage }) + ' · '
                    + (a.type === 'WORKSHOP' ? t('activity.workshop') : t('kind.' + a.kind)) }),
                a.cancelled ? h('span', { class: 'badge', text: t('activity.cancelled', { reason: a.cancellationReason || '' }) }) : null),
            a.cancelled ? null : cancelForm(a))));
        if (!newestFirst.length) {
            list.append(h('li', { class: 'muted', text: t('activity.none') }));
        }
    }

    /** Cancelling needs a reason; the small form names it as the API does. */
    function cancelForm(activity) {
        const reasonId = 'cancel-reason-' + activity.id;
        const cancel = h('form', { class: 'inline-form', 'data-testid': 'cancel-' + activity.id },
            h('label', { for: reasonId, class: 'small', text: t('activity.cancelReason') }),
            h('input', { id: reasonId, name: 'reason', type: 'text', maxlength: 10000, required: true }),
            h('button', { type: 'submit', class: 'button quiet', text: t('activity.cancel') }),
            h('span', { class: 'form-status', 'data-form-status': true, role: 'status', 'aria-live': 'polite' }));
        cancel.addEventListener('submit', async (event) => {
            event.preventDefault();
            const answer = await send('POST', '/api/activities/' + encodeURIComponent(activity.id) + '/cancellation',
                { reason: cancel.elements.reason.value });
            if (!answer.ok) {
                showProblem(cancel, answer);
                return;
            }
            lastSavedId = activity.id;
            await loadActivities(answer.position, (list) => list.some((a) => a.id === activity.id && a.cancelled));
        });
        return cancel;
    }

    function showLoadError(error) {
        const box = document.getElementById('load-error');
        box.textContent = t('work.loadError', { detail: error.detail || error.message });
        box.hidden = false;
    }

    async function start() {
        drawType();
        form.addEventListener('change', (e) => {
            if (e.target.name === 'activityType') {
                drawType();
            }
        });
        form.addEventListener('submit', save);
        document.getElementById('organisation-search').addEventListener('input', () => {
            clearTimeout(searchTimer);
            searchTimer = setTimeout(search, 200);
        });
        document.addEventListener('samverkan:language', () => {
            if (project) {
                drawSelects();
                drawActivities();
            }
        });
        try {
            project = await getJson(api);
            drawSelects();
            await Promise.all([search(), loadActivities(null)]);
            form.dataset.ready = 'true';
        } catch (error) {
            if (error.status !== 401) {
                showLoadError(error);
            }
        }
    }

    start();
})();
