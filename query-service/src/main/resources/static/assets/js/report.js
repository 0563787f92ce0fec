/*
 * A progress report: the coordinator answers the question catalogue (grouped as the funder's form
 * groups it), writes a narrative per work package, sees what is still missing and submits with a
 * signatory, getting the receipt; an auditor returns a submitted report with a reason or approves it
 * with a comment. Every write goes through the query service's forwarding to the command API; the page
 * then reads the report again at the write's position, so it shows what was just saved.
 */
(function () {
    'use strict';

    const { h, getJson, getJsonAfter, send, caller, showProblem, clearProblem, showSaved } = window.Samverkan;
    const i18n = window.SamverkanI18n;
    const t = i18n.t;

    /** The funder's form: its four groups, in its order. */
    const GROUPS = [
        { key: 'general', questions: ['signatory-changed', 'vat-as-cost', 'revenue', 'purchase-agreements', 'depreciation', 'in-kind-contributions'] },
        { key: 'methods', questions: ['inclusive-culture', 'target-group-involvement', 'communication', 'external-collaboration', 'organisation-changes'] },
        { key: 'workPackages', questions: ['overall-progress', 'goal-conflicts'], narratives: true },
        { key: 'results', questions: ['indicator-data-collection', 'indicator-targets-achievable', 'results-anchoring', 'evaluation'], indicators: true }
    ];
    const MANDATORY = ['signatory-changed', 'vat-as-cost', 'revenue', 'purchase-agreements', 'depreciation', 'in-kind-contributions',
        'inclusive-culture', 'target-group-involvement', 'communication', 'external-collaboration', 'organisation-changes'];
    const ANSWERS = ['YES', 'NO', 'NOT_APPLICABLE'];

    const page = document.getElementById('report-page');
    const reportId = page.dataset.reportId;
    const projectId = page.dataset.projectId;
    const reportApi = '/api/reports/' + encodeURIComponent(reportId);
    let me = null;
    let report = null;
    let project = null;
    let indicators = [];
    let receipt = null;

    const editable = () => report && (me.role === 'COORDINATOR' || me.role === 'ADMIN') && (report.status === 'DRAFT' || report.status === 'RETURNED');
    const decidable = () => report && (me.role === 'AUDITOR' || me.role === 'ADMIN') && report.status === 'SUBMITTED';

    function missing() {
        return MANDATORY.filter((key) => !(report.answers || {})[key]);
    }

    // ---- drawing

    function draw() {
        document.getElementById('report-heading').textContent = t('report.heading', {
            number: report.number, from: i18n.date(report.periodStart), to: i18n.date(report.periodEnd)
        });
        const status = document.getElementById('report-status');
        status.textContent = t('report.status', { status: t('audit.status.' + report.status) });
        status.dataset.status = report.status;
        drawDecision();
        document.getElementById('report-body').replaceChildren(...GROUPS.map(group));
        drawMissing();
        document.getElementById('submission-form').hidden = !editable();
        document.getElementById('return-form').hidden = !decidable();
        document.getElementById('approval-form').hidden = !decidable();
        drawReceipt();
        page.dataset.version = report.latestVersion;
    }

    function drawDecision() {
        const lifecycle = report.lifecycle || {};
        const section = document.getElementById('decision');
        const text = document.getElementById('decision-text');
        if (report.status === 'RETURNED') {
            text.textContent = t('report.returnedWith', { reason: lifecycle.returnReason || '' });
        } else if (report.status === 'APPROVED') {
            text.textContent = t('report.approvedWith', { comment: lifecycle.approvalComment || '', at: i18n.instant(lifecycle.approvedAt) });
        } else {
            section.hidden = true;
            return;
        }
        section.hidden = false;
    }

    function group(g) {
        return h('section', { class: 'card report-group', 'aria-labelledby': 'group-' + g.key, 'data-testid': 'group-' + g.key },
            h('h2', { id: 'group-' + g.key, text: t('report.group.' + g.key) }),
            g.questions.map(question),
            g.narratives ? narratives() : null,
            g.indicators ? indicatorOutcomes() : null);
    }

    function question(key) {
        const given = (report.answers || {})[key];
        const mandatory = MANDATORY.includes(key);
        const legend = h('legend', {}, t('question.' + key), mandatory ? h('span', { class: 'muted', text: ' *', title: t('report.mandatory') }) : null);
        if (!editable()) {
            return h('div', { class: 'question', 'data-testid': 'question-' + key },
                h('p', { class: 'question-text' }, legend.textContent),
                h('p', {}, h('strong', { text: given ? t('answer.' + given.answer) : t('report.unanswered') }),
                    given && given.text ? ' – ' + given.text : ''));
        }
        const form = h('form', { class: 'question work-form', novalidate: true, 'data-testid': 'question-' + key },
            h('fieldset', { class: 'answers' }, legend,
                ANSWERS.map((answer) => {
                    const id = 'answer-' + key + '-' + answer;
                    return h('span', { class: 'answer-choice' },
                        h('input', { type: 'radio', id, name: 'answer', value: answer, checked: given && given.answer === answer }),
                        h('label', { for: id, text: ' ' + t('answer.' + answer) }));
                })),
            h('div', { class: 'field' },
                h('label', { for: 'text-' + key, text: t('report.answerText') }),
                h('textarea', { id: 'text-' + key, name: 'text', rows: 2, maxlength: 10000 }, given ? given.text || '' : '')),
            h('p', { class: 'form-status', 'data-form-status': true, role: 'status', 'aria-live': 'polite' }),
            h('button', { type: 'submit', class: 'button', 'data-testid': 'save-' + key, text: t('report.saveAnswer') }));
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            const chosen = form.querySelector('input[name=answer]:checked');
            write(form, 'PUT', reportApi + '/answers/' + encodeURIComponent(key),
                { answer: chosen ? chosen.value : null, text: form.elements.text.value });
        });
        return form;
    }

    function narratives() {
        const workPackages = (project && project.workPackages) || [];
        return h('div', { class: 'narratives' },
            h('h3', { text: t('report.narratives') }),
            workPackages.map((wp) => {
                const given = (report.workPackages || {})[String(wp.number)] || {};
                const title = t('work.workPackage', { number: wp.number, name: wp.name });
                if (!editable()) {
                    return h('div', { class: 'question', 'data-testid': 'narrative-' + wp.number },
                        h('h4', { text: title }),
                        h('p', {}, h('span', { class: 'label', text: t('report.result') + ': ' }), given.result || t('common.none')),
                        h('p', {}, h('span', { class: 'label', text: t('report.obstacles') + ': ' }), given.obstacles || t('common.none')));
                }
                const form = h('form', { class: 'question work-form', novalidate: true, 'data-testid': 'narrative-' + wp.number },
                    h('h4', { text: title }),
                    h('div', { class: 'field' },
                        h('label', { for: 'result-' + wp.number, text: t('report.result') }),
                        h('textarea', { id: 'result-' + wp.number, name: 'result', rows: 3, maxlength: 10000 }, given.result || '')),
                    h('div', { class: 'field' },
                        h('label', { for: 'obstacles-' + wp.number, text: t('report.obstacles') }),
                        h('textarea', { id: 'obstacles-' + wp.number, name: 'obstacles', rows: 2, maxlength: 10000 }, given.obstacles || '')),
                    h('p', { class: 'form-status', 'data-form-status': true, role: 'status', 'aria-live': 'polite' }),
                    h('button', { type: 'submit', class: 'button', 'data-testid': 'save-narrative-' + wp.number, text: t('report.saveNarrative') }));
                form.addEventListener('submit', (event) => {
                    event.preventDefault();
                    write(form, 'PUT', reportApi + '/work-packages/' + wp.number,
                        { result: form.elements.result.value, obstacles: form.elements.obstacles.value });
                });
                return form;
            }));
    }

    function indicatorOutcomes() {
        const frozen = Array.isArray(report.indicators) && report.indicators.length > 0;
        const rows = frozen ? report.indicators : indicators;
        return h('div', { class: 'indicator-outcomes', 'data-testid': 'report-indicators' },
            h('h3', { text: frozen ? t('report.indicators.frozen') : t('report.indicators.now') }),
            h('table', { class: 'data-table' },
                h('thead', {}, h('tr', {},
                    h('th', { scope: 'col', text: t('report.indicator') }),
                    h('th', { scope: 'col', text: t('report.indicator.total') }),
                    h('th', { scope: 'col', text: t('report.indicator.target') }))),
                h('tbody', {}, rows.map((row) => h('tr', {},
                    h('td', { text: row.name }),
                    h('td', { text: i18n.number(Number(row.total || 0)) + (row.unit ? ' ' + row.unit : '') }),
                    h('td', { text: i18n.number(Number(row.target || 0)) }))))));
    }

    function drawMissing() {
        const section = document.getElementById('missing');
        const list = document.getElementById('missing-list');
        const keys = editable() ? missing() : [];
        list.replaceChildren(...keys.map((key) => h('li', {},
            h('a', { href: '#answer-' + key + '-YES', text: t('question.' + key) }))));
        section.hidden = !editable();
        if (editable() && !keys.length) {
            list.replaceChildren(h('li', { text: t('report.nothingMissing') }));
        }
    }

    function drawReceipt() {
        const section = document.getElementById('receipt');
        if (!receipt) {
            section.hidden = true;
            return;
        }
        const fields = document.getElementById('receipt-fields');
        fields.replaceChildren(
            h('dt', { text: t('report.receipt.version') }), h('dd', { 'data-testid': 'receipt-version', text: String(receipt.version) }),
            h('dt', { text: t('report.receipt.submittedAt') }), h('dd', { text: i18n.instant(receipt.submittedAt) }),
            h('dt', { text: t('report.receipt.chainHead') }), h('dd', { class: 'secret', 'data-testid': 'receipt-chain-head', text: receipt.chainHead }));
        const link = document.getElementById('receipt-download');
        if (link.href && link.href.startsWith('blob:')) {
            URL.revokeObjectURL(link.href);
        }
        link.href = URL.createObjectURL(new Blob([JSON.stringify(receipt, null, 2)], { type: 'application/json' }));
        link.setAttribute('download', 'receipt-' + reportId + '-v' + receipt.version + '.json');
        section.hidden = false;
    }

    // ---- writing and reading again

    async function write(form, method, path, body, after) {
        clearProblem(form);
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        try {
            const answer = await send(method, path, body);
            if (!answer.ok) {
                showProblem(form, answer);
                return null;
            }
            showSaved(form, t('report.saved'));
            if (after) {
                after(answer);
            }
            await load(answer.position, !after);
            return answer;
        } catch (error) {
            if (error.status !== 401) {
                showProblem(form, { status: error.status, body: { detail: error.detail } });
            }
            return null;
        } finally {
            button.disabled = false;
        }
    }

    /** Reads the report again; a small write redraws only the status and what is missing, keeping what is typed elsewhere. */
    async function load(position, partial) {
        const before = report && report.status;
        report = await getJsonAfter(reportApi, position);
        if (report.status === 'SUBMITTED' || report.status === 'APPROVED') {
            if (!receipt || before !== report.status) {
                receipt = await latestReceipt();
            }
        } else {
            receipt = null;
        }
        if (partial && before === report.status) {
            page.dataset.version = report.latestVersion;
            drawMissing();
            return;
        }
        draw();
    }

    /** The latest submission's receipt as the submission answered it (its chain head is the submission event's own hash). */
    async function latestReceipt() {
        const receipts = await getJson(reportApi + '/receipts');
        return receipts.length ? receipts[receipts.length - 1] : null;
    }

    function wireDecisionForms() {
        const submission = document.getElementById('submission-form');
        submission.addEventListener('submit', (event) => {
            event.preventDefault();
            write(submission, 'POST', reportApi + '/submission', { signatory: submission.elements.signatory.value }, (answer) => {
                receipt = answer.body;
            });
        });
        const returning = document.getElementById('return-form');
        returning.addEventListener('submit', (event) => {
            event.preventDefault();
            write(returning, 'POST', reportApi + '/return', { reason: returning.elements.reason.value }, () => {
                returning.elements.reason.value = '';
            });
        });
        const approval = document.getElementById('approval-form');
        approval.addEventListener('submit', (event) => {
            event.preventDefault();
            write(approval, 'POST', reportApi + '/approval', { comment: approval.elements.comment.value }, () => {});
        });
    }

    /** What is typed or chosen but not saved yet, so that switching the language (which redraws the forms) keeps it. */
    function typedValues() {
        return Array.from(document.querySelectorAll('#report-body textarea, #report-body input[type=radio]:checked'))
            .map((e) => [e.id, e.type === 'radio' ? true : e.value]);
    }

    function restore(typed) {
        typed.forEach(([id, value]) => {
            const element = document.getElementById(id);
            if (element && value === true) {
                element.checked = true;
            } else if (element) {
                element.value = value;
            }
        });
    }

    async function start() {
        wireDecisionForms();
        document.addEventListener('samverkan:language', () => {
            if (report) {
                const typed = typedValues();
                draw();
                restore(typed);
            }
        });
        try {
            me = await caller();
            [project, indicators] = await Promise.all([
                getJson('/api/projects/' + encodeURIComponent(projectId)),
                getJson('/api/projects/' + encodeURIComponent(projectId) + '/indicators').then((found) => found.indicators || found)
                    .catch(() => [])
            ]);
            await load(null, false);
            page.dataset.ready = 'true';
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
