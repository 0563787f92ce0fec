/* An auditor's inbox: the submitted reports of its projects, the longest waiting first (GET /api/reviews). */
(function () {
    'use strict';

    const { h, getJson } = window.Samverkan;
    const i18n = window.SamverkanI18n;
    const t = i18n.t;
    let reviews = [];

    function draw() {
        const list = document.getElementById('review-list');
        list.replaceChildren(...reviews.map((r) => h('li', { class: 'work-item', 'data-testid': 'review-' + r.reportId },
            h('a', { href: '/reports/' + encodeURIComponent(r.reportId), text: t('reviews.item', { project: r.projectName || r.projectId, number: r.number }) }),
            h('span', { class: 'muted small', text: ' ' + t('reports.submittedAt', { at: i18n.instant(r.submittedAt) }) }))));
        if (!reviews.length) {
            list.append(h('li', { class: 'muted', text: t('reviews.none') }));
        }
    }

    document.addEventListener('samverkan:language', draw);
    getJson('/api/reviews').then((found) => {
        reviews = found;
        draw();
        document.getElementById('reviews-page').dataset.ready = 'true';
    }).catch((error) => {
        if (error.status !== 401) {
            const box = document.getElementById('load-error');
            box.textContent = t('work.loadError', { detail: error.detail || error.message });
            box.hidden = false;
        }
    });
})();
