/* The dashboard's links to what the signed-in caller may do in this project (the pages check again). */
(function () {
    'use strict';

    const { h, caller } = window.Samverkan;
    const t = window.SamverkanI18n.t;
    const nav = document.getElementById('work-links');
    // on a project's dashboard: that project's pages; on the portfolio: the pages that span projects
    const onProject = window.location.pathname.startsWith('/projects/');
    const projectId = onProject ? decodeURIComponent(window.location.pathname.replace(/^\/projects\//, '').replace(/\/+$/, '')) : null;
    const base = '/projects/' + encodeURIComponent(projectId);
    let me = null;

    function draw() {
        if (!me) {
            return;
        }
        const writes = me.role === 'COORDINATOR' || me.role === 'ADMIN';
        const links = [
            onProject && writes && ['activity', base + '/activities/new'],
            onProject && writes && ['manage', base + '/manage'],
            onProject && ['reports', base + '/reports'],
            (me.role === 'AUDITOR' || me.role === 'ADMIN') && ['reviews', '/reviews'],
            me.role !== 'AUDITOR' && ['subscriptions', '/subscriptions']
        ].filter(Boolean);
        nav.replaceChildren(...links.map(([key, href]) =>
            h('a', { class: 'button', href, 'data-testid': 'link-' + key, text: t('work.link.' + key) })));
        nav.setAttribute('aria-label', t('work.links'));
        nav.hidden = links.length === 0;
    }

    caller().then((found) => {
        me = found;
        draw();
    }).catch(() => {
        // no links then; the dashboard itself shows why it cannot load
    });
    document.addEventListener('samverkan:language', draw);
})();
