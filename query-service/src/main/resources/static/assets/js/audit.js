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

    /** A changed field in words: answers.KEY.answer names its question, workPackages.N.result its work package. */
    function fieldWords(field) {
        const answer = /^answers\.([^.]+)\./.exec(field || '');
        if (answer) {
            return i18n.has('question.' + answer[1]) ? questionText(answer[1]) : null;
        }
        const narrative = /^workPackages\.(\d+)\.(result|obstacles)$/.exec(field || '');
        return narrative ? i18n.t('history.field.' + narrative[2], { number: narrative[1] }) : null;
    }

    function roleWord(role) {
        return i18n.has('tokenRole.' + role) ? i18n.t('tokenRole.' + role) : (role || '?');
    }

    function holder(event) {
        return holders[event.userId] || event.userId || '?';
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
        i18n.t('audit.version', { n: event.version }) + ' · ' + eventLabel(event.type) + ' · ' + (event.at ? i18n.instant(event.at) : '?'))));
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
            h('span', { class: 'small muted', text: event.at ? i18n.instant(event.at) : '?' })),
        h('div', { class: 'small muted' }, i18n.t('audit.by', { user: holder(event), role: roleWord(event.role) }),
            holders[event.userId] ? h('code', { class: 'token-id', text: ' ' + event.userId }) : null),
        h('ul', { class: 'plain-list audit-changes' }, event.changes.map((change) => h('li', {},
            fieldWords(change.field) ? h('span', { class: 'field-words', text: fieldWords(change.field) + ' ' }) : null,
            h('code', { text: change.field }), ': ',
            h('span', { class: 'old-value', text: changeValue(change.field, change.oldValue) }), ' → ',
            h('span', { class: 'new-value', text: changeValue(change.field, change.newValue) })))))));
    }

    /** Every submission with its receipt; from the second on, a way to see what changed since the one before. */
    function renderSubmissions() {
        const submissions = history.events.filter((e) => e.type === 'ReportSubmitted');
        const list = document.getElementById('submissions');
        if (!submissions.length) {
            list.replaceChildren(h('li', { class: 'muted', text: i18n.t('history.submissions.none') }));
            return;
        }
        list.replaceChildren(...submissions.map((event, index) => {
            const receipt = receipts.find((r) => r.version === event.version);
            const before = submissions[index - 1];
            return h('li', { class: 'work-item', 'data-testid': 'submission-' + event.version, 'data-version': event.version },
                h('strong', { text: i18n.t('history.submission', { n: index + 1, version: event.version,
                    at: i18n.instant(receipt ? receipt.submittedAt : event.at), user: holder(event) }) }),
                receipt ? h('div', { class: 'small' }, i18n.t('report.receipt.chainHead') + ' ', h('code', { class: 'chain-head', text: receipt.chainHead })) : null,
                h('div', { class: 'work-links' },
                    h('a', { href: '/reports/' + encodeURIComponent(reportId) + '/print?version=' + event.version, text: i18n.t('history.submission.print') }),
                    before ? h('a', { href: '#diff-heading', 'data-testid': 'compare-' + event.version, text: i18n.t('history.submission.compare'),
                        onclick: (e) => {
                            e.preventDefault();
                            compare(before.version, event.version);
                            document.getElementById('diff-heading').scrollIntoView();
                        } }) : null));
        }));
    }

    function renderDiffPickers() {
        const options = (selected) => history.events.map((event) => h('option', { value: event.version, selected: event.version === selected },
            i18n.t('audit.version', { n: event.version }) + ' · ' + eventLabel(event.type)));
        document.getElementById('diff-from').replaceChildren(...options(diffRange.from));
        document.getElementById('diff-to').replaceChildren(...options(diffRange.to));
    }

    function renderDiff() {
        const box = document.getElementById('diff');
        if (!diff) {
            box.replaceChildren();
            return;
        }
        const row = (change) => h('tr', { 'data-field': change.field },
            h('td', {}, fieldWords(change.field) || '', h('div', {}, h('code', { class: 'small', text: change.field }))),
            h('td', { class: 'old-value', text: changeValue(change.field, change.oldValue) }),
            h('td', { class: 'new-value', text: changeValue(change.field, change.newValue) }));
        const table = (changes) => h('table', { class: 'data-table' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: i18n.t('history.diff.field') }),
                h('th', { scope: 'col', text: i18n.t('history.diff.before') }), h('th', { scope: 'col', text: i18n.t('history.diff.after') }))),
            h('tbody', {}, changes.map(row)));
        box.replaceChildren(
            h('p', { 'data-testid': 'diff-summary', text: i18n.t('history.diff.summary', { from: diff.from, to: diff.to, count: diff.changes.length }) }),
            diff.changes.length ? h('div', { class: 'delivery-log', 'data-testid': 'diff-changes' }, table(diff.changes))
                : h('p', { class: 'muted', text: i18n.t('history.diff.none') }),
            diff.lifecycleChanges && diff.lifecycleChanges.length ? h('div', { 'data-testid': 'diff-lifecycle' },
                h('h3', { text: i18n.t('history.diff.lifecycle') }), h('div', { class: 'delivery-log' }, table(diff.lifecycleChanges))) : '');
    }

    /** Reads GET /diff?from=&to= and shows it; a refused pair (e.g. an unknown version) is said on the form. */
    async function compare(from, to) {
        diffRange = { from, to };
        renderDiffPickers();
        const form = document.getElementById('diff-form');
        const status = form.querySelector('[data-form-status]');
        status.className = 'form-status';
        status.textContent = '';
        try {
            diff = await getJson(api + '/diff?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to));
        } catch (e) {
            diff = null;
            status.className = 'form-status error';
            status.textContent = e.detail || String(e);
        }
        renderDiff();
    }

    /** The two latest submissions when there are two, else the last change. */
    function defaultRange() {
        const submissions = history.events.filter((e) => e.type === 'ReportSubmitted');
        if (submissions.length >= 2) {
            return { from: submissions[submissions.length - 2].version, to: submissions[submissions.length - 1].version };
        }
        const last = history.events.length;
        return { from: Math.max(1, last - 1), to: last };
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
        renderSubmissions();
        renderDiffPickers();
        renderDiff();
    }

    let latest = null;
    let receipts = [];
    let diff = null;
    let diffRange = { from: 1, to: 1 };

    async function load() {
        try {
            [history, verification, latest, receipts] = await Promise.all([getJson(api + '/history'), getJson(api + '/verification'), getJson(api),
                getJson(api + '/receipts')]);
            const ids = Array.from(new Set(history.events.map((e) => e.userId).filter(Boolean)));
            holders = ids.length ? await getJson('/api/token-names?ids=' + ids.map(encodeURIComponent).join(',')).catch(() => ({})) : {};
            shownVersion = latest.version;
            shownState = latest;
            document.title = i18n.t('audit.title') + ' · ' + i18n.t('audit.report', { number: latest.number }) + ' · Samverkan';
            document.getElementById('export-link').href = api + '/audit-trail';
            diffRange = defaultRange();
            renderAll();
            await compare(diffRange.from, diffRange.to);
            document.getElementById('audit-loading').hidden = true;
            document.getElementById('audit-content').hidden = false;
            main.dataset.ready = 'true';
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
    document.getElementById('diff-form').addEventListener('submit', (event) => {
        event.preventDefault();
        compare(Number(event.target.elements.from.value), Number(event.target.elements.to.value));
    });
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
