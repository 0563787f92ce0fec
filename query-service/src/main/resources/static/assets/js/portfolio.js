/*
 * The portfolio: the projects the caller's token can see (GET /api/projects), each with its period,
 * the time elapsed, its indicators against target and its alerts (from the project's dashboard JSON).
 */
(function () {
    'use strict';

    const { h, getJson, periodProgress, organisationName, alertText } = window.Samverkan;
    const i18n = window.SamverkanI18n;
    const t = i18n.t;
    const PARALLEL_FETCHES = 4;

    const state = { projects: null, details: new Map(), error: null };

    async function load() {
        try {
            const answer = await getJson('/api/projects');
            state.projects = Array.isArray(answer) ? answer : (answer.items || answer.projects || []);
        } catch (error) {
            if (error.status !== 401) {
                state.error = error;
                render();
            }
            return;
        }
        render();
        const queue = [...state.projects];
        const worker = async () => {
            while (queue.length > 0) {
                const project = queue.shift();
                try {
                    state.details.set(project.id, { data: await getJson('/api/projects/' + encodeURIComponent(project.id) + '/dashboard') });
                } catch (error) {
                    if (error.status === 401) {
                        return;
                    }
                    state.details.set(project.id, { error });
                }
                redrawCard(project);
            }
        };
        await Promise.all(Array.from({ length: PARALLEL_FETCHES }, worker));
    }

    function render() {
        const status = document.getElementById('portfolio-status');
        status.removeAttribute('data-i18n');
        const errorBox = document.getElementById('load-error');
        if (state.error) {
            status.hidden = true;
            errorBox.textContent = t('error.load', { detail: state.error.detail || state.error.message });
            errorBox.hidden = false;
            return;
        }
        if (!state.projects) {
            return;
        }
        status.textContent = state.projects.length === 0 ? t('portfolio.empty') : i18n.tn('portfolio.count', state.projects.length);
        document.getElementById('projects').replaceChildren(...state.projects.map(card));
    }

    function redrawCard(project) {
        const old = document.querySelector('[data-project-id="' + CSS.escape(project.id) + '"]');
        if (old) {
            old.replaceWith(card(project));
        }
    }

    function card(project) {
        const href = '/projects/' + encodeURIComponent(project.id);
        const detail = state.details.get(project.id);
        const prefix = 'project-' + project.id + '-';
        return h('article', { class: 'card project-card', 'data-testid': 'project-card-' + project.id, 'data-project-id': project.id },
            h('h2', { class: 'project-title' }, h('a', { href, 'data-testid': 'project-link-' + project.id, text: project.name })),
            h('p', { class: 'meta' },
                h('span', { class: 'chip' }, t('project.case') + ' ', h('strong', { text: project.caseId })),
                project.programme ? h('span', { class: 'chip', text: project.programme }) : null),
            periodProgress(project, prefix),
            project.beneficiary ? h('p', { class: 'small' }, h('span', { class: 'label', text: t('project.beneficiary') + ' ' }), organisationName(project.beneficiary)) : null,
            details(project, detail, prefix),
            h('p', {}, h('a', { class: 'button', href, text: t('portfolio.open') })));
    }

    function details(project, detail, prefix) {
        if (!detail) {
            return h('p', { class: 'muted small', text: t('common.loading') });
        }
        if (detail.error) {
            return h('p', { class: 'muted small', text: t('portfolio.detailsFailed', { detail: detail.error.detail || detail.error.message }) });
        }
        const data = detail.data;
        const alerts = data.alerts || [];
        return h('div', { class: 'project-details' },
            (data.indicators || []).length === 0 ? null : h('ul', { class: 'plain-list mini-indicators' }, data.indicators.map((indicator) => {
                const total = Number(indicator.total) || 0;
                const target = Number(indicator.target) || 0;
                const share = target > 0 ? Math.min(1, total / target) : 0;
                return h('li', { class: indicator.behind ? 'behind' : '' },
                    h('span', { class: 'mini-name', title: indicator.name, text: indicator.name }),
                    h('span', { class: 'mini-bar', 'aria-hidden': 'true' }, h('span', { class: 'mini-fill', style: { width: (share * 100).toFixed(1) + '%' } })),
                    h('span', { class: 'mini-figure', 'data-testid': prefix + 'indicator-' + indicator.code, text: i18n.number(total) + ' / ' + i18n.number(target) }));
            })),
            alerts.length === 0
                ? h('p', { class: 'no-alerts small', 'data-testid': prefix + 'alerts', text: t('portfolio.noAlerts') })
                : h('ul', { class: 'alert-list compact', 'data-testid': prefix + 'alerts' }, alerts.map((alert) =>
                    h('li', { class: 'alert alert-' + String(alert.kind).toLowerCase() }, alertText(alert, data)))));
    }

    document.addEventListener('samverkan:language', render);
    load();
})();
