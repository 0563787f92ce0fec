/*
 * The audit trail of one progress report: the verification of its hash chain (and of a receipt the
 * reader holds), the report as of any version, and a timeline of who changed what and when. Everything
 * comes from the audit API, which rebuilds it from the event store.
 */
(function () {
    'use strict';

    const { h, getJson } = window.Samverkan;
    const i18n = window.SamverkanI18n;
    const main = document.getElementById('audit');
    const reportId = main.dataset.reportId;
    const api = '/api/reports/' + encodeURIComponent(reportId);
    let history = null;
    let verification = null;
    let shownVersion = null;
    let shownState = null;

    function eventLabel(type) {
        return i18n.has('audit.event.' + type) ? i18n.t('audit.event.' + type) : type;
    }

    function statusLabel(status) {
        return i18n.has('audit.status.' + status) ? i18n.t('audit.status.' + status) : status;
    }

    /** Token holders' names by token id (the history keeps the ids; names make it readable). */
    let holders = {};

    function questionText(key) {
        return i18n.has('question.' + key) ? i18n.t('question.' + key) : key;
    }

    function answerWord(answer) {
        return i18n.has('answer.' + answer) ? i18n.t('answer.' + answer) : answer;
    }

    /** A changed field in words: answers.KEY.answer names its question. */
    function fieldWords(field) {
        const answer = /^answers\.([^.]+)\./.exec(field || '');
        return answer && i18n.has('question.' + answer[1]) ? questionText(answer[1]) : null;
    }

    function changeValue(field, value) {
        return /\.answer$/.test(field || '') && typeof value === 'string' ? answerWord(value) : valueText(value);
    }

    function valueText(value) {
        if (value === null || value === undefined || value === '') {
            return i18n.t('audit.empty');
        }
        return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }

    function renderHeader(state) {
        const header = document.getElementById('report-header');
        header.replaceChildren(
            h('h1', { id: 'report-name', text: i18n.t('audit.report', { number: state.number }) }),
            h('div', { class: 'meta' },
                h('span', { class: 'chip' }, i18n.t('audit.project') + ' ', h('a', { href: '/projects/' + encodeURIComponent(state.projectId), text: state.projectId })),
                h('span', { class: 'chip' }, i18n.t('audit.period') + ' ', h('strong', { text: i18n.date(state.periodStart) + ' – ' + i18n.date(state.periodEnd) })),
                h('span', { class: 'badge status-' + state.status.toLowerCase(), 'data-testid': 'report-status', text: statusLabel(state.status) })));
        header.hidden = false;
    }

    function renderVerification() {
        const box = document.getElementById('verification');
        const intact = verification.valid;
        box.replaceChildren(h('p', { class: intact ? 'verdict verdict-intact' : 'verdict verdict-broken', 'data-testid': 'verification',
            'data-valid': String(intact) },
        intact
            ? i18n.t('audit.verification.valid', { events: i18n.number(verification.events) })
            : i18n.t('audit.verification.broken', { version: verification.firstBrokenVersion, problem: verification.problem || '' })),
        verification.chainHead ? h('p', { class: 'small muted' }, i18n.t('audit.verification.head') + ' ', h('code', { text: verification.chainHead })) : null);
    }

    function renderVersionPicker() {
        const picker = document.getElementById('version-picker');
        picker.replaceChildren(...history.events.slice().reverse().map((event) => h('option', { value: event.version,
            selected: event.version === shownVersion },
        i18n.t('audit.version', { n: event.version }) + ' · ' + eventLabel(event.type) + ' · ' + i18n.instant(event.at))));
    }

    function renderState() {
        const state = shownState;
        const answers = Object.entries(state.answers || {});
        const narratives = Object.entries(state.workPackages || {});
        document.getElementById('state').replaceChildren(
            h('p', {}, i18n.t('audit.state.status') + ': ', h('strong', { 'data-testid': 'state-status', text: statusLabel(state.status) }),
                ' · ' + i18n.t('audit.state.changedAt') + ' ' + i18n.instant(state.changedAt)),
            h('h3', { text: i18n.t('audit.state.answers') }),
            answers.length === 0 ? h('p', { class: 'muted', text: i18n.t('audit.state.none') }) :
                h('table', { class: 'data-table', 'data-testid': 'state-answers' },
                    h('thead', {}, h('tr', {}, h('th', { text: i18n.t('audit.state.question') }), h('th', { text: i18n.t('audit.state.answer') }), h('th', { text: i18n.t('audit.state.text') }))),
                    h('tbody', {}, answers.map(([key, answer]) => h('tr', { 'data-question': key },
                        h('td', {}, questionText(key), h('div', { class: 'small muted', text: key })), h('td', { text: answerWord(answer.answer) }), h('td', { class: 'answer-text', text: answer.text || '' }))))),
            h('h3', { text: i18n.t('audit.state.narratives') }),
            narratives.length === 0 ? h('p', { class: 'muted', text: i18n.t('audit.state.none') }) :
                h('table', { class: 'data-table' },
                    h('thead', {}, h('tr', {}, h('th', { text: i18n.t('audit.state.workPackage') }), h('th', { text: i18n.t('audit.state.result') }), h('th', { text: i18n.t('audit.state.obstacles') }))),
                    h('tbody', {}, narratives.map(([number, narrative]) => h('tr', {},
                        h('td', { text: number }), h('td', { text: narrative.result || '' }), h('td', { text: narrative.obstacles || '' }))))));
    }

    function renderTimeline() {
        document.getElementById('timeline').replaceChildren(...history.events.map((event) => h('li', {
            class: event.lifecycleStep ? 'audit-event lifecycle' : 'audit-event', 'data-version': event.version },
        h('div', { class: 'change-head' },
            h('span', { class: 'change-type', text: i18n.t('audit.version', { n: event.version }) + ' · ' + eventLabel(event.type) }),
            event.lifecycleStep ? h('span', { class: 'badge', text: i18n.t('audit.lifecycle') }) : null,
            h('span', { class: 'small muted', text: i18n.instant(event.at) })),
        h('div', { class: 'small muted' }, i18n.t('audit.by', { user: holders[event.userId] || event.userId || '?', role: event.role || '?' }),
            holders[event.userId] ? h('code', { class: 'token-id', text: ' ' + event.userId }) : null),
        h('ul', { class: 'plain-list audit-changes' }, event.changes.map((change) => h('li', {},
            fieldWords(change.field) ? h('span', { class: 'field-words', text: fieldWords(change.field) + ' ' }) : null,
            h('code', { text: change.field }), ': ',
            h('span', { class: 'old-value', text: changeValue(change.field, change.oldValue) }), ' → ',
            h('span', { class: 'new-value', text: changeValue(change.field, change.newValue) })))))));
    }

    async function showVersion(version) {
        shownVersion = version;
        shownState = await getJson(api + '?version=' + version);
        renderState();
    }

    async function checkReceipt(form) {
        const data = new FormData(form);
        const result = document.getElementById('receipt-result');
        try {
            const checked = await getJson(api + '/verification?receiptVersion=' + encodeURIComponent(data.get('receiptVersion'))
                + '&receiptChainHead=' + encodeURIComponent(data.get('receiptChainHead')));
            const matches = checked.receipt && checked.receipt.matches;
            result.className = matches ? 'verdict verdict-intact' : 'verdict verdict-broken';
            result.dataset.testid = 'receipt-result';
            result.dataset.matches = String(Boolean(matches));
            result.textContent = matches ? i18n.t('audit.receipt.matches') : i18n.t('audit.receipt.differs');
        } catch (e) {
            result.className = 'verdict verdict-broken';
            result.textContent = e.detail || String(e);
        }
    }

    function renderAll() {
        renderHeader(shownState && shownState.version === history.events.length ? shownState : latest);
        renderVerification();
        renderVersionPicker();
        renderState();
        renderTimeline();
    }

    let latest = null;

    async function load() {
        try {
            [history, verification, latest] = await Promise.all([getJson(api + '/history'), getJson(api + '/verification'), getJson(api)]);
            const ids = Array.from(new Set(history.events.map((e) => e.userId).filter(Boolean)));
            holders = ids.length ? await getJson('/api/token-names?ids=' + ids.map(encodeURIComponent).join(',')).catch(() => ({})) : {};
            shownVersion = latest.version;
            shownState = latest;
            document.title = i18n.t('audit.title') + ' · ' + i18n.t('audit.report', { number: latest.number }) + ' · Samverkan';
            document.getElementById('export-link').href = api + '/audit-trail';
            renderAll();
            document.getElementById('audit-loading').hidden = true;
            document.getElementById('audit-content').hidden = false;
        } catch (e) {
            if (e.status === 401) {
                return;
            }
            document.getElementById('audit-loading').hidden = true;
            const error = document.getElementById('load-error');
            error.textContent = i18n.t('audit.error', { detail: e.detail || String(e) });
            error.hidden = false;
        }
    }

    document.getElementById('version-picker').addEventListener('change', (event) => showVersion(Number(event.target.value)));
    document.getElementById('receipt-form').addEventListener('submit', (event) => {
        event.preventDefault();
        checkReceipt(event.target);
    });
    document.addEventListener('samverkan:language', () => {
        if (history) {
            renderAll();
        }
    });
    load();
})();
