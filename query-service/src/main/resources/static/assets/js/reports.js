/* A project's progress reports; a coordinator starts the next one here (POST /api/projects/{p}/reports). */
(function () {
    'use strict';

    const { h, getJson, send, caller, showProblem, clearProblem } = window.Samverkan;
    const i18n = window.SamverkanI18n;
    const t = i18n.t;

    const page = document.getElementById('reports-page');
    const projectId = page.dataset.projectId;
    const api = '/api/projects/' + encodeURIComponent(projectId);
    const form = document.getElementById('new-report-form');
    let reports = [];
    let project = null;
    let me = null;

    function draw() {
        const list = document.getElementById('report-list');
        // a partner reads the list; the reports themselves are for coordinators and auditors (WorkPages)
        const opens = !me || me.role !== 'PARTNER';
        list.replaceChildren(...reports.map((r) => h('li', { class: 'work-item', 'data-testid': 'report-' + r.number },
            h(opens ? 'a' : 'span', { href: opens ? '/reports/' + encodeURIComponent(r.reportId) : null, text: t('report.heading', {
                number: r.number, from: i18n.date(r.periodStart), to: i18n.date(r.periodEnd) }) }),
            ' ', h('span', { class: 'badge', text: t('audit.status.' + r.status) }),
            r.submittedAt ? h('span', { class: 'muted small', text: ' ' + t('reports.submittedAt', { at: i18n.instant(r.submittedAt) }) }) : null)));
        if (!reports.length) {
            list.append(h('li', { class: 'muted', text: t('reports.none') }));
        }
    }

    function suggest() {
        const next = reports.reduce((max, r) => Math.max(max, Number(r.number)), 0) + 1;
        form.elements.number.value = next;
        const last = reports[reports.length - 1];
        if (last) {
            const after = new Date(Date.parse(last.periodEnd + 'T00:00:00Z') + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
            form.elements.periodStart.value = after;
        } else if (project) {
            form.elements.periodStart.value = project.periodStart;
        }
        if (project) {
            form.elements.periodStart.min = form.elements.periodEnd.min = project.periodStart;
            form.elements.periodStart.max = form.elements.periodEnd.max = project.periodEnd;
        }
    }

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearProblem(form);
        const e = form.elements;
        const answer = await send('POST', api + '/reports', {
            number: e.number.value === '' ? null : Number(e.number.value),
            periodStart: e.periodStart.value || null, periodEnd: e.periodEnd.value || null
        });
        if (!answer.ok) {
            showProblem(form, answer);
            return;
        }
        // the report page reads the new report from the event store itself, so it is there at once
        window.location.assign('/reports/' + encodeURIComponent(answer.body.id));
    });

    async function start() {
        document.addEventListener('samverkan:language', draw);
        try {
            let found;
            let overview;
            [me, found, overview] = await Promise.all([caller(), getJson(api + '/reports'), getJson(api)]);
            reports = found;
            project = overview;
            draw();
            if (me.role === 'COORDINATOR' || me.role === 'ADMIN') {
                suggest();
                form.hidden = false;
            }
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
