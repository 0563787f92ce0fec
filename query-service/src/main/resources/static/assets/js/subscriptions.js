/*
 * A caller's own webhook subscriptions (the query service's /api/subscriptions, on this origin): create
 * one and see its secret once, list them, read the delivery log with every attempt, replay since a
 * time, delete.
 */
(function () {
    'use strict';

    const { h, getJson, send, showProblem, clearProblem, showSaved } = window.Samverkan;
    const i18n = window.SamverkanI18n;
    const t = i18n.t;
    const EVENT_TYPES = ['ProjectCreated', 'PartnerJoined', 'WorkPackagePlanned', 'WorkPackageStarted', 'WorkPackageCompleted',
        'WorkPackageReplanned', 'IndicatorDefined', 'IndicatorOutcomeRecorded', 'MeetingHeld', 'WorkshopHeld', 'ActivityCancelled',
        'PilotProposed', 'PilotIncluded', 'PilotConcluded', 'PilotWithdrawn', 'ProgressReportDrafted', 'ReportQuestionAnswered',
        'WorkPackageNarrativeWritten', 'ReportSubmitted', 'ReportReturned', 'ReportApproved'];
    const form = document.getElementById('subscription-form');
    const onQueryService = { queryService: true };
    let subscriptions = [];

    function checkboxes(containerId, name, items) {
        document.getElementById(containerId).replaceChildren(...items.map(([value, label]) => {
            const id = name + '-' + value.replace(/[^A-Za-z0-9-]/g, '_');
            return h('div', { class: 'organisation-option' },
                h('input', { type: 'checkbox', name, value, id }),
                h('label', { for: id, text: label }));
        }));
    }

    function checked(name) {
        return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked')).map((box) => box.value);
    }

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearProblem(form);
        const answer = await send('POST', '/api/subscriptions',
            { url: form.elements.url.value, eventTypes: checked('eventTypes'), projects: checked('projects') }, onQueryService);
        if (!answer.ok) {
            showProblem(form, answer);
            return;
        }
        showSaved(form, t('subscriptions.created'));
        document.getElementById('secret').textContent = answer.body.secret;
        document.getElementById('secret-box').hidden = false;
        document.getElementById('copy-status').textContent = '';
        form.reset();
        await load();
    });

    document.getElementById('copy-secret').addEventListener('click', async () => {
        const status = document.getElementById('copy-status');
        try {
            await navigator.clipboard.writeText(document.getElementById('secret').textContent);
            status.textContent = t('subscriptions.copied');
        } catch (e) {
            // no clipboard (plain http on another host): select it for the reader to copy
            window.getSelection().selectAllChildren(document.getElementById('secret'));
            status.textContent = t('subscriptions.copyYourself');
        }
    });

    /** A status in the reader's language; one this page has no words for as it is. */
    function words(prefix, status) {
        return i18n.has(prefix + status) ? t(prefix + status) : status;
    }

    async function load() {
        subscriptions = await getJson('/api/subscriptions');
        draw();
    }

    function draw() {
        const list = document.getElementById('subscription-list');
        list.replaceChildren(...subscriptions.map(item));
        if (!subscriptions.length) {
            list.append(h('li', { class: 'muted', text: t('subscriptions.none') }));
        }
    }

    function item(s) {
        const log = h('div', { class: 'delivery-log', 'data-testid': 'deliveries-' + s.id, 'aria-live': 'polite' });
        const replay = h('form', { class: 'inline-form', novalidate: true },
            h('label', { for: 'since-' + s.id, class: 'small', text: t('subscriptions.replaySince') }),
            h('input', { id: 'since-' + s.id, name: 'since', type: 'datetime-local', step: 1, required: true }),
            h('button', { type: 'submit', class: 'button quiet', text: t('subscriptions.replay') }),
            h('span', { class: 'form-status', 'data-form-status': true, role: 'status', 'aria-live': 'polite' }));
        replay.addEventListener('submit', async (event) => {
            event.preventDefault();
            clearProblem(replay);
            const local = replay.elements.since.value;
            const since = local ? new Date(local).toISOString() : '';
            const answer = await send('POST', '/api/subscriptions/' + encodeURIComponent(s.id) + '/replay', { since }, onQueryService);
            if (!answer.ok) {
                showProblem(replay, answer);
                return;
            }
            showSaved(replay, t('subscriptions.replayed', { n: answer.body.queued }));
        });
        return h('li', { class: 'work-item', 'data-testid': 'subscription-' + s.id },
            h('div', {}, h('strong', { text: s.url }), ' ', h('span', { class: 'badge', text: words('subscription.status.', s.status) })),
            h('div', { class: 'muted small', text: t('subscriptions.summary', {
                projects: (s.projects || []).join(', '),
                types: (s.eventTypes || []).length ? s.eventTypes.join(', ') : t('subscriptions.allTypes') }) }),
            s.statusReason ? h('div', { class: 'small', text: s.statusReason }) : null,
            h('div', { class: 'inline-form' },
                h('button', { type: 'button', class: 'button quiet', 'data-testid': 'show-deliveries-' + s.id, text: t('subscriptions.deliveries'),
                    onclick: () => deliveries(s, log) }),
                h('button', { type: 'button', class: 'button quiet', 'data-testid': 'delete-' + s.id, text: t('subscriptions.delete'),
                    onclick: async () => {
                        const answer = await send('DELETE', '/api/subscriptions/' + encodeURIComponent(s.id), null, onQueryService);
                        if (answer.ok) {
                            await load();
                        } else {
                            const box = document.getElementById('load-error');
                            box.textContent = (answer.body && (answer.body.detail || answer.body.title)) || String(answer.status);
                            box.hidden = false;
                        }
                    } })),
            replay, log);
    }

    async function deliveries(s, container) {
        const found = await getJson('/api/subscriptions/' + encodeURIComponent(s.id) + '/deliveries');
        if (!found.length) {
            container.replaceChildren(h('p', { class: 'muted small', text: t('subscriptions.noDeliveries') }));
            return;
        }
        container.replaceChildren(h('table', { class: 'data-table' },
            h('caption', { text: t('subscriptions.deliveries') }),
            h('thead', {}, h('tr', {}, ['delivery.event', 'delivery.status', 'delivery.attempts', 'delivery.next'].map((key) =>
                h('th', { scope: 'col', text: t(key) })))),
            h('tbody', {}, found.map((d) => h('tr', {},
                h('td', {}, d.eventType, h('div', { class: 'muted small', text: i18n.instant(d.eventTime) })),
                h('td', { 'data-status': d.status, text: words('delivery.status.', d.status) + (d.lastStatusCode ? ' (' + d.lastStatusCode + ')' : '') }),
                h('td', {}, h('ol', { class: 'plain-list small' }, (d.attemptLog || []).map((a) => h('li', {
                    text: i18n.instant(a.at) + ': ' + (a.statusCode ? 'HTTP ' + a.statusCode : (a.error || '')) + ' · ' + a.durationMs + ' ms' })))),
                h('td', { text: d.nextAttemptAt ? i18n.instant(d.nextAttemptAt) : t('common.none') }))))));
    }

    async function start() {
        document.addEventListener('samverkan:language', draw);
        try {
            const projects = await getJson('/api/projects');
            const list = Array.isArray(projects) ? projects : (projects.projects || []);
            checkboxes('project-options', 'projects', list.map((p) => [p.id, p.name ? p.name + ' (' + p.id + ')' : p.id]));
            checkboxes('type-options', 'eventTypes', EVENT_TYPES.map((type) => [type, type]));
            await load();
            document.getElementById('subscriptions-page').dataset.ready = 'true';
        } catch (error) {
            if (error.status !== 401) {
                const box = document.getElementById('load-error');
                box.textContent = t('work.loadError', { detail: error.detail || error.message });
                box.hidden = false;
            }
        }
    }

    start();
})();
