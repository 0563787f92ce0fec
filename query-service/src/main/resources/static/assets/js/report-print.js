/*
 * A progress report as of one version, for printing or saving as PDF: the answers with their questions'
 * wording, the narratives, the frozen indicator outcomes, the submission receipt, and the chain head
 * and verification verdict as they are at the time of printing.
 */
(function () {
    'use strict';

    const { h, getJson } = window.Samverkan;
    const i18n = window.SamverkanI18n;
    const t = i18n.t;
    const GROUPS = [
        ['general', ['signatory-changed', 'vat-as-cost', 'revenue', 'purchase-agreements', 'depreciation', 'in-kind-contributions']],
        ['methods', ['inclusive-culture', 'target-group-involvement', 'communication', 'external-collaboration', 'organisation-changes']],
        ['workPackages', ['overall-progress', 'goal-conflicts']],
        ['results', ['indicator-data-collection', 'indicator-targets-achievable', 'results-anchoring', 'evaluation']]
    ];

    const page = document.getElementById('print-page');
    const reportId = page.dataset.reportId;
    const projectId = page.dataset.projectId;
    const api = '/api/reports/' + encodeURIComponent(reportId);
    const version = new URLSearchParams(window.location.search).get('version');
    let data = null;

    function draw() {
        const { report, project, verification, receipts, printedAt } = data;
        // the receipt of the last submission up to the printed version, as the submission answered it
        const submitted = receipts.filter((r) => r.version <= report.version).pop();
        const wpNames = new Map((project.workPackages || []).map((w) => [String(w.number), w.name]));
        document.getElementById('printout').replaceChildren(
            h('h1', { text: t('report.heading', { number: report.number, from: i18n.date(report.periodStart), to: i18n.date(report.periodEnd) }) }),
            h('dl', { class: 'print-facts' },
                h('dt', { text: t('print.project') }), h('dd', { text: project.name + ' (' + (project.caseId || project.id) + ')' }),
                h('dt', { text: t('print.version') }), h('dd', { 'data-testid': 'print-version', text: t('print.versionOf', {
                    version: report.version, latest: report.latestVersion, at: i18n.instant(report.changedAt) }) }),
                h('dt', { text: t('print.status') }), h('dd', { text: t('audit.status.' + report.status) }),
                report.signatory ? [h('dt', { text: t('report.signatory') }), h('dd', { text: report.signatory })] : null),
            ...GROUPS.map(([key, questions]) => h('section', { class: 'card print-group', 'data-testid': 'print-group-' + key },
                h('h2', { text: t('report.group.' + key) }),
                h('dl', {}, questions.map((q) => {
                    const given = (report.answers || {})[q];
                    return [h('dt', { text: t('question.' + q) }),
                        h('dd', {}, h('strong', { text: given ? t('answer.' + given.answer) : t('report.unanswered') }),
                            given && given.text ? ' – ' + given.text : '')];
                })),
                key === 'workPackages' ? h('div', {}, h('h3', { text: t('report.narratives') }),
                    Object.entries(report.workPackages || {}).map(([n, w]) => h('div', { class: 'question' },
                        h('h4', { text: t('work.workPackage', { number: n, name: wpNames.get(n) || '' }) }),
                        h('p', {}, h('span', { class: 'label', text: t('report.result') + ': ' }), w.result || t('common.none')),
                        h('p', {}, h('span', { class: 'label', text: t('report.obstacles') + ': ' }), w.obstacles || t('common.none'))))) : null,
                key === 'results' && Array.isArray(report.indicators) ? h('table', { class: 'data-table' },
                    h('caption', { text: t('report.indicators.frozen') }),
                    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('report.indicator') }),
                        h('th', { scope: 'col', text: t('report.indicator.total') }), h('th', { scope: 'col', text: t('report.indicator.target') }))),
                    h('tbody', {}, report.indicators.map((i) => h('tr', {}, h('td', { text: i.name }),
                        h('td', { text: i18n.number(Number(i.total || 0)) + (i.unit ? ' ' + i.unit : '') }),
                        h('td', { text: i18n.number(Number(i.target || 0)) }))))) : null)),
            h('section', { class: 'card', 'data-testid': 'print-proof' },
                h('h2', { text: t('print.proof') }),
                submitted ? h('p', { 'data-testid': 'print-receipt' }, t('print.receipt', { version: submitted.version, at: i18n.instant(submitted.submittedAt) }),
                    h('br'), h('span', { class: 'secret', 'data-testid': 'print-receipt-chain-head', text: submitted.chainHead })) : h('p', { text: t('print.noReceipt') }),
                h('p', { 'data-testid': 'print-verdict', class: verification.valid ? 'verdict verdict-intact' : 'verdict verdict-broken',
                    text: verification.valid ? t('audit.verification.valid', { events: verification.events })
                        : t('audit.verification.broken', { version: verification.firstBrokenVersion, problem: verification.problem || '' }) }),
                h('p', {}, t('audit.verification.head') + ' ', h('span', { class: 'secret', text: verification.chainHead })),
                h('p', { class: 'muted small', text: t('print.printedAt', { at: i18n.instant(printedAt) }) })));
        page.dataset.ready = 'true';
    }

    async function start() {
        document.getElementById('print-button').addEventListener('click', () => window.print());
        document.addEventListener('samverkan:language', () => data && draw());
        try {
            const [report, verification, receipts, project] = await Promise.all([
                getJson(api + (version ? '?version=' + encodeURIComponent(version) : '')),
                getJson(api + '/verification'), getJson(api + '/receipts'),
                getJson('/api/projects/' + encodeURIComponent(projectId))]);
            report.version = version ? Number(version) : report.latestVersion;
            data = { report, verification, receipts, project, printedAt: new Date().toISOString() };
            draw();
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
